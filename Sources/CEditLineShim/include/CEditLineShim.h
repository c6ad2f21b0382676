#ifndef INTAKE_CEDITLINE_SHIM_H
#define INTAKE_CEDITLINE_SHIM_H

// Fixed-arity wrappers around libedit. Swift cannot call C variadic functions (el_set, el_wset,
// el_wget, history_w), and Swift 6 rejects glibc's stdin/stdout/stderr globals, so this small C
// target exposes exactly the calls the line reader needs.

#include <histedit.h>
#include <wchar.h>

typedef wchar_t *_Nonnull (*intake_prompt_fn)(EditLine *_Nonnull);
typedef unsigned char (*intake_key_fn)(EditLine *_Nonnull, int);

/// An editor on the process's standard streams, in emacs mode, with libedit's own signal
/// handling off (with it on, libedit re-raises signals to the whole process group).
EditLine *_Nullable intake_el_open(const char *_Nonnull program);
int intake_el_set_prompt(EditLine *_Nonnull el, intake_prompt_fn _Nonnull fn);
int intake_el_set_clientdata(EditLine *_Nonnull el, void *_Nullable data);
void *_Nullable intake_el_clientdata(EditLine *_Nonnull el);
/// Registers a key function. libedit keeps the name and help pointers: they must outlive `el`.
int intake_el_addfn(EditLine *_Nonnull el, const wchar_t *_Nonnull name,
                    const wchar_t *_Nonnull help, intake_key_fn _Nonnull fn);
int intake_el_bind(EditLine *_Nonnull el, const wchar_t *_Nonnull key,
                   const wchar_t *_Nonnull function);
/// Turns terminal-generated signals off both while editing and between prompts, so ^C, ^\ and ^Z
/// arrive as keys, and keeps keys typed while output is printed from being echoed twice.
int intake_el_kiosk_tty(EditLine *_Nonnull el);
int intake_el_set_history(EditLine *_Nonnull el, HistoryW *_Nonnull history);
/// Ends a read when no key comes for this long (milliseconds; negative waits for ever), and
/// clears the timed-out flag.
void intake_el_set_idle_timeout(int milliseconds);
/// Whether the last read ended because no key came in time.
int intake_el_timed_out(void);
/// Starts counting a new line against a limit (negative: none). Past `maximum_bytes` bytes or
/// `maximum_characters` characters from the terminal, further characters are dropped before
/// libedit sees them, until Enter or Ctrl-C.
void intake_el_begin_line(long maximum_bytes, long maximum_characters);
/// Whether the line just read ran past its limit (and so lost characters).
int intake_el_line_overflowed(void);
/// The line reader reads what the terminal has in one go: keys typed ahead of the line it
/// returns wait in its buffer, not in the terminal, where `poll` cannot see them. Whatever else
/// reads standard input while libedit is open takes them first, or throws them away.
///
/// Throws away keys read ahead, as switching the terminal with `TCSAFLUSH` throws away those
/// still in it.
void intake_el_discard_typeahead(void);
/// The next key read ahead (a byte), or -1 when there is none.
int intake_el_take_typed_byte(void);
/// Keys typed before a screen appears: the line being typed (up to its first Enter) is kept,
/// read from the terminal into the buffer, for the next line to take as typed (it shows at the
/// prompt and waits for an Enter typed once the screen is seen); its Enter and everything after
/// it are thrown away, and so is a line typed ahead that is longer than the buffer. Returns how
/// many bytes of the line are kept (0: none); sets `*dropped_text` to 1 when what was thrown
/// away held more than Enters, else 0.
int intake_el_keep_typed_line_unsent(int *_Nonnull dropped_text);

HistoryW *_Nullable intake_history_open(int size);
int intake_history_enter(HistoryW *_Nonnull history, const wchar_t *_Nonnull line);
int intake_history_clear(HistoryW *_Nonnull history);

/// Ignores SIGINT, SIGQUIT, SIGTSTP, SIGTTOU and SIGPIPE, routes SIGTERM and SIGHUP to a flag
/// (without SA_RESTART, so a blocked read returns), clears the inherited signal mask and turns
/// core dumps off. Every other catchable signal that would end the process (SIGSEGV, SIGBUS,
/// SIGILL, SIGFPE, SIGABRT, SIGTRAP, SIGSYS, SIGXCPU, SIGXFSZ, SIGALRM, SIGUSR1 ...) restores the
/// terminal settings saved here and then ends it with the same signal, on an alternate stack so
/// a stack overflow is covered too. Call it on the main thread: the alternate stack is per thread.
void intake_kiosk_signals_install(void);
void intake_kiosk_fatal_signals_install(void);
/// Gives the calling thread its own alternate signal stack, once, freed when the thread ends, so
/// the fatal handlers above (terminal restored) also run after a stack overflow on a thread other
/// than the main one. Returns 1 when the thread has one.
int intake_thread_alternate_stack_install(void);
/// Whether the calling thread has an alternate signal stack.
int intake_thread_has_alternate_stack(void);
/// The last termination signal received, or 0.
int intake_kiosk_signal_received(void);
/// Restores the terminal settings saved when the handlers were installed.
void intake_terminal_restore(void);

#endif
