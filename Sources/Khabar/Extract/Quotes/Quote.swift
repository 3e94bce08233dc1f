/// A quotation found in an article body, with who said it as written in the text.
public struct Quote: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        /// The speaker's own words: «…», "…", “…”, or the text after "قال X:".
        case direct
        /// Indirect speech: "قال X إن/أن …".
        case reported
    }

    /// The quoted words (without the quotation marks).
    public let text: String
    /// The speaker as written ("الرئيس الروسي فلاديمير بوتين"), titles included; nil when unknown.
    /// Kept as text so that a later stage can resolve it to an entity.
    public let speakerText: String?
    /// UTF-8 offsets of `speakerText` in the body; for a carried-over speaker ("وأضاف", "قال إنه")
    /// this is where that speaker was last named.
    public let speakerStart: Int?
    public let speakerEnd: Int?
    /// UTF-8 offsets of `text` in the body (paragraphs joined by "\n\n").
    public let start: Int
    public let end: Int
    public let kind: Kind

    public init(text: String, speakerText: String?, speakerStart: Int?, speakerEnd: Int?,
                start: Int, end: Int, kind: Kind) {
        self.text = text
        self.speakerText = speakerText
        self.speakerStart = speakerStart
        self.speakerEnd = speakerEnd
        self.start = start
        self.end = end
        self.kind = kind
    }
}
