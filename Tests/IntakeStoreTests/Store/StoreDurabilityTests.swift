import Foundation
import GRDB
import IntakeTestSupport
import Testing

@testable import IntakeStore

/// The promise is "synced before the call returns", so these read the live connection, not the
/// configuration: GRDB's WAL set-up once reset `synchronous` after the store had set it.
@Suite struct StoreDurabilityTests {
  @Test func theStoresOwnConnectionSyncsEveryCommit() throws {
    let path = try TestSupport.temporaryFolder("intake-store").appendingPathComponent("intake.sqlite").path
    let store = try SQLiteSessionStore(path: path)
    #expect(try store.durability() == .init(journalMode: "wal", synchronous: 2))
    // The same connection the writes use, asked directly (not through `durability()`).
    let raw = try store.queue.read { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") }
    #expect(raw == 2)
    // Reopened (an existing WAL database), the setting holds too.
    let reopened = try SQLiteSessionStore(path: path)
    #expect(try reopened.durability().synchronous == 2)
  }

  @Test func theFileIsAWALDatabaseOnDisk() throws {
    let path = try TestSupport.temporaryFolder("intake-store").appendingPathComponent("intake.sqlite").path
    _ = try SQLiteSessionStore(path: path)
    // A WAL database says so in its header (bytes 18 and 19 are 2), whoever opens it next.
    let header = try #require(FileManager.default.contents(atPath: path)).prefix(20)
    #expect(Array(header.suffix(2)) == [2, 2])
  }
}
