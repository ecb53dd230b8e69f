/* Secret memory: guarded, locked buffers that are wiped when freed. */
#ifndef CD_KEYS_SECRET_H
#define CD_KEYS_SECRET_H

#include <stddef.h>

#include "common/status.h"

/*
 * A secret lives in sodium_malloc memory (guard pages, mlock, wiped on
 * free). data[len] is always NUL so text secrets can be used as strings.
 */
struct secret {
	unsigned char *data;
	size_t len;
	size_t cap;
};

/*
 * Start libsodium and harden the process: no core dumps, not ptrace-able
 * by other users. Call once before anything else in keys/.
 */
enum cd_status secret_init(struct cd_err *err);

/* The libsodium version string. */
const char *secret_library_version(void);

/* A new secret of capacity cap (len 0). */
enum cd_status secret_new(size_t cap, struct secret **out,
    struct cd_err *err);

/* A new secret holding a copy of n bytes. */
enum cd_status secret_dup(const void *p, size_t n, struct secret **out,
    struct cd_err *err);

/* Whether two secrets hold the same bytes (constant time). */
int secret_equal(const struct secret *a, const struct secret *b);

/* Wipe and free *s, setting it to NULL. */
void secret_free(struct secret **s);

/* Wipe n bytes of ordinary memory. */
void secret_wipe(void *p, size_t n);

/* Fill p with n random bytes. */
void secret_random(void *p, size_t n);

#endif
