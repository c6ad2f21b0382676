import IntakeKit
import IntakeTerminal
import Synchronization

/// A kiosk's dialog, read on a second core from the moment the program starts, while the command
/// line is still being parsed (ArgumentParser takes about a fifth of a kiosk's start, and reading
/// the dialog or taking it from the compiled-dialog cache does not need it). Started only when the
/// arguments plainly start a kiosk (`intake`, `intake kiosk ...`, `intake --data ...`);
/// `KioskCommand` takes it when it names the folder the parsed command names, and reads the dialog
/// itself otherwise. Reading has no effect beyond the cache, so one started for nothing costs only
/// the work.
package enum EarlyDialogRead {
  private static let started = Mutex<(path: String, reading: BackgroundWork<Dialog>)?>(nil)

  /// Starts reading the dialog `arguments` (the program's, its name first) would give a kiosk.
  package static func start(for arguments: [String]) {
    guard let path = kioskDialog(in: Array(arguments.dropFirst())) else { return }
    // The kiosk's handlers for fatal signals before anything runs beside it (see `KioskCommand.run`).
    TerminationSignal.installFatalHandlers()
    begin(path)
  }

  /// Starts reading the dialog in `path`, in place of any reading started before.
  package static func begin(_ path: String) {
    let reading = BackgroundWork { try KioskCommand.readDialog(path) }
    started.withLock { $0 = (path, reading) }
  }

  /// The reading started for `path`, once; nil when none was, or it was for another folder.
  package static func take(for path: String) -> BackgroundWork<Dialog>? {
    started.withLock { slot in
      defer { slot = nil }
      return slot?.path == path ? slot?.reading : nil
    }
  }

  /// The kiosk's own arguments (after `kiosk`, when it is named) of the program's command line
  /// (its name first), or nil when it is not plainly a kiosk's (another command, help, a version).
  package static func kioskArguments(in arguments: [String]) -> [String]? {
    var options = arguments.dropFirst()
    if options.first == "kiosk" {
      options = options.dropFirst()
    } else if let first = options.first, !first.hasPrefix("-") {
      return nil
    }
    guard
      !options.contains(where: {
        ["-h", "--help", "--version", "help", "--generate-completion-script"].contains($0)
          || $0.hasPrefix("--generate-completion-script=")
      })
    else { return nil }
    return Array(options)
  }

  /// The dialog folder of a kiosk's command line (without the program's name), or nil when the
  /// arguments are not plainly a kiosk's.
  package static func kioskDialog(in arguments: [String]) -> String? {
    guard let options = kioskArguments(in: ["intake"] + arguments) else { return nil }
    var dialog: String?
    var index = options.startIndex
    while index < options.endIndex {
      let argument = options[index]
      if argument == "--dialog", index + 1 < options.endIndex {
        dialog = options[index + 1]
        index += 1
      } else if argument.hasPrefix("--dialog=") {
        dialog = String(argument.dropFirst("--dialog=".count))
      }
      index += 1
    }
    return dialog ?? DialogDiagnostics.defaultDialog
  }
}
