#ifndef TENET_CNCURSESW_SHIM_H
#define TENET_CNCURSESW_SHIM_H

/* Wide-character curses. Defined here instead of through pkg-config, whose
   -D_XOPEN_SOURCE=600 SwiftPM drops as a prohibited flag. */
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <pthread.h>
#include <termios.h>
#include <unistd.h>
#include <curses.h>
#include <term.h>

/* Swift 6 refuses C globals as not concurrency-safe, and macros such as
   A_BOLD do not import: each gets a small getter. Names carry a tenet_ prefix. */
static inline WINDOW *tenet_stdscr(void) { return stdscr; }
static inline int tenet_lines(void) { return LINES; }
static inline int tenet_cols(void) { return COLS; }
static inline int tenet_colors(void) { return COLORS; }
static inline attr_t tenet_a_bold(void) { return A_BOLD; }
static inline attr_t tenet_a_reverse(void) { return A_REVERSE; }
static inline attr_t tenet_a_underline(void) { return A_UNDERLINE; }
static inline attr_t tenet_a_dim(void) { return A_DIM; }
static inline attr_t tenet_a_normal(void) { return A_NORMAL; }
static inline attr_t tenet_a_italic(void) { return A_ITALIC; }

/* Makes the character type UTF-8 when the environment's locale is not
   (common over SSH), so that wide characters are not silently dropped.
   Returns 1 when it had to fall back to C.UTF-8. */
static inline int tenet_ensure_utf8_locale(void) {
    setlocale(LC_ALL, "");
    const char *codeset = nl_langinfo(CODESET);
    if (codeset != NULL && (strcmp(codeset, "UTF-8") == 0 || strcmp(codeset, "utf8") == 0)) {
        return 0;
    }
    setlocale(LC_CTYPE, "C.UTF-8");
    return 1;
}

/* newterm() on $TERM, then on known entries. initscr() would exit the process
   on an unknown TERM; newterm() returns NULL instead. `out` and `in` may be
   NULL for the process's stdout and stdin. Sets *used_fallback to 1 when $TERM
   was not usable. */
static inline SCREEN *tenet_newterm(const char *term, FILE *out, FILE *in, int *used_fallback) {
    static const char *fallbacks[] = { "xterm-256color", "xterm", "vt100", NULL };
    FILE *o = out ? out : stdout;
    FILE *i = in ? in : stdin;
    if (used_fallback) *used_fallback = 0;
    if (term != NULL && term[0] != '\0') {
        SCREEN *s = newterm(term, o, i);
        if (s != NULL) return s;
    }
    if (used_fallback) *used_fallback = 1;
    for (int k = 0; fallbacks[k] != NULL; k++) {
        SCREEN *s = newterm(fallbacks[k], o, i);
        if (s != NULL) return s;
    }
    return NULL;
}

/* Signal handlers and the last-resort restore live in the C target CTerminalSignals. */

#endif
