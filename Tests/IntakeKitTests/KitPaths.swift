import IntakeTestSupport

typealias FolderFilesForKit = FolderFiles

enum KitPaths {
  static var shippedDialog: String { TestSupport.shippedDialogPath }
}
