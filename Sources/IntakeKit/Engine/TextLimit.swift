/// How long a typed answer may be, counted three ways. A question's `max_length` is in
/// characters as the patient sees them (grapheme clusters), but one visible character can carry
/// any number of combining marks: a letter with 500,000 of them is "one character", yet it is a
/// megabyte to echo, save and seal. So the answer is also held to a number of Unicode scalars
/// and of UTF-8 bytes in proportion to `max_length`, generous enough for accented letters,
/// flags and emoji with skin tones, and far too small for a pasted flood of marks.
public struct TextLimit: Sendable, Equatable {
  /// What was over the limit, so the patient can be told without echoing the text back.
  public enum Excess: Sendable, Equatable {
    /// More visible characters than allowed; how many were typed.
    case characters(Int)
    /// Within the visible limit, but too many code points joined into those characters.
    case scalars
    /// Within the visible limit, but too many bytes.
    case bytes
  }

  /// Unicode scalars allowed per visible character: a letter and three marks, a flag (two), an
  /// emoji with a skin tone (two).
  public static let scalarsPerCharacter = 4
  /// UTF-8 bytes allowed per visible character: two four-byte scalars.
  public static let bytesPerCharacter = 8

  /// Visible characters (grapheme clusters).
  public let characters: Int

  public init(characters: Int) { self.characters = max(0, characters) }

  public var scalars: Int { Self.saturated(characters.multipliedReportingOverflow(by: Self.scalarsPerCharacter)) }
  public var bytes: Int { Self.saturated(characters.multipliedReportingOverflow(by: Self.bytesPerCharacter)) }

  /// A bound too large for an `Int` is `Int.max`, which holds any text; not a wrapped-round number.
  private static func saturated(_ product: (partialValue: Int, overflow: Bool)) -> Int {
    product.overflow ? .max : product.partialValue
  }

  /// What is over the limit in `text`, or nil when it fits. Visible characters come first: when
  /// there are too many, their number is what the patient can act on.
  public func excess(in text: String) -> Excess? {
    let count = text.count
    if count > characters { return .characters(count) }
    if text.unicodeScalars.count > scalars { return .scalars }
    if text.utf8.count > bytes { return .bytes }
    return nil
  }
}
