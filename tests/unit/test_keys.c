/* Unit tests for keys/: the keyring, passphrases, hashes. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/buf.h"
#include "common/file.h"
#include "common/xmem.h"
#include "keys/dbkey.h"
#include "keys/hash.h"
#include "keys/keyring.h"
#include "keys/passphrase.h"
#include "keys/secret.h"

static char tmpdir[64];
static char *path;
static struct kdf_params fast;

static struct secret *
pw(const char *s)
{
	struct secret *p;

	assert_int_equal(secret_dup(s, strlen(s), &p, NULL), CD_OK);
	return p;
}

static int
setup(void **state)
{
	assert_int_equal(secret_init(NULL), CD_OK);
	kdf_level_params(KDF_TEST, &fast);
	strcpy(tmpdir, "/tmp/cdkeys.XXXXXX");
	assert_non_null(mkdtemp(tmpdir));
	path = xasprintf("%s/x.keys", tmpdir);
	return 0;
}

static int
teardown(void **state)
{
	char *cmd = xasprintf("rm -rf '%s'", tmpdir);

	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(path);
	return 0;
}

/* A saved keyring with users alice and bob; returns the data key. */
static struct secret *
make_keyring(void)
{
	struct keyring *kr;
	struct secret *dek, *a = pw("alice passphrase"), *b = pw("bob pass");

	assert_int_equal(keyring_create(3, 4096, KEYRING_FLAG_TEST, &kr, &dek,
	    NULL), CD_OK);
	assert_int_equal(keyring_set_user(kr, dek, "alice", a, &fast, NULL),
	    CD_OK);
	assert_int_equal(keyring_set_user(kr, dek, "bob", b, &fast, NULL),
	    CD_OK);
	assert_int_equal(keyring_save(kr, path, dek, NULL), CD_OK);
	keyring_free(&kr);
	secret_free(&a);
	secret_free(&b);
	return dek;
}

/* Try to unlock the saved keyring as name; returns the status. */
static enum cd_status
try_unlock(const char *name, const char *pass, struct cd_err *err)
{
	struct keyring *kr;
	struct secret *p = pw(pass), *dek = NULL;
	enum cd_status st;

	st = keyring_load(path, &kr, err);
	if (st == CD_OK) {
		st = keyring_unlock(kr, name, p, &dek, err);
		keyring_free(&kr);
	}
	secret_free(&p);
	secret_free(&dek);
	return st;
}

static void
right_and_wrong_passphrase(void **state)
{
	struct keyring *kr;
	struct secret *dek = make_keyring(), *got, *p = pw("bob pass");
	struct cd_err err;

	assert_int_equal(keyring_load(path, &kr, &err), CD_OK);
	assert_int_equal(keyring_unlock(kr, "bob", p, &got, &err), CD_OK);
	assert_true(secret_equal(dek, got));
	secret_free(&got);
	keyring_free(&kr);
	assert_int_equal(try_unlock("alice", "bob pass", &err), CD_ERR_BADPASS);
	assert_non_null(strstr(err.msg, "wrong passphrase"));
	assert_int_equal(try_unlock("carol", "x", &err), CD_ERR_NOTFOUND);
	secret_free(&p);
	secret_free(&dek);
}

/* Flip one byte of the saved keyring at offset. */
static void
flip(size_t offset)
{
	unsigned char *data;
	size_t len;

	assert_int_equal(file_read_all(path, 1 << 20, &data, &len, NULL),
	    CD_OK);
	assert_true(offset < len);
	data[offset] ^= 0x01;
	assert_int_equal(file_write_atomic(path, data, len, 0600, NULL), CD_OK);
	free(data);
}

static void
tampered_header_byte(void **state)
{
	struct secret *dek = make_keyring();
	struct cd_err err;

	flip(13);	/* inside the page size */
	assert_int_equal(try_unlock("alice", "alice passphrase", &err),
	    CD_ERR_KEYRING);
	assert_non_null(strstr(err.msg, "damaged or altered"));
	secret_free(&dek);
}

/*
 * Rewrite the file with a field changed and the checksum recomputed, as an
 * attacker who knows the format would: the AEAD or the bounds catch it.
 */
static void
rewrite_with_sum(size_t offset, const void *bytes, size_t n)
{
	unsigned char *data, sum[HASH_BYTES];
	size_t len;

	assert_int_equal(file_read_all(path, 1 << 20, &data, &len, NULL),
	    CD_OK);
	memcpy(data + offset, bytes, n);
	hash_bytes(data, len - 64, sum);
	memcpy(data + len - 64, sum, HASH_BYTES);
	assert_int_equal(file_write_atomic(path, data, len, 0600, NULL), CD_OK);
	free(data);
}

/* Offset of the first entry's opslimit: header (24) + kind, len, name, alg. */
#define FIRST_OPS (24 + 4 + 4 + 5 + 4)

static void
kdf_numbers_out_of_range(void **state)
{
	unsigned char big_ops[8] = { 0, 0, 0, 0, 0, 0, 0, 11 };
	unsigned char huge_mem[8] = { 0, 0, 0, 1, 0, 0, 0, 0 };
	struct secret *dek = make_keyring();
	struct cd_err err;

	rewrite_with_sum(FIRST_OPS, big_ops, 8);
	assert_int_equal(try_unlock("bob", "bob pass", &err), CD_ERR_KEYRING);
	assert_non_null(strstr(err.msg, "opslimit 11"));
	secret_free(&dek);
	dek = make_keyring();
	rewrite_with_sum(FIRST_OPS + 8, huge_mem, 8);
	assert_int_equal(try_unlock("bob", "bob pass", &err), CD_ERR_KEYRING);
	assert_non_null(strstr(err.msg, "memlimit 4294967296"));
	secret_free(&dek);
}

static void
altered_entry_with_good_checksum(void **state)
{
	unsigned char ops[8] = { 0, 0, 0, 0, 0, 0, 0, 2 };
	struct secret *dek = make_keyring();
	struct cd_err err;

	/* In range, checksum fixed: alice's own wrap no longer opens... */
	rewrite_with_sum(FIRST_OPS, ops, 8);
	assert_int_equal(try_unlock("alice", "alice passphrase", &err),
	    CD_ERR_BADPASS);
	/* ...and bob, whose entry is intact, learns the file was altered. */
	assert_int_equal(try_unlock("bob", "bob pass", &err), CD_ERR_KEYRING);
	assert_non_null(strstr(err.msg, "without the data key"));
	secret_free(&dek);
}

static void
unknown_version(void **state)
{
	unsigned char v[4] = { 0, 0, 0, 2 };
	struct secret *dek = make_keyring();
	struct cd_err err;

	rewrite_with_sum(4, v, 4);
	assert_int_equal(try_unlock("bob", "bob pass", &err), CD_ERR_VERSION);
	assert_non_null(strstr(err.msg, "version 2"));
	secret_free(&dek);
}

static void
passphrase_change_and_removal(void **state)
{
	struct keyring *kr;
	struct secret *dek = make_keyring(), *np = pw("a new passphrase");

	assert_int_equal(keyring_load(path, &kr, NULL), CD_OK);
	assert_int_equal(keyring_set_user(kr, dek, "alice", np, &fast, NULL),
	    CD_OK);
	assert_int_equal(keyring_remove_user(kr, "bob", NULL), CD_OK);
	assert_int_equal(keyring_remove_user(kr, "bob", NULL), CD_ERR_NOTFOUND);
	assert_int_equal(keyring_save(kr, path, dek, NULL), CD_OK);
	keyring_free(&kr);
	assert_int_equal(try_unlock("alice", "alice passphrase", NULL),
	    CD_ERR_BADPASS);
	assert_int_equal(try_unlock("alice", "a new passphrase", NULL), CD_OK);
	assert_int_equal(try_unlock("bob", "bob pass", NULL), CD_ERR_NOTFOUND);
	secret_free(&np);
	secret_free(&dek);
}

static void
recovery_key(void **state)
{
	struct keyring *kr;
	struct secret *dek = make_keyring(), *text, *got;
	struct cd_err err;
	char lower[KEYRING_RECOVERY_TEXT + 1];
	size_t i;

	assert_int_equal(keyring_load(path, &kr, NULL), CD_OK);
	assert_int_equal(keyring_unlock_recovery(kr, "AAAA", &got, &err),
	    CD_ERR_NOTFOUND);
	assert_int_equal(keyring_make_recovery(kr, dek, &text, NULL), CD_OK);
	assert_int_equal(strlen((char *)text->data), 64);	/* 52 + 12 dashes */
	assert_int_equal(keyring_save(kr, path, dek, NULL), CD_OK);
	keyring_free(&kr);
	assert_int_equal(keyring_load(path, &kr, NULL), CD_OK);
	/* Case and dashes do not matter when typing it back. */
	for (i = 0; text->data[i]; i++)
		lower[i] = (char)(text->data[i] >= 'A' && text->data[i] <= 'Z' ?
		    text->data[i] + 32 : text->data[i]);
	lower[i] = '\0';
	assert_int_equal(keyring_unlock_recovery(kr, lower, &got, &err), CD_OK);
	assert_true(secret_equal(dek, got));
	secret_free(&got);
	lower[0] = lower[0] == 'a' ? 'b' : 'a';
	assert_int_equal(keyring_unlock_recovery(kr, lower, &got, &err),
	    CD_ERR_BADPASS);
	assert_int_equal(keyring_unlock_recovery(kr, "not-a-key", &got, &err),
	    CD_ERR_BADPASS);
	keyring_free(&kr);
	secret_free(&text);
	secret_free(&dek);
}

static void
weak_kdf_refused_on_wrap(void **state)
{
	struct keyring *kr;
	struct secret *dek, *p = pw("x"), *empty = pw("");
	struct kdf_params bad = { KDF_ARGON2ID13, 50, 8192 };
	struct cd_err err;

	assert_int_equal(keyring_create(3, 4096, KEYRING_FLAG_TEST, &kr, &dek,
	    NULL), CD_OK);
	assert_int_equal(keyring_set_user(kr, dek, "a", p, &bad, &err),
	    CD_ERR_INVALID);
	assert_int_equal(keyring_set_user(kr, dek, "a", empty, &fast, &err),
	    CD_ERR_INVALID);
	keyring_free(&kr);
	secret_free(&dek);
	/*
	 * A live keyring (neither demo nor test) takes nothing below
	 * moderate, whatever a user's configuration asks for.
	 */
	assert_int_equal(keyring_create(3, 4096, 0, &kr, &dek, NULL), CD_OK);
	assert_int_equal(keyring_set_user(kr, dek, "a", p, &fast, &err),
	    CD_ERR_INVALID);
	assert_non_null(strstr(err.msg, "live keyring"));
	{
		struct kdf_params interactive;

		kdf_level_params(KDF_INTERACTIVE, &interactive);
		assert_int_equal(keyring_set_user(kr, dek, "a", p, &interactive,
		    &err), CD_ERR_INVALID);
	}
	assert_false(keyring_has_user(kr, "a"));
	keyring_free(&kr);
	secret_free(&dek);
	secret_free(&p);
	secret_free(&empty);
}

static void
passphrases_one_per_line(void **state)
{
	struct secret *a, *b, *c;
	struct cd_err err;
	int fds[2];

	assert_int_equal(pipe(fds), 0);
	assert_int_equal(write(fds[1], "first one\r\n\nthird\n", 18), 18);
	close(fds[1]);
	assert_int_equal(passphrase_read(fds[0], &a, &err), CD_OK);
	assert_string_equal((char *)a->data, "first one");
	assert_int_equal(passphrase_read(fds[0], &b, &err), CD_OK);
	assert_int_equal(b->len, 0);
	assert_int_equal(passphrase_read(fds[0], &c, &err), CD_OK);
	assert_string_equal((char *)c->data, "third");
	secret_free(&c);
	assert_int_equal(passphrase_read(fds[0], &c, &err), CD_ERR_CANCELLED);
	close(fds[0]);
	secret_free(&a);
	secret_free(&b);
}

static void
dbkey_spec_is_raw_hex(void **state)
{
	struct keyring *kr;
	struct secret *dek;
	struct dbkey k;

	assert_int_equal(keyring_create(3, 4096, 0, &kr, &dek, NULL), CD_OK);
	assert_int_equal(dbkey_make(kr, dek, &k, NULL), CD_OK);
	assert_int_equal(k.spec->len, 67);
	assert_memory_equal(k.spec->data, "x'", 2);
	assert_int_equal(k.spec->data[66], '\'');
	assert_int_equal(k.page_size, 4096);
	assert_int_equal(k.anchor_key->len, 32);
	/* The anchor key is a derived subkey, never the data key itself. */
	assert_memory_not_equal(k.anchor_key->data, dek->data, 32);
	dbkey_fini(&k);
	keyring_free(&kr);
	secret_free(&dek);
}

static void
hash_chain_depends_on_previous(void **state)
{
	unsigned char z[HASH_BYTES] = { 0 }, o[HASH_BYTES], a[HASH_BYTES],
	    b[HASH_BYTES];
	char hex[HASH_HEX];

	memset(o, 1, sizeof o);
	hash_chain(z, "event", 5, a);
	hash_chain(o, "event", 5, b);
	assert_false(hash_equal(a, b));
	hash_to_hex(a, hex);
	assert_int_equal(hash_from_hex(hex, b), 0);
	assert_true(hash_equal(a, b));
	assert_int_equal(hash_from_hex("zz", b), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(right_and_wrong_passphrase),
		cmocka_unit_test(tampered_header_byte),
		cmocka_unit_test(kdf_numbers_out_of_range),
		cmocka_unit_test(altered_entry_with_good_checksum),
		cmocka_unit_test(unknown_version),
		cmocka_unit_test(passphrase_change_and_removal),
		cmocka_unit_test(recovery_key),
		cmocka_unit_test(weak_kdf_refused_on_wrap),
		cmocka_unit_test(passphrases_one_per_line),
		cmocka_unit_test(dbkey_spec_is_raw_hex),
		cmocka_unit_test(hash_chain_depends_on_previous),
	};

	return cmocka_run_group_tests_name("keys", tests, setup, teardown);
}
