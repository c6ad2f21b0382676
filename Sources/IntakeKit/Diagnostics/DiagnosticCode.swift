/// A stable code for each kind of problem the loader and checker report. Codes never change
/// meaning once shipped, so authors can search for them and tests can assert on them.
public enum DiagnosticCode: String, Sendable, Codable, CaseIterable {
  // Files and YAML structure.
  case fileUnreadable = "IK001"
  case yamlSyntax = "IK100"
  case unknownKey = "IK101"
  case wrongType = "IK102"
  case missingKey = "IK103"
  case duplicateID = "IK104"
  case unknownReference = "IK105"
  case invalidValue = "IK106"
  case unknownFunction = "IK107"
  // Answers.
  case numericOptions = "IK400"
  // Expressions.
  case expressionSyntax = "IK200"
  case typeMismatch = "IK201"
  case readsLaterQuestion = "IK202"
  case unknownOption = "IK203"
  case mayBeMissing = "IK204"
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
  case safetyViolation = "IK310"
}
