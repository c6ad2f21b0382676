import Foundation
import IntakeKit

/// The kiosk's data folder: finished submissions and staff alerts, each written atomically with
/// owner-only permissions. File names hold a timestamp and the session id, never patient data.
public struct DataFolder: Sendable {
  public let url: URL

  public init(path: String) { url = URL(fileURLWithPath: path, isDirectory: true) }

  public var submissions: URL { url.appendingPathComponent("submissions", isDirectory: true) }
  public var alerts: URL { url.appendingPathComponent("alerts", isDirectory: true) }

  /// Creates the folders (mode 0700) and checks that files can be written there, so a kiosk
  /// never starts taking answers it could not save.
  public func prepare() throws(StoreError) {
    for folder in [url, submissions, alerts] {
      do {
        try FileManager.default.createDirectory(
          at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
      } catch {
        throw StoreError.cannotCreateFolder(folder.path)
      }
    }
    let probe = url.appendingPathComponent(".write-check-\(UUID().uuidString)")
    do {
      try write(Data("ok".utf8), to: probe)
      try FileManager.default.removeItem(at: probe)
    } catch {
      throw StoreError.notWritable(url.path)
    }
  }

  /// Writes the summary of a finished session as Markdown and JSON. Returns the Markdown file.
  @discardableResult
  public func saveSubmission(_ summary: Summary, finishedAt: Date) throws(StoreError) -> URL {
    let base = Self.fileStem(finishedAt, summary.sessionID)
    let markdown = submissions.appendingPathComponent(base + ".md")
    let json = submissions.appendingPathComponent(base + ".json")
    do {
      try write(Data(JSONRenderer.render(summary).utf8), to: json)
      try write(Data(MarkdownRenderer.render(summary).utf8), to: markdown)
    } catch {
      throw StoreError.writeFailed
    }
    return markdown
  }

  /// Records a staff alert: the session id, tier, rule and time only. No answers.
  @discardableResult
  public func raiseAlert(sessionID: String, rule: String, tier: Int, at instant: Date) throws(StoreError) -> URL {
    let file = alerts.appendingPathComponent(Self.fileStem(instant, sessionID) + "-tier\(tier).json")
    let record: [String: String] = [
      "session": sessionID, "rule": rule, "tier": String(tier), "raised_at": Self.timestamp(instant),
    ]
    do {
      let data = try JSONSerialization.data(withJSONObject: record, options: [.sortedKeys, .prettyPrinted])
      try write(data, to: file)
    } catch {
      throw StoreError.writeFailed
    }
    return file
  }

  static func timestamp(_ instant: Date) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.timeZone = TimeZone(identifier: "UTC")
    return formatter.string(from: instant)
  }

  static func fileStem(_ instant: Date, _ sessionID: String) -> String {
    timestamp(instant).replacingOccurrences(of: ":", with: "") + "-" + sessionID
  }

  /// Writes to a temporary file in the same folder, syncs it, then renames it into place, so a
  /// crash leaves either the whole file or none.
  func write(_ data: Data, to destination: URL) throws {
    let temporary = destination.deletingLastPathComponent()
      .appendingPathComponent(".tmp-\(UUID().uuidString)")
    let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
    guard descriptor >= 0 else { throw StoreError.writeFailed }
    var ok = true
    data.withUnsafeBytes { buffer in
      var offset = 0
      while offset < buffer.count {
        let written = Foundation.write(descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
        if written <= 0 {
          ok = false
          break
        }
        offset += written
      }
    }
    ok = ok && fsync(descriptor) == 0
    close(descriptor)
    guard ok, rename(temporary.path, destination.path) == 0 else {
      unlink(temporary.path)
      throw StoreError.writeFailed
    }
    let folder = open(destination.deletingLastPathComponent().path, O_RDONLY | O_DIRECTORY)
    if folder >= 0 {
      fsync(folder)
      close(folder)
    }
  }
}
