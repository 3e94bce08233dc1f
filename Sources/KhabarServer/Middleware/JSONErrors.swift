import Foundation
import Hummingbird
import Khabar
import Logging

/// Every failed request answers with a JSON body `{"error": {"status", "message"}}`. Errors the
/// request caused keep their 4xx; anything else is logged and answered 500 without internals.
struct JSONErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPResponseError {
            let message = (error as? HTTPError)?.body ?? Self.defaultMessage(error.status)
            return Self.response(error.status, message, headers: (error as? HTTPError)?.headers ?? [:])
        } catch {
            context.logger.error("request failed: \(error)")
            return Self.response(.internalServerError, "the server could not answer this request")
        }
    }

    static func defaultMessage(_ status: HTTPResponse.Status) -> String {
        switch status.code {
        case 404: "no such page"
        case 413: "the request body is over the size limit"
        default: status.reasonPhrase
        }
    }

    static func response(_ status: HTTPResponse.Status, _ message: String, headers: HTTPFields = [:]) -> Response {
        var json = JSONWriter()
        json.beginObject()
        json.key("error")
        json.beginObject()
        json.key("status"); json.value(Int(status.code))
        json.field("message", message)
        json.endObject()
        json.endObject()
        var fields = headers
        fields[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(string: json.string)))
    }
}

/// Writes need `Authorization: Bearer <token>`; reads need it too when a read token is set.
struct TokenMiddleware<Context: RequestContext>: RouterMiddleware {
    let writeToken: String?
    let readToken: String?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let isWrite = request.method != .get && request.method != .head && request.method != .options
        let needed = isWrite ? writeToken : readToken
        if let needed {
            let given = request.headers[.authorization].flatMap { header -> String? in
                header.hasPrefix("Bearer ") ? String(header.dropFirst(7)) : nil
            }
            // A write token also opens reads.
            let accepted = [needed] + (isWrite ? [] : [writeToken].compactMap { $0 })
            guard let given, accepted.contains(where: { Self.constantTimeEqual($0, given) }) else {
                throw HTTPError(.unauthorized, headers: [.wwwAuthenticate: "Bearer"],
                                message: isWrite ? "writing needs a bearer token (Authorization: Bearer …)" : "reading needs a bearer token")
            }
        } else if isWrite {
            throw HTTPError(.unauthorized, message: "this server accepts no writes: start it with --token or KHABAR_TOKEN")
        }
        return try await next(request, context)
    }

    /// Compares without stopping at the first difference, so timing does not leak the token.
    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        var diff = UInt8(x.count == y.count ? 0 : 1)
        for i in 0..<min(x.count, y.count) { diff |= x[i] ^ y[i] }
        return diff == 0
    }
}

/// Pages get a strict Content-Security-Policy (no scripts, no outside files); every answer says
/// not to sniff types or be framed.
enum SecurityHeaders {
    static let policy = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    static let referrerPolicy = HTTPFields.Element.Name("Referrer-Policy")!
}

struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.contentSecurityPolicy] = SecurityHeaders.policy
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[SecurityHeaders.referrerPolicy] = "no-referrer"
        return response
    }
}
