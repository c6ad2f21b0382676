/// The compiled form (`CompiledForm`) of every value a checked dialog holds: each type's stored
/// properties in declaration order. A property added to one of these types is added here, in both
/// directions; `CompiledDialogTests` compares every dialog it reads back with the one it saved,
/// property by property, and fails when one is left out. `Lexicon` and `Phrasebook` write theirs
/// in their own files (their properties are private to them).

extension Dialog: CompiledForm {
  public func write(to writer: CompiledWriter) {
    writer.write(id)
    writer.write(version)
    writer.write(title)
    writer.write(language)
    writer.write(sections)
    writer.write(questions)
    writer.write(flow)
    writer.write(computed)
    writer.write(computedOrder)
    writer.write(instruments)
    writer.write(categories)
    writer.write(rules)
    writer.write(lexicons)
    writer.write(safety)
    writer.write(resumeWith)
    writer.write(estimatedMinutes)
    writer.write(lengthBudget)
    writer.write(readingGradeMax)
    writer.write(audiences)
    writer.write(note)
    writer.write(translations)
    writer.write(flowIndex)
    writer.write(walkIndex)
  }

  public init(from reader: CompiledReader) throws(CompiledFormError) {
    id = try reader.read()
    version = try reader.read()
    title = try reader.read()
    language = try reader.read()
    sections = try reader.read()
    questions = try reader.read()
    flow = try reader.read()
    computed = try reader.read()
    computedOrder = try reader.read()
    instruments = try reader.read()
    categories = try reader.read()
    rules = try reader.read()
    lexicons = try reader.read()
    safety = try reader.read()
    resumeWith = try reader.read()
    estimatedMinutes = try reader.read()
    lengthBudget = try reader.read()
    readingGradeMax = try reader.read()
    audiences = try reader.read()
    note = try reader.read()
    translations = try reader.read()
    flowIndex = try reader.read()
    walkIndex = try reader.read()
    walkIndex = walkIndex?.taking(routesOf: self)
  }
}

extension Section: CompiledForm {
  public func write(to writer: CompiledWriter) {
    writer.write(id)
    writer.write(title)
    writer.write(summaryTitle)
    writer.write(inFlow)
    writer.write(summary)
    writer.write(questionIDs)
    writer.write(file)
  }

  public init(from reader: CompiledReader) throws(CompiledFormError) {
    id = try reader.read()
    title = try reader.read()
    summaryTitle = try reader.read()
    inFlow = try reader.read()
    summary = try reader.read()
    questionIDs = try reader.read()
    file = try reader.read()
  }
}

extension Question: CompiledForm {
  public func write(to writer: CompiledWriter) { fields.write(to: writer) }

  public init(from reader: CompiledReader) throws(CompiledFormError) {
    self.init(try QuestionFields(from: reader))
  }
}

extension QuestionFields: CompiledForm {
  public func write(to writer: CompiledWriter) {
    writer.write(id)
    writer.write(section)
    writer.write(kind)
    writer.write(text)
    writer.write(label)
    writer.write(patientLabel)
    writer.write(dormant)
    writer.write(specifies)
    writer.write(help)
    writer.write(why)
    writer.write(required)
    writer.write(when)
    writer.write(branches)
    writer.write(next)
    writer.write(nextLocation)
    writer.write(ends)
    writer.write(hold)
    writer.write(holdText)
    writer.write(acknowledgedText)
    writer.write(checks)
    writer.write(numberReading)
    writer.write(isPersonName)
    writer.write(isPhone)
    writer.write(pipedAs)
    writer.write(invalidMessage)
    writer.write(implausibleMessage)
    writer.write(group)
    writer.write(summary)
    writer.write(cite)
    writer.write(location)
    writer.write(textLocations)
    writer.write(verbatim)
    writer.write(audience)
    writer.write(denies)
  }

  public init(from reader: CompiledReader) throws(CompiledFormError) {
    id = try reader.read()
    section = try reader.read()
    kind = try reader.read()
    text = try reader.read()
    label = try reader.read()
    patientLabel = try reader.read()
    dormant = try reader.read()
    specifies = try reader.read()
    help = try reader.read()
    why = try reader.read()
    required = try reader.read()
    when = try reader.read()
    branches = try reader.read()
    next = try reader.read()
    nextLocation = try reader.read()
    ends = try reader.read()
    hold = try reader.read()
    holdText = try reader.read()
    acknowledgedText = try reader.read()
    checks = try reader.read()
    numberReading = try reader.read()
    isPersonName = try reader.read()
    isPhone = try reader.read()
    pipedAs = try reader.read()
    invalidMessage = try reader.read()
    implausibleMessage = try reader.read()
    group = try reader.read()
    summary = try reader.read()
    cite = try reader.read()
    location = try reader.read()
    textLocations = try reader.read()
    verbatim = try reader.read()
    audience = try reader.read()
    denies = try reader.read()
  }
}

extension Branch: CompiledForm {
  public func write(to writer: CompiledWriter) {
    writer.write(condition)
    writer.write(target)
    writer.write(location)
    writer.write(dormant)
    writer.write(targetLocation)
  }

  public init(from reader: CompiledReader) throws(CompiledFormError) {
    condition = try reader.read()
    target = try reader.read()
    location = try reader.read()
    dormant = try reader.read()
    targetLocation = try reader.read()
  }
}

extension Check: CompiledForm {
  public func write(to writer: CompiledWriter) {
    writer.write(condition)
    writer.write(message)
    writer.write(messageLocation)
  }

  public init(from reader: CompiledReader) throws(CompiledFormError) {
    condition = try reader.read()
    message = try reader.read()
    messageLocation = try reader.read()
  }
}

extension Audience: CompiledForm {
  public func write(to writer: CompiledWriter) {
    writer.write(id)
    writer.write(condition)
    writer.write(words)
    writer.write(location)
  }

  public init(from reader: CompiledReader) throws(CompiledFormError) {
    id = try reader.read()
    condition = try reader.read()
    words = try reader.read()
    location = try reader.read()
  }
}

extension AnswerOption: CompiledForm {
  public func write(to writer: CompiledWriter) {
    writer.write(id)
    writer.write(text)
    writer.write(score)
    writer.write(exclusive)
    writer.write(cite)
    writer.write(location)
    writer.write(aliases)
  }

  public init(from reader: CompiledReader) throws(CompiledFormError) {
    id = try reader.read()
    text = try reader.read()
    score = try reader.read()
    exclusive = try reader.read()
    cite = try reader.read()
    location = try reader.read()
    aliases = try reader.read()
  }
}

extension NumberRange: CompiledForm {
  public func write(to writer: CompiledWriter) {
    writer.write(minimum)
    writer.write(maximum)
    writer.write(unit)
    writer.write(otherUnits)
    writer.write(showAlso)
    writer.write(plausibleMinimum)
    writer.write(plausibleMaximum)
  }

  public init(from reader: CompiledReader) throws(CompiledFormError) {
    minimum = try reader.read()
    maximum = try reader.read()
    unit = try reader.read()
    otherUnits = try reader.read()
    showAlso = try reader.read()
    plausibleMinimum = try reader.read()
    plausibleMaximum = try reader.read()
  }
}

extension DoseRule: CompiledForm {
  public func write(to writer: CompiledWriter) {
    writer.write(maxLength)
    writer.write(medicine)
    writer.write(medicineLocation)
  }

  public init(from reader: CompiledReader) throws(CompiledFormError) {
    maxLength = try reader.read()
    medicine = try reader.read()
    medicineLocation = try reader.read()
  }
}

extension DurationRule: CompiledForm {
  public func write(to writer: CompiledWriter) {
    writer.write(range)
    writer.write(ongoing)
  }

  public init(from reader: CompiledReader) throws(CompiledFormError) {
    range = try reader.read()
    ongoing = try reader.read()
  }
}

extension DateRule: CompiledForm {
  public func write(to writer: CompiledWriter) {
    writer.write(notInFuture)
    writer.write(maximumYearsAgo)
    writer.write(readBack)
  }

  public init(from reader: CompiledReader) throws(CompiledFormError) {
    notInFuture = try reader.read()
    maximumYearsAgo = try reader.read()
    readBack = try reader.read()
  }
}

extension RepeatGroup: CompiledForm {
  public func write(to writer: CompiledWriter) {
    writer.write(items)
    writer.write(another)
    writer.write(maximum)
    writer.write(recordLabel)
    writer.write(carry)
  }

  public init(from reader: CompiledReader) throws(CompiledFormError) {
    items = try reader.read()
    another = try reader.read()
    maximum = try reader.read()
    recordLabel = try reader.read()
    carry = try reader.read()
  }
}

extension RepeatCarry: CompiledForm {
  public func write(to writer: CompiledWriter) {
    writer.write(group)
    writer.write(groupLocation)
    writer.write(condition)
    writer.write(line)
    writer.write(note)
  }

  public init(from reader: CompiledReader) throws(CompiledFormError) {
    group = try reader.read()
    groupLocation = try reader.read()
    condition = try reader.read()
    line = try reader.read()
    note = try reader.read()
  }
}

extension ComputedValue: CompiledForm {
  public func write(to writer: CompiledWriter) {
    writer.write(id)
    writer.write(label)
    writer.write(expression)
    writer.write(summary)
    writer.write(location)
  }

  public init(from reader: CompiledReader) throws(CompiledFormError) {
    id = try reader.read()
    label = try reader.read()
    expression = try reader.read()
    summary = try reader.read()
    location = try reader.read()
  }
}

extension Instrument: CompiledForm {
  public func write(to writer: CompiledWriter) {
    writer.write(id)
    writer.write(title)
    writer.write(recall)
    writer.write(items)
    writer.write(total)
    writer.write(maximum)
    writer.write(bands)
    writer.write(keyItems)
    writer.write(attribution)
    writer.write(location)
    writer.write(condition)
    writer.write(verbatim)
    writer.write(totalLocation)
    writer.write(unaskedItems)
    writer.write(unaskedWhy)
    writer.write(code)
  }

  public init(from reader: CompiledReader) throws(CompiledFormError) {
    id = try reader.read()
    title = try reader.read()
    recall = try reader.read()
    items = try reader.read()
    total = try reader.read()
    maximum = try reader.read()
    bands = try reader.read()
    keyItems = try reader.read()
    attribution = try reader.read()
    location = try reader.read()
    condition = try reader.read()
    verbatim = try reader.read()
    totalLocation = try reader.read()
    unaskedItems = try reader.read()
    unaskedWhy = try reader.read()
    code = try reader.read()
  }
}

extension Coding: CompiledForm {
  public func write(to writer: CompiledWriter) {
    writer.write(system)
    writer.write(code)
    writer.write(display)
  }

  public init(from reader: CompiledReader) throws(CompiledFormError) {
    system = try reader.read()
    code = try reader.read()
    display = try reader.read()
  }
}

extension Band: CompiledForm {
  public func write(to writer: CompiledWriter) {
    writer.write(minimum)
    writer.write(maximum)
    writer.write(label)
  }

  public init(from reader: CompiledReader) throws(CompiledFormError) {
    minimum = try reader.read()
    maximum = try reader.read()
    label = try reader.read()
  }
}

extension Category: CompiledForm {
  public func write(to writer: CompiledWriter) {
    writer.write(id)
    writer.write(title)
    writer.write(rank)
    writer.write(outcome)
    writer.write(beforeBooking)
  }

  public init(from reader: CompiledReader) throws(CompiledFormError) {
    id = try reader.read()
    title = try reader.read()
    rank = try reader.read()
    outcome = try reader.read()
    beforeBooking = try reader.read()
  }
}

extension Rule: CompiledForm {
  public func write(to writer: CompiledWriter) {
    writer.write(id)
    writer.write(category)
    writer.write(condition)
    writer.write(evidenceCondition)
    writer.write(finding)
    writer.write(questions)
    writer.write(escalation)
    writer.write(source)
    writer.write(location)
    writer.write(dormant)
    writer.write(replaces)
  }

  public init(from reader: CompiledReader) throws(CompiledFormError) {
    id = try reader.read()
    category = try reader.read()
    condition = try reader.read()
    evidenceCondition = try reader.read()
    finding = try reader.read()
    questions = try reader.read()
    escalation = try reader.read()
    source = try reader.read()
    location = try reader.read()
    dormant = try reader.read()
    replaces = try reader.read()
  }
}

extension Escalation: CompiledForm {
  public func write(to writer: CompiledWriter) {
    writer.write(tier)
    writer.write(show)
    writer.write(alert)
  }

  public init(from reader: CompiledReader) throws(CompiledFormError) {
    tier = try reader.read()
    show = try reader.read()
    alert = try reader.read()
  }
}

extension SafetyProperty: CompiledForm {
  public func write(to writer: CompiledWriter) {
    writer.write(id)
    writer.write(kind)
    writer.write(location)
  }

  public init(from reader: CompiledReader) throws(CompiledFormError) {
    id = try reader.read()
    kind = try reader.read()
    location = try reader.read()
  }
}

extension LexiconEntry: CompiledForm {
  public func write(to writer: CompiledWriter) {
    writer.write(name)
    writer.write(aliases)
    writer.write(tags)
    writer.write(doseUnit)
  }

  public init(from reader: CompiledReader) throws(CompiledFormError) {
    name = try reader.read()
    aliases = try reader.read()
    tags = try reader.read()
    doseUnit = try reader.read()
  }
}

extension LengthBudget: CompiledForm {
  public func write(to writer: CompiledWriter) {
    writer.write(maximumScreens)
    writer.write(medianScreens)
    writer.write(location)
  }

  public init(from reader: CompiledReader) throws(CompiledFormError) {
    maximumScreens = try reader.read()
    medianScreens = try reader.read()
    location = try reader.read()
  }
}

extension Template: CompiledForm {
  public func write(to writer: CompiledWriter) {
    writer.write(pieces)
    writer.write(source)
  }

  public init(from reader: CompiledReader) throws(CompiledFormError) {
    pieces = try reader.read()
    source = try reader.read()
  }
}

extension NoteSpec: CompiledForm {
  public func write(to writer: CompiledWriter) {
    writer.write(identity)
    writer.write(glance)
    writer.write(words)
    writer.write(birthSex)
  }

  public init(from reader: CompiledReader) throws(CompiledFormError) {
    identity = try reader.read()
    glance = try reader.read()
    words = try reader.read()
    birthSex = try reader.read()
  }
}

extension BirthSexCoding: CompiledForm {
  public func write(to writer: CompiledWriter) {
    writer.write(extensionURL)
    writer.write(codes)
  }

  public init(from reader: CompiledReader) throws(CompiledFormError) {
    extensionURL = try reader.read()
    codes = try reader.read()
  }
}

extension Translation: CompiledForm {
  public func write(to writer: CompiledWriter) {
    writer.write(language)
    writer.write(name)
    writer.write(title)
    writer.write(names)
    writer.write(sectionTitles)
    writer.write(questions)
    writer.write(scales)
    writer.write(submitted)
    writer.write(words)
    writer.write(phrasebook)
    writer.write(notValidated)
    writer.write(lexiconAliases)
  }

  public init(from reader: CompiledReader) throws(CompiledFormError) {
    language = try reader.read()
    name = try reader.read()
    title = try reader.read()
    names = try reader.read()
    sectionTitles = try reader.read()
    questions = try reader.read()
    scales = try reader.read()
    submitted = try reader.read()
    words = try reader.read()
    phrasebook = try reader.read()
    notValidated = try reader.read()
    lexiconAliases = try reader.read()
  }
}

extension Translation.Question: CompiledForm {
  public func write(to writer: CompiledWriter) {
    writer.write(texts)
    writer.write(options)
    writer.write(checks)
    writer.write(carryNote)
  }

  public init(from reader: CompiledReader) throws(CompiledFormError) {
    texts = try reader.read()
    options = try reader.read()
    checks = try reader.read()
    carryNote = try reader.read()
  }
}

extension Translation.Option: CompiledForm {
  public func write(to writer: CompiledWriter) {
    writer.write(text)
    writer.write(aliases)
  }

  public init(from reader: CompiledReader) throws(CompiledFormError) {
    text = try reader.read()
    aliases = try reader.read()
  }
}

extension KioskWords: CompiledForm {
  public func write(to writer: CompiledWriter) {
    writer.write(language)
    writer.write(phrases)
    writer.write(said)
  }

  public init(from reader: CompiledReader) throws(CompiledFormError) {
    language = try reader.read()
    phrases = try reader.read()
    said = try reader.read()
  }
}

extension SourceLocation: CompiledForm {
  public func write(to writer: CompiledWriter) {
    writer.write(file)
    writer.write(line)
    writer.write(column)
  }

  public init(from reader: CompiledReader) throws(CompiledFormError) {
    file = try reader.read()
    line = try reader.read()
    column = try reader.read()
  }
}

extension Diagnostic: CompiledForm {
  public func write(to writer: CompiledWriter) {
    writer.write(severity)
    writer.write(code)
    writer.write(message)
    writer.write(location)
  }

  public init(from reader: CompiledReader) throws(CompiledFormError) {
    severity = try reader.read()
    code = try reader.read()
    message = try reader.read()
    location = try reader.read()
  }
}

// MARK: - Values with cases

extension Target: CompiledForm {
  public func write(to writer: CompiledWriter) {
    switch self {
    case .question(let id):
      writer.integer(0)
      writer.write(id)
    case .end: writer.integer(1)
    }
  }

  public init(from reader: CompiledReader) throws(CompiledFormError) {
    switch try reader.integer() {
    case 0: self = .question(try reader.read())
    case 1: self = .end
    case let other: throw CompiledFormError("no target of kind \(other)")
    }
  }
}

extension AnswerKind: CompiledForm {
  public func write(to writer: CompiledWriter) {
    switch self {
    case .message: writer.integer(0)
    case .review: writer.integer(1)
    case .yesNo: writer.integer(2)
    case .choice(let options):
      writer.integer(3)
      writer.write(options)
    case .multipleChoice(let options):
      writer.integer(4)
      writer.write(options)
    case .integer(let range):
      writer.integer(5)
      writer.write(range)
    case .decimal(let range):
      writer.integer(6)
      writer.write(range)
    case .duration(let rule):
      writer.integer(7)
      writer.write(rule)
    case .date(let rule):
      writer.integer(8)
      writer.write(rule)
    case .text(let maxLength, let lexicon):
      writer.integer(9)
      writer.write(maxLength)
      writer.write(lexicon)
    case .dose(let rule):
      writer.integer(10)
      writer.write(rule)
    case .scale(let id, let options):
      writer.integer(11)
      writer.write(id)
      writer.write(options)
    case .bloodPressure: writer.integer(12)
    case .repeatGroup(let group):
      writer.integer(13)
      writer.write(group)
    }
  }

  public init(from reader: CompiledReader) throws(CompiledFormError) {
    switch try reader.integer() {
    case 0: self = .message
    case 1: self = .review
    case 2: self = .yesNo
    case 3: self = .choice(try reader.read())
    case 4: self = .multipleChoice(try reader.read())
    case 5: self = .integer(try reader.read())
    case 6: self = .decimal(try reader.read())
    case 7: self = .duration(try reader.read())
    case 8: self = .date(try reader.read())
    case 9: self = .text(maxLength: try reader.read(), lexicon: try reader.read())
    case 10: self = .dose(try reader.read())
    case 11: self = .scale(try reader.read(), try reader.read())
    case 12: self = .bloodPressure
    case 13: self = .repeatGroup(try reader.read())
    case let other: throw CompiledFormError("no answer kind \(other)")
    }
  }
}

extension SafetyProperty.Kind: CompiledForm {
  public func write(to writer: CompiledWriter) {
    switch self {
    case .interrupts(let condition, let screen, let alert):
      writer.integer(0)
      writer.write(condition)
      writer.write(screen)
      writer.write(alert)
    case .finishedIncludes(let ids):
      writer.integer(1)
      writer.write(ids)
    }
  }

  public init(from reader: CompiledReader) throws(CompiledFormError) {
    switch try reader.integer() {
    case 0: self = .interrupts(condition: try reader.read(), screen: try reader.read(), alert: try reader.read())
    case 1: self = .finishedIncludes(try reader.read())
    case let other: throw CompiledFormError("no safety property of kind \(other)")
    }
  }
}

extension Expression: CompiledForm {
  public func write(to writer: CompiledWriter) {
    writer.write(kind)
    writer.write(location)
    writer.write(source)
  }

  /// The height is worked out again from the kind, as when the expression was parsed.
  public init(from reader: CompiledReader) throws(CompiledFormError) {
    self = try reader.nested { () throws(CompiledFormError) in
      Expression(kind: try reader.read(), location: try reader.read(), source: try reader.read())
    }
  }
}

extension Expression.Kind: CompiledForm {
  public func write(to writer: CompiledWriter) {
    switch self {
    case .number(let number):
      writer.integer(0)
      writer.write(number)
    case .text(let text):
      writer.integer(1)
      writer.write(text)
    case .bool(let flag):
      writer.integer(2)
      writer.write(flag)
    case .list(let items):
      writer.integer(3)
      writer.write(items)
    case .reference(let name, let field):
      writer.integer(4)
      writer.write(name)
      writer.write(field)
    case .not(let inner):
      writer.integer(5)
      writer.write(inner)
    case .negate(let inner):
      writer.integer(6)
      writer.write(inner)
    case .binary(let operation, let lhs, let rhs):
      writer.integer(7)
      writer.write(operation)
      writer.write(lhs)
      writer.write(rhs)
    case .call(let name, let arguments):
      writer.integer(8)
      writer.write(name)
      writer.write(arguments)
    }
  }

  public init(from reader: CompiledReader) throws(CompiledFormError) {
    switch try reader.integer() {
    case 0: self = .number(try reader.read())
    case 1: self = .text(try reader.read())
    case 2: self = .bool(try reader.read())
    case 3: self = .list(try reader.read())
    case 4: self = .reference(try reader.read(), field: try reader.read())
    case 5: self = .not(try reader.read())
    case 6: self = .negate(try reader.read())
    case 7: self = .binary(try reader.read(), try reader.read(), try reader.read())
    case 8: self = .call(try reader.read(), try reader.read())
    case let other: throw CompiledFormError("no expression of kind \(other)")
    }
  }
}

extension Template.Piece: CompiledForm {
  public func write(to writer: CompiledWriter) {
    switch self {
    case .literal(let text):
      writer.integer(0)
      writer.write(text)
    case .reference(let name, let location):
      writer.integer(1)
      writer.write(name)
      writer.write(location)
    case .optional(let pieces):
      writer.integer(2)
      writer.write(pieces)
    }
  }

  public init(from reader: CompiledReader) throws(CompiledFormError) {
    switch try reader.integer() {
    case 0: self = .literal(try reader.read())
    case 1: self = .reference(try reader.read(), try reader.read())
    case 2: self = .optional(try reader.nested { () throws(CompiledFormError) in try reader.read() })
    case let other: throw CompiledFormError("no template piece of kind \(other)")
    }
  }
}

extension Located: CompiledForm where Value: CompiledForm {
  public func write(to writer: CompiledWriter) {
    writer.write(value)
    writer.write(location)
  }

  public init(from reader: CompiledReader) throws(CompiledFormError) {
    self.init(try reader.read(), at: try reader.read())
  }
}

extension WalkIndex: CompiledForm {
  /// The routes are not written: `Dialog` takes them again from its questions.
  public func write(to writer: CompiledWriter) {
    writer.write(readers)
    writer.write(resumable)
    writer.write(escalationReads)
  }

  public init(from reader: CompiledReader) throws(CompiledFormError) {
    self.init(
      readers: try reader.read(), resumable: try reader.read(), escalationReads: try reader.read(), routes: [:])
  }
}

// MARK: - Values named by a word

extension SummaryHeading: CompiledForm {}
extension Hold: CompiledForm {}
extension BookingClearance: CompiledForm {}
extension BinaryOperator: CompiledForm {}
extension IdentityField: CompiledForm {}
extension NoteWord: CompiledForm {}
extension KioskPhrase: CompiledForm {}
extension NumberReading: CompiledForm {}
extension Severity: CompiledForm {}
extension DiagnosticCode: CompiledForm {}
