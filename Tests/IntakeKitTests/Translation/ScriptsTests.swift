import IntakeTestSupport
import Testing

@testable import IntakeKit

/// Nothing in the renderer, the answer readers or transcripts assumes ASCII (issue 18): a dialog
/// written in accented Spanish, Greek and Japanese shows its texts as written, reads answers
/// typed in those scripts (an option by its words or their start), keeps a name as typed, and
/// its transcript replays.
@Suite struct ScriptsTests {
  static let files = InMemoryDialogFiles(
    root: "scripts",
    files: [
      "dialog.yaml": """
      id: scripts
      version: "1"
      title: Preguntas · Ερωτήσεις · 質問
      sections: [main.yaml]
      """,
      "main.yaml": """
      section: main
      title: Según usted · Σύμφωνα με εσάς
      questions:
        - id: name
          kind: text
          label: Name
          person_name: true
          text: ¿Cómo se llama? Πώς σας λένε; お名前は？
        - id: often
          kind: choice
          label: How often
          text: ¿Con qué frecuencia? どのくらいの頻度で？
          options:
            - { id: daily, text: "毎日 (todos los días)" }
            - { id: weekly, text: "Κάθε εβδομάδα (cada semana)" }
            - { id: never, text: "Nunca, ni una sola vez" }
        - id: place
          kind: choice
          label: Place
          text: ¿Dónde vive? Πού μένετε;
          options:
            - { id: city, text: "Πόλη" }
            - { id: village, text: "Χωριό" }
      """,
    ])

  @Test func textsShowAsWrittenAnswersReadAndTheTranscriptReplays() throws {
    let dialog = try DialogLoader.load(Self.files)
    let played = Transcript.play(
      ["Ελένη Núñez-山田", "毎日", "χωρ"].map(KioskScreen.Input.line), dialog: dialog, clock: TestSupport.fixedClock,
      interactive: false)
    let text = played.transcript.text
    #expect(text.contains("Preguntas · Ερωτήσεις · 質問"))
    #expect(text.contains("== Según usted · Σύμφωνα με εσάς =="))
    #expect(text.contains("¿Cómo se llama? Πώς σας λένε; お名前は？"))
    #expect(text.contains("  1. 毎日 (todos los días)\n  2. Κάθε εβδομάδα (cada semana)"))
    let answers = played.session.answers
    #expect(answers.value(of: "name") == .text("Ελένη Núñez-山田"))
    #expect(answers.value(of: "often") == .choice("daily"))
    // The start of a word in another script, as a prefix of Latin words is.
    #expect(answers.value(of: "place") == .choice("village"))
    #expect(played.session.isFinished)

    let replay = Replay(
      try Transcript.parse(text, path: "scripts.transcript"), path: "scripts.transcript", dialog: dialog)
    #expect(replay.passed, "\(replay)")
    let note = MarkdownRenderer.render(Summary(session: played.session, sessionID: "s1"))
    #expect(note.contains("Ελένη Núñez-山田"), "\(note)")
    #expect(note.contains("毎日 (todos los días)"), "\(note)")
  }
}
