/* The search-term classifier: any text gives terms, never a crash. */
#include "config.h"

#include "tests/fuzz/fuzz.h"

#include <stdlib.h>

#include "store/searchterm.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_text(data, size);
	struct search_terms q;

	store_search_classify(s, &q);
	store_search_terms_fini(&q);
	free(s);
	return 0;
}
