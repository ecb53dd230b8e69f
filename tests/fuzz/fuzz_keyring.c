/* The keyring parser: any bytes give a keyring or a clear error. */
#include "config.h"

#include "tests/fuzz/fuzz.h"

#include "keys/keyring.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct keyring *kr = NULL;
	struct cd_err err;

	if (keyring_parse(data, size, &kr, &err) == CD_OK)
		keyring_free(&kr);
	return 0;
}
