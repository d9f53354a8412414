// ncursesw for Swift: wide-character API, plus static inline wrappers for what Swift cannot import directly
// (function-like macros such as A_BOLD) or cannot treat as concurrency-safe (globals such as stdscr, LINES, COLS).
// Also the last-resort terminal restore used by crash signal handlers and atexit.
#ifndef TANDEM_CNCURSES_SHIM_H
#define TANDEM_CNCURSES_SHIM_H

#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif

#include <locale.h>
#include <langinfo.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <wchar.h>
#include <ncursesw/curses.h>

static inline WINDOW *tandem_stdscr(void) { return stdscr; }
static inline WINDOW *tandem_curscr(void) { return curscr; }
static inline int tandem_lines(void) { return LINES; }
static inline int tandem_cols(void) { return COLS; }
static inline int tandem_colors(void) { return COLORS; }
static inline int tandem_color_pairs(void) { return COLOR_PAIRS; }

static inline attr_t tandem_a_normal(void) { return A_NORMAL; }
static inline attr_t tandem_a_bold(void) { return A_BOLD; }
static inline attr_t tandem_a_dim(void) { return A_DIM; }
static inline attr_t tandem_a_underline(void) { return A_UNDERLINE; }
static inline attr_t tandem_a_reverse(void) { return A_REVERSE; }
static inline attr_t tandem_a_standout(void) { return A_STANDOUT; }
static inline attr_t tandem_a_blink(void) { return A_BLINK; }
static inline attr_t tandem_a_italic(void) { return A_ITALIC; }

/// A screen on the process's own terminal; NULL (instead of exiting, as initscr does) when TERM is unusable.
static inline SCREEN *tandem_newterm(void) { return newterm(NULL, stdout, stdin); }

/// A screen for `term` whose output goes nowhere: benchmarks measure painting without a terminal.
static inline SCREEN *tandem_newterm_discarding(const char *term) {
    FILE *sink = fopen("/dev/null", "w");
    if (sink == NULL) return NULL;
    return newterm(term, sink, stdin);
}

static inline void tandem_ignore_signal(int sig) { signal(sig, SIG_IGN); }
static inline void tandem_default_signal(int sig) { signal(sig, SIG_DFL); }

/// Whether the C library's locale encodes characters as UTF-8 (after setlocale).
static inline int tandem_locale_is_utf8(void) {
    const char *codeset = nl_langinfo(CODESET);
    return codeset != NULL && strcmp(codeset, "UTF-8") == 0;
}

// MARK: Last-resort restore
//
// endwin() is not async-signal-safe, so a crash handler instead puts back the termios saved before curses started,
// leaves the alternate screen, shows the cursor and resets attributes (all with write/tcsetattr, which are safe),
// points stderr back at the terminal so the crash report is readable, then re-raises with the previous handler.

static struct termios tandem_saved_termios;
static int tandem_saved_termios_valid = 0;
static int tandem_saved_stderr = -1;
static volatile sig_atomic_t tandem_screen_active = 0;
static struct sigaction tandem_previous_actions[32];

static inline void tandem_emergency_restore(void) {
    if (!tandem_screen_active) return;
    tandem_screen_active = 0;
    static const char reset[] = "\033[0m\033[?25h\033[?1049l\r\n";
    if (tandem_saved_termios_valid) tcsetattr(STDIN_FILENO, TCSANOW, &tandem_saved_termios);
    ssize_t ignored = write(STDOUT_FILENO, reset, sizeof reset - 1);
    (void)ignored;
    if (tandem_saved_stderr >= 0) dup2(tandem_saved_stderr, STDERR_FILENO);
}

static void tandem_crash_handler(int sig) {
    tandem_emergency_restore();
    if (sig > 0 && sig < 32) sigaction(sig, &tandem_previous_actions[sig], NULL);
    raise(sig);
}

static void tandem_atexit_restore(void) {
    if (tandem_screen_active) {
        endwin();
        tandem_screen_active = 0;
        if (tandem_saved_stderr >= 0) dup2(tandem_saved_stderr, STDERR_FILENO);
    }
}

/// Saves the terminal modes and installs the crash and exit hooks; call before initscr/newterm.
static inline void tandem_install_restore_hooks(int saved_stderr) {
    static int installed = 0;
    tandem_saved_termios_valid = tcgetattr(STDIN_FILENO, &tandem_saved_termios) == 0;
    tandem_saved_stderr = saved_stderr;
    if (installed) return;
    installed = 1;
    atexit(tandem_atexit_restore);
    const int signals[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP};
    for (unsigned i = 0; i < sizeof signals / sizeof signals[0]; i++) {
        struct sigaction action;
        memset(&action, 0, sizeof action);
        action.sa_handler = tandem_crash_handler;
        sigemptyset(&action.sa_mask);
        action.sa_flags = SA_RESETHAND | SA_NODEFER;
        sigaction(signals[i], &action, &tandem_previous_actions[signals[i]]);
    }
}

static inline void tandem_set_screen_active(int active) { tandem_screen_active = active; }

/// For a second Ctrl-C while the UI is stuck: restore what can be restored and leave at once.
static inline void tandem_restore_and_exit(int status) {
    tandem_emergency_restore();
    _exit(status);
}

#endif
