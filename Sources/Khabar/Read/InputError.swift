/// A problem with one input: which input, and what is wrong with it in words a user understands.
/// The batch goes on; the CLI prints one line per error and exits non-zero at the end.
public struct InputError: Error, Sendable, CustomStringConvertible {
    /// The file path (with ":LINE" for a JSON Lines record) or "-" for standard input.
    public var input: String
    public var message: String

    public init(input: String, message: String) {
        self.input = input
        self.message = message
    }

    public var description: String { "\(input): \(message)" }
}

/// What a reader yields for each item of input: an article, or an error naming the input.
public typealias ReadOutcome = Result<RawArticle, InputError>
