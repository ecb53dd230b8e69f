/*
 * Typed dates, NHS numbers, UPNs and postcodes, the terminal sanitiser and
 * serve's word splitter: any text, no crash, and nothing unsafe comes out.
 */
#include "config.h"

#include "tests/fuzz/fuzz.h"

#include <stdlib.h>
#include <string.h>

#include "common/ident.h"
#include "common/text.h"
#include "common/words.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1), out[64], from[11], to[11];
	char key[IDENT_KEY_MAX];

	if (s == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	ident_date(s, out, NULL);
	ident_nhs(s, out, NULL);
	ident_upn(s, out, NULL);
	ident_postcode(s, out, NULL);
	ident_postcode_key(s, out);
	ident_date_range(s, from, to);
	ident_name_key(s, key);
	ident_name_sound(s, out);
	{
		char *shown = text_visible(s, 0), **w;
		size_t n, i;

		/* What is shown never holds a control character. */
		for (i = 0; shown[i]; i++)
			if ((unsigned char)shown[i] < 0x20 || shown[i] == 0x7f)
				abort();
		if (text_needs_visible(shown))
			abort();
		free(shown);
		if (words_split(s, &w, &n, NULL) == CD_OK) {
			/* No word from ssh holds a control character. */
			for (i = 0; i < n; i++)
				if (strpbrk(w[i], "\n\r\x1b\x07") != NULL)
					abort();
			words_free(w, n);
		}
	}
	free(s);
	return 0;
}
