/// A plain kiosk command line read without ArgumentParser: `--name value`, `--name=value` and
/// `--once`, each option at most once. Anything else (an unknown or repeated option, a value that
/// starts with `-` or is empty, a number that does not read, settings `validate()` refuses) is
/// left to ArgumentParser, which parses it again and says what it says about it; so this reader
/// only ever gives the settings ArgumentParser would (`KioskArgumentsTests` holds it to that).
package enum KioskArguments {
  /// The settings of a kiosk's arguments (after `kiosk`), or nil to leave them to ArgumentParser.
  package static func parse(_ arguments: [String]) -> KioskRun? {
    var settings = KioskRun()
    var seen = Set<String>()
    var index = arguments.startIndex
    while index < arguments.endIndex {
      let argument = arguments[index]
      guard argument.hasPrefix("--") else { return nil }
      var name = String(argument.dropFirst(2))
      var value: String?
      if let equals = name.firstIndex(of: "=") {
        value = String(name[name.index(after: equals)...])
        name = String(name[..<equals])
      }
      guard !name.isEmpty, seen.insert(name).inserted else { return nil }
      index += 1
      if name == "once" {
        guard value == nil else { return nil }
        settings.once = true
        continue
      }
      if value == nil, index < arguments.endIndex {
        value = arguments[index]
        index += 1
      }
      guard let value, !value.isEmpty, !value.hasPrefix("-"), settings.set(name, to: value) else { return nil }
    }
    do {
      try settings.validate()
    } catch {
      return nil
    }
    return settings
  }
}

extension KioskRun {
  /// Sets the option `name` (as typed, without its dashes) from its text, as ArgumentParser reads
  /// it (`Double(_:)`, `Int(_:)`); false for a name the kiosk does not have or a value that does
  /// not read.
  fileprivate mutating func set(_ name: String, to value: String) -> Bool {
    switch name {
    case "dialog": dialog = value
    case "data": data = value
    case "staff-code-file": staffCodeFile = value
    case "idle-timing-for-tests": idleTimingForTests = value
    case "record": record = value
    case "alert-command": alertCommand = value
    case "kiosk-name": kioskName = value
    case "resume-hours": return Double(value).map { resumeHours = $0 } != nil
    case "idle-minutes": return Double(value).map { idleMinutes = $0 } != nil
    case "idle-warning-seconds": return Double(value).map { idleWarningSeconds = $0 } != nil
    case "realert-after": return Double(value).map { realertAfter = $0 } != nil
    case "store-page-limit": return Int(value).map { storePageLimit = $0 } != nil
    case "resume-kdf-rounds": return Int(value).map { resumeKdfRounds = $0 } != nil
    default: return false
    }
    return true
  }
}
