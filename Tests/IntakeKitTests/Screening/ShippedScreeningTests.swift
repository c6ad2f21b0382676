import IntakeTestSupport
import Testing

@testable import IntakeKit

/// The shipped dialog's screening v1: each rule fires on the answers it names, with them as evidence.
@Suite struct ShippedScreeningTests {
  func findings(_ journey: ShippedJourney) throws -> [String: ScreeningResult.Finding] {
    let patient = try journey.run()
    let finished = patient.session.isFinished
    #expect(finished, "journey did not finish: \(patient.transcript.suffix(6).joined(separator: " | "))")
    let result = Screening.evaluate(patient.session)
    return Dictionary(result.findings.map { ($0.rule, $0) }) { first, _ in first }
  }

  @Test func aMedicineNameNoOneRecognisesIsFlaggedForAPersonToIdentify() throws {
    var journey = ShippedJourney()
    // The third medicine, naltrexone, becomes a name the lexicon does not know.
    let index = try #require(journey.medications.firstIndex(of: "naltrexone"))
    journey.medications[index] = "Zzyzx herbal drops"
    let found = try findings(journey)
    #expect(found["unrecognised_medicine"]?.category == "interaction")
    #expect(found["unrecognised_medicine"]?.evidence.map(\.citation) == ["reports Zzyzx herbal drops 50 mg once a day"])
    #expect(try findings(ShippedJourney())["unrecognised_medicine"] == nil)
  }

  @Test func theBaselineJourney() throws {
    let found = try findings(ShippedJourney())
    // Lamictal XR is lamotrigine: an "other interaction to review" (concern code OTHER).
    #expect(
      Set(found.keys) == ["stimulant", "naltrexone", "other_interaction", "suicide_tier1", "treatment_resistance"])
    #expect(
      found["stimulant"]?.evidence.map(\.answer) == ["Medicine: adderall; How often: Once a day"])
    // A skipped dose leaves no gap in the plain-words citation.
    #expect(found["stimulant"]?.evidence.map(\.citation) == ["reports adderall (amphetamine salts) once a day"])
    // The trial that counted, in plain words; not whom the rule is for (its applies_when: here
    // for depression), which is no reason for the finding.
    #expect(
      found["treatment_resistance"]?.evidence.map(\.citation) == [
        "reports sertraline up to 100 mg for 12 weeks: did not help"
      ])
    #expect(
      found["treatment_resistance"]?.text
        == "Adequate failed antidepressant trials reported: 1; treatment resistance is not established (fewer than 2).")
  }

  @Test func underEighteenIsNotEligibleAndEndsKindly() throws {
    var journey = ShippedJourney()
    journey.identification[3] = "01/01/2012"
    var patient = ScriptedPatient(dialog: try TestSupport.shippedDialog())
    patient.type(journey.identification + [""])
    #expect(patient.session.isFinished)
    #expect(patient.transcript.joined().contains("only for adults aged 18 and over"))
    let result = Screening.evaluate(patient.session)
    #expect(result.outcome.category == "not_eligible")
    #expect(result.findings.first?.evidence.map(\.answer) == ["2012-01-01"])
  }

  /// Pregnancy alone is "not recommended", not a labelled contraindication: the outcome does not
  /// call it one (issue 13).
  @Test func pregnancyIsNotCalledALabelledContraindication() throws {
    var journey = ShippedJourney()
    let pregnancy = try #require(journey.medical.firstIndex(of: "cannot"))
    journey.medical[pregnancy] = "breastfeeding"
    let result = Screening.evaluate(try journey.run().session)
    #expect(result.outcome.category == "must_confirm")
    #expect(!result.outcome.text.contains("labelled contraindication"), "\(result.outcome.text)")
    #expect(result.outcome.text.contains("not recommended"))
  }

  @Test func labelContraindicationsNeedThePhysicianToConfirm() throws {
    var journey = ShippedJourney()
    // An aneurysm (treated, found more than 5 years ago) and bleeding in the brain, in one list.
    journey.medical[0] = "8, 9"
    journey.medical.insert(contentsOf: ["1", "3"], at: 1)
    let pregnancy = try #require(journey.medical.firstIndex(of: "cannot"))
    journey.medical[pregnancy] = "breastfeeding"
    // A bad reaction to ketamine treatment before.
    let treatments = try #require(journey.psychiatric.firstIndex(of: "0")) - 1
    journey.psychiatric[treatments] = "2, 5"
    journey.psychiatric.insert("bad or allergic", at: treatments + 1)
    let found = try findings(journey)
    for rule in ["aneurysm_avm", "brain_bleed", "pregnancy", "ketamine_reaction"] {
      #expect(found[rule]?.category == "must_confirm", "\(rule)")
    }
    #expect(found["pregnancy"]?.evidence.map(\.answer) == ["I am breastfeeding"])
    #expect(found["aneurysm_avm"]?.text.contains("treated: Yes, it was treated") == true)
  }

  @Test func uncontrolledBloodPressurePsychosisManiaAndSubstancesNeedReview() throws {
    var journey = ShippedJourney()
    // High blood pressure, not controlled, and a high reading.
    journey.medical = ["1", "no", "yes", "178/104"] + Array(journey.medical.dropFirst(3))
    let count = journey.psychiatric.count
    // Psychosis (more than a year ago, not only with drugs), then a yes to mania: the mood screen
    // (none of its items) and when the last high was.
    journey.psychiatric.replaceSubrange((count - 2)..<count, with: ["yes", "3", "no", "yes"])
    journey.moodHistory = ["none", "3"]
    // Cannabis and ketamine outside treatment: the drug screen (no to its first item), then the
    // follow-ups on each.
    journey.medications[journey.medications.count - 1] = "2, 7"
    journey.medications += ["no", "every week", "about a year", "1", "no", "2", "sleep"]
    let found = try findings(journey)
    for rule in ["uncontrolled_hypertension", "psychosis", "mania", "ketamine_misuse"] {
      #expect(found[rule]?.category == "physician_review", "\(rule)")
    }
    // Every reason is cited: the patient's own "not controlled" and the high reading.
    #expect(found["uncontrolled_hypertension"]?.evidence.map(\.answer) == ["No", "178/104 mmHg"])
    #expect(found["bp_crisis"] == nil)
  }

  /// A finding about a class names the patient's own medicine and its class, and so does its
  /// question (issue 13: not "the other NMDA antagonist, lamotrigine or blood-pressure medicine").
  @Test func interactionFindingsNameThePatientsMedicineAndItsClass() throws {
    let patient = try ShippedJourney().run()
    let result = Screening.evaluate(patient.session)
    let stimulant = try #require(result.findings.first { $0.rule == "stimulant" })
    #expect(stimulant.text.hasPrefix("adderall (amphetamine salts; Stimulant): "), "\(stimulant.text)")
    let lamotrigine = try #require(result.findings.first { $0.rule == "other_interaction" })
    #expect(lamotrigine.text.hasPrefix("Lamictal XR (lamotrigine): "), "\(lamotrigine.text)")
    #expect(result.questions.contains { $0.text.contains("hold adderall (amphetamine salts; Stimulant) on treatment") })
  }

  /// Linked findings are said once, together: an MAOI with blood pressure that is not under
  /// control is one finding with both reasons, and the two it replaces are not printed apart.
  @Test func anMAOIWithUncontrolledBloodPressureIsOneFinding() throws {
    var journey = ShippedJourney()
    journey.medical = ["1", "no", "yes", "178/104"] + Array(journey.medical.dropFirst(3))
    journey.medications[1] = "Nardil 45 mg"
    journey.medications.remove(at: 2)
    let patient = try journey.run()
    let result = Screening.evaluate(patient.session)
    let rules = result.findings.map(\.rule)
    #expect(rules.contains("maoi_uncontrolled_bp"), "\(rules)")
    #expect(!rules.contains("maoi") && !rules.contains("uncontrolled_hypertension"), "\(rules)")
    let linked = try #require(result.findings.first { $0.rule == "maoi_uncontrolled_bp" })
    #expect(linked.text.hasPrefix("Nardil (phenelzine; MAOI) with blood pressure"), "\(linked.text)")
    // Both reasons: the medicine and the patient's "not controlled" with the reading.
    let cited = linked.evidence.map { $0.citation ?? $0.answer }
    #expect(
      cited.contains { $0.contains("Nardil") } && cited.contains("No") && cited.contains("178/104 mmHg"), "\(cited)")
    #expect(
      !result.questions.contains {
        $0.text == "Plan blood-pressure monitoring on dosing days with Nardil (phenelzine; MAOI)."
      })
  }

  /// Treatment resistance is for a patient here for depression or diagnosed with it, not for one
  /// here only for pain, whose trials may have been for pain (issue 13).
  @Test func treatmentResistanceIsForDepressionOnly() throws {
    #expect(try findings(ShippedJourney())["treatment_resistance"] != nil)
    var pain = ShippedJourney.painOnly()
    let diagnoses = try #require(pain.psychiatric.firstIndex(of: "1,3"))
    pain.psychiatric[diagnoses] = "3"
    #expect(try findings(pain)["treatment_resistance"] == nil)
  }

  /// Treatment resistance is a finding either way: two adequate failed trials meet the usual
  /// definition, and the finding says so (issue 13).
  @Test func twoAdequateFailedTrialsAreSaidToMeetTheDefinition() throws {
    var journey = ShippedJourney()
    // The second trial (lorazepam, typed with a slip the patient confirms; not an antidepressant)
    // becomes bupropion for 8 weeks that helped only a little.
    let lorazepam = try #require(journey.psychiatric.firstIndex(of: "lorazapam"))
    journey.psychiatric[lorazepam] = "bupropion"
    journey.psychiatric.remove(at: lorazepam + 1)
    let found = try findings(journey)
    #expect(
      found["treatment_resistance"]?.text.hasPrefix(
        "Adequate failed antidepressant trials reported: 2; treatment-resistant depression as reported (2 or more)")
        == true, "\(String(describing: found["treatment_resistance"]?.text))")
  }

  /// The MDQ's three parts met: the note says "positive" (issue 13).
  @Test func aMoodScreenWithAllThreePartsIsPositive() throws {
    var journey = ShippedJourney()
    journey.psychiatric[journey.psychiatric.count - 1] = "yes"
    journey.moodHistory = ["1, 2, 3, 4, 5, 6, 7", "yes", "serious", "3"]
    let found = try findings(journey)
    #expect(
      found["mood_screen_positive"]?.text
        == "Mood screen (MDQ structure) positive: 7 of 13 items, several in the same period, and how much of a problem: Serious problem."
    )
    journey.moodHistory = ["1, 2, 3, 4, 5, 6, 7", "yes", "minor", "3"]
    #expect(try findings(journey)["mood_screen_positive"] == nil)
  }

  /// "Not sure" about psychotic symptoms is a finding worded as not sure, never "reported".
  @Test func notSureAboutPsychosisIsWordedAsNotSure() throws {
    var journey = ShippedJourney()
    let count = journey.psychiatric.count
    journey.psychiatric.replaceSubrange((count - 2)..<count, with: ["not sure", "4", "no", "no"])
    let found = try findings(journey)
    #expect(found["psychosis"] == nil)
    #expect(
      found["psychosis_unsure"]?.text
        == "The patient is not sure whether they have had psychotic symptoms (seeing or hearing things others could not, or strong beliefs others did not share); when: I'm not sure."
    )
  }

  /// "Not sure" to the mania question with none of the mood screen's items is not a history of
  /// mania (the note said one was reported; issue 12, round six).
  @Test func notSureAboutAHighWithANegativeMoodScreenIsNoManiaFinding() throws {
    var journey = ShippedJourney()
    journey.psychiatric[journey.psychiatric.count - 1] = "not sure"
    journey.moodHistory = ["none"]
    #expect(try findings(journey)["mania"] == nil)
  }

  /// A positive PTSD screen in a patient not here for PTSD is a finding that asks for the PCL-5;
  /// the PCL-5's 20 items are not asked after it (they ask the same symptoms again).
  @Test func aPositivePTSDScreenAsksThePsychiatristForThePCL5() throws {
    var journey = ShippedJourney()
    journey.trauma = ["yes", "yes", "yes", "yes", "no", "no"]
    journey.background = ["none", "2", "1", "no", "no"]  // military service is asked after trauma
    let patient = try journey.run()
    let found = try findings(journey)
    #expect(
      found["ptsd_probable"]?.text
        == "PTSD screen (PC-PTSD-5) at 3 of 5, at or above the cut-off of 3: probable PTSD; the PCL-5 was not given.")
    #expect(!patient.session.answers.isAnswered("pcl5_1"))
    #expect(try findings(ShippedJourney())["ptsd_probable"] == nil)
  }

  @Test func interactionFlagsFromTheLexicon() throws {
    var journey = ShippedJourney()
    journey.medications = [
      // "oxycodone 5mg": the name is asked back alone, then the dose is its own answer.
      "yes", "Klonopin", "1 mg", "2", "yes", "nardil", "", "1", "yes", "oxycodone 5mg", "6",
      "no", "1", "none",
    ]
    let found = try findings(journey)
    // The whole record is cited: the psychiatrist sees dose and frequency in the reason.
    #expect(found["benzodiazepine"]?.evidence.map(\.question) == ["Current medicines #1"])
    #expect(
      found["benzodiazepine"]?.evidence.map(\.answer) == ["Medicine: Klonopin; Dose: 1 mg; How often: Twice a day"])
    // And in plain words, with the generic name of a brand.
    #expect(found["benzodiazepine"]?.evidence.map(\.citation) == ["reports Klonopin (clonazepam) 1 mg twice a day"])
    #expect(
      found["opioid"]?.evidence.map(\.citation) == ["reports oxycodone 5 mg only when needed"])
    #expect(found["maoi"] != nil)
    #expect(found["opioid"] != nil)
    #expect(found["stimulant"] == nil)
    #expect(found["naltrexone"] == nil)
  }

  @Test(arguments: [("3", true), ("4", true), ("5", true), ("1", false), ("2", false), ("6", false)])
  func transportPlans(choice: String, blocked: Bool) throws {
    var journey = ShippedJourney()
    // A plan the clinic cannot accept is said plainly; here the patient keeps it.
    journey.transport =
      [choice] + (blocked ? ["keep my plan"] : [])
      + (["1", "2"].contains(choice) ? ["my sister Sam", "555 987 6543"] : []) + ["no", "yes"]
    let found = try findings(journey)
    #expect((found["transport_not_allowed"] != nil) == blocked)
    #expect((found["transport_unknown"] != nil) == (choice == "6"))
  }

  /// Told that driving home is not allowed, the patient changes the plan at once: the driver is
  /// asked for, and scheduling is not blocked.
  @Test func aPlanChangedWhenToldItIsNotAllowedIsNotBlocked() throws {
    var journey = ShippedJourney()
    journey.transport =
      ["I will drive myself", "my husband will drive me", "my husband Sam Lee", "555 987 6543"]
      + ["no", "yes"]
    let patient = try journey.run()
    #expect(patient.transcript.joined().contains("The clinic cannot let you go home that way after treatment"))
    let found = try findings(journey)
    #expect(found["transport_not_allowed"] == nil)
    #expect(patient.session.answers.value(of: "driver_name") == .text("my husband Sam Lee"))
  }

  @Test func aThreatToOthersInterruptsAtOnceForStaff() throws {
    var patient = ScriptedPatient(dialog: try TestSupport.shippedDialog())
    let journey = ShippedJourney()
    patient.type(
      journey.beforePHQ9 + journey.phq9 + journey.phq9Difficulty + ["no", "no", "no"])
    patient.type("yes")
    let shown = patient.type("might act")
    // Nothing says someone is coming until a person has acknowledged the alert (issue 14).
    #expect(shown.hasPrefix("Thank you for being honest with us. Please go to the front desk now"))
    #expect(!shown.contains("has been told") && !shown.contains("is coming") && !shown.contains("on the way to"))
    #expect(shown.contains("call 911"))
    #expect(patient.events.contains(.escalation(rule: "harm_to_others", tier: 3, alert: true)))
    // The screen holds: Enter does not move on; staff resume it.
    patient.type("")
    #expect(patient.session.current == .interrupt("staff_now"))
    #expect(patient.staffAcknowledged() != nil)
    patient.staffResume()
    #expect(patient.session.current == .question("self_harm"))
    // A later crisis screen waits for its own acknowledgement.
    #expect(patient.conversation.acknowledged == false)
  }

  @Test func tier3InterruptsAtOnceWithCrisisResources() throws {
    var patient = ScriptedPatient(dialog: try TestSupport.shippedDialog())
    let journey = ShippedJourney()
    patient.type(
      journey.beforePHQ9 + journey.phq9 + journey.phq9Difficulty + ["yes", "yes", "no"])
    // "Yes" to some intention of acting (Q4) interrupts before Q5 is asked.
    let shown = patient.type("yes")
    #expect(shown.contains("988"))
    #expect(shown.contains("911"))
    #expect(shown.contains("Please go to the front desk now"))
    #expect(!shown.contains("has been told") && !shown.contains("is coming") && !shown.contains("on the way to"))
    #expect(patient.events.contains(.escalation(rule: "suicide_tier3", tier: 3, alert: true)))
    // Until a person acknowledges the alert, the held screen says to go to the front desk; then
    // it says someone is on the way, and says so again to whatever is typed there.
    #expect(patient.type("hello").contains("Please go to the front desk now"))
    #expect(
      patient.staffAcknowledged()?.hasPrefix("A member of staff has been told and is on the way to you.") == true)
    #expect(patient.type("hello").hasPrefix("A member of staff has been told and is on the way to you."))
    #expect(patient.staffAcknowledged() == nil)
    // The screen holds: Enter does not move on; staff resume it.
    patient.type("")
    #expect(patient.session.current == .interrupt("crisis_now"))
    patient.staffResume()
    #expect(patient.session.current == .question("cssrs_5"))
  }
}

extension ShippedScreeningTests {
  /// The mood screen is passed over after a clear "no" to the mania question: the summary says it
  /// was not asked, never "0 of 13 (negative)".
  @Test func aScreenThatWasNotAskedIsSaidNotAskedNotNegative() throws {
    let patient = try ShippedJourney().run()
    #expect(patient.session.isFinished)
    #expect(!patient.session.answers.isAnswered("mdq_1"))
    let result = Screening.evaluate(patient.session)
    let mdq = try #require(result.scores.first { $0.instrument == "mdq" })
    #expect(mdq.asked == false)
    #expect(mdq.total == nil)
    #expect(result.scores.first { $0.instrument == "phq9" }?.asked == nil)
  }
}

extension ShippedScreeningTests {
  /// A patient who declines is never listed as a consult, and the kiosk does not say their
  /// answers were sent to the care team: the end screen has said what happens.
  @Test func aDeclinedConsentIsNotAConsultAndIsNotToldAnythingWasSent() throws {
    let dialog = try TestSupport.shippedDialog()
    var screen = KioskScreen(
      conversation: Conversation(session: Session(dialog: dialog, clock: TestSupport.fixedClock)), interactive: false)
    _ = screen.start()
    _ = screen.handle(.line("english"))
    let declined = screen.handle(.line("no"))
    #expect(declined.text.contains("You do not have to continue"))
    let submitted = declined.submit ? declined : screen.handle(.line(""))
    #expect(submitted.submit)
    let closing = screen.saved(true)
    #expect(closing.text.contains("Thank you. Please let the front desk know you have finished."))
    #expect(!closing.text.contains("sent to the care team"))
    let result = Screening.evaluate(screen.conversation.session)
    #expect(result.outcome.category == "declined")
    #expect(result.findings.map(\.rule) == ["consent_declined"])
    // A whole intake still says its answers were sent.
    let whole = try ShippedJourney().run()
    #expect(whole.session.isFinished)
  }
}

extension ShippedScreeningTests {
  /// CLINICAL.md §11: a home reading above 180 systolic or 120 diastolic asks the patient to tell
  /// the front desk at once and alerts staff; one just below does neither.
  @Test(arguments: [("185/95", true), ("170/125", true), ("180/120", false)])
  func aReadingInTheCrisisRangeIsMetAtOnce(reading: String, crisis: Bool) throws {
    var patient = ScriptedPatient(dialog: try TestSupport.shippedDialog())
    let journey = ShippedJourney()
    patient.type(
      journey.beforePHQ9 + journey.phq9 + journey.phq9Difficulty + journey.suicideScreen + journey.gad7
        + journey.psychiatric + journey.moodHistory + journey.trauma + journey.background + ["none", "yes"])
    let shown = patient.type(reading)
    #expect(shown.hasPrefix("That blood pressure reading is very high. Please tell the front desk now") == crisis)
    #expect(patient.events.contains(.escalation(rule: "bp_crisis", tier: 3, alert: true)) == crisis)
    // It holds until staff resume: Enter does not carry the patient on into more questions.
    if crisis {
      patient.type("")
      #expect(patient.session.current == .interrupt("bp_now"))
    }
  }
}

extension ShippedScreeningTests {
  /// The GAD-7 after a GAD-2 below 3, for a patient not here for anxiety: its other five items are
  /// not asked, and the summary says the GAD-7 was not asked (never a partial total), with the
  /// GAD-2 scored on its own row.
  @Test func aGAD2BelowItsCutOffLeavesTheGAD7NotAsked() throws {
    var journey = ShippedJourney()
    journey.reasons[0] = "1"
    journey.gad7 = ["2", "2"]
    let patient = try journey.run()
    #expect(patient.session.isFinished)
    #expect(!patient.session.answers.isAnswered("gad7_3"))
    let scores = Screening.evaluate(patient.session).scores
    #expect(scores.first { $0.instrument == "gad7" }?.asked == false)
    #expect(scores.first { $0.instrument == "gad2" }?.total == 2)
    // Anxiety as a reason for coming asks all seven whatever the GAD-2.
    var anxious = ShippedJourney()
    anxious.gad7 = ["2", "2", "1", "1", "1", "1", "1"]
    let whole = Screening.evaluate(try anxious.run().session).scores
    #expect(whole.first { $0.instrument == "gad7" }?.total == 2)
  }

  /// A patient here for chronic pain gets the pain questions and the PEG, scored as the mean of
  /// its three items, and the pain findings (CLINICAL.md §10); a patient not here for pain does not.
  @Test func aPainPatientGetsThePainQuestionsAndThePEG() throws {
    // Not here for depression, and a PHQ-9 below 10: the depression history is not asked.
    let journey = ShippedJourney.painOnly()
    let patient = try journey.run()
    #expect(patient.session.isFinished, "\(patient.transcript.suffix(4))")
    let result = Screening.evaluate(patient.session)
    #expect(result.scores.first { $0.instrument == "peg" }?.total == 6)
    let rules = Set(result.findings.map(\.rule))
    #expect(rules.isSuperset(of: ["pain_baseline", "pain_weak_evidence"]))
    #expect(result.findings.first { $0.rule == "pain_baseline" }?.text.contains("PEG 6 of 10") == true)
    let plain = Screening.evaluate(try ShippedJourney().run().session)
    #expect(plain.scores.first { $0.instrument == "peg" }?.asked == false)
    #expect(!plain.findings.contains { $0.rule.hasPrefix("pain_") })
  }
}

extension ShippedScreeningTests {
  /// A patient already diagnosed with bipolar disorder is not given the bipolar screen (the MDQ
  /// adds nothing to the diagnosis); the type and the last high are asked instead, and the
  /// finding says them.
  @Test func aKnownBipolarDiagnosisIsNotScreenedAgain() throws {
    var journey = ShippedJourney()
    let diagnoses = try #require(journey.psychiatric.firstIndex(of: "1,3"))
    journey.psychiatric[diagnoses] = "1,2,3"
    journey.psychiatric[journey.psychiatric.count - 1] = "yes"  // mania
    journey.moodHistory = ["2", "3"]  // bipolar II; the last high more than a year ago
    let patient = try journey.run()
    #expect(patient.session.isFinished, "\(patient.transcript.suffix(3))")
    #expect(!patient.session.answers.isAnswered("mdq_1"))
    let result = Screening.evaluate(patient.session)
    #expect(result.scores.first { $0.instrument == "mdq" }?.asked == false)
    let mania = try #require(result.findings.first { $0.rule == "mania" })
    #expect(mania.text.contains("Bipolar type: Bipolar II."))
    #expect(mania.text.contains("Last high: More than a year ago."))
  }
}
