#ifndef TENET_TERMINAL_SIGNALS_H
#define TENET_TERMINAL_SIGNALS_H

/* The process-wide signal state of the terminal adapter: one definition, in
   terminal_signals.c. The handlers only set a flag; the adapter reports the signal as an
   event so that the program leaves through its normal clean-up path. No pointer crosses
   this interface. */

/* Installs flag-setting handlers for SIGTERM, SIGHUP, SIGINT, SIGQUIT and ignores
   SIGPIPE, remembering the previous dispositions. Clears pending flags. Idempotent. */
void tenet_install_signal_handlers(void);

/* Puts back the dispositions saved by tenet_install_signal_handlers. Idempotent. */
void tenet_restore_signal_handlers(void);

/* The first pending watched signal (clearing its flag), or 0. */
int tenet_take_signal(void);

/* Forgets a pending signal (e.g. SIGINT typed at a child program during a suspend). */
void tenet_discard_signal(int sig);

/* Remembers the terminal's settings on `fd` and installs the crash handler for SIGILL,
   SIGTRAP, SIGABRT, SIGSEGV, SIGBUS and SIGFPE (with an alternate stack, so that a stack
   overflow is handled too): it puts the terminal back, then dies of the same signal. */
void tenet_install_crash_handler(int fd);

/* Marks curses as running (1) or not (0). The first call registers an atexit handler that
   calls endwin() if the program exits while curses is still running. */
void tenet_set_curses_active(int active);

/* 1 while curses is marked as running, else 0. */
int tenet_curses_active(void);

#endif
