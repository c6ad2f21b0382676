extension Dialog {
  /// The dialog as a patient who chose `translation`'s language sees it: every text they see
  /// (title, section titles, questions, help, why, options and the words typed for them,
  /// messages, the closing words) in the language; its structure, ids, conditions, rules and the
  /// clinic's own words (labels, findings, the note) unchanged. A text the translation does not
  /// give stays as the dialog has it (`intake check` reports it, IK500).
  ///
  /// Answers keep the dialog's ids, so what a patient answered in one language is the same
  /// answer in the other, and the note reads it in the dialog's own words.
  public func localized(_ translation: Translation) -> Dialog {
    var dialog = self
    dialog.title = translation.title ?? title
    for index in dialog.sections.indices {
      if let title = translation.sectionTitles[dialog.sections[index].id] { dialog.sections[index].title = title }
    }
    for (id, question) in questions {
      guard let texts = translation.questions[id] else {
        if case .scale(let scale, let options) = question.kind, let translated = translation.scales[scale] {
          dialog.questions[id]?.kind = .scale(scale, Self.localized(options, translated))
        }
        continue
      }
      dialog.questions[id] = Self.localized(question, texts, translation)
    }
    if let submitted = translation.submitted { dialog.note.words[.submitted] = submitted }
    return dialog
  }

  private static func localized(_ question: Question, _ texts: Translation.Question, _ translation: Translation)
    -> Question
  {
    var question = question
    func template(_ text: String?, _ original: Template) -> Template {
      guard let text else { return original }
      let location = question.textLocations["text"] ?? question.location
      return Template.parse(text, at: location, quoted: false, sink: DiagnosticSink())
    }
    question.text = template(texts.texts["text"], question.text)
    question.help = texts.texts["help"] ?? question.help
    question.why = texts.texts["why"] ?? question.why
    question.invalidMessage = texts.texts["invalid"] ?? question.invalidMessage
    question.implausibleMessage = texts.texts["implausible"] ?? question.implausibleMessage
    question.patientLabel = texts.texts["patient_label"] ?? question.patientLabel
    question.holdText = texts.texts["hold_text"] ?? question.holdText
    question.acknowledgedText = texts.texts["acknowledged_text"] ?? question.acknowledgedText
    question.pipedAs = texts.texts["pipe_as"] ?? question.pipedAs
    for index in question.checks.indices {
      if let message = texts.checks[index + 1] { question.checks[index].message = message }
    }
    switch question.kind {
    case .choice(let options): question.kind = .choice(localized(options, texts.options))
    case .multipleChoice(let options): question.kind = .multipleChoice(localized(options, texts.options))
    case .scale(let scale, let options):
      // A question's own option texts come before its scale's.
      let scaled = translation.scales[scale] ?? [:]
      question.kind = .scale(scale, localized(options, scaled.merging(texts.options) { $1 }))
    case .duration(var rule):
      rule.ongoing = texts.texts["ongoing"] ?? rule.ongoing
      question.kind = .duration(rule)
    case .repeatGroup(var group):
      group.another = template(texts.texts["another"], group.another)
      if var carry = group.carry, let note = texts.carryNote {
        // As the dialog's own: "[ {dose}]" is left out whole when the dose was skipped.
        carry.note = Template.parse(
          note, at: question.location, quoted: false, segments: true, sink: DiagnosticSink())
        group.carry = carry
      }
      question.kind = .repeatGroup(group)
    default: break
    }
    return question
  }

  /// Options in the language: its text, and only its words (the dialog's aliases are English
  /// ways of saying the option, and could read a word of the language wrongly).
  private static func localized(_ options: [AnswerOption], _ texts: [String: Translation.Option]) -> [AnswerOption] {
    options.map { option in
      guard let translated = texts[option.id] else { return option }
      var option = option
      option.text = translated.text
      option.aliases = translated.aliases
      return option
    }
  }

  /// The dialog with the names patients type in each of its translations added to its lexicons
  /// ("sertralina" for Sertraline): a name typed in either language is the same medicine to the
  /// rules, in the dialog and in every translation of it.
  func addingLexiconAliases(of translations: [Translation]) -> Dialog {
    var dialog = self
    for translation in translations {
      for (lexiconID, entries) in translation.lexiconAliases {
        guard var lexicon = dialog.lexicons[lexiconID] else { continue }
        // Changed as a copy and set once: every change to a lexicon's entries indexes all its
        // spellings again.
        var changed = lexicon.entries
        for index in changed.indices {
          guard let aliases = entries[changed[index].name] else { continue }
          let known = Set(([changed[index].name] + changed[index].aliases).map { $0.foldedForMatching() })
          changed[index].aliases += aliases.filter { !known.contains($0.foldedForMatching()) }
        }
        lexicon.entries = changed
        dialog.lexicons[lexiconID] = lexicon
      }
    }
    return dialog
  }
}
