/* The demo's postcodes CSV reader: any bytes, only valid postcodes kept. */
#include "config.h"

#include "tests/fuzz/fuzz.h"

#include <stdlib.h>

#include "casework/demo.h"
#include "common/ident.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct demo_postcodes pc = { 0 };
	char out[16];
	size_t i;

	demo_postcodes_parse((const char *)data, size, "E09000007", &pc);
	for (i = 0; i < pc.nhomes; i++)
		if (ident_postcode(pc.homes[i], out, NULL) != CD_OK)
			abort();
	for (i = 0; i < pc.naway; i++)
		if (ident_postcode(pc.away[i], out, NULL) != CD_OK)
			abort();
	demo_postcodes_fini(&pc);
	return 0;
}
