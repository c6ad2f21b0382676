import Foundation

/// Matches what a patient typed against numbered options: the number, the option's text, id or
/// one of its aliases, numbers in words ("one or two"), an unambiguous prefix, or an alias or
/// option named inside a sentence ("my wife will drive me"), all case-insensitively. Where the
/// options are themselves numbers ("1 or 2", "3 or 4"), a bare number could be a value or a
/// position: that is asked back unless the dialog says how to read it.
public struct ChoiceMatcher: Sendable {
  public enum Outcome: Equatable, Sendable {
    case matched(AnswerOption)
    case ambiguous([AnswerOption])
    /// A bare number that falls in one option's band but is the position of another.
    case valueOrPosition(typed: Int, value: AnswerOption, position: AnswerOption)
    /// The option's words with a slip or two ("more then half", "evry morning"): asked back.
    case nearly(AnswerOption)
    case none
  }

  public let options: [AnswerOption]
  public let numbers: NumberReading
  /// Words that turn round the answer named right after them ("not every day"; in a
  /// translation its own, "no todos los días"): such an answer is not the one named.
  public var negators: Set<String> = ["not"]
  /// Each option's text, id and aliases folded once, beside `options`: a line is matched against
  /// them many times over (every reading of its slips), and folding them each time was most of
  /// the matcher's cost.
  private let forms: [Form]
  /// Every word of every option's text and aliases: what a slip may be a slip of.
  private let vocabulary: Vocabulary

  /// The options' words, and each spelled out in scalars, as `corrections` compares them (it
  /// compares every typed word with every one: counting and splitting them there was most of it).
  private struct Vocabulary {
    let words: Set<String>
    let spelled: [(word: String, scalars: [Unicode.Scalar], letters: LetterMask)]

    init(_ words: Set<String>) {
      self.words = words
      spelled = words.map { word in
        let scalars = Array(word.unicodeScalars)
        return (word, scalars, LetterMask(scalars))
      }
    }
  }

  /// An option as the matcher compares it: folded, and as words.
  private struct Form {
    let text: String
    let textWords: String
    let id: String
    let aliases: [String]
    let aliasWords: [String]
    /// The numbers the option's text gives ("2 to 4 times a month"), read once.
    let numbers: OptionNumbers?
    /// The phrases that name the option inside a sentence (its aliases' words, and its text's
    /// when that has several words), each with a space either side, as `namedInSentence` looks
    /// for them: made once, not at every line for every option.
    let sentencePhrases: [(words: String, spaced: String)]

    init(_ option: AnswerOption) {
      text = ChoiceMatcher.fold(option.text)
      textWords = ChoiceMatcher.words(text)
      id = ChoiceMatcher.fold(option.id)
      aliases = option.aliases.map(ChoiceMatcher.fold)
      aliasWords = aliases.map(ChoiceMatcher.words)
      numbers = OptionNumbers(option.text)
      let phrases = aliasWords + (option.text.contains(" " as Character) ? [textWords] : [])
      sentencePhrases = phrases.map { ($0, " " + $0 + " ") }
    }
  }

  public init(options: [AnswerOption], numbers: NumberReading = .ask) {
    self.options = options
    self.numbers = numbers
    (forms, vocabulary) = Self.folded.forms(of: options) {
      let forms = options.map(Form.init)
      let vocabulary = Set(
        forms.flatMap { form in
          ([form.textWords] + form.aliasWords).flatMap { $0.wordsAtSpaces() }
        })
      return (forms, Vocabulary(vocabulary))
    }
  }

  /// Options folded before: a question's options are the same at every answer to it (and at
  /// every journey of `intake test`), and hashing them costs far less than folding them.
  private static let folded = FoldedOptions()

  private final class FoldedOptions: @unchecked Sendable {
    // Guarded by `lock`.
    private var made: [[AnswerOption]: ([Form], Vocabulary)] = [:]
    /// The same, found by where a list's elements are stored: a question's options are one
    /// array read out of the dialog at every answer, and finding it by its storage costs next to
    /// nothing where hashing every option's words cost a twentieth of a replay. The list is kept
    /// here with its forms, so its storage cannot be freed and reused by another list while it
    /// is here; and `==` is checked all the same (on lists sharing storage it compares nothing).
    private var byStorage: [UnsafeRawPointer: (options: [AnswerOption], folded: ([Form], Vocabulary))] = [:]
    private let lock = NSLock()

    func forms(of options: [AnswerOption], make: () -> ([Form], Vocabulary)) -> ([Form], Vocabulary) {
      let storage = options.withUnsafeBufferPointer { $0.baseAddress.map(UnsafeRawPointer.init) }
      let known = lock.withLock { () -> ([Form], Vocabulary)? in
        if let storage, let kept = byStorage[storage], kept.options == options { return kept.folded }
        guard let folded = made[options] else { return nil }
        if let storage { keep(options, folded, at: storage) }
        return folded
      }
      if let known { return known }
      let folded = make()
      lock.withLock {
        // A dialog has a few hundred option lists; a bound all the same.
        if made.count >= 4096 { made.removeAll(keepingCapacity: true) }
        made[options] = folded
        if let storage { keep(options, folded, at: storage) }
      }
      return folded
    }

    /// Under `lock`.
    private func keep(_ options: [AnswerOption], _ folded: ([Form], Vocabulary), at storage: UnsafeRawPointer) {
      if byStorage.count >= 4096 { byStorage.removeAll(keepingCapacity: true) }
      byStorage[storage] = (options, folded)
    }
  }

  /// Whether `words` (folded, as `ChoiceMatcher.words(ChoiceMatcher.fold(_:))` gives them) are
  /// an option's own text or one of its aliases, from the forms folded once for the options.
  func areOptionsWords(_ words: String) -> Bool {
    forms.contains { $0.textWords == words || $0.aliasWords.contains(words) }
  }

  /// The options whose forms pass `test`, in order.
  private func filtered(_ test: (AnswerOption, Form) -> Bool) -> [AnswerOption] {
    // By index: zipping copied every option and its form (a retain for each of their strings)
    // at each of the many tests a line goes through.
    var found: [AnswerOption] = []
    for index in options.indices where test(options[index], forms[index]) { found.append(options[index]) }
    return found
  }

  /// The first option whose form passes `test`.
  private func first(where test: (AnswerOption, Form) -> Bool) -> AnswerOption? {
    for index in options.indices where test(options[index], forms[index]) { return options[index] }
    return nil
  }

  public func match(_ input: String) -> Outcome {
    let outcome = exactly(input)
    // "qiute a bit" names "A little bit" by its words "a bit", and "Quite a bit" with a slip:
    // both are asked back, never the first taken without a word.
    if case .matched(let option) = outcome {
      let others = slipsNaming(input, besides: option)
      return others.isEmpty ? outcome : .ambiguous([option] + others)
    }
    guard case .none = outcome else { return outcome }
    // Slips in the option's own words ("nearly evry day", "side efects"): the corrected line is
    // asked back, never taken without a yes.
    // Every way of reading the slips; one option from all of them is asked back.
    let found = Set(
      corrections(Self.fold(input)).compactMap { line -> AnswerOption? in
        if case .matched(let option) = exactly(line) { return option }
        return nil
      })
    if found.count == 1, let option = found.first { return .nearly(option) }
    return .none
  }

  /// Options the line names only with a slip in their words, besides `option`, which it names
  /// as typed ("ptsd depresion" names PTSD, and Depression with a slip).
  func slipsNaming(_ input: String, besides option: AnswerOption) -> [AnswerOption] {
    let typedWords = Self.words(Self.fold(input)).wordsAtSpaces()
    // A slip is looked for only in a word of five letters or more (below): a line without one
    // (a number, "yes", "not at all") names nothing with a slip, and is not searched.
    guard typedWords.contains(where: { Self.maySlip($0, minimumLength: 5) }) else { return [] }
    var found: [AnswerOption] = []
    func add(_ outcome: Outcome) {
      switch outcome {
      case .matched(let other): found.append(other)
      case .ambiguous(let several): found += several
      default: break
      }
    }
    // Only longer words count as slips here ("depresion", "qiute"): a short word next to an
    // answer's words ("stay", "yes") is too often a word of its own.
    for line in corrections(Self.fold(input), minimumLength: 5) { add(exactly(line)) }
    // A slip that is a word of its own ("depresion" beside "ptsd"), which the corrected line as a
    // whole may not show when the line names the first option first.
    if typedWords.count > 1 {
      for word in typedWords where word.count >= 5 {
        for corrected in corrections(word, minimumLength: 5) { add(exactly(corrected)) }
      }
    }
    var seen: Set<String> = [option.id]
    return found.filter { seen.insert($0.id).inserted }
  }

  /// Whether a typed word is one `corrections` looks at for a slip: letters only, and long enough.
  private static func maySlip(_ word: String, minimumLength: Int) -> Bool {
    word.count >= minimumLength && word.allSatisfy(\.isLetter)
  }

  /// The line with words that are nearly words of the options (one slip in a short word, two in a
  /// long one) replaced by them, every way that can be done ("then" is "the" or "than"); empty
  /// when no word is near.
  private func corrections(_ typed: String, minimumLength: Int = 3) -> [String] {
    var lines: [[String]] = [[]]
    var changed = false
    for word in Self.words(typed).wordsAtSpaces() {
      var choices = [word]
      if Self.maySlip(word, minimumLength: minimumLength), !vocabulary.words.contains(word) {
        let allowed = word.count >= 7 ? 2 : 1
        let scalars = Array(word.unicodeScalars)
        let letters = LetterMask(scalars)
        // Lengths in scalars, as the distance counts, and letters: words further apart are never near.
        let near = vocabulary.spelled.filter {
          abs($0.scalars.count - scalars.count) <= allowed && letters.distanceBound(to: $0.letters) <= allowed
            && editDistance($0.scalars, scalars, atMost: allowed) != nil
        }.map(\.word)
        if !near.isEmpty, near.count <= 3 {
          choices = near.sorted()
          changed = true
        }
      }
      lines = lines.flatMap { line in choices.map { line + [$0] } }
      // A line of many slips is not a slip: stop before the readings multiply.
      if lines.count > 16 { return [] }
    }
    return changed ? lines.map { $0.joined(separator: " ") } : []
  }

  /// What the line names as typed, without looking for slips.
  func exactly(_ input: String) -> Outcome {
    var typed = Self.fold(input)
    guard !typed.isEmpty else { return .none }
    // "quite a bit ngl": an aside after the answer says how it is said, not what; left out
    // first, or its words were read as naming more answers ("a bit" and "quite a bit").
    if NumberWords.mayEndWithAside(typed) {
      let words = Self.words(typed).wordsAtSpaces()
      let plain = NumberWords.withoutTrailingAsides(words)
      if plain.count < words.count { typed = plain.joined(separator: " ") }
    }
    // "idk", "not sure" at an option that says the patient does not know.
    if AnswerParser.dontKnow.contains(Self.words(typed)) {
      let unsure = filtered { _, form in
        let text = form.textWords
        return Self.unsureOpenings.contains { text == $0 || text.hasPrefix($0 + " ") }
      }
      if unsure.count == 1 { return .matched(unsure[0]) }
    }
    let spelled = NumberWords.digits(in: typed)
    // A scale answer as `AnswerFormatter` shows it back ("Moderately (2)") ends with a bracket:
    // only then is each option's shown form made to compare.
    let mayBeShown = typed.utf8.last == UInt8(ascii: ")")
    if let exact = first(where: { option, form in
      let text = form.text
      return text == typed || text == spelled || form.id == typed
        || (mayBeShown && option.score.map { "\(text) (\(formatNumber($0)))" == typed } == true)
    }) {
      return .matched(exact)
    }
    // An alias two options share ("most nights": once a day, or a few times a week) is asked back.
    let aliased = filtered { _, form in form.aliases.contains(typed) }
    if aliased.count == 1 { return .matched(aliased[0]) }
    if aliased.count > 1 { return .ambiguous(aliased) }
    if let number = NumberWords.value(typed) { return matchNumber(number) }
    // "nah neither", "prob never": a no or a hedge before an option's own words.
    let leading = Self.words(typed).wordsAtSpaces()
    if leading.count > 1, AnswerParser.noWords.contains(leading[0]) || NumberWords.hedges.contains(leading[0]),
      !negators.contains(leading[0])
    {
      // Only an option's own words or alias after it, never a sentence ("no, not a few days").
      let rest = leading.dropFirst().joined(separator: " ")
      let named = filtered { _, form in form.textWords == rest || form.aliasWords.contains(rest) }
      if named.count == 1 { return .matched(named[0]) }
      // "just 1", "about 3": a hedge before a number is the number, as at a question asking for
      // one ("just 1" drink was refused).
      if NumberWords.hedges.contains(leading[0]), let number = NumberWords.value(rest) { return matchNumber(number) }
    }
    // "nope", "yeah sure", "no of course not" at options that start with Yes or No. When the line
    // also names another option ("nah, maybe a few days"), both are asked back.
    if let yes = AnswerParser.yesNo(typed) {
      let said = yesNoOption(yes, typed)
      let named = namedInSentence(typed)
      if let said, case .matched(let option) = said, !named.isEmpty, !named.contains(option) {
        return .ambiguous(options.filter { $0 == option || named.contains($0) })
      }
      if let said, case .nearly(let option) = said, !named.isEmpty, !named.contains(option) {
        return .ambiguous(options.filter { $0 == option || named.contains($0) })
      }
      if let said { return said }
    }
    let prefixed = filtered { _, form in form.text.hasPrefix(typed) }
    if prefixed.count == 1 { return .matched(prefixed[0]) }
    if prefixed.count > 1 { return .ambiguous(prefixed) }
    if let banded = matchDuration(typed) { return banded }
    if let banded = matchRange(spelled) { return banded }
    // "2-3 times a day when it's bad": a span of two numbers before more words, that no option's
    // band takes, is read at each end; what the two readings name is asked back, never the higher taken without a word (a
    // trial patient's "2-3 times a day" was stored as three or more).
    if let ends = Self.spanEnds(typed) {
      let readings = ends.map { exactly($0) }
      var named: [AnswerOption] = []
      for reading in readings {
        switch reading {
        case .matched(let option), .nearly(let option): named.append(option)
        case .ambiguous(let options): named += options
        case .valueOrPosition(_, let value, _): named.append(value)
        case .none: continue
        }
      }
      let both = options.filter { named.contains($0) }
      if both.count == 1, readings.allSatisfy({ $0 == .matched(both[0]) }) { return .matched(both[0]) }
      if both.count == 1 { return .nearly(both[0]) }
      if both.count > 1 { return .ambiguous(both) }
    }
    // An alias, or an option of several words, named inside a sentence: whole words only.
    let named = namedInSentence(typed)
    if named.count == 1 {
      // "about the same, maybe a bit worse": the answer's own words, then a word only another
      // answer has, is asked back with both. (An alias, "uber by myself", names it plainly.)
      let quoted = (" " + Self.words(typed) + " ").containsBytes(of: " " + Self.words(Self.fold(named[0].text)) + " ")
      if quoted, let other = otherNamedByWord(typed, besides: named[0]) {
        return .ambiguous(options.filter { $0 == named[0] || $0 == other })
      }
      return .matched(named[0])
    }
    if named.count > 1 { return .ambiguous(named) }
    // Whole words from the middle of an option ("past month" for "In the past month"); never
    // part of a word, or "no" would match "I'm not sure".
    let typedWords = " " + Self.words(typed) + " "
    let inner = filtered { _, form in (" " + form.textWords + " ").containsText(typedWords) }
    if inner.count == 1 { return .matched(inner[0]) }
    if inner.count > 1 { return .ambiguous(inner) }
    // "extremely, all the time", "none of these. I did once years ago": an answer first, then why.
    if let stop = typed.firstIndex(where: { [",", ".", ";", ":"].contains($0) }) {
      let head = typed[..<stop].trimmingSpaces()
      if !head.isEmpty, case .matched(let option) = exactly(head) {
        // "about the same, maybe a bit worse": a tail that names another answer is asked back.
        let tail = typed[typed.index(after: stop)...].trimmingSpaces()
        if case .matched(let other) = exactly(tail), other != option {
          return .ambiguous(options.filter { $0 == option || $0 == other })
        }
        return .matched(option)
      }
    }
    // "moderate I guess", "3 or 4 i think": the answer, said roughly.
    let words = Self.words(typed).wordsAtSpaces()
    let plain = NumberWords.withoutTrailingHedges(words)
    if plain.count < words.count, case .matched(let option) = exactly(plain.joined(separator: " ")) {
      return .matched(option)
    }
    return .none
  }

  /// The line read at each end of the first span of two numbers that more words follow ("2-3
  /// times a day", "2 or 3 times a day": "2 times a day" and "3 times a day"); nil without one.
  /// A bare span ("3-4") is left to the bands and positions, as before.
  static func spanEnds(_ typed: String) -> [String]? {
    guard typed.utf8.contains(UInt8(ascii: "-")) || typed.containsText(" to ") || typed.containsText(" or ") else {
      return nil
    }
    let words = Self.words(NumberWords.digits(in: typed.replacingOccurrences(ofText: "-", with: " to ")))
      .wordsAtSpaces()
    guard words.count >= 4 else { return nil }
    for index in 0..<(words.count - 3) {
      guard ["to", "or"].contains(words[index + 1]), let low = Int(words[index]), let high = Int(words[index + 2]),
        low < high, Int(words[index + 3]) == nil, !["to", "or"].contains(words[index + 3])
      else { continue }
      let before = words[..<index]
      let after = words[(index + 3)...]
      return [low, high].map { (before + [String($0)] + after).joined(separator: " ") }
    }
    return nil
  }

  /// A bare number: a position, a value within an option's band, or both.
  private func matchNumber(_ number: Int) -> Outcome {
    let position = (1...max(1, options.count)).contains(number) && number <= options.count ? options[number - 1] : nil
    let valued = filtered { _, form in form.numbers?.contains(number) == true }
    let value = valued.count == 1 ? valued[0] : nil
    // In two bands at once ("2" at "2 to 4 times a month" and "2 to 3 times a week"): every
    // option it could mean is asked back.
    if valued.count > 1, numbers != .positions {
      let candidates = options.filter { valued.contains($0) || (numbers == .ask && $0 == position) }
      return .ambiguous(candidates)
    }
    switch numbers {
    case .positions:
      // The dialog says numbers are positions (the bands' own units differ, say): only that.
      if let position { return .matched(position) }
    case .values:
      if let chosen = value ?? position { return .matched(chosen) }
    case .ask:
      if let value, let position, value != position {
        return .valueOrPosition(typed: number, value: value, position: position)
      }
      if let chosen = position ?? value { return .matched(chosen) }
    }
    return .none
  }

  /// Another option whose own word (one no other option has, of four letters or more) the
  /// sentence also uses, besides the one it names.
  private func otherNamedByWord(_ typed: String, besides chosen: AnswerOption) -> AnswerOption? {
    let sentence = Set(Self.words(typed).wordsAtSpaces())
    let chosenWords = Set(Self.words(Self.fold(chosen.text)).wordsAtSpaces())
    var owners: [String: [AnswerOption]] = [:]
    for (option, form) in zip(options, forms) {
      for word in Set(form.textWords.wordsAtSpaces()) where word.count >= 4 {
        owners[word, default: []].append(option)
      }
    }
    let others = Set(
      sentence.subtracting(chosenWords).compactMap { word -> AnswerOption? in
        guard let owner = owners[word], owner.count == 1, owner[0] != chosen else { return nil }
        return owner[0]
      })
    return others.count == 1 ? others.first : nil
  }

  /// The options a sentence names by an alias or by their words (of more than one word).
  private func namedInSentence(_ typed: String) -> [AnswerOption] {
    let sentence = " " + Self.words(typed) + " "
    return filtered { _, form in
      form.sentencePhrases.contains { sentence.containsBytes(of: $0.spaced) && !negated($0.words, in: typed) }
    }
  }

  /// Whether `phrase` (folded words) is in `typed` only where it is turned round: right after a
  /// negator ("not every day"), or compared ("less than 2 times a day", "over 4 drinks", "2x a
  /// day or less"): such a line does not name the option (a comparison was taken as the option
  /// it compared with: "less than 2 times a day" was stored "Twice a day"). A negator followed by
  /// a comma ("no, every day") is an answer of its own.
  private func negated(_ phrase: String, in typed: String) -> Bool {
    let tokens = typed.wordsAtSpaces()
    let words = phrase.wordsAtSpaces()
    var found = false
    for start in tokens.indices where start + words.count <= tokens.count {
      guard tokens[start..<start + words.count].map({ Self.words($0) }) == words else { continue }
      found = true
      let negatedHere = start > 0 && negators.contains(tokens[start - 1])
      if !negatedHere, !Self.compared(tokens, before: start, after: start + words.count) { return false }
    }
    return found
  }

  /// Words that compare what follows them ("less than", "over") or what comes before them ("or
  /// more"). English: a translation's line is matched in its own words.
  static let comparingBefore: [[String]] = [
    ["less", "than"], ["more", "than"], ["fewer", "than"], ["greater", "than"], ["at", "least"], ["at", "most"],
    ["up", "to"], ["under"], ["over"], ["below"], ["above"],
  ]
  static let comparingAfter: [[String]] = [
    ["or", "more"], ["or", "less"], ["or", "fewer"], ["and", "up"], ["plus"],
  ]

  /// Whether the words `start..<end` of `tokens` are compared by the words around them.
  private static func compared(_ tokens: [String], before start: Int, after end: Int) -> Bool {
    func words(_ range: Range<Int>) -> [String] { tokens[range].map { Self.words($0) } }
    let before = comparingBefore.contains { comparison in
      start >= comparison.count && words((start - comparison.count)..<start) == comparison
    }
    let after = comparingAfter.contains { comparison in
      end + comparison.count <= tokens.count && words(end..<(end + comparison.count)) == comparison
    }
    return before || after
  }

  /// A yes or a no at options that start with Yes or No, or a no at options that say none.
  private func yesNoOption(_ yes: Bool, _ typed: String) -> Outcome? {
    let word = yes ? "yes" : "no"
    var answering = filtered { _, form in form.textWords.split(separator: " ").first == Substring(word) }
    // "No" beside "No estoy seguro(a)": the option that is the word alone.
    if answering.count > 1 {
      let alone = filtered { _, form in form.textWords == word }
      if alone.count == 1 { answering = alone }
    }
    // "not really" may hide a "sort of": asked back, where a plain "no" is not.
    let hedged = !yes && Self.words(typed).hasPrefix("not ")
    if answering.count == 1 { return hedged ? .nearly(answering[0]) : .matched(answering[0]) }
    if answering.count > 1 { return .ambiguous(answering) }
    // "nope" at "Not at all / Several days / …" or "Never / Monthly or less / …": the option that
    // says none. A yes says nothing about how often, so it is not read here.
    guard !yes else { return nil }
    let none = filtered { _, form in
      let text = form.textWords
      return Self.noneOpenings.contains { text == $0 || text.hasPrefix($0 + " ") }
    }
    // "no" alone is none; "not really" may be a little, so it is asked back.
    guard none.count == 1 else { return nil }
    return Self.words(typed).contains(" " as Character) ? .nearly(none[0]) : .matched(none[0])
  }

  /// A length of time typed at options that are bands of time: the band it falls in, or the
  /// bands it touches ("a year" at "6 to 12 months" and "1 to 2 years").
  private func matchDuration(_ typed: String) -> Outcome? {
    // The line first: reading every option as a band of time costs more, and most lines are
    // not a length of time.
    guard let span = DurationBand.typedSpan(typed) else { return nil }
    let bands = options.indices.compactMap { index in
      DurationBand(words: forms[index].textWords).map { (options[index], $0) }
    }
    guard bands.count >= 2 else { return nil }
    let touched = bands.filter { $0.1.overlaps(span.low, span.high) }.map(\.0)
    switch touched.count {
    case 0: return nil
    case 1: return .matched(touched[0])
    default: return .ambiguous(touched)
    }
  }

  /// A range typed at options that are bands ("4-5", "4 to 5", "4 or 5 beers"): the one band
  /// it falls in, or the bands it spans.
  private func matchRange(_ spelled: String) -> Outcome? {
    guard forms.contains(where: { $0.numbers != nil }) else { return nil }
    let numbers = spelled.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
    guard numbers.count == 2, let low = numbers.min(), let high = numbers.max(), high - low < 50 else { return nil }
    // Words the options use ("week", "month") narrow the bands; others ("beers") do not.
    let optionWords = Set(forms.flatMap { $0.textWords.wordsAtSpaces() })
    let telling = Self.words(spelled).wordsAtSpaces().filter {
      $0.first?.isLetter == true && optionWords.contains($0) && !["or", "to", "a", "and", "times"].contains($0)
    }
    let bands = filtered { option, form in
      guard let band = form.numbers else { return false }
      let words = Set(form.textWords.wordsAtSpaces())
      return (low...high).contains { band.contains($0) } && telling.allSatisfy(words.contains)
    }
    switch bands.count {
    case 0: return nil
    case 1: return .matched(bands[0])
    default: return .ambiguous(bands)
    }
  }

  /// How an option that says the patient does not know begins.
  static let unsureOpenings = [
    "i don't know", "i dont know", "i'm not sure", "im not sure", "not sure", "unsure", "don't know",
  ]

  /// How an option that means "none" begins.
  static let noneOpenings = ["not at all", "never", "none", "nothing", "not"]

  /// Lower-case words separated by single spaces, punctuation dropped.
  static func words(_ text: String) -> String {
    // Plain ASCII, nearly every option and answer, is split byte by byte: `Character.isLetter`
    // looks up Unicode properties, and this runs for every option of every question answered.
    if text.isASCII {
      var bytes: [UInt8] = []
      bytes.reserveCapacity(text.utf8.count)
      var pendingSpace = false
      for byte in text.utf8 {
        let kept =
          (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
          || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
          || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "'")
        if !kept {
          pendingSpace = !bytes.isEmpty
          continue
        }
        if pendingSpace { bytes.append(UInt8(ascii: " ")) }
        pendingSpace = false
        bytes.append(byte)
      }
      return String(decoding: bytes, as: UTF8.self)
    }
    return text.split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != "'" }).joined(separator: " ")
  }

  /// AnswerOption texts that start with `prefix`, for Tab completion.
  public func completions(for prefix: String) -> [String] {
    let typed = Self.fold(prefix)
    return filtered { _, form in form.text.hasPrefix(typed) }.map(\.text)
  }

  static func fold(_ text: String) -> String {
    text.trimmingWhitespace().foldedForMatching()
  }
}
