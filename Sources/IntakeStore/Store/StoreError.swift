/// Why the store or the data folder could not be used. The text is for staff: it says what to
/// do and names no patient data.
public enum StoreError: Error, Equatable, CustomStringConvertible {
  case cannotCreateFolder(String)
  case notWritable(String)
  case writeFailed
  /// The disk (or the store's page limit) is full.
  case full
  /// The folder, the file or the file system is read-only.
  case readOnly
  /// The store file is damaged or is not a store.
  case corrupt(String)
  /// Another I/O failure, with SQLite's result code.
  case io(String)
  /// The audit trail does not verify: an entry was changed or removed.
  case auditBroken(String)
  /// A key file is damaged.
  case badKey(String)
  /// What was to be saved could not be encoded or sealed; nothing was saved.
  case sealingFailed
  /// A file or folder is not safe to trust: another user owns or can write it, or it is a
  /// symbolic link. The text names the path, what is wrong and the fix.
  case unsafe(String, String, fix: String)
  /// Several paths in the data folder are not safe to trust: each problem, and one fix.
  case unsafeFolder([String], fix: String)
  /// Another kiosk is running on the same data folder.
  case busy(String)
  /// A write that does not hold the audit key's lock tried to append an audit entry: a fault of
  /// the program, not of the store; the write was not made.
  case auditUnlocked

  public var description: String {
    switch self {
    case .cannotCreateFolder(let path): "cannot create the data folder '\(path)'"
    case .notWritable(let path): "the data folder '\(path)' is not writable (read-only, full, or wrong permissions)"
    case .writeFailed: "saving to the data folder failed (disk full or I/O error)"
    case .full: "the data folder's disk is full; nothing more can be saved"
    case .readOnly: "the data folder is read-only; nothing can be saved"
    case .corrupt(let detail):
      "the session store is damaged (\(detail)); keep the file for recovery and start the kiosk on a new data folder"
    case .io(let detail): "the session store could not be used (\(detail))"
    case .auditBroken(let detail): "the audit trail does not verify: \(detail)"
    case .badKey(let path): "the key file '\(path)' is damaged or not an intake key"
    case .sealingFailed: "an answer could not be sealed for saving; nothing was saved"
    case .unsafe(let path, let problem, let fix): "'\(path)' \(problem); \(fix)"
    case .unsafeFolder(let problems, let fix):
      "the data folder is not safe to use:\n" + problems.map { "  - " + $0 }.joined(separator: "\n")
        + (fix.isEmpty ? "" : "\n" + fix)
    case .busy(let path): "another kiosk is already running on the data folder '\(path)'; stop it first"
    case .auditUnlocked: "an audit entry was to be written without the audit key's lock; nothing was saved"
    }
  }
}
