/// Why a request was refused, in words for the person at the browser; never patient data or the
/// store's internals.
enum ConsoleFailure: Error {
  case notFound
  case forbidden
  case signedOut
  /// A form without this session's token: from another site, or from before signing in again.
  case staleForm
  case badForm
  case conflict(String)
  case tooLong(Int)
  case cannotExport(String)
  case storeFailed

  var status: Int {
    switch self {
    case .notFound: 404
    case .forbidden, .staleForm: 403
    case .signedOut: 401
    case .badForm, .tooLong: 422
    case .conflict: 409
    case .cannotExport, .storeFailed: 500
    }
  }

  var message: String {
    switch self {
    case .notFound: "There is no such page or intake."
    case .forbidden: "Only an administrator can do that."
    case .signedOut: "You were signed out. Sign in again."
    case .staleForm: "That form is from an earlier session or another page. Go back, reload, and try again."
    case .badForm: "Something in that form was missing or not one of the choices. Go back and try again."
    case .conflict(let text): text
    case .tooLong(let limit): "A note can have up to \(limit) characters. Shorten it and try again; nothing was saved."
    case .cannotExport(let reason): "That export could not be made: \(reason)."
    case .storeFailed:
      "The console could not read or save its records (the data folder, or the central database). Nothing was changed. Tell whoever runs the console."
    }
  }

  /// The refusal's page, with a way back to the intake it was about.
  func response(pages: Pages, intake: String? = nil) -> ConsoleResponse {
    .page(pages.failure(message, intake: intake), status: status)
  }
}
