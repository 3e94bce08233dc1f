/// A time expression found in text, with its value when it can be worked out.
public struct DateMention: Sendable, Hashable, Codable {
    /// Wojood's two types: calendar expressions (dates, years, periods) and clock/part-of-day ones.
    public enum Kind: String, Sendable, Hashable, Codable {
        case date
        case time
    }

    /// What the value hangs on, so a later stage can resolve what is still open.
    public enum Anchor: String, Sendable, Hashable, Codable {
        /// Written out in full ("13 سبتمبر 2023", "عام 1948").
        case absolute
        /// Counted from the publication date ("أمس", "الأربعاء", "13 سبتمبر" without a year).
        case publication
        /// A length of time or a vague period ("ثلاث سنوات", "السنوات الماضية"): no single point.
        case none
    }

    /// The expression as written.
    public let text: String
    /// ISO 8601 at the precision the text gives: "2023-09-13", "2023-09-13T08:41", "2023-09",
    /// "2023", "2023-W37", "T15:00"; nil when unresolved (no publication date) or not a point in time.
    public let value: String?
    /// UTF-8 offsets of the expression in the text.
    public let start: Int
    public let end: Int
    public let kind: Kind
    public let anchor: Anchor
    /// "الآن", "حاليا": the moment of writing, not something that happened.
    public var isNow: Bool = false

    public init(text: String, value: String?, start: Int, end: Int, kind: Kind, anchor: Anchor, isNow: Bool = false) {
        self.isNow = isNow
        self.text = text
        self.value = value
        self.start = start
        self.end = end
        self.kind = kind
        self.anchor = anchor
    }
}
