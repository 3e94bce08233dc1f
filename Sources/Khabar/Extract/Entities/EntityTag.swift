/// The entity kinds ANERcorp annotates.
public enum EntityKind: Int, Sendable, CaseIterable, Codable {
    case person = 0, location, organisation, miscellaneous

    /// The label used in IOB tags: PERS, LOC, ORG, MISC.
    public var label: String {
        switch self {
        case .person: "PERS"
        case .location: "LOC"
        case .organisation: "ORG"
        case .miscellaneous: "MISC"
        }
    }

    public init?(label: Substring) {
        switch label {
        case "PERS", "PER": self = .person
        case "LOC": self = .location
        case "ORG": self = .organisation
        case "MISC": self = .miscellaneous
        default: return nil
        }
    }
}

/// One IOB2 tag as a small index (0 = O, then B/I pairs per kind), so that models index arrays by it.
public struct EntityTag: Hashable, Sendable, CustomStringConvertible {
    public let index: Int

    public static let count = 1 + 2 * EntityKind.allCases.count
    public static let outside = EntityTag(index: 0)
    public static let all = (0..<count).map { EntityTag(index: $0) }

    public init(index: Int) {
        precondition(index >= 0 && index < EntityTag.count)
        self.index = index
    }

    public static func begin(_ kind: EntityKind) -> EntityTag { EntityTag(index: 1 + 2 * kind.rawValue) }
    public static func inside(_ kind: EntityKind) -> EntityTag { EntityTag(index: 2 + 2 * kind.rawValue) }

    /// Parses "O", "B-PERS", "I-LOC", …; nil for anything else.
    public init?(label: Substring) {
        if label == "O" { self = .outside; return }
        guard label.count > 2, label.dropFirst().first == "-",
              let kind = EntityKind(label: label.dropFirst(2)) else { return nil }
        switch label.first {
        case "B": self = .begin(kind)
        case "I": self = .inside(kind)
        default: return nil
        }
    }

    public var kind: EntityKind? { index == 0 ? nil : EntityKind(rawValue: (index - 1) / 2) }
    public var isBegin: Bool { index != 0 && index % 2 == 1 }
    public var isInside: Bool { index != 0 && index % 2 == 0 }

    public var description: String {
        guard let kind else { return "O" }
        return (isBegin ? "B-" : "I-") + kind.label
    }

    /// Whether IOB2 allows `self` right after `previous` (nil = sentence start): I-X only continues X.
    @inline(__always)
    public func canFollow(_ previous: EntityTag?) -> Bool {
        guard isInside else { return true }
        guard let previous, previous.index != 0 else { return false }
        return previous.kind == kind
    }
}

/// A tagged entity: tokens `tokens` (half-open) of one kind.
public struct EntitySpan: Hashable, Sendable {
    public let tokens: Range<Int>
    public let kind: EntityKind

    /// The spans in a tag sequence, read like conlleval: an I-X that does not continue an X starts one.
    public static func spans(_ tags: [EntityTag]) -> [EntitySpan] {
        var found: [EntitySpan] = []
        var start: Int? = nil
        var kind: EntityKind? = nil
        for (i, tag) in tags.enumerated() {
            if let open = start, tag.index == 0 || tag.isBegin || tag.kind != kind {
                found.append(EntitySpan(tokens: open..<i, kind: kind!))
                start = nil
            }
            if tag.index != 0 && start == nil { start = i; kind = tag.kind }
        }
        if let open = start { found.append(EntitySpan(tokens: open..<tags.count, kind: kind!)) }
        return found
    }
}

/// Exact-match span precision, recall and F1, overall and per kind (as `span_f1.py` counts them).
public struct SpanScore: Sendable {
    public private(set) var gold = [Int](repeating: 0, count: EntityKind.allCases.count)
    public private(set) var predicted = [Int](repeating: 0, count: EntityKind.allCases.count)
    public private(set) var correct = [Int](repeating: 0, count: EntityKind.allCases.count)

    public init() {}

    public mutating func add(gold goldTags: [EntityTag], predicted predictedTags: [EntityTag]) {
        let goldSpans = EntitySpan.spans(goldTags)
        let predictedSpans = EntitySpan.spans(predictedTags)
        let goldSet = Set(goldSpans)
        for span in goldSpans { gold[span.kind.rawValue] += 1 }
        for span in predictedSpans {
            predicted[span.kind.rawValue] += 1
            if goldSet.contains(span) { correct[span.kind.rawValue] += 1 }
        }
    }

    public func f1(_ kind: EntityKind? = nil) -> (precision: Double, recall: Double, f1: Double) {
        let pick: ([Int]) -> Int = { counts in kind.map { counts[$0.rawValue] } ?? counts.reduce(0, +) }
        let c = Double(pick(correct)), p = Double(pick(predicted)), g = Double(pick(gold))
        let precision = p > 0 ? c / p : 0, recall = g > 0 ? c / g : 0
        return (precision, recall, precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0)
    }
}
