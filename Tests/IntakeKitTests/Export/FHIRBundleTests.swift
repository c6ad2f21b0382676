import Foundation
import IntakeTestSupport
import Testing

@testable import IntakeKit

/// The FHIR R4 Bundle for an EHR: a Patient, the QuestionnaireResponse, an Observation per score
/// given in full and a Flag per safety escalation, checked against R4's required elements,
/// cardinalities and code sets (`FHIRBundleStructure`), with every reference resolved inside.
@Suite struct FHIRBundleTests {
  static let folder = FHIRExportTests.folder

  static func resources(_ bundle: JSONValue, _ type: String) -> [JSONValue] {
    bundle["entry"]?.arrayValue.compactMap { $0["resource"] }.filter { $0["resourceType"]?.stringValue == type } ?? []
  }

  @Test func theBaselineBundleMatchesItsGoldenFileAndIsValid() throws {
    let patient = try ShippedJourney().run()
    let bundle = FHIRExport.bundle(patient.session, sessionID: "testsession01")
    Golden.expect(bundle.text(), matches: Self.folder + "baseline-bundle.json")
    #expect(FHIRBundleStructure.problems(bundle) == [])
    let person = try #require(Self.resources(bundle, "Patient").first)
    #expect(person["name"]?.arrayValue.first?["family"]?.stringValue == "Müller")
    #expect(person["name"]?.arrayValue.first?["given"]?.arrayValue == [.string("Ana")])
    #expect(person["birthDate"]?.stringValue == "1986-04-27")
    #expect(person["telecom"]?.arrayValue.first?["value"]?.stringValue == "555 123 4567")
    // Sex assigned at birth is not administrative gender: the dialog's extension, never gender.
    #expect(person["gender"] == nil)
    #expect(person["extension"]?.arrayValue.first?["valueCode"]?.stringValue == "F")
    // The PHQ-9 and the GAD-2/GAD-7 were given in full; their totals are Observations, LOINC-coded
    // where the dialog declares a code.
    let observations = Self.resources(bundle, "Observation")
    let phq9 = try #require(
      observations.first { $0["code"]?["coding"]?.arrayValue.first?["code"]?.stringValue == "44261-6" })
    #expect(phq9["valueQuantity"]?["value"] == .number(5))
    #expect(phq9["interpretation"]?.arrayValue.first?["text"]?.stringValue == "Mild")
    // PHQ-9 item 9 at "several days" raises the tier-1 flag.
    let flags = Self.resources(bundle, "Flag")
    #expect(flags.count == 1)
    #expect(flags.first?["code"]?["coding"]?.arrayValue.first?["code"]?.stringValue == "suicide_tier1")
  }

  @Test(arguments: ShippedTranscriptTests.files)
  func everyJourneysBundleIsValidAndHasAnObservationForEachScoreGivenInFull(path: String) throws {
    let dialog = try TestSupport.shippedDialog()
    let transcript = try Transcript.parse(try String(contentsOfFile: path, encoding: .utf8), path: path)
    let session = Replay(transcript, path: path, dialog: dialog).session
    let bundle = FHIRExport.bundle(session, sessionID: "s1")
    #expect(FHIRBundleStructure.problems(bundle) == [])
    let given = Screening.evaluate(session).scores.filter { $0.total != nil }
    #expect(Self.resources(bundle, "Observation").count == given.count)
    #expect(Self.resources(bundle, "Flag").count == session.escalations.count)
    // The response inside is the one `fhir-response` exports, about the bundle's patient.
    #expect(
      FHIRStructure.problems(
        questionnaire: FHIRExport.questionnaire(dialog),
        response: try #require(
          Self.resources(bundle, "QuestionnaireResponse").first)) == [])
  }

  @Test func anEscalationIsAnActiveSafetyFlagFromTheMomentItWasRaised() throws {
    var journey = ShippedJourney()
    journey.phq9 = ["4", "4", "3", "4", "3", "3", "4", "2", "3"]
    journey.phq9Difficulty = ["very"]
    journey.suicideScreen = ["yes", "yes", "yes", "yes", "", "no", "yes", "no", "no", "no"]
    let session = try journey.run().session
    #expect(!session.escalations.isEmpty)
    let bundle = FHIRExport.bundle(session, sessionID: "escalated01")
    #expect(FHIRBundleStructure.problems(bundle) == [])
    let flags = Self.resources(bundle, "Flag")
    #expect(flags.count == session.escalations.count)
    let flag = try #require(flags.first)
    let raised = try #require(session.escalations.first)
    #expect(flag["status"]?.stringValue == "active")
    #expect(flag["category"]?.arrayValue.first?["coding"]?.arrayValue.first?["code"]?.stringValue == "safety")
    #expect(flag["code"]?["coding"]?.arrayValue.first?["code"]?.stringValue == raised.rule)
    #expect(flag["code"]?["text"]?.stringValue?.isEmpty == false)
    #expect(flag["period"]?["start"]?.stringValue == FHIRExport.utc().string(from: raised.raisedAt))
    let patientURL = try #require(
      bundle["entry"]?.arrayValue.first { $0["resource"]?["resourceType"]?.stringValue == "Patient" }?["fullUrl"])
    #expect(flag["subject"]?["reference"] == patientURL)
  }

  @Test func anIntakeStoppedPartWayHasNoObservationForWhatWasNotGivenInFull() throws {
    let journey = ShippedJourney()
    var patient = ScriptedPatient(dialog: try TestSupport.shippedDialog())
    // Stopped at PHQ-9 item 4: the PHQ-9 is incomplete, nothing after it was asked.
    patient.type(journey.beforePHQ9 + Array(journey.phq9.prefix(3)))
    let bundle = FHIRExport.bundle(patient.session, sessionID: "stopped01")
    #expect(FHIRBundleStructure.problems(bundle) == [])
    #expect(Self.resources(bundle, "Observation").isEmpty)
    #expect(Self.resources(bundle, "QuestionnaireResponse").first?["status"]?.stringValue == "in-progress")
    // Declined at the first question: a bundle with an empty Patient and no scores.
    var declined = ScriptedPatient(dialog: try TestSupport.shippedDialog())
    declined.type("no")
    let early = FHIRExport.bundle(declined.session, sessionID: "declined01")
    #expect(FHIRBundleStructure.problems(early) == [])
    #expect(Self.resources(early, "Observation").isEmpty)
    #expect(Self.resources(early, "Patient").first?["name"] == nil)
  }

  @Test func sexAtBirthIsCodedOnlyWhereTheDialogGivesACode() throws {
    for (answer, code) in [("male", "M"), ("intersex", nil), ("I prefer not to say", nil)] as [(String, String?)] {
      var journey = ShippedJourney()
      journey.identification[4] = answer
      let person = try #require(
        Self.resources(FHIRExport.bundle(try journey.run().session, sessionID: "s"), "Patient").first)
      #expect(person["extension"]?.arrayValue.first?["valueCode"]?.stringValue == code, "\(answer)")
      #expect(person["gender"] == nil)
    }
  }

  @Test func theSameIntakeGetsTheSameUUIDsAndNoPatientDataInThem() throws {
    let first = FHIRExport.uuid("session-a", "Patient")
    #expect(first == FHIRExport.uuid("session-a", "Patient"))
    #expect(first != FHIRExport.uuid("session-b", "Patient"))
    #expect(first != FHIRExport.uuid("session-a", "QuestionnaireResponse"))
    #expect(first.wholeMatch(of: FHIRBundleStructure.uuidPattern) != nil, "\(first)")
    let bundle = FHIRExport.bundle(try ShippedJourney().run().session, sessionID: "testsession01")
    for entry in bundle["entry"]?.arrayValue ?? [] {
      let url = entry["fullUrl"]?.stringValue ?? ""
      #expect(!url.contains("Ana") && !url.contains("Müller") && !url.contains("1986"))
    }
  }

  @Test func theCheckerCatchesWhatR4Forbids() {
    let bundle = JSONValue.object([
      ("resourceType", .string("Bundle")), ("type", .string("collection")),
      (
        "entry",
        .array([
          .object([
            ("fullUrl", .string("urn:uuid:not-a-uuid")),
            ("resource", .object([("resourceType", .string("Flag")), ("status", .string("open"))])),
          ]),
          .object([
            ("fullUrl", .string("urn:uuid:00000000-0000-8000-8000-000000000001")),
            (
              "resource",
              .object([
                ("resourceType", .string("Observation")), ("status", .string("final")),
                ("code", .object([("text", .string("x"))])),
                ("subject", .object([("reference", .string("urn:uuid:00000000-0000-8000-8000-000000000002"))])),
                ("valueQuantity", .object([("value", .number(1)), ("code", .string("{score}"))])),
              ])
            ),
          ]),
        ])
      ),
    ])
    #expect(
      FHIRBundleStructure.problems(bundle) == [
        "entry 1: fullUrl 'urn:uuid:not-a-uuid' is not a urn:uuid", "Flag: status 'open' is not one of its codes",
        "Flag: code is required", "Flag: subject is required",
        "Observation: a Quantity with a code needs a system (qty-3)",
        "Observation: reference 'urn:uuid:00000000-0000-8000-8000-000000000002' is not in the bundle",
      ])
  }
}

/// Structural checks of a Bundle against FHIR R4 (https://hl7.org/fhir/R4/): each resource's
/// required elements (1..1) and the codes of its required bindings, ids, `urn:uuid:` full URLs,
/// date and time formats, Quantities and Codings, and that every reference resolves inside the
/// bundle. No R4 validator installs here: fhir.resources' R4 line needs pydantic 1, HL7's is Java.
enum FHIRBundleStructure {
  nonisolated(unsafe) static let uuidPattern = /urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/
  nonisolated(unsafe) static let idPattern = /[A-Za-z0-9\-\.]{1,64}/
  nonisolated(unsafe) static let datePattern = /[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?/
  /// dateTime and instant with a time: R4 needs the zone then.
  nonisolated(unsafe) static let instantPattern =
    /[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\.[0-9]+)?(Z|(\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00))/

  /// Required (1..1 or 1..*) elements, and the codes of required bindings, per resource type.
  static let required: [String: [String]] = [
    "QuestionnaireResponse": ["status"], "Observation": ["status", "code"], "Flag": ["status", "code", "subject"],
  ]
  static let codes: [String: [String: [String]]] = [
    "Bundle": [
      "type": [
        "document", "message", "transaction", "transaction-response", "batch", "batch-response", "history",
        "searchset", "collection",
      ]
    ],
    "Patient": ["gender": ["male", "female", "other", "unknown"]],
    "QuestionnaireResponse": ["status": ["in-progress", "completed", "amended", "entered-in-error", "stopped"]],
    "Observation": [
      "status": [
        "registered", "preliminary", "final", "amended", "corrected", "cancelled", "entered-in-error", "unknown",
      ]
    ],
    "Flag": ["status": ["active", "inactive", "entered-in-error"]],
  ]
  static let telecomSystems = ["phone", "fax", "email", "pager", "url", "sms", "other"]

  static func problems(_ bundle: JSONValue) -> [String] {
    var problems: [String] = []
    if bundle["resourceType"]?.stringValue != "Bundle" { problems.append("not a Bundle") }
    check(bundle, "Bundle", into: &problems)
    guard bundle["type"] != nil else { return problems + ["Bundle: type is required"] }
    if let time = bundle["timestamp"]?.stringValue, time.wholeMatch(of: instantPattern) == nil {
      problems.append("Bundle: timestamp '\(time)' is not an instant")
    }
    let entries = bundle["entry"]?.arrayValue ?? []
    var urls = Set<String>()
    for (index, entry) in entries.enumerated() {
      let url = entry["fullUrl"]?.stringValue ?? ""
      if url.wholeMatch(of: uuidPattern) == nil {
        problems.append("entry \(index + 1): fullUrl '\(url)' is not a urn:uuid")
      }
      // bdl-7: a fullUrl is unique in a bundle (there are no versions here).
      if !urls.insert(url).inserted { problems.append("entry \(index + 1): fullUrl used twice") }
      guard let resource = entry["resource"], let type = resource["resourceType"]?.stringValue else {
        problems.append("entry \(index + 1): no resource")
        continue
      }
      // A resource's id may not disagree with its full URL.
      if let id = resource["id"]?.stringValue, id != url.dropFirst("urn:uuid:".count) {
        problems.append("\(type): id '\(id)' disagrees with its fullUrl")
      }
      if entry["request"] != nil || entry["response"] != nil {
        problems.append("entry \(index + 1): a collection has no request or response (bdl-3, bdl-4)")
      }
      check(resource, type, into: &problems)
    }
    for entry in entries {
      guard let resource = entry["resource"] else { continue }
      let type = resource["resourceType"]?.stringValue ?? "?"
      for reference in references(in: resource) where !urls.contains(reference) {
        problems.append("\(type): reference '\(reference)' is not in the bundle")
      }
    }
    return problems
  }

  static func check(_ resource: JSONValue, _ type: String, into problems: inout [String]) {
    if let id = resource["id"]?.stringValue, id.wholeMatch(of: idPattern) == nil {
      problems.append("\(type): id '\(id)' is not a FHIR id")
    }
    for (element, allowed) in codes[type] ?? [:] {
      if let value = resource[element]?.stringValue, !allowed.contains(value) {
        problems.append("\(type): \(element) '\(value)' is not one of its codes")
      }
    }
    for element in required[type] ?? [] where resource[element] == nil {
      problems.append("\(type): \(element) is required")
    }
    switch type {
    case "Patient":
      if let date = resource["birthDate"]?.stringValue, date.wholeMatch(of: datePattern) == nil {
        problems.append("Patient: birthDate '\(date)' is not a date")
      }
      for telecom in resource["telecom"]?.arrayValue ?? [] {
        // cpt-2: a value needs a system.
        if telecom["value"] != nil, !telecomSystems.contains(telecom["system"]?.stringValue ?? "") {
          problems.append("Patient: telecom needs a system from ContactPointSystem (cpt-2)")
        }
      }
      for name in resource["name"]?.arrayValue ?? [] where name["family"] == nil && name["given"] == nil {
        problems.append("Patient: an empty name")
      }
    case "Observation":
      // obs-6: dataAbsentReason only without a value.
      let values = ["valueQuantity", "valueInteger", "valueString", "valueCodeableConcept", "valueBoolean"]
      if resource["dataAbsentReason"] != nil, values.contains(where: { resource[$0] != nil }) {
        problems.append("Observation: dataAbsentReason with a value (obs-6)")
      }
      if let time = resource["effectiveDateTime"]?.stringValue, time.wholeMatch(of: instantPattern) == nil {
        problems.append("Observation: effectiveDateTime '\(time)' is not a dateTime")
      }
      if let code = resource["code"], code["coding"] == nil, code["text"] == nil {
        problems.append("Observation: an empty code")
      }
    case "Flag":
      if let start = resource["period"]?["start"]?.stringValue, start.wholeMatch(of: instantPattern) == nil {
        problems.append("Flag: period.start '\(start)' is not a dateTime")
      }
    case "QuestionnaireResponse":
      if resource["subject"] == nil { problems.append("QuestionnaireResponse: no subject in a bundle for an EHR") }
    default: break
    }
    // The bundle's own values are its entries' resources, each checked as itself.
    if type != "Bundle" { checkValues(resource, type, into: &problems) }
  }

  /// Codings have a system that is an absolute URI; Quantities with a code have a system; an
  /// extension has a url and a value.
  static func checkValues(_ value: JSONValue, _ type: String, into problems: inout [String]) {
    switch value {
    case .object(let pairs):
      for (key, child) in pairs {
        if key == "coding" {
          for coding in child.arrayValue {
            let system = coding["system"]?.stringValue ?? ""
            if !(system.hasPrefix("http://") || system.hasPrefix("https://") || system.hasPrefix("urn:")) {
              problems.append("\(type): a coding's system '\(system)' is not an absolute URI")
            }
            if coding["code"]?.stringValue?.isEmpty != false { problems.append("\(type): a coding without a code") }
          }
        }
        if key.hasPrefix("value") && key.hasSuffix("Quantity") || key == "answerQuantity" {
          if child["code"] != nil && child["system"] == nil {
            problems.append("\(type): a Quantity with a code needs a system (qty-3)")
          }
        }
        if key == "extension" {
          for item in child.arrayValue {
            let hasValue = { () -> Bool in
              guard case .object(let fields) = item else { return false }
              return fields.contains { $0.0.hasPrefix("value") }
            }()
            if item["url"]?.stringValue == nil || !hasValue {
              problems.append("\(type): an extension needs a url and a value (ext-1)")
            }
          }
        }
        checkValues(child, type, into: &problems)
      }
    case .array(let items): items.forEach { checkValues($0, type, into: &problems) }
    default: break
    }
  }

  static func references(in value: JSONValue) -> [String] {
    switch value {
    case .object(let pairs):
      return pairs.flatMap { key, child -> [String] in
        if key == "reference", let text = child.stringValue { return [text] }
        return references(in: child)
      }
    case .array(let items): return items.flatMap(references(in:))
    default: return []
    }
  }
}
