import Foundation

/// Turns what a patient typed into an answer of the question's kind, or a plain-language message
/// saying what is expected. The dialog's own `invalid` message replaces the default wording.
struct AnswerParser {
  let question: Question
  /// Read only by a date's reading (`date`): `ParseMemo` keys the day there and nowhere else, so a
  /// reading elsewhere that came to read it must be keyed there too.
  let today: CalendarDate
  /// The answer was already read back and confirmed: take it as it is.
  var confirmed = false
  /// The answer is read back to the patient before it is kept (the date of birth is also the
  /// resume key, so a swapped day and month would lock the patient out).
  var readsBack = false
  /// The lexicon a text question names (medicine names): a name close to an entry is asked back.
  var lexicon: Lexicon?
  /// At a dose question, the unit the medicine's dose is usually given in: a bare number is
  /// asked back in it ("Is that 20 mg?").
  var usualUnit: String?
  /// The kiosk's words for what it says back, in the patient's language.
  var words = KioskWords.english
  /// How the patient's language says what the readers understand (`Phrasebook`).
  var phrasebook = Phrasebook.none
  /// The question in the dialog's own language, when `question` is a translation of it: a line
  /// read into the readers' words is matched against its options' words too.
  var sourceQuestion: Question?

  /// Reads lines typed in `translation`'s language (nil: the dialog's own).
  mutating func speaking(_ translation: Translation?) {
    words = translation?.words ?? .english
    phrasebook = translation?.phrasebook ?? .none
  }

  func parse(_ input: String) -> Result<Value, AnswerRejection> {
    guard !phrasebook.isEmpty else { return parseRead(input) }
    switch question.kind {
    case .text, .message:
      return parseRead(input)
    case .choice, .multipleChoice, .scale:
      // The options are in the language: matched as typed first. What they do not take for
      // certain is read into the readers' words and matched against the dialog's own options
      // ("hace 10 años" is a length of time in "More than 2 years", "nop" is "No"), then against
      // the language's ("dos" for the second answer); an answer is an option's id, the same in
      // both. Anything less than a certain answer there leaves the first reading's question.
      let typed = parseRead(input)
      guard case .failure = typed, let read = phrasebook.wholeReading(input) else { return typed }
      if var source = sourceQuestion {
        source.invalidMessage = question.invalidMessage
        var english = AnswerParser(question: source, today: today, confirmed: confirmed)
        english.words = words
        if case .success(let value) = english.parseRead(read) { return .success(value) }
      }
      if read != input, case .success(let value) = parseRead(read) { return .success(value) }
      return typed
    default:
      switch parseRead(phrasebook.reading(input)) {
      // Words kept as typed (a dose as "1-2 tablets") are the patient's, not the reading of them.
      case .success(.text): return .success(.text(input.trimmingWhitespace()))
      case let other: return other
      }
    }
  }

  private func parseRead(_ input: String) -> Result<Value, AnswerRejection> {
    var input = input.trimmingWhitespace()
    // "180 lb (about 81.6 kg)" or "5 ft 6 in (66 in; about 167.6 cm)", an answer as the kiosk
    // shows it, typed back: the conversion beside a number is not a second amount, and does not
    // make the first one rough.
    // (The cheap test first: the pattern costs a Foundation regular expression at every answer.)
    if question.kind.isNumber, input.hasSuffix(")"),
      let beside = input.range(of: #"\s*\((?:[^()]*;\s*)?about [^()]*\)$"#, options: .regularExpression)
    {
      input.removeSubrange(beside)
    }
    // An amount said roughly keeps its "about".
    let parsed = parseExactly(input)
    guard case .success(.quantity(var amount)) = parsed else { return parsed }
    amount.approximate = Self.saysRoughly(input)
    return .success(.quantity(amount))
  }

  /// Whether a line gives an amount roughly: "about 3 months", "185 I think", "40ish".
  static func saysRoughly(_ text: String) -> Bool {
    let words = ChoiceMatcher.words(ChoiceMatcher.fold(text)).split(separator: " ").map(String.init)
    return words.contains(where: { NumberWords.hedges.contains($0) || $0 == "like" || $0.hasSuffix("ish") })
      || text.contains("~" as Character)
      || NumberWords.endsWithHedge(words)
  }

  private func parseExactly(_ input: String) -> Result<Value, AnswerRejection> {
    var text = input.trimmingWhitespace()
    // "I don't know" at an optional number, length of time or date leaves it out, as `skip`
    // does (a patient who does not know was told it was refused, with no way on but a guess).
    if question.leavesOutWhenNotKnown, !question.required,
      Self.dontKnow.contains(ChoiceMatcher.words(ChoiceMatcher.fold(text)))
    {
      return .success(.missing)
    }
    switch question.kind {
    case .integer(let range), .decimal(let range): text = Self.spokenNumber(text, allowsZero: range.allows(0))
    default: break
    }
    switch question.kind {
    case .review:
      // The offer to look over the answers: the conversation shows the pages on a yes; either
      // way nothing is stored but having passed it.
      guard text.isEmpty || Self.yesNo(text) != nil else { return reject(words(.answerYesOrNo)) }
      return .success(.missing)
    case .message:
      // Text typed at a screen that asks nothing is not thrown away without a word: the patient
      // may have meant it for the question before.
      guard text.isEmpty else {
        return .failure(AnswerRejection(message: words(.messageNeedsNoAnswer)))
      }
      return .success(.missing)
    case .yesNo:
      return Self.yesNo(text).map { .success(.bool($0)) } ?? reject(words(.answerYesOrNo))
    case .choice(let options):
      return choose(text, from: options).map { .choice($0.id) }
    case .scale(_, let options):
      return choose(text, from: options).map { .number($0.score ?? 0) }
    case .multipleChoice(let options):
      return chooseSeveral(text, from: options)
    case .integer(let range):
      // "8/10, burning", "7 out of 10": a rating out of the question's own top is that number.
      if let top = range.maximum, let rating = Self.rating(text, outOf: top) {
        return parse(String(rating))
      }
      if DurationWords.isTime(range.unit), DurationWords.read(text) == .vague, let unit = range.unit {
        return reject(words(.aboutHowMany, ["unit": words.say(unit)]))
      }
      // "6-7", "like 14-15", "6 or 7": one of the two, as the patient chooses (it was refused).
      if !confirmed, let (low, high, after) = Self.numberSpan(text), after == nil, range.allows(Double(low)),
        range.allows(Double(high))
      {
        let unit = range.unit.map { " " + $0 } ?? ""
        let readings = [low, high].map {
          AnswerRejection.Reading(label: words.sayAll("\($0)\(unit)"), line: "\($0)\(unit)")
        }
        return .failure(
          AnswerRejection(
            message: words(.closerTo, ["first": readings[0].label, "second": readings[1].label]), readings: readings))
      }
      guard let amount = Self.measure(text, range) else {
        // "40s", "my 40s": a decade, not a number; a rough one within it is what is wanted.
        if let decade = Self.decade(text) {
          return reject(words(.roughNumber, ["number": String(decade + 5)]))
        }
        return reject(
          words(.wholeNumber, ["range": Self.rangeHint(range, words), "example": Self.example(text, range, words)]))
      }
      // A number in the question's own unit must be whole; one in another unit is kept as given.
      if amount.parts.count == 1, amount.parts[0].unit == amount.unit, let value = amount.value,
        value.rounded() != value
      {
        return reject(words(.wholeNumber, ["range": Self.rangeHint(range, words), "example": ""]))
      }
      return inRange(amount, range)
    case .decimal(let range):
      guard let amount = Self.measure(text, range) else {
        if let feetAndInches = Self.feetAndInches(text, range, words) { return .failure(feetAndInches) }
        return reject(
          words(.aNumber, ["range": Self.rangeHint(range, words), "example": Self.example(text, range, words)]))
      }
      return inRange(amount, range)
    case .duration(let rule):
      return duration(text, rule)
    case .date(let rule):
      return date(text, rule)
    case .text(let maxLength, _):
      guard !text.isEmpty else { return reject(words(.typeSomething)) }
      switch TextLimit(characters: maxLength).excess(in: text) {
      case .characters(let typed):
        return .failure(
          AnswerRejection(message: words(.tooLong, ["limit": String(maxLength), "typed": String(typed)])))
      case .scalars, .bytes:
        // The visible count would be misleading here (it can be 1), and the text is not echoed.
        return .failure(AnswerRejection(message: words(.tooLongMarks, ["limit": String(maxLength)])))
      case nil:
        if !confirmed, let lexicon, let asked = Self.nameAskedBack(text, lexicon, words) { return .failure(asked) }
        // "Vitamin D." is the name Vitamin D: "What dose of Vitamin D. do you take?" read oddly.
        if lexicon != nil {
          let name = text.trimming(charactersIn: " .,;:")
          if !name.isEmpty { return .success(.text(name)) }
        }
        return .success(.text(text))
      }
    case .dose(let rule):
      return dose(text, rule)
    case .bloodPressure:
      return bloodPressure(text)
    case .repeatGroup:
      return Self.yesNo(text).map { .success(.bool($0)) } ?? reject(words(.answerYesOrNo))
    }
  }

  /// A dose with its unit, kept as given ("25 mcg" stays 25 mcg); in words ("half a milligram")
  /// as its amount; a bare number asked back in the medicine's usual unit; something with a
  /// number and a unit that is more than one amount ("150/50 mg", "1-2 tablets") kept as typed.
  private func dose(_ text: String, _ rule: DoseRule) -> Result<Value, AnswerRejection> {
    if TextLimit(characters: rule.maxLength).excess(in: text) != nil {
      return reject(words(.doseTooLong, ["limit": String(rule.maxLength)]))
    }
    if let part = DoseReading.read(text) {
      return .success(.quantity(Quantity(parts: [part], value: nil, unit: part.unit)))
    }
    if let number = DoseReading.bareNumber(text) {
      let amount = formatNumber(number)
      guard let unit = usualUnit else { return reject(words(.doseAddUnit, ["amount": amount])) }
      return .failure(
        AnswerRejection(
          message: words(.isThat, ["choices": "\(amount) \(unit)"]),
          readings: [.init(label: "\(amount) \(unit)", line: "\(amount) \(unit)")]))
    }
    let words = DoseReading.words(text)
    let amounts = words.filter { $0.first?.isNumber == true }
    if !amounts.isEmpty, amounts.allSatisfy({ Double($0).map { $0 > 0 } ?? true }),
      words.contains(where: { DoseReading.units[$0] != nil })
    {
      return .success(.text(text))
    }
    return reject(self.words(.doseWithUnit) + (question.required ? "" : self.words(.doseSkip)))
  }

  /// What people type when they do not know an answer; at an optional question it is a skip.
  static let dontKnow: Set<String> = [
    "don't know", "dont know", "i don't know", "i dont know", "not sure", "i'm not sure", "im not sure", "unsure",
    "no idea", "dunno", "idk", "i dunno", "not sure really", "no clue", "don't remember", "dont remember",
    "i don't remember", "i dont remember",
    "can't remember",
    "cant remember", "not known", "unknown",
    // Said in full sentences ("I do not remember the dose" was refused at a dose).
    "i do not remember", "do not remember", "i do not know", "do not know", "i forget", "i forgot", "forgot",
    "i don't recall", "i dont recall", "don't recall", "dont recall",
  ]

  /// A name the lexicon knows only nearly ("lorazapam", "lyri"), or with more after it than the
  /// name ("oxycodone 5mg", "duloxetine, im still on it"): asked back as one yes-or-no question,
  /// no keeping the line as typed. So later questions say the name ("What dose of oxycodone…"),
  /// and nothing is corrected without the patient's yes. Formulations ("Wellbutrin XL") are
  /// part of the name.
  static func nameAskedBack(_ text: String, _ lexicon: Lexicon, _ words: KioskWords = .english) -> AnswerRejection? {
    let matcher = LexiconMatcher(lexicon: lexicon)
    let said = words
    let words = text.split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != "-" }).map(String.init)
    let message: String
    let suggestion: String
    var rest: String?
    func after(_ count: Int) -> String? { wordsAfter(count, in: text) }
    if let found = matcher.match(text), found.exact {
      // The name as the patient typed it, with any formulation after it; the rest is not name.
      var count = found.spelling.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).count
      while count < words.count, formulations.contains(words[count].lowercased()) { count += 1 }
      guard count < words.count else { return nil }
      suggestion = words.prefix(count).joined(separator: " ")
      rest = after(count)
      message = said(.medicineNameIs, ["name": suggestion])
    } else if let found = matcher.match(text) {
      // The spelling it is closest to: the brand when a brand was meant.
      suggestion = found.spelling
      rest = after(LexiconMatcher.normalize(text).split(separator: " ").count)
      message = said(.didYouMeanName, ["name": suggestion])
    } else if words.count > 1, let found = matcher.match(words[0]) {
      // "citalapram idk the dose": the first word is nearly a name; the rest is not name.
      suggestion = found.spelling
      rest = after(1)
      message = said(.didYouMeanName, ["name": suggestion])
    } else {
      // A name cut short on Enter without Tab: one name it can only be the start of.
      let completions = matcher.completions(for: text.trimmingSpaces())
      guard completions.count == 1, text.count >= 3 else { return nil }
      suggestion = completions[0]
      message = said(.didYouMeanName, ["name": suggestion])
    }
    guard ChoiceMatcher.fold(suggestion) != ChoiceMatcher.fold(text) else { return nil }
    // With more after the name, say where it goes, so "no" is not read as "keep all I typed".
    let kept = rest.map { said(.nameRestKept, ["rest": $0]) } ?? ""
    return AnswerRejection(
      message: message + kept + said(.nameYesOrTyped, ["typed": text]),
      readings: [.init(label: suggestion, line: suggestion, rest: rest), .init(label: text, line: text)],
      yesMeansFirst: true)
  }

  /// "sertraline 150 mg for 3 months", "Wellbutrin XL 300mg": a name the lexicon knows exactly
  /// (with any formulation), then a number. The name, and the rest for the questions after it,
  /// with nothing asked back: a number is never part of a medicine's name, so there is no doubt to
  /// ask about (the patient sees what was noted and can go back).
  static func nameThenNumber(_ text: String, _ lexicon: Lexicon) -> (name: String, rest: String)? {
    let words = text.split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != "-" }).map(String.init)
    guard let found = LexiconMatcher(lexicon: lexicon).match(text), found.exact else { return nil }
    var count = found.spelling.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).count
    while count < words.count, formulations.contains(words[count].lowercased()) { count += 1 }
    guard count < words.count, let rest = wordsAfter(count, in: text), rest.first?.isNumber == true else { return nil }
    return (words.prefix(count).joined(separator: " "), rest)
  }

  /// The words of `text` after the first `count`, as typed: a dose, how often, how long. The
  /// typed line itself is cut, so "0.5mg" stays "0.5mg".
  private static func wordsAfter(_ count: Int, in text: String) -> String? {
    var seen = 0
    var inWord = false
    for index in text.indices {
      let isWord = text[index].isLetter || text[index].isNumber || text[index] == "-"
      if isWord, !inWord {
        if seen == count {
          let tail = text[index...].trimmingSpaces()
          return tail.isEmpty ? nil : tail
        }
        seen += 1
      }
      inWord = isWord
    }
    return nil
  }

  /// "8/10", "8 / 10 burning", "7 out of 10": the rating, when what it is out of is `top`.
  static func rating(_ text: String, outOf top: Double) -> Int? {
    let folded = ChoiceMatcher.fold(text)
    guard let found = ratingPrefix(folded) else { return nil }
    let numbers = folded[found].split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
    guard numbers.count == 2, Double(numbers[1]) == top, Double(numbers[0]) <= top else { return nil }
    return numbers[0]
  }

  /// The start of `text` up to a rating in it: the regular expression
  /// `^[^0-9]*([0-9]{1,2}) ?(/|out of) ?([0-9]{1,3})\b`, matched by hand (Foundation's regular
  /// expressions cost more than the rest of reading the answer). The first digits of the text,
  /// one or two of them, then `/` or `out of` (a space allowed on either side), then one to
  /// three digits that end a word.
  static func ratingPrefix(_ text: String) -> Range<String.Index>? {
    let scalars = text.unicodeScalars
    func isDigit(_ scalar: Unicode.Scalar) -> Bool { scalar >= "0" && scalar <= "9" }
    func digits(from start: String.Index) -> String.Index {
      var end = start
      while end < scalars.endIndex, isDigit(scalars[end]) { end = scalars.index(after: end) }
      return end
    }
    func space(at index: String.Index) -> String.Index {
      index < scalars.endIndex && scalars[index] == " " ? scalars.index(after: index) : index
    }
    guard let first = scalars.firstIndex(where: isDigit) else { return nil }
    let firstEnd = digits(from: first)
    guard (1...2).contains(scalars.distance(from: first, to: firstEnd)) else { return nil }
    var index = space(at: firstEnd)
    if index < scalars.endIndex, scalars[index] == "/" {
      index = scalars.index(after: index)
    } else if scalars[index...].starts(with: "out of".unicodeScalars) {
      index = scalars.index(index, offsetBy: 6)
    } else {
      return nil
    }
    index = space(at: index)
    let secondEnd = digits(from: index)
    guard (1...3).contains(scalars.distance(from: index, to: secondEnd)) else { return nil }
    // \b: a word ends there (a letter, mark, digit or joiner after it would go on with it).
    if secondEnd < scalars.endIndex {
      let next = scalars[secondEnd]
      let properties = next.properties
      let wordScalar =
        properties.isAlphabetic || next == "\u{200C}" || next == "\u{200D}"
        || [.nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .connectorPunctuation].contains(
          properties.generalCategory)
      if wordScalar { return nil }
    }
    return text.startIndex..<secondEnd
  }

  /// Words after a medicine's name that are part of it.
  static let formulations: Set<String> = [
    "xl", "xr", "er", "sr", "cr", "la", "cd", "ir", "odt", "dr", "ec", "xt", "er24", "extended", "release", "patch",
    "spray", "injection", "solution", "plus", "forte", "hcl",
  ]

  private func reject(_ fallback: String) -> Result<Value, AnswerRejection> {
    .failure(AnswerRejection(message: question.invalidMessage ?? fallback))
  }

  /// Yes or no as people say it: "yeah sure", "nope", "no thanks", "sí". A line with words
  /// for both, or neither, is not an answer (the question is asked again).
  /// Words that open a likely yes ("prob sam").
  static let likelyWords: Set<String> = ["prob", "probably", "prolly", "likely", "probs"]

  static func yesNo(_ text: String) -> Bool? {
    let folded = ChoiceMatcher.fold(text)
    switch folded {
    case "1", "true": return true
    case "2", "false": return false
    default: break
    }
    let words = letterWords(folded)
    guard !words.isEmpty else { return nil }
    let phrase = words.joined(separator: " ")
    if yesPhrases.contains(phrase) { return true }
    if noPhrases.contains(phrase) { return false }
    let yes = words.contains(where: yesWords.contains)
    let no = words.contains(where: noWords.contains)
    // "prob sam", "probably my mom": a likely yes, with more words (kept with the answer as the
    // patient's own, so the doubt shows); a trial patient's "prob sam" at "Will someone be with
    // you? If so, who?" was told to answer yes or no.
    if !yes, !no, words.count > 1, let first = words.first, likelyWords.contains(first),
      !dontKnow.contains(where: { phrase.hasPrefix($0 + " ") || phrase.hasSuffix(" " + $0) })
    {
      return true
    }
    guard yes != no else { return nil }
    // "yes, on the bad pain days", "yeah I see a therapist at the VA", "no that's all of them": a
    // yes or no first, and nothing after it that turns it round ("yes but no") or says the patient
    // does not know ("no idea").
    // "not" and "never" first turn round what follows ("not act"), so they are not such a no.
    if let first = words.first, yesWords.contains(first) || noWords.contains(first), first.count > 1,
      first != "not", first != "never",
      !dontKnow.contains(phrase), !dontKnow.contains(where: { phrase.hasPrefix($0 + " ") }),
      !folded.contains("?" as Character)
    {
      return yes
    }
    // Every other word must be filler: "yes I do", "no not really", not "yes but only once".
    guard words.allSatisfy({ yesWords.contains($0) || noWords.contains($0) || fillerWords.contains($0) }) else {
      return nil
    }
    return yes
  }

  /// The runs of letters and apostrophes in `text`: from the bytes where it is ASCII (each byte
  /// a character, a letter one of A to Z and a to z), as nearly every line is; else by
  /// `Character` (`yesNo` reads every line at a yes-or-no question, and at every option list
  /// that starts with Yes or No, this way: by `Character` it was half of its cost).
  static func letterWords(_ text: String) -> [String] {
    guard text.isASCII else { return letterWordsByCharacter(text) }
    return text.asciiRuns { UInt8.isLetter($0) || $0 == UInt8(ascii: "'") }
  }

  /// `letterWords` by `Character`, for any text.
  static func letterWordsByCharacter(_ text: String) -> [String] {
    text.split { !$0.isLetter && $0 != "'" }.map(String.init)
  }

  static let yesWords: Set<String> = [
    "y", "yes", "yeah", "yea", "yep", "yup", "ya", "sure", "ok", "okay", "correct", "right", "affirmative", "si",
    "claro", "absolutely", "definitely", "certainly", "indeed",
    // Slips people make typing yes fast.
    "ye", "yeha", "yhea", "yeh", "yess", "yse", "yas", "yesh", "yez",
  ]
  static let noWords: Set<String> = ["n", "no", "nope", "nah", "nay", "negative", "never", "not", "noo", "nop", "mo"]
  static let yesPhrases: Set<String> = [
    "of course", "i do", "i have", "i did", "i am", "you bet", "that's right", "no problem", "yeah no problem",
    "yes no problem", "not a problem", "sure no problem",
  ]
  static let noPhrases: Set<String> = [
    "i don't", "i dont", "i do not", "i haven't", "i have not", "i didn't", "i did not", "i don't think so",
    "i dont think so", "don't think so", "dont think so", "do not think so", "not that i know of", "not that i know",
    // "none" at "Do you take any medicines? If so, type the name" is not a medicine's name.
    "none", "nothing", "none at all", "none of them", "nothing else", "no more", "that's all", "thats all",
    "that's it", "thats it",
  ]
  static let fillerWords: Set<String> = [
    "i", "do", "did", "am", "have", "has", "it", "is", "thats", "that's", "please", "thanks", "thank", "you", "of",
    "course", "really", "at", "all", "sir", "maam", "i'm", "don't", "dont", "didn't", "didnt", "haven't", "havent",
    "im", "think", "so", "guess", "ever", "that", "had", "been", "any", "rly", "realy", "really", "i've", "ive",
  ]

  /// A date in any common form. One reading is kept (read back first when the question says
  /// so); two readings, or one that must be read back, are asked back with the date in words.
  private func date(_ text: String, _ rule: DateRule) -> Result<Value, AnswerRejection> {
    let all = DateReading.readings(text)
    guard !all.isEmpty else {
      return reject(words(.dateFormat))
    }
    let allowed = DateReading.readings(text, rule: rule, today: today)
    guard !allowed.isEmpty else {
      if rule.notInFuture, all.allSatisfy({ $0 > today }) {
        return reject(words(.dateInFuture))
      }
      let years = rule.maximumYearsAgo ?? 0
      return reject(words(.dateTooOld, ["years": String(years)]))
    }
    if allowed.count == 1, let date = allowed.first {
      // Read back only what was not typed one certain way ("4/27/86": 1986 was chosen over 2086);
      // "04/27/1986" and "April 27, 1986" can mean one date only (a screen fewer; issue 12).
      guard readsBack, !confirmed, all.count > 1 else { return .success(.date(date)) }
      return .failure(
        AnswerRejection(
          message: words(.dateReadBack, ["date": date.spoken(words)]),
          readings: [AnswerRejection.Reading(label: date.spoken(words), line: date.description)]))
    }
    if confirmed, let date = allowed.first { return .success(.date(date)) }
    return .failure(
      AnswerRejection(
        message: words(.dateTwoWays),
        readings: allowed.map { AnswerRejection.Reading(label: $0.spoken(words), line: $0.description) }))
  }

  /// One option. Something that could be two options is asked back with both (by their own
  /// numbers), and a number that could be a value or a position is asked back as a yes or no.
  private func choose(_ text: String, from options: [AnswerOption], asksBack: Bool = true)
    -> Result<AnswerOption, AnswerRejection>
  {
    // Once the patient has chosen from a question asked back, the line is the option's number.
    let numbers = confirmed ? .positions : question.numberReading ?? .ask
    func reading(_ option: AnswerOption) -> AnswerRejection.Reading {
      let position = (options.firstIndex(of: option) ?? 0) + 1
      return AnswerRejection.Reading(label: option.text, line: String(position), number: position)
    }
    var matcher = ChoiceMatcher(options: options, numbers: numbers)
    matcher.negators.formUnion(phrasebook.forms(of: ["no", "not", "never"]))
    switch matcher.match(text) {
    case .matched(let option): return .success(option)
    case .ambiguous(let candidates) where asksBack:
      return .failure(
        AnswerRejection(message: words(.choiceSeveral), readings: candidates.map(reading)))
    case .ambiguous(let candidates):
      return .failure(
        AnswerRejection(
          message: words(.choiceCouldBe, ["answers": words.list(candidates.map { "\"\($0.text)\"" })])))
    case .valueOrPosition(let typed, let value, let position) where asksBack:
      return .failure(
        AnswerRejection(
          message: words(.valueOrPosition, ["typed": String(typed), "value": value.text, "position": position.text]),
          readings: [reading(value), reading(position)], yesMeansFirst: true))
    case .valueOrPosition(let typed, let value, let position):
      return .failure(
        AnswerRejection(
          message: words(
            .valueOrPositionWords, ["typed": String(typed), "value": value.text, "position": position.text])))
    case .nearly(let option) where asksBack:
      return .failure(
        AnswerRejection(message: words(.didYouMeanOption, ["answer": option.text]), readings: [reading(option)]))
    case .nearly(let option):
      return .failure(AnswerRejection(message: words(.didYouMeanOptionWords, ["answer": option.text])))
    case .none:
      return .failure(
        AnswerRejection(
          message: question.invalidMessage ?? words(.choiceNone, ["count": String(options.count)])))
    }
  }

  private func chooseSeveral(_ text: String, from options: [AnswerOption]) -> Result<Value, AnswerRejection> {
    var pieces = text.split(whereSeparator: { $0 == "," || $0 == ";" }).map {
      $0.trimmingSpaces()
    }
    // "depression and anxiety", "ptsd and depression", "cigs and weed": each part is an answer of
    // its own when each names one, unless the words are one option's own ("Friends and family").
    // A line that as a whole names one answer ("ptsd" in "ptsd and depression") would otherwise
    // drop the rest; a part that names nothing ("... right foot and leg") leaves the line whole,
    // and a line that names nothing as a whole is split, so each part is answered or asked again.
    var matcher = ChoiceMatcher(options: options, numbers: .positions)
    matcher.negators.formUnion(phrasebook.forms(of: ["no", "not", "never"]))
    // "ansiedad y ptsd": the language's "and" joins answers as "and" does.
    let ands = phrasebook.forms(of: ["and"])
    pieces = pieces.flatMap { piece -> [String] in
      var joined = " " + piece.replacingOccurrences(ofText: " & ", with: " and ") + " "
      for and in ands { joined = joined.replacingOccurrences(of: " \(and) ", with: " and ", options: .caseInsensitive) }
      let parts = joined.trimmingSpaces().components(separatedBy: " and ")
        .map { $0.trimmingSpaces() }.filter { !$0.isEmpty }
      guard parts.count > 1 else { return [piece] }
      let words = ChoiceMatcher.words(ChoiceMatcher.fold(piece))
      // The options' words as the matcher folded them once, not folded again for each part.
      if matcher.areOptionsWords(words) { return [piece] }
      guard case .none = matcher.match(piece) else {
        let everyPartNames = parts.allSatisfy { part in
          if case .none = matcher.match(part) { return false }
          return true
        }
        return everyPartNames ? parts : [piece]
      }
      return parts
    }
    // "1 3 4" is three numbers, not one answer.
    pieces = pieces.flatMap { piece -> [String] in
      let words = piece.split(separator: " ").map(String.init)
      return words.count > 1 && words.allSatisfy({ Int($0) != nil }) ? words : [piece]
    }.filter { !$0.isEmpty }
    // "no, none of these", "sí, depresión": a bare yes or no before the answers is not one.
    if pieces.count > 1 {
      let bare = pieces.filter { piece in
        let folded = ChoiceMatcher.words(ChoiceMatcher.fold(phrasebook.reading(piece)))
        return Self.yesWords.contains(folded) || Self.noWords.contains(folded)
      }
      if bare.count < pieces.count { pieces.removeAll(where: bare.contains) }
    }
    guard !pieces.isEmpty else {
      return .failure(AnswerRejection(message: words(.severalNone)))
    }
    var chosen: [String] = []
    var nearly = false
    for piece in pieces {
      // A slip in an option's words is asked back with the whole answer, below.
      if !confirmed, case .nearly(let option) = matcher.match(piece) {
        nearly = true
        if !chosen.contains(option.id) { chosen.append(option.id) }
        continue
      }
      // "ptsd depresion": PTSD as typed and Depression with a slip; both, asked back.
      if !confirmed, case .ambiguous(let named) = matcher.match(piece),
        case .matched(let typed) = matcher.exactly(piece),
        named.first == typed
      {
        nearly = true
        for option in named where !chosen.contains(option.id) { chosen.append(option.id) }
        continue
      }
      switch choose(piece, from: options, asksBack: false) {
      case .success(let option): if !chosen.contains(option.id) { chosen.append(option.id) }
      case .failure(let rejection):
        return .failure(AnswerRejection(message: words(.pieceRefused, ["piece": piece, "message": rejection.message])))
      }
    }
    if nearly {
      let picked = options.enumerated().filter { chosen.contains($0.element.id) }
      let label = picked.map(\.element.text).joined(separator: "; ")
      let line = picked.map { String($0.offset + 1) }.joined(separator: ", ")
      return .failure(
        AnswerRejection(
          message: words(.severalDidYouMean, ["answers": label]), readings: [.init(label: label, line: line)]))
    }
    if chosen.count > 1, let exclusive = options.first(where: { $0.exclusive && chosen.contains($0.id) }) {
      return .failure(AnswerRejection(message: words(.exclusive, ["answer": exclusive.text])))
    }
    let ordered = options.map(\.id).filter(chosen.contains)
    return .success(.choices(ordered))
  }

  /// A number as people say it, made plain for the number readers: "about 40", "40ish",
  /// "twenty five", and "none", "never" or "zero" where 0 is an answer the question allows. The
  /// line as typed stays in the session's log.
  static func spokenNumber(_ text: String, allowsZero: Bool) -> String {
    var words = ChoiceMatcher.fold(text).split(separator: " ").map(String.init)
    while let first = words.first, NumberWords.hedges.contains(first) || first == "like" && words.count > 1 {
      words.removeFirst()
    }
    // "about a 7": the article before a number in digits.
    if words.count == 2, words[0] == "a", Double(words[1]) != nil { words.removeFirst() }
    // "40 or so", "19 idk": the rough amount is the amount.
    words = NumberWords.withoutTrailingHedges(words)
    if let last = words.last, last.hasSuffix("ish"), Int(last.dropLast(3)) != nil {
      words[words.count - 1] = String(last.dropLast(3))
    }
    if let first = words.first, first.hasPrefix("~") { words[0] = String(first.dropFirst()) }
    let joined = words.joined(separator: " ")
    if allowsZero, ["none", "zero", "never", "no", "nothing", "not once", "no times"].contains(joined) { return "0" }
    guard !joined.isEmpty, joined.first?.isLetter == true else { return joined.isEmpty ? text : joined }
    return NumberWords.digits(in: joined)
  }

  /// A number, allowing the question's unit after it ("180 lb") and thousands separators.
  static func number(_ text: String, unit: String?) -> Double? {
    var cleaned = text.lowercased().replacingOccurrences(ofText: ",", with: "")
    if let unit = unit?.lowercased(), cleaned.hasSuffix(unit) { cleaned = String(cleaned.dropLast(unit.count)) }
    cleaned = cleaned.trimmingSpaces()
    guard !cleaned.isEmpty, cleaned.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-") }),
      let number = Double(cleaned), number.isFinite
    else { return nil }
    return number
  }

  /// Unit words as people type them, and the symbol a dialog declares them by.
  static let unitWords: [String: String] = [
    "kilo": "kg", "kilos": "kg", "kilogram": "kg", "kilograms": "kg", "kgs": "kg", "kg": "kg",
    "pound": "lb", "pounds": "lb", "lbs": "lb", "lb": "lb",
    "foot": "ft", "feet": "ft", "ft": "ft",
    "inch": "in", "inches": "in", "in": "in",
    "centimetre": "cm", "centimetres": "cm", "centimeter": "cm", "centimeters": "cm", "cms": "cm", "cm": "cm",
    "metre": "m", "metres": "m", "meter": "m", "meters": "m", "m": "m",
  ]

  /// A unit's symbol said in words, for hints.
  static let unitNames: [String: String] = [
    "kg": "kilograms", "lb": "pounds", "ft": "feet", "in": "inches", "cm": "centimeters", "m": "meters",
  ]

  /// A number in the main unit, or a sum of numbers with units the question accepts ("80 kg",
  /// "75 kilos", "165 pounds", "5 ft 10 in", "5'10\"", "5 foot 10", "1.68 m", and at a question
  /// asked in a unit of time "3 months" or "a year and a half"), each part kept in the unit it
  /// was given in and the whole worked out in the main unit. A bare number after feet is inches.
  static func measure(_ text: String, _ range: NumberRange) -> Quantity? {
    let mainUnit = range.unit ?? ""
    if let plain = number(text, unit: range.unit) { return Quantity(plain, unit: mainUnit) }
    // A question asked in a unit of time takes any length of time ("3 months" in weeks).
    if let unit = range.unit, case .parts(let parts)? = DurationWords.read(text),
      let length = DurationWords.length(parts, in: unit)
    {
      return Quantity(parts: parts, value: length, unit: DurationWords.units[unit.lowercased()] ?? unit)
    }
    guard !range.otherUnits.isEmpty else { return nil }
    var factors = range.otherUnits
    if let unit = range.unit?.lowercased() { factors[unit] = 1 }
    var cleaned = text.lowercased().replacingOccurrences(ofText: ",", with: "")
    if factors["ft"] != nil {
      cleaned = cleaned.replacingOccurrences(ofText: "\u{2019}", with: "'").replacingOccurrences(
        ofText: "'", with: " ft ")
    }
    if factors["in"] != nil {
      cleaned = cleaned.replacingOccurrences(ofText: "\u{201D}", with: "\"").replacingOccurrences(
        ofText: "\"", with: " in ")
    }
    // "75kg" → "75 kg": split numbers from the letters after them.
    var spaced = ""
    for (index, character) in cleaned.enumerated() {
      if index > 0, character.isLetter, let previous = spaced.last, previous.isNumber || previous == "." {
        spaced.append(" ")
      }
      spaced.append(character)
    }
    var total = 0.0
    var parts: [Quantity.Part] = []
    var words = spaced.split(separator: " ").map(String.init).filter { $0 != "and" }
    while !words.isEmpty {
      guard let value = Double(words.removeFirst()), value.isFinite, value >= 0 else { return nil }
      let unit: String
      if let next = words.first, let symbol = unitWords[next] {
        unit = symbol
        words.removeFirst()
      } else if parts.last?.unit == "ft", factors["in"] != nil {
        unit = "in"  // "5 ft 6": the inches
      } else {
        return nil
      }
      guard let factor = factors[unit] else { return nil }
      total += value * factor
      parts.append(Quantity.Part(value: value, unit: unit))
    }
    guard !parts.isEmpty, total.isFinite else { return nil }
    return Quantity(parts: parts, value: total, unit: mainUnit)
  }

  /// A length of time: an amount in any unit of time, and "still taking it" where the question
  /// allows it ("still on it", "ongoing", "still taking it, about 3 months").
  private func duration(_ text: String, _ rule: DurationRule) -> Result<Value, AnswerRejection> {
    let unit = rule.range.unit ?? "weeks"
    let examples = [
      "weeks": words.say("weeks"), "months": words.say("months"), "about_a_year": words.say("about a year"),
    ]
    let howLong = words(.howLong, examples)
    // "for a year or so": the rough amount is the amount (and "about" is kept).
    var rest = Self.withoutTrailingHedges(text)
    var ongoing = false
    if let said = Self.ongoing(text) {
      guard rule.ongoing != nil else { return reject(howLong) }
      ongoing = true
      rest = said
      if rest.isEmpty { return .success(.quantity(Quantity(parts: [], value: nil, unit: unit, ongoing: true))) }
    }
    if DurationWords.read(rest) == .vague {
      // "a couple of years" is most often two, "a few months" three: asked, not assumed (a trial
      // patient's "few months" was asked for a number four times). The question's words ask of
      // any rough amount ("Is that about 3 months?").
      let words = ChoiceMatcher.words(ChoiceMatcher.fold(rest)).split(separator: " ")
      let rough = words.contains("couple") ? 2 : words.contains("few") && !words.contains("very") ? 3 : nil
      if !confirmed, let rough,
        let unitWord = words.last(where: { DurationWords.units[String($0)] != nil }),
        let plural = DurationWords.units[String(unitWord)]
      {
        let line = (ongoing ? "still, " : "") + "about \(rough) \(plural)"
        let label = self.words.sayAll("about \(rough) \(plural)")
        return .failure(
          AnswerRejection(
            message: self.words(.aboutTwo, ["answer": label]), readings: [.init(label: label, line: line)]))
      }
      return reject(self.words(.aboutHowManyTime, ["unit": self.words.say(unit), "months": self.words.say("months")]))
    }
    // "2-3 months", "2 or 3 months": one of the two, as the patient chooses.
    if !confirmed, let span = Self.durationRange(rest) {
      let readings = span.map {
        AnswerRejection.Reading(label: words.sayAll($0), line: (ongoing ? "still, " : "") + "about " + $0)
      }
      return .failure(
        AnswerRejection(
          message: words(.closerTo, ["first": readings[0].label, "second": readings[1].label]), readings: readings))
    }
    // "since 2016", "around 2022": a year, not an amount of weeks or months (it was asked back as
    // "2016 weeks or 2016 months?"). How long since then is asked back, never assumed: the year
    // may be when it began or when it happened.
    if !confirmed, let year = Self.yearSaid(rest, today: today) {
      let years = today.year - year
      guard years > 0 else {
        return reject(
          self.words(.aboutHowManyTime, ["unit": self.words.say("months"), "months": self.words.say("months")]))
      }
      let amount = "about \(years) " + (years == 1 ? "year" : "years")
      let label = words.sayAll(amount)
      return .failure(
        AnswerRejection(
          message: words(
            .sinceYear,
            ["year": String(year), "answer": label, "weeks": words.say("weeks"), "months": words.say("months")]),
          readings: [.init(label: label, line: (rule.ongoing != nil ? "still, " : "") + amount)]))
    }
    // "3" to "how long": weeks, months or years? The question asks in no one unit, so it is asked.
    if !confirmed, let number = Self.number(Self.spokenNumber(rest, allowsZero: false), unit: nil), number > 0 {
      let amount = formatNumber(number)
      let units = ["weeks", "months"] + (number <= 30 ? ["years"] : [])
      let readings = units.map {
        AnswerRejection.Reading(
          label: "\(amount) \(words.say($0))", line: (ongoing ? "still, " : "") + "\(amount) \($0)")
      }
      return .failure(
        AnswerRejection(message: words(.isThat, ["choices": words.list(readings.map(\.label))]), readings: readings))
    }
    guard var amount = Self.measure(rest, rule.range) else {
      return reject(rule.ongoing.map { words(.howLongOngoing, examples.merging(["ongoing": $0]) { $1 }) } ?? howLong)
    }
    amount.ongoing = ongoing
    return inRange(amount, rule.range)
  }

  /// The year a line about a length of time names instead of an amount ("since 2016", "around
  /// 2022", "2019"): a number of four digits from 1900 to this year, with no unit of time beside
  /// it and no other number.
  static func yearSaid(_ text: String, today: CalendarDate) -> Int? {
    let words = ChoiceMatcher.words(ChoiceMatcher.fold(text)).split(separator: " ")
    guard !words.contains(where: { DurationWords.units[String($0)] != nil }) else { return nil }
    let numbers = words.filter { $0.allSatisfy(\.isNumber) }
    guard numbers.count == 1, numbers[0].count == 4, let year = Int(numbers[0]), (1900...today.year).contains(year)
    else { return nil }
    return year
  }

  /// `text` as typed, without hedge words at its end ("or so", "I think").
  static func withoutTrailingHedges(_ text: String) -> String {
    let words = text.split(separator: " ").map(String.init)
    let kept = NumberWords.withoutTrailingHedges(words.map { ChoiceMatcher.words(ChoiceMatcher.fold($0)) }).count
    return words.prefix(kept).joined(separator: " ")
  }

  /// The two ends of a range of time ("2-3 months", "2 or 3 months", "2 to 3 months"), each with
  /// its unit; nil otherwise.
  static func durationRange(_ text: String) -> [String]? {
    guard let span = numberSpan(text), let word = span.after, let unit = DurationWords.units[word] else { return nil }
    return [span.low, span.high].map { "\($0) \($0 == 1 ? Quantity.singular[unit] ?? unit : unit)" }
  }

  /// Two whole numbers given as a span ("6-7", "like 14 to 15", "two or three months"), the
  /// smaller first, and the one word after them, if any (a unit).
  static func numberSpan(_ text: String) -> (low: Int, high: Int, after: String?)? {
    let words = NumberWords.digits(
      in: ChoiceMatcher.words(ChoiceMatcher.fold(text).replacingOccurrences(ofText: "-", with: " to "))
    )
    .split(separator: " ").map(String.init).filter {
      !NumberWords.hedges.contains($0) && !["like", "for"].contains($0)
    }
    guard words.count == 3 || words.count == 4, ["to", "or"].contains(words[1]), let low = Int(words[0]),
      let high = Int(words[2]), low < high
    else { return nil }
    return (low, high, words.count == 4 ? words[3] : nil)
  }

  /// What is left of a line that says a length of time is still going on, once those words are
  /// taken out ("still on it, about 3 months" → "about 3 months"); nil when it does not say so.
  static func ongoing(_ text: String) -> String? {
    let words = ChoiceMatcher.words(ChoiceMatcher.fold(text)).split(separator: " ").map(String.init)
    let phrase = " " + words.joined(separator: " ") + " "
    guard ongoingMarkers.contains(where: { phrase.containsText(" \($0) ") }) else { return nil }
    return words.filter { !ongoingWords.contains($0) }.joined(separator: " ")
  }

  static let ongoingMarkers = [
    "still", "ongoing", "currently", "so far", "to date", "up to now", "until now", "now", "been on", "been taking",
  ]
  static let ongoingWords: Set<String> = [
    "still", "ongoing", "currently", "current", "so", "far", "to", "date", "up", "until", "now", "i", "i'm", "im",
    "am", "taking", "take", "it", "on", "using", "going", "been", "have", "i've", "ive", "yes", "yeah", "its", "it's",
    "them", "this", "that", "one", "but",
  ]

  /// The decade in "40s", "my 40s", "in my forties", "mid 30s"; nil otherwise.
  static func decade(_ text: String) -> Int? {
    let words = ChoiceMatcher.words(ChoiceMatcher.fold(text)).split(separator: " ").map(String.init)
    let named = ["twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60, "seventies": 70]
    for word in words {
      if let tens = named[word] { return tens }
      if word.hasSuffix("s"), let tens = Int(word.dropLast()), tens % 10 == 0, (10...90).contains(tens) { return tens }
    }
    return nil
  }

  /// An example built from the number the patient typed, in the units the question takes:
  /// "12 stone" at a weight gives ", for example 12 lb or 12 kg".
  static func example(_ text: String, _ range: NumberRange, _ words: KioskWords = .english) -> String {
    guard let unit = range.unit else { return "" }
    let typed = text.split(whereSeparator: { !$0.isNumber && $0 != "." }).compactMap { Double($0) }.first
    func examples(_ list: [String]) -> String { words(.forExample, ["examples": words.list(list)]) }
    if DurationWords.isTime(unit) {
      let amount = typed.map(formatNumber) ?? "6"
      return examples(["\(amount) \(words.say(unit))", "3 \(words.say("months"))"])
    }
    guard let typed else { return "" }
    let amount = formatNumber(typed)
    let others = range.otherUnits.keys.sorted().filter { $0 != "ft" && $0 != "in" }
    if range.otherUnits["ft"] != nil || unit == "ft" {
      // Clamped before it is made an Int: "99999999999999999999 stone" is past Int.max.
      let feet = Int(min(max(typed, 4), 7))
      return examples(["\(feet) ft 6 in"] + others.prefix(1).map { "\(amount) \($0)" })
    }
    return examples(["\(amount) \(unit)"] + others.prefix(1).map { "\(amount) \($0)" })
  }

  /// "5 6" where feet and inches are both accepted: most likely 5 ft 6 in, but asked.
  static func feetAndInches(_ text: String, _ range: NumberRange, _ words: KioskWords = .english)
    -> AnswerRejection?
  {
    let parts = text.split(separator: " ").compactMap { Int($0) }
    guard range.otherUnits["ft"] != nil || range.unit == "ft", range.otherUnits["in"] != nil || range.unit == "in",
      parts.count == 2, text.split(separator: " ").count == 2, (3...8).contains(parts[0]), (0...11).contains(parts[1])
    else { return nil }
    let line = "\(parts[0]) ft \(parts[1]) in"
    return AnswerRejection(
      message: words(.doYouMean, ["answer": words.sayAll(line)]),
      readings: [AnswerRejection.Reading(label: words.sayAll(line), line: line)])
  }

  static func rangeHint(_ range: NumberRange, _ words: KioskWords = .english) -> String {
    let unit = range.unit.map { " \(words.say($0))" } ?? ""
    switch (range.minimum, range.maximum) {
    case (let low?, let high?):
      return words(.rangeBetween, ["low": formatNumber(low), "high": formatNumber(high), "unit": unit])
    case (let low?, nil): return words(.rangeAtLeast, ["low": formatNumber(low), "unit": unit])
    case (nil, let high?): return words(.rangeAtMost, ["high": formatNumber(high), "unit": unit])
    default: return unit.isEmpty ? "" : words(.rangeIn, ["unit": unit])
    }
  }

  /// The amount if it is within the question's limits (in its unit): a quantity when the
  /// question has a unit, so the unit the patient used is kept, else a plain number.
  private func inRange(_ amount: Quantity, _ range: NumberRange) -> Result<Value, AnswerRejection> {
    if let number = amount.value {
      let hint = words(.aNumber, ["range": Self.rangeHint(range, words), "example": ""])
      if let low = range.minimum, number < low { return reject(hint) }
      if let high = range.maximum, number > high { return reject(hint) }
      guard range.unit != nil else { return .success(.number(number)) }
    }
    return .success(.quantity(amount))
  }

  private func bloodPressure(_ text: String) -> Result<Value, AnswerRejection> {
    // "138 over 86", "about 150/95": a reading said aloud, or roughly, is the reading.
    var words = ChoiceMatcher.fold(text).replacingOccurrences(ofText: "mmhg", with: "")
      .replacingOccurrences(ofText: " over ", with: "/").split(separator: " ").map(String.init)
    while let first = words.first, NumberWords.hedges.contains(first) || first == "like" { words.removeFirst() }
    let parts = words.joined(separator: " ").split(separator: "/").map { $0.trimmingSpaces() }
    guard parts.count == 2, let systolic = Int(parts[0]), let diastolic = Int(parts[1]) else {
      return reject(self.words(.bloodPressureFormat))
    }
    guard (60...300).contains(systolic), (30...200).contains(diastolic), systolic > diastolic else {
      return reject(self.words(.bloodPressureWrong))
    }
    return .success(.bloodPressure(BloodPressure(systolic: systolic, diastolic: diastolic)))
  }
}

/// Why an answer was not accepted, in words for the patient; or, when it was understood but
/// must be checked first, the readings to check it against.
public struct AnswerRejection: Error, Equatable, Sendable {
  /// One way of understanding what was typed, and the line that gives it without doubt.
  public struct Reading: Equatable, Sendable {
    /// As the patient is shown it ("9 November 1985").
    public var label: String
    /// Submitted (confirmed) when the patient chooses this reading.
    public var line: String
    /// The number it is chosen by, when it has one of its own (an option's position); else its
    /// place in the list.
    public var number: Int?
    /// What else the line said, for the questions after this one ("20mg every morning" after a
    /// medicine's name): those are answered from it where it is clear, and asked otherwise.
    public var rest: String?

    public init(label: String, line: String, number: Int? = nil, rest: String? = nil) {
      self.label = label
      self.line = line
      self.number = number
      self.rest = rest
    }
  }

  public var message: String
  /// Empty for a refusal. One reading: the patient confirms it with yes or no (an unlikely
  /// number, a date read back). Several: the patient chooses one (an ambiguous date).
  public var readings: [Reading]
  /// Two readings asked as one yes-or-no question: yes is the first, no the second.
  public var yesMeansFirst: Bool

  /// The answer is understood but is asked back rather than kept or refused.
  public var needsConfirmation: Bool { !readings.isEmpty }

  public init(message: String, readings: [Reading] = [], yesMeansFirst: Bool = false) {
    self.message = message
    self.readings = readings
    self.yesMeansFirst = yesMeansFirst
  }
}
