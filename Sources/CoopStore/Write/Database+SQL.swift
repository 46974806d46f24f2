import CoopCore
import FluentKit
import SQLKit

extension Database {
    /// This database as SQL. Every database Coop runs on (SQLite, PostgreSQL) speaks it; the
    /// error is for a driver that does not, and changes nothing.
    public func sql() throws -> any SQLDatabase {
        guard let sql = self as? any SQLDatabase else { throw CoopError.storage("The database does not speak SQL.") }
        return sql
    }
}
