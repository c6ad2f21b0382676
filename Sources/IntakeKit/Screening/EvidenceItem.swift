/// One answer that caused a finding, in words, captured when the finding was made.
public struct EvidenceItem: Sendable, Hashable, Codable {
  public var reference: AnswerReference
  /// The question's label, with the record named for record fields ("Medication 2 (lorazepam): dose").
  public var question: String
  public var answer: String

  static func describe(_ references: [AnswerReference], in session: Session) -> [EvidenceItem] {
    let formatter = AnswerFormatter(dialog: session.dialog)
    var seen = Set<AnswerReference>()
    var items: [EvidenceItem] = []
    for reference in references where seen.insert(reference).inserted {
      guard let question = session.dialog.questions[reference.question] else { continue }
      if let group = reference.group, let index = reference.record {
        let records = session.answers.records(of: group)
        guard index < records.count, let value = records[index][reference.question] else { continue }
        let groupLabel = session.dialog.questions[group]?.label ?? group
        let record = formatter.recordLabel(group: group, index: index, records: records)
        items.append(
          EvidenceItem(
            reference: reference, question: "\(groupLabel) #\(index + 1) (\(record)): \(question.label)",
            answer: formatter.display(value, for: reference.question)))
      } else {
        let value = session.answers.value(of: reference.question)
        items.append(
          EvidenceItem(
            reference: reference, question: question.label, answer: formatter.display(value, for: reference.question)))
      }
    }
    return items
  }
}
