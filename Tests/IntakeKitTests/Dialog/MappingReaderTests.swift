import Testing

@testable import IntakeKit

/// Suggestions for mistyped names stay cheap however long the names in a hostile file are.
@Suite struct MappingReaderTests {
  /// `MappingReader.same` tells keys of other lengths apart without comparing them: exact only
  /// for keys of lower-case letters, digits and underscores, which every key of the format is.
  @Test func everyKeyOfTheFormatIsLowerCaseLettersDigitsAndUnderscores() {
    let keys =
      DialogKeys.allCases.flatMap(\.keys) + DialogKeys.questionKinds.values.flatMap { $0 }
      + DialogKeys.questionCommon
    #expect(!keys.isEmpty)
    for key in keys {
      #expect(
        !key.isEmpty
          && key.utf8.allSatisfy {
            ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z")) || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9"))
              || $0 == UInt8(ascii: "_")
          }, "\(key)")
    }
    #expect(MappingReader.same("text", "text"))
    #expect(!MappingReader.same("kind", "text"))
    #expect(!MappingReader.same("texts", "text"))
  }

  @Test func nearMissesAreStillSuggested() {
    #expect(closestMatch(to: "txet", in: ["text", "kind", "when"]) == "text")
    #expect(closestMatch(to: "phq9_totl", in: ["phq9_total", "gad7_total"]) == "phq9_total")
    #expect(closestMatch(to: "zzzz", in: ["text", "kind"]) == nil)
  }

  /// The distance is worked out in three rows of the table (for a patient's medicine name it
  /// runs against every name the lexicon knows); it must be the whole table's, transpositions
  /// included, for every pair of words up to four letters over three letters.
  @Test func theDistanceInThreeRowsIsTheWholeTablesForEveryPairOfShortWords() {
    func table(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
      var cells = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
      for i in 0...a.count { cells[i][0] = i }
      for j in 0...b.count { cells[0][j] = j }
      for i in stride(from: 1, through: a.count, by: 1) {
        for j in stride(from: 1, through: b.count, by: 1) {
          let cost = a[i - 1] == b[j - 1] ? 0 : 1
          cells[i][j] = min(cells[i - 1][j] + 1, cells[i][j - 1] + 1, cells[i - 1][j - 1] + cost)
          if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
            cells[i][j] = min(cells[i][j], cells[i - 2][j - 2] + 1)
          }
        }
      }
      return cells[a.count][b.count]
    }
    var words: [String] = [""]
    var last: [String] = [""]
    for _ in 1...4 {
      last = last.flatMap { word in ["a", "b", "c"].map { word + $0 } }
      words += last
    }
    var compared = 0
    for a in words {
      for b in words where editDistance(a, b) != table(Array(a.unicodeScalars), Array(b.unicodeScalars)) {
        Issue.record("\(a) to \(b)")
      }
      compared += words.count
    }
    #expect(compared == 121 * 121)
    // The bounded distance is the distance when within the bound, and nothing past it.
    for a in words {
      let left = Array(a.unicodeScalars)
      for b in words {
        let right = Array(b.unicodeScalars)
        let distance = editDistance(left, right)
        for bound in -1...4 where editDistance(left, right, atMost: bound) != (distance <= bound ? distance : nil) {
          Issue.record("\(a) to \(b) within \(bound)")
        }
      }
    }
  }

  @Test func twoVeryLongNamesAreNotCompared() {
    // Before the limit this allocated a 300,001 x 300,001 table (720 GB) and was killed.
    let long = String(repeating: "a", count: 300_000)
    #expect(closestMatch(to: long + "b", in: [long]) == nil)
  }

  @Test func aLongGotoTargetBesideALongIdIsAnErrorWithoutASuggestion() {
    let id = String(repeating: "q", count: 200_000)
    let printed = CheckerFixture.printed(
      "section: main\ntitle: Main\nquestions:\n  - { id: \(id), kind: yes_no, text: Q?, next: \(id)x }\n")
    #expect(printed.contains { $0.contains("[IK300]") && !$0.contains("did you mean") })
  }
}
