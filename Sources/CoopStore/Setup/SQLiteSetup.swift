import FluentKit
import SQLKit

/// Settings a database needs once it is opened.
public enum DatabaseSetup {
    /// Puts a SQLite database in write-ahead-log mode (readers do not wait for the writer).
    public static func useWriteAheadLog(on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("PRAGMA journal_mode=WAL").run()
    }
}

/// Copies of the database while it runs.
public enum DatabaseCopy {
    /// Writes a consistent copy of a SQLite database to the file `path` (`VACUUM INTO`), while
    /// others keep reading and writing.
    public static func sqliteVacuum(into path: String, on db: any Database) async throws {
        try await db.sql().raw("VACUUM INTO \(bind: path)").run()
    }
}
