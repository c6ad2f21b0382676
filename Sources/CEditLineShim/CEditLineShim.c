#include "CEditLineShim.h"

#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/prctl.h>
#include <termios.h>
#include <unistd.h>

static volatile sig_atomic_t received_signal = 0;
static int idle_timeout_ms = -1;
static int timed_out = 0;

// libedit's character reader, replaced so a key that does not come within the idle timeout ends
// the read (libedit sees end of input; the reader asks `intake_el_timed_out`). Bytes are decoded
// as UTF-8 here; an invalid byte becomes U+FFFD instead of stalling the line.
// A byte that ended an incomplete sequence, to be read again as the start of the next character.
static int pushed_back = -1;

// The line limit: bytes and characters taken from the terminal since the line began. Past
// either, characters are dropped instead of reaching libedit (so its buffer, its echo and the
// line handed back stay bounded) until Enter, which ends the line as usual; the reader then
// sees `intake_el_line_overflowed` and refuses the line. Ctrl-C still reaches libedit.
static long line_limit_bytes = -1;
static long line_limit_characters = -1;
static long line_bytes = 0;
static long line_characters = 0;
static int line_overflowed = 0;

// What one read(2) brought and libedit has not yet taken. A line that arrives at once (pasted,
// or typed faster than the kiosk reads) comes in with one poll and one read, not two system
// calls for each byte. Bytes past the line's end wait here for the next line, as they would in
// the terminal, until the kiosk shows the next screen: then only the line being typed, up to
// its Enter, is kept (`intake_el_keep_typed_line_unsent`). Whatever else reads standard input
// while libedit is open must look here first: a hidden read, which throws away keys typed
// before it, throws these away too (`intake_el_discard_typeahead`); the keys that stop a watch
// take them (`intake_el_take_typed_byte`). Only the thread that reads lines touches it.
static unsigned char typed[256];
static size_t typed_next = 0;
static size_t typed_end = 0;

void intake_el_discard_typeahead(void) {
  typed_next = typed_end = 0;
  pushed_back = -1;
}

int intake_el_take_typed_byte(void) {
  if (typed_next == typed_end) return -1;
  return typed[typed_next++];
}

// Reads what the terminal holds now into `into` (at most `room` bytes), without waiting.
// Returns how many bytes were read; stops at the end of input, a hangup or an error (the line's
// own read finds them again).
static size_t read_waiting_bytes(unsigned char *into, size_t room) {
  size_t total = 0;
  while (total < room) {
    struct pollfd ready = {STDIN_FILENO, POLLIN, 0};
    int result = poll(&ready, 1, 0);
    if (result < 0 && errno == EINTR && !received_signal) continue;
    if (result <= 0 || !(ready.revents & POLLIN)) break;
    ssize_t count = read(STDIN_FILENO, into + total, room - total);
    if (count < 0 && errno == EINTR && !received_signal) continue;
    if (count <= 0) break;
    total += (size_t)count;
  }
  return total;
}

static int is_line_end(unsigned char byte) { return byte == '\n' || byte == '\r'; }

int intake_el_keep_typed_line_unsent(int *dropped_text) {
  *dropped_text = 0;
  // After SIGTERM or SIGHUP nothing more is read (`read_one_character`).
  if (received_signal) {
    intake_el_discard_typeahead();
    return 0;
  }
  if (typed_next > 0) {
    memmove(typed, typed + typed_next, typed_end - typed_next);
    typed_end -= typed_next;
    typed_next = 0;
  }
  typed_end += read_waiting_bytes(typed + typed_end, sizeof typed - typed_end);
  // A byte pushed back starts the next character: it comes before the buffer.
  int ended = 0;
  size_t line_end = typed_end;
  if (pushed_back >= 0 && is_line_end((unsigned char)pushed_back)) {
    pushed_back = -1;
    ended = 1;
    line_end = 0;
  } else {
    for (size_t index = 0; index < typed_end; index++) {
      if (is_line_end(typed[index])) {
        ended = 1;
        line_end = index;
        break;
      }
    }
  }
  if (!ended && typed_end < sizeof typed) {
    // No Enter yet: all of it is the line being typed, and what comes next is too.
    return (int)typed_end + (pushed_back >= 0 ? 1 : 0);
  }
  if (!ended) {
    // A line longer than the buffer, typed ahead: not kept in part (it could end inside a
    // character, and its Enter, still in the terminal, would send it).
    line_end = 0;
    pushed_back = -1;
  }
  // What follows the kept line is thrown away, and said to be when it holds more than Enters:
  // what the buffer holds past it, then what the terminal holds (read, not flushed, so a key
  // that comes after this is the next line's).
  for (size_t index = line_end; index < typed_end; index++) {
    if (!is_line_end(typed[index])) *dropped_text = 1;
  }
  typed_end = line_end;
  unsigned char rest[256];
  size_t count;
  while ((count = read_waiting_bytes(rest, sizeof rest)) > 0) {
    for (size_t index = 0; index < count; index++) {
      if (!is_line_end(rest[index])) *dropped_text = 1;
    }
  }
  return (int)typed_end + (pushed_back >= 0 ? 1 : 0);
}

static int read_one_character(wchar_t *out) {
  mbstate_t state;
  memset(&state, 0, sizeof state);
  int bytes_in_sequence = 0;
  for (;;) {
    char byte;
    if (pushed_back >= 0) {
      byte = (char)pushed_back;
      pushed_back = -1;
    } else {
      // After SIGTERM or SIGHUP nothing more is read, as when standard input became /dev/null.
      if (received_signal) intake_el_discard_typeahead();
      if (typed_next == typed_end) {
        // Before every byte the terminal has not yet sent, not only a character's first: a
        // lone byte that starts a UTF-8 sequence, then nothing, must not keep the screen (and
        // the answers on it) up for ever.
        if (idle_timeout_ms >= 0) {
          struct pollfd ready = {STDIN_FILENO, POLLIN, 0};
          int result = poll(&ready, 1, idle_timeout_ms);
          if (result == 0) {
            timed_out = 1;
            return 0;
          }
          if (result < 0) {
            if (errno == EINTR && !received_signal) continue;
            return -1;
          }
        }
        ssize_t count = read(STDIN_FILENO, typed, sizeof typed);
        if (count == 0) return 0;
        if (count < 0) {
          if (errno == EINTR && !received_signal) continue;
          return -1;
        }
        typed_next = 0;
        typed_end = (size_t)count;
      }
      byte = (char)typed[typed_next++];
      line_bytes++;
    }
    wchar_t character;
    size_t used = mbrtowc(&character, &byte, 1, &state);
    if (used == (size_t)-2) {
      bytes_in_sequence++;
      continue;
    }
    if (used == (size_t)-1) {
      // The broken sequence is one U+FFFD; the byte that broke it starts the next character.
      if (bytes_in_sequence > 0) pushed_back = (unsigned char)byte;
      *out = 0xFFFD;
      return 1;
    }
    *out = character;
    return 1;
  }
}

static int read_character(EditLine *el, wchar_t *out) {
  (void)el;
  for (;;) {
    int result = read_one_character(out);
    if (result != 1) return result;
    line_characters++;
    wchar_t character = *out;
    if (character == L'\n' || character == L'\r' || character == 0x03) return 1;
    if (line_limit_bytes >= 0 && line_bytes > line_limit_bytes) line_overflowed = 1;
    if (line_limit_characters >= 0 && line_characters > line_limit_characters) line_overflowed = 1;
    if (!line_overflowed) return 1;
  }
}

EditLine *intake_el_open(const char *program) {
  EditLine *el = el_init(program, stdin, stdout, stderr);
  if (el == NULL) return NULL;
  // Never el_source(): it would read ~/.editrc on a kiosk.
  el_set(el, EL_EDITOR, "emacs");
  el_set(el, EL_SIGNAL, 0);
  el_wset(el, EL_GETCFN, read_character);
  return el;
}

void intake_el_set_idle_timeout(int milliseconds) {
  idle_timeout_ms = milliseconds;
  timed_out = 0;
}

int intake_el_timed_out(void) { return timed_out; }

void intake_el_begin_line(long maximum_bytes, long maximum_characters) {
  line_limit_bytes = maximum_bytes;
  line_limit_characters = maximum_characters;
  line_bytes = 0;
  line_characters = 0;
  line_overflowed = 0;
}

int intake_el_line_overflowed(void) { return line_overflowed; }

int intake_el_set_prompt(EditLine *el, intake_prompt_fn fn) { return el_wset(el, EL_PROMPT, fn); }

int intake_el_set_clientdata(EditLine *el, void *data) { return el_wset(el, EL_CLIENTDATA, data); }

void *intake_el_clientdata(EditLine *el) {
  void *data = NULL;
  if (el_wget(el, EL_CLIENTDATA, &data) != 0) return NULL;
  return data;
}

int intake_el_addfn(EditLine *el, const wchar_t *name, const wchar_t *help, intake_key_fn fn) {
  return el_wset(el, EL_ADDFN, name, help, fn);
}

int intake_el_bind(EditLine *el, const wchar_t *key, const wchar_t *function) {
  return el_wset(el, EL_BIND, key, function, NULL);
}

int intake_el_kiosk_tty(EditLine *el) {
  int a = el_set(el, EL_SETTY, "-d", "-isig", NULL);
  int b = el_set(el, EL_SETTY, "-x", "-icanon", "-echo", "-isig", NULL);
  return a != 0 ? a : b;
}

int intake_el_set_history(EditLine *el, HistoryW *history) {
  return el_wset(el, EL_HIST, history_w, history);
}

HistoryW *intake_history_open(int size) {
  HistoryW *history = history_winit();
  if (history == NULL) return NULL;
  HistEventW event;
  history_w(history, &event, H_SETSIZE, size);
  history_w(history, &event, H_SETUNIQUE, 1);
  return history;
}

int intake_history_enter(HistoryW *history, const wchar_t *line) {
  HistEventW event;
  return history_w(history, &event, H_ENTER, line);
}

int intake_history_clear(HistoryW *history) {
  HistEventW event;
  return history_w(history, &event, H_CLEAR);
}

static int null_input = -1;
static int saved_tty = -1;
static struct termios saved_termios;
static int have_termios = 0;

// Besides setting the flag, point standard input at /dev/null: a read already blocked returns
// (EINTR), and a signal that lands between the loop's check and the next read cannot be lost,
// because that read now returns at once. dup2 is async-signal-safe.
static void on_termination(int sig) {
  received_signal = sig;
  if (null_input >= 0) dup2(null_input, STDIN_FILENO);
}

// Fatal signals. The kiosk runs the terminal without line mode or echo; a crash, an abort or a
// stray kill would leave it that way for whoever comes next unless systemd resets it
// (TTYReset=yes). So every signal whose default action ends the process restores the saved
// settings first, then dies of the same signal: the exit status still names it, and
// PR_SET_DUMPABLE 0 keeps the default action from writing a core.
static const int fatal_signals[] = {
    SIGSEGV, SIGBUS,  SIGILL,    SIGFPE,  SIGABRT, SIGTRAP, SIGSYS,  SIGXCPU, SIGXFSZ,
    SIGQUIT, SIGALRM, SIGVTALRM, SIGPROF, SIGUSR1, SIGUSR2, SIGIO,
#ifdef SIGSTKFLT
    SIGSTKFLT,
#endif
#ifdef SIGPWR
    SIGPWR,
#endif
};

// A stack overflow's SIGSEGV finds no stack left to run a handler on; this one is kept for it.
static char alternate_stack[1 << 16];

// Only async-signal-safe calls: tcsetattr and raise. SA_RESETHAND has already put the default
// action back, and the signal is blocked while this runs, so the raised copy is delivered, with
// the default action, as soon as the handler returns (a fault would also recur on return).
static void on_fatal(int sig) {
  if (have_termios && saved_tty >= 0) tcsetattr(saved_tty, TCSANOW, &saved_termios);
  raise(sig);
}

static void install_fatal_handlers(void) {
  stack_t stack;
  memset(&stack, 0, sizeof stack);
  stack.ss_sp = alternate_stack;
  stack.ss_size = sizeof alternate_stack;
  sigaltstack(&stack, NULL);

  struct sigaction fatal;
  memset(&fatal, 0, sizeof fatal);
  fatal.sa_handler = on_fatal;
  sigfillset(&fatal.sa_mask);
  fatal.sa_flags = SA_ONSTACK | SA_RESETHAND;
  for (size_t i = 0; i < sizeof fatal_signals / sizeof fatal_signals[0]; i++) {
    struct sigaction current;
    // A signal that is ignored (SIGQUIT here, or one ignored by whoever started us) stays ignored.
    if (sigaction(fatal_signals[i], NULL, &current) == 0 && current.sa_handler == SIG_IGN) continue;
    sigaction(fatal_signals[i], &fatal, NULL);
  }
}

// Threads other than the main one (the one that works out the next screen) get a stack of their
// own for the fatal handler on first use, freed when the thread ends.
static pthread_key_t thread_stack_key;
static pthread_once_t thread_stack_once = PTHREAD_ONCE_INIT;

static void free_thread_stack(void *memory) {
  stack_t off;
  memset(&off, 0, sizeof off);
  off.ss_flags = SS_DISABLE;
  sigaltstack(&off, NULL);
  free(memory);
}

static void make_thread_stack_key(void) { pthread_key_create(&thread_stack_key, free_thread_stack); }

// Whether this thread's stack is known to be there: asked once per thread, not at every answer.
static __thread int thread_stack_known;

int intake_thread_alternate_stack_install(void) {
  if (thread_stack_known) return 1;
  stack_t current;
  if (sigaltstack(NULL, &current) == 0 && !(current.ss_flags & SS_DISABLE)) {
    thread_stack_known = 1;
    return 1;
  }
  pthread_once(&thread_stack_once, make_thread_stack_key);
  void *memory = malloc(sizeof alternate_stack);
  if (memory == NULL) return 0;
  stack_t stack;
  memset(&stack, 0, sizeof stack);
  stack.ss_sp = memory;
  stack.ss_size = sizeof alternate_stack;
  if (sigaltstack(&stack, NULL) != 0) {
    free(memory);
    return 0;
  }
  pthread_setspecific(thread_stack_key, memory);
  thread_stack_known = 1;
  return 1;
}

int intake_thread_has_alternate_stack(void) {
  stack_t current;
  return sigaltstack(NULL, &current) == 0 && !(current.ss_flags & SS_DISABLE);
}

void intake_kiosk_signals_install(void) {
  // Keep the terminal and its settings, to restore them whatever happens to standard input.
  if (isatty(STDIN_FILENO)) {
    saved_tty = dup(STDIN_FILENO);
    if (saved_tty >= 0 && tcgetattr(saved_tty, &saved_termios) == 0) have_termios = 1;
  }
  null_input = open("/dev/null", O_RDONLY | O_CLOEXEC);
  sigset_t empty;
  sigemptyset(&empty);
  sigprocmask(SIG_SETMASK, &empty, NULL);
  prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);

  struct sigaction ignore;
  memset(&ignore, 0, sizeof ignore);
  ignore.sa_handler = SIG_IGN;
  sigemptyset(&ignore.sa_mask);
  int ignored[] = {SIGINT, SIGQUIT, SIGTSTP, SIGTTOU, SIGTTIN, SIGPIPE};
  for (size_t i = 0; i < sizeof ignored / sizeof ignored[0]; i++) sigaction(ignored[i], &ignore, NULL);

  struct sigaction flag;
  memset(&flag, 0, sizeof flag);
  flag.sa_handler = on_termination;
  sigemptyset(&flag.sa_mask);
  flag.sa_flags = 0;  // no SA_RESTART: a blocked read must return so the kiosk can leave cleanly
  sigaction(SIGTERM, &flag, NULL);
  sigaction(SIGHUP, &flag, NULL);

  install_fatal_handlers();
}

// At the very start of the kiosk: its fatal-signal handlers take the Swift runtime's crash
// backtracer's place (it could print an interactive prompt with memory contents on the patient's
// screen), and the process cannot be dumped. The full set follows once the kiosk is ready.
void intake_kiosk_fatal_signals_install(void) {
  prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
  install_fatal_handlers();
}

int intake_kiosk_signal_received(void) { return received_signal; }

void intake_terminal_restore(void) {
  if (have_termios && saved_tty >= 0) tcsetattr(saved_tty, TCSANOW, &saved_termios);
}
