/*
 * Replay a fuzz target's corpus without libFuzzer, so plain `make check`
 * runs every input that ever found a problem: a TAP line per file.
 */
#include "config.h"

#include "tests/fuzz/fuzz.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/file.h"

int
main(int argc, char **argv)
{
	struct dirent **names;
	char corpus[512];
	const char *me = strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 :
	    argv[0];
	int n, i, k = 0;

	/* replay_keyring reads tests/fuzz/corpus/keyring by default. */
	if (argc == 2)
		snprintf(corpus, sizeof corpus, "%s", argv[1]);
	else
		snprintf(corpus, sizeof corpus, "%s/tests/fuzz/corpus/%s",
		    getenv("top_srcdir") ? getenv("top_srcdir") : ".",
		    strncmp(me, "replay_", 7) == 0 ? me + 7 : me);
	n = scandir(corpus, &names, NULL, alphasort);
	if (n < 0) {
		printf("1..0 # SKIP no corpus at %s\n", corpus);
		return 0;
	}
	for (i = 0; i < n; i++)
		k += names[i]->d_name[0] != '.';
	printf("1..%d\n", k);
	for (i = 0, k = 0; i < n; i++) {
		char path[1024];
		unsigned char *data;
		size_t len;

		if (names[i]->d_name[0] == '.') {
			free(names[i]);
			continue;
		}
		snprintf(path, sizeof path, "%s/%s", corpus, names[i]->d_name);
		if (file_read_all(path, (size_t)1 << 24, &data, &len, NULL) !=
		    CD_OK) {
			printf("not ok %d - %s (unreadable)\n", ++k,
			    names[i]->d_name);
		} else {
			LLVMFuzzerTestOneInput(data, len);
			free(data);
			printf("ok %d - %s\n", ++k, names[i]->d_name);
		}
		free(names[i]);
	}
	free(names);
	return 0;
}
