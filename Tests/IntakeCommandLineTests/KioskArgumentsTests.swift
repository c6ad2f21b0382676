import ArgumentParser
import Testing

@testable import IntakeCommandLine

/// A plain kiosk command line read by hand gives the settings ArgumentParser gives, and anything
/// else is left to ArgumentParser.
@Suite struct KioskArgumentsTests {
  /// Every option of the kiosk, with a value unlike its default, in both spellings.
  static let everyOption: [(name: String, value: String?)] = [
    ("dialog", "Dialogs/other folder"), ("data", "/var/lib/intake-é"), ("resume-hours", "12.5"), ("once", nil),
    ("idle-minutes", "1e1"), ("idle-warning-seconds", "45"), ("staff-code-file", "staff code"),
    ("idle-timing-for-tests", "2,1,1"), ("store-page-limit", "+40"), ("resume-kdf-rounds", "1024"),
    ("record", "out.transcript"), ("alert-command", "/usr/local/bin/page staff"), ("kiosk-name", "front desk"),
    ("realert-after", "0"),
  ]

  static var plainCommandLines: [[String]] {
    let separate = everyOption.flatMap { ["--\($0.name)"] + ($0.value.map { [$0] } ?? []) }
    let joined = everyOption.map { "--\($0.name)" + ($0.value.map { "=\($0)" } ?? "") }
    return [
      [], ["--once"], ["--dialog", "d", "--data", "x"], ["--data=x", "--idle-minutes", "0.5"], separate, joined,
      ["--realert-after", "30", "--once", "--dialog", "d", "--kiosk-name=b"],
      ["--resume-hours", "72", "--realert-after", "120.0"],
    ]
  }

  @Test(arguments: plainCommandLines)
  func aPlainCommandLineGivesWhatArgumentParserGives(_ arguments: [String]) throws {
    let parsed = try KioskCommand.parse(arguments).settings
    #expect(KioskArguments.parse(arguments) == parsed)
  }

  @Test func everyOptionOfTheCommandIsReadByHand() throws {
    // The command's options, by the names ArgumentParser gives its properties.
    let names = Mirror(reflecting: KioskCommand()).children.compactMap(\.label).map { label in
      String(label.dropFirst()).reduce(into: "") { name, character in
        name += character.isUppercase ? "-\(character.lowercased())" : String(character)
      }
    }
    #expect(Set(names) == Set(Self.everyOption.map(\.name)))
    // And the settings hold one value per option.
    #expect(Mirror(reflecting: KioskRun()).children.count == names.count)
  }

  /// What the hand reading leaves to ArgumentParser: help and errors are said by it.
  @Test(arguments: [
    ["--help"], ["-h"], ["--dialog"], ["--dialog", "--data", "x"], ["--dialog="], ["--kiosk-name", "-x"],
    ["--unknown", "1"], ["--once", "--once"], ["--data", "a", "--data", "b"], ["--once=yes"], ["positional"],
    ["--idle-minutes", "0"], ["--idle-warning-seconds", "19"], ["--resume-hours", "many"],
    ["--store-page-limit", "1.5"], ["--", "--once"], ["-once"],
  ])
  func anythingElseIsLeftToArgumentParser(_ arguments: [String]) {
    #expect(KioskArguments.parse(arguments) == nil)
  }
}
