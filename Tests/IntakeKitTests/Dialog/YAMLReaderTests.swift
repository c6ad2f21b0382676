import IntakeKit
import Testing

/// Hostile YAML: aliases, deep nesting and huge files are refused before anything is composed,
/// each with its own code and the position of the first offending node.
@Suite struct YAMLReaderTests {
  static let manifest = """
    id: f
    version: "1"
    title: F
    sections: [main.yaml]
    settings: settings.yaml
    """
  static let main = "section: main\ntitle: Main\nquestions:\n  - { id: q, kind: yes_no, text: Q? }\n"

  func printed(settings: String) -> [String] {
    CheckerFixture.printed(Self.main, files: ["settings.yaml": settings], manifest: Self.manifest)
  }

  /// "Billion laughs": nine levels of nine aliases each expand to 9^9 scalars. Before the fix
  /// converting the composed tree expanded every alias and used 24 GB.
  static let billionLaughs = """
    settings: []
    lol0: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
    lol1: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
    lol2: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
    lol3: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
    lol4: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
    lol5: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
    lol6: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
    lol7: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
    lol8: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
    """

  @Test func anAliasBombIsRefusedAtItsFirstAliasWithoutExpandingIt() {
    #expect(
      printed(settings: Self.billionLaughs) == [
        "d/settings.yaml:3:11: error: [IK108] YAML aliases (*name) are not supported in dialogs; write the value out"
      ])
  }

  @Test func anAliasUsedAsAKeyIsRefusedBeforeComposing() {
    // Yams would hash the aliased node to look for duplicate keys, expanding it again.
    #expect(
      printed(settings: "settings: &s []\n? *s\n: x\n") == [
        "d/settings.yaml:2:3: error: [IK108] YAML aliases (*name) are not supported in dialogs; write the value out"
      ])
  }

  @Test func deeplyNestedFlowListsAreRefusedAtTheFirstLevelTooDeep() {
    let text = "settings: " + String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
    // The mapping is level 1, so the 64th '[' (column 11 + 63) is level 65.
    #expect(
      printed(settings: text) == [
        "d/settings.yaml:1:74: error: [IK109] lists and mappings are nested more than 64 levels deep here; "
          + "a dialog never needs this"
      ])
  }

  @Test func nestingDeeperThanLibyamlAllowsIsASyntaxErrorNotACrash() {
    let text = "settings: " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
    let printed = printed(settings: text)
    #expect(printed.count == 1)
    #expect(printed.first?.hasPrefix("d/settings.yaml:1:12: error: [IK100] YAML syntax: Maximum nesting level") == true)
  }

  @Test func deeplyNestedMappingsAreRefusedOnTheLineTooDeep() {
    var text = ""
    for level in 0..<100 { text += String(repeating: " ", count: level) + "a:\n" }
    let printed = printed(settings: text + String(repeating: " ", count: 100) + "b\n")
    #expect(printed.first?.hasPrefix("d/settings.yaml:65:65: error: [IK109]") == true, "\(printed)")
    #expect(printed.count == 1)
  }

  @Test func nestingUpToTheLimitIsOnlyAnOrdinaryError() {
    let text = "settings: " + String(repeating: "[", count: 63) + String(repeating: "]", count: 63)
    #expect(!printed(settings: text).contains { $0.contains("[IK109]") })
  }

  @Test func aFileOverOneMebibyteIsRefusedUnread() {
    let filler = "# " + String(repeating: "x", count: RefusedDialogFile.maximumBytes) + "\n"
    #expect(
      printed(settings: filler + "settings: []\n") == [
        "d/settings.yaml:1:1: error: [IK002] this file is 1048592 bytes; a dialog file may be at most 1048576 "
          + "bytes (1 MiB)"
      ])
    let exact = String(filler.prefix(RefusedDialogFile.maximumBytes - 14)) + "\nsettings: []\n"
    #expect(exact.utf8.count == RefusedDialogFile.maximumBytes)
    #expect(printed(settings: exact).isEmpty)
  }
}
