/*
 * The key decoder on any bytes: the first line (up to a newline) is taught
 * to it as a terminfo string, the rest is typed, and 0xff stands for the
 * wait after Esc running out. Whatever comes out must be one of the keys
 * that went in or a named key, never more keys than bytes, and nothing
 * may stay half-read.
 */
#include "config.h"

#include "tests/fuzz/fuzz.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "tui/keymap.h"
#include "tui/keyseq.h"

/* Take every decoded key; abort on one the decoder cannot have made. */
static size_t
drain(struct keyseq *ks)
{
	size_t n = 0;
	int key;

	while (keyseq_next(ks, &key)) {
		if (key < 0 || (key > 0xfe && key < KEYMAP_FN_BASE) ||
		    key > KEYMAP_FN(KEY_MAX))
			abort();
		n++;
	}
	return n;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nl = memchr(data, '\n', size < KEYSEQ_MAX ? size :
	    KEYSEQ_MAX);
	struct keyseq ks;
	size_t i = 0, fed = 0, keys = 0;

	keyseq_init(&ks);
	if (nl != NULL) {
		char seq[KEYSEQ_MAX + 1];
		size_t len = (size_t)(nl - data);

		memcpy(seq, data, len);
		seq[len] = '\0';
		keyseq_add(&ks, seq, KEYMAP_FN(KEY_F(12)));
		i = len + 1;
	}
	for (; i < size; i++) {
		if (data[i] == 0xff)
			keyseq_timeout(&ks);
		else {
			keyseq_feed(&ks, data[i]);
			fed++;
		}
		keys += drain(&ks);
	}
	keyseq_timeout(&ks);
	keys += drain(&ks);
	if (keyseq_pending(&ks) || keys > fed)
		abort();
	keyseq_fini(&ks);
	return 0;
}
