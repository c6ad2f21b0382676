import Foundation
import IntakeTestSupport
import Testing

@testable import IntakeKit

/// The FHIR R4 Questionnaire generated from the shipped dialog, and a QuestionnaireResponse for
/// every shipped journey, checked structurally against it.
@Suite struct FHIRExportTests {
  static let folder = "Tests/IntakeKitTests/Export/Golden/"

  @Test func theQuestionnaireAndABaselineResponseMatchTheirGoldenFiles() throws {
    let dialog = try TestSupport.shippedDialog()
    Golden.expect(FHIRExport.questionnaire(dialog).text(), matches: Self.folder + "questionnaire.json")
    let patient = try ShippedJourney().run()
    let response = FHIRExport.response(patient.session, sessionID: "testsession01")
    Golden.expect(response.text(), matches: Self.folder + "baseline-response.json")
    #expect(FHIRStructure.problems(questionnaire: FHIRExport.questionnaire(dialog), response: response) == [])
  }

  @Test(arguments: ShippedTranscriptTests.files)
  func everyJourneysResponseIsValidAgainstTheQuestionnaire(path: String) throws {
    let dialog = try TestSupport.shippedDialog()
    let transcript = try Transcript.parse(try String(contentsOfFile: path, encoding: .utf8), path: path)
    let session = Replay(transcript, path: path, dialog: dialog).session
    let response = FHIRExport.response(session, sessionID: "s1")
    #expect(FHIRStructure.problems(questionnaire: FHIRExport.questionnaire(dialog), response: response) == [])
    #expect(response["status"]?.stringValue == (session.isFinished ? "completed" : "in-progress"))
  }

  @Test func conditionsThatMapBecomeEnableWhenAndOthersDoNot() throws {
    let dialog = try TestSupport.shippedDialog()
    var items: [String: JSONValue] = [:]
    func collect(_ item: JSONValue) {
      if let id = item["linkId"]?.stringValue { items[id] = item }
      item["item"]?.arrayValue.forEach(collect)
    }
    FHIRExport.questionnaire(dialog)["item"]?.arrayValue.forEach(collect)
    // `ride_home in ["adult_drives", "escorted"]`: two conditions, any.
    let small = try DialogLoader.load(
      InMemoryDialogFiles(files: [
        "dialog.yaml": "id: d\nversion: \"1\"\ntitle: D\nsections: [m.yaml]",
        "m.yaml": """
        section: m
        title: M
        questions:
          - id: ride_home
            kind: choice
            text: How home?
            options: [{ id: adult_drives, text: Driven }, { id: escorted, text: Escorted }, { id: alone, text: Alone }]
          - id: driver_name
            kind: text
            when: ride_home in ["adult_drives", "escorted"]
            text: Who?
        """,
      ]))
    let inList = try #require(
      FHIRExport.questionnaire(small)["item"]?.arrayValue.first?["item"]?.arrayValue.last)
    #expect(inList["enableWhen"]?.arrayValue.count == 2)
    #expect(inList["enableBehavior"]?.stringValue == "any")
    #expect(inList["required"] == .bool(true))
    // `answered(ride_home_change) and …` has no enableWhen form: none, and so not required.
    let driver = try #require(items["driver_name"])
    #expect(driver["enableWhen"] == nil)
    #expect(driver["required"] == nil)
    // A yes/no gate: `day_companion_any == true`.
    let companion = try #require(items["day_companion"])
    #expect(companion["enableWhen"]?.arrayValue.first?["answerBoolean"] == .bool(true))
    // A condition on a computed total cannot be expressed: no enableWhen, and not required.
    let difficulty = try #require(items["phq9_difficulty"])
    #expect(difficulty["enableWhen"] == nil)
    #expect(difficulty["required"] == nil)
    // Repeat groups nest their fields and repeat.
    let meds = try #require(items["current_meds"])
    #expect(meds["type"]?.stringValue == "group")
    #expect(meds["repeats"] == .bool(true))
    #expect(meds["item"]?.arrayValue.compactMap { $0["linkId"]?.stringValue }.first == "med_name")
  }

  @Test func theCheckerCatchesAResponseThatDoesNotFit() throws {
    let questionnaire = JSONValue.object([
      ("resourceType", .string("Questionnaire")), ("status", .string("active")),
      (
        "item",
        .array([
          .object([("linkId", .string("a")), ("type", .string("boolean"))]),
          .object([("linkId", .string("b")), ("type", .string("integer"))]),
        ])
      ),
    ])
    let response = JSONValue.object([
      ("resourceType", .string("QuestionnaireResponse")), ("status", .string("completed")),
      ("questionnaire", .string("urn:x")),
      (
        "item",
        .array([
          .object([("linkId", .string("a")), ("answer", .array([.object([("valueString", .string("yes"))])]))]),
          .object([("linkId", .string("zzz")), ("answer", .array([.object([("valueInteger", .integer(1))])]))]),
        ])
      ),
    ])
    #expect(
      FHIRStructure.problems(questionnaire: questionnaire, response: response) == [
        "a: answer valueString does not fit type boolean", "zzz: no such item in the Questionnaire here",
      ])
  }
}

/// Structural checks of a QuestionnaireResponse against its Questionnaire: required elements,
/// linkIds at the same place, answer types, repeats.
enum FHIRStructure {
  static let types = [
    "group", "display", "boolean", "decimal", "integer", "date", "dateTime", "time", "string", "text", "url", "choice",
    "open-choice", "attachment", "reference", "quantity",
  ]
  static let valueFor = [
    "boolean": "valueBoolean", "decimal": "valueDecimal", "integer": "valueInteger", "date": "valueDate",
    "string": "valueString", "text": "valueString", "choice": "valueCoding", "quantity": "valueQuantity",
  ]

  static func problems(questionnaire: JSONValue, response: JSONValue) -> [String] {
    var problems: [String] = []
    if questionnaire["resourceType"]?.stringValue != "Questionnaire" { problems.append("not a Questionnaire") }
    if questionnaire["status"] == nil { problems.append("Questionnaire.status is required") }
    if response["resourceType"]?.stringValue != "QuestionnaireResponse" {
      problems.append("not a QuestionnaireResponse")
    }
    if response["status"] == nil { problems.append("QuestionnaireResponse.status is required") }
    if response["questionnaire"] == nil { problems.append("QuestionnaireResponse.questionnaire is missing") }
    var linkIds = Set<String>()
    func checkDefinition(_ item: JSONValue) {
      guard let id = item["linkId"]?.stringValue else { return problems.append("an item has no linkId") }
      if !linkIds.insert(id).inserted { problems.append("\(id): linkId used twice") }
      guard let type = item["type"]?.stringValue, types.contains(type) else {
        return problems.append("\(id): bad type")
      }
      if type == "choice" && item["answerOption"]?.arrayValue.isEmpty != false {
        problems.append("\(id): choice without answerOption")
      }
      item["item"]?.arrayValue.forEach(checkDefinition)
    }
    questionnaire["item"]?.arrayValue.forEach(checkDefinition)
    func check(_ answers: [JSONValue], against definitions: [JSONValue]) {
      var seen: [String: Int] = [:]
      for answer in answers {
        guard let id = answer["linkId"]?.stringValue else {
          problems.append("a response item has no linkId")
          continue
        }
        guard let definition = definitions.first(where: { $0["linkId"]?.stringValue == id }) else {
          problems.append("\(id): no such item in the Questionnaire here")
          continue
        }
        seen[id, default: 0] += 1
        let type = definition["type"]?.stringValue ?? ""
        if seen[id, default: 0] > 1 && definition["repeats"] != .bool(true) {
          problems.append("\(id): repeated but the item does not repeat")
        }
        let values = answer["answer"]?.arrayValue ?? []
        if type == "group" || type == "display" {
          if !values.isEmpty { problems.append("\(id): a \(type) item has an answer") }
          check(answer["item"]?.arrayValue ?? [], against: definition["item"]?.arrayValue ?? [])
          continue
        }
        if values.count > 1 && definition["repeats"] != .bool(true) { problems.append("\(id): several answers") }
        for value in values {
          guard case .object(let pairs) = value, let key = pairs.first?.0 else { continue }
          if key != valueFor[type] { problems.append("\(id): answer \(key) does not fit type \(type)") }
          if key == "valueCoding", let code = value["valueCoding"]?["code"]?.stringValue {
            let codes =
              definition["answerOption"]?.arrayValue.compactMap { $0["valueCoding"]?["code"]?.stringValue } ?? []
            if !codes.contains(code) { problems.append("\(id): code \(code) is not an answerOption") }
          }
        }
      }
    }
    check(response["item"]?.arrayValue ?? [], against: questionnaire["item"]?.arrayValue ?? [])
    return problems
  }
}
