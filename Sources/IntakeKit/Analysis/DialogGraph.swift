/// The dialog's flow as a graph for people: sections as clusters, conditions on edges. Rendered
/// as Graphviz DOT or Mermaid.
public enum DialogGraph {
  struct Edge {
    var from: String
    var to: String
    var label: String?
    var dashed: Bool
  }

  /// The end of the intake. Not `end`: that is a keyword in Mermaid and breaks its flowcharts.
  static let end = "intake_end"
  /// Where a screen outside the flow goes when it is done: back to the question after the one
  /// that raised it (the patient resumes), never the end.
  static let resume = "back_to_the_flow"

  static func edges(_ dialog: Dialog) -> [Edge] {
    var edges: [Edge] = []
    func name(_ target: Target) -> String {
      switch target {
      case .end: end
      case .question(let id): id
      }
    }
    // An escalation's screen interrupts; once staff resume, the patient is back where they were.
    let shown = Set(dialog.rules.compactMap { $0.escalation?.show })
    for section in dialog.sections {
      for id in section.questionIDs {
        guard let question = dialog.questions[id] else { continue }
        if !section.inFlow, shown.contains(id), !question.ends, question.next == nil, question.branches.isEmpty {
          edges.append(Edge(from: id, to: resume, label: "when staff resume", dashed: true))
          continue
        }
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
      // The questions whose answers can raise it (through computed values too).
      for trigger in triggers(rule, dialog) {
        edges.append(Edge(from: trigger, to: "rule_" + rule.id, label: "can raise", dashed: true))
      }
      edges.append(
        Edge(from: "rule_" + rule.id, to: show, label: "escalation tier \(rule.escalation?.tier ?? 0)", dashed: true))
    }
    return edges
  }

  /// The questions a rule's condition reads, directly or through computed values, in order.
  static func triggers(_ rule: Rule, _ dialog: Dialog) -> [String] {
    var found: [String] = []
    var seen = Set<String>()
    func collect(_ expression: Expression) {
      expression.visit { node in
        guard case .reference(let name, _) = node.kind, seen.insert(name).inserted else { return }
        if dialog.questions[name] != nil {
          found.append(name)
        } else if let computed = dialog.computed[name] {
          collect(computed.expression)
        }
      }
    }
    collect(rule.condition)
    return found
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
    lines.append("  \(quote(resume)) [shape=oval, style=dashed, label=\"back to the question after the trigger\"];")
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

  /// A Mermaid flowchart. Every node id is prefixed (`q_`, `r_`, `s_`), so no question id can be
  /// one of Mermaid's keywords (`end`, `graph`, `style`, ...).
  public static func mermaid(_ dialog: Dialog) -> String {
    func text(_ raw: String) -> String {
      "\"" + raw.replacingOccurrences(of: "\"", with: "#quot;").replacingOccurrences(of: "\n", with: "<br/>") + "\""
    }
    func node(_ name: String) -> String {
      if name == end || name == resume { return name }
      if name.hasPrefix("rule_") { return "r_" + name.dropFirst(5) }
      return "q_" + name
    }
    var lines = ["flowchart TD"]
    for section in dialog.sections {
      lines.append("  subgraph s_\(section.id)[\(text(section.title + (section.inFlow ? "" : " (outside the flow)")))]")
      for id in section.questionIDs {
        guard let question = dialog.questions[id] else { continue }
        lines.append("    \(node(id))[\(text(label(question, dialog)))]")
      }
      lines.append("  end")
    }
    lines.append("  \(end)((\"end\"))")
    lines.append("  \(resume)([\"back to the question after the trigger\"])")
    for rule in dialog.rules where rule.escalation?.show != nil {
      lines.append("  \(node("rule_" + rule.id)){{\(text("rule " + rule.id))}}")
    }
    for edge in edges(dialog) {
      let arrow = edge.dashed ? "-.->" : "-->"
      let label = edge.label.map { "|\(text($0))|" } ?? ""
      lines.append("  \(node(edge.from)) \(arrow)\(label) \(node(edge.to))")
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
