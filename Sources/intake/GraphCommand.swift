import ArgumentParser
import IntakeCommandLine
import IntakeKit
import IntakeStore
import IntakeTerminal

struct GraphCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "graph",
    abstract: "Print the dialog's flow as a graph: sections as clusters, conditions on edges."
  )

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case dot, mermaid
  }

  @Argument(help: "The dialog folder.")
  var dialog: String = DialogDiagnostics.defaultDialog

  @Option(help: "dot (Graphviz) or mermaid.")
  var format: Format = .dot

  func run() throws {
    let loaded = try DialogDiagnostics.load(dialog)
    let graph = format == .dot ? DialogGraph.dot(loaded) : DialogGraph.mermaid(loaded)
    ScreenWriter(wraps: false).write(graph)
  }
}
