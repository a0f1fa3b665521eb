#include "CSQLiteShims.h"

int rtkql_sqlite3_db_config_int(sqlite3 *db, int op, int value, int *result) {
    return sqlite3_db_config(db, op, value, result);
}

sqlite3_destructor_type rtkql_sqlite3_transient(void) {
    return SQLITE_TRANSIENT;
}
