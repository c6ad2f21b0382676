/// Every sentence the kiosk itself says to a patient (not the dialog's questions): how to answer,
/// the commands, refusals, asking back, resuming, going idle, the language screen. Each has a
/// stable key, the key a translation's `kiosk:` mapping gives its words under, and its English
/// words here. `{name}` pieces are filled by the kiosk; a translation keeps each of them
/// (`intake check`, IK502).
///
/// The words are plain language in short sentences, and nothing clinical: that is the dialog's.
public enum KioskPhrase: String, CaseIterable, Sendable {
  // MARK: The language screen and the switch
  /// Under the titles on the first screen, in each language offered.
  case chooseLanguage = "choose_language"
  /// The language's name in itself, as the language screen lists it.
  case languageName = "language_name"
  /// The language's own line in `help`: the word that switches to it, and what it does.
  case switchCommand = "switch_command"
  /// Said again when the language screen's answer names no language.
  case languageUnclear = "language_unclear"

  // MARK: Answering
  case howToAnswer = "how_to_answer"
  case commands
  case reask
  case skipHint = "skip_hint"
  case pressEnter = "press_enter"
  case chooseAllHint = "choose_all_hint"
  case durationHint = "duration_hint"
  case durationHintOngoing = "duration_hint_ongoing"
  case dateExample = "date_example"
  case bloodPressureExample = "blood_pressure_example"
  case unitHintOne = "unit_hint_one"
  case unitHintMore = "unit_hint_more"
  case nameOrNo = "name_or_no"
  case typeBackToChange = "type_back_to_change"
  case notUsed = "not_used"
  case noted
  case recordHeading = "record_heading"
  case yourAnswerWas = "your_answer_was"
  case whyDefault = "why_default"
  case firstQuestion = "first_question"
  case cannotSkip = "cannot_skip"
  case skipped
  case typeAnAnswer = "type_an_answer"

  // MARK: Asking back
  case typeAgain = "type_again"
  case yesNoOrAgain = "yes_no_or_again"
  case numberOrAgain = "number_or_again"
  case typeYesOrNo = "type_yes_or_no"
  case chooseReading = "choose_reading"
  case implausible
  case isThat = "is_that"

  // MARK: Stopping, holding, resuming
  case confirmQuit = "confirm_quit"
  case letsContinue = "lets_continue"
  case quitConfirmed = "quit_confirmed"
  case welcomeBack = "welcome_back"
  case holdReminder = "hold_reminder"
  case staffResumed = "staff_resumed"
  case endedEarly = "ended_early"
  case saveFailed = "save_failed"
  case inputEnded = "input_ended"
  case storageFailed = "storage_failed"
  case lineTooLong = "line_too_long"
  case typedAhead = "typed_ahead"
  case typedAheadRestDropped = "typed_ahead_rest_dropped"
  case typedAheadDropped = "typed_ahead_dropped"
  case pressEnterToFinish = "press_enter_to_finish"
  case idleWarning = "idle_warning"
  case idleHeldWarning = "idle_held_warning"
  case resumeHint = "resume_hint"
  case resumeCodeAsk = "resume_code_ask"
  case resumeCodePrompt = "resume_code_prompt"
  case resumeBirthAsk = "resume_birth_ask"
  case resumeBirthPrompt = "resume_birth_prompt"
  case resumeCannotOpen = "resume_cannot_open"
  case resumeTryAgain = "resume_try_again"
  case resumeCodeGiven = "resume_code_given"
  case resumeLater = "resume_later"
  /// How `resume_later` writes the time (a `DateFormatter` pattern, in the language's locale).
  case timeFormat = "time_format"
  case resumeUnopenable = "resume_unopenable"
  case resumeRefused = "resume_refused"
  case resumeTooMany = "resume_too_many"
  case resumeOtherVersion = "resume_other_version"
  case resumeUnavailable = "resume_unavailable"

  // MARK: Looking over the answers
  case noAnswersYet = "no_answers_yet"
  case answersSoFar = "answers_so_far"
  case reviewListHint = "review_list_hint"
  case reviewListUnclear = "review_list_unclear"
  case reviewOfferUnclear = "review_offer_unclear"
  case reviewHeading = "review_heading"
  case reviewHeadingPart = "review_heading_part"
  case reviewPage = "review_page"
  case reviewLastPage = "review_last_page"
  case reviewBackOrDone = "review_back_or_done"
  case reviewDone = "review_done"
  case reviewFirstPage = "review_first_page"
  case reviewUnclear = "review_unclear"

  // MARK: Answers said back
  case shownYes = "shown_yes"
  case shownNo = "shown_no"
  case shownSkipped = "shown_skipped"
  case shownNotKnown = "shown_not_known"
  case shownNone = "shown_none"
  case shownNotAnswered = "shown_not_answered"

  // MARK: Answers not taken
  case answerYesOrNo = "answer_yes_or_no"
  case messageNeedsNoAnswer = "message_needs_no_answer"
  case aboutHowMany = "about_how_many"
  case aboutHowManyTime = "about_how_many_time"
  case roughNumber = "rough_number"
  case wholeNumber = "whole_number"
  case aNumber = "a_number"
  case rangeBetween = "range_between"
  case rangeAtLeast = "range_at_least"
  case rangeAtMost = "range_at_most"
  case rangeIn = "range_in"
  case forExample = "for_example"
  case doYouMean = "do_you_mean"
  case typeSomething = "type_something"
  case tooLong = "too_long"
  case tooLongMarks = "too_long_marks"
  case doseTooLong = "dose_too_long"
  case doseAddUnit = "dose_add_unit"
  case doseWithUnit = "dose_with_unit"
  case doseSkip = "dose_skip"
  case medicineNameIs = "medicine_name_is"
  case didYouMeanName = "did_you_mean_name"
  case nameRestKept = "name_rest_kept"
  case nameYesOrTyped = "name_yes_or_typed"
  case dateFormat = "date_format"
  case dateInFuture = "date_in_future"
  case dateTooOld = "date_too_old"
  case dateReadBack = "date_read_back"
  case dateTwoWays = "date_two_ways"
  case dateSpoken = "date_spoken"
  case choiceSeveral = "choice_several"
  case choiceCouldBe = "choice_could_be"
  case valueOrPosition = "value_or_position"
  case valueOrPositionWords = "value_or_position_words"
  case didYouMeanOption = "did_you_mean_option"
  case didYouMeanOptionWords = "did_you_mean_option_words"
  case choiceNone = "choice_none"
  case pieceRefused = "piece_refused"
  case severalNone = "several_none"
  case severalDidYouMean = "several_did_you_mean"
  case exclusive
  case howLong = "how_long"
  case howLongOngoing = "how_long_ongoing"
  /// A rough amount asked back ("a couple of years": "Is that about 2 years?"; "a few months":
  /// about 3). Named for its first use; its key stays for the translations that have it.
  case aboutTwo = "about_two"
  case sinceYear = "since_year"
  case closerTo = "closer_to"
  case bloodPressureFormat = "blood_pressure_format"
  case bloodPressureWrong = "blood_pressure_wrong"

  /// The phrase in English, the kiosk's own language.
  public var english: String {
    switch self {
    case .chooseLanguage: "Choose a language: type its number or its name."
    case .languageName: "English"
    case .switchCommand: "english   to see the questions in English"
    case .languageUnclear: "Please type the number of your language."
    case .howToAnswer:
      "Type your answer and press Enter. For numbered answers, type the number or the words. Type help at any time to see what else you can do."
    case .commands:
      """
      You can type:
        back    go to the previous question
        review  see your answers and change one
        why     hear why we ask this question
        skip    leave out a question marked optional
        quit    stop without sending your answers
      """
    case .reask: "Type your answer when you are ready."
    case .skipHint: "(You can type skip to leave this one out.)"
    case .pressEnter: "Press Enter to continue."
    case .chooseAllHint: "(Choose all that apply: type the numbers separated by commas, for example 1, 3.)"
    case .durationHint: "(Weeks, months or years are all fine.)"
    case .durationHintOngoing: "(Weeks, months or years are all fine, or: {ongoing}.)"
    case .dateExample: "(For example 04/27/1986 or April 27, 1986.)"
    case .bloodPressureExample: "(For example 128/82.)"
    case .unitHintOne: "In {unit}."
    case .unitHintMore: "In {unit}; {others} are fine too."
    case .nameOrNo: "(Type the name, or no.)"
    case .typeBackToChange: "(Type back to change it.)"
    case .notUsed: "Not used from what you typed: \"{words}\". Please type it again when it is asked."
    case .noted: "Noted from what you typed: {answers}"
    case .recordHeading: "({group} {number})"
    case .yourAnswerWas: "Your answer was: {answer}. Press Enter to keep it, or type a new answer."
    case .whyDefault: "This helps the care team understand your situation and keep your treatment safe."
    case .firstQuestion: "This is the first question."
    case .cannotSkip: "This question needs an answer, so it cannot be skipped. Type help if you are not sure."
    case .skipped: "Skipped."
    case .typeAnAnswer: "Please type an answer. Type help if you are not sure."
    case .typeAgain: "No problem. Please type it again."
    case .yesNoOrAgain: "Please type yes or no, or type your answer again."
    case .numberOrAgain: "Please type the number of the one you mean, or type your answer again."
    case .typeYesOrNo: "(Type yes or no.)"
    case .chooseReading: "(Type the number of the one you mean, or type the answer again.)"
    case .implausible: "You entered {answer}. Is that right?"
    case .isThat: "Is that {choices}?"
    case .confirmQuit: "Do you want to stop now? Your answers will not be sent. Type yes to stop or no to continue."
    case .letsContinue: "Let's continue."
    case .quitConfirmed:
      "You have stopped. Your answers were not sent. Please let the front desk know, and they will help you."
    case .welcomeBack: "Welcome back. Your answers so far are kept. Here is where you stopped."
    case .holdReminder: "Please stay where you are. A member of staff is coming to you."
    case .staffResumed: "Thank you for waiting. The questions go on from here."
    case .endedEarly: "Thank you. Please let the front desk know you have finished."
    case .saveFailed: "We are sorry: your answers could not be saved. Please ask a member of staff for help now."
    case .inputEnded: "The input ended before the questions were finished. Nothing was sent."
    case .storageFailed:
      "We are sorry: your answers can no longer be saved on this kiosk. Please ask a member of staff for help now."
    case .lineTooLong: "That was too long to take in, so it was not kept. Please type a shorter answer and press Enter."
    case .typedAhead:
      "You typed the line below before this question appeared, so it has not been sent. Press Enter to send it as your answer here, or change it first."
    case .typedAheadRestDropped: "What you typed after that line was not kept: please type it again where it belongs."
    case .typedAheadDropped:
      "What you typed before this question appeared was not kept. Please read the question and type your answer."
    case .pressEnterToFinish: "Press Enter to finish. "
    case .idleWarning:
      "Are you still there? Press Enter to carry on. If nothing is typed in {seconds} seconds, your answers so far will be saved and this screen cleared for the next person."
    case .idleHeldWarning:
      "Are you still there? Please stay where you are: a member of staff is coming. Press Enter to keep this screen. If nothing is typed in {seconds} seconds, your answers so far will be saved and this screen cleared."
    case .resumeHint: "(If you were given a resume code to carry on where you stopped, type resume.)"
    case .resumeCodeAsk: "Please type your resume code (it looks like KX4M-9TQP)."
    case .resumeCodePrompt: "Code: "
    case .resumeBirthAsk: "Please type your date of birth, for example 04/27/1986."
    case .resumeBirthPrompt: "Date of birth: "
    case .resumeCannotOpen: "That saved session cannot be opened here. Please ask a member of staff."
    case .resumeTryAgain: "You can carry on with the question above, or type resume to try again."
    case .resumeCodeGiven:
      "Your answers are saved as you go. Your resume code is {code}. If you need to stop, type quit: you can carry on later from where you were with this code and your date of birth."
    case .resumeLater:
      "Your answers so far are saved on this kiosk. To carry on later, type resume at the first question, then your code {code} and your date of birth. The code works until {until}."
    case .timeFormat: "EEEE d MMMM 'at' h:mm a"
    case .resumeUnopenable:
      "Your saved answers cannot be opened on this kiosk. Please ask a member of staff: they can still see them."
    case .resumeRefused:
      "That code and date of birth do not open a saved session. Please check them and try again, or ask a member of staff."
    case .resumeTooMany: "Too many codes did not match. Please ask a member of staff to help you carry on."
    case .resumeOtherVersion:
      "Your saved answers were given to an earlier version of these questions. Please ask a member of staff."
    case .resumeUnavailable: "Saved sessions cannot be opened on this kiosk right now. Please ask a member of staff."
    case .noAnswersYet: "You have not answered any questions yet."
    case .answersSoFar: "Your answers so far:"
    case .reviewListHint: "Type a number to change that answer, or press Enter to go on."
    case .reviewListUnclear: "Please type a number from 1 to {count}, or press Enter to go on."
    case .reviewOfferUnclear: "Please answer yes or no (1 or 2)."
    case .reviewHeading: "Your answers: {title}"
    case .reviewHeadingPart: "Your answers: {title} ({part} of {parts})"
    case .reviewPage:
      "Page {page} of {pages}. Press Enter for the next page, or type the number of an answer to change it."
    case .reviewLastPage:
      "Page {page} of {pages}, the last. Press Enter to send your answers, or type the number of an answer to change it."
    case .reviewBackOrDone: "Type back for the previous page, or done when you have finished."
    case .reviewDone: "Type done when you have finished."
    case .reviewFirstPage: "This is the first page."
    case .reviewUnclear:
      "Please type a number from 1 to {count} to change that answer, press Enter for the next page, back for the previous page, or done."
    case .shownYes: "Yes"
    case .shownNo: "No"
    case .shownSkipped: "(skipped)"
    case .shownNotKnown: "(not sure)"
    case .shownNone: "(none)"
    case .shownNotAnswered: "(not answered)"
    case .answerYesOrNo: "Please answer yes or no."
    case .messageNeedsNoAnswer:
      "This screen needs no answer, so what you typed was not kept. Press Enter to go on, or type back to change the answer before."
    case .aboutHowMany: "About how many {unit}? A rough number is fine, for example 6 {unit}."
    case .aboutHowManyTime: "About how many {unit}? A rough number is fine, for example 6 {unit} or 3 {months}."
    case .roughNumber: "A rough number is fine, for example {number}."
    case .wholeNumber: "Please type a whole number{range}{example}."
    case .aNumber: "Please type a number{range}{example}."
    case .rangeBetween: " from {low} to {high}{unit}"
    case .rangeAtLeast: " of at least {low}{unit}"
    case .rangeAtMost: " of at most {high}{unit}"
    case .rangeIn: " in{unit}"
    case .forExample: ", for example {examples}"
    case .doYouMean: "Do you mean {answer}?"
    case .typeSomething: "Please type an answer."
    case .tooLong: "Please keep this under {limit} characters (you typed {typed})."
    case .tooLongMarks:
      "Please keep this under {limit} characters. Accent marks and symbols joined to a letter count as characters too."
    case .doseTooLong: "Please keep this under {limit} characters, for example 20 mg or 0.5 mg."
    case .doseAddUnit: "Please add the unit after the number, for example {amount} mg or {amount} mcg."
    case .doseWithUnit: "Please type the dose with its unit, for example 20 mg or 0.5 mg."
    case .doseSkip: " Type skip if you don't know."
    case .medicineNameIs: "Is the medicine's name {name}?"
    case .didYouMeanName: "Did you mean {name}?"
    case .nameRestKept: " (\"{rest}\" is used for the questions that come next, where it fits.)"
    case .nameYesOrTyped: " Type yes, or no if the name is \"{typed}\"."
    case .dateFormat:
      "Please type the date as month/day/year, for example 04/27/1986, or in words: April 27, 1986."
    case .dateInFuture: "That date is in the future. Please check it."
    case .dateTooOld: "That date is more than {years} years ago. Please check it."
    case .dateReadBack: "You typed {date}. Is that right?"
    case .dateTwoWays: "That date could be read more than one way. Which do you mean?"
    case .dateSpoken: "{day} {month} {year}"
    case .choiceSeveral: "That could be more than one answer. Which do you mean?"
    case .choiceCouldBe: "That could be {answers}. Please type a little more, or the number."
    case .valueOrPosition:
      "By {typed}, do you mean \"{value}\"? Type yes, or no if you meant answer {typed}, \"{position}\"."
    case .valueOrPositionWords:
      "{typed} could mean \"{value}\" or answer {typed}, \"{position}\". Please type the words of your answer."
    case .didYouMeanOption: "Did you mean \"{answer}\"?"
    case .didYouMeanOptionWords: "Did you mean \"{answer}\"? Please type its number or its words as shown."
    case .choiceNone: "Please type the number of your answer (1 to {count}), or its words."
    case .pieceRefused: "\"{piece}\": {message}"
    case .severalNone: "Please type the numbers of all that apply, separated by commas."
    case .severalDidYouMean: "Did you mean: {answers}?"
    case .exclusive: "\"{answer}\" cannot be chosen together with other answers."
    case .howLong: "Please type how long, for example 6 {weeks}, 3 {months} or {about_a_year}."
    case .howLongOngoing: "Please type how long, for example 6 {weeks}, 3 {months} or {about_a_year}, or {ongoing}."
    case .aboutTwo: "Is that {answer}?"
    case .sinceYear:
      "Do you mean since {year}, {answer}? If not, please type how long, for example 6 {weeks} or 3 {months}."
    case .closerTo: "Is that closer to {first} or {second}? Either is fine if you are not sure."
    case .bloodPressureFormat: "Please type the reading as two numbers with a slash, for example 128/82."
    case .bloodPressureWrong:
      "That reading does not look right. The first number is usually larger, for example 128/82."
    }
  }
}
