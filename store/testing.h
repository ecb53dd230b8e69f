/*
 * Test-only access to the raw database, for tests that must tamper with
 * it. Built into libcdstoretest.a, which only tests link.
 */
#ifndef CD_STORE_TESTING_H
#define CD_STORE_TESTING_H

#include <stddef.h>

#include "common/status.h"

struct store;

/* Run sql (no parameters, no result rows) directly on the connection. */
enum cd_status store_test_exec(struct store *st, const char *sql,
    struct cd_err *err);

/* Mark the database as holding demo data (for the trainer role). */
void store_test_demo(struct store *st);

/*
 * How many cells of any table contain needle (case-insensitive); where
 * gets the first table.column found. -1 when the schema cannot be read.
 */
long store_test_find_text(struct store *st, const char *needle, char *where,
    size_t wsize);

/* The first column of the first row of sql as a number; -1 on error. */
long store_test_count(struct store *st, const char *sql);

/* What a connection did between store_test_count_start and _stop. */
struct store_test_counts {
	long statements;	/* statements run (each from its start) */
	long steps;		/* SQLite's progress ticks: rows visited */
	long commits;		/* transactions committed, autocommit included */
	long relaxed;		/* of which did not wait for the disk */
	struct store *st;	/* set by store_test_count_start */
};

/*
 * Count statements, steps and commits on st's connection into c until
 * store_test_count_stop. c must outlive the counting.
 */
void store_test_count_start(struct store *st, struct store_test_counts *c);
void store_test_count_stop(struct store *st);

/*
 * How store_audit_verify walks the chain: 0 on two threads when it is
 * long (the default), 1 on two whenever it can, -1 on one.
 */
void store_test_verify_split(struct store *st, int how);

/*
 * Call fn(arg) in the next split walks, after the second connection has
 * taken its snapshot and before the first takes its own again (a writer
 * racing the verify); fn NULL stops it.
 */
void store_test_verify_race(struct store *st, void (*fn)(void *),
    void *arg);

/* The audit chain's latest sequence number (0 when empty). */
long long store_test_audit_head(struct store *st);

#endif
