import IntakeTerminal
import IntakeTestSupport
import Testing

@Suite struct TerminalSanitizerTests {
  @Test(arguments: [
    ("\u{1B}[31mred\u{1B}[0m", "^[[31mred^[[0m"),
    ("\u{1B}]52;c;ZWNobyBoaQ==\u{07}", "^[]52;c;ZWNobyBoaQ==^G"),  // OSC 52 clipboard write
    ("\u{1B}]8;;http://x\u{1B}\\link\u{1B}]8;;\u{1B}\\", "^[]8;;http://x^[\\link^[]8;;^[\\"),  // OSC 8 link
    ("\u{1B}P+q\u{1B}\\", "^[P+q^[\\"),  // DCS
    ("\u{9B}2J", "<U+009B>2J"),  // a C1 CSI
    ("a\u{7F}b", "a^?b"),
    ("abc\u{202E}fed", "abc<U+202E>fed"),  // right-to-left override
    ("x\u{2066}y\u{2069}", "x<U+2066>y<U+2069>"),  // isolates
    ("bell\u{07}", "bell^G"),
    ("back\u{08}space", "back^Hspace"),
    ("cr\rreturn", "cr^Mreturn"),
    ("tab\there", "tab    here"),
    ("Café 日本 😀", "Café 日本 😀"),
  ])
  func neutralises(input: String, expected: String) {
    #expect(TerminalSanitizer.sanitize(input) == expected)
  }

  @Test func newlinesAreKeptOnlyWhenAsked() {
    #expect(TerminalSanitizer.sanitize("a\nb") == "a\nb")
    #expect(TerminalSanitizer.sanitize("a\nb", keepNewlines: false) == "a^Jb")
  }

  /// Whatever the input, nothing that a terminal acts on survives: no ESC, no C0 other than
  /// newline, no DEL, no C1, no bidi control.
  @Test func generatedStringsNeverReachTheTerminalRaw() {
    var generator = SplitMix(seed: 0x1DEA)
    let pieces: [String] = [
      "\u{1B}", "[", "]", "P", "\\", "\u{07}", "\u{9B}", "\u{9D}", "\u{90}", "\u{202E}", "\u{2066}", "\u{7F}", "\u{0}",
      "\r", "\u{08}", "52;c;", "8;;", "2J", "3J", "?1049h", "a", "é", "日", "😀", ";", "0", "m", "\u{200F}", "\u{061C}",
    ]
    for _ in 0..<10_000 {
      let length = Int(generator.next() % 24)
      let input = (0..<length).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined()
      let output = TerminalSanitizer.sanitize(input)
      for scalar in output.unicodeScalars {
        let value = scalar.value
        let forbidden =
          (value < 0x20 && value != 0x0A) || value == 0x7F || (0x80...0x9F).contains(value)
          || (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value) || value == 0x200E
          || value == 0x200F || value == 0x061C
        #expect(!forbidden, "U+\(String(value, radix: 16)) survived in \(output.debugDescription)")
        if forbidden { return }
      }
    }
  }
}
