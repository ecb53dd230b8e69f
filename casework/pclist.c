#include "config.h"

#include "casework/pclist.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/file.h"
#include "common/ident.h"
#include "common/xmem.h"

/* The National Grid's extent in metres: easting and northing beyond it
 * are not a place, and keep the distance sum far from overflow. */
#define PCLIST_MAX_EAST		700000L
#define PCLIST_MAX_NORTH	1300000L

static int
by_pc(const void *a, const void *b)
{
	return strcmp(((const struct pc_la *)a)->pc,
	    ((const struct pc_la *)b)->pc);
}

enum cd_status
pclist_load(struct pclist *l, const char *path, struct cd_err *err)
{
	unsigned char *data;
	char *line, *save = NULL;
	size_t len;
	enum cd_status code;

	memset(l, 0, sizeof *l);
	code = file_read_all(path, 1u << 24, &data, &len, err);
	if (code != CD_OK)
		return code;
	for (line = strtok_r((char *)data, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		char pc[16], la[16];
		long east = -1, north = -1;
		struct pc_la *e;

		if (line[0] == '#' || sscanf(line, "%15[^,],%15[^,],%*[^,],%ld,%ld",
		    pc, la, &east, &north) < 2 || ident_postcode(pc, pc, NULL) !=
		    CD_OK)
			continue;
		l->e = xreallocarray(l->e, l->n + 1, sizeof *l->e);
		e = &l->e[l->n++];
		snprintf(e->pc, sizeof e->pc, "%.8s", pc);
		snprintf(e->la, sizeof e->la, "%.9s", la);
		/* outside the National Grid is no location at all */
		if (east < 0 || east > PCLIST_MAX_EAST || north < 0 ||
		    north > PCLIST_MAX_NORTH)
			east = north = -1;
		e->east = east;
		e->north = north;
	}
	free(data);
	if (l->n > 1)	/* an empty list has no array to sort */
		qsort(l->e, l->n, sizeof *l->e, by_pc);
	return CD_OK;
}

/* The list's entry for a postcode, or NULL. */
static const struct pc_la *
find(const struct pclist *l, const char *postcode)
{
	struct pc_la key;

	if (l == NULL || l->n == 0 || ident_postcode(postcode, key.pc, NULL) !=
	    CD_OK)
		return NULL;
	return bsearch(&key, l->e, l->n, sizeof *l->e, by_pc);
}

const char *
pclist_la(const char *postcode, void *list)
{
	const struct pc_la *hit = find(list, postcode);

	return hit ? hit->la : NULL;
}

/* The whole square root of v (Newton's method; no libm). */
static unsigned long long
isqrt(unsigned long long v)
{
	unsigned long long r = v, next;

	if (v < 2)
		return v;
	for (next = (r + v / r) / 2; next < r; next = (r + v / r) / 2)
		r = next;
	return r;
}

double
pclist_miles(const char *a, const char *b, void *list)
{
	const struct pc_la *x = find(list, a), *y = find(list, b);
	long long de, dn;
	unsigned long long metres;

	if (x == NULL || y == NULL || x->east < 0 || y->east < 0)
		return -1;
	de = x->east - y->east;
	dn = x->north - y->north;
	metres = isqrt((unsigned long long)(de * de + dn * dn));
	return (double)(long long)((double)metres / 1609.344 * 10 + 0.5) / 10;
}

void
pclist_fini(struct pclist *l)
{
	free(l->e);
	memset(l, 0, sizeof *l);
}
