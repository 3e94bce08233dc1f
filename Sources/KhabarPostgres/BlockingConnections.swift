import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresNIO

/// A few PostgreSQL connections for a synchronous store. The store protocol is synchronous (the
/// desk calls it from its own threads), so each call waits on an event-loop future: the
/// connections run on an event loop of their own, never on one a caller might be blocking.
final class BlockingConnections: @unchecked Sendable {
    let configuration: PostgresConnection.Configuration
    /// The schema every connection works in (`SET search_path`).
    let schema: String
    let logger: Logger
    private let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    private let lock = NSCondition()
    private var idle: [PostgresConnection] = []
    private var open = 0
    private let limit: Int
    private var nextID = 0

    init(configuration: PostgresConnection.Configuration, schema: String, limit: Int, logger: Logger) {
        self.configuration = configuration
        self.schema = schema
        self.limit = limit
        self.logger = logger
    }

    deinit {
        for connection in idle { try? connection.close().wait() }
        try? group.syncShutdownGracefully()
    }

    /// A new connection outside the pool (the placing lease holds one for as long as it lives).
    func connect() throws -> PostgresConnection {
        let id = lock.withLock { nextID += 1; return nextID }
        let connection = try PostgresConnection.connect(on: group.next(), configuration: configuration, id: id, logger: logger).wait()
        do {
            _ = try connection.query(PostgresQuery(unsafeSQL: "SET search_path TO \(Self.quoted(schema))"), logger: logger).wait()
        } catch {
            try? connection.close().wait()
            throw error
        }
        return connection
    }

    /// Runs `body` on a pooled connection. A connection that broke is dropped, not pooled again.
    func with<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        let connection = try checkout()
        do {
            let result = try body(connection)
            checkin(connection)
            return result
        } catch {
            checkin(connection)
            throw error
        }
    }

    /// `body` inside BEGIN … COMMIT (ROLLBACK when it throws).
    func transaction<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        try with { connection in
            try Self.run(connection, "BEGIN", logger: logger)
            do {
                let result = try body(connection)
                try Self.run(connection, "COMMIT", logger: logger)
                return result
            } catch {
                if !connection.isClosed { _ = try? Self.run(connection, "ROLLBACK", logger: logger) }
                throw error
            }
        }
    }

    private func checkout() throws -> PostgresConnection {
        lock.lock()
        while true {
            while let connection = idle.popLast() {
                if !connection.isClosed { lock.unlock(); return connection }
                open -= 1
            }
            if open < limit { break }
            lock.wait()
        }
        open += 1
        lock.unlock()
        do {
            return try connect()
        } catch {
            lock.withLock { open -= 1; lock.signal() }
            throw error
        }
    }

    private func checkin(_ connection: PostgresConnection) {
        lock.withLock {
            if connection.isClosed { open -= 1 } else { idle.append(connection) }
            lock.signal()
        }
    }

    @discardableResult
    static func run(_ connection: PostgresConnection, _ sql: String, _ binds: PostgresBindings = PostgresBindings(),
                    logger: Logger) throws -> PostgresQueryResult {
        try connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger).wait()
    }

    /// An identifier in double quotes.
    static func quoted(_ identifier: String) -> String {
        "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// `postgresql://user:password@host:port/database?schema=NAME` (or `?host=/socket/dir` for a
/// Unix socket), as libpq and most tools write it.
public struct PostgresLocation: Sendable, CustomStringConvertible {
    public var host = "127.0.0.1"
    public var port = 5432
    public var socketDirectory: String?
    public var user: String
    public var password: String?
    public var database: String
    public var schema = "public"

    public static func isPostgres(_ text: String) -> Bool {
        text.hasPrefix("postgresql://") || text.hasPrefix("postgres://")
    }

    public init(_ text: String) throws {
        guard Self.isPostgres(text), let url = URLComponents(string: text) else {
            throw StoreLocationError("not a PostgreSQL URL (postgresql://user@host/database): \(text)")
        }
        user = url.user.flatMap { $0.removingPercentEncoding } ?? ProcessInfo.processInfo.environment["USER"] ?? "postgres"
        password = url.password.flatMap { $0.removingPercentEncoding }
        if let host = url.host, !host.isEmpty { self.host = host }
        if let port = url.port { self.port = port }
        let path = url.path.hasPrefix("/") ? String(url.path.dropFirst()) : url.path
        database = path.isEmpty ? user : path
        for item in url.queryItems ?? [] {
            switch item.name {
            case "schema": if let value = item.value, !value.isEmpty { schema = value }
            case "host": if let value = item.value, value.hasPrefix("/") { socketDirectory = value }
            case "password": password = item.value
            case "sslmode": break
            default: throw StoreLocationError("unknown option ?\(item.name)= in \(text) (known: schema, host, password)")
            }
        }
    }

    var configuration: PostgresConnection.Configuration {
        var configuration: PostgresConnection.Configuration
        if let socketDirectory {
            configuration = .init(unixSocketPath: socketDirectory + "/.s.PGSQL.\(port)", username: user, password: password, database: database)
        } else {
            configuration = .init(host: host, port: port, username: user, password: password, database: database, tls: .disable)
        }
        configuration.options.connectTimeout = .seconds(10)
        return configuration
    }

    /// The URL without its password.
    public var description: String {
        "postgresql://\(user)@\(socketDirectory ?? host):\(port)/\(database)" + (schema == "public" ? "" : "?schema=\(schema)")
    }
}

struct StoreLocationError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
