#include "config.h"

#include "store/testing.h"

#include "store/store_int.h"

enum cd_status
store_test_exec(struct store *st, const char *sql, struct cd_err *err)
{
	char *msg = NULL;

	if (sqlite3_exec(st->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		enum cd_status code = cd_err_set(err, CD_ERR_DB, "%s",
		    msg ? msg : "error");

		sqlite3_free(msg);
		return code;
	}
	return CD_OK;
}

void
store_test_demo(struct store *st)
{
	st->demo = 1;
	store_meta_set(st, "demo", "1", NULL);
}
