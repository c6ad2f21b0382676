import Foundation
import IntakeKit
import IntakeStore

/// Helpers shared by the test targets: the repository's paths, dialogs from disk, golden files.
public enum TestSupport {
  /// The repository root, found from this file's path.
  public static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  public static var shippedDialogPath: String { repositoryRoot.appendingPathComponent("Dialogs/ketamine-intake").path }

  /// A fixed instant: 2026-03-15 14:30:00 UTC.
  public static let fixedInstant = Date(timeIntervalSince1970: 1_773_585_000)

  public static var fixedClock: SessionClock {
    .fixed(fixedInstant, timeZone: TimeZone(identifier: "UTC") ?? .current)
  }

  /// A new empty folder for a test, in this test process's own folder under the system's
  /// temporary folder (`temporaryRoot`), which goes when the process ends.
  public static func temporaryFolder(_ prefix: String = "intake-test") throws -> URL {
    let url = temporaryRoot.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// The folder every test folder of this process is made in. It is removed, with all that
  /// the tests left in it, when the process exits: a run of the suite left some five hundred
  /// folders of test stores behind, and the temporary folder grew by as many every run.
  public static let temporaryRoot: URL = {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("intake-tests-\(getpid())-\(UUID().uuidString.prefix(8))")
    atexit { TestSupport.removeTemporaryRoot() }
    return url
  }()

  /// Removes `temporaryRoot` (at exit). A folder a test left unremovable (a mount, a
  /// permission it took away) is left, and said so on standard error.
  static func removeTemporaryRoot() {
    do {
      try FileManager.default.removeItem(at: temporaryRoot)
    } catch CocoaError.fileNoSuchFile {
      return
    } catch {
      FileHandle.standardError.write(Data("test support: could not remove \(temporaryRoot.path): \(error)\n".utf8))
    }
  }

  /// The shipped dialog, loaded and checked.
  public static func shippedDialog() throws -> Dialog {
    try DialogLoader.load(DialogDirectory(path: shippedDialogPath))
  }

  /// Every page of answers the shipped transcripts look over whose heading starts with
  /// `heading` ("== Sus respuestas"), as the kiosk shows it (up to its prompt), with the
  /// transcript's file name: each transcript's typed lines played again on the shipped dialog.
  public static func shippedLookOverPages(headedBy heading: String) throws -> [(transcript: String, page: String)] {
    let dialog = try shippedDialog()
    let folder = URL(fileURLWithPath: shippedDialogPath).appendingPathComponent("transcripts")
    var pages: [(String, String)] = []
    for name in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    where name.hasSuffix(".transcript") {
      let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
      let inputs = try Transcript.parse(text, path: name).inputs
      let shown = Transcript.play(inputs, dialog: dialog, clock: fixedClock, interactive: false).transcript.text
      for block in shown.components(separatedBy: "\n" + heading).dropFirst() {
        pages.append((name, heading + (block.components(separatedBy: "\n>").first ?? "")))
      }
    }
    return pages
  }
}

/// Drives a conversation with typed lines and collects everything shown, as the kiosk would.
public struct ScriptedPatient {
  public private(set) var conversation: Conversation
  public private(set) var transcript: [String] = []
  public private(set) var events: [Conversation.Event] = []

  /// A patient at a new session. Where the dialog is offered in more than one language, they
  /// first choose `language` on the language screen (by its number or its name; "1", the
  /// dialog's own, unless said).
  public init(dialog: Dialog, clock: SessionClock = TestSupport.fixedClock, language: String = "1") {
    conversation = Conversation(session: Session(dialog: dialog, clock: clock))
    let reply = conversation.start()
    transcript.append(reply.text)
    events += reply.events
    if conversation.place == .choosingLanguage { type(language) }
  }

  /// Types each line in turn; returns the last reply's text.
  @discardableResult
  public mutating func type(_ lines: String...) -> String { type(lines) }

  @discardableResult
  public mutating func type(_ lines: [String]) -> String {
    var last = ""
    for line in lines {
      let reply = conversation.handle(line)
      transcript.append("> " + line)
      transcript.append(reply.text)
      events += reply.events
      last = reply.text
    }
    return last
  }

  /// A member of staff resumes a held screen.
  /// A person acknowledged the session's alert at a staff monitor: what the held screen now says.
  @discardableResult
  public mutating func staffAcknowledged() -> String? { conversation.staffAcknowledged() }

  public mutating func staffResume() {
    let reply = conversation.staffResume()
    transcript.append(">> staff resume")
    transcript.append(reply.text)
    events += reply.events
  }

  public var session: Session { conversation.session }
}

extension TestSupport {
  /// Reads a descriptor to its end, retrying when a signal interrupts the read. Foundation's
  /// `readDataToEndOfFile` traps on EINTR, which child processes' SIGCHLD can cause.
  public static func readAll(_ descriptor: Int32) -> Data {
    var data = Data()
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
      let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
      if count > 0 {
        data.append(contentsOf: buffer[..<count])
      } else if count < 0, errno == EINTR {
        continue
      } else {
        return data
      }
    }
  }
}

extension TestSupport {
  /// Writes all of `data`, retrying when a signal interrupts the write (see `readAll`).
  public static func writeAll(_ descriptor: Int32, _ data: Data) {
    let bytes = [UInt8](data)
    var offset = 0
    while offset < bytes.count {
      let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress.map { $0 + offset }, $0.count - offset) }
      if written > 0 {
        offset += written
      } else if written < 0, errno == EINTR {
        continue
      } else {
        return
      }
    }
  }
}
