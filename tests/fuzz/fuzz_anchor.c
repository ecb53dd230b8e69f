/* The audit anchor file's reader: any bytes, parsed or refused. */
#include "config.h"

#include "tests/fuzz/fuzz.h"

#include <stdlib.h>

#include "store/audit.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_text(data, size);
	unsigned char hash[HASH_BYTES], mac[HASH_BYTES], checked_hash[HASH_BYTES];
	int64_t seq, checked;

	if (store_anchor_parse(s, &seq, hash, &checked, checked_hash, mac) ==
	    0 && (seq < 0 || checked < 0))
		abort();
	free(s);
	return 0;
}
