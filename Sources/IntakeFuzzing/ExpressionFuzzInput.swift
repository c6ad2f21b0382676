import Foundation
import IntakeKit

/// An expression from fuzzer bytes, written as the `when` of the last question of a small dialog
/// that has an answer of every kind, a repeat group, a lexicon, a computed value and a setting to
/// read. The text reaches the expression parser unchanged: it is written as a double-quoted YAML
/// scalar with every character escaped. When the dialog loads, path analysis evaluates it.
struct ExpressionFuzzInput {
  static let manifest = """
    id: fuzz
    version: "1"
    title: Fuzz
    sections: [main.yaml]
    settings: settings.yaml
    scoring: scoring.yaml
    lexicons: [meds.yaml]
    scales:
      - id: f
        options:
          - { id: a, text: Not at all, score: 0 }
          - { id: b, text: Several days, score: 1 }
    """
  static let questions = """
    section: main
    title: Main
    questions:
      - { id: name, kind: text, text: Name? }
      - { id: dob, kind: date, text: Born? }
      - { id: smokes, kind: yes_no, text: Smoke? }
      - { id: packs, kind: integer, text: Packs?, min: 0, max: 10 }
      - { id: weight, kind: decimal, text: Weight?, unit: lb, other_units: { kg: 2.20462 } }
      - { id: mood, kind: scale, scale: f, text: Mood? }
      - id: ride
        kind: choice
        text: Ride?
        options: [{ id: self, text: Me }, { id: friend, text: Friend }]
      - id: picks
        kind: multiple_choice
        text: Which?
        options: [{ id: x, text: X }, { id: y, text: Y }, { id: none, text: None, exclusive: true }]
      - { id: bp, kind: blood_pressure, text: BP? }
      - id: meds
        kind: repeat
        text: Medicines?
        another: Another?
        max_records: 2
        items:
          - { id: med, kind: text, lexicon: meds, text: Which? }
          - { id: dose, kind: integer, required: false, text: Dose? }

    """
  static let files: [String: String] = [
    "dialog.yaml": manifest,
    "settings.yaml": "settings:\n  - { id: limit, value: 3 }\n  - { id: allowed, value: true }\n",
    "scoring.yaml": "computed:\n  - { id: age, value: age(dob) }\n  - { id: total, value: mood + packs }\n",
    "meds.yaml": """
    id: meds
    concerns: [{ id: SED, title: sedation }]
    tags: [{ id: sedative, title: Sedative, concerns: [SED] }]
    entries: [{ name: lorazepam, aliases: [ativan], tags: [sedative] }, { name: sertraline }]
    """,
  ]

  let files: InMemoryDialogFiles

  init(_ bytes: [UInt8]) {
    var quoted = ""
    for scalar in String(decoding: bytes, as: UTF8.self).unicodeScalars {
      quoted +=
        "\\U" + String(repeating: "0", count: 8 - String(scalar.value, radix: 16).count)
        + String(scalar.value, radix: 16)
    }
    var all = Self.files
    all["main.yaml"] = Self.questions + "  - { id: probe, kind: message, text: Probe., when: \"\(quoted)\" }\n"
    files = InMemoryDialogFiles(root: "fuzz", files: all)
  }

  func check() {
    guard let dialog = DialogLoader.check(files).dialog else { return }
    let clock = SessionClock.fixed(Date(timeIntervalSince1970: 1_773_585_000))
    _ = PathAnalysis(dialog: dialog, clock: clock, budget: 8)
  }
}
