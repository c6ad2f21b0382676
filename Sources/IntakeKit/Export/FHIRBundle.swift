import Foundation

/// A FHIR R4 `Bundle` of one intake for an EHR: the `Patient` the identity answers name, the
/// `QuestionnaireResponse` about them, an `Observation` for each instrument score that was given
/// in full, and a `Flag` for each safety escalation. Everything clinical comes from the dialog:
/// which answers identify the patient (`note.yaml` `identity`), how sex at birth is coded
/// (`birth_sex`), each instrument's code (`scoring.yaml` `code`), each rule's finding.
///
/// The bundle is a `collection`: a set of resources for the receiving system to file, not a
/// `transaction` that would tell its server what to create or update; the receiving EHR matches
/// the patient to its own records. Resources refer to one another by their `urn:uuid:` full
/// URLs, derived from the session id so the same intake exports the same bundle.
extension FHIRExport {
  static let loinc = "http://loinc.org"
  static let ucum = "http://unitsofmeasure.org"
  static let observationCategory = "http://terminology.hl7.org/CodeSystem/observation-category"
  static let flagCategory = "http://terminology.hl7.org/CodeSystem/flag-category"

  /// The bundle of `session`, named `sessionID` (never anything that identifies the patient).
  public static func bundle(_ session: Session, sessionID: String) -> JSONValue {
    let patientURL = uuid(sessionID, "Patient")
    let responseURL = uuid(sessionID, "QuestionnaireResponse")
    let time = timestamp(session)
    var entries: [JSONValue] = [entry(patientURL, patient(session, id: patientURL))]

    var response = replacingID(FHIRExport.response(session, sessionID: sessionID), with: responseURL)
    response = inserting(("subject", reference(patientURL)), after: "status", in: response)
    entries.append(entry(responseURL, response))

    for score in Screening.evaluate(session).scores {
      let url = uuid(sessionID, "Observation/" + score.instrument)
      guard
        let observation = observation(
          score, session: session, id: url, patient: patientURL, response: responseURL, time: time)
      else { continue }
      entries.append(entry(url, observation))
    }
    for raised in session.escalations {
      let url = uuid(sessionID, "Flag/" + raised.rule)
      entries.append(entry(url, flag(raised, session: session, id: url, patient: patientURL)))
    }
    return .object([
      ("resourceType", .string("Bundle")),
      ("id", .string(resourceID(sessionID))),
      ("type", .string("collection")),
      ("timestamp", .string(time)),
      ("entry", .array(entries)),
    ])
  }

  // MARK: Patient

  /// Only what the answers say: a name, a date of birth, a phone number, and sex at birth in the
  /// extension the dialog names. `Patient.gender` is administrative gender, which the kiosk does
  /// not ask, so it is left out rather than inferred from sex at birth.
  static func patient(_ session: Session, id: String) -> JSONValue {
    let note = session.dialog.note
    func answer(_ field: IdentityField) -> Value? {
      guard let question = note.identity[field], let value = session.answers.values[question], !value.isMissing
      else { return nil }
      return value
    }
    func text(_ field: IdentityField) -> String? {
      guard case .text(let text)? = answer(field) else { return nil }
      let trimmed = text.trimmingWhitespace()
      return trimmed.isEmpty ? nil : trimmed
    }
    var pairs: [(String, JSONValue)] = [("resourceType", .string("Patient")), ("id", .string(bareID(id)))]
    if let birthSex = note.birthSex, case .choice(let option)? = answer(.sex), let code = birthSex.codes[option] {
      pairs.append(
        ("extension", .array([.object([("url", .string(birthSex.extensionURL)), ("valueCode", .string(code))])])))
    }
    var name: [(String, JSONValue)] = []
    if let family = text(.familyName) { name.append(("family", .string(family))) }
    if let given = text(.givenName) { name.append(("given", .array([.string(given)]))) }
    if !name.isEmpty { pairs.append(("name", .array([.object(name)]))) }
    if let phone = text(.phone) {
      pairs.append(("telecom", .array([.object([("system", .string("phone")), ("value", .string(phone))])])))
    }
    if case .date(let date)? = answer(.birthDate) { pairs.append(("birthDate", .string(date.description))) }
    return .object(pairs)
  }

  // MARK: Observation

  /// The Observation of one score, or nil when there is no score to give: an instrument not
  /// asked, or begun and not finished, has no total, and an Observation of it would read as one.
  static func observation(
    _ score: ScreeningResult.Score, session: Session, id: String, patient: String, response: String, time: String
  ) -> JSONValue? {
    guard score.asked != false, score.answeredItems == nil, let total = score.total,
      let instrument = session.dialog.instruments.first(where: { $0.id == score.instrument })
    else { return nil }
    var codings: [JSONValue] = []
    if let code = instrument.code { codings.append(coding(code)) }
    // The dialog's own code always, so a receiver can tell the instruments apart without LOINC.
    codings.append(
      coding(
        Coding(system: "urn:intake:\(session.dialog.id):instrument", code: instrument.id, display: instrument.title)))
    var pairs: [(String, JSONValue)] = [
      ("resourceType", .string("Observation")),
      ("id", .string(bareID(id))),
      ("status", .string("final")),
      ("category", category(observationCategory, code: "survey", display: "Survey")),
      ("code", .object([("coding", .array(codings)), ("text", .string(instrument.title))])),
      ("subject", reference(patient)),
      ("effectiveDateTime", .string(time)),
      // A score is a count of points: UCUM's {score}. Rounded as the note prints it (the PEG is a
      // mean), so the EHR and the note agree.
      (
        "valueQuantity",
        .object([
          ("value", .number((total * 100).rounded() / 100)), ("unit", .string("{score}")),
          ("system", .string(ucum)), ("code", .string("{score}")),
        ])
      ),
    ]
    if let band = score.band { pairs.append(("interpretation", .array([.object([("text", .string(band))])]))) }
    pairs.append(("derivedFrom", .array([reference(response)])))
    return .object(pairs)
  }

  /// A resource's `category`: one CodeableConcept with one coding.
  static func category(_ system: String, code: String, display: String) -> JSONValue {
    .array([
      .object([
        (
          "coding",
          .array([.object([("system", .string(system)), ("code", .string(code)), ("display", .string(display))])])
        )
      ])
    ])
  }

  // MARK: Flag

  /// A safety escalation as an active Flag: the rule's finding as the code's text, the rule and
  /// its tier as the dialog's own codes, from the moment it was raised.
  static func flag(_ raised: RaisedEscalation, session: Session, id: String, patient: String) -> JSONValue {
    let dialog = session.dialog
    let text = dialog.rules.first { $0.id == raised.rule }.map { session.render($0.finding) } ?? raised.rule
    return .object([
      ("resourceType", .string("Flag")),
      ("id", .string(bareID(id))),
      ("status", .string("active")),
      ("category", category(flagCategory, code: "safety", display: "Safety")),
      (
        "code",
        .object([
          (
            "coding",
            .array([
              coding(Coding(system: "urn:intake:\(dialog.id):rule", code: raised.rule)),
              coding(Coding(system: "urn:intake:\(dialog.id):escalation-tier", code: String(raised.tier))),
            ])
          ),
          ("text", .string(text)),
        ])
      ),
      ("subject", reference(patient)),
      ("period", .object([("start", .string(utc().string(from: raised.raisedAt)))])),
    ])
  }

  // MARK: Helpers

  static func coding(_ coding: Coding) -> JSONValue {
    var pairs: [(String, JSONValue)] = [("system", .string(coding.system)), ("code", .string(coding.code))]
    if let display = coding.display { pairs.append(("display", .string(display))) }
    return .object(pairs)
  }

  static func entry(_ url: String, _ resource: JSONValue) -> JSONValue {
    .object([("fullUrl", .string(url)), ("resource", resource)])
  }

  static func reference(_ url: String) -> JSONValue { .object([("reference", .string(url))]) }

  /// When the answers were given: sent, or for an unfinished intake its last answer.
  static func timestamp(_ session: Session) -> String {
    utc().string(from: session.finishedAt ?? session.lastActivityAt ?? session.startedAt)
  }

  static func utc() -> ISO8601DateFormatter {
    let formatter = ISO8601DateFormatter()
    formatter.timeZone = TimeZone(identifier: "UTC")
    return formatter
  }

  /// A resource's id is its full URL's UUID, so the two never disagree.
  static func bareID(_ url: String) -> String { String(url.dropFirst("urn:uuid:".count)) }

  static func replacingID(_ resource: JSONValue, with url: String) -> JSONValue {
    guard case .object(let pairs) = resource else { return resource }
    return .object(pairs.map { $0.0 == "id" ? ("id", .string(bareID(url))) : $0 })
  }

  static func inserting(_ pair: (String, JSONValue), after key: String, in resource: JSONValue) -> JSONValue {
    guard case .object(var pairs) = resource else { return resource }
    let index = pairs.firstIndex { $0.0 == key }.map { $0 + 1 } ?? pairs.endIndex
    pairs.insert(pair, at: index)
    return .object(pairs)
  }

  /// A `urn:uuid:` for one resource of one session, the same every time: two 64-bit FNV-1a
  /// hashes (finalised) of the session id and the resource's name, laid out as an RFC 9562 version 8
  /// (custom) UUID. Nothing of the patient goes into it.
  static func uuid(_ sessionID: String, _ name: String) -> String {
    func fnv(_ text: String, basis: UInt64) -> UInt64 {
      var hash = basis
      for byte in text.utf8 {
        hash ^= UInt64(byte)
        hash = hash &* 0x100_0000_01b3
      }
      // MurmurHash3's finaliser, so names that differ in one letter differ everywhere.
      hash = (hash ^ (hash >> 33)) &* 0xff51_afd7_ed55_8ccd
      hash = (hash ^ (hash >> 33)) &* 0xc4ce_b9fe_1a85_ec53
      return hash ^ (hash >> 33)
    }
    let key = sessionID + "\u{0}" + name
    var high = fnv(key, basis: 0xcbf2_9ce4_8422_2325)
    var low = fnv(key, basis: 0x6c62_272e_07bb_0142)
    high = (high & ~0xF000) | 0x8000  // version 8
    low = (low & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000  // variant 10
    func hex(_ value: UInt64, _ digits: Int) -> String {
      let text = String(value, radix: 16)
      return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
    let h = hex(high, 16)
    let l = hex(low, 16)
    return "urn:uuid:\(h.prefix(8))-\(h.dropFirst(8).prefix(4))-\(h.suffix(4))-\(l.prefix(4))-\(l.suffix(12))"
  }
}
