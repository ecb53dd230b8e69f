/*
 * Date entry shortcuts (t, +3d, dd/mm, "t 14:30"): any text gives a real
 * date or an error, never a crash and never a mangled date.
 */
#include "config.h"

#include "tests/fuzz/fuzz.h"

#include <stdlib.h>
#include <string.h>

#include "common/ident.h"
#include "forms/datein.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_text(data, size), out[17], check[11];
	struct cd_err err;

	if (datein_date(s, "2026-11-23", out, &err) == CD_OK &&
	    ident_date(out, check, NULL) != CD_OK)
		abort();	/* a date that is not one */
	if (datein_datetime(s, "2026-11-23T10:00", out, &err) == CD_OK) {
		memcpy(check, out, 10);
		check[10] = '\0';
		if (ident_date(check, check, NULL) != CD_OK)
			abort();
	}
	datein_date(s, "2024-02-29", out, &err);
	free(s);
	return 0;
}
