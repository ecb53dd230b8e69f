/* BLAKE2b hashing for the audit chain and MACs for files beside the database. */
#ifndef CD_KEYS_HASH_H
#define CD_KEYS_HASH_H

#include <stddef.h>

#include "keys/secret.h"

#define HASH_BYTES 32
#define HASH_HEX (2 * HASH_BYTES + 1)

/* out = BLAKE2b-256(data). */
void hash_bytes(const void *data, size_t len, unsigned char out[HASH_BYTES]);

/* out = BLAKE2b-256(prev || data): one link of a hash chain. */
void hash_chain(const unsigned char prev[HASH_BYTES], const void *data,
    size_t len, unsigned char out[HASH_BYTES]);

/* out = BLAKE2b-256 keyed with key (32 bytes) over data. */
void hash_mac(const struct secret *key, const void *data, size_t len,
    unsigned char out[HASH_BYTES]);

/* Whether two digests are equal, in constant time. */
int hash_equal(const unsigned char a[HASH_BYTES],
    const unsigned char b[HASH_BYTES]);

/* Lower-case hex of a digest into out (HASH_HEX bytes with the NUL). */
void hash_to_hex(const unsigned char d[HASH_BYTES], char out[HASH_HEX]);

/* Parse 64 hex digits; returns 0 on success, -1 if malformed. */
int hash_from_hex(const char *hex, unsigned char out[HASH_BYTES]);

#endif
