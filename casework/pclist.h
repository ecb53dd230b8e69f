/*
 * The shipped list of postcodes with their local authority (ONS code),
 * for the rules that ask where a placement is (1015): what the DfE
 * derives from the national postcode directory, as far as our sample
 * knows it.
 */
#ifndef CD_CASEWORK_PCLIST_H
#define CD_CASEWORK_PCLIST_H

#include <stddef.h>

#include "common/status.h"

struct pclist {
	struct pc_la {
		char pc[9], la[10];
		long east, north;	/* OS grid, metres */
	} *e;
	size_t n;
};

/* Load path (postcode,la_code,... lines) into *l, sorted by postcode. */
enum cd_status pclist_load(struct pclist *l, const char *path,
    struct cd_err *err);

/* The ONS code of postcode's LA, or NULL when the list does not know it. */
const char *pclist_la(const char *postcode, void *list);

/*
 * Miles between two postcodes to one decimal place, as the DfE's
 * PL_DISTANCE; -1 when the list does not know either.
 */
double pclist_miles(const char *a, const char *b, void *list);

void pclist_fini(struct pclist *l);

#endif
