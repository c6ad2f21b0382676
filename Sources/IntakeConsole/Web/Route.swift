/// Every page and form of the console, read from a request's method and path.
enum Route: Equatable {
  case asset(String)
  case signInPage
  case signIn
  case signOut
  case queue
  case search
  case intake(String)
  case pageStyle(String)
  case export(String, String)
  case status(String)
  case assign(String)
  case note(String)
  case clear(String)
  case alerts
  case alertFeed
  case acknowledge(String)
  case accounts
  case addAccount
  case removeAccount(String)

  init?(_ method: ConsoleRequest.Method, _ path: [String]) {
    switch (method, path.count) {
    case (.get, 0): self = .queue
    case (.get, 1):
      switch path[0] {
      case "sign-in": self = .signInPage
      case "alerts": self = .alerts
      case "alerts.json": self = .alertFeed
      case "accounts": self = .accounts
      default: return nil
      }
    case (.get, 2):
      switch path[0] {
      case "static": self = .asset(path[1])
      case "intakes": self = .intake(path[1])
      default: return nil
      }
    case (.get, 3) where path[0] == "intakes" && path[2] == "page.css": self = .pageStyle(path[1])
    case (.get, 4) where path[0] == "intakes" && path[2] == "export": self = .export(path[1], path[3])
    case (.post, 1):
      switch path[0] {
      case "sign-in": self = .signIn
      case "sign-out": self = .signOut
      case "search": self = .search
      case "accounts": self = .addAccount
      default: return nil
      }
    case (.post, 3):
      switch (path[0], path[2]) {
      case ("intakes", "status"): self = .status(path[1])
      case ("intakes", "assign"): self = .assign(path[1])
      case ("intakes", "note"): self = .note(path[1])
      case ("intakes", "clear"): self = .clear(path[1])
      case ("alerts", "acknowledge"): self = .acknowledge(path[1])
      case ("accounts", "remove"): self = .removeAccount(path[1])
      default: return nil
      }
    default: return nil
    }
  }

  /// The intake a route is about, if any (a refusal links back to it).
  var intakeID: String? {
    switch self {
    case .intake(let id), .pageStyle(let id), .export(let id, _), .status(let id), .assign(let id), .note(let id),
      .clear(let id):
      id
    default: nil
    }
  }
}
