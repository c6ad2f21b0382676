import Foundation
import IntakeKit

/// The formats an intake is exported in, by the terminal console and the browser console alike.
public enum ExportFormat: String, Sendable, CaseIterable {
  case markdown, html, json
  case fhirResponse = "fhir-response"
  case fhirQuestionnaire = "fhir-questionnaire"
  case fhirBundle = "fhir-bundle"

  public var fileExtension: String {
    switch self {
    case .markdown: "md"
    case .html: "html"
    case .json: "json"
    case .fhirResponse: "QuestionnaireResponse.json"
    case .fhirQuestionnaire: "Questionnaire.json"
    case .fhirBundle: "Bundle.json"
    }
  }

  public var mediaType: String {
    switch self {
    case .markdown: "text/markdown; charset=utf-8"
    case .html: "text/html; charset=utf-8"
    case .json: "application/json"
    case .fhirResponse, .fhirQuestionnaire, .fhirBundle: "application/fhir+json"
    }
  }

  /// What a person reads on a button or in help.
  public var title: String {
    switch self {
    case .markdown: "Markdown"
    case .html: "HTML (printable)"
    case .json: "JSON"
    case .fhirResponse: "FHIR QuestionnaireResponse"
    case .fhirQuestionnaire: "FHIR Questionnaire"
    case .fhirBundle: "FHIR Bundle (for an EHR)"
    }
  }
}

/// Why an intake could not be exported; the text names the session, never patient data.
public enum ExportError: Error, CustomStringConvertible {
  case unopenable(String, ReviewProblem)
  case dialogMissing(String)
  case unrenderable(String)

  public var description: String {
    switch self {
    case .unopenable(let session, let problem): "\(session): \(problem)"
    case .dialogMissing(let session): "\(session) cannot be opened here (its dialog version is not at hand)"
    case .unrenderable(let session): "\(session) could not be rendered in this format; nothing was written"
    }
  }
}

extension ReviewDesk {
  /// The intake in `format`.
  public func export(_ item: ReviewCase, as format: ExportFormat) throws(ExportError) -> String {
    if let problem = item.problem { throw .unopenable(item.sessionID, problem) }
    guard let summary = item.summary, let markdown = item.markdown else { throw .dialogMissing(item.sessionID) }
    switch format {
    case .markdown: return markdown
    case .html: return HTMLRenderer.render(summary)
    case .json:
      // Never an empty file in place of the export.
      guard let text = try? JSONRenderer.render(summary) else { throw .unrenderable(item.sessionID) }
      return text
    case .fhirResponse, .fhirQuestionnaire, .fhirBundle:
      guard let session = session(of: item) else { throw .dialogMissing(item.sessionID) }
      switch format {
      case .fhirResponse: return FHIRExport.response(session, sessionID: item.sessionID).text()
      case .fhirBundle: return FHIRExport.bundle(session, sessionID: item.sessionID).text()
      default: return FHIRExport.questionnaire(session.dialog).text()
      }
    }
  }
}
