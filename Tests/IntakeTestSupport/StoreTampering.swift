import Foundation
import GRDB

/// What someone with write access to a store file can do to it, for tests of what the program
/// notices: plain SQL on the file, bypassing the store's own code.
public enum StoreTampering {
  /// Runs `sql` on the SQLite file at `path`.
  public static func execute(_ sql: String, onStoreAt path: String) throws {
    let queue = try DatabaseQueue(path: path)
    try queue.writeWithoutTransaction { db in try db.execute(sql: sql) }
  }

  /// The first column of every row `sql` returns, as text.
  public static func strings(_ sql: String, onStoreAt path: String) throws -> [String] {
    let queue = try DatabaseQueue(path: path)
    return try queue.read { db in try String.fetchAll(db, sql: sql) }
  }

  /// Flips the lowest bit of one byte of a blob, in every row matching `condition`.
  public static func flipByte(
    at offset: Int, in table: String, column: String, where condition: String, onStoreAt path: String
  ) throws {
    let queue = try DatabaseQueue(path: path)
    try queue.write { db in
      let rows = try Row.fetchAll(db, sql: "SELECT rowid, \(column) FROM \(table) WHERE \(condition)")
      for row in rows {
        var bytes = [UInt8]((row[column] as Data?) ?? Data())
        guard offset < bytes.count else { continue }
        bytes[offset] ^= 1
        try db.execute(
          sql: "UPDATE \(table) SET \(column) = ? WHERE rowid = ?", arguments: [Data(bytes), row["rowid"] as Int64])
      }
    }
  }
}
