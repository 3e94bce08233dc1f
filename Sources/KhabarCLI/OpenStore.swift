import Khabar
import KhabarSQLite

/// Opens the desk's store that `--db` names, running any migration it has not run yet: the one
/// place that knows which kinds of store there are. Today a SQLite file (created when missing).
func openStore(_ db: String) throws -> any StoryStore {
    try SQLiteStore(path: db)
}
