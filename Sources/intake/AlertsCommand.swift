import ArgumentParser
import Foundation
import IntakeCommandLine
import IntakeKit
import IntakeStore
import IntakeTerminal

/// The staff alert monitor: shows crisis alerts as kiosks raise them (with the terminal bell) and
/// records which person acknowledged each. It needs no private key: an alert is a session id, a
/// tier, a time and a kiosk's name, never an answer. Until an alert is acknowledged, the kiosk
/// tells the patient to go to the front desk; once it is, the kiosk says someone is on the way.
struct AlertsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "alerts",
    abstract: "The staff alert monitor: see crisis alerts as they are raised and acknowledge them.",
    subcommands: [Watch.self, List.self, Acknowledge.self], defaultSubcommand: Watch.self)

  struct Options: ParsableArguments {
    @Option(help: "The kiosk's data folder.")
    var data: String = KioskRun.defaultData
  }

  /// Opens the store for alerts: the folder's ownership checked, the audit trail keyed with the
  /// coordinator's public key (acknowledgements are audited), no private key.
  static func open(data: String) throws -> SQLiteSessionStore {
    let folder = DataFolder(path: data)
    // A monitor may start before the kiosk ever ran: the folder needs the clinic's public key
    // (made by `intake keys init`), or a store the kiosk made.
    guard
      FileManager.default.fileExists(atPath: folder.storePath)
        || FileManager.default.fileExists(atPath: folder.publicKeyFile.path)
    else {
      throw CommandFailure(
        message: "intake: '\(data)' has no session store and no clinic key yet. Run 'intake keys init --data "
          + "\(data)' first (or start the kiosk once), then start the monitor.",
        code: CommandFailure.dataFolder)
    }
    do {
      try folder.prepare()
      try folder.verifyOwnership()
      let publicKey = try FileSafety.read(folder.publicKeyFile.path, as: .file).flatMap {
        try? CoordinatorPublicKey(fileContents: String(decoding: $0, as: UTF8.self))
      }
      return try SQLiteSessionStore(folder: folder, auditSealer: publicKey.map { Sealer(recipient: $0) })
    } catch {
      throw CommandFailure(message: "intake: \(error).", code: CommandFailure.dataFolder)
    }
  }

  /// One alert as a line: its number, tier, local time, kiosk and session, and whether a person
  /// has acknowledged it. No rule name: the tier says how urgent it is.
  static func line(_ alert: StoredAlert) -> String {
    var words = "alert \(alert.id)  tier \(alert.tier)  \(localTime(alert.raisedAt))  kiosk \(alert.kiosk ?? "-")"
    words += "  session \(alert.sessionID)"
    if let by = alert.acknowledgedBy, let at = alert.acknowledgedAt {
      words += "  acknowledged by \(by) at \(localTime(at))"
    } else {
      words += "  NOT ACKNOWLEDGED"
    }
    return words
  }

  static func localTime(_ timestamp: String) -> String { LocalTime.text(timestamp, in: .current, seconds: true) }

  /// Records an acknowledgement and says what happened.
  static func acknowledge(_ id: Int, by person: String, in store: SQLiteSessionStore, to writer: ScreenWriter) throws {
    let name = person.trimmingWhitespace()
    guard !name.isEmpty else {
      writer.line("A name is needed: the kiosk and the audit trail say who is coming.")
      return
    }
    let done: Bool
    do {
      done = try store.acknowledgeAlert(id: id, by: name, at: Date())
    } catch {
      throw CommandFailure(message: "intake: \(error).", code: CommandFailure.dataFolder)
    }
    guard done else {
      throw CommandFailure(message: "There is no unacknowledged alert \(id).", code: CommandFailure.usage)
    }
    // Only what is known: the acknowledgement is recorded; a crisis screen at that kiosk, if the
    // patient is still at one, now says someone is on the way.
    let kiosk = (try? store.alerts().first { $0.id == id }?.kiosk) ?? nil
    writer.line(
      "Recorded: alert \(id) acknowledged by \(name). Go to the patient now\(kiosk.map { " (kiosk \($0))" } ?? ""): "
        + "if they are at a crisis screen, it now says someone is on the way.")
  }

  /// Whether an unacknowledged alert with this number exists (asked before the name).
  static func waiting(_ id: Int, in store: SQLiteSessionStore) throws -> Bool {
    do {
      return try store.alerts().contains { $0.id == id && !$0.isAcknowledged }
    } catch {
      throw CommandFailure(message: "intake: \(error).", code: CommandFailure.dataFolder)
    }
  }

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "list", abstract: "List the alerts, newest first.")
    @OptionGroup var options: Options
    @Flag(help: "Include acknowledged alerts.") var all = false
    func run() throws {
      let store = try AlertsCommand.open(data: options.data)
      let writer = ScreenWriter(wraps: false)
      let alerts = try store.alerts().filter { all || !$0.isAcknowledged }
      if alerts.isEmpty { writer.line(all ? "No alerts." : "No unacknowledged alerts.") }
      for alert in alerts { writer.line(AlertsCommand.line(alert)) }
    }
  }

  struct Acknowledge: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "ack", abstract: "Acknowledge an alert: you are going to the patient now.")
    @OptionGroup var options: Options
    @Argument(help: "The alert's number.") var alert: Int
    @Option(help: "Who is going (recorded in the audit trail).") var by: String
    func run() throws {
      let store = try AlertsCommand.open(data: options.data)
      try AlertsCommand.acknowledge(alert, by: by, in: store, to: ScreenWriter(wraps: false))
    }
  }

  struct Watch: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "watch",
      abstract: "Watch for alerts (the default): each new one rings the bell; type 'ack N' to acknowledge, q to stop.")
    @OptionGroup var options: Options
    @Option(help: "This monitor's name, so kiosks know someone is watching.") var name: String = "monitor"
    @Option(help: ArgumentHelp("Stop after this many seconds (default: until stopped).", valueName: "seconds"))
    var seconds: Double?
    @Option(
      help: ArgumentHelp(
        "Say so here when records have waited this many seconds to reach the central store.", valueName: "seconds"))
    var outboxPatience: Double = 15 * 60
    func run() throws {
      let store = try AlertsCommand.open(data: options.data)
      let writer = ScreenWriter(wraps: false)
      writer.line("Watching for staff alerts. Type 'ack N' and Enter when you go to alert N; q to stop.")
      var shown = Set<Int>()
      var settled = Set<Int>()
      let started = Date()
      var lastBeat = Date.distantPast
      var saidStuck = false
      while seconds.map({ Date().timeIntervalSince(started) < $0 }) ?? true {
        if Date().timeIntervalSince(lastBeat) >= 5 {
          lastBeat = Date()
          // Records waiting for the central store longer than `outboxPatience`: staff hear of it
          // here, never the patient at the kiosk. Said once, and once again when it is over.
          if let status = try? store.outboxStatus() {
            let stuck = status.isStuck(longerThan: outboxPatience, at: lastBeat)
            if stuck, !saidStuck {
              writer.bell()
              let since = status.failingSince ?? status.oldestPendingSince
              let why =
                status.failingSince == nil
                ? "nothing has tried to send them: is `intake forward` running for this kiosk?"
                : "\(status.lastFailure ?? "no reason recorded"). Fetch whoever looks after the network."
              writer.line(
                "intake: \(status.pending) records have waited to reach the central store since "
                  + "\(since.map { LocalTime.text($0, in: .current) } ?? "?"): \(why) They are safe here.")
            } else if !stuck, saidStuck {
              writer.line("intake: the central store is reached again; waiting records: \(status.pending).")
            }
            saidStuck = stuck
          }
          do {
            try store.recordMonitorBeat(name: name, at: lastBeat)
          } catch {
            // Alerts still show here; only kiosks starting now may warn that nobody watches.
            writer.line("intake: this monitor could not record that it is running (\(error)).")
          }
        }
        let alerts: [StoredAlert]
        do {
          alerts = try store.alerts().reversed()
        } catch {
          throw CommandFailure(message: "intake: \(error).", code: CommandFailure.dataFolder)
        }
        for alert in alerts where !alert.isAcknowledged && shown.insert(alert.id).inserted {
          // The bell, then the alert: someone nearby hears it even when not looking.
          writer.bell()
          writer.line(AlertsCommand.line(alert))
        }
        // An alert shown here and acknowledged anywhere (here, another monitor, the browser
        // console) is said once, so nobody else sets off for the same patient.
        for alert in alerts where alert.isAcknowledged && shown.contains(alert.id) && settled.insert(alert.id).inserted
        {
          writer.line(
            "alert \(alert.id): acknowledged by \(alert.acknowledgedBy ?? "?") at "
              + "\(localTime(alert.acknowledgedAt ?? "")): they are going to the patient.")
        }
        guard let typed = Self.line(within: 1) else { continue }
        let words = typed.lowercased().split(separator: " ")
        switch words.first {
        case nil: continue
        case "q", "quit", "exit", "stop": return
        case "ack", "acknowledge":
          guard words.count >= 2, let id = Int(words[1]) else {
            writer.line("Type ack and the alert's number, for example: ack 3")
            continue
          }
          guard try AlertsCommand.waiting(id, in: store) else {
            writer.line("There is no unacknowledged alert \(id). Type 'list' to see them.")
            continue
          }
          writer.write("Your name (who is going): ")
          guard let person = Self.line(within: 120) else {
            writer.line("")
            continue
          }
          do {
            try AlertsCommand.acknowledge(id, by: person, in: store, to: writer)
          } catch let failure as CommandFailure {
            writer.line(failure.message)
          }
        case "list":
          for alert in (try store.alerts()) { writer.line(AlertsCommand.line(alert)) }
        default:
          writer.line("Type 'ack N' to acknowledge alert N, 'list' to see them all, q to stop.")
        }
      }
    }

    /// A line typed within `seconds`, or nil; the end of input (Ctrl-D) reads as q.
    static func line(within seconds: Double) -> String? {
      var request = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
      guard poll(&request, 1, Int32(seconds * 1000)) > 0 else { return nil }
      return readLine() ?? "q"
    }
  }
}
