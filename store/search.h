/*
 * Search for people as you type: names (prefix, sound-alike, previous
 * names), dates of birth, NHS numbers, UPNs, postcodes and record ids,
 * read from indexes that hold what a hit shows.
 */
#ifndef CD_STORE_SEARCH_H
#define CD_STORE_SEARCH_H

#include <stddef.h>
#include <stdint.h>

#include "common/status.h"

struct store;

struct person_hit {
	int64_t id;
	int score;
	int masked;		/* restricted: name and details hidden */
	char *name;		/* "KHAN, Muhammad" or "(restricted record)" */
	char *dob;		/* YYYY-MM-DD, "due YYYY-MM-DD", or NULL */
	char *sex;
	char *nhs;
	char *postcode;
	char *why;		/* what matched */
};

struct person_hits {
	struct person_hit *h;
	size_t n;
};

/*
 * Search by name (prefix, sound-alike, previous names), date of birth
 * (full or partial), NHS number, UPN, postcode or record id, ranked best
 * first, at most limit hits. Audited as a search.
 */
enum cd_status store_person_search(struct store *st, const char *term,
    size_t limit, struct person_hits *out, struct cd_err *err);

void store_person_hits_fini(struct person_hits *h);

#endif
