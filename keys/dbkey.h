/* What the store needs to open the database: built from the data key. */
#ifndef CD_KEYS_DBKEY_H
#define CD_KEYS_DBKEY_H

#include <stdint.h>

#include "common/status.h"
#include "keys/keyring.h"
#include "keys/secret.h"

/*
 * The SQLCipher raw key spec ("x'<64 hex>'", passed to sqlite3_key and never
 * put in SQL text), the key that MACs the audit anchor, and the cipher
 * settings recorded in the keyring.
 */
struct dbkey {
	struct secret *spec;
	struct secret *anchor_key;
	uint32_t cipher_format;
	uint32_t page_size;
};

/* Fill out from the keyring's settings and the unwrapped data key. */
enum cd_status dbkey_make(const struct keyring *kr, const struct secret *dek,
    struct dbkey *out, struct cd_err *err);

/* Wipe and free the secrets in k. */
void dbkey_fini(struct dbkey *k);

#endif
