extension Digest {
    /// The `khabar digest --format json` document (key order as the README documents it).
    public func json() -> String {
        var json = JSONWriter()
        json.beginObject()
        json.key("stories")
        json.beginArray()
        for story in stories { story.write(to: &json) }
        json.endArray()
        json.key("articles")
        json.beginArray()
        for item in articles {
            item.article.write(to: &json, includeRemoved: false) { json in
                json.key("story"); json.value(item.story)
                json.field("duplicate_of", item.duplicateOf)
                json.field("inferred_published", item.inferredPublication?.iso8601)
            }
        }
        json.endArray()
        json.endObject()
        return json.string
    }
}

extension StoryDigest {
    public func write(to json: inout JSONWriter) {
        json.beginObject()
        json.key("id"); json.value(id)
        json.field("headline", headline)
        json.field("headline_article", headlineArticle)
        json.field("articles", strings: articles)
        json.field("outlets", strings: outlets)
        json.field("first", first?.iso8601)
        json.field("last", last?.iso8601)
        json.key("importance"); json.value((importance * 1000).rounded() / 1000)
        json.key("summary")
        json.beginArray()
        for sentence in summary {
            json.beginObject()
            json.field("text", sentence.text)
            json.field("article", sentence.article)
            json.field("cited_by", strings: sentence.citedBy)
            json.endObject()
        }
        json.endArray()
        json.key("entities")
        json.beginArray()
        for entity in entities {
            json.beginObject()
            json.entityHead(id: entity.id, name: entity.name, kind: entity.kind, variants: entity.variants,
                            mentions: entity.mentions)
            json.field("outlets", strings: entity.outlets)
            json.field("articles", strings: entity.articles)
            json.endObject()
        }
        json.endArray()
        json.key("quotes")
        json.beginArray()
        for quote in quotes {
            json.beginObject()
            json.field("speaker", quote.speaker)
            json.field("speaker_entity", quote.speakerEntity)
            json.field("text", quote.text)
            json.field("variants", strings: quote.variants)
            json.field("sources", strings: quote.sources)
            json.endObject()
        }
        json.endArray()
        json.key("timeline")
        json.beginArray()
        for entry in timeline {
            json.beginObject()
            json.field("date", entry.date)
            json.field("text", entry.text)
            json.field("expression", entry.expression)
            json.key("inferred"); json.value(entry.inferred)
            json.field("sources", strings: entry.sources)
            json.endObject()
        }
        json.endArray()
        json.key("coverage")
        json.beginArray()
        for fact in coverage {
            json.beginObject()
            json.field("fact", fact.fact)
            json.field("outlets", strings: fact.outlets)
            json.field("sources", strings: fact.sources)
            json.endObject()
        }
        json.endArray()
        json.key("contradictions")
        json.beginArray()
        for contradiction in contradictions {
            json.beginObject()
            json.field("fact", contradiction.fact)
            json.field("kind", contradiction.kind)
            json.key("values")
            json.beginArray()
            for value in contradiction.values {
                json.beginObject()
                json.field("value", value.value)
                json.field("text", value.text)
                json.field("sources", strings: value.sources)
                json.endObject()
            }
            json.endArray()
            json.endObject()
        }
        json.endArray()
        json.endObject()
    }
}
