import Foundation
import IntakeTestSupport
import Testing

@testable import IntakeKit

/// The dialog format is defined twice: by the reader (`DialogKeys`, the keys each mapping may
/// hold, and the checker's functions) and by the JSON Schemas editors use. They must agree key for
/// key, or an editor flags what the kiosk accepts (or the other way round); and no mapping of a
/// schema may go unchecked.
@Suite struct SchemaAgreementTests {
  /// Where each mapping's keys are in the schemas: the file and the JSON pointer of its object.
  static let places: [DialogKeys: (file: String, pointer: String)] = [
    .manifest: ("manifest", ""),
    .lengthBudget: ("manifest", "/properties/length_budget"),
    .audience: ("manifest", "/properties/audiences/items"),
    .scale: ("manifest", "/properties/scales/items"),
    .scaleOption: ("manifest", "/properties/scales/items/properties/options/items"),
    .safetyProperty: ("manifest", "/properties/safety/items"),
    .note: ("note", ""),
    .noteIdentity: ("note", "/properties/identity"),
    .noteWords: ("note", "/properties/words"),
    .birthSex: ("note", "/properties/birth_sex"),
    .lexicon: ("lexicon", ""),
    .lexiconConcern: ("lexicon", "/properties/concerns/items"),
    .lexiconTag: ("lexicon", "/properties/tags/items"),
    .lexiconEntry: ("lexicon", "/properties/entries/items"),
    .section: ("section", ""),
    .questionGroup: ("section", "/$defs/questionGroup"),
    .question: ("section", "/$defs/question"),
    .choiceOption: ("section", "/$defs/question/properties/options/items"),
    .carry: ("section", "/$defs/question/properties/carry"),
    .check: ("section", "/$defs/question/properties/checks/items"),
    .branch: ("section", "/$defs/question/properties/next/oneOf/1/items"),
    .settingsFile: ("settings", ""),
    .setting: ("settings", "/properties/settings/items"),
    .scoringFile: ("scoring", ""),
    .computed: ("scoring", "/properties/computed/items"),
    .instrument: ("scoring", "/properties/instruments/items"),
    .band: ("scoring", "/properties/instruments/items/properties/bands/items"),
    .unaskedItems: ("scoring", "/properties/instruments/items/properties/unasked_items"),
    .coding: ("scoring", "/properties/instruments/items/properties/code"),
    .rulesFile: ("rules", ""),
    .category: ("rules", "/properties/categories/items"),
    .rule: ("rules", "/properties/rules/items"),
    .escalate: ("rules", "/properties/rules/items/properties/escalate"),
    .translationFile: ("translation", ""),
    .translatedScale: ("translation", "/$defs/scale"),
    .translatedSection: ("translation", "/$defs/section"),
    .translatedQuestion: ("translation", "/$defs/question"),
    .translatedOption: ("translation", "/$defs/option"),
    .translatedCarry: ("translation", "/$defs/question/properties/carry"),
    .translatedNote: ("translation", "/properties/note"),
  ]

  static let files = ["manifest", "note", "lexicon", "section", "settings", "scoring", "rules", "translation"]

  static func schema(_ name: String) throws -> Any {
    let url = TestSupport.repositoryRoot.appendingPathComponent("Dialogs/schema/\(name).schema.json")
    return try JSONSerialization.jsonObject(with: Data(contentsOf: url))
  }

  static func node(_ root: Any, _ pointer: String) -> Any? {
    pointer.split(separator: "/").reduce(Optional(root)) { node, part in
      if let object = node as? [String: Any] { return object[String(part)] }
      if let array = node as? [Any], let index = Int(part), array.indices.contains(index) { return array[index] }
      return nil
    }
  }

  /// Every object in a schema that lists properties, by its pointer.
  static func objects(_ node: Any, at pointer: String = "") -> [String: Set<String>] {
    var found: [String: Set<String>] = [:]
    if let object = node as? [String: Any] {
      if let properties = object["properties"] as? [String: Any] { found[pointer] = Set(properties.keys) }
      for (key, value) in object { found.merge(objects(value, at: pointer + "/" + key)) { first, _ in first } }
    } else if let array = node as? [Any] {
      for (index, value) in array.enumerated() {
        found.merge(objects(value, at: pointer + "/\(index)")) { first, _ in first }
      }
    }
    return found
  }

  @Test(arguments: DialogKeys.allCases)
  func theSchemaListsExactlyTheKeysTheReaderAccepts(_ mapping: DialogKeys) throws {
    let place = try #require(Self.places[mapping], "\(mapping) has no place in the schemas")
    let object = try #require(Self.node(try Self.schema(place.file), place.pointer) as? [String: Any])
    let properties = try #require(object["properties"] as? [String: Any])
    let inSchemaOnly = Set(properties.keys).subtracting(mapping.keys).sorted()
    let inReaderOnly = Set(mapping.keys).subtracting(properties.keys).sorted()
    #expect(
      inSchemaOnly.isEmpty && inReaderOnly.isEmpty,
      "\(place.file)\(place.pointer): schema only \(inSchemaOnly), reader only \(inReaderOnly)")
    // Both refuse keys they do not know.
    #expect(object["additionalProperties"] as? Bool == false, "\(place.file)\(place.pointer)")
  }

  @Test func noMappingOfTheSchemasGoesUnchecked() throws {
    for file in Self.files {
      let checked = Set(Self.places.values.filter { $0.file == file }.map(\.pointer))
      let unchecked = Set(Self.objects(try Self.schema(file)).keys).subtracting(checked)
      #expect(unchecked.isEmpty, "\(file).schema.json: \(unchecked.sorted())")
    }
  }

  @Test func theSchemaListsExactlyTheKindsTheReaderReads() throws {
    let kind = try #require(Self.node(try Self.schema("section"), "/$defs/question/properties/kind") as? [String: Any])
    #expect(Set(try #require(kind["enum"] as? [String])) == Set(DialogKeys.questionKindNames))
  }

  /// Every expression's description names exactly the functions the checker knows.
  @Test func everyExpressionDescriptionNamesEveryFunction() throws {
    var descriptions: [String] = []
    func collect(_ node: Any) {
      if let object = node as? [String: Any] {
        if let text = object["description"] as? String, text.hasPrefix("An expression:") { descriptions.append(text) }
        object.values.forEach(collect)
      } else if let array = node as? [Any] {
        array.forEach(collect)
      }
    }
    for file in Self.files { collect(try Self.schema(file)) }
    #expect(!descriptions.isEmpty)
    for text in descriptions {
      let list = try #require(text.components(separatedBy: "the functions ").last?.dropLast())
      let named = Set(list.components(separatedBy: ", "))
      #expect(
        named == Set(TypeChecker.functions),
        "schema only \(named.subtracting(TypeChecker.functions)), checker only \(Set(TypeChecker.functions).subtracting(named))"
      )
    }
  }
}
