/// The version of the intake program, written into every summary so a record says which kiosk made it.
public enum IntakeVersion {
  public static let current = "0.1.0"
}
