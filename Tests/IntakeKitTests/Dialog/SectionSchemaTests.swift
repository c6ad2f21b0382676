import Foundation
import IntakeTestSupport
import Testing

@testable import IntakeKit

/// The section format is defined twice: by the reader (the keys it accepts for each kind) and by
/// the JSON Schema editors use. They must agree, or an editor flags what the kiosk accepts (or the
/// other way round).
@Suite struct SectionSchemaTests {
  static func question() throws -> [String: Any] {
    let url = TestSupport.repositoryRoot.appendingPathComponent("Dialogs/schema/section.schema.json")
    let schema = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    let definitions = try #require(schema["$defs"] as? [String: Any])
    return try #require(definitions["question"] as? [String: Any])
  }

  @Test func theSchemaListsExactlyTheKindsTheReaderReads() throws {
    let properties = try #require(try Self.question()["properties"] as? [String: Any])
    let kind = try #require(properties["kind"] as? [String: Any])
    let kinds = try #require(kind["enum"] as? [String])
    #expect(Set(kinds) == Set(DialogReader.kindKeys.keys))
  }

  @Test func theSchemaListsExactlyTheKeysTheReaderAccepts() throws {
    let properties = try #require(try Self.question()["properties"] as? [String: Any])
    let accepted = Set(DialogReader.commonKeys + DialogReader.kindKeys.values.flatMap { $0 })
    #expect(Set(properties.keys) == accepted)
  }
}
