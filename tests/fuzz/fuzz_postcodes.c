/*
 * The postcodes CSV readers: the demo's (demo_postcodes_parse) and the
 * returns' list with grid references (pclist_load), from any bytes; only
 * valid postcodes kept, lookups on what was read never crash.
 */
#include "config.h"

#include "tests/fuzz/fuzz.h"

#include <stdlib.h>

#include "casework/demo.h"
#include "casework/pclist.h"
#include "common/ident.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct demo_postcodes pc = { 0 };
	struct pclist l = { NULL, 0 };
	struct cd_err err;
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
	if (pclist_load(&l, fuzz_file("postcodes.csv", data, size), &err) ==
	    CD_OK) {
		for (i = 0; i < l.n; i++) {
			pclist_la(l.e[i].pc, &l);
			pclist_miles(l.e[i].pc, l.e[0].pc, &l);
		}
		pclist_la("NW1 2DB", &l);
		pclist_fini(&l);
	}
	return 0;
}
