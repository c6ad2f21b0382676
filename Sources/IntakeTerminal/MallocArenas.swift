import CEditLineShim

/// How the C allocator shares its memory between threads.
public enum MallocArenas {
  /// Every thread allocates from one arena: a kiosk reads its dialog on a second thread, whose
  /// own arena would grow a page at a time (two hundred mprotect calls at every start). Call it
  /// before a second thread starts.
  public static func useOne() { intake_malloc_one_arena() }
}
