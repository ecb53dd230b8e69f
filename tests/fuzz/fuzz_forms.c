/*
 * A form definition, and a code list, through the loader `forms check`
 * uses: loaded, or every problem reported, never a crash. The input is
 * the definition in a forms folder that also holds the shipped code lists
 * (so its fields can name real lists), then the code list in a folder of
 * its own. Seeded from every shipped definition and code list.
 */
#include "config.h"

#include "tests/fuzz/fuzz.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/file.h"
#include "forms/formdef.h"

/* Copy the shipped code lists into the definitions' folder, once. */
static void
shipped_codes(void)
{
	static int done;
	const char *top = getenv("top_srcdir") ? getenv("top_srcdir") :
	    FUZZ_SRCDIR;
	char dir[512];
	struct dirent *de;
	DIR *dp;

	if (done)
		return;
	done = 1;
	snprintf(dir, sizeof dir, "%s/forms/codes", top);
	if ((dp = opendir(dir)) == NULL)
		return;
	while ((de = readdir(dp)) != NULL) {
		char path[1024], name[300];
		unsigned char *data;
		size_t len;

		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
		if (file_read_all(path, 1u << 20, &data, &len, NULL) != CD_OK)
			continue;
		snprintf(name, sizeof name, "def/codes/%s", de->d_name);
		fuzz_file(name, data, len);
		free(data);
	}
	closedir(dp);
}

/* Load the forms folder NAME under the fuzzing folder, then free it. */
static void
load(const char *name)
{
	struct formset set;
	char dir[256];

	snprintf(dir, sizeof dir, "%s/%s", fuzz_dir(), name);
	formdef_load(dir, &set);
	formdef_set_fini(&set);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	shipped_codes();
	fuzz_file("def/defs/fuzz.ini", data, size);
	load("def");
	fuzz_file("list/codes/fuzz.ini", data, size);
	fuzz_file("list/defs/.keep", (const uint8_t *)"", 0);
	load("list");
	return 0;
}
