/// Renders a summary as one self-contained, printable HTML page: no scripts, no network, a print
/// style sheet. It converts the Markdown the summary renders to (`MarkdownRenderer`), which uses
/// a small fixed subset: headings, bullet and numbered lists (one level of nesting), tables,
/// bold, italics, a block quote, a rule, and backslash escapes for patient text.
public enum HTMLRenderer {
  public static func render(_ summary: Summary) -> String {
    page(title: "Intake summary \(summary.sessionID)", body: body(MarkdownRenderer.render(summary)))
  }

  static let style = """
    body { font: 11pt/1.45 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: #111; max-width: 52em; margin: 2em auto; padding: 0 1em; }
    h1 { font-size: 1.5em; border-bottom: 2px solid #333; padding-bottom: .2em; }
    h2 { font-size: 1.2em; margin-top: 1.6em; border-bottom: 1px solid #999; }
    h3 { font-size: 1.05em; margin-top: 1.2em; }
    table { border-collapse: collapse; margin: .6em 0; width: 100%; }
    th, td { border: 1px solid #999; padding: .25em .45em; text-align: left; vertical-align: top; }
    th { background: #eee; }
    blockquote { margin: 1em 0; padding: .5em 1em; border-left: 4px solid #b00; background: #fdf3f3; }
    ul, ol { padding-left: 1.4em; }
    @media print {
      body { margin: 0; max-width: none; font-size: 10pt; }
      h2, h3 { break-after: avoid; page-break-after: avoid; }
      table, li, blockquote { break-inside: avoid; page-break-inside: avoid; }
      a { color: inherit; text-decoration: none; }
    }
    """

  static func page(title: String, body: String) -> String {
    """
    <!DOCTYPE html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
    <title>\(escape(title))</title>
    <style>
    \(style)
    </style>
    </head>
    <body>
    \(body)</body>
    </html>

    """
  }

  /// Converts the summary's Markdown subset to HTML.
  static func body(_ markdown: String) -> String {
    var html = ""
    var lists: [String] = []  // open list tags, outermost first
    var itemOpen: [Bool] = []
    var table: [[String]] = []
    func closeLists(to depth: Int) {
      while lists.count > depth {
        if itemOpen.last == true { html += "</li>\n" }
        html += "</\(lists.removeLast())>\n"
        itemOpen.removeLast()
      }
    }
    func flushTable() {
      guard !table.isEmpty else { return }
      html += "<table>\n"
      for (index, row) in table.enumerated() where index != 1 {
        let cell = index == 0 ? "th" : "td"
        html += "<tr>" + row.map { "<\(cell)>\(inline($0))</\(cell)>" }.joined() + "</tr>\n"
      }
      html += "</table>\n"
      table = []
    }
    for line in markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
      if line.hasPrefix("|") {
        closeLists(to: 0)
        table.append(cells(line))
        continue
      }
      flushTable()
      let indent = line.prefix { $0 == " " }.count
      let content = String(line.dropFirst(indent))
      let depth = indent >= 2 ? 2 : 1
      var listTag: String?
      var text = content
      if content.hasPrefix("- ") {
        listTag = "ul"
        text = String(content.dropFirst(2))
      } else if let dot = content.firstIndex(of: "."), content[..<dot].allSatisfy(\.isNumber), !content[..<dot].isEmpty,
        content[dot...].hasPrefix(". ")
      {
        listTag = "ol"
        text = String(content[content.index(dot, offsetBy: 2)...])
      }
      if let listTag {
        if lists.count >= depth, lists[depth - 1] != listTag { closeLists(to: depth - 1) }
        closeLists(to: depth)
        if lists.count < depth {
          html += "<\(listTag)>\n"
          lists.append(listTag)
          itemOpen.append(false)
        } else if itemOpen[depth - 1] {
          html += "</li>\n"
        }
        html += "<li>" + inline(text)
        itemOpen[depth - 1] = true
        continue
      }
      if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
      closeLists(to: 0)
      if line.hasPrefix("### ") {
        html += "<h3>\(inline(String(line.dropFirst(4))))</h3>\n"
      } else if line.hasPrefix("## ") {
        html += "<h2>\(inline(String(line.dropFirst(3))))</h2>\n"
      } else if line.hasPrefix("# ") {
        html += "<h1>\(inline(String(line.dropFirst(2))))</h1>\n"
      } else if line.hasPrefix("> ") {
        html += "<blockquote>\(inline(String(line.dropFirst(2))))</blockquote>\n"
      } else if line == "---" {
        html += "<hr>\n"
      } else {
        html += "<p>\(inline(line))</p>\n"
      }
    }
    flushTable()
    closeLists(to: 0)
    return html
  }

  /// The cells of a table row, split on `|` that are not escaped.
  static func cells(_ line: String) -> [String] {
    var cells: [String] = []
    var current = ""
    var escaped = false
    for character in line.dropFirst() {
      if escaped {
        current += "\\" + String(character)
        escaped = false
      } else if character == "\\" {
        escaped = true
      } else if character == "|" {
        cells.append(current.trimmingCharacters(in: .whitespaces))
        current = ""
      } else {
        current.append(character)
      }
    }
    return cells
  }

  /// Bold, italics and escapes; everything else is text, HTML-escaped.
  static func inline(_ text: String) -> String {
    var result = ""
    var bold = false
    var italic = false
    var characters = Array(text)[...]
    while let character = characters.popFirst() {
      switch character {
      case "\\":
        if let next = characters.popFirst() { result += escape(String(next)) }
      case "*" where characters.first == "*":
        characters.removeFirst()
        result += bold ? "</strong>" : "<strong>"
        bold.toggle()
      case "_" where italic || result.isEmpty || result.last == " ":
        result += italic ? "</em>" : "<em>"
        italic.toggle()
      default:
        result += escape(String(character))
      }
    }
    if bold { result += "</strong>" }
    if italic { result += "</em>" }
    return result
  }

  static func escape(_ text: String) -> String {
    var result = ""
    for character in text {
      switch character {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      case "'": result += "&#39;"
      default: result.append(character)
      }
    }
    return result
  }
}
