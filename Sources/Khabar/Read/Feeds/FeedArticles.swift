import Foundation

extension FeedItem {
    /// The item as an article. Its content, else its summary, is read by the HTML reader the way a
    /// page is (plain-text Atom content is taken as it is); the hints come from the item: title,
    /// link, date, authors, and the outlet from the feed's title or, failing that, its host.
    /// `fallbackSource` names the article when the item has no link.
    /// Throws `FeedError.itemWithoutText` or `.itemTooLarge`.
    public func rawArticle(id: String, feed: Feed, fallbackSource: ArticleSource? = nil,
                           maxTextBytes: Int = 10 << 20) throws -> RawArticle {
        let (text, kind) = try articleText(maxTextBytes: maxTextBytes)
        var hints = MetadataHints()
        hints.title = title
        hints.url = link
        hints.published = published
        hints.authors = authors
        hints.outlet = feed.title ?? feed.link.flatMap(FeedURL.host(of:)) ?? link.flatMap(FeedURL.host(of:))
        let source: ArticleSource = link.map { .url($0) } ?? fallbackSource ?? .file(path: id)
        return RawArticle(id: id, source: source, kind: kind, text: text, hints: hints)
    }

    /// The body: the first of content and summary that yields text.
    func articleText(maxTextBytes: Int) throws -> (String, InputKind) {
        for candidate in [content, summary].compactMap({ $0 }) {
            let size = candidate.value.utf8.count
            guard size <= maxTextBytes else { throw FeedError.itemTooLarge(bytes: size, limit: maxTextBytes) }
            switch candidate.kind {
            case .html:
                let blocks = (try? HTMLReader.fragmentBlocks(candidate.value, mainContentOnly: true)) ?? []
                if !blocks.isEmpty { return (blocks.joined(separator: "\n"), .html) }
            case .text:
                let text = candidate.value.trimmingUnicodeWhitespace()
                if !text.isEmpty { return (text, .text) }
            }
        }
        throw FeedError.itemWithoutText
    }
}

/// Feeds as an input of `InputReader`: one article per item, or one error naming the file when the
/// feed cannot be read. An item that fails is an error naming "FILE item N"; the others go on.
enum FeedArticleReader {
    static func read(_ data: Data, name: String, fileID: String, maxFeedBytes: Int, maxArticleBytes: Int,
                     emit: (ReadOutcome) -> Void) {
        let feed: Feed
        do {
            feed = try FeedParser.parse(data: data, baseURL: nil, maxBytes: maxFeedBytes)
        } catch {
            emit(.failure(InputError(input: name, message: "\(error)")))
            return
        }
        guard !feed.items.isEmpty else {
            emit(.failure(InputError(input: name, message: "the feed has no items")))
            return
        }
        var usedIDs: Set<String> = []
        for (index, item) in feed.items.enumerated() {
            let place = "\(name) item \(index + 1)"
            var id = articleID(item, fileID: fileID, number: index + 1)
            // The same guid twice in one feed must not give two articles one id.
            if !usedIDs.insert(id).inserted {
                id += "-\(index + 1)"
                usedIDs.insert(id)
            }
            do {
                emit(.success(try item.rawArticle(id: id, feed: feed, fallbackSource: .file(path: place),
                                                  maxTextBytes: maxArticleBytes)))
            } catch {
                emit(.failure(InputError(input: place, message: "\(error)")))
            }
        }
    }

    /// "FILEID-" and 16 hex digits hashed from the item's id (else its link), so an item keeps its
    /// id from run to run whatever its position; "FILEID-N" for an item with neither.
    static func articleID(_ item: FeedItem, fileID: String, number: Int) -> String {
        guard let key = item.id ?? item.link else { return "\(fileID)-\(number)" }
        let hex = String(TermHash.hash(key), radix: 16)
        return "\(fileID)-" + String(repeating: "0", count: 16 - hex.count) + hex
    }
}
