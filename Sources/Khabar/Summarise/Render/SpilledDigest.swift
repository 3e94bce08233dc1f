import Foundation

/// The `khabar digest --format json` document of a run too large to hold: each finished story's
/// digest and its articles are written as JSON to an unlinked temporary file as soon as the story
/// can change no more, and the document is put together from it at the end — stories in the
/// final ranking, articles in arrival order. Memory then holds the live window's articles, the
/// per-article offsets and the stories' ranking, not every article's text and facts.
///
/// What is known only at the end (a story's importance, which decays up to the newest article;
/// an entity's kind, the one most of its mentions carry over the whole run) is written as a
/// placeholder — a NUL byte, which JSONWriter never writes raw — and filled in on the way out.
public final class SpilledDigest {
    /// Stories digested before the end of the input.
    public private(set) var finishedEarly = 0
    /// The most articles (with their facts) held at once while reading.
    public private(set) var mostArticlesHeld = 0

    private let file: SpillFile
    private var storySpans: [Int: SpillFile.Span] = [:]
    /// By arrival index.
    private var articleSpans: [SpillFile.Span] = []
    private var articleStories: [Int32] = []
    private var ranked: [StorySummary] = []
    private var entities: [CatalogEntity] = []

    /// One finished story as it goes to the file (made on a worker thread).
    public struct Rendered: Sendable {
        var storyID: Int
        var story: [UInt8]
        var articles: [(index: Int, json: [UInt8])]
    }

    /// Opens the temporary file in `directory` (see `SpillFile`).
    init(directory: String) throws {
        file = try SpillFile(directory: directory)
    }

    @Sendable static func render(_ story: StoryDigest, _ articles: [(index: Int, article: DigestArticle)]) -> Rendered {
        var json = JSONWriter()
        story.write(to: &json, settledLater: true)
        let storyBytes = json.takeBytes()
        let rendered = articles.map { index, article -> (Int, [UInt8]) in
            var json = JSONWriter()
            article.write(to: &json)
            return (index, json.takeBytes())
        }
        return Rendered(storyID: story.id, story: storyBytes, articles: rendered)
    }

    func append(_ stories: [Rendered]) {
        for story in stories {
            storySpans[story.storyID] = file.put(story.story)
            for (index, json) in story.articles {
                if index >= articleSpans.count {
                    articleSpans += repeatElement(SpillFile.Span(offset: 0, length: -1), count: index + 1 - articleSpans.count)
                    articleStories += repeatElement(-1, count: index + 1 - articleStories.count)
                }
                articleSpans[index] = file.put(json)
                articleStories[index] = Int32(story.storyID)
            }
        }
    }

    func seal(ranked: [StorySummary], entities: [CatalogEntity], finishedEarly: Int, mostArticlesHeld: Int) throws {
        try file.finishWriting()
        self.ranked = ranked
        self.entities = entities
        self.finishedEarly = finishedEarly
        self.mostArticlesHeld = mostArticlesHeld
    }

    /// Stories digested, and articles.
    public var storyCount: Int { ranked.count }
    public var articleCount: Int { articleSpans.count }

    /// Writes the document — only stories with at least `minArticles` articles, the first `top`
    /// of them (0: all), and only their articles — to `sink` in pieces of about a megabyte.
    public func writeJSON(minArticles: Int = 1, top: Int = 0, _ sink: ([UInt8]) -> Void) throws {
        var kept = ranked.filter { $0.articleCount >= minArticles }
        if top > 0 { kept = Array(kept.prefix(top)) }
        let keptIDs: Set<Int>? = kept.count == ranked.count ? nil : Set(kept.map(\.id))
        var out: [UInt8] = []
        func drainIfLarge() { if out.count >= 1 << 20 { sink(out); out.removeAll(keepingCapacity: true) } }
        out += Array(#"{"stories":["#.utf8)
        var firstStory = true
        for summary in kept {
            guard let span = storySpans[summary.id] else { continue }
            if !firstStory { out.append(UInt8(ascii: ",")) }
            firstStory = false
            try file.settle(file.read(span), into: &out) { tag, id, json in
                if tag == .importance {
                    json.value(StoryDigest.rounded(summary.importance))
                } else {
                    json.value(StoryDigester.entity(id, in: entities)?.kind.label)
                }
            }
            drainIfLarge()
        }
        out += Array(#"],"articles":["#.utf8)
        var first = true
        for (index, span) in articleSpans.enumerated() where span.length >= 0 {
            if let keptIDs, !keptIDs.contains(Int(articleStories[index])) { continue }
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            out += try file.read(span)
            drainIfLarge()
        }
        out += Array("]}".utf8)
        sink(out)
    }
}
