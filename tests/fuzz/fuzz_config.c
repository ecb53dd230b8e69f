/* Configuration and the keymap read from it: every problem collected. */
#include "config.h"

#include "tests/fuzz/fuzz.h"

#include <stdlib.h>

#include "common/cfg.h"
#include "tui/keymap.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_file("casedesk.ini", data, size);
	struct keymap km;
	struct cfg c;
	char *canon;

	cfg_init(&c);
	cfg_read_file(&c, path, 1);
	keymap_load(&km, &c);
	canon = cfg_canonical(&c);
	free(canon);
	keymap_fini(&km);
	cfg_fini(&c);
	return 0;
}
