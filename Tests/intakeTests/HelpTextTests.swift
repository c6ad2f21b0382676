import ArgumentParser
import Testing

@testable import IntakeCommandLine
@testable import intake

/// Every command's `--help` discussion is written as paragraphs ArgumentParser wraps to the
/// terminal: a line broken by hand inside a paragraph was broken again at 80 columns, leaving a
/// word or two on a line of its own ("A folder\npath means every transcript under it.").
@Suite struct HelpTextTests {
  static func commands(_ command: any ParsableCommand.Type) -> [any ParsableCommand.Type] {
    [command] + command.configuration.subcommands.flatMap { commands($0) }
  }

  @Test func noDiscussionBreaksALineInsideAParagraph() {
    let all = Self.commands(IntakeCommand.self) + Self.commands(KioskCommand.self)
    #expect(all.count > 10)
    for command in all {
      for paragraph in command.configuration.discussion.components(separatedBy: "\n\n") {
        let lines = paragraph.split(separator: "\n", omittingEmptySubsequences: false)
        // A table (the exit codes) is laid out by hand: its lines after the first are indented.
        let laidOut = lines.dropFirst().allSatisfy { $0.hasPrefix(" ") }
        #expect(lines.count == 1 || laidOut, "\(command.configuration.commandName ?? "intake"): \(paragraph)")
      }
    }
  }
}
