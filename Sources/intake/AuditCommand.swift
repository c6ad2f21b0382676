import ArgumentParser
import Foundation
import IntakeCommandLine
import IntakeStore
import IntakeTerminal

/// `intake audit`: prints and verifies the store's audit trail. It holds no patient data, so it
/// needs no key.
struct AuditCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "audit",
    abstract: "Verify the audit trail and print its entries (no patient data).",
    discussion: """
      Checks the hash chain, that every session, submission, alert and review mark the trail \
      records is still in the store, and that the trail ends where the kiosk's audit key says. \
      With the coordinator's private key it also checks every entry's MAC, which nobody without \
      the kiosk's audit key at the time could make. Exit code 0 when everything verifies, 3 when \
      an entry was changed or removed, or a recorded row is missing.
      """
  )

  @Option(help: "The kiosk's data folder.")
  var data: String = KioskRun.defaultData

  @Option(
    help: ArgumentHelp(
      "The coordinator's private key, to check every entry's MAC (default: the data folder's trial key, if any).",
      valueName: "file"))
  var privateKey: String?

  func run() throws {
    let folder = DataFolder(path: data)
    guard FileManager.default.fileExists(atPath: folder.storePath) else {
      throw CommandFailure(message: "intake: there is no session store in '\(data)'.", code: CommandFailure.dataFolder)
    }
    let store: SQLiteSessionStore
    let entries: [AuditEntry]
    do {
      try folder.verifyOwnership()
      // Opening verifies the chain, the rows it records and where the kiosk's audit key stands.
      let publicKey = try FileSafety.read(folder.publicKeyFile.path, as: .file).flatMap {
        try? CoordinatorPublicKey(fileContents: String(decoding: $0, as: UTF8.self))
      }
      store = try SQLiteSessionStore(
        folder: folder, auditSealer: publicKey.map { Sealer(recipient: $0) }, options: .init(readOnly: true))
      entries = try store.auditTrail()
    } catch {
      throw CommandFailure(message: "intake: \(error).", code: CommandFailure.dataFolder)
    }
    let writer = ScreenWriter(wraps: false)
    for entry in entries {
      writer.line(
        [String(entry.sequence), entry.at, entry.event.rawValue, entry.sessionID ?? "-", entry.detail ?? ""]
          .joined(separator: "\t"))
    }
    var keyed = "its MACs were not checked (give --private-key)"
    if let key = try coordinatorKey(folder) {
      let report: KeyedAuditReport
      do {
        report = try store.verifyKeyedAudit(with: key)
      } catch {
        throw CommandFailure(message: "intake: \(error).", code: CommandFailure.dataFolder)
      }
      for note in report.notes { writer.line("note: \(note)") }
      if let problem = report.problem {
        throw CommandFailure(
          message: "intake: the audit trail does not verify: \(problem).", code: CommandFailure.dataFolder)
      }
      keyed = "every keyed entry's MAC checks"
    }
    writer.line(
      "audit trail verified: \(entries.count) entries; last hash "
        + "\(entries.last.map { String($0.hash.prefix(16)) } ?? "none"); \(keyed)")
  }

  /// The private key to check MACs with: the one given, or a trial key beside the data.
  private func coordinatorKey(_ folder: DataFolder) throws -> CoordinatorPrivateKey? {
    let path = privateKey ?? folder.trialPrivateKeyFile.path
    // The trial key has no passphrase, however its path was given.
    let isTrial = URL(fileURLWithPath: path).standardizedFileURL == folder.trialPrivateKeyFile.standardizedFileURL
    let file: Data
    do {
      guard let data = try FileSafety.read(path, as: isTrial ? .secretFile : .file) else {
        if isTrial { return nil }
        throw CommandFailure(message: "intake: cannot read '\(path)'.", code: CommandFailure.usage)
      }
      file = data
    } catch let error as StoreError {
      throw CommandFailure(message: "intake: \(error).", code: CommandFailure.dataFolder)
    }
    var passphrase = ""
    if !isTrial {
      guard let typed = PassphraseReader.read(prompt: "Passphrase: ") else {
        throw CommandFailure(
          message: "intake: no terminal to ask the passphrase at; set \(PassphraseReader.environmentVariable).",
          code: CommandFailure.usage)
      }
      passphrase = typed
    }
    do {
      return try CoordinatorPrivateKey.unlock(file, passphrase: passphrase)
    } catch {
      throw CommandFailure(message: "intake: \(error).", code: ReviewSession.locked)
    }
  }
}
