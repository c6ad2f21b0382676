import PropertyBased
import Testing

@testable import IntakeKit

/// Properties of `TextLimit` over generated text and limits of every size: it accepts exactly
/// the text within all three of its bounds (visible characters, scalars, bytes), and says which
/// bound was passed.
@Suite struct TextLimitPropertyTests {
  /// Whether `count` is within `perCharacter` × `characters`, counted without overflow: a bound
  /// past `Int.max` holds any count a string can have.
  static func within(_ count: Int, _ perCharacter: Int, of characters: Int) -> Bool {
    let (bound, overflow) = characters.multipliedReportingOverflow(by: perCharacter)
    return overflow || count <= bound
  }

  /// Visible characters of one to seven scalars and one to twenty-five bytes: a letter, a letter
  /// with marks, a flag, emoji with a skin tone or joined into a family.
  static let graphemes = [
    "a", "e\u{301}", "a\u{301}\u{302}\u{303}", "\u{1D538}", "🇻🇳", "👍🏽", "🧑🏽‍🦱", "👨‍👩‍👧‍👦", "ß", "\u{0}",
  ]

  /// Text with many marks, joiners and multi-scalar emoji, so the three counts differ.
  static var text: Generator<String, some SendableSequenceType> {
    Gen.oneOf(
      TypedLines.any(pieces: 0...30),
      Gen.int(in: 0...(graphemes.count - 1)).array(of: 0...60).map { $0.map { graphemes[$0] }.joined() })
  }

  /// A limit near the text's own length, small, or anywhere up to `Int.max` (a dialog's
  /// `max_length` has no upper bound).
  static func limit(_ kind: Int, _ seed: Int, for text: String) -> Int {
    switch kind {
    case 0: max(0, text.count + seed % 7 - 3)
    case 1: max(0, text.unicodeScalars.count / TextLimit.scalarsPerCharacter + seed % 7 - 3)
    case 2: max(0, text.utf8.count / TextLimit.bytesPerCharacter + seed % 7 - 3)
    case 3: seed % 600
    default: Int.max - seed % (Int.max / 2)
    }
  }

  /// Text over any of the three bounds is never accepted (a flood of marks on one letter is
  /// not "one character" to echo, save and seal), and text within all three is never refused
  /// (a patient's ordinary answer is kept, however large the question's limit).
  @Test func acceptsExactlyWhatIsWithinAllThreeBounds() async {
    let input = zip(Self.text, Gen.int(in: 0...4), Gen.int(in: 0...Int.max))
    await propertyCheck(count: 500, input: input) { text, kind, seed in
      let characters = Self.limit(kind, seed, for: text)
      let limit = TextLimit(characters: characters)
      let visible = text.count <= characters
      let scalars = Self.within(text.unicodeScalars.count, TextLimit.scalarsPerCharacter, of: characters)
      let bytes = Self.within(text.utf8.count, TextLimit.bytesPerCharacter, of: characters)
      let excess = limit.excess(in: text)
      let described = "\(text.debugDescription) at \(characters): \(excess as Any)"
      switch excess {
      case nil: #expect(visible && scalars && bytes, "\(described)")
      case .characters(let count): #expect(!visible && count == text.count, "\(described)")
      case .scalars: #expect(visible && !scalars, "\(described)")
      case .bytes: #expect(visible && scalars && !bytes, "\(described)")
      }
    }
  }

  /// A larger limit never refuses what a smaller one accepts.
  @Test func aLargerLimitAcceptsMore() async {
    let input = zip(Self.text, Gen.int(in: 0...4), Gen.int(in: 0...Int.max), Gen.int(in: 0...Int.max))
    await propertyCheck(count: 300, input: input) { text, kind, seed, more in
      let characters = Self.limit(kind, seed, for: text)
      let room = Int.max - characters
      let larger = room == 0 ? characters : characters + more % room
      if TextLimit(characters: characters).excess(in: text) == nil {
        #expect(TextLimit(characters: larger).excess(in: text) == nil, "\(text.debugDescription) at \(larger)")
      }
    }
  }

  /// The scalar and byte bounds wrapped round on overflow: a `max_length` of `Int.max` made the
  /// scalar bound -4, so even an empty answer was "too long"; 2^62 + 1 made it 4.
  @Test func aHugeLimitAcceptsOrdinaryText() {
    #expect(TextLimit(characters: .max).excess(in: "") == nil)
    #expect(TextLimit(characters: .max).excess(in: "Zoë Nguyễn 🇻🇳") == nil)
    #expect(TextLimit(characters: (1 << 62) + 1).excess(in: "ordinary words") == nil)
    #expect(TextLimit(characters: .max).scalars == .max)
  }
}
