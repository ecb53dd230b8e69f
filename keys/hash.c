#include "config.h"

#include "keys/hash.h"

#include <sodium.h>
#include <string.h>

void
hash_bytes(const void *data, size_t len, unsigned char out[HASH_BYTES])
{
	crypto_generichash(out, HASH_BYTES, data, len, NULL, 0);
}

void
hash_chain(const unsigned char prev[HASH_BYTES], const void *data, size_t len,
    unsigned char out[HASH_BYTES])
{
	crypto_generichash_state st;

	crypto_generichash_init(&st, NULL, 0, HASH_BYTES);
	crypto_generichash_update(&st, prev, HASH_BYTES);
	crypto_generichash_update(&st, data, len);
	crypto_generichash_final(&st, out, HASH_BYTES);
}

void
hash_mac(const struct secret *key, const void *data, size_t len,
    unsigned char out[HASH_BYTES])
{
	crypto_generichash(out, HASH_BYTES, data, len, key->data, key->len);
}

int
hash_equal(const unsigned char a[HASH_BYTES], const unsigned char b[HASH_BYTES])
{
	return sodium_memcmp(a, b, HASH_BYTES) == 0;
}

void
hash_to_hex(const unsigned char d[HASH_BYTES], char out[HASH_HEX])
{
	sodium_bin2hex(out, HASH_HEX, d, HASH_BYTES);
}

int
hash_from_hex(const char *hex, unsigned char out[HASH_BYTES])
{
	size_t n = 0;

	if (strlen(hex) != 2 * HASH_BYTES)
		return -1;
	if (sodium_hex2bin(out, HASH_BYTES, hex, 2 * HASH_BYTES, NULL, &n,
	    NULL) != 0 || n != HASH_BYTES)
		return -1;
	return 0;
}
