import Foundation

/// Renders a summary as Markdown: who the patient is and whether the intake went to the end, then
/// one page "at a glance" (the outcome, safety, findings with their reasons, scores, the answers
/// the dialog puts first, the questions for the clinician), then the answers by heading with the
/// pertinent negatives and skipped questions on one line each. Nothing is printed twice. Every
/// heading and fixed sentence is the dialog's (`Summary.word`).
public enum MarkdownRenderer {
  /// The `##` headings `render` writes, in order, as written (escaped), without writing the rest:
  /// what a transcript's `sections:` expects, worked out at the end of every replayed journey.
  public static func headings(_ summary: Summary) -> [String] {
    var titles = [escape(summary.word(.glance))]
    if !listedFindings(summary).isEmpty { titles.append(escape(summary.word(.reasons))) }
    titles += answerHeadings(summary).map { escape($0.title) }
    return titles
  }

  /// The findings numbered on the first page: those not raised as escalations (which are shown
  /// above them).
  private static func listedFindings(_ summary: Summary) -> [ScreeningResult.Finding] {
    let escalated = Set(summary.safety.map(\.rule))
    return summary.screening.findings.filter { !escalated.contains($0.rule) }
  }

  /// The headings of the answers that are printed, with their entries (all, and those not on the
  /// first page already).
  private static func answerHeadings(_ summary: Summary) -> [(
    title: String, all: [Summary.Entry], entries: [Summary.Entry]
  )] {
    let glanceIDs = Set(summary.glance?.map(\.question) ?? [])
    return Summary.headings.compactMap { heading in
      let title = NoteWord.heading(heading).map(summary.word) ?? heading.rawValue
      let all = summary.sections[heading.rawValue] ?? []
      // A heading the dialog puts nothing under is not the note's to print.
      if let placed = summary.placedHeadings, !placed.contains(heading.rawValue) { return nil }
      let entries = all.filter { !glanceIDs.contains($0.question) }
      // Everything under it is on the first page already.
      if !all.isEmpty, entries.isEmpty { return nil }
      return (title, all, entries)
    }
  }

  public static func render(_ summary: Summary) -> String {
    var out: [String] = []
    let identitySources = Set(summary.identity?.sources ?? [])
    out.append("# \(escape(summary.word(.title))): \(escape(summary.dialogTitle))")
    // Who: the identity answers, then the other header answers (who helped), on one line.
    var who = summary.identity.flatMap { identityLine($0, summary) }.map { [$0] } ?? []
    who += summary.patient.filter { !identitySources.contains($0.question) }.map {
      "**\(escape($0.label))**: \(escape($0.answer))"
    }
    if !who.isEmpty { out.append("- " + who.joined(separator: "; ")) }
    if let status = summary.status { out.append("- **\(escape(summary.word(.status)))**: \(escape(status))") }
    out.append(
      "- **\(escape(summary.word(.session)))**: \(timeSpan(summary)); \(summary.sessionID); \(summary.dialog) version \(summary.dialogVersion), language \(summary.language); intake \(summary.programVersion)"
    )
    if let takenIn = summary.takenIn, let code = summary.takenInCode {
      out.append(
        "- **\(escape(summary.word(.language)))**: \(escape(summary.word(.takenIn))) \(escape(takenIn)); "
          + "\(escape(summary.word(.ownWordsMarked))) (\(escape(code)))")
    }
    out += ["", "_\(escape(summary.word(.disclaimer)))_"]

    // MARK: At a glance
    out += ["", "## \(escape(summary.word(.glance)))", ""]
    out.append(
      "- **\(escape(summary.word(.outcome)))**: **\(escape(summary.screening.outcome.text))**"
        + (summary.finished == false ? " " + SummaryText.partialOutcome : ""))
    if summary.safety.isEmpty {
      out.append("- **\(escape(summary.word(.safety)))**: \(escape(summary.word(.noSafety)))")
    } else {
      out.append("")
      // A block of its own, so an escalation stands out on the page (the HTML draws it red),
      // with its reasons: it is what staff act on first.
      for escalation in summary.safety.sorted(by: { $0.tier > $1.tier }) {
        var line =
          "> **\(escape(summary.word(.safety))), \(escape(summary.word(.tier))) \(escalation.tier)**: \(escape(escalation.text)) \(localTime(escalation.raisedAt, summary))"
        line += escalation.staffAlerted ? "; \(escape(summary.word(.staffAlerted)))." : "."
        out.append(line + " _\(escape(summary.word(.because)))_: " + because(escalation.evidence))
        out.append("")
      }
      out.removeLast()
    }

    // Findings by number; their reasons follow the first page, under the same numbers.
    let findings = listedFindings(summary)
    // An empty list is left out: the outcome above says no rule fired, and under an escalation
    // "no rule fired" would contradict it.
    if !findings.isEmpty { out.append("### \(escape(summary.word(.findings)))") }
    for (index, finding) in findings.enumerated() {
      out.append("\(index + 1). **\(escape(finding.categoryTitle))**: \(escape(finding.text))")
    }

    // Items the note shows elsewhere are not repeated as an instrument's key items.
    var shown = Set(summary.patient.map(\.question))
    for entries in summary.sections.values { shown.formUnion(entries.map(\.question)) }
    let given = summary.screening.scores.filter { $0.asked != false }
    // A dialog with no instruments, and no answers for the first page, has nothing to put under
    // the heading (a trial author's pain dialog printed it empty).
    if !summary.screening.scores.isEmpty || !(summary.glance ?? []).isEmpty {
      out.append("### \(escape(summary.word(.scores)))")
    }
    if !given.isEmpty {
      let columns: [NoteWord] = [.instrumentColumn, .scoreColumn, .bandColumn]
      out.append("| " + columns.map { escape(summary.word($0)) }.joined(separator: " | ") + " |")
      out.append("|---|---|---|")
      for score in given {
        let total =
          score.total.map { "\(formatNumber($0)) of \(formatNumber(score.maximum))" }
          ?? SummaryText.incomplete(answered: score.answeredItems, of: score.itemsToAsk)
        // A score from items asked in an unvalidated translation says so where it is read.
        let caveat =
          summary.notValidated?.contains(score.instrument) == true ? " (\(escape(summary.word(.notValidated))))" : ""
        out.append(
          "| \(escape(score.title)); \(escape(score.recall.lowercasedFirst))\(caveat) | \(total) | \(escape(score.band ?? "")) |"
        )
      }
    }
    let notGiven = summary.screening.scores.filter { $0.asked == false }.map(\.title)
    if !notGiven.isEmpty {
      if !given.isEmpty { out.append("") }
      out.append("- **\(escape(summary.word(.notGiven)))**: " + notGiven.map(escape).joined(separator: "; ") + ".")
    }

    if let glance = summary.glance, !glance.isEmpty {
      if notGiven.isEmpty, !given.isEmpty { out.append("") }
      for entry in glance { out += lines(entry) }
    }

    out.append("### \(escape(summary.word(.questions)))")
    if summary.screening.questions.isEmpty { out.append(escape(summary.word(.noQuestions))) }
    for (index, question) in summary.screening.questions.enumerated() {
      // Which finding asked for it, by number; its reasons are printed there, once.
      let numbers = question.because.compactMap { text in findings.firstIndex { $0.text == text }.map { $0 + 1 } }
      let reference =
        numbers.isEmpty
        ? " (\(escape(summary.word(.safety))))"
        : " (" + numbers.map { "\(escape(summary.word(.finding))) \($0)" }.joined(separator: ", ") + ")"
      out.append("\(index + 1). \(escape(question.text))\(reference)")
    }

    if !findings.isEmpty {
      out += ["", "## \(escape(summary.word(.reasons)))"]
      for (index, finding) in findings.enumerated() {
        out.append("\(index + 1). " + because(finding.evidence))
      }
    }
    // The answers that matter most in each score, unless printed elsewhere.
    let keyItems = given.compactMap { score -> String? in
      let keys = score.keyItems.filter { !shown.contains($0.reference.question) }
      guard !keys.isEmpty else { return nil }
      return "- **\(escape(score.title))**: "
        + keys.map { "\(escape($0.question)): \(escape($0.answer))" }.joined(separator: "; ")
    }
    if !keyItems.isEmpty { out += ["### \(escape(summary.word(.keyItemsColumn)))"] + keyItems }

    // MARK: The answers, by heading
    for (title, all, entries) in answerHeadings(summary) {
      out += ["", "## \(escape(title))"]
      if all.isEmpty {
        let reached = (summary.finished ?? true) && summary.endedEarly != true
        // Nothing under it was asked on this patient's path: "not asked", never "nothing
        // reported" (which would read as a negative answer).
        let none = summary.placedHeadings == nil ? escape(summary.word(.noneReported)) : SummaryText.notAsked
        out.append(reached ? none : SummaryText.notReached)
      }
      // By subsection (its title only when the heading has more than one): the answers that say
      // something, then the subsection's pertinent negatives and skipped questions, one line each.
      var subsections: [String] = []
      for entry in entries where !subsections.contains(entry.section) { subsections.append(entry.section) }
      for subsection in subsections {
        let group = entries.filter { $0.section == subsection }
        let positive = group.filter { $0.negative != true && $0.skipped != true }
        // A subsection of negatives or skipped questions only is one line, named: "Denies (Trauma): ...".
        let titled = !subsection.isEmpty && subsections.count > 1
        let named = titled && positive.isEmpty ? " (\(escape(subsection)))" : ""
        if titled, !positive.isEmpty { out.append("### \(escape(subsection))") }
        for entry in positive { out += lines(entry) }
        let denied = group.filter { $0.negative == true }.map { $0.denial ?? $0.label }
        if !denied.isEmpty {
          out.append("- **\(escape(summary.word(.denies)))\(named)**: " + denied.map(escape).joined(separator: "; "))
        }
        let skipped = group.filter { $0.skipped == true }.map(\.label)
        if !skipped.isEmpty {
          out.append("- **\(escape(summary.word(.skipped)))\(named)**: " + skipped.map(escape).joined(separator: "; "))
        }
      }
    }

    out += ["", "---"]
    let notCollected = summary.word(.notCollected)
    if !notCollected.isEmpty { out.append("- " + escape(notCollected)) }
    if !summary.attributions.isEmpty {
      out.append(
        "- **\(escape(summary.word(.instruments)))**: " + summary.attributions.map(escape).joined(separator: " "))
    }
    out.append("")
    return out.joined(separator: "\n")
  }

  /// "**Ana Müller**, date of birth 1986-04-27, age 39, Female, phone 555 123 4567".
  static func identityLine(_ identity: Summary.Identity, _ summary: Summary) -> String? {
    var parts: [String] = []
    if let name = identity.name { parts.append("**\(escape(name))**") }
    if let birth = identity.birthDate { parts.append("\(escape(summary.word(.bornOn))) \(escape(birth))") }
    if let age = identity.age { parts.append("\(escape(summary.word(.age))) \(escape(age))") }
    if let sex = identity.sex { parts.append(escape(sex)) }
    if let phone = identity.phone { parts.append("\(escape(summary.word(.phone))) \(escape(phone))") }
    return parts.isEmpty ? nil : parts.joined(separator: ", ")
  }

  /// One answer, and its records as a table.
  static func lines(_ entry: Summary.Entry) -> [String] {
    var out = ["- **\(escape(entry.label))**: \(escape(entry.answer))"]
    if let records = entry.records, !records.isEmpty { out += [""] + table(records) + [""] }
    return out
  }

  /// When the intake ran, in the clinic's local time with its zone: "2026-03-15 10:30 to 10:52 EDT".
  static func timeSpan(_ summary: Summary) -> String {
    let start = localTime(summary.startedAt, summary)
    let end = localTime(summary.finishedAt, summary)
    let (startDay, endDay) = (start.prefix(10), end.prefix(10))
    return startDay == endDay ? "\(start) to \(end.dropFirst(11))" : "\(start) to \(end)"
  }

  /// An ISO 8601 time as "2026-03-15 10:30 EDT" in the summary's time zone.
  static func localTime(_ timestamp: String, _ summary: Summary) -> String {
    guard let date = LocalTime.date(timestamp) else { return escape(timestamp) }
    let zone = summary.timeZone.flatMap(TimeZone.init(identifier:)) ?? TimeZone(secondsFromGMT: 0) ?? .current
    return LocalTime.text(date, in: zone)
  }

  /// Records as a table, one column per field in the order first seen.
  static func table(_ records: [[Summary.Field]]) -> [String] {
    var columns: [String] = []
    for record in records { for field in record where !columns.contains(field.label) { columns.append(field.label) } }
    var lines = ["| # | " + columns.map(escape).joined(separator: " | ") + " |"]
    lines.append("|---|" + columns.map { _ in "---|" }.joined())
    for (index, record) in records.enumerated() {
      let cells = columns.map { column in record.first { $0.label == column }.map { escape($0.answer) } ?? "" }
      lines.append("| \(index + 1) | " + cells.joined(separator: " | ") + " |")
    }
    return lines
  }

  private static func because(_ evidence: [EvidenceItem]) -> String {
    if evidence.isEmpty { return "(no answer recorded)" }
    return evidence.map { item in
      item.citation.map(escape) ?? "\(escape(item.question)): \"\(escape(item.answer))\""
    }.joined(separator: "; ")
  }

  /// Patient text is data, never markup: characters Markdown would act on are escaped and line
  /// breaks flattened, so an answer cannot add headings, links, tables or HTML.
  static func escape(_ text: String) -> String {
    // Most answers and labels have nothing to escape: given back without going through them
    // character by character (a twentieth of a replay's cost).
    guard text.utf8.contains(where: Self.isSpecial) else { return text }
    var result = ""
    for character in text {
      switch character {
      case "\n", "\r": result.append(" ")
      case "\\", "`", "*", "_", "[", "]", "<", ">", "|":
        result.append("\\")
        result.append(character)
      default: result.append(character)
      }
    }
    return result
  }

  /// The bytes `escape` changes: line breaks and Markdown's own characters (all ASCII, so a
  /// byte is one of them only when it is the whole character, or a "\r\n" pair's).
  private static func isSpecial(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\\"), UInt8(ascii: "`"), UInt8(ascii: "*"),
      UInt8(ascii: "_"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "|"):
      true
    default: false
    }
  }
}

extension String {
  /// "Last 2 weeks" as "last 2 weeks", to follow a semicolon.
  var lowercasedFirst: String {
    // Not an acronym ("DSM-5"): only a capital followed by a small letter is lowered.
    guard count > 1, dropFirst().first?.isLowercase == true else { return self }
    return prefix(1).lowercased() + dropFirst()
  }
}
