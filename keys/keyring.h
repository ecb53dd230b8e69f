/*
 * The keyring file beside the database (NAME.keys): the random data key,
 * wrapped once per user under an Argon2id key from that user's passphrase,
 * and once under a recovery key.
 */
#ifndef CD_KEYS_KEYRING_H
#define CD_KEYS_KEYRING_H

#include <stddef.h>
#include <stdint.h>

#include "common/status.h"
#include "keys/secret.h"

#define KEYRING_VERSION 1
#define KEYRING_NAME_MAX 64
#define KEYRING_KEY_BYTES 32
#define KEYRING_SALT_BYTES 16
#define KEYRING_NONCE_BYTES 24
#define KEYRING_WRAPPED_BYTES (KEYRING_KEY_BYTES + 16)
/* The recovery key as text: 52 base32 characters in groups of four. */
#define KEYRING_RECOVERY_TEXT 64

/* The database holds demo data (shown on the unlock screen). */
#define KEYRING_FLAG_DEMO 1u
/*
 * A test database: made with a KDF weaker than moderate on purpose. Only
 * demo and test keyrings accept the weak levels; a live one never does.
 */
#define KEYRING_FLAG_TEST 2u

enum keyring_kind { KEYRING_USER = 1, KEYRING_RECOVERY = 2 };

/* KDF algorithm ids as stored in the file (never libsodium's defaults). */
enum kdf_alg { KDF_NONE = 0, KDF_ARGON2ID13 = 2 };

/* Named strengths for new wraps; "insecure-test" exists for the test suite. */
enum kdf_level { KDF_TEST, KDF_INTERACTIVE, KDF_MODERATE, KDF_SENSITIVE };

struct kdf_params {
	uint32_t alg;
	uint64_t opslimit;
	uint64_t memlimit;
};

struct keyring_entry {
	unsigned kind;
	char name[KEYRING_NAME_MAX + 1];
	struct kdf_params kdf;
	unsigned char salt[KEYRING_SALT_BYTES];
	unsigned char nonce[KEYRING_NONCE_BYTES];
	unsigned char wrapped[KEYRING_WRAPPED_BYTES];
};

struct keyring {
	uint32_t version;
	uint32_t cipher_format;	/* SQLCipher major version that made the db */
	uint32_t page_size;	/* cipher_page_size, set on every open */
	uint32_t flags;		/* KEYRING_FLAG_* */
	struct keyring_entry *entries;
	size_t n;
	/* As loaded: the bytes the file MAC covers, and the MAC. */
	unsigned char *raw;
	size_t raw_len;
	unsigned char mac[32];
};

/* The parameters for a level, and the level for a configuration word. */
void kdf_level_params(enum kdf_level level, struct kdf_params *p);
enum cd_status kdf_level_parse(const char *word, enum kdf_level *level,
    struct cd_err *err);
const char *kdf_level_name(enum kdf_level level);
/* Whether p is at least the moderate level (what live keyrings need). */
int kdf_is_strong(const struct kdf_params *p);

/* A new empty keyring and a fresh random data key for it. */
enum cd_status keyring_create(uint32_t cipher_format, uint32_t page_size,
    uint32_t flags, struct keyring **out, struct secret **dek, struct cd_err *err);

/*
 * Parse a keyring from bytes. A damaged file, a bad checksum or KDF numbers
 * outside the accepted bounds give CD_ERR_KEYRING; an unknown format
 * version gives CD_ERR_VERSION.
 */
enum cd_status keyring_parse(const unsigned char *data, size_t len,
    struct keyring **out, struct cd_err *err);

/* keyring_parse() on the file at path. */
enum cd_status keyring_load(const char *path, struct keyring **out,
    struct cd_err *err);

/*
 * Unwrap the data key with name's passphrase. CD_ERR_NOTFOUND if the user
 * has no entry, CD_ERR_BADPASS if the passphrase is wrong, CD_ERR_KEYRING
 * if the file was altered by someone without the data key.
 */
enum cd_status keyring_unlock(const struct keyring *kr, const char *name,
    const struct secret *passphrase, struct secret **dek, struct cd_err *err);

/* Unwrap the data key with the recovery key text. */
enum cd_status keyring_unlock_recovery(const struct keyring *kr,
    const char *text, struct secret **dek, struct cd_err *err);

/*
 * Add name's entry, or replace it, wrapping dek under passphrase. A live
 * keyring (neither demo nor test) refuses a KDF weaker than moderate.
 */
enum cd_status keyring_set_user(struct keyring *kr, const struct secret *dek,
    const char *name, const struct secret *passphrase,
    const struct kdf_params *kdf, struct cd_err *err);

/* Remove name's entry: that passphrase no longer unlocks the database. */
enum cd_status keyring_remove_user(struct keyring *kr, const char *name,
    struct cd_err *err);

/* Whether name has an entry. */
int keyring_has_user(const struct keyring *kr, const char *name);

/*
 * Make a new recovery key, replacing any old one; its text (to be shown
 * once) is returned in a new secret.
 */
enum cd_status keyring_make_recovery(struct keyring *kr,
    const struct secret *dek, struct secret **text, struct cd_err *err);

/* Write the keyring to path atomically, mode 0600, MAC'd under dek. */
enum cd_status keyring_save(struct keyring *kr, const char *path,
    const struct secret *dek, struct cd_err *err);

/* A 32-byte subkey of dek for one purpose (1 keyring MAC, 2 audit anchor). */
enum cd_status keyring_subkey(const struct secret *dek, uint64_t purpose,
    struct secret **out, struct cd_err *err);

void keyring_free(struct keyring **kr);

#endif
