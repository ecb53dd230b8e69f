/*
 * The casework data files (timescale rules, the retention schedule, bank
 * holiday changes), each read from the same input: loaded or refused
 * with a message, never a crash. Seeded from the files in casework/data.
 */
#include "config.h"

#include "tests/fuzz/fuzz.h"

#include "casework/calendar.h"
#include "casework/retention.h"
#include "casework/timescale.h"
#include "common/cfg.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_file("data.ini", data, size);
	struct ruleset rs;
	struct retention_rules rr;
	struct calendar cal;
	struct cd_err err;

	ruleset_load(&rs, path, NULL, &err);
	ruleset_fini(&rs);
	retention_load(&rr, path, NULL, &err);
	retention_fini(&rr);
	calendar_load(&cal, path, "2026-12-24 junk", &err);
	calendar_fini(&cal);
	return 0;
}
