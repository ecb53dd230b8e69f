#include "config.h"

#include "tests/fuzz/fuzz.h"

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[64];

const char *
fuzz_dir(void)
{
	if (dir[0] == '\0') {
		snprintf(dir, sizeof dir, "/tmp/cdfuzz.XXXXXX");
		if (mkdtemp(dir) == NULL)
			abort();
	}
	return dir;
}

/* Remove one entry (nftw callback, deepest first). */
static int
remove_one(const char *path, const struct stat *st, int flag, struct FTW *f)
{
	(void)st;
	(void)flag;
	(void)f;
	return remove(path);
}

void
fuzz_dir_remove(void)
{
	if (dir[0] != '\0')
		nftw(dir, remove_one, 16, FTW_DEPTH | FTW_PHYS);
	dir[0] = '\0';
}

const char *
fuzz_file(const char *name, const uint8_t *data, size_t size)
{
	static char path[256];
	const char *slash;
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", fuzz_dir(), name);
	for (slash = strchr(name, '/'); slash; slash = strchr(slash + 1, '/')) {
		char sub[256];

		snprintf(sub, sizeof sub, "%s/%.*s", fuzz_dir(),
		    (int)(slash - name), name);
		mkdir(sub, 0700);
	}
	if ((f = fopen(path, "wb")) == NULL)
		abort();
	if (size && fwrite(data, 1, size, f) != size)
		abort();
	fclose(f);
	return path;
}

char *
fuzz_text(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	if (s == NULL)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}
