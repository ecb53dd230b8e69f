/* A form definition: loaded, or every problem reported, never a crash. */
#include "config.h"

#include "tests/fuzz/fuzz.h"

#include <stdio.h>
#include <string.h>

#include "forms/formdef.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_file("defs/fuzz.ini", data, size);
	struct formset set;
	char dir[192];

	fuzz_file("codes/.keep", (const uint8_t *)"", 0);
	/* path is DIR/defs/fuzz.ini: the set is DIR */
	snprintf(dir, sizeof dir, "%.*s", (int)(strstr(path, "/defs/") -
	    path), path);
	memset(&set, 0, sizeof set);
	formdef_load(dir, &set);
	formdef_set_free(&set);
	return 0;
}
