// ncursesw for Swift: wide-character API, plus static inline wrappers for what Swift cannot import directly
// (function-like macros such as A_BOLD) or cannot treat as concurrency-safe (globals such as stdscr, LINES, COLS).
#ifndef TANDEM_CNCURSES_SHIM_H
#define TANDEM_CNCURSES_SHIM_H

#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif

#include <locale.h>
#include <langinfo.h>
#include <signal.h>
#include <string.h>
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

/// The mouse events the UI asks for: left button down, wheel up (button 4) and down (button 5).
static inline mmask_t tandem_mouse_events(void) { return BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON4_PRESSED | BUTTON5_PRESSED; }
/// 1 for a left click, 4 for wheel up, 5 for wheel down, 0 for anything else.
static inline int tandem_mouse_button(mmask_t state) {
    if (state & (BUTTON1_PRESSED | BUTTON1_CLICKED)) return 1;
    if (state & BUTTON4_PRESSED) return 4;
    if (state & BUTTON5_PRESSED) return 5;
    return 0;
}

static inline void tandem_ignore_signal(int sig) { signal(sig, SIG_IGN); }
static inline void tandem_default_signal(int sig) { signal(sig, SIG_DFL); }

/// Whether the C library's locale encodes characters as UTF-8 (after setlocale).
static inline int tandem_locale_is_utf8(void) {
    const char *codeset = nl_langinfo(CODESET);
    return codeset != NULL && strcmp(codeset, "UTF-8") == 0;
}

#endif
