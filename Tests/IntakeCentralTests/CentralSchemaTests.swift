import Foundation
import IntakeStore
import Testing

@testable import IntakeCentral

/// The schema and the code that reads and writes it say the same things.
@Suite struct CentralSchemaTests {
  @Test func theKindsTheSchemaAllowsAreTheOutboxsKinds() throws {
    // The newest statement that says which kinds forwarded_record takes.
    let table = try #require(
      CentralSchema.migrations.flatMap(\.statements).last {
        $0.contains("forwarded_record") && $0.contains("kind IN (")
      })
    let list = try #require(table.firstRange(of: "kind IN (").map { table[$0.upperBound...] })
    let allowed = list.prefix { $0 != ")" }.split(separator: ",").map {
      $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "'"))
    }
    #expect(allowed == OutboxKind.allCases.map(\.rawValue))
  }

  @Test func theForwardFunctionAnswersWithTheOutcomesTheCodeKnows() throws {
    let function = try #require(
      CentralSchema.migrations.flatMap(\.statements).first { $0.contains("CREATE FUNCTION intake_forward") })
    for outcome in ["accepted", "duplicate", "rejected"] {
      #expect(function.contains("RETURN '\(outcome)'"))
      #expect(ForwardOutcome(rawValue: outcome) != nil)
    }
  }

  @Test func migrationsAreNumberedOneByOne() {
    #expect(CentralSchema.migrations.map(\.version) == Array(1...CentralSchema.migrations.count))
  }
}
