#include "config.h"

#include "tests/fuzz/fuzz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char *
fuzz_file(const char *name, const uint8_t *data, size_t size)
{
	static char dir[64], path[192];
	FILE *f;

	if (dir[0] == '\0') {
		snprintf(dir, sizeof dir, "/tmp/cdfuzz.XXXXXX");
		if (mkdtemp(dir) == NULL)
			abort();
	}
	snprintf(path, sizeof path, "%s/%s", dir, name);
	if (strchr(name, '/') != NULL) {
		char sub[192];

		snprintf(sub, sizeof sub, "%s/%.*s", dir,
		    (int)(strrchr(name, '/') - name), name);
		mkdir(sub, 0700);
	}
	if ((f = fopen(path, "wb")) == NULL)
		abort();
	if (size && fwrite(data, 1, size, f) != size)
		abort();
	fclose(f);
	return path;
}
