/* A scratch database for store tests: fast KDF, temporary folder. */
#ifndef CD_TESTS_FIXTURE_H
#define CD_TESTS_FIXTURE_H

#include "keys/dbkey.h"
#include "keys/keyring.h"
#include "keys/secret.h"
#include "store/store.h"
#include "store/workflow.h"

struct fixture {
	char dir[64];
	char *db;
	char *keys;
	struct keyring *kr;
	struct secret *dek;
	struct dbkey key;
	struct store *st;	/* logged in as "admin" */
};

/* Make a database with users admin (admin) and sam (social). */
void fixture_make(struct fixture *f);

/* Open the fixture database again as name, in a new connection. */
struct store *fixture_open_as(struct fixture *f, const char *name);

/*
 * Create a row of entity for person from NAME, VALUE pairs ending in NULL,
 * failing the test (with the store's message) if it is refused.
 */
int64_t fixture_row(struct store *st, const char *entity, int64_t person,
    ...);

/* Close and remove everything. */
/* Change fields of row id (field, value pairs ending with NULL), or fail. */
void fixture_update(struct store *st, const char *entity, int64_t id, ...);

/* The row the last change started of kind (store/workflow.h), or 0. */
int64_t fixture_last_step(struct store *st, enum step_kind kind);

void fixture_free(struct fixture *f);

/* Whether the file at path contains the bytes needle. */
int fixture_file_contains(const char *path, const void *needle, size_t n);

#endif
