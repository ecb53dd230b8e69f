#include "config.h"

#include "keys/keyring.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/file.h"
#include "common/xmem.h"
#include "keys/hash.h"

/*
 * File layout, all integers big-endian u32 or u64:
 *
 *   header  "CDKR" version cipher_format page_size flags count
 *   entry   kind name_len name kdf_alg opslimit(u64) memlimit(u64)
 *           salt[16] nonce[24] wrapped[48]            (count times)
 *   sum     BLAKE2b-256 of everything above (catches damage and naive edits)
 *   mac     BLAKE2b-256 keyed by a subkey of the data key over all the above
 *
 * Each wrap's additional data is the header's first five fields plus the
 * entry's own fields up to and including the salt, so a changed KDF number,
 * name or cipher format makes that unwrap fail.
 */

static const unsigned char magic[4] = { 'C', 'D', 'K', 'R' };

#define MAX_ENTRIES 4096
#define FILE_MAX (1u << 20)
#define OPS_MIN 1u
#define OPS_MAX 10u
#define MEM_MIN 8192u
#define MEM_MAX (1024u * 1024u * 1024u)
#define SUBKEY_CONTEXT "cdkeyrng"
#define RECOVERY_DOMAIN "casedesk recovery key v1"

static const char *level_names[] = {
	[KDF_TEST] = "insecure-test",
	[KDF_INTERACTIVE] = "interactive",
	[KDF_MODERATE] = "moderate",
	[KDF_SENSITIVE] = "sensitive",
};

void
kdf_level_params(enum kdf_level level, struct kdf_params *p)
{
	p->alg = KDF_ARGON2ID13;
	switch (level) {
	case KDF_TEST:
		p->opslimit = crypto_pwhash_argon2id_OPSLIMIT_MIN;
		p->memlimit = crypto_pwhash_argon2id_MEMLIMIT_MIN;
		break;
	case KDF_INTERACTIVE:
		p->opslimit = crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE;
		p->memlimit = crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE;
		break;
	case KDF_MODERATE:
		p->opslimit = crypto_pwhash_argon2id_OPSLIMIT_MODERATE;
		p->memlimit = crypto_pwhash_argon2id_MEMLIMIT_MODERATE;
		break;
	case KDF_SENSITIVE:
		p->opslimit = crypto_pwhash_argon2id_OPSLIMIT_SENSITIVE;
		p->memlimit = crypto_pwhash_argon2id_MEMLIMIT_SENSITIVE;
		break;
	}
}

int
kdf_is_strong(const struct kdf_params *p)
{
	return p->opslimit >= crypto_pwhash_argon2id_OPSLIMIT_MODERATE &&
	    p->memlimit >= crypto_pwhash_argon2id_MEMLIMIT_MODERATE;
}

enum cd_status
kdf_level_parse(const char *word, enum kdf_level *level, struct cd_err *err)
{
	size_t i;

	for (i = 0; i < sizeof level_names / sizeof level_names[0]; i++) {
		if (strcmp(word, level_names[i]) == 0) {
			*level = (enum kdf_level)i;
			return CD_OK;
		}
	}
	return cd_err_set(err, CD_ERR_INVALID,
	    "unknown KDF strength \"%s\" (use interactive, moderate or "
	    "sensitive)", word);
}

const char *
kdf_level_name(enum kdf_level level)
{
	return level_names[level];
}

enum cd_status
keyring_create(uint32_t cipher_format, uint32_t page_size, uint32_t flags,
    struct keyring **out, struct secret **dek, struct cd_err *err)
{
	struct keyring *kr;
	enum cd_status st;

	st = secret_new(KEYRING_KEY_BYTES, dek, err);
	if (st != CD_OK)
		return st;
	randombytes_buf((*dek)->data, KEYRING_KEY_BYTES);
	(*dek)->len = KEYRING_KEY_BYTES;
	kr = xcalloc(1, sizeof *kr);
	kr->version = KEYRING_VERSION;
	kr->cipher_format = cipher_format;
	kr->page_size = page_size;
	kr->flags = flags;
	*out = kr;
	return CD_OK;
}

/* The fixed header fields every wrap authenticates. */
static void
add_header(struct buf *b, const struct keyring *kr)
{
	buf_add(b, magic, sizeof magic);
	buf_add_u32(b, kr->version);
	buf_add_u32(b, kr->cipher_format);
	buf_add_u32(b, kr->page_size);
	buf_add_u32(b, kr->flags);
}

/* An entry's fields up to and including its salt. */
static void
add_entry_head(struct buf *b, const struct keyring_entry *e)
{
	size_t n = strlen(e->name);

	buf_add_u32(b, e->kind);
	buf_add_u32(b, (uint32_t)n);
	buf_add(b, e->name, n);
	buf_add_u32(b, e->kdf.alg);
	buf_add_u64(b, e->kdf.opslimit);
	buf_add_u64(b, e->kdf.memlimit);
	buf_add(b, e->salt, sizeof e->salt);
}

static void
entry_ad(const struct keyring *kr, const struct keyring_entry *e,
    struct buf *ad)
{
	add_header(ad, kr);
	add_entry_head(ad, e);
}

/* Everything the checksum and MAC cover, in file order. */
static void
serialise_body(const struct keyring *kr, struct buf *b)
{
	size_t i;

	add_header(b, kr);
	buf_add_u32(b, (uint32_t)kr->n);
	for (i = 0; i < kr->n; i++) {
		const struct keyring_entry *e = &kr->entries[i];

		add_entry_head(b, e);
		buf_add(b, e->nonce, sizeof e->nonce);
		buf_add(b, e->wrapped, sizeof e->wrapped);
	}
}

struct cursor {
	const unsigned char *p;
	size_t len, off;
	int bad;
};

static uint32_t
get_u32(struct cursor *c)
{
	uint32_t v;

	if (c->bad || c->len - c->off < 4) {
		c->bad = 1;
		return 0;
	}
	v = (uint32_t)c->p[c->off] << 24 | (uint32_t)c->p[c->off + 1] << 16 |
	    (uint32_t)c->p[c->off + 2] << 8 | c->p[c->off + 3];
	c->off += 4;
	return v;
}

static uint64_t
get_u64(struct cursor *c)
{
	uint64_t hi = get_u32(c);

	return hi << 32 | get_u32(c);
}

static void
get_bytes(struct cursor *c, void *out, size_t n)
{
	if (c->bad || c->len - c->off < n) {
		c->bad = 1;
		memset(out, 0, n);
		return;
	}
	memcpy(out, c->p + c->off, n);
	c->off += n;
}

/* Check an entry's KDF numbers against the bounds a hostile file may not pass. */
static enum cd_status
check_kdf(const struct keyring_entry *e, struct cd_err *err)
{
	const struct kdf_params *k = &e->kdf;

	if (e->kind == KEYRING_RECOVERY) {
		if (k->alg != KDF_NONE || k->opslimit != 0 || k->memlimit != 0)
			return cd_err_set(err, CD_ERR_KEYRING,
			    "keyring damaged or altered: recovery entry has "
			    "KDF numbers");
		return CD_OK;
	}
	if (k->alg != KDF_ARGON2ID13)
		return cd_err_set(err, CD_ERR_KEYRING,
		    "keyring entry \"%s\": unknown KDF algorithm %u", e->name,
		    (unsigned)k->alg);
	if (k->opslimit < OPS_MIN || k->opslimit > OPS_MAX)
		return cd_err_set(err, CD_ERR_KEYRING,
		    "keyring entry \"%s\": KDF opslimit %llu outside %u..%u",
		    e->name, (unsigned long long)k->opslimit, OPS_MIN, OPS_MAX);
	if (k->memlimit < MEM_MIN || k->memlimit > MEM_MAX)
		return cd_err_set(err, CD_ERR_KEYRING,
		    "keyring entry \"%s\": KDF memlimit %llu bytes outside "
		    "%u..%u", e->name, (unsigned long long)k->memlimit,
		    MEM_MIN, MEM_MAX);
	return CD_OK;
}

enum cd_status
keyring_parse(const unsigned char *data, size_t len, struct keyring **out,
    struct cd_err *err)
{
	struct cursor c = { data, len, 0, 0 };
	unsigned char m[4], sum[HASH_BYTES], want[HASH_BYTES];
	struct keyring *kr;
	enum cd_status st = CD_OK;
	uint32_t count, i;

	*out = NULL;
	get_bytes(&c, m, sizeof m);
	if (c.bad || memcmp(m, magic, sizeof m) != 0)
		return cd_err_set(err, CD_ERR_KEYRING,
		    "not a casedesk keyring (bad magic)");
	kr = xcalloc(1, sizeof *kr);
	kr->version = get_u32(&c);
	if (!c.bad && kr->version != KEYRING_VERSION) {
		st = cd_err_set(err, CD_ERR_VERSION,
		    "keyring format version %u; this casedesk reads version %d",
		    (unsigned)kr->version, KEYRING_VERSION);
		goto fail;
	}
	kr->cipher_format = get_u32(&c);
	kr->page_size = get_u32(&c);
	kr->flags = get_u32(&c);
	count = get_u32(&c);
	if (c.bad || count > MAX_ENTRIES) {
		st = cd_err_set(err, CD_ERR_KEYRING,
		    "keyring damaged or altered: bad header");
		goto fail;
	}
	if (kr->cipher_format < 3 || kr->cipher_format > 4 ||
	    kr->page_size < 512 || kr->page_size > 65536 ||
	    (kr->page_size & (kr->page_size - 1)) != 0) {
		st = cd_err_set(err, CD_ERR_KEYRING,
		    "keyring damaged or altered: cipher format %u, page size %u",
		    (unsigned)kr->cipher_format, (unsigned)kr->page_size);
		goto fail;
	}
	kr->entries = xcalloc(count ? count : 1, sizeof *kr->entries);
	for (i = 0; i < count; i++) {
		struct keyring_entry *e = &kr->entries[i];
		uint32_t nlen;

		e->kind = get_u32(&c);
		nlen = get_u32(&c);
		if (c.bad || nlen == 0 || nlen > KEYRING_NAME_MAX ||
		    (e->kind != KEYRING_USER && e->kind != KEYRING_RECOVERY)) {
			st = cd_err_set(err, CD_ERR_KEYRING,
			    "keyring damaged or altered: bad entry %u",
			    (unsigned)i + 1);
			goto fail;
		}
		get_bytes(&c, e->name, nlen);
		e->name[nlen] = '\0';
		e->kdf.alg = get_u32(&c);
		e->kdf.opslimit = get_u64(&c);
		e->kdf.memlimit = get_u64(&c);
		get_bytes(&c, e->salt, sizeof e->salt);
		get_bytes(&c, e->nonce, sizeof e->nonce);
		get_bytes(&c, e->wrapped, sizeof e->wrapped);
		if (c.bad || strlen(e->name) != nlen)
			break;
		kr->n++;
		st = check_kdf(e, err);
		if (st != CD_OK)
			goto fail;
	}
	kr->raw_len = c.off;
	get_bytes(&c, sum, sizeof sum);
	get_bytes(&c, kr->mac, sizeof kr->mac);
	if (c.bad || c.off != len) {
		st = cd_err_set(err, CD_ERR_KEYRING,
		    "keyring damaged or altered: truncated or extra bytes");
		goto fail;
	}
	hash_bytes(data, kr->raw_len, want);
	if (!hash_equal(sum, want)) {
		st = cd_err_set(err, CD_ERR_KEYRING,
		    "keyring damaged or altered: checksum does not match");
		goto fail;
	}
	kr->raw = xmalloc(kr->raw_len + HASH_BYTES);
	memcpy(kr->raw, data, kr->raw_len + HASH_BYTES);
	*out = kr;
	return CD_OK;
fail:
	keyring_free(&kr);
	return st;
}

enum cd_status
keyring_load(const char *path, struct keyring **out, struct cd_err *err)
{
	unsigned char *data;
	size_t len;
	enum cd_status st;

	st = file_read_all(path, FILE_MAX, &data, &len, err);
	if (st == CD_ERR_NOTFOUND)
		return cd_err_set(err, st, "keyring %s not found", path);
	if (st != CD_OK)
		return st;
	st = keyring_parse(data, len, out, err);
	free(data);
	return st;
}

static struct keyring_entry *
find(const struct keyring *kr, unsigned kind, const char *name)
{
	size_t i;

	for (i = 0; i < kr->n; i++) {
		if (kr->entries[i].kind == kind &&
		    (name == NULL || strcmp(kr->entries[i].name, name) == 0))
			return &kr->entries[i];
	}
	return NULL;
}

enum cd_status
keyring_subkey(const struct secret *dek, uint64_t purpose,
    struct secret **out, struct cd_err *err)
{
	enum cd_status st = secret_new(32, out, err);

	if (st != CD_OK)
		return st;
	crypto_kdf_derive_from_key((*out)->data, 32, purpose, SUBKEY_CONTEXT,
	    dek->data);
	(*out)->len = 32;
	return CD_OK;
}

/* Check the whole-file MAC now that the data key is known. */
static enum cd_status
check_mac(const struct keyring *kr, const struct secret *dek,
    struct cd_err *err)
{
	unsigned char want[HASH_BYTES];
	struct secret *mk;
	enum cd_status st;

	if (kr->raw == NULL)
		return CD_OK;	/* made in this process, never loaded */
	st = keyring_subkey(dek, 1, &mk, err);
	if (st != CD_OK)
		return st;
	hash_mac(mk, kr->raw, kr->raw_len + HASH_BYTES, want);
	secret_free(&mk);
	if (!hash_equal(want, kr->mac))
		return cd_err_set(err, CD_ERR_KEYRING,
		    "keyring damaged or altered: entries were changed by "
		    "someone without the data key");
	return CD_OK;
}

/* Unwrap entry e under kek into a new data-key secret. */
static enum cd_status
unwrap(const struct keyring *kr, const struct keyring_entry *e,
    const struct secret *kek, struct secret **dek, struct cd_err *err)
{
	struct buf ad = { 0 };
	unsigned long long n = 0;
	enum cd_status st;
	int rc;

	st = secret_new(KEYRING_KEY_BYTES, dek, err);
	if (st != CD_OK)
		return st;
	entry_ad(kr, e, &ad);
	rc = crypto_aead_xchacha20poly1305_ietf_decrypt((*dek)->data, &n,
	    NULL, e->wrapped, sizeof e->wrapped, ad.data, ad.len, e->nonce,
	    kek->data);
	buf_fini(&ad);
	if (rc != 0 || n != KEYRING_KEY_BYTES) {
		secret_free(dek);
		return CD_ERR_BADPASS;
	}
	(*dek)->len = KEYRING_KEY_BYTES;
	st = check_mac(kr, *dek, err);
	if (st != CD_OK)
		secret_free(dek);
	return st;
}

/* Derive the key-encryption key for a user entry from a passphrase. */
static enum cd_status
derive(const struct keyring_entry *e, const struct secret *pass,
    struct secret **kek, struct cd_err *err)
{
	enum cd_status st = secret_new(KEYRING_KEY_BYTES, kek, err);

	if (st != CD_OK)
		return st;
	if (crypto_pwhash((*kek)->data, KEYRING_KEY_BYTES,
	    (const char *)pass->data, pass->len, e->salt, e->kdf.opslimit,
	    (size_t)e->kdf.memlimit, crypto_pwhash_ALG_ARGON2ID13) != 0) {
		secret_free(kek);
		return cd_err_set(err, CD_ERR_NOMEM,
		    "Argon2id needs %llu MiB of memory and could not get it",
		    (unsigned long long)(e->kdf.memlimit >> 20));
	}
	(*kek)->len = KEYRING_KEY_BYTES;
	return CD_OK;
}

enum cd_status
keyring_unlock(const struct keyring *kr, const char *name,
    const struct secret *pass, struct secret **dek, struct cd_err *err)
{
	const struct keyring_entry *e = find(kr, KEYRING_USER, name);
	struct secret *kek;
	enum cd_status st;

	*dek = NULL;
	if (e == NULL)
		return cd_err_set(err, CD_ERR_NOTFOUND,
		    "no user \"%s\" in this database's keyring", name);
	st = derive(e, pass, &kek, err);
	if (st != CD_OK)
		return st;
	st = unwrap(kr, e, kek, dek, err);
	secret_free(&kek);
	if (st == CD_ERR_BADPASS)
		return cd_err_set(err, st, "wrong passphrase for \"%s\"", name);
	return st;
}

/* base32 (RFC 4648 alphabet) of the 32-byte recovery key, grouped by four. */
static const char b32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/* Decode recovery text (any case, dashes and spaces ignored) to 32 bytes. */
static int
recovery_decode(const char *text, unsigned char out[32])
{
	unsigned acc = 0, bits = 0;
	size_t n = 0;
	const char *p;

	for (p = text; *p; p++) {
		const char *q;
		int ch = *p;

		if (ch == '-' || ch == ' ')
			continue;
		if (ch >= 'a' && ch <= 'z')
			ch -= 'a' - 'A';
		q = ch ? strchr(b32, ch) : NULL;
		if (q == NULL)
			return -1;
		acc = (acc << 5) | (unsigned)(q - b32);
		bits += 5;
		if (bits >= 8) {
			if (n == 32)
				return -1;
			out[n++] = (unsigned char)(acc >> (bits - 8));
			bits -= 8;
			acc &= (1u << bits) - 1;
		}
	}
	return n == 32 ? 0 : -1;
}

/* The recovery key-encryption key: a domain-separated hash of the raw key. */
static enum cd_status
recovery_kek(const unsigned char raw[32], struct secret **kek,
    struct cd_err *err)
{
	enum cd_status st = secret_new(KEYRING_KEY_BYTES, kek, err);

	if (st != CD_OK)
		return st;
	crypto_generichash((*kek)->data, KEYRING_KEY_BYTES, raw, 32,
	    (const unsigned char *)RECOVERY_DOMAIN, sizeof RECOVERY_DOMAIN - 1);
	(*kek)->len = KEYRING_KEY_BYTES;
	return CD_OK;
}

enum cd_status
keyring_unlock_recovery(const struct keyring *kr, const char *text,
    struct secret **dek, struct cd_err *err)
{
	const struct keyring_entry *e = find(kr, KEYRING_RECOVERY, NULL);
	struct secret *raw, *kek;
	enum cd_status st;

	*dek = NULL;
	if (e == NULL)
		return cd_err_set(err, CD_ERR_NOTFOUND,
		    "this keyring has no recovery key");
	st = secret_new(32, &raw, err);
	if (st != CD_OK)
		return st;
	if (recovery_decode(text, raw->data) != 0) {
		secret_free(&raw);
		return cd_err_set(err, CD_ERR_BADPASS,
		    "that is not a recovery key (52 letters and digits 2-7)");
	}
	st = recovery_kek(raw->data, &kek, err);
	secret_free(&raw);
	if (st != CD_OK)
		return st;
	st = unwrap(kr, e, kek, dek, err);
	secret_free(&kek);
	if (st == CD_ERR_BADPASS)
		return cd_err_set(err, st, "wrong recovery key");
	return st;
}

/* Wrap dek into e under kek with a fresh nonce. */
static void
wrap(const struct keyring *kr, struct keyring_entry *e,
    const struct secret *kek, const struct secret *dek)
{
	struct buf ad = { 0 };
	unsigned long long n;

	randombytes_buf(e->nonce, sizeof e->nonce);
	entry_ad(kr, e, &ad);
	crypto_aead_xchacha20poly1305_ietf_encrypt(e->wrapped, &n, dek->data,
	    KEYRING_KEY_BYTES, ad.data, ad.len, NULL, e->nonce, kek->data);
	buf_fini(&ad);
}

/* Forget the loaded bytes once the keyring changes in memory. */
static void
touched(struct keyring *kr)
{
	xfree(&kr->raw);
	kr->raw_len = 0;
}

/* The entry of that kind and name, appended if new. */
static struct keyring_entry *
slot(struct keyring *kr, unsigned kind, const char *name)
{
	struct keyring_entry *e = find(kr, kind, kind == KEYRING_USER ? name :
	    NULL);

	touched(kr);
	if (e != NULL)
		return e;
	kr->entries = xreallocarray(kr->entries, kr->n + 1,
	    sizeof *kr->entries);
	e = &kr->entries[kr->n++];
	memset(e, 0, sizeof *e);
	e->kind = kind;
	snprintf(e->name, sizeof e->name, "%s", name);
	return e;
}

enum cd_status
keyring_set_user(struct keyring *kr, const struct secret *dek,
    const char *name, const struct secret *pass, const struct kdf_params *kdf,
    struct cd_err *err)
{
	struct keyring_entry tmp, *e;
	struct cd_err inner;
	struct secret *kek;
	enum cd_status st;

	if (name[0] == '\0' || strlen(name) > KEYRING_NAME_MAX)
		return cd_err_set(err, CD_ERR_INVALID,
		    "user name must be 1 to %d bytes", KEYRING_NAME_MAX);
	if (pass->len == 0)
		return cd_err_set(err, CD_ERR_INVALID,
		    "the passphrase must not be empty");
	if (!(kr->flags & (KEYRING_FLAG_DEMO | KEYRING_FLAG_TEST)) &&
	    !kdf_is_strong(kdf))
		return cd_err_set(err, CD_ERR_INVALID, "this is a live keyring: "
		    "passphrases are wrapped at [security] kdf = moderate or "
		    "stronger (the weaker levels are for demo and test "
		    "databases only); nothing was changed");
	memset(&tmp, 0, sizeof tmp);
	tmp.kind = KEYRING_USER;
	snprintf(tmp.name, sizeof tmp.name, "%s", name);
	tmp.kdf = *kdf;
	randombytes_buf(tmp.salt, sizeof tmp.salt);
	st = check_kdf(&tmp, &inner);
	if (st != CD_OK)
		return cd_err_set(err, CD_ERR_INVALID, "%s", inner.msg);
	st = derive(&tmp, pass, &kek, err);
	if (st != CD_OK)
		return st;
	wrap(kr, &tmp, kek, dek);
	secret_free(&kek);
	e = slot(kr, KEYRING_USER, name);
	*e = tmp;
	return CD_OK;
}

enum cd_status
keyring_remove_user(struct keyring *kr, const char *name, struct cd_err *err)
{
	struct keyring_entry *e = find(kr, KEYRING_USER, name);
	size_t i;

	if (e == NULL)
		return cd_err_set(err, CD_ERR_NOTFOUND,
		    "no user \"%s\" in the keyring", name);
	touched(kr);
	i = (size_t)(e - kr->entries);
	secret_wipe(e, sizeof *e);
	memmove(e, e + 1, (kr->n - i - 1) * sizeof *e);
	kr->n--;
	return CD_OK;
}

int
keyring_has_user(const struct keyring *kr, const char *name)
{
	return find(kr, KEYRING_USER, name) != NULL;
}

enum cd_status
keyring_make_recovery(struct keyring *kr, const struct secret *dek,
    struct secret **text, struct cd_err *err)
{
	struct secret *raw, *kek;
	struct keyring_entry *e;
	unsigned acc = 0, bits = 0;
	size_t i, out = 0, chars = 0;
	enum cd_status st;

	st = secret_new(32, &raw, err);
	if (st != CD_OK)
		return st;
	randombytes_buf(raw->data, 32);
	raw->len = 32;
	st = secret_new(KEYRING_RECOVERY_TEXT, text, err);
	if (st != CD_OK) {
		secret_free(&raw);
		return st;
	}
	for (i = 0; i < 32 || bits > 0; ) {
		unsigned idx;

		if (bits < 5 && i < 32) {
			acc = (acc << 8) | raw->data[i++];
			bits += 8;
		}
		if (bits >= 5) {
			idx = (acc >> (bits - 5)) & 31;
			bits -= 5;
		} else {
			idx = (acc << (5 - bits)) & 31;
			bits = 0;
		}
		if (chars > 0 && chars % 4 == 0)
			(*text)->data[out++] = '-';
		(*text)->data[out++] = (unsigned char)b32[idx];
		chars++;
	}
	(*text)->len = out;
	(*text)->data[out] = '\0';
	acc = 0;
	st = recovery_kek(raw->data, &kek, err);
	secret_free(&raw);
	if (st != CD_OK) {
		secret_free(text);
		return st;
	}
	e = slot(kr, KEYRING_RECOVERY, "recovery");
	e->kdf.alg = KDF_NONE;
	e->kdf.opslimit = e->kdf.memlimit = 0;
	randombytes_buf(e->salt, sizeof e->salt);
	wrap(kr, e, kek, dek);
	secret_free(&kek);
	return CD_OK;
}

enum cd_status
keyring_save(struct keyring *kr, const char *path, const struct secret *dek,
    struct cd_err *err)
{
	unsigned char sum[HASH_BYTES];
	struct buf b = { 0 };
	struct secret *mk;
	enum cd_status st;

	serialise_body(kr, &b);
	hash_bytes(b.data, b.len, sum);
	buf_add(&b, sum, sizeof sum);
	st = keyring_subkey(dek, 1, &mk, err);
	if (st != CD_OK) {
		buf_fini(&b);
		return st;
	}
	hash_mac(mk, b.data, b.len, kr->mac);
	secret_free(&mk);
	free(kr->raw);
	kr->raw_len = b.len - HASH_BYTES;
	kr->raw = xmalloc(b.len);
	memcpy(kr->raw, b.data, b.len);
	buf_add(&b, kr->mac, sizeof kr->mac);
	st = file_write_atomic(path, b.data, b.len, 0600, err);
	buf_fini(&b);
	return st;
}

void
keyring_free(struct keyring **kr)
{
	if (*kr == NULL)
		return;
	if ((*kr)->entries)
		secret_wipe((*kr)->entries, (*kr)->n * sizeof *(*kr)->entries);
	free((*kr)->entries);
	free((*kr)->raw);
	free(*kr);
	*kr = NULL;
}
