import Foundation
import IntakeTestSupport
import Testing

@testable import IntakeKit

/// A note's outline (`Summary.Detail.outline`, what a replayed journey's expectations read) has
/// the shape of the full note: the same entries under the same headings, the same screening.
@Suite struct NoteOutlineTests {
  @Test(arguments: ShippedTranscriptTests.files)
  func anOutlineHasTheFullNotesShape(path: String) throws {
    let transcript = try Transcript.parse(try String(contentsOfFile: path, encoding: .utf8), path: path)
    let session = Replay(transcript, path: path, dialog: try TestSupport.shippedDialog()).session
    let full = Summary(session: session, sessionID: "s")
    let outline = Summary(session: session, sessionID: "s", detail: .outline)
    #expect(MarkdownRenderer.headings(outline) == MarkdownRenderer.headings(full))
    #expect(outline.screening == full.screening)
    #expect(outline.safety == full.safety)
    #expect(outline.sections.mapValues { $0.map(\.question) } == full.sections.mapValues { $0.map(\.question) })
    #expect(outline.patient.map(\.question) == full.patient.map(\.question))
    #expect(outline.glance?.map(\.question) == full.glance?.map(\.question))
    // The words are what it leaves out.
    #expect(outline.identity == nil)
    #expect(outline.sections.values.joined().allSatisfy { $0.records == nil })
  }
}
