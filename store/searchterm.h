/*
 * A search term as typed, split into what each part can be looked up by:
 * name words (with their normalised and sound-alike keys), a full or
 * partial date of birth, an NHS number, a UPN, a postcode (or its start)
 * and a record number. Pure text work: no database.
 */
#ifndef CD_STORE_SEARCHTERM_H
#define CD_STORE_SEARCHTERM_H

#include <stddef.h>
#include <stdint.h>

#include "common/ident.h"

struct search_word {
	char *text;
	char key[IDENT_KEY_MAX];
	char sound[8];
};

struct search_terms {
	struct search_word words[8];
	size_t nwords;
	char from[11], to[11];	/* date range, "" if none */
	char nhs[11];
	char upn[14];
	char postcode[9];	/* key prefix */
	int64_t id;
};

/* Split term into names, a date, identifiers and a postcode. */
void store_search_classify(const char *term, struct search_terms *q);

void store_search_terms_fini(struct search_terms *q);

#endif
