/// A problem with one input: which input, and what is wrong with it in words a user understands.
/// The batch goes on; the CLI prints one line per error and exits non-zero at the end.
public struct InputError: Error, Sendable, CustomStringConvertible {
    /// The file path (with ":LINE" for a JSON Lines record) or "-" for standard input.
    public var input: String
    public var message: String
    /// Whether the input could not be read at all (broken JSON, bad encoding, over a limit) or
    /// was read but holds no article (a record with an empty text). A server refuses a request
    /// body with a malformed part whole, and answers an unusable record alone.
    public var kind: Kind

    public enum Kind: Sendable { case malformed, noArticle }

    public init(input: String, message: String, kind: Kind = .malformed) {
        self.input = input
        self.message = message
        self.kind = kind
    }

    public var description: String { "\(input): \(message)" }
}

/// What a reader yields for each item of input: an article, or an error naming the input.
public typealias ReadOutcome = Result<RawArticle, InputError>
