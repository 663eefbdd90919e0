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
#include <signal.h>
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

/* ---- Signals and last-resort restore ------------------------------------------------
   The handlers only set a flag; the adapter reports the signal as an event so that the
   program leaves through its normal clean-up path. The state lives in static locals of
   static inline functions: every object file that calls these gets its own copy, so in
   Swift exactly ONE source file (TenetTerminal/SignalWatch.swift) may call them. */

/* One pending flag per signal number. */
static inline volatile sig_atomic_t *tenet_signal_pending(void) {
    static volatile sig_atomic_t pending[65];
    return pending;
}

static inline void tenet_signal_flag_handler(int sig) {
    if (sig > 0 && sig < 65) tenet_signal_pending()[sig] = 1;
}

/* The watched signals, in reporting priority; SIGPIPE (last) is ignored, not watched. */
static inline int tenet_watched_signal(int k) {
    switch (k) {
    case 0: return SIGTERM;
    case 1: return SIGHUP;
    case 2: return SIGINT;
    case 3: return SIGQUIT;
    case 4: return SIGPIPE;
    default: return 0;
    }
}

static inline struct sigaction *tenet_saved_dispositions(void) {
    static struct sigaction saved[5];
    return saved;
}

static inline int *tenet_signal_handlers_installed(void) {
    static int installed = 0;
    return &installed;
}

/* Installs flag-setting handlers for SIGTERM, SIGHUP, SIGINT, SIGQUIT and ignores
   SIGPIPE, remembering the previous dispositions. Clears pending flags. Idempotent. */
static inline void tenet_install_signal_handlers(void) {
    if (*tenet_signal_handlers_installed()) return;
    for (int k = 0; k < 5; k++) {
        int sig = tenet_watched_signal(k);
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sigemptyset(&sa.sa_mask);
        for (int j = 0; j < 4; j++) sigaddset(&sa.sa_mask, tenet_watched_signal(j));
        sa.sa_handler = (k == 4) ? SIG_IGN : tenet_signal_flag_handler;
        sa.sa_flags = 0; /* no SA_RESTART: poll() returns EINTR */
        tenet_signal_pending()[sig] = 0;
        sigaction(sig, &sa, &tenet_saved_dispositions()[k]);
    }
    /* A parent may have left them blocked (children inherit the mask): a blocked
       SIGTERM would never reach the handler and the terminal never be restored. */
    sigset_t watched;
    sigemptyset(&watched);
    for (int j = 0; j < 4; j++) sigaddset(&watched, tenet_watched_signal(j));
    pthread_sigmask(SIG_UNBLOCK, &watched, NULL);
    *tenet_signal_handlers_installed() = 1;
}

/* Puts back the dispositions saved by tenet_install_signal_handlers. Idempotent. */
static inline void tenet_restore_signal_handlers(void) {
    if (!*tenet_signal_handlers_installed()) return;
    for (int k = 0; k < 5; k++) sigaction(tenet_watched_signal(k), &tenet_saved_dispositions()[k], NULL);
    *tenet_signal_handlers_installed() = 0;
}

/* The first pending watched signal (clearing its flag), or 0. */
static inline int tenet_take_signal(void) {
    for (int k = 0; k < 4; k++) {
        int sig = tenet_watched_signal(k);
        if (tenet_signal_pending()[sig]) {
            tenet_signal_pending()[sig] = 0;
            return sig;
        }
    }
    return 0;
}

/* Forgets a pending signal (e.g. SIGINT typed at a child program during a suspend). */
static inline void tenet_discard_signal(int sig) {
    if (sig > 0 && sig < 65) tenet_signal_pending()[sig] = 0;
}

static inline int *tenet_curses_active_flag(void) {
    static int active = 0;
    return &active;
}

static inline void tenet_atexit_restore(void) {
    if (*tenet_curses_active_flag()) {
        *tenet_curses_active_flag() = 0;
        endwin();
    }
}

/* The terminal as it was before curses, for the crash handler. */
static inline struct termios *tenet_saved_termios(void) {
    static struct termios saved;
    return &saved;
}
static inline int *tenet_tty_fd(void) {
    static int fd = -1;
    return &fd;
}

/* A crash (a Swift runtime trap, a bad access) must not leave the user's terminal raw,
   hidden-cursor and on the alternate screen: put it back with async-signal-safe calls
   only, then die of the same signal. */
static inline void tenet_crash_handler(int sig) {
    int fd = *tenet_tty_fd();
    if (fd >= 0 && *tenet_curses_active_flag()) {
        static const char reset[] = "\033[?2004l\033[0m\033[?25h\033[?1049l\r\n";
        tcsetattr(fd, TCSANOW, tenet_saved_termios());
        ssize_t ignored = write(fd, reset, sizeof reset - 1);
        (void)ignored;
    }
    signal(sig, SIG_DFL);
    raise(sig);
}

/* Remembers the terminal's settings on `fd` and installs the crash handler for SIGILL,
   SIGTRAP, SIGABRT, SIGSEGV, SIGBUS and SIGFPE (with an alternate stack, so that a stack
   overflow is handled too). */
static inline void tenet_install_crash_handler(int fd) {
    static char stack[64 * 1024];
    if (tcgetattr(fd, tenet_saved_termios()) != 0) return;
    *tenet_tty_fd() = fd;
    stack_t alt;
    alt.ss_sp = stack;
    alt.ss_size = sizeof stack;
    alt.ss_flags = 0;
    sigaltstack(&alt, NULL);
    int signals[] = { SIGILL, SIGTRAP, SIGABRT, SIGSEGV, SIGBUS, SIGFPE };
    for (unsigned k = 0; k < sizeof signals / sizeof signals[0]; k++) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sigemptyset(&sa.sa_mask);
        sa.sa_handler = tenet_crash_handler;
        sa.sa_flags = SA_ONSTACK | SA_RESETHAND;
        sigaction(signals[k], &sa, NULL);
    }
}

/* Marks curses as running (1) or not (0). The first call registers an atexit handler that
   calls endwin() if the program exits while curses is still running. */
static inline void tenet_set_curses_active(int active) {
    static int registered = 0;
    if (!registered) {
        registered = 1;
        atexit(tenet_atexit_restore);
    }
    *tenet_curses_active_flag() = active;
}

#endif
