#ifndef TENET_CSQLITETRIGGERS_H
#define TENET_CSQLITETRIGGERS_H

#include <sqlite3.h>

/// Turns the triggers of one SQLite connection on or off (`SQLITE_DBCONFIG_ENABLE_TRIGGER`);
/// statements prepared afterwards are compiled with or without them. Returns SQLite's result
/// code. sqlite3_db_config() is variadic, which Swift cannot call.
static inline int tenet_sqlite_enable_triggers(sqlite3 *db, int enable) {
    int now = -1;
    int code = sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_TRIGGER, enable, &now);
    return code == SQLITE_OK && now != (enable ? 1 : 0) ? SQLITE_ERROR : code;
}

#endif
