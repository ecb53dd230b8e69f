#include "config.h"

#include "casework/pclist.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/file.h"
#include "common/ident.h"
#include "common/xmem.h"

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
		struct pc_la *e;

		if (line[0] == '#' || sscanf(line, "%15[^,],%15[^,]", pc, la) !=
		    2 || ident_postcode(pc, pc, NULL) != CD_OK)
			continue;
		l->e = xreallocarray(l->e, l->n + 1, sizeof *l->e);
		e = &l->e[l->n++];
		snprintf(e->pc, sizeof e->pc, "%.8s", pc);
		snprintf(e->la, sizeof e->la, "%.9s", la);
	}
	free(data);
	qsort(l->e, l->n, sizeof *l->e, by_pc);
	return CD_OK;
}

const char *
pclist_la(const char *postcode, void *list)
{
	const struct pclist *l = list;
	struct pc_la key, *hit;

	if (l == NULL || ident_postcode(postcode, key.pc, NULL) != CD_OK)
		return NULL;
	hit = bsearch(&key, l->e, l->n, sizeof *l->e, by_pc);
	return hit ? hit->la : NULL;
}

void
pclist_free(struct pclist *l)
{
	free(l->e);
	memset(l, 0, sizeof *l);
}
