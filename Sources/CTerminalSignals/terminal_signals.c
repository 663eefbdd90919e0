#include "terminal_signals.h"

#include <curses.h>
#include <signal.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

/* One pending flag per signal number. */
static volatile sig_atomic_t pending[65];
/* The dispositions in place before tenet_install_signal_handlers, by watched index. */
static struct sigaction saved_dispositions[5];
static int handlers_installed = 0;
/* Whether curses is running; read by the atexit and crash handlers. */
static volatile sig_atomic_t curses_active = 0;
static int atexit_registered = 0;
/* The terminal as it was before curses, for the crash handler. */
static struct termios saved_termios;
static volatile sig_atomic_t tty_fd = -1;
static char crash_stack[64 * 1024];

static void flag_handler(int sig) {
    if (sig > 0 && sig < 65) pending[sig] = 1;
}

/* The watched signals, in reporting priority; SIGPIPE (last) is ignored, not watched. */
static int watched_signal(int k) {
    switch (k) {
    case 0: return SIGTERM;
    case 1: return SIGHUP;
    case 2: return SIGINT;
    case 3: return SIGQUIT;
    case 4: return SIGPIPE;
    default: return 0;
    }
}

void tenet_install_signal_handlers(void) {
    if (handlers_installed) return;
    for (int k = 0; k < 5; k++) {
        int sig = watched_signal(k);
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sigemptyset(&sa.sa_mask);
        for (int j = 0; j < 4; j++) sigaddset(&sa.sa_mask, watched_signal(j));
        sa.sa_handler = (k == 4) ? SIG_IGN : flag_handler;
        sa.sa_flags = 0; /* no SA_RESTART: poll() returns EINTR */
        pending[sig] = 0;
        sigaction(sig, &sa, &saved_dispositions[k]);
    }
    /* A parent may have left them blocked (children inherit the mask): a blocked
       SIGTERM would never reach the handler and the terminal never be restored. */
    sigset_t watched;
    sigemptyset(&watched);
    for (int j = 0; j < 4; j++) sigaddset(&watched, watched_signal(j));
    pthread_sigmask(SIG_UNBLOCK, &watched, NULL);
    handlers_installed = 1;
}

void tenet_restore_signal_handlers(void) {
    if (!handlers_installed) return;
    for (int k = 0; k < 5; k++) sigaction(watched_signal(k), &saved_dispositions[k], NULL);
    handlers_installed = 0;
}

int tenet_take_signal(void) {
    for (int k = 0; k < 4; k++) {
        int sig = watched_signal(k);
        if (pending[sig]) {
            pending[sig] = 0;
            return sig;
        }
    }
    return 0;
}

void tenet_discard_signal(int sig) {
    if (sig > 0 && sig < 65) pending[sig] = 0;
}

static void atexit_restore(void) {
    if (curses_active) {
        curses_active = 0;
        endwin();
    }
}

/* A crash (a Swift runtime trap, a bad access) must not leave the user's terminal raw,
   hidden-cursor and on the alternate screen: put it back with async-signal-safe calls
   only, then die of the same signal. */
static void crash_handler(int sig) {
    int fd = tty_fd;
    if (fd >= 0 && curses_active) {
        static const char reset[] = "\033[?2004l\033[0m\033[?25h\033[?1049l\r\n";
        tcsetattr(fd, TCSANOW, &saved_termios);
        ssize_t ignored = write(fd, reset, sizeof reset - 1);
        (void)ignored;
    }
    signal(sig, SIG_DFL);
    raise(sig);
}

void tenet_install_crash_handler(int fd) {
    if (tcgetattr(fd, &saved_termios) != 0) return;
    tty_fd = fd;
    stack_t alt;
    alt.ss_sp = crash_stack;
    alt.ss_size = sizeof crash_stack;
    alt.ss_flags = 0;
    sigaltstack(&alt, NULL);
    int signals[] = { SIGILL, SIGTRAP, SIGABRT, SIGSEGV, SIGBUS, SIGFPE };
    for (unsigned k = 0; k < sizeof signals / sizeof signals[0]; k++) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sigemptyset(&sa.sa_mask);
        sa.sa_handler = crash_handler;
        sa.sa_flags = SA_ONSTACK | SA_RESETHAND;
        sigaction(signals[k], &sa, NULL);
    }
}

void tenet_set_curses_active(int active) {
    if (!atexit_registered) {
        atexit_registered = 1;
        atexit(atexit_restore);
    }
    curses_active = active ? 1 : 0;
}

int tenet_curses_active(void) {
    return curses_active ? 1 : 0;
}
