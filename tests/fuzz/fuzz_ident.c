/* Typed dates, NHS numbers, UPNs and postcodes: any text, no crash. */
#include "config.h"

#include "tests/fuzz/fuzz.h"

#include <stdlib.h>
#include <string.h>

#include "common/ident.h"

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
	free(s);
	return 0;
}
