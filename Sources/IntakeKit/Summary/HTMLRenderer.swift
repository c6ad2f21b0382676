/// Renders a summary as one self-contained, printable HTML page: no scripts, no network, a print
/// style sheet. It converts the Markdown the summary renders to (`MarkdownRenderer`), which uses
/// a small fixed subset: headings, bullet and numbered lists (one level of nesting), tables,
/// bold, italics, a block quote (an escalation, drawn red), a rule, and backslash escapes for
/// patient text. On paper every page carries the patient's name, date of birth and the page
/// number, and the last has a space for the reviewer's name, the date, a note and a signature.
public enum HTMLRenderer {
  public static func render(_ summary: Summary) -> String {
    page(title: "\(summary.word(.title)) \(summary.sessionID)", body: content(summary), running: runningHeader(summary))
  }

  /// The note's body, without the page around it: what the browser console shows inside its own
  /// page (with `style` and `pageRule` as style sheets of their own, for a strict CSP).
  public static func content(_ summary: Summary) -> String {
    body(MarkdownRenderer.render(summary)) + signature(summary)
  }

  /// The printed page's margins and running header (patient name, date of birth, page n of m).
  public static func pageRule(_ summary: Summary) -> String { pageRule(header: runningHeader(summary)) }

  /// "Ana Müller, date of birth 1986-04-27, session s1": what each printed page is headed with.
  static func runningHeader(_ summary: Summary) -> String {
    var parts: [String] = []
    if let name = summary.identity?.name { parts.append(name) }
    if let birth = summary.identity?.birthDate { parts.append("\(summary.word(.bornOn)) \(birth)") }
    parts.append(summary.sessionID)
    return parts.joined(separator: ", ")
  }

  static func signature(_ summary: Summary) -> String {
    let labels = summary.word(.signatureLines).split(separator: ",").map {
      "<span>\(escape($0.trimmingSpaces()))</span>"
    }
    return """
      <section class="signature">
      <p><strong>\(escape(summary.word(.reviewer)))</strong></p>
      <div class="lines">\(labels.joined())</div>
      <div class="note"></div>
      </section>

      """
  }

  /// Text as a CSS string: everything but letters, digits and spaces as a CSS escape, so patient
  /// text cannot end the string, the rule or the `<style>` element.
  static func cssString(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
      if scalar.properties.isAlphabetic || (scalar.isASCII && scalar.properties.numericType != nil) || scalar == " " {
        result.unicodeScalars.append(scalar)
      } else {
        result += "\\" + String(scalar.value, radix: 16) + " "
      }
    }
    return result + "\""
  }

  public static let style = """
    body { font: 11pt/1.45 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: #111; max-width: 52em; margin: 2em auto; padding: 0 1em; }
    h1 { font-size: 1.5em; border-bottom: 2px solid #333; padding-bottom: .2em; }
    h2 { font-size: 1.2em; margin-top: 1.6em; border-bottom: 1px solid #999; }
    h3 { font-size: 1.05em; margin-top: 1.2em; }
    table { border-collapse: collapse; margin: .6em 0; width: 100%; }
    th, td { border: 1px solid #999; padding: .25em .45em; text-align: left; vertical-align: top; }
    th { background: #eee; }
    td:nth-child(2) { white-space: nowrap; }
    blockquote { margin: .6em 0; padding: .5em 1em; border: 2px solid #b00; border-left-width: 8px; background: #fdf3f3; font-weight: 600; }
    ul, ol { padding-left: 1.4em; }
    .signature { margin-top: 2em; break-inside: avoid; page-break-inside: avoid; }
    .signature .lines { display: flex; gap: 2em; margin-top: 2.2em; }
    .signature .lines span { flex: 1; border-top: 1px solid #333; padding-top: .2em; font-size: .9em; color: #444; }
    .signature .note { margin-top: 1em; height: 6em; border: 1px solid #999; }
    @media print {
      body { margin: 0; max-width: none; font-size: 8.5pt; line-height: 1.2; }
      h1 { font-size: 13pt; margin: 0 0 .3em; }
      h2 { font-size: 11pt; margin: .8em 0 .3em; }
      h3 { font-size: 10pt; margin: .5em 0 .15em; }
      p, ul, ol, table, blockquote { margin-top: .2em; margin-bottom: .2em; }
      th, td { padding: .1em .35em; }
      h2, h3 { break-after: avoid; page-break-after: avoid; }
      tr, li, blockquote { break-inside: avoid; page-break-inside: avoid; }
      a { color: inherit; text-decoration: none; }
    }
    """

  static func pageRule(header: String) -> String {
    "@page { margin: 13mm 12mm 12mm; @top-left { content: \(cssString(header)); font-size: 8.5pt; color: #333; } "
      + "@top-right { content: \"Page \" counter(page) \" of \" counter(pages); font-size: 8.5pt; color: #333; } }"
  }

  static func page(title: String, body: String, running: String? = nil) -> String {
    // Every printed page: who it is about on the left, the page number on the right.
    let pageRule = running.map(Self.pageRule(header:)) ?? ""
    return """
      <!DOCTYPE html>
      <html lang="en">
      <head>
      <meta charset="utf-8">
      <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
      <title>\(escape(title))</title>
      <style>
      \(style)
      \(pageRule)
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
      if line.trimmingSpaces().isEmpty { continue }
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
        cells.append(current.trimmingSpaces())
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

  static func escape(_ text: String) -> String { HTMLEscaper.escape(text) }

}
