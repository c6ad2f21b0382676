import ArgumentParser
import Foundation
import IntakeStore
import IntakeTerminal

/// `intake audit`: prints and verifies the store's audit trail. It holds no patient data, so it
/// needs no key.
struct AuditCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "audit",
    abstract: "Verify the audit trail's hash chain and print its entries (no patient data).",
    discussion: "Exit code 0 when every entry verifies, 3 when an entry was changed or removed."
  )

  @Option(help: "The kiosk's data folder.")
  var data: String = KioskCommand.defaultData

  func run() throws {
    let folder = DataFolder(path: data)
    guard FileManager.default.fileExists(atPath: folder.storePath) else {
      throw CommandFailure(message: "intake: there is no session store in '\(data)'.", code: CommandFailure.dataFolder)
    }
    let entries: [AuditEntry]
    do {
      try folder.verifyOwnership()
      // Opening verifies the chain.
      entries = try SQLiteSessionStore(path: folder.storePath, options: .init(readOnly: true)).auditTrail()
    } catch {
      throw CommandFailure(message: "intake: \(error).", code: CommandFailure.dataFolder)
    }
    let writer = ScreenWriter(wraps: false)
    for entry in entries {
      writer.line(
        [String(entry.sequence), entry.at, entry.event.rawValue, entry.sessionID ?? "-", entry.detail ?? ""]
          .joined(separator: "\t"))
    }
    writer.line(
      "audit trail verified: \(entries.count) entries; last hash \(entries.last.map { String($0.hash.prefix(16)) } ?? "none")"
    )
  }
}
