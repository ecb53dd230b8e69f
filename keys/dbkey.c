#include "config.h"

#include "keys/dbkey.h"

#include <sodium.h>
#include <string.h>

enum cd_status
dbkey_make(const struct keyring *kr, const struct secret *dek,
    struct dbkey *out, struct cd_err *err)
{
	enum cd_status st;

	memset(out, 0, sizeof *out);
	out->cipher_format = kr->cipher_format;
	out->page_size = kr->page_size;
	st = secret_new(3 + 2 * KEYRING_KEY_BYTES, &out->spec, err);
	if (st != CD_OK)
		return st;
	out->spec->data[0] = 'x';
	out->spec->data[1] = '\'';
	sodium_bin2hex((char *)out->spec->data + 2, 2 * KEYRING_KEY_BYTES + 1,
	    dek->data, KEYRING_KEY_BYTES);
	out->spec->data[2 + 2 * KEYRING_KEY_BYTES] = '\'';
	out->spec->len = 3 + 2 * KEYRING_KEY_BYTES;
	out->spec->data[out->spec->len] = '\0';
	st = keyring_subkey(dek, 2, &out->anchor_key, err);
	if (st != CD_OK)
		dbkey_fini(out);
	return st;
}

void
dbkey_fini(struct dbkey *k)
{
	secret_free(&k->spec);
	secret_free(&k->anchor_key);
}
