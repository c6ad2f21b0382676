import Foundation

/// The code a member of staff types at a held screen (`hold: staff`) to resume the session. The
/// clinic keeps it in a file only the kiosk's user can read (`intake kiosk --staff-code-file`):
/// it is never in the arguments, never logged, never saved with a session, and compared in
/// constant time.
public struct StaffCode: Sendable {
  /// Shorter codes could be typed by chance, or guessed at the kiosk.
  public static let minimumLength = 8
  public static let maximumLength = 128

  private let bytes: [UInt8]

  /// A code as given; throws when it is too short or too long to be one.
  public init(_ code: String) throws(StaffCodeError) {
    let trimmed = code.trimmingWhitespace()
    guard trimmed.count >= Self.minimumLength, trimmed.count <= Self.maximumLength else { throw .badLength }
    bytes = Array(trimmed.utf8)
  }

  /// Reads the code from `path`: a regular file (not a link), owned by this user and readable by
  /// no one else. The code is its first line.
  public init(contentsOfFile path: String) throws(StaffCodeError) {
    var status = stat()
    guard lstat(path, &status) == 0 else { throw .unreadable }
    guard status.st_mode & S_IFMT == S_IFREG else { throw .notAFile }
    guard status.st_uid == geteuid() else { throw .notOwned }
    guard status.st_mode & 0o077 == 0 else { throw .readableByOthers }
    guard status.st_size <= 4096, let data = FileManager.default.contents(atPath: path),
      let text = String(data: data, encoding: .utf8)
    else { throw .unreadable }
    let firstLine = text.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? ""
    try self.init(firstLine)
  }

  /// Whether `typed` is the code (spaces around it ignored). The time taken depends on the
  /// code's length only, never on how much of it was right.
  public func matches(_ typed: String) -> Bool {
    let candidate = Array(typed.trimmingSpaces().utf8)
    var difference: UInt8 = candidate.count == bytes.count ? 0 : 1
    for index in bytes.indices {
      let byte = index < candidate.count ? candidate[index] : 0
      difference |= byte ^ bytes[index]
    }
    return difference == 0
  }
}

/// Why a staff code file was refused. The descriptions never quote the file's contents.
public enum StaffCodeError: Error, Equatable, Sendable, CustomStringConvertible {
  case unreadable
  case notAFile
  case notOwned
  case readableByOthers
  case badLength

  public var description: String {
    switch self {
    case .unreadable: "the staff code file cannot be read"
    case .notAFile: "the staff code file must be a regular file, not a link or a folder"
    case .notOwned: "the staff code file must belong to the user the kiosk runs as"
    case .readableByOthers: "the staff code file must be readable by its owner only (chmod 600)"
    case .badLength:
      "the staff code (the file's first line) must be \(StaffCode.minimumLength) to \(StaffCode.maximumLength) characters"
    }
  }
}
