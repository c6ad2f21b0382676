import CEditLineShim
import Foundation
import IntakeKit
import IntakeTestSupport
import Synchronization
import Testing

@testable import IntakeTerminal

/// The kiosk saves each input on its own thread while the next screen is worked out on another
/// (the patient waits for the longer of the two, not both), and shows nothing of that screen
/// until the input is saved.
@Suite struct ScreenWorkTests {
  /// A host that is also the kiosk's observer: for each saved input, the thread that saved it
  /// and how many screens had been shown since the input was typed.
  final class WatchingHost: KioskHost, KioskObserver, @unchecked Sendable {
    private let lock = NSLock()
    private var shown = 0
    private var shownWhenTyped = 0
    private(set) var saveThreads: [pthread_t] = []
    /// Screens shown between an input being typed and the end of its save; all zero when
    /// nothing is shown before it is saved.
    private(set) var shownBeforeSaved: [Int] = []
    private(set) var saved: [LoggedInput] = []

    func shown(_ text: String) { lock.withLock { shown += 1 } }
    func typed(_ input: KioskScreen.Input, at place: ScreenPlace) { lock.withLock { shownWhenTyped = shown } }

    func record(_ input: LoggedInput) throws {
      // Long enough for a kiosk that did not wait for the save to show the next screen.
      Thread.sleep(forTimeInterval: 0.02)
      lock.withLock {
        saveThreads.append(pthread_self())
        shownBeforeSaved.append(shown - shownWhenTyped)
        saved.append(input)
      }
    }
    func resumeNotice(for session: Session) throws -> String? { nil }
    func suspend(reason: String, session: Session) -> String? { nil }
    func submit(_ session: Session) throws {}
    func alert(session: Session, rule: String, tier: Int) {}
    var offersResume: Bool { false }
    func resume(code: String, dateOfBirth: String) -> ResumeAttempt { .refused(.resumeRefused) }
  }

  @Test func eachInputIsSavedOnTheKiosksThreadAndNothingIsShownBeforeItIsSaved() throws {
    let pipe = Pipe()
    let host = WatchingHost()
    let kiosk = Kiosk(
      conversation: Conversation(session: try KioskTests.session()),
      reader: KioskTests.ScriptedReader([.line("Ana"), .line("1986-04-27"), .line("no")]),
      writer: ScreenWriter(descriptor: pipe.fileHandleForWriting.fileDescriptor), host: host, observer: host)
    let kioskThread = pthread_self()
    let ending = kiosk.run()
    try pipe.fileHandleForWriting.close()
    let output = String(decoding: TestSupport.readAll(pipe.fileHandleForReading.fileDescriptor), as: UTF8.self)
    #expect(ending == .finished(.submitted))
    #expect(output.contains("Do you smoke?"))
    // The session's start, then each answer, in order.
    #expect(host.saved.map(\.line) == [nil, "Ana", "1986-04-27", "no"])
    #expect(host.shownBeforeSaved == [0, 0, 0, 0])
    // Saved where the line was read: the save waits for no other thread to wake.
    #expect(host.saveThreads.count == 4)
    #expect(host.saveThreads.allSatisfy { pthread_equal($0, kioskThread) != 0 })
  }

  /// The work runs on another thread while the caller goes on, and its result is there once
  /// waited for.
  @Test func theWorkRunsBesideTheCallerAndItsResultIsThereOnceWaitedFor() {
    let caller = pthread_self()
    let started = DispatchSemaphore(value: 0)
    let release = DispatchSemaphore(value: 0)
    let work = ScreenWork { () -> (pthread_t, Int) in
      started.signal()
      // Held until the caller has gone on: the work does not run on the caller's thread.
      release.wait()
      return (pthread_self(), 42)
    }
    started.wait()
    release.signal()
    let result = work.result()
    #expect(result?.1 == 42)
    #expect(result.map { pthread_equal($0.0, caller) == 0 } == true)
    // Asked again, the same result, without waiting again.
    #expect(work.result()?.1 == 42)
  }

  /// When the save is over before the working thread has even started (it had no core), the
  /// caller works the screen out itself instead of waiting for that thread; the work runs once.
  @Test func workNotYetStartedWhenItsResultIsAskedRunsOnTheCallersThread() {
    let stalled = DispatchQueue(label: "a queue with no thread to run it")
    stalled.suspend()
    let runs = Mutex(0)
    let work = ScreenWork(on: stalled) { () -> (pthread_t, Int) in
      runs.withLock { $0 += 1 }
      return (pthread_self(), 7)
    }
    // Asked from a thread of its own, so a result that waited for the stalled queue fails the
    // test instead of hanging it.
    let asked = DispatchSemaphore(value: 0)
    let answer = Mutex<(asker: pthread_t, result: (pthread_t, Int)?)?>(nil)
    Thread.detachNewThread {
      let result = work.result()
      answer.withLock { $0 = (pthread_self(), result) }
      asked.signal()
    }
    #expect(asked.wait(timeout: .now() + 10) == .success)
    let given = answer.withLock { $0 }
    #expect(given?.result?.1 == 7)
    #expect(given.map { asked in asked.result.map { pthread_equal($0.0, asked.asker) != 0 } ?? false } == true)
    // The queue's turn comes after all: the work is not run again.
    stalled.resume()
    stalled.sync {}
    #expect(runs.withLock { $0 } == 1)
  }

  /// The thread that works out the screen has a stack of its own for the fatal-signal handler,
  /// as the kiosk's main thread has, so a stack overflow there still restores the terminal.
  @Test func theWorkingThreadHasAnAlternateSignalStack() {
    for _ in 0..<3 {
      // Asked once the working thread has it (asked sooner, the caller would run it itself).
      let ran = DispatchSemaphore(value: 0)
      let work = ScreenWork { () -> Int32 in
        defer { ran.signal() }
        return intake_thread_has_alternate_stack()
      }
      ran.wait()
      #expect(work.result() == 1)
    }
  }
}
