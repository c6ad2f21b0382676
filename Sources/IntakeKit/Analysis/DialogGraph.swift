/// The dialog's flow as a graph for people: sections as clusters, conditions on edges. Rendered
/// as Graphviz DOT or Mermaid.
public enum DialogGraph {
  struct Edge {
    var from: String
    var to: String
    var label: String?
    var dashed: Bool
  }

  static let end = "end"

  static func edges(_ dialog: Dialog) -> [Edge] {
    var edges: [Edge] = []
    func name(_ target: Target) -> String {
      switch target {
      case .end: end
      case .question(let id): id
      }
    }
    for section in dialog.sections {
      for id in section.questionIDs {
        guard let question = dialog.questions[id] else { continue }
        if question.ends {
          edges.append(Edge(from: id, to: end, label: nil, dashed: false))
          continue
        }
        for branch in question.branches {
          edges.append(Edge(from: id, to: name(branch.target), label: branch.condition.source, dashed: false))
        }
        let fallback = question.next ?? dialog.successor(after: id)
        edges.append(
          Edge(from: id, to: name(fallback), label: question.branches.isEmpty ? nil : "otherwise", dashed: false))
        if let condition = question.when {
          edges.append(
            Edge(
              from: id, to: name(dialog.successor(after: id)), label: "skipped unless \(condition.source)", dashed: true
            ))
        }
      }
    }
    for rule in dialog.rules {
      guard let show = rule.escalation?.show else { continue }
      edges.append(
        Edge(from: "rule_" + rule.id, to: show, label: "escalation tier \(rule.escalation?.tier ?? 0)", dashed: true))
    }
    return edges
  }

  static func label(_ question: Question, _ dialog: Dialog) -> String {
    var label = "\(question.id)\n[\(question.kind.name)]"
    if case .repeatGroup(let group) = question.kind { label += "\nrecords: " + group.items.joined(separator: ", ") }
    if let condition = question.when { label += "\nwhen \(condition.source)" }
    return label
  }

  /// Graphviz DOT.
  public static func dot(_ dialog: Dialog) -> String {
    func quote(_ text: String) -> String {
      "\""
        + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        .replacingOccurrences(of: "\n", with: "\\n") + "\""
    }
    var lines = [
      "digraph \(quote(dialog.id)) {", "  rankdir=TB;", "  node [shape=box, fontname=\"Helvetica\", fontsize=10];",
      "  edge [fontname=\"Helvetica\", fontsize=9];",
    ]
    for section in dialog.sections {
      lines.append("  subgraph \(quote("cluster_" + section.id)) {")
      lines.append("    label=\(quote(section.title + (section.inFlow ? "" : " (outside the flow)")));")
      for id in section.questionIDs {
        guard let question = dialog.questions[id] else { continue }
        lines.append(
          "    \(quote(id)) [label=\(quote(label(question, dialog)))\(question.when == nil ? "" : ", style=dashed")];")
      }
      lines.append("  }")
    }
    lines.append("  \(quote(end)) [shape=doublecircle, label=\"end\"];")
    for rule in dialog.rules where rule.escalation?.show != nil {
      lines.append("  \(quote("rule_" + rule.id)) [shape=octagon, label=\(quote("rule " + rule.id))];")
    }
    for edge in edges(dialog) {
      var attributes: [String] = []
      if let label = edge.label { attributes.append("label=\(quote(label))") }
      if edge.dashed { attributes.append("style=dashed") }
      lines.append(
        "  \(quote(edge.from)) -> \(quote(edge.to))"
          + (attributes.isEmpty ? "" : " [" + attributes.joined(separator: ", ") + "]")
          + ";")
    }
    lines.append("}")
    return lines.joined(separator: "\n") + "\n"
  }

  /// A Mermaid flowchart.
  public static func mermaid(_ dialog: Dialog) -> String {
    func text(_ raw: String) -> String {
      "\"" + raw.replacingOccurrences(of: "\"", with: "#quot;").replacingOccurrences(of: "\n", with: "<br/>") + "\""
    }
    var lines = ["flowchart TD"]
    for section in dialog.sections {
      lines.append("  subgraph section_\(section.id)[\(text(section.title))]")
      for id in section.questionIDs {
        guard let question = dialog.questions[id] else { continue }
        lines.append("    \(id)[\(text(label(question, dialog)))]")
      }
      lines.append("  end")
    }
    lines.append("  \(end)((end))")
    for rule in dialog.rules where rule.escalation?.show != nil {
      lines.append("  rule_\(rule.id){{\(text("rule " + rule.id))}}")
    }
    for edge in edges(dialog) {
      let arrow = edge.dashed ? "-.->" : "-->"
      let label = edge.label.map { "|\(text($0))|" } ?? ""
      lines.append("  \(edge.from) \(arrow)\(label) \(edge.to)")
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
