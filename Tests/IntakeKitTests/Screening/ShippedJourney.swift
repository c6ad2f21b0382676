import IntakeTestSupport

@testable import IntakeKit

/// Typed answers for the shipped dialog, section by section, so tests can vary one part.
struct ShippedJourney {
  /// The welcome and consent (one screen), then name, date of birth (one reading only, so not
  /// read back), sex, phone.
  var identification = ["yes", "Ana", "Müller", "04/27/1986", "female", "555 123 4567"]
  /// What the patient wants help with (depression and anxiety), and why now and what they hope for.
  var reasons = ["1,2", "Nothing else has worked. Feel like myself again."]
  /// PHQ-9 item choices as typed (1 = Not at all ... 4 = Nearly every day).
  var phq9 = ["2", "2", "1", "2", "1", "1", "2", "1", "2"]
  var phq9Difficulty = ["somewhat"]
  /// The GAD-7: all seven, as anxiety is a reason for coming (and the GAD-2 is 3).
  var gad7 = ["3", "2", "1", "2", "1", "1", "1"]
  /// The suicide screen (its introduction is on its first question), then harm to others and
  /// self-harm.
  var suicideScreen = ["no", "no", "no", "no", "no"]
  /// The pain module: asked only when chronic pain is a reason for coming.
  var pain: [String] = []
  var psychiatric = [
    "4", "19", "1,3", "yes", "sertraline", "100 mg", "12 weeks", "1", "yes", "lorazapam", "yes", "", "8 weeks",
    "it helped a little", "no",
    // Other treatments (talking therapy in the past), hospital stays, psychosis, mania.
    "2", "0", "no", "no",
  ]
  /// The mood screen (MDQ structure): 13 items, asked only when the mania question before it
  /// (in `psychiatric`) is not a clear no; here it is "no", so nothing.
  var moodHistory: [String] = []
  var trauma = ["no"]
  /// Family history, living situation, work, firearms (military service is asked only where
  /// trauma is in play).
  var background = ["none", "2", "1", "no"]
  var medical = [
    // The health history (none of the list), a known reading, pregnancy and birth control,
    // allergies (left out), weight, then height (not typed with it).
    "none", "yes", "128/82", "past month", "cannot", "", "180", "5 ft 6 in",
  ]
  var medications = [
    "yes", "Lamictal XR", "200 mg", "1", "yes", "adderal", "yes", "", "1", "yes", "naltrexone", "50 mg", "1", "no",
    // AUDIT-C: "monthly or less" (a bare 2 there could also be "2 to 4 times a month", so it is
    // asked back); no drugs in the list, so the drug screen is not asked.
    "monthly or less", "1", "1", "none",
  ]
  /// Sam Lee's number (asked, as it was not typed with the name); Sam Lee is a friend (asked, as
  /// the name does not say); the companion is "My partner Sam".
  var transport = ["1", "Sam Lee", "555 987 6543", "a friend", "yes", "My partner Sam", "yes"]
  /// The crisis-resources screen (shown after any suicide-risk flag; PHQ-9 item 9 is 1 here),
  /// anything else (left out with Enter), who helped, and no to looking over the answers (the
  /// last screen).
  var closing = ["", "", "myself", "no"]

  /// Here only for chronic pain (fibromyalgia), with a GAD-2 below 3 and a PHQ-9 below 10, so
  /// neither the rest of the GAD-7 nor the depression history is asked.
  static func painOnly() -> ShippedJourney {
    var journey = ShippedJourney()
    journey.reasons[0] = "4"
    journey.gad7 = ["2", "2"]
    journey.pain = [
      "fibromyalgia", "a rheumatologist", "all over", "3 years", "7", "6", "5", "gabapentin", "It helped a little.",
    ]
    journey.psychiatric.removeFirst(2)
    return journey
  }

  /// Everything up to the first PHQ-9 item.
  var beforePHQ9: [String] { identification + reasons }

  var lines: [String] {
    beforePHQ9 + phq9 + phq9Difficulty + suicideScreen + gad7 + pain + psychiatric + moodHistory + trauma
      + background + medical + medications + transport + closing
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
