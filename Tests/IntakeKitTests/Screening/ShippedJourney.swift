import IntakeTestSupport

@testable import IntakeKit

/// Typed answers for the shipped dialog, section by section, so tests can vary one part.
struct ShippedJourney {
  var identification = ["", "yes", "Ana", "Müller", "04/27/1986", "yes", "female", "555 123 4567"]
  /// PHQ-9 item choices as typed (1 = Not at all ... 4 = Nearly every day).
  var phq9 = ["2", "2", "1", "2", "1", "1", "2", "1", "2"]
  var phq9Difficulty = ["somewhat"]
  var gad7 = ["2", "2", "1", "2", "1", "1", "1"]
  /// The suicide screen, then harm to others and self-harm.
  var suicideScreen = ["", "no", "no", "no", "no", "no"]
  var psychiatric = [
    "4", "2", "19", "1", "", "1,3", "yes", "sertraline", "100 mg", "12 weeks", "1", "yes", "lorazapam", "yes", "",
    "8 weeks",
    "it helped a little", "no",
    "yes", "neither", "0", "no", "no", "no",
  ]
  /// The mood screen (MDQ structure): the intro and 13 items, asked only when the mania question
  /// before it (in `psychiatric`) is not a clear no; here it is "no", so nothing.
  var moodHistory: [String] = []
  var trauma = ["no"]
  /// Family history, living situation, work, legal problems, military service, firearms.
  var background = ["none", "2", "1", "no", "no", "no"]
  var medical = [
    // Blood pressure, heart problems (none, so "in the past 6 months?" is not asked), stroke,
    // aneurysm, brain bleed, seizures, head injury, glaucoma, liver, bladder, thyroid, apnea.
    "no", "yes", "128/82", "past month", "none", "no", "no", "no", "no", "no", "no", "no", "no", "no", "no",
    "none", "1", "no", "", "no", "no", "180", "5 ft 6 in",
  ]
  var medications = [
    "yes", "Lamictal XR", "200 mg", "1", "no", "yes", "adderal", "yes", "", "1", "no", "yes", "naltrexone", "50 mg",
    "1",
    // AUDIT-C: "monthly or less" (a bare 2 there could also be "2 to 4 times a month", so it is asked back).
    "no", "no", "no", "", "monthly or less", "1", "1", "no", "none",
  ]
  var goals = ["Nothing else has worked.", "1", "1,2", "Feel like myself again", "yes"]
  /// Sam Lee is a friend (asked, as the name does not say); the companion is "My partner Sam".
  var transport = ["", "1", "Sam Lee", "a friend", "555 987 6543", "yes", "My partner Sam", "yes", "yes"]
  /// The crisis-resources screen (shown after any suicide-risk flag; PHQ-9 item 9 is 1 here),
  /// anything else (left out with Enter), who helped, no to looking over the answers, the last
  /// screen.
  var closing = ["", "", "myself", "no", ""]

  var lines: [String] {
    identification + [""] + phq9 + phq9Difficulty + suicideScreen + gad7 + psychiatric + moodHistory + trauma
      + background + medical + medications + goals + transport + closing
  }

  /// Types the whole journey into a fresh conversation on the shipped dialog.
  func run() throws -> ScriptedPatient {
    var patient = ScriptedPatient(dialog: try TestSupport.shippedDialog())
    for line in lines {
      // Enter at a held screen (the crisis screen) stands for staff resuming it.
      if line.isEmpty, patient.conversation.isHeld { patient.staffResume() } else { patient.type(line) }
    }
    return patient
  }
}
