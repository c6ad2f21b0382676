/// A stable code for each kind of problem the loader and checker report. Codes never change
/// meaning once shipped, so authors can search for them and tests can assert on them.
public enum DiagnosticCode: String, Sendable, Codable, CaseIterable {
  // Files and YAML structure.
  case fileUnreadable = "IK001"
  case fileTooLarge = "IK002"
  case fileOutsideFolder = "IK003"
  case yamlSyntax = "IK100"
  case unknownKey = "IK101"
  case wrongType = "IK102"
  case missingKey = "IK103"
  case duplicateID = "IK104"
  case unknownReference = "IK105"
  case invalidValue = "IK106"
  case unknownFunction = "IK107"
  case yamlAlias = "IK108"
  case yamlTooDeep = "IK109"
  // Expressions.
  case expressionSyntax = "IK200"
  case typeMismatch = "IK201"
  case readsLaterQuestion = "IK202"
  case unknownOption = "IK203"
  case mayBeMissing = "IK204"
  case expressionTooDeep = "IK205"
  case expressionTooLong = "IK206"
  case computedTooLarge = "IK207"
  case totalSuppliesUnanswered = "IK208"
  // Flow.
  case missingBranchTarget = "IK300"
  case cycleWithoutExit = "IK301"
  case unreachableNode = "IK302"
  case neverReachesEnd = "IK303"
  // Path analysis.
  case neverShown = "IK304"
  case conditionNeverVaries = "IK305"
  case ruleNeverVaries = "IK306"
  case analysisUndecided = "IK307"
  case impossibleCondition = "IK308"
  case dormantButReachable = "IK309"
  case safetyViolation = "IK310"
  case outsideAudience = "IK311"
  // Answers.
  case numericOptions = "IK400"
  case yesNoOrder = "IK401"
  case repeatedHint = "IK402"
  case readingLevel = "IK403"
  case audienceUndeclared = "IK404"
  case noteNamesNoPatient = "IK405"
  // Translations.
  case missingTranslation = "IK500"
  case extraTranslation = "IK501"
  case translationPlaceholders = "IK502"
  case untranslated = "IK503"
}
