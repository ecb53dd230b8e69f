#include "config.h"

#include "store/searchterm.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "common/xmem.h"

void
store_search_terms_fini(struct search_terms *q)
{
	size_t i;

	for (i = 0; i < q->nwords; i++)
		free(q->words[i].text);
}

void
store_search_classify(const char *term, struct search_terms *q)
{
	char *copy = xstrdup(term), *tok, *save = NULL, pc[9];
	const char *p;

	memset(q, 0, sizeof *q);
	if (ident_nhs(term, q->nhs, NULL) == CD_OK) {
		free(copy);
		return;
	}
	q->nhs[0] = '\0';
	if (ident_postcode(term, pc, NULL) == CD_OK) {
		ident_postcode_key(pc, q->postcode);
		free(copy);
		return;
	}
	for (tok = strtok_r(copy, " ,", &save); tok;
	    tok = strtok_r(NULL, " ,", &save)) {
		int digits = 1, letters = 0;

		for (p = tok; *p; p++) {
			if (!isdigit((unsigned char)*p))
				digits = 0;
			if (isalpha((unsigned char)*p))
				letters = 1;
		}
		if (tok[0] == '#' && tok[1] && strspn(tok + 1, "0123456789") ==
		    strlen(tok + 1)) {
			q->id = atoll(tok + 1);
			continue;
		}
		if (q->from[0] == '\0' &&
		    ident_date_range(tok, q->from, q->to) == 0)
			continue;
		q->from[0] = q->to[0] = '\0';
		if (digits) {
			q->id = atoll(tok);
			continue;
		}
		if (strlen(tok) == 13 && ident_upn(tok, q->upn, NULL) == CD_OK)
			continue;
		q->upn[0] = '\0';
		if (letters && strpbrk(tok, "0123456789") != NULL) {
			ident_postcode_key(tok, q->postcode);	/* "SM1" */
			continue;
		}
		if (q->nwords < sizeof q->words / sizeof q->words[0]) {
			struct search_word *w = &q->words[q->nwords++];

			w->text = xstrdup(tok);
			ident_name_key(tok, w->key);
			ident_name_sound(tok, w->sound);
		}
	}
	free(copy);
}
