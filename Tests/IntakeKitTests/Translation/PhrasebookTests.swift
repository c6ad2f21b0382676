import Testing

@testable import IntakeKit

/// A line typed in a translation's language is read in the words the readers know: forms
/// replaced longest first, joining words dropped, a decimal comma read as a point (issue 18).
@Suite struct PhrasebookTests {
  static let spanish = Phrasebook(
    forms: [
      ("yes", ["sí", "claro"]), ("no", ["no"]), ("don't know", ["no sé", "no lo sé"]), ("kg", ["kilos"]),
      ("m", ["metros"]), ("months", ["meses"]), ("april", ["abril"]), ("help", ["ayuda"]), ("never", ["nunca"]),
      ("3", ["tres"]), ("35", ["treinta y cinco"]), ("and a half", ["y medio"]), ("year", ["año"]), ("a", ["un"]),
    ],
    ignored: ["de", "hace"], decimalComma: true)

  @Test(arguments: [
    ("68 kilos", "68 kg"),
    ("1,60 metros", "1.60 m"),
    ("No sé", "don't know"),
    ("no lo sé, creo", "don't know, creo"),
    ("27 de abril de 1982", "27 april 1982"),
    ("hace tres meses", "3 months"),
    ("treinta y cinco", "35"),
    ("un año y medio", "a year and a half"),
    ("No, nunca", "no, never"),
    ("Sí", "yes"),
    // Thousands are not a decimal comma; digits and unknown words are kept as typed.
    ("1,500", "1,500"),
    ("Lexapro 10", "lexapro 10"),
  ])
  func readsALine(_ typed: String, _ read: String) {
    #expect(Self.spanish.reading(typed).lowercased() == read)
  }

  @Test func aWholeLineIsOneWord() {
    #expect(Self.spanish.word(for: "Ayuda") == "help")
    #expect(Self.spanish.word(for: "¿ayuda?") == "help")
    #expect(Self.spanish.word(for: "ayuda por favor") == nil)
  }

  /// Who a named person is, read in the language; the name stays as typed.
  @Test func aNameIsReadForWhoThePersonIs() {
    let spanish = Phrasebook(
      forms: [("my", ["mi"]), ("wife", ["esposa"]), ("daughter", ["hija"])], ignored: [], decimalComma: false)
    #expect(
      PersonName.read("mi esposa Carmen Salinas", phrasebook: spanish)
        == PersonName(name: "Carmen Salinas", relationship: "wife"))
    #expect(
      PersonName.read("Marisol, mi hija", phrasebook: spanish) == PersonName(name: "Marisol", relationship: "daughter"))
    #expect(PersonName.read("mi esposa Carmen").relationship == nil)
  }

  /// An ASCII line's words are cut from its bytes: the same words as by `Character`, for every
  /// printable ASCII character and the line breaks between two letters, and on longer lines.
  @Test func asciiWordsAreTheWordsByCharacter() {
    var lines = (0x09...0x7E).map { "ab" + String(UnicodeScalar(UInt8($0))) + "c9" }
    lines += ["", " ", "Don't know, I THINK", "\r\nyes\r\n", "3x a day--maybe 2", "'quoted' words"]
    for line in lines {
      #expect(
        Phrasebook.words(line) == Phrasebook.wordsByCharacter(line.foldedForMatching()), "\(line.debugDescription)")
    }
  }

  @Test func withoutFormsALineIsUnchanged() {
    #expect(Phrasebook.none.reading("68 kilos, 1,60") == "68 kilos, 1,60")
  }
}
