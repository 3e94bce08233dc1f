import Khabar
import KhabarPostgres
import KhabarSQLite

/// Opens the desk's store that `--db` names, running any migration it has not run yet: the one
/// place that knows which kinds of store there are. A PostgreSQL URL (several `khabar serve`
/// processes may share it), or a SQLite file (created when missing).
func openStore(_ db: String) throws -> any StoryStore {
    if PostgresLocation.isPostgres(db) { return try PostgresStore(url: db) }
    return try SQLiteStore(path: db)
}

/// `--db` as messages show it: a PostgreSQL URL without its password.
func storeName(_ db: String) -> String {
    (try? PostgresLocation(db)).map(\.description) ?? db
}
