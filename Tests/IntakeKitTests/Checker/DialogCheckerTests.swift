import IntakeKit
import IntakeStore
import IntakeTestSupport
import Testing

/// One test per diagnostic the loader and checker report: the exact text and position.
@Suite struct DialogCheckerTests {
  @Test func aCleanDialogHasNoDiagnostics() {
    let outcome = CheckerFixture.check(
      """
      section: main
      title: Main
      questions:
        - id: smokes
          kind: yes_no
          text: Do you smoke?
        - id: packs
          kind: integer
          when: smokes == true
          text: How many packs a day?
          min: 0
          max: 10
      """)
    #expect(outcome.diagnostics.isEmpty)
    #expect(outcome.dialog?.flow == ["smokes", "packs"])
  }

  @Test func missingFile() {
    // Only the cause is reported: no cascade of follow-on errors from the missing section.
    #expect(
      CheckerFixture.printed("", manifest: "id: f\nversion: \"1\"\ntitle: F\nsections: [nowhere.yaml]") == [
        "d/dialog.yaml:4:12: error: [IK001] cannot read 'nowhere.yaml': it is missing or unreadable"
      ])
  }

  @Test func yamlSyntax() {
    let printed = CheckerFixture.printed("section: main\ntitle: [unclosed\nquestions: []\n")
    #expect(printed.count == 1)
    #expect(printed[0].hasPrefix("d/main.yaml:3:10: error: [IK100] YAML syntax:"))
  }

  @Test func unknownKeySuggestsTheNearestOne() {
    #expect(
      CheckerFixture.printed(
        """
        section: main
        title: Main
        questions:
          - id: q
            kind: yes_no
            txet: Hello?
        """) == [
          "d/main.yaml:4:5: error: [IK103] question 'q' needs a 'text'",
          "d/main.yaml:6:5: error: [IK101] unknown key 'txet' in question 'q'; did you mean 'text'?",
        ])
  }

  @Test func wrongValueType() {
    #expect(
      CheckerFixture.printed(
        """
        section: main
        title: Main
        questions:
          - id: q
            kind: integer
            text: How many?
            min: few
        """) == ["d/main.yaml:7:10: error: [IK102] 'min' in question 'q' must be a number, not 'few'"])
  }

  @Test func yesIsNotCoercedToABoolean() {
    // `required: yes` would be true in YAML 1.1; the format takes only true or false.
    #expect(
      CheckerFixture.printed(
        """
        section: main
        title: Main
        questions:
          - id: q
            kind: yes_no
            text: Hello?
            required: yes
        """) == ["d/main.yaml:7:15: error: [IK102] 'required' in question 'q' must be true or false, not 'yes'"])
  }

  @Test func duplicateID() {
    #expect(
      CheckerFixture.printed(
        """
        section: main
        title: Main
        questions:
          - id: q
            kind: yes_no
            text: One?
          - id: q
            kind: yes_no
            text: Two?
        """) == ["d/main.yaml:7:9: error: [IK104] id 'q' is already used at d/main.yaml:4:9; ids must be unique"])
  }

  @Test func aRuleOrCategoryDeclaredTwiceAndAnUnknownCategoryAreErrors() {
    let rules = """
      categories:
        - {id: a, title: A, rank: 1, outcome: proceed}
        - {id: a, title: A again, rank: 2, outcome: proceed}
      rules:
        - {id: r, category: a, when: q, finding: One}
        - {id: r, category: b, when: q, finding: Two}
      """
    let printed = CheckerFixture.printed(
      """
      section: main
      title: Main
      questions:
        - id: q
          kind: yes_no
          text: One?
      """, files: ["rules.yaml": rules], manifest: CheckerFixture.manifest + "\nrules: rules.yaml")
    #expect(
      printed == [
        "d/rules.yaml:3:10: error: [IK104] category 'a' is declared twice",
        "d/rules.yaml:6:10: error: [IK104] rule 'r' is declared twice",
        "d/rules.yaml:6:23: error: [IK105] category 'b' is not declared; did you mean 'a'?",
      ])
  }

  @Test func unknownReference() {
    #expect(
      CheckerFixture.printed(
        """
        section: main
        title: Main
        questions:
          - id: smokes
            kind: yes_no
            text: Do you smoke?
          - id: packs
            kind: integer
            when: smoke == true
            text: How many packs?
        """) == ["d/main.yaml:9:11: error: [IK105] unknown name 'smoke'; did you mean 'smokes'?"])
  }

  @Test func aCiteTemplateReadsTheRecordsFieldsAndNothingUnknown() {
    #expect(
      CheckerFixture.printed(
        """
        section: main
        title: Main
        questions:
          - id: meds
            kind: repeat
            text: Any medicines?
            another: Another?
            max_records: 3
            cite: "reports {med}[ {dos}]"
            items:
              - id: med
                kind: text
                text: Which?
              - id: dose
                kind: text
                text: Dose?
        """) == ["d/main.yaml:9:28: error: [IK105] unknown name 'dos'; did you mean 'dose'?"])
  }

  @Test func resumeWithMustNameADateQuestion() {
    let main = "section: main\ntitle: Main\nquestions:\n  - id: name\n    kind: text\n    text: Name?\n"
    #expect(
      CheckerFixture.printed(main, manifest: CheckerFixture.manifest + "\nresume_with: name") == [
        "d/dialog.yaml:5:14: error: [IK201] 'resume_with' must name a date question outside repeat groups, such as the date of birth"
      ])
  }

  @Test func invalidValue() {
    #expect(
      CheckerFixture.printed(
        """
        section: main
        title: Main
        questions:
          - id: q
            kind: integer
            text: How many?
            min: 10
            max: 1
        """) == ["d/main.yaml:7:5: error: [IK106] min (10) is above max (1) in question 'q'"])
  }

  @Test func unknownFunction() {
    #expect(
      CheckerFixture.printed(
        """
        section: main
        title: Main
        questions:
          - id: q
            kind: text
            text: Name?
          - id: r
            kind: yes_no
            when: length(q) > 2
            text: Sure?
        """) == [
          "d/main.yaml:9:11: error: [IK107] unknown function 'length'; expected one of: age, all, answered, any, choose, coalesce, concerns, count, count_true, known, len, matches, max, min, ongoing, sum, tags, today"
        ])
  }

  @Test func anInvalidPatternIsReportedAtLoad() {
    #expect(
      CheckerFixture.printed(
        """
        section: main
        title: Main
        questions:
          - id: dose
            kind: text
            text: Dose?
            checks:
              - require: matches(dose, "([0-9]")
                message: Add a unit.
        """) == ["d/main.yaml:8:32: error: [IK106] '([0-9]' is not a valid regular expression"])
  }

  @Test func expressionSyntaxPointsAtTheToken() {
    #expect(
      CheckerFixture.printed(
        """
        section: main
        title: Main
        questions:
          - id: q
            kind: integer
            text: How many?
          - id: r
            kind: yes_no
            when: q = 3
            text: Sure?
        """) == ["d/main.yaml:9:13: error: [IK200] use '==' to compare; a single '=' is not an operator here"])
  }

  @Test func textNeverEqualsANumber() {
    #expect(
      CheckerFixture.printed(
        """
        section: main
        title: Main
        questions:
          - id: q
            kind: integer
            text: How many?
          - id: r
            kind: yes_no
            when: q == "5"
            text: Sure?
        """) == [
          "d/main.yaml:9:11: error: [IK201] cannot compare number with text: 'q' and '\"5\"' can never be equal; text in quotes is not a number"
        ])
  }

  /// `smokes == "yes"` is what an author writes first: the error says what to write.
  @Test func aYesNoComparedWithTextSaysHowToWriteIt() {
    #expect(
      CheckerFixture.printed(
        """
        section: main
        title: Main
        questions:
          - id: smokes
            kind: yes_no
            text: Do you smoke?
          - id: r
            kind: yes_no
            when: smokes == "yes"
            text: Sure?
        """) == [
          "d/main.yaml:9:11: error: [IK201] cannot compare yes/no with text: 'smokes' and '\"yes\"' can never be equal; a yes/no answer is true or false, not text: write 'smokes == true' for yes, 'smokes == false' for no"
        ])
  }

  @Test func conditionReadingALaterQuestion() {
    #expect(
      CheckerFixture.printed(
        """
        section: main
        title: Main
        questions:
          - id: first
            kind: yes_no
            when: second == true
            text: First?
          - id: second
            kind: yes_no
            text: Second?
        """) == [
          "d/main.yaml:6:11: error: [IK202] 'first' reads 'second' in its 'when', but 'second' is not asked before 'first' on any path (it is at d/main.yaml:8:9); move the question or the condition"
        ])
  }

  @Test func unknownOption() {
    #expect(
      CheckerFixture.printed(
        """
        section: main
        title: Main
        questions:
          - id: ride
            kind: choice
            text: How will you get home?
            options:
              - { id: driver, text: Someone drives me }
              - { id: self, text: I drive }
          - id: name
            kind: text
            when: ride == "drivr"
            text: Driver's name?
        """) == ["d/main.yaml:12:19: error: [IK203] 'ride' has no option 'drivr'; did you mean 'driver'?"])
  }

  @Test func possiblyMissingValueWarns() {
    let outcome = CheckerFixture.check(
      """
      section: main
      title: Main
      questions:
        - id: smokes
          kind: yes_no
          required: false
          text: Do you smoke?
        - id: quit
          kind: yes_no
          when: not (smokes == true)
          text: Did you ever smoke?
      """)
    #expect(outcome.errors.isEmpty)
    #expect(
      outcome.diagnostics.map(\.description) == [
        "d/main.yaml:10:16: warning: [IK204] 'quit' reads 'smokes' in its 'when', which can be missing here (skipped or not asked); missing compares false, so check with answered(smokes) if that matters"
      ])
    // Guarding with answered() silences it.
    let guarded = CheckerFixture.check(
      """
      section: main
      title: Main
      questions:
        - id: smokes
          kind: yes_no
          required: false
          text: Do you smoke?
        - id: quit
          kind: yes_no
          when: answered(smokes) and not (smokes == true)
          text: Did you ever smoke?
      """)
    #expect(guarded.diagnostics.isEmpty)
  }

  @Test func missingBranchTarget() {
    #expect(
      CheckerFixture.printed(
        """
        section: main
        title: Main
        questions:
          - id: q
            kind: yes_no
            text: Continue?
            next:
              - when: q == false
                goto: goodbye
        """) == ["d/main.yaml:9:15: error: [IK300] 'q' goes to 'goodbye', which is not a question (or write 'end')"])
  }

  /// A `next:` target, and a last branch without `when`, are reported where the target is written.
  @Test func missingNextTargetIsReportedAtItsName() {
    #expect(
      CheckerFixture.printed(
        """
        section: main
        title: Main
        questions:
          - id: q
            kind: yes_no
            text: Continue?
            next: goodby
          - id: r
            kind: yes_no
            text: Sure?
            next:
              - when: r == false
                goto: end
              - goto: farewell
          - id: goodbye
            kind: message
            text: Bye.
        """) == [
          "d/main.yaml:7:11: error: [IK300] 'q' goes to 'goodby', which is not a question; did you mean 'goodbye'? (or write 'end')",
          "d/main.yaml:14:15: error: [IK300] 'r' goes to 'farewell', which is not a question (or write 'end')",
        ])
  }

  @Test func cycleWithNoWayOut() {
    #expect(
      CheckerFixture.printed(
        """
        section: main
        title: Main
        questions:
          - id: a
            kind: yes_no
            text: A?
          - id: b
            kind: yes_no
            text: B?
            next: c
          - id: c
            kind: message
            text: C.
            next: b
        """) == [
          "d/main.yaml:4:9: error: [IK303] no path from 'a' reaches the end of the dialog; every way on runs into a loop",
          "d/main.yaml:7:9: error: [IK301] these questions loop with no way out: b → c → b; add a branch that leaves the loop",
        ])
  }

  @Test func aLoopWithAnExitIsFine() {
    let outcome = CheckerFixture.check(
      """
      section: main
      title: Main
      questions:
        - id: phone
          kind: text
          text: Phone?
        - id: confirm
          kind: yes_no
          text: "Is {phone} right?"
          next:
            - when: confirm == false
              goto: phone
      """)
    #expect(outcome.diagnostics.isEmpty)
  }

  /// 'a' jumps to 'c', so no path reaches 'b'.
  static let skipsB = """
    section: main
    title: Main
    questions:
      - id: a
        kind: yes_no
        text: A?
        next: c
      - id: b
        kind: yes_no
        text: B?
      - id: c
        kind: yes_no
        text: C?

    """

  @Test func unreachableNode() {
    #expect(
      CheckerFixture.printed(Self.skipsB)
        == [
          "d/main.yaml:8:9: error: [IK302] no path reaches 'b': 'a' always goes on to 'c' (d/main.yaml:7:11), past it; change that 'next', or move 'b'"
        ])
  }

  /// A question no path reaches is reported once: what reads it, or what it reads, is not
  /// blamed on the order of questions.
  @Test func anUnreachableQuestionBringsNoFollowOnErrors() {
    #expect(
      CheckerFixture.printed(
        """
        section: main
        title: Main
        questions:
          - id: a
            kind: yes_no
            text: A?
            next: c
          - id: b
            kind: yes_no
            when: a == true
            text: B?
          - id: c
            kind: yes_no
            when: b == true
            text: C?
        """)
        == [
          "d/main.yaml:8:9: error: [IK302] no path reaches 'b': 'a' always goes on to 'c' (d/main.yaml:7:11), past it; change that 'next', or move 'b'"
        ])
  }

  /// A duplicate id does not hide the next mistake.
  @Test func checkingGoesOnPastADuplicateID() {
    let printed = CheckerFixture.printed(Self.skipsB + "  - id: c\n    kind: yes_no\n    text: C again?\n")
    #expect(printed.contains { $0.contains("[IK104] id 'c' is already used") }, "\(printed)")
    #expect(printed.contains { $0.contains("[IK302] no path reaches 'b'") }, "\(printed)")
  }

  // MARK: Dead code

  static let painQuestions = """
    section: main
    title: Main
    questions:
      - id: pain_now
        kind: integer
        min: 0
        max: 10
        text: Pain now, 0 to 10?
      - id: worst
        kind: message
        when: pain_now > 10
        text: That is the worst pain.
    """

  @Test func aConditionTheAnswersRangeRulesOutIsAnErrorAtTheConditionWithTheReason() {
    #expect(
      CheckerFixture.printed(Self.painQuestions) == [
        "d/main.yaml:11:11: error: [IK308] 'when' of 'worst' (pain_now > 10) can never be true: 'pain_now' is between 0 and 10 (its min and max), so 'pain_now > 10' is never true. Fix the condition, or mark the question 'dormant: <why>' if that is meant"
      ])
    // Meant: said why, and quiet.
    #expect(
      CheckerFixture.printed(
        Self.painQuestions + "\n    dormant: kept until the scale goes to 12") == [])
    // An empty reason says nothing to the next author.
    #expect(
      CheckerFixture.printed(Self.painQuestions + "\n    dormant: \"\"").contains {
        $0.contains("[IK106] 'dormant' of question 'worst' must say why")
      })
  }

  @Test func contradictionsAndRangesThatDoNotMeetAreErrors() {
    let both = Self.painQuestions.replacingOccurrences(of: "pain_now > 10", with: "pain_now > 7 and pain_now < 3")
    #expect(
      CheckerFixture.printed(both).first?.hasSuffix(
        "can never be true: no 'pain_now' is 'pain_now > 7' and 'pain_now < 3' at once. Fix the condition, or mark the question 'dormant: <why>' if that is meant"
      ) == true)
    let opposite = Self.painQuestions.replacingOccurrences(
      of: "pain_now > 10", with: "pain_now == 2 and pain_now == 3")
    #expect(CheckerFixture.printed(opposite).first?.contains("[IK308]") == true)
    // Either side possible: not dead.
    let either = Self.painQuestions.replacingOccurrences(of: "pain_now > 10", with: "pain_now > 10 or pain_now == 0")
    #expect(CheckerFixture.printed(either) == [])
  }

  /// A total worked out from scored items has their range: a threshold above it is dead code.
  @Test func aThresholdAboveWhatATotalCanReachIsAnError() {
    let printed = CheckerFixture.printed(
      """
      section: main
      title: Main
      questions:
        - { id: a, kind: scale, scale: s, text: A? }
        - { id: b, kind: scale, scale: s, text: B? }
        - { id: high, kind: message, when: ab_total >= 7, text: High. }
      """,
      files: ["scoring.yaml": "computed:\n  - id: ab_total\n    value: sum(a, b)\n"],
      manifest: CheckerFixture.manifest
        + "\nscoring: scoring.yaml\nscales:\n  - id: s\n    options:\n      - { id: none, text: None, score: 0 }\n      - { id: lot, text: A lot, score: 3 }\n"
    )
    #expect(
      printed.first?.contains(
        "[IK308] 'when' of 'high' (ab_total >= 7) can never be true: 'ab_total' is between 0 and 6 (from what it adds up)"
      ) == true, "\(printed)")
  }

  /// Bands with a gap or an overlap give some totals no meaning, or two.
  @Test func bandsMustCoverTheRangeOnceEach() {
    func printed(_ bands: String) -> [String] {
      CheckerFixture.printed(
        """
        section: main
        title: Main
        questions:
          - { id: a, kind: scale, scale: s, text: A? }
        """,
        files: [
          "scoring.yaml": """
          computed:
            - { id: a_total, value: sum(a) }
          instruments:
            - id: tiny
              title: Tiny
              items: [a]
              total: a_total
              max: 3
              bands: [\(bands)]
          """
        ],
        manifest: CheckerFixture.manifest
          + "\nscoring: scoring.yaml\nscales:\n  - id: s\n    options:\n      - { id: n, text: No, score: 0 }\n      - { id: y, text: Yes, score: 3 }\n"
      ).filter { $0.contains("bands of") }
    }
    #expect(printed("{ min: 0, max: 1, label: Low }, { min: 2, max: 3, label: High }") == [])
    #expect(
      printed("{ min: 0, max: 0, label: Low }, { min: 2, max: 3, label: High }").first?.contains(
        "the bands of 'tiny' must cover 0 to its max once each: a total of 1 is in no band") == true)
    #expect(
      printed("{ min: 0, max: 2, label: Low }, { min: 2, max: 3, label: High }").first?.contains(
        "'Low' and 'High' both hold 2") == true)
    #expect(
      printed("{ min: 0, max: 2, label: Low }").first?.contains("a total above 2 (up to its max, 3) is in no band")
        == true)
  }

  /// A dialog that asks for a name but does not say in the note which answer it is.
  @Test func aNameTheNoteDoesNotNameIsWarnedAbout() {
    let printed = CheckerFixture.printed(
      """
      section: main
      title: Main
      questions:
        - { id: first_name, kind: text, person_name: true, text: Your first name? }
      """)
    #expect(printed.count == 1, "\(printed)")
    #expect(printed.first?.contains("warning: [IK405] the note names no patient") == true, "\(printed)")
    #expect(printed.first?.contains("('first_name'?)") == true)
  }

  @Test func aRuleTheClinicsSettingsTurnOffIsMeant() {
    let rules = """
      categories: [{ id: note, title: Note, rank: 1, outcome: Note it. }]
      rules:
        - id: severe
          category: note
          when: offer_severe and pain_now >= 9
          finding: Severe pain.
        - id: impossible
          category: note
          when: pain_now >= 11
          finding: Impossible pain.
      """
    let settings = "settings:\n  - id: offer_severe\n    value: false\n"
    let printed = CheckerFixture.printed(
      Self.painQuestions.replacingOccurrences(of: "pain_now > 10", with: "pain_now > 5"),
      files: ["rules.yaml": rules, "settings.yaml": settings],
      manifest: CheckerFixture.manifest + "\nrules: rules.yaml\nsettings: settings.yaml")
    #expect(printed.count == 1, "\(printed)")
    #expect(printed.first?.contains("[IK308] rule 'impossible' can never be true") == true, "\(printed)")
  }

  @Test func pathThatNeverReachesTheEnd() {
    #expect(
      CheckerFixture.printed(
        """
        section: main
        title: Main
        questions:
          - id: a
            kind: yes_no
            text: A?
            next:
              - when: a == true
                goto: b
              - goto: end
          - id: b
            kind: message
            text: B.
            next: c
          - id: c
            kind: message
            text: C.
            next: b
        """) == [
          "d/main.yaml:11:9: error: [IK301] these questions loop with no way out: b → c → b; add a branch that leaves the loop"
        ])
  }

  @Test func questionLeadingOnlyIntoATrapNeverReachesTheEnd() {
    #expect(
      CheckerFixture.printed(
        """
        section: main
        title: Main
        questions:
          - id: a
            kind: yes_no
            text: A?
            next:
              - when: a == true
                goto: lead
              - goto: end
          - id: lead
            kind: message
            text: Lead.
            next: b
          - id: b
            kind: message
            text: B.
            next: c
          - id: c
            kind: message
            text: C.
            next: b
        """) == [
          "d/main.yaml:11:9: error: [IK303] no path from 'lead' reaches the end of the dialog; every way on runs into a loop",
          "d/main.yaml:15:9: error: [IK301] these questions loop with no way out: b → c → b; add a branch that leaves the loop",
        ])
  }

  @Test func shippedDialogChecksClean() throws {
    let outcome = DialogLoader.check(DialogDirectory(path: TestSupport.shippedDialogPath))
    #expect(outcome.diagnostics.map(\.description) == [])
  }
}
