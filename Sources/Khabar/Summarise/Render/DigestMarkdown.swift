extension Digest {
    /// The digest as Markdown, for reading in a terminal or pasting into a note. Citations are
    /// article numbers within the story ([1], [2, 4]); each story ends with its numbered articles.
    public func markdown() -> String {
        let byID = Dictionary(articles.map { ($0.article.id, $0) }, uniquingKeysWith: { first, _ in first })
        var out = "# Khabar digest\n\n\(stories.count) \(stories.count == 1 ? "story" : "stories"), \(articles.count) \(articles.count == 1 ? "article" : "articles").\n"
        for (rank, story) in stories.enumerated() {
            let number = Dictionary(story.articles.enumerated().map { ($0.element, $0.offset + 1) }, uniquingKeysWith: { a, _ in a })
            func cite(_ ids: [String]) -> String {
                "[" + ids.compactMap { number[$0] }.sorted().map(String.init).joined(separator: ", ") + "]"
            }
            out += "\n## \(rank + 1). \(md(story.headline))\n\n"
            let span = [story.first, story.last].map { $0?.iso8601 ?? "?" }
            out += "\(story.articles.count) \(story.articles.count == 1 ? "article" : "articles") · "
                + "\(story.outlets.map(md).joined(separator: "، ")) · \(span[0]) → \(span[1])\n"

            out += "\n### الملخص · Summary\n\n"
            for (i, sentence) in story.summary.enumerated() {
                out += "\(i + 1). \(md(sentence.text)) \(cite(sentence.citedBy))\n"
            }
            if !story.entities.isEmpty {
                out += "\n### من وأين · Entities\n\n| name | kind | spellings | mentions | outlets |\n|---|---|---|---:|---|\n"
                for entity in story.notableEntities.prefix(20) {
                    out += "| \(md(entity.name)) | \(entity.kind.label) | \(entity.variants.map(md).joined(separator: "، ")) | "
                        + "\(entity.mentions) | \(entity.outlets.map(md).joined(separator: "، ")) |\n"
                }
                let more = story.entities.count - min(20, story.notableEntities.count)
                if more > 0 { out += "\n… and \(more) more (mentioned once) in the JSON digest.\n" }
            }
            if !story.quotes.isEmpty {
                out += "\n### التصريحات · Quotes\n"
                var speaker: String?
                for quote in story.quotes {
                    if quote.speaker != speaker {
                        speaker = quote.speaker
                        out += "\n**\(md(quote.speaker))**\n\n"
                    }
                    out += "- «\(md(quote.text))» \(cite(quote.sources))"
                    if !quote.variants.isEmpty {
                        out += " — also: " + quote.variants.map { "«\(md($0))»" }.joined(separator: "; ")
                    }
                    out += "\n"
                }
            }
            if !story.timeline.isEmpty {
                out += "\n### التسلسل الزمني · Timeline\n\n"
                for entry in story.timeline {
                    out += "- **\(entry.date)** (\(md(entry.expression))\(entry.inferred ? ", date inferred from the story" : "")) "
                        + "\(md(entry.text)) \(cite(entry.sources))\n"
                }
            }
            if !story.coverage.isEmpty {
                let outlets = story.outlets
                out += "\n### التغطية · Coverage\n\n| fact | " + outlets.map(md).joined(separator: " | ") + " |\n|---|"
                    + String(repeating: ":-:|", count: outlets.count) + "\n"
                for fact in story.coverage {
                    out += "| \(md(fact.fact)) \(cite(fact.sources)) | "
                        + outlets.map { fact.outlets.contains($0) ? "✓" : " " }.joined(separator: " | ") + " |\n"
                }
                let only = story.exclusiveFacts
                if !only.isEmpty {
                    out += "\nFacts only one outlet reports: " + only.map { "\(md($0.outlet)) \($0.facts)" }.joined(separator: "، ") + "\n"
                }
            }
            if !story.contradictions.isEmpty {
                out += "\n### التناقضات · Contradictions\n\n"
                for c in story.contradictions {
                    out += "- (\(c.kind)) " + c.values.map { "**\(md($0.value))** \(cite($0.sources)): \(md($0.text))" }
                        .joined(separator: " ⟷ ") + "\n"
                }
            }
            out += "\n### المقالات · Articles\n\n"
            for (i, id) in story.articles.enumerated() {
                guard let item = byID[id] else { continue }
                let a = item.article
                var line = "\(i + 1). \(md(a.outlet ?? "outlet unknown")) · \(md(a.title ?? "(no title)")) · "
                if let published = a.published {
                    line += published.iso8601
                } else if let inferred = item.inferredPublication {
                    line += "undated (about \(inferred.iso8601))"
                } else {
                    line += "undated"
                }
                line += " · \(md(a.source.location))"
                if let copy = item.duplicateOf { line += " · copy of [\(number[copy].map(String.init) ?? copy)]" }
                out += line + "\n"
            }
        }
        return out
    }

    /// Article text made inert for Markdown: characters that would start markup or HTML are
    /// backslash-escaped, line breaks become spaces (a table cell or list item stays one line).
    func md(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\", "`", "*", "_", "[", "]", "<", ">", "|", "#", "!":
                out.append("\\")
                out.unicodeScalars.append(scalar)
            case "\n", "\r", "\t":
                out.append(" ")
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

extension ArticleSource {
    /// The path or URL, as written.
    public var location: String {
        switch self {
        case .file(let path): path
        case .url(let url): url
        }
    }
}
