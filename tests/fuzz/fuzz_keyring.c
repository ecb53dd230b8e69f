/*
 * The keyring parser: any bytes give a keyring or a clear error. Each input
 * is parsed as it is, then again with its checksum (the 32 bytes before
 * the final MAC) made right, so the fuzzer also reaches what lies past the
 * checksum instead of stopping at it.
 */
#include "config.h"

#include "tests/fuzz/fuzz.h"

#include <stdlib.h>
#include <string.h>

#include "keys/hash.h"
#include "keys/keyring.h"

/* Parse data; free what it gave. */
static void
parse(const unsigned char *data, size_t size)
{
	struct keyring *kr = NULL;
	struct cd_err err;

	if (keyring_parse(data, size, &kr, &err) == CD_OK)
		keyring_free(&kr);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned char *fixed;

	parse(data, size);
	if (size < 2 * HASH_BYTES)
		return 0;
	fixed = malloc(size);
	if (fixed == NULL)
		return 0;
	memcpy(fixed, data, size);
	hash_bytes(fixed, size - 2 * HASH_BYTES, fixed + size - 2 * HASH_BYTES);
	parse(fixed, size);
	free(fixed);
	return 0;
}
