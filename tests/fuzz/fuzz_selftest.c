/*
 * Not a parser: a target with bugs planted on purpose, so
 * tests/fuzz/replay_fails.sh can prove the replay fails an input that
 * crashes, overruns the heap, overflows an int or leaks. Inputs starting
 * "crash", "overflow", "intoverflow" or "leak" trigger them; any other
 * input is harmless.
 */
#include "config.h"

#include "tests/fuzz/fuzz.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

static void *volatile sink;
static volatile int isink;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_text(data, size);

	if (strncmp(s, "crash", 5) == 0)
		abort();
	if (strncmp(s, "overflow", 8) == 0)
		isink = s[size + 8];		/* past the end of the heap block */
	if (strncmp(s, "intoverflow", 11) == 0) {
		volatile int big = INT_MAX;

		isink = big + (int)size;	/* signed overflow */
	}
	if (strncmp(s, "leak", 4) == 0)
		sink = malloc(64);		/* then forgotten */
	sink = NULL;
	free(s);
	return 0;
}
