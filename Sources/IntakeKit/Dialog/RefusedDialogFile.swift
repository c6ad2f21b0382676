/// A dialog file the reader will not read, for a reason an author can fix. `DialogFiles`
/// implementations throw it; the reader turns it into a diagnostic with its own code.
public enum RefusedDialogFile: Error, Sendable, Equatable {
  /// Larger than `maximumBytes`: no dialog file needs to be, and reading it whole would let a
  /// hostile folder exhaust memory.
  case tooLarge(path: String, bytes: Int)
  /// A symbolic link, or a path through one, that leads outside the dialog folder: a dialog
  /// must not read files the clinic did not put in it.
  case leavesFolder(path: String)

  /// The largest dialog file read: 1 MiB, about fifty times the shipped dialog's largest file
  /// (`rules.yaml`, 22 KB).
  public static let maximumBytes = 1 << 20
}
