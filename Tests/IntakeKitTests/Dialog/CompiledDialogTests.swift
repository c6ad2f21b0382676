import Foundation
import IntakeStore
import IntakeTestSupport
import Testing

@testable import IntakeKit

/// The compiled form of a checked dialog: what the compiled-dialog cache saves.
@Suite struct CompiledDialogTests {
  static let shipped: DialogLoader.Outcome = DialogLoader.check(
    DialogDirectory(path: TestSupport.shippedDialogPath), checks: .errorsOnly)

  /// Every property of every value the dialog holds reads back as it was written (translations,
  /// lexicons, expressions, the walk's index): a property left out of a type's compiled form
  /// reads back as its default and shows here.
  @Test func theShippedDialogReadsBackPropertyByProperty() throws {
    let outcome = Self.shipped
    let dialog = try #require(outcome.dialog)
    let bytes = try #require(CompiledDialog.bytes(of: outcome))
    let read = try CompiledDialog.outcome(from: bytes)
    let back = try #require(read.dialog)
    let expected = DeepDescription.lines(of: dialog)
    let actual = DeepDescription.lines(of: back)
    #expect(expected.count > 10_000)
    #expect(DeepDescription.firstDifference(expected, actual) == nil)
    #expect(read.diagnostics == outcome.diagnostics)
    // The walk's routes are not saved but taken again from the questions, the flow's by position.
    #expect(back.walkIndex?.routes.count == dialog.questions.count)
    #expect(back.walkIndex?.flowRoutes.map { $0?.id } == dialog.flow.map { Optional($0) })
  }

  /// The translations are saved first, in a block of their own with the dialog's language, so
  /// they are read on a second core beside the rest; the languages the dialog offers are worked
  /// out there, as the dialog itself would work them out.
  @Test func theTranslationsAreABlockOfTheirOwnReadBesideTheRest() throws {
    let dialog = try #require(Self.shipped.dialog)
    #expect(!dialog.translations.isEmpty)
    let bytes = try #require(CompiledDialog.bytes(of: Self.shipped))
    let block = try CompiledReader(bytes).block()
    #expect(try block.read(String.self) == dialog.language)
    #expect(try block.read([Translation].self).map(\.language) == dialog.translations.map(\.language))
    #expect(block.isAtEnd)
    let offered = try #require(try CompiledDialog.outcome(from: bytes).dialog?.offeredLanguages)
    let expected = Conversation.languages(of: dialog)
    #expect(offered.map(\.code) == expected.map(\.code))
    #expect(offered.map(\.names) == expected.map(\.names))
    #expect(offered.map(\.code) == [dialog.language] + dialog.translations.map(\.language))
  }

  /// A dialog with errors is not saved: its errors must be found and shown every time.
  @Test func aDialogWithErrorsHasNoCompiledForm() {
    let outcome = DialogLoader.Outcome(dialog: nil, diagnostics: Self.shipped.diagnostics)
    #expect(CompiledDialog.bytes(of: outcome) == nil)
  }

  /// Cut short anywhere, the bytes are an error, never a crash.
  @Test func bytesCutShortAreAnError() throws {
    let bytes = try #require(CompiledDialog.bytes(of: Self.shipped))
    var random = SplitMix(seed: 7)
    for _ in 0..<200 {
      let cut = Int(random.next() % UInt64(bytes.count))
      #expect(throws: CompiledFormError.self) { try CompiledDialog.outcome(from: Array(bytes[..<cut])) }
    }
  }

  /// Bytes changed anywhere read back as an error or as some value, never a crash or a runaway
  /// allocation (the cache's digest is what keeps a damaged entry from being used).
  @Test func changedBytesNeverCrash() throws {
    let bytes = try #require(CompiledDialog.bytes(of: Self.shipped))
    var random = SplitMix(seed: 11)
    for _ in 0..<300 {
      var changed = bytes
      let at = Int(random.next() % UInt64(bytes.count))
      changed[at] = UInt8(truncatingIfNeeded: random.next())
      _ = try? CompiledDialog.outcome(from: changed)
    }
  }

  /// A count larger than the bytes left is refused before anything is allocated for it.
  @Test func aHugeCountIsRefused() {
    let reader = CompiledReader([0xff, 0xff, 0xff, 0xff, 0x0f, 0x01])
    #expect(throws: CompiledFormError.self) { try reader.read([String].self) }
  }

  /// Expressions nested past the limit are refused, not read until the stack runs out.
  @Test func nestingPastTheLimitIsRefused() {
    // `not` (kind 5) ten thousand times over.
    let reader = CompiledReader([UInt8](repeating: 10, count: 10_000))
    #expect(throws: CompiledFormError.self) { try reader.read(Expression.self) }
  }

  /// Short strings, long ones written once and referred to after, and every kind of number.
  @Test func valuesReadBackAsWritten() throws {
    let long = "Dialogs/ketamine-intake/sections/03-mood.yaml"
    let writer = CompiledWriter()
    writer.write(["", "a", "sí", long, long, "ñ" + long])
    writer.write([0, 1, -1, Int.max, Int.min])
    writer.write([0.5, -0.0, Double.infinity, 1e-300])
    writer.write(["b": [true, false]] as [String: [Bool]])
    writer.write(Set(["x", "y"]))
    writer.write(nil as String?)
    let reader = CompiledReader(writer.bytes)
    #expect(try reader.read([String].self) == ["", "a", "sí", long, long, "ñ" + long])
    #expect(try reader.read([Int].self) == [0, 1, -1, Int.max, Int.min])
    #expect(try reader.read([Double].self) == [0.5, -0.0, Double.infinity, 1e-300])
    #expect(try reader.read([String: [Bool]].self) == ["b": [true, false]])
    #expect(try reader.read(Set<String>.self) == ["x", "y"])
    #expect(try reader.read(String?.self) == nil)
    #expect(reader.isAtEnd)
  }

  /// A reference to a string not read before (a hostile file's) is an error.
  @Test func aReferenceToNoStringIsAnError() {
    // 16 + 2 * 0 + 1: a reference to offset 0, where nothing was read.
    let reader = CompiledReader([17])
    #expect(throws: CompiledFormError.self) { try reader.read(String.self) }
  }
}

/// Each type's compiled form, as written in the source, names every stored property the type has,
/// in declaration order, in both directions: the compiled form is a second statement of each
/// type's shape, and this test is where the two are held together. Properties worked out again
/// when read back are the documented exceptions.
@Suite struct CompiledFormShapeTests {
  /// Stored properties not written, because reading back works them out.
  static let workedOut: [String: Set<String>] = [
    "WalkIndex": ["routes", "flowRoutes"], "Lexicon.Spelling": ["scalars", "letters"], "Expression": ["height"],
    "Dialog": ["offeredLanguages"],
  ]

  /// The stored properties of every kind of struct in the shipped dialog, by type name, from one
  /// value of each.
  static func storedProperties(of value: Any, into found: inout [String: [String]]) {
    let mirror = Mirror(reflecting: value)
    if mirror.displayStyle == .struct {
      // "IntakeKit.Translation.Question" is "Translation.Question"; "Located<String>" is "Located".
      let full = String(reflecting: type(of: value)).components(separatedBy: "<")[0]
      let name = full.split(separator: ".").dropFirst().joined(separator: ".")
      if found[name] == nil { found[name] = mirror.children.compactMap(\.label) }
    }
    for child in mirror.children { storedProperties(of: child.value, into: &found) }
  }

  /// `writer.write(name)` and `name = try reader.read()` lines of each `extension T: CompiledForm`.
  static func compiledForms(in files: [String]) throws -> [String: (writes: [String], reads: [String])] {
    var forms: [String: (writes: [String], reads: [String])] = [:]
    for file in files {
      let text = try String(contentsOfFile: TestSupport.repositoryRoot.path + "/" + file, encoding: .utf8)
      var current: String?
      for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        if line.hasPrefix("extension "), line.contains(": CompiledForm") {
          let name = line.dropFirst("extension ".count).prefix { $0 != ":" && $0 != " " }
          current = String(name)
          forms[current ?? ""] = ([], [])
        } else if line.hasPrefix("}") {
          current = nil
        } else if let type = current, trimmed.hasPrefix("writer.write("), trimmed.hasSuffix(")") {
          forms[type]?.writes.append(String(trimmed.dropFirst("writer.write(".count).dropLast()))
        } else if let type = current, trimmed.hasSuffix(" = try reader.read()") {
          forms[type]?.reads.append(String(trimmed.dropLast(" = try reader.read()".count)))
        }
      }
    }
    return forms
  }

  @Test func everyStoredPropertyIsWrittenAndReadInOrder() throws {
    var found: [String: [String]] = [:]
    Self.storedProperties(of: try #require(CompiledDialogTests.shipped.dialog), into: &found)
    Self.storedProperties(of: CompiledDialogTests.shipped.diagnostics, into: &found)
    let forms = try Self.compiledForms(in: [
      "Sources/IntakeKit/Dialog/DialogCompiledForm.swift", "Sources/IntakeKit/Dialog/Dialog.swift",
      "Sources/IntakeKit/Translation/Phrasebook.swift",
    ])
    var compared = 0
    for (type, form) in forms where !form.writes.isEmpty && form.writes.allSatisfy({ !$0.contains(".") }) {
      guard let properties = found[type] else { continue }
      compared += 1
      let written = properties.filter { !(Self.workedOut[type] ?? []).contains($0) }
      #expect(form.writes == written, "\(type) writes \(form.writes), has \(written)")
      // A reader that sets its properties one by one reads them in the order they are written.
      if !form.reads.isEmpty { #expect(form.reads == form.writes, "\(type) reads \(form.reads)") }
    }
    // Dialog, Question, Translation, Lexicon, Phrasebook and the rest: most of the dialog's types.
    #expect(compared >= 25)
  }
}
