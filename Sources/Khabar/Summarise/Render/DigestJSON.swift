extension Digest {
    /// The `khabar digest --format json` document (key order as the README documents it).
    public func json() -> String {
        var bytes: [UInt8] = []
        writeJSON { bytes += $0 }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The same document handed to `sink` in pieces of about a megabyte, as it is written: a
    /// digest of a million articles never sits in memory as one string.
    public func writeJSON(_ sink: ([UInt8]) -> Void) {
        var json = JSONWriter()
        func drainIfLarge() { if json.bytes.count >= 1 << 20 { sink(json.takeBytes()) } }
        json.beginObject()
        json.key("stories")
        json.beginArray()
        for story in stories {
            story.write(to: &json)
            drainIfLarge()
        }
        json.endArray()
        json.key("articles")
        json.beginArray()
        for item in articles {
            item.write(to: &json)
            drainIfLarge()
        }
        json.endArray()
        json.endObject()
        sink(json.takeBytes())
    }
}

extension StoryDigest {
    /// With `settledLater`, the importance and the entities' kinds — known only at the end of a
    /// run — are written as placeholders that `SpilledDigest` fills in.
    public func write(to json: inout JSONWriter, settledLater: Bool = false) {
        json.beginObject()
        json.key("id"); json.value(id)
        json.field("headline", headline)
        json.field("headline_article", headlineArticle)
        json.field("articles", strings: articles)
        json.field("outlets", strings: outlets)
        json.field("first", first?.iso8601)
        json.field("last", last?.iso8601)
        json.key("importance")
        if settledLater { json.raw(SpillFile.placeholder(.importance)) } else { json.value(Self.rounded(importance)) }
        json.objects("summary", summary) { json, sentence in
            json.field("text", sentence.text)
            json.field("article", sentence.article)
            json.field("cited_by", strings: sentence.citedBy)
        }
        json.objects("entities", entities) { json, entity in
            json.entityHead(id: entity.id, name: entity.name, kind: entity.kind, variants: entity.variants,
                            mentions: entity.mentions, kindPlaceholder: settledLater)
            json.field("outlets", strings: entity.outlets)
            json.field("articles", strings: entity.articles)
        }
        json.objects("quotes", quotes) { json, quote in
            json.field("speaker", quote.speaker)
            json.field("speaker_entity", quote.speakerEntity)
            json.field("text", quote.text)
            json.field("variants", strings: quote.variants)
            json.field("sources", strings: quote.sources)
        }
        json.objects("timeline", timeline) { json, entry in
            json.field("date", entry.date)
            json.field("text", entry.text)
            json.field("expression", entry.expression)
            json.key("inferred"); json.value(entry.inferred)
            json.field("sources", strings: entry.sources)
        }
        json.objects("coverage", coverage) { json, fact in
            json.field("fact", fact.fact)
            json.field("outlets", strings: fact.outlets)
            json.field("sources", strings: fact.sources)
        }
        json.objects("contradictions", contradictions) { json, contradiction in
            json.field("fact", contradiction.fact)
            json.field("kind", contradiction.kind)
            json.objects("values", contradiction.values) { json, value in
                json.field("value", value.value)
                json.field("text", value.text)
                json.field("sources", strings: value.sources)
            }
        }
        json.endObject()
    }

    /// Importance as the JSON document gives it: three decimals.
    static func rounded(_ importance: Double) -> Double { (importance * 1000).rounded() / 1000 }
}

extension DigestArticle {
    /// The clean article without its removed blocks, plus its story, the copy it duplicates and
    /// the inferred day (the digest's "articles" entries).
    public func write(to json: inout JSONWriter) {
        article.write(to: &json, includeRemoved: false) { json in
            json.key("story"); json.value(story)
            json.field("duplicate_of", duplicateOf)
            json.field("inferred_published", inferredPublication?.iso8601)
        }
    }
}
