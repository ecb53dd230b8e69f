/*
 * Test-only access to the raw database, for tests that must tamper with
 * it. Built into libcdstoretest.a, which only tests link.
 */
#ifndef CD_STORE_TESTING_H
#define CD_STORE_TESTING_H

#include "common/status.h"

struct store;

/* Run sql (no parameters, no result rows) directly on the connection. */
enum cd_status store_test_exec(struct store *st, const char *sql,
    struct cd_err *err);

/* Mark the database as holding demo data (for the trainer role). */
void store_test_demo(struct store *st);

#endif
