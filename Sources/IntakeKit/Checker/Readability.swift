import Foundation

/// How hard a text is to read, as a US school grade: the Flesch-Kincaid grade level,
/// `0.39 × words/sentences + 11.8 × syllables/words − 15.59`.
///
/// Written for the short, plain texts of a kiosk:
/// - a word is a run of letters (an apostrophe inside it too: "don't"); a hyphen or slash
///   parts words ("self-harm" is two words a reader knows);
/// - a number (`2`, `04/27/1986`, `128/82`, `2.5`) is one word of one syllable: it is read at a
///   glance, whatever its spoken length;
/// - a `{placeholder}` is one word of one syllable: it is the patient's own answer (a name, a
///   medicine) said back to them;
/// - an abbreviation in capitals (`COPD`, `IVF`) is read letter by letter;
/// - a sentence ends at `.`, `!` or `?` (not inside a number, nor after `e.g.`, `Dr.` and the
///   like), at a blank line, and at a line that ends with `:` (a list follows). A text with no
///   end mark is one sentence: an option, a fragment.
public enum Readability {
  /// What a text is made of, for the formula.
  public struct Measure: Sendable, Equatable {
    public var words = 0
    public var sentences = 0
    public var syllables = 0

    public init(words: Int = 0, sentences: Int = 0, syllables: Int = 0) {
      self.words = words
      self.sentences = sentences
      self.syllables = syllables
    }

    /// The Flesch-Kincaid grade level, or nil for a text with no words.
    public var grade: Double? {
      guard words > 0, sentences > 0 else { return nil }
      return 0.39 * Double(words) / Double(sentences) + 11.8 * Double(syllables) / Double(words) - 15.59
    }

    /// Two texts read as one: their words, sentences and syllables added.
    public static func + (lhs: Measure, rhs: Measure) -> Measure {
      Measure(
        words: lhs.words + rhs.words, sentences: lhs.sentences + rhs.sentences,
        syllables: lhs.syllables + rhs.syllables)
    }
  }

  /// Stands for a `{placeholder}` in a text being measured.
  static let placeholder: Character = "\u{E000}"

  /// The text's words, sentences and syllables.
  public static func measure(_ text: String) -> Measure {
    var known: [String: Int] = [:]
    return measure(text, known: &known)
  }

  /// The same, with the syllables of words already counted in `known` (and the new ones added):
  /// a dialog says the same words again and again, and counting a word's syllables was a third
  /// of `intake check`.
  static func measure(_ text: String, known: inout [String: Int]) -> Measure {
    if let bytes = plainBytes(text) { return measure(plain: bytes, known: &known) }
    return measure(characters: text, known: &known)
  }

  /// The marker `plainBytes` puts for a placeholder: never a byte of ASCII text.
  static let placeholderByte: UInt8 = 0xFF

  /// `text` as bytes when it is plain ASCII (placeholders aside), each placeholder one
  /// `placeholderByte`; nil otherwise. Such a text's characters are its bytes (no carriage
  /// return: "\r\n" is one character), so it is measured byte by byte, without Unicode's
  /// tables: measuring every character as a `Character` was a fifth of checking a large dialog.
  static func plainBytes(_ text: String) -> [UInt8]? {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(text.utf8.count)
    var utf8 = text.utf8.makeIterator()
    while let byte = utf8.next() {
      if byte < 0x80, byte != UInt8(ascii: "\r") {
        bytes.append(byte)
      } else if byte == 0xEE, utf8.next() == 0x80, utf8.next() == 0x80 {
        bytes.append(placeholderByte)  // U+E000, `placeholder`, is EE 80 80.
      } else {
        return nil
      }
    }
    return bytes
  }

  /// `measure(characters:known:)` for a text of `plainBytes`, byte for character.
  static func measure(plain bytes: [UInt8], known: inout [String: Int]) -> Measure {
    measure(bytes, word: { String(decoding: bytes[$0], as: UTF8.self) }, known: &known)
  }

  /// The text measured character by character: any text.
  static func measure(characters text: String, known: inout [String: Int]) -> Measure {
    // Where each character starts in `text` (and its end): a word is cut from the text, not
    // built again from its characters.
    let starts = Array(text.indices) + [text.endIndex]
    return measure(Array(text), word: { String(text[starts[$0.lowerBound]..<starts[$0.upperBound]]) }, known: &known)
  }

  /// The measuring itself, over a text's characters or a plain text's bytes; `word` cuts the
  /// text at the offsets given.
  private static func measure<Unit: ReadableUnit>(
    _ characters: [Unit], word: (Range<Int>) -> String, known: inout [String: Int]
  ) -> Measure {
    var measure = Measure()
    var open = false  // words since the last sentence end
    var index = 0
    var lastWord = ""
    let count = characters.count
    while index < count {
      let character = characters[index]
      if Unit.isPlaceholder(character) {
        measure.words += 1
        measure.syllables += 1
        open = true
        lastWord = "x"
        index += 1
      } else if Unit.isDigit(character) {
        // Digits with the separators a number, date, time or reading uses inside it.
        var end = index + 1
        while end < count,
          Unit.isDigit(characters[end]) || Unit.isLetter(characters[end])
            || (Unit.joinsNumber(characters[end]) && end + 1 < count && Unit.isDigit(characters[end + 1]))
        {
          end += 1
        }
        measure.words += 1
        measure.syllables += 1
        open = true
        lastWord = "0"
        index = end
      } else if Unit.isLetter(character) {
        var end = index + 1
        while end < count,
          Unit.isLetter(characters[end])
            || (Unit.isApostrophe(characters[end]) && end + 1 < count && Unit.isLetter(characters[end + 1]))
        {
          end += 1
        }
        let word = word(index..<end)
        measure.words += 1
        if let counted = known[word] {
          measure.syllables += counted
        } else {
          let counted = syllables(word)
          known[word] = counted
          measure.syllables += counted
        }
        open = true
        lastWord = word
        index = end
      } else if Unit.endsSentence(character) {
        var end = index + 1
        while end < count, Unit.closesSentence(characters[end]) { end += 1 }
        let next = characters[end...].first { !Unit.isWhitespace($0) }
        let abbreviation =
          Unit.isFullStop(character) && isAbbreviation(lastWord, nextIsUppercase: next.map(Unit.isUppercase))
        if open, !abbreviation, end == count || Unit.isWhitespace(characters[end]) {
          measure.sentences += 1
          open = false
        }
        index = end
      } else if Unit.isNewline(character) {
        // A blank line, or a line ending in ':' before a list, ends what came before.
        let before = characters[..<index].last { !Unit.isSpaceOrTab($0) }
        let after = characters[(index + 1)...].prefix { !Unit.isNewline($0) }
        if open, before.map(Unit.isColon) == true || after.allSatisfy(Unit.isWhitespace) {
          measure.sentences += 1
          open = false
        }
        index += 1
      } else {
        index += 1
      }
    }
    if open { measure.sentences += 1 }
    return measure
  }

  /// Abbreviations whose full stop does not end a sentence.
  private static let abbreviations: Set<String> = ["mr", "mrs", "ms", "dr", "st", "vs", "jr", "sr", "approx", "dept"]

  /// Whether the full stop after `word` is an abbreviation's; `nextIsUppercase` tells of the
  /// first character after it that is not a space (nil: none).
  private static func isAbbreviation(_ word: String, nextIsUppercase: Bool?) -> Bool {
    let lower = word.lowercased()
    if abbreviations.contains(lower) { return true }
    // "e.g." and "i.e.", "a.m.": a single letter before a full stop, unless a new sentence
    // plainly starts after it.
    if lower.count == 1, lower != "i", nextIsUppercase == false { return true }
    return false
  }

  // MARK: Syllables

  /// The syllables of an English word, by its spelling.
  ///
  /// Vowel groups (with `y` a vowel except at the start of a word and between vowels, and `u`
  /// a consonant after `q`, or after `g` before a vowel), then the spellings where that count is
  /// wrong: a silent final `e` ("make") but not in `-le` ("table"); `-ed` and `-es` that add no
  /// syllable ("asked", "makes"); vowel pairs that are two syllables ("idea", "being", "period",
  /// "usual", "science") except the one-syllable endings `-tion`, `-cial`, `-cious`;
  /// compounds whose first part ends in a silent `e` ("sometimes"); `-ism` ("autism"). A short
  /// list of words spelled against every rule comes first. Capitals (`COPD`) are read letter by
  /// letter.
  public static func syllables(_ word: String) -> Int {
    let letters = word.filter(\.isLetter)
    guard !letters.isEmpty else { return 0 }
    if letters.count >= 2, letters.count <= 5, letters.allSatisfy(\.isUppercase) {
      // An abbreviation, read letter by letter ("W" is "double-you").
      return letters.reduce(0) { $0 + ($1 == "W" ? 3 : 1) }
    }
    return spelled(letters.foldedForMatching())
  }

  /// Words whose spelling no rule here reads right.
  private static let irregular: [String: Int] = [
    "anyone": 3, "everyone": 3, "maybe": 2, "recipe": 3, "acne": 2, "argue": 2, "argued": 2, "hundred": 2,
    "naked": 2, "wicked": 2, "sacred": 2, "business": 2, "every": 2, "different": 3, "interest": 3, "interested": 4,
    "family": 3, "families": 3, "several": 3, "evening": 2, "chocolate": 2, "camera": 3, "people": 2, "area": 3,
    "idea": 3, "ideas": 3, "doing": 2, "going": 2, "being": 2, "seeing": 2, "poem": 2, "create": 2, "created": 3,
    "creating": 3, "medicine": 3, "medicines": 3, "vegetable": 4, "temperature": 4, "comfortable": 4,
    "separate": 3, "favorite": 3, "average": 3, "general": 3, "generally": 4, "naive": 2, "cruel": 2, "fuel": 2,
    "quiet": 2, "diet": 2, "science": 2, "client": 2, "lion": 2, "prior": 2, "fire": 1, "tired": 1, "hour": 1,
    "hours": 1, "our": 1, "real": 1, "really": 2, "smiled": 1, "whole": 1, "wholly": 2, "suicide": 3,
    "suicidal": 4, "diabetes": 4, "safety": 2, "ninety": 2, "wherever": 3, "everything": 3,
    "everywhere": 3, "everyday": 3, "everybody": 4, "nauseous": 2, "nausea": 3, "naloxone": 3, "fluoxetine": 4,
    "codeine": 2, "cocaine": 2,
    "heroin": 3, "ecstasy": 3, "caffeine": 2, "vaping": 2, "breathe": 1, "clothes": 1, "forever": 3,
    "therapy": 3, "orange": 2, "there": 1, "where": 1, "here": 1, "were": 1, "are": 1, "one": 1, "ones": 1,
    "done": 1, "gone": 1, "none": 1, "some": 1, "come": 1, "become": 2, "because": 2, "someone": 2, "marijuana": 4,
  ]

  /// First parts of compounds that end in a silent `e`: "some|times", "care|giver".
  private static let silentCompoundParts = [
    "some", "there", "where", "home", "life", "time", "care", "safe", "house", "whole", "wide", "more", "base", "name",
    "else", "ride",
  ]

  private static func spelled(_ word: String) -> Int {
    if let known = irregular[word] { return known }
    // Plurals of irregular words: "ideas", "medicines".
    if word.hasSuffix("s"), !word.hasSuffix("ss"), let known = irregular[String(word.dropLast())] {
      let base = word.dropLast()
      return known + (["se", "ce", "ge", "ze"].contains { base.hasSuffix($0) } ? 1 : 0)
    }
    for part in silentCompoundParts where word.count >= part.count + 3 && word.hasPrefix(part) {
      let rest = String(word.dropFirst(part.count))
      if let first = rest.first, !isVowel(first), !"yr".contains(first) { return 1 + spelled(rest) }
    }
    return max(1, vowelGroups(word) + adjustments(word))
  }

  private static func isVowel(_ character: Character) -> Bool { "aeiou".contains(character) }

  /// The vowel letters of `word`, with `y` and `u` read as the word uses them.
  private static func vowelMask(_ letters: [Character]) -> [Bool] {
    var mask = letters.map(isVowel)
    for (index, letter) in letters.enumerated() {
      let before: Character? = index > 0 ? letters[index - 1] : nil
      let after: Character? = index + 1 < letters.count ? letters[index + 1] : nil
      if letter == "y" {
        // "yes", "beyond", "player": a consonant; "happy", "type", "crying": a vowel.
        let consonant = index == 0 || (before.map(isVowel) ?? false && after.map(isVowel) ?? false)
        mask[index] = !consonant
      } else if letter == "u", before == "q" || (before == "g" && after.map(isVowel) == true) {
        // "question", "language", "guess": a consonant sound.
        mask[index] = false
      }
    }
    return mask
  }

  private static func vowelGroups(_ word: String) -> Int {
    let mask = vowelMask(Array(word))
    var groups = 0
    var inGroup = false
    for vowel in mask {
      if vowel, !inGroup { groups += 1 }
      inGroup = vowel
    }
    return groups
  }

  /// Corrections to the vowel-group count for spellings English reads otherwise.
  private static func adjustments(_ word: String) -> Int {
    let letters = Array(word)
    let mask = vowelMask(letters)
    let count = letters.count
    func consonant(at index: Int) -> Bool { index >= 0 && index < count && !mask[index] }
    var delta = 0

    // Silent final e: "make", "rule", "these"; but "table" (-le after a consonant) and "free".
    if count >= 3, letters[count - 1] == "e", consonant(at: count - 2) {
      let syllabicLE = letters[count - 2] == "l" && consonant(at: count - 3) && letters[count - 3] != "l"
      if !syllabicLE, vowelGroups(word) > 1 { delta -= 1 }
    }
    // -ed after anything but t or d adds no syllable: "asked", "used", "changed"; "wanted" does.
    if count >= 4, word.hasSuffix("ed"), consonant(at: count - 3), !["t", "d"].contains(letters[count - 3]) {
      let syllabicLE = letters[count - 3] == "l" && consonant(at: count - 4) && letters[count - 4] != "l"
      if !syllabicLE { delta -= 1 }
    }
    // -es adds none after most consonants ("makes", "times"); it does after s, x, z, ch, sh, c, g
    // ("uses", "boxes", "changes", "places") and in -les after a consonant ("tables").
    if count >= 4, word.hasSuffix("es"), consonant(at: count - 3) {
      let before = letters[count - 3]
      let sibilant = "sxzcg".contains(before) || (before == "h" && "cs".contains(letters[count - 4]))
      let syllabicLE = before == "l" && consonant(at: count - 4) && letters[count - 4] != "l"
      if !sibilant, !syllabicLE { delta -= 1 }
    }
    // A silent e before a suffix: "likely", "movement", "careful", "useless", "lateness".
    for suffix in ["ly", "ment", "ments", "ful", "fully", "less", "ness"] where word.hasSuffix("e" + suffix) {
      let e = count - suffix.count - 1
      // "judgement", "acknowledgement": the e of -dge is silent too.
      let dge = e >= 3 && letters[e - 1] == "g" && letters[e - 2] == "d"
      if e >= 2, consonant(at: e - 1), !consonant(at: e - 2) || dge { delta -= 1 }
    }
    // Vowel pairs read as two syllables.
    for index in 0..<(count - 1) where mask[index] && mask[index + 1] {
      let pair = String(letters[index...index + 1])
      let before: Character? = index > 0 ? letters[index - 1] : nil
      let rest = String(letters[(index + 2)...])
      // "-tion", "-sion", "-cial", "-cious", "-gion", "-shion": one syllable after t, s, c, x, g
      // and sh (not the ch of "psychiatrist"); "-lion", "-nion", "-vior", "-nior" too ("million", "opinion", "behavior").
      let softened =
        before.map { "tscxg".contains($0) } ?? false
        || (before == "h" && index >= 2 && letters[index - 2] == "s")
      let gliding = (before.map { "nlv".contains($0) } ?? false) && (rest.hasPrefix("n") || rest.hasPrefix("r"))
      switch pair {
      case "ia":
        if !softened { delta += 1 }
      case "io":
        if !softened, !gliding { delta += 1 }
      case "iu":
        // "medium", "calcium", "potassium".
        delta += 1
      case "ie":
        // "anxiety", "society", "client", "experience", "easier", "easiest"; not "piece", "tried",
        // "patient", "efficient".
        if rest.hasPrefix("t") || (!softened && (rest.hasPrefix("nt") || rest.hasPrefix("nc")))
          || ((rest == "r" || rest == "st" || rest == "rs") && count > 5)
        {
          delta += 1
        }
      case "ea":
        // "idea", "area", "apnea" at the end; "react", "create", "reality".
        if rest.isEmpty || (index == 1 && letters[0] == "r" && rest.hasPrefix("ct")) || rest.hasPrefix("lit") {
          delta += 1
        }
      case "eo":
        // "video", "theory", "geography"; not "people", nor "-geous", "-ceous".
        if !rest.hasPrefix("p"), !(softened && rest.hasPrefix("us")) { delta += 1 }
      case "ua":
        // "usual", "actually"; "language" and "quality" never get here.
        delta += 1
      case "uo":
        delta += 1
      case "ue":
        // "influence", "fluent", "cruel"; not "true", "blue", "issue".
        if rest.hasPrefix("n") || rest.hasPrefix("l") { delta += 1 }
      case "ui":
        // "fluid", "ruin"; not "build", "fruit", "juice".
        if rest.hasPrefix("d") || rest.hasPrefix("n") { delta += 1 }
      default:
        break
      }
      // A vowel group ending in i before final -ng: "being", "seeing", "going", "saying".
      if letters[index + 1] == "i", rest == "ng" { delta += 1 }
    }
    // "-ism" and "-asm" end in a syllable of their own: "autism", "spasm"; so does "-thm".
    for ending in ["ism", "asm", "ysm", "thm", "isms", "asms", "ysms", "thms"] where word.hasSuffix(ending) {
      delta += 1
    }
    // "coordinate", "cooperate": co- before a word that starts with o.
    if word.hasPrefix("coord") || word.hasPrefix("cooper") { delta += 1 }
    // "couldn't", "doesn't", "mustn't": the n't is a syllable after a consonant.
    if word.hasSuffix("dnt") || word.hasSuffix("snt") || word.hasSuffix("tnt") { delta += 1 }
    return delta
  }
}

/// One text a patient reads: a question's text, its answers, its help and why, its messages.
public struct PatientText: Sendable {
  /// Which of the question's texts it is.
  public enum Field: String, Sendable {
    case text, options, help, why, invalid, implausible, check, another
  }

  public var question: String
  public var field: Field
  /// The words as measured; a `{placeholder}` is `Readability.placeholder`.
  public var text: String
  public var location: SourceLocation
  public var measure: Readability.Measure
  /// A list of names ("Depression", "Bipolar disorder", "Schizophrenia"), not prose: a formula
  /// made for sentences grades the names' syllables, not how hard the list is to read, so it
  /// counts towards the dialog's figure but gets no grade of its own.
  public var isListOfNames = false

  /// Its Flesch-Kincaid grade level.
  public var grade: Double? { measure.grade }
}

/// The reading level of a dialog's patient texts: each text's, and the dialog's as one text.
///
/// Every text a patient reads counts once (a scale's answers, shared by many questions, once):
/// question and message texts, answer options (a question's options read as one text, each
/// option a sentence), `help`, `why`, `invalid`, `implausible`, check messages and a repeat
/// group's `another`. Labels, findings and psychiatrist questions are for staff and do not count;
/// nor does the wording of questions kept word for word from an instrument (`Dialog.isVerbatim`).
public struct ReadingLevel: Sendable {
  /// Texts of fewer words than this get no grade of their own (a grade says nothing about
  /// "Intersex"), though they count towards the dialog's.
  public static let minimumWords = 8
  /// Options of at most this many words each are a list of names (`PatientText.isListOfNames`).
  public static let nameWords = 4

  public var texts: [PatientText]

  /// The dialog's patient texts read as one.
  public var overall: Readability.Measure { texts.reduce(Readability.Measure()) { $0 + $1.measure } }

  /// Texts long enough to grade, hardest first.
  public var hardest: [PatientText] {
    texts.filter { $0.measure.words >= Self.minimumWords && !$0.isListOfNames && $0.grade != nil }
      .sorted { ($0.grade ?? 0) > ($1.grade ?? 0) }
  }

  /// Measures every patient text of `dialog`, in the order the dialog is written.
  public init(dialog: Dialog) {
    // The texts are gathered first, then measured on every core (a fifth of `intake check`).
    var pending: [Pending] = []
    var seen = Set<SourceLocation>(minimumCapacity: dialog.questions.count * 2)
    // The place is looked up only for a text there is (most questions have no help, why or
    // messages: looking each up was a twelfth of measuring 10,000 questions' texts).
    func add(
      _ id: String, _ field: PatientText.Field, _ text: String?, at location: @autoclosure () -> SourceLocation?,
      names: [String]? = nil
    ) {
      guard let text, let location = location(), seen.insert(location).inserted else { return }
      pending.append(Pending(question: id, field: field, text: text, location: location, names: names))
    }
    var order: [String] = []
    order.reserveCapacity(dialog.questions.count)
    for section in dialog.sections {
      for id in section.questionIDs {
        order.append(id)
        if case .repeatGroup(let group)? = dialog.questions[id]?.kind { order += group.items }
      }
    }
    // `Dialog.isVerbatim` for every question in one pass: the instruments' items gathered once,
    // each question's own flag read as it is met.
    let verbatimItems = Set(dialog.instruments.filter(\.verbatim).flatMap(\.items))
    for id in order {
      guard let question = dialog.questions[id], !question.verbatim, !verbatimItems.contains(id) else { continue }
      let at = question.textLocations
      add(id, .text, Self.words(question.text), at: at["text"] ?? question.location)
      if !question.kind.isYesNo, !question.options.isEmpty {
        // Each option a sentence of its own, as the kiosk lists them.
        let options = question.options.map { option in
          let text = option.text.trimmingSpaces()
          return Self.endsSentence(text) ? text : text + "."
        }
        add(
          id, .options, options.joined(separator: " "), at: question.options.first?.location,
          names: question.options.map(\.text))
      }
      add(id, .help, question.help, at: at["help"])
      add(id, .why, question.why, at: at["why"])
      add(id, .invalid, question.invalidMessage, at: at["invalid"])
      add(id, .implausible, question.implausibleMessage, at: at["implausible"])
      for check in question.checks { add(id, .check, check.message, at: check.messageLocation) }
      if case .repeatGroup(let group) = question.kind {
        add(id, .another, Self.words(group.another), at: at["another"])
      }
    }
    texts = Self.measured(pending)
  }

  /// A patient text found, not yet measured; `names` holds the options' texts, each measured to
  /// tell a list of names.
  private struct Pending: Sendable {
    var question: String
    var field: PatientText.Field
    var text: String
    var location: SourceLocation
    var names: [String]?
  }

  /// The texts measured, in their order, those without words left out. Measured in as many
  /// interleaved shares as there are cores, each with its own syllable memo; the measures are
  /// the same whichever share a text is in.
  private static func measured(_ pending: [Pending]) -> [PatientText] {
    let shares = max(1, min(ProcessInfo.processInfo.activeProcessorCount, pending.count / 64))
    let results = MeasuredTexts(count: pending.count)
    DispatchQueue.concurrentPerform(iterations: shares) { share in
      var known: [String: Int] = [:]
      var found: [(Int, PatientText)] = []
      for index in stride(from: share, to: pending.count, by: shares) {
        let text = pending[index]
        let measure = Readability.measure(text.text, known: &known)
        let names = text.names.map { $0.allSatisfy { Readability.measure($0, known: &known).words <= nameWords } }
        found.append(
          (
            index,
            PatientText(
              question: text.question, field: text.field, text: text.text, location: text.location, measure: measure,
              isListOfNames: names ?? false)
          ))
      }
      results.keep(found)
    }
    return results.inOrder.filter { $0.measure.words > 0 }
  }

  /// Whether `text` ends with a full stop, an exclamation or a question mark (read from its last
  /// byte: asking whether a `Character` is in ".!?" built a string to search at every option).
  static func endsSentence(_ text: String) -> Bool {
    switch text.utf8.last {
    case UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "?"): true
    default: false
    }
  }

  /// A template's words, each `{placeholder}` one word.
  static func words(_ template: Template) -> String {
    func render(_ pieces: [Template.Piece]) -> String {
      pieces.map { piece in
        switch piece {
        case .literal(let text): text
        case .reference: String(Readability.placeholder)
        case .optional(let inner): render(inner)
        }
      }.joined()
    }
    return render(template.pieces)
  }
}

/// The measured texts of `ReadingLevel.measured`, written from its threads.
private final class MeasuredTexts: @unchecked Sendable {
  // Guarded by `lock`.
  private var texts: [PatientText?]
  private let lock = NSLock()

  init(count: Int) { texts = Array(repeating: nil, count: count) }

  func keep(_ found: [(Int, PatientText)]) {
    lock.withLock { for (index, text) in found { texts[index] = text } }
  }

  var inOrder: [PatientText] { lock.withLock { texts.compactMap { $0 } } }
}

/// What measuring a text asks of one of its characters: a `Character` of any text, or a byte of a
/// plain one (`Readability.plainBytes`: ASCII, `placeholderByte` for a placeholder), so both are
/// measured by one loop.
protocol ReadableUnit: Equatable {
  static func isPlaceholder(_ unit: Self) -> Bool
  static func isDigit(_ unit: Self) -> Bool
  static func isLetter(_ unit: Self) -> Bool
  static func isApostrophe(_ unit: Self) -> Bool
  static func isWhitespace(_ unit: Self) -> Bool
  static func isUppercase(_ unit: Self) -> Bool
  /// `.`, `,`, `/`, `:` or `-`: part of a number between two digits ("04/27/1986", "2.5").
  static func joinsNumber(_ unit: Self) -> Bool
  /// `.`, `!` or `?`.
  static func endsSentence(_ unit: Self) -> Bool
  static func isFullStop(_ unit: Self) -> Bool
  /// What may follow a sentence's end mark as part of it: more marks, quotes, a bracket.
  static func closesSentence(_ unit: Self) -> Bool
  static func isNewline(_ unit: Self) -> Bool
  static func isSpaceOrTab(_ unit: Self) -> Bool
  static func isColon(_ unit: Self) -> Bool
}

extension Character: ReadableUnit {
  static func isPlaceholder(_ unit: Character) -> Bool { unit == Readability.placeholder }
  /// `isNumber`, with plain ASCII answered without Unicode's tables (asking them of every
  /// character was most of measuring a text).
  static func isDigit(_ unit: Character) -> Bool {
    guard let byte = unit.asciiValue else { return unit.isNumber }
    return UInt8.isDigit(byte)
  }
  /// `isLetter`, with plain ASCII answered the same way.
  static func isLetter(_ unit: Character) -> Bool {
    guard let byte = unit.asciiValue else { return unit.isLetter }
    return UInt8.isLetter(byte)
  }
  static func isApostrophe(_ unit: Character) -> Bool { unit == "'" || unit == "’" }
  static func isWhitespace(_ unit: Character) -> Bool { unit.isWhitespace }
  static func isUppercase(_ unit: Character) -> Bool { unit.isUppercase }
  static func joinsNumber(_ unit: Character) -> Bool { ".,/:-".contains(unit) }
  static func endsSentence(_ unit: Character) -> Bool { ".!?".contains(unit) }
  static func isFullStop(_ unit: Character) -> Bool { unit == "." }
  static func closesSentence(_ unit: Character) -> Bool { ".!?\"'”’)".contains(unit) }
  static func isNewline(_ unit: Character) -> Bool { unit == "\n" }
  static func isSpaceOrTab(_ unit: Character) -> Bool { unit == " " || unit == "\t" }
  static func isColon(_ unit: Character) -> Bool { unit == ":" }
}

/// A plain text's bytes: ASCII's answers, `Readability.placeholderByte` a placeholder.
extension UInt8: ReadableUnit {
  static func isPlaceholder(_ unit: UInt8) -> Bool { unit == Readability.placeholderByte }
  static func isDigit(_ unit: UInt8) -> Bool { unit >= UInt8(ascii: "0") && unit <= UInt8(ascii: "9") }
  static func isLetter(_ unit: UInt8) -> Bool {
    (unit | 0x20) >= UInt8(ascii: "a") && (unit | 0x20) <= UInt8(ascii: "z")
  }
  static func isApostrophe(_ unit: UInt8) -> Bool { unit == UInt8(ascii: "'") }
  static func isWhitespace(_ unit: UInt8) -> Bool { unit == 0x20 || (unit >= 0x09 && unit <= 0x0D) }
  static func isUppercase(_ unit: UInt8) -> Bool { unit >= UInt8(ascii: "A") && unit <= UInt8(ascii: "Z") }
  static func joinsNumber(_ unit: UInt8) -> Bool { isOne(unit, of: ".,/:-") }
  static func endsSentence(_ unit: UInt8) -> Bool { isOne(unit, of: ".!?") }
  static func isFullStop(_ unit: UInt8) -> Bool { unit == UInt8(ascii: ".") }
  static func closesSentence(_ unit: UInt8) -> Bool { isOne(unit, of: ".!?\"')") }
  static func isNewline(_ unit: UInt8) -> Bool { unit == UInt8(ascii: "\n") }
  static func isSpaceOrTab(_ unit: UInt8) -> Bool { unit == UInt8(ascii: " ") || unit == UInt8(ascii: "\t") }
  static func isColon(_ unit: UInt8) -> Bool { unit == UInt8(ascii: ":") }

  private static func isOne(_ unit: UInt8, of set: StaticString) -> Bool { set.withUTF8Buffer { $0.contains(unit) } }
}
