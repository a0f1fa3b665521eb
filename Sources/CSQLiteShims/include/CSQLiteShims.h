#ifndef RTKQL_CSQLITESHIMS_H
#define RTKQL_CSQLITESHIMS_H
#include <sqlite3.h>

/// Non-variadic wrapper of `sqlite3_db_config(db, op, int, int*)` (Swift cannot call C variadics).
int rtkql_sqlite3_db_config_int(sqlite3 *db, int op, int value, int *result);

/// The SQLITE_TRANSIENT destructor, which Swift cannot spell as a constant.
sqlite3_destructor_type rtkql_sqlite3_transient(void);

#endif
