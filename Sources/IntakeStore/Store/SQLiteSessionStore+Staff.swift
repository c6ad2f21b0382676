import Foundation
import GRDB

// Staff accounts and the clinic's work on each intake, in the same store and audit trail.
extension SQLiteSessionStore: StaffStore {
  public func addAccount(name: String, role: StaffRole, keySlot: Data, by admin: String, at instant: Date)
    throws(StoreError) -> StaffAccount
  {
    let now = Self.timestamp(instant)
    return try write { db in
      if try Bool.fetchOne(
        db, sql: "SELECT 1 FROM account WHERE name = ? AND removed_at IS NULL", arguments: [name]) == true
      {
        throw StoreError.io("an account named \(name) already exists")
      }
      try db.execute(
        sql: "INSERT INTO account (name, role, key_slot, created_at) VALUES (?, ?, ?, ?)",
        arguments: [name, role.rawValue, keySlot, now])
      let id = Int(db.lastInsertedRowID)
      try self.appendAudit(db, .accountAdded, sessionID: nil, detail: "\(name) (\(role.rawValue)) by \(admin)", at: now)
      return StaffAccount(id: id, name: name, role: role, createdAt: now, keySlot: keySlot)
    }
  }

  public func removeAccount(id: Int, by admin: String, at instant: Date) throws(StoreError) {
    let now = Self.timestamp(instant)
    try write { db in
      guard
        let name = try String.fetchOne(
          db, sql: "SELECT name FROM account WHERE id = ? AND removed_at IS NULL", arguments: [id])
      else { throw StoreError.io("there is no such account") }
      try db.execute(sql: "UPDATE account SET removed_at = ? WHERE id = ?", arguments: [now, id])
      try self.appendAudit(db, .accountRemoved, sessionID: nil, detail: "\(name) by \(admin)", at: now)
    }
  }

  public func accounts() throws(StoreError) -> [StaffAccount] {
    try read { db in
      try Row.fetchAll(db, sql: "SELECT * FROM account ORDER BY id").compactMap { row in
        // A role this version does not know signs nobody in.
        guard let role = StaffRole(rawValue: row["role"]) else { return nil }
        return StaffAccount(
          id: row["id"], name: row["name"], role: role, createdAt: row["created_at"], removedAt: row["removed_at"],
          lockedUntil: row["locked_until"], keySlot: row["key_slot"])
      }
    }
  }

  public func recordSignInFailure(accountID: Int, limit: Int, lockout: TimeInterval, at instant: Date)
    throws(StoreError) -> Date?
  {
    let now = Self.timestamp(instant)
    return try write { db in
      guard
        let row = try Row.fetchOne(db, sql: "SELECT name, failures FROM account WHERE id = ?", arguments: [accountID])
      else { return nil }
      let name: String = row["name"]
      let failures = (row["failures"] as Int) + 1
      try self.appendAudit(db, .consoleSignInFailed, sessionID: nil, detail: name, at: now)
      guard failures >= limit else {
        try db.execute(sql: "UPDATE account SET failures = ? WHERE id = ?", arguments: [failures, accountID])
        return nil
      }
      let until = instant.addingTimeInterval(lockout)
      try db.execute(
        sql: "UPDATE account SET failures = 0, locked_until = ? WHERE id = ?",
        arguments: [Self.timestamp(until), accountID])
      try self.appendAudit(db, .consoleAccountLocked, sessionID: nil, detail: name, at: now)
      return until
    }
  }

  public func recordSignIn(accountID: Int, at instant: Date) throws(StoreError) {
    let now = Self.timestamp(instant)
    try write { db in
      let name = try String.fetchOne(db, sql: "SELECT name FROM account WHERE id = ?", arguments: [accountID]) ?? "?"
      try db.execute(
        sql: "UPDATE account SET failures = 0, locked_until = NULL WHERE id = ?", arguments: [accountID])
      try self.appendAudit(db, .consoleSignedIn, sessionID: nil, detail: name, at: now)
    }
  }

  public func recordCaseEvent(_ event: CaseEvent) throws(StoreError) {
    try write { db in
      try db.execute(
        sql: "INSERT INTO case_event (session_id, kind, value, sealed_note, account, at) VALUES (?, ?, ?, ?, ?, ?)",
        arguments: [event.sessionID, event.kind.rawValue, event.value, event.sealedNote, event.account, event.at])
      try self.appendAudit(db, event.auditEvent, sessionID: event.sessionID, detail: event.auditDetail, at: event.at)
    }
  }

  public func caseEvents() throws(StoreError) -> [CaseEvent] {
    try read { db in
      try Row.fetchAll(db, sql: "SELECT * FROM case_event ORDER BY id").compactMap { row in
        guard let kind = CaseEventKind(rawValue: row["kind"]) else { return nil }
        return CaseEvent(
          id: row["id"], sessionID: row["session_id"], kind: kind, value: row["value"], sealedNote: row["sealed_note"],
          account: row["account"], at: row["at"])
      }
    }
  }
}
