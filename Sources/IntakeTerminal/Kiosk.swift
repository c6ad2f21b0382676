import Foundation
import IntakeKit

/// Something that wants to see the session as it happens (a transcript recorder).
public protocol KioskObserver: AnyObject {
  func shown(_ text: String)
  /// `input` was typed at `place`, before the kiosk handles it.
  func typed(_ input: KioskScreen.Input, at place: ScreenPlace)
}

/// The kiosk loop: reads lines, saves each through the host before acting on it, hands it to
/// `KioskScreen`, writes what it returns through the sanitising writer, and carries out its
/// requests. It decides nothing clinical itself.
public final class Kiosk {
  public enum Ending: Equatable, Sendable {
    case finished(KioskScreen.Ending)
    /// The patient walked away: the session was saved for resuming.
    case timedOut
    case terminated(Int32)
  }

  private var screen: KioskScreen
  private let reader: any LineReader
  private let writer: ScreenWriter
  private weak var host: (any KioskHost)?
  private weak var observer: (any KioskObserver)?
  private let idle: IdlePolicy?
  /// What staff type at a held screen to resume the session; without one a held screen waits
  /// until the idle timeout saves the session (or the kiosk is stopped).
  private let staffCode: StaffCode?
  /// Inputs are saved only once the session has one worth keeping.
  private var startRecorded = false

  public init(
    conversation: Conversation, reader: any LineReader, writer: ScreenWriter, host: any KioskHost,
    observer: (any KioskObserver)? = nil, idle: IdlePolicy? = nil, staffCode: StaffCode? = nil
  ) {
    self.staffCode = staffCode
    screen = KioskScreen(conversation: conversation, interactive: writer.isTerminal)
    self.reader = reader
    self.writer = writer
    self.host = host
    self.observer = observer
    self.idle = idle
  }

  /// The session as it stands (after `run`, as it ended).
  public var session: Session { screen.conversation.session }

  /// How often a held screen asks whether its alert was acknowledged.
  public static let heldCheckInterval: TimeInterval = 2

  /// The kiosk's own words, in the patient's language. (A line past the reader's limit is said
  /// to be so: nothing of it is shown back or kept, and the patient stays at the same question.)
  private var words: KioskWords { screen.words }

  public func run() -> Ending {
    writer.clearScreen()
    if let ending = carryOut(screen.start()) { return finish(ending) }
    // On the language screen, in every language offered: the patient has not chosen yet.
    if host?.offersResume == true {
      for words in screen.conversation.offeredWords { writer.line(words(.resumeHint)) }
    }
    while true {
      if TerminationSignal.received != 0 { return finish(.terminated(TerminationSignal.received)) }
      let held = screen.isHeld
      // A held screen waits for staff as long as it takes when they have a code to resume it;
      // without one the idle timeout ends it, keeping the answers as an unfinished session.
      // With a staff code to type there, nothing typed at a held screen is shown (the patient
      // must not see the code) or kept in the line history.
      // While a held screen waits, the host is asked every few seconds whether a person has
      // acknowledged the alert (the screen then says someone is on the way) and raises an
      // unacknowledged one again when its time comes.
      // Without a staff code the host is asked all the same (the patient must hear that someone
      // is coming, and an unanswered alert must ring again), and the idle timeout still ends it.
      var result: LineInput
      if held, staffCode != nil || (host != nil && reader.checksWhileWaiting) {
        let limit = staffCode == nil ? idle?.idle : nil
        let started = Date()
        let idleOver = HeldIdle()
        let waiting = host.map { host in
          let session = screen.conversation.session
          let known = screen.conversation.acknowledged
          return HeldWait(interval: Self.heldCheckInterval) {
            host.whileHeld(session: session)
            if !known && host.alertAcknowledged(session: session) { return true }
            if let limit, Date().timeIntervalSince(started) >= limit {
              idleOver.reached = true
              return true
            }
            return false
          }
        }
        result = reader.readHidden(prompt: screen.prompt, waiting: waiting)
        if result == .timedOut, !idleOver.reached {
          if let words = screen.staffAcknowledged() { writer.write(words) }
          continue
        }
      } else {
        result = read(timeout: idle?.idle)
      }
      if result == .timedOut, let idle {
        // Kiosk words, not the conversation's: written directly, left out of transcripts.
        writer.write("\n" + (held ? idle.heldWarningText(words) : idle.warningText(words)) + "\n")
        result = read(timeout: idle.warning)
        if case .line(let line) = result, line.trimmingSpaces().isEmpty {
          writer.write(screen.repeatText())
          continue
        }
      }
      var input: KioskScreen.Input
      switch result {
      case .line(let line): input = .line(line)
      case .cancelled: input = .cancelled
      case .endOfInput: input = .endOfInput
      case .interrupted: return finish(.terminated(TerminationSignal.received))
      case .timedOut:
        if idle == nil { continue }
        return finish(.timedOut)
      case .tooLong:
        // Kiosk words, not the conversation's: nothing reached the session, nothing is saved.
        writer.write("\n" + words(.lineTooLong) + "\n")
        continue
      }
      // A termination signal also empties standard input: what was read is not the patient's.
      if TerminationSignal.received != 0 { return finish(.terminated(TerminationSignal.received)) }
      if case .line(let line) = input, canResume, case .some(let language) = Self.resumeAsked(line, in: screen) {
        if let ending = resume(in: language) { return finish(ending) }
        continue
      }
      if held, case .line(let line) = input {
        if let staffCode, staffCode.matches(line) {
          // Staff resume: only that it happened is kept, never what they typed.
          input = .staffResume
        } else {
          // Nothing typed at a held screen changes the session, so nothing of it is saved (a
          // mistyped staff code is never kept with the patient's answers): the screen says
          // its short line again, or that someone is on the way once staff acknowledged.
          if let host, host.alertAcknowledged(session: screen.conversation.session) {
            _ = screen.staffAcknowledged()
          }
          observer?.typed(input, at: screen.place)
          show(screen.handle(input).text)
          continue
        }
      }
      observer?.typed(input, at: screen.place)
      let inputs = toSave(input)
      /// The next screen, made ready to write (sanitised, wrapped).
      func nextScreen() -> (KioskScreen.Step, ScreenWriter.Prepared) {
        let step = screen.handle(input)
        return (step, writer.prepare(step.text))
      }
      let step: KioskScreen.Step
      let prepared: ScreenWriter.Prepared
      if let host, !inputs.isEmpty {
        // The input is saved on this thread while the next screen is worked out on another;
        // nothing of that screen is shown or acted on until the save has returned
        // (`ScreenWork`). The screen is left alone here until then.
        let work = ScreenWork(nextScreen)
        var saved = true
        do {
          for logged in inputs { try host.record(logged) }
        } catch {
          saved = false
        }
        // Waited for even when the save failed: the screen is the work's until it is done. (Its
        // result is always there: the work stores it before it signals that it is done.)
        let next = work.result()
        guard saved else { return finish(storageFailed()) }
        (step, prepared) = next ?? nextScreen()
      } else {
        (step, prepared) = nextScreen()
      }
      do {
        // Kiosk words, not the conversation's: written directly, left out of transcripts.
        if let notice = try host?.resumeNotice(for: screen.conversation.session) { writer.write("\n" + notice + "\n") }
      } catch {
        return finish(storageFailed())
      }
      if let ending = carryOut(step, prepared: prepared) { return finish(ending) }
    }
  }

  /// The language a request to resume was made in: `resume` (the patient's language, or
  /// English before one is chosen), or a translation's word for it ("reanudar"), before a
  /// language is chosen any offered one's (`.some(nil)`: the dialog's own language). Nil when
  /// the line does not ask to resume.
  static func resumeAsked(_ line: String, in screen: KioskScreen) -> Translation?? {
    let session = screen.conversation.session
    if line.trimmingSpaces().lowercased() == "resume" { return .some(session.translation) }
    let translations =
      screen.place == .choosingLanguage ? session.dialog.translations : session.translation.map { [$0] } ?? []
    return translations.first { $0.phrasebook.word(for: line) == "resume" }.map { .some($0) }
  }

  private func read(timeout: TimeInterval?) -> LineInput {
    reader.read(prompt: screen.prompt, timeout: timeout) { [screen] in screen.completions(for: $0) }
  }

  /// `resume` is offered before the first answer, when the host keeps sessions.
  private var canResume: Bool {
    host?.offersResume == true && screen.conversation.session.answers.values.isEmpty
  }

  private func save(_ input: KioskScreen.Input) throws {
    guard let host else { return }
    for logged in toSave(input) { try host.record(logged) }
  }

  /// What to save for `input` before acting on it, in order: the session's start before its
  /// first input, then the input.
  private func toSave(_ input: KioskScreen.Input) -> [LoggedInput] {
    guard host != nil else { return [] }
    var inputs: [LoggedInput] = []
    if !startRecorded {
      inputs.append(LoggedInput(kind: .start, at: screen.conversation.session.startedAt))
      startRecorded = true
    }
    let now = screen.conversation.session.clock.now()
    // The language chosen on the first screen is kept as its code; what chose none changed
    // nothing, and is not kept.
    if case .line(let line) = input, screen.place == .choosingLanguage {
      if let code = screen.conversation.chosenLanguage(line) {
        inputs.append(LoggedInput(kind: .language, at: now, line: code))
      }
      return inputs
    }
    inputs.append(LoggedInput(input, at: now))
    return inputs
  }

  /// Asks for the code and the date of birth, in the language the patient asked in (nil: the
  /// dialog's own), then carries on the saved session. Returns an ending when the session can no
  /// longer be saved.
  private func resume(in language: Translation?) -> Ending? {
    guard let host else { return nil }
    let words = language?.words ?? self.words
    showingNewScreen {
      writer.line()
      writer.line(words(.resumeCodeAsk))
    }
    // A patient who walks away here leaves nothing to save; the prompt gives up after the idle time.
    guard let code = readResumeLine(prompt: words(.resumeCodePrompt), words) else {
      reshow(words)
      return nil
    }
    showingNewScreen { writer.line(words(.resumeBirthAsk)) }
    guard let dateOfBirth = readResumeLine(prompt: words(.resumeBirthPrompt), words) else {
      reshow(words)
      return nil
    }
    // "27 de abril de 1986": the date read in the patient's language, as at the question.
    let phrasebook = language?.phrasebook ?? .none
    switch host.resume(code: code, dateOfBirth: phrasebook.reading(dateOfBirth)) {
    case .refused(let phrase):
      // What was typed while the code was checked (a fraction of a second) was not typed here.
      showingNewScreen {
        writer.line()
        writer.line(words(phrase))
        reshow(words)
      }
    case .restored(let inputs):
      guard
        var restored = KioskScreen.restored(
          dialog: screen.conversation.session.dialog, inputs: inputs, interactive: writer.isTerminal,
          timeZone: screen.conversation.session.clock.timeZone)
      else {
        showingNewScreen {
          writer.line()
          writer.line(words(.resumeCannotOpen))
          reshow(words)
        }
        return nil
      }
      startRecorded = true
      if restored.isHeld {
        // The session stopped at a held screen (the idle timeout, or the kiosk stopped): the
        // hold has done its work, and staff were alerted when it was shown. The resume code and
        // date of birth carry on from the next question, as staff resuming it would.
        screen = restored
        do { try save(.staffResume) } catch { return storageFailed() }
        _ = screen.handle(.staffResume)
        restored = screen
      }
      screen = restored
      showingNewScreen {
        writer.clearScreen()
        writer.write(restored.resumedText())
      }
    }
    return nil
  }

  /// One line of the resume exchange, or nil when the patient gave none (a line too long to be
  /// a code or a date is said to be so).
  private func readResumeLine(prompt: String, _ words: KioskWords) -> String? {
    switch reader.read(prompt: prompt, timeout: idle?.idle, completions: { _ in [] }) {
    case .line(let line): return line
    case .tooLong:
      writer.line()
      writer.line(words(.lineTooLong))
      return nil
    default: return nil
    }
  }

  private func reshow(_ words: KioskWords) {
    writer.line()
    writer.line(words(.resumeTryAgain))
  }

  private func storageFailed() -> Ending {
    show("\n" + words(.storageFailed) + "\n", keepsTypedAhead: false)
    return .finished(.saveFailed)
  }

  /// Shows a step and acts on it; returns the ending when the session is over.
  /// `prepared` is the step's text made ready to write, when it was (`ScreenWriter.prepare`).
  private func carryOut(_ step: KioskScreen.Step, prepared: ScreenWriter.Prepared? = nil) -> Ending? {
    for alert in step.alerts { host?.alert(session: screen.conversation.session, rule: alert.rule, tier: alert.tier) }
    // A screen the session ends on takes no answer: nothing typed ahead is offered there.
    show(step.text, prepared: prepared, keepsTypedAhead: !step.submit && step.ending == nil)
    if step.submit {
      var saved = true
      do { try host?.submit(screen.conversation.session) } catch { saved = false }
      let closing = screen.saved(saved)
      show(closing.text, keepsTypedAhead: false)
      return closing.ending.map(Ending.finished)
    }
    return step.ending.map(Ending.finished)
  }

  private func show(_ text: String, prepared: ScreenWriter.Prepared? = nil, keepsTypedAhead: Bool = true) {
    guard !text.isEmpty else { return }
    let write = {
      self.writer.write(prepared ?? self.writer.prepare(text))
      self.observer?.shown(text)
    }
    // A held screen's hidden read throws away every key typed before it, and so does a screen
    // the session ends on: nothing typed ahead is offered there.
    guard keepsTypedAhead, !screen.isHeld else {
      reader.discardTypedAhead()
      write()
      return
    }
    showingNewScreen(write)
  }

  /// Writes a new screen with `write`, the keys typed before it settled first: sent, they
  /// answered a question nobody had seen ("no" stored at "Have you ever taken a medicine for
  /// depression?", typed before it came). At a terminal the line being typed waits at the new
  /// prompt for an Enter typed once the screen is seen; an Enter typed ahead, and any line after
  /// it, are thrown away (`LineReader.keepTypedAheadUnsent`). What became of them is said under
  /// the screen: kiosk words, not the conversation's, written directly and left out of
  /// transcripts. Nothing typed is thrown away unsaid.
  private func showingNewScreen(_ write: () -> Void) {
    let typedAhead = reader.keepTypedAheadUnsent()
    write()
    switch typedAhead {
    case .nothing: break
    case .lineWaits: writer.write("\n" + words(.typedAhead) + "\n")
    case .lineWaitsLaterDropped: writer.write("\n" + words(.typedAhead) + " " + words(.typedAheadRestDropped) + "\n")
    case .dropped: writer.write("\n" + words(.typedAheadDropped) + "\n")
    }
  }

  /// Keeps an unfinished session resumable, then, at a terminal, waits for Enter so the last
  /// words can be read, and wipes the screen and history: the next person sees nothing of this
  /// session.
  private func finish(_ ending: Ending) -> Ending {
    let reason: StopReason? =
      switch ending {
      case .finished(.quit): .quit
      case .finished(.inputEnded): .inputEnded
      case .timedOut: .timeout
      case .terminated: .signal
      case .finished(.submitted), .finished(.saveFailed): nil
      }
    if let reason, startRecorded,
      let notice = host?.suspend(reason: reason.rawValue, session: screen.conversation.session)
    {
      // Not part of the conversation: kiosk words, left out of transcripts.
      writer.write("\n" + notice + "\n")
    }
    if case .finished(let how) = ending {
      if writer.isTerminal, how != .inputEnded {
        writer.line()
        _ = reader.read(prompt: words(.pressEnterToFinish), timeout: idle?.idle) { _ in [] }
      }
    }
    if ending == .timedOut, let idle {
      // Long enough to note the code; Enter clears it sooner.
      _ = reader.read(prompt: "", timeout: idle.codeShown) { _ in [] }
    }
    // Nothing this patient typed reaches the next person's first prompt.
    reader.discardTypedAhead()
    reader.clearHistory()
    writer.clearScreen()
    if case .terminated = ending { TerminationSignal.restoreTerminal() }
    return ending
  }
}

extension TranscriptRecorder: KioskObserver {}

/// Whether a held screen's wait ended because the idle time had passed (not an acknowledgement).
private final class HeldIdle {
  var reached = false
}
