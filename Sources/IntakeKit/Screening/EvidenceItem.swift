/// One answer that caused a finding, in words, captured when the finding was made.
public struct EvidenceItem: Sendable, Hashable, Codable {
  public var reference: AnswerReference
  /// The question's label, or for a record "Current medicines #2" (the answer then lists its fields).
  public var question: String
  public var answer: String
  /// The answer in plain words from the question's `cite` template ("reports lorazepam 2 mg twice
  /// a day"), when the dialog gives one; reasons show it in place of "question: answer".
  public var citation: String?

  static func describe(_ references: [AnswerReference], in session: Session) -> [EvidenceItem] {
    let formatter = AnswerFormatter(dialog: session.dialog)
    var seen = Set<AnswerReference>()
    var records = Set<String>()
    var items: [EvidenceItem] = []
    for reference in references where seen.insert(reference).inserted {
      guard let question = session.dialog.questions[reference.question] else { continue }
      if let group = reference.group, let index = reference.record {
        // A record is cited whole, once: "Current medicines #2: Medicine: lorazepam; Dose: 2 mg; How
        // often: Once a day", so the reason carries the dose and frequency, not just the name.
        guard records.insert("\(group)#\(index)").inserted else { continue }
        let all = session.answers.records(of: group)
        guard index < all.count, case .repeatGroup(let spec)? = session.dialog.questions[group]?.kind else { continue }
        let fields = spec.items.compactMap { item -> String? in
          guard let value = all[index][item], !value.isMissing, let label = session.dialog.questions[item]?.label else {
            return nil
          }
          return "\(label): \(formatter.display(value, for: item))"
        }
        let groupLabel = session.dialog.questions[group]?.label ?? group
        items.append(
          EvidenceItem(
            reference: AnswerReference(question: group, group: group, record: index),
            question: "\(groupLabel) #\(index + 1)", answer: fields.joined(separator: "; "),
            citation: formatter.cite(group, answers: session.answers, record: index)))
      } else {
        let value = session.answers.value(of: reference.question)
        // A yes or no said with more words cites the words too ("Yes — typed: "yes, I have pills saved up"").
        let answer = AnswerFormatter.shown(
          formatter.display(value, for: reference.question), typed: session.wordsTyped(with: reference.question))
        items.append(
          EvidenceItem(
            reference: reference, question: question.label, answer: answer,
            citation: formatter.cite(reference.question, answers: session.answers)))
      }
    }
    return items
  }
}
