import Foundation

/// `khabar extract`'s output for a run of any size: each article's facts go as JSON to a
/// `SpillFile` once the catalog has numbered their entities, and the output is put together at
/// the end, when the entities' names, kinds and counts are final. Memory holds the catalog and
/// an offset per article, not every article's facts.
public final class SpilledFacts {
    /// A line per article (`--format jsonl`, names and kinds inline) instead of one document.
    public let lines: Bool
    private let file: SpillFile
    private var spans: [SpillFile.Span] = []

    public init(lines: Bool, directory: String = NSTemporaryDirectory()) throws {
        self.lines = lines
        file = try SpillFile(directory: directory)
    }

    public var count: Int { spans.count }

    /// Keeps one article's facts (their entities numbered by the catalog).
    public func append(_ facts: ArticleFacts) {
        if lines {
            spans.append(file.put(EntityCatalog.jsonLine(facts, entities: [], settledLater: true)))
        } else {
            var json = JSONWriter()
            EntityCatalog.writeArticle(facts, to: &json)
            spans.append(file.put(json.takeBytes()))
        }
    }

    /// Writes the output (ending with a newline) to `sink` in pieces of about a megabyte.
    public func write(entities: [CatalogEntity], _ sink: ([UInt8]) -> Void) throws {
        try file.finishWriting()
        var out: [UInt8] = []
        func drainIfLarge() { if out.count >= 1 << 20 { sink(out); out.removeAll(keepingCapacity: true) } }
        if lines {
            for span in spans {
                try file.settle(file.read(span), into: &out) { tag, id, json in
                    let entity = id >= 0 && id < entities.count ? entities[id] : nil
                    json.value(tag == .name ? entity?.name : entity?.kind.label)
                }
                out.append(0x0A)
                drainIfLarge()
            }
        } else {
            var json = JSONWriter()
            json.beginObject()
            EntityCatalog.writeEntities(entities, to: &json)
            json.key("articles")
            out = json.takeBytes() + Array("[".utf8)
            for (n, span) in spans.enumerated() {
                if n > 0 { out.append(UInt8(ascii: ",")) }
                out += try file.read(span)
                drainIfLarge()
            }
            out += Array("]}\n".utf8)
        }
        sink(out)
    }
}
