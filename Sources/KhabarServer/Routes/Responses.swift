import Foundation
import Hummingbird
import Khabar

/// Small helpers every route uses to answer.
enum Reply {
    static func json(_ body: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    static func html(_ body: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    static func atom(_ body: String) -> Response {
        Response(status: .ok, headers: [.contentType: "application/atom+xml; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}

/// Query parameters read with clear 400s for bad values.
struct QueryParameters {
    let request: Request

    func string(_ name: String) -> String? {
        request.uri.queryParameters[name[...]].map { String($0).removingPercentEncoding ?? String($0) }.flatMap { $0.isEmpty ? nil : $0 }
    }

    func int(_ name: String, default value: Int, range: ClosedRange<Int>) throws -> Int {
        guard let text = string(name) else { return value }
        guard let number = Int(text), range.contains(number) else {
            throw HTTPError(.badRequest, message: "\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound), not '\(text.prefix(40))'")
        }
        return number
    }

    func optionalInt(_ name: String) throws -> Int? {
        guard let text = string(name) else { return nil }
        guard let number = Int(text) else { throw HTTPError(.badRequest, message: "\(name) must be a whole number, not '\(text.prefix(40))'") }
        return number
    }

    /// A date (`2018-05-14`) or date and time (ISO 8601), as seconds since 1970.
    func date(_ name: String) throws -> Double? {
        guard let text = string(name) else { return nil }
        guard let date = PublishedDate(parsing: text), date.isValid else {
            throw HTTPError(.badRequest, message: "\(name) must be a date like 2018-05-14 or 2018-05-14T09:30:00Z, not '\(text.prefix(40))'")
        }
        return date.secondsSince1970
    }
}
