/* Postcodes to local authorities (ONS), for placement locations. */
#include "config.h"

#include "casework/postcodes.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/file.h"
#include "common/ident.h"
#include "common/xmem.h"

static int
entry_cmp(const void *a, const void *b)
{
	return strcmp(((const struct pcmap_entry *)a)->key,
	    ((const struct pcmap_entry *)b)->key);
}

enum cd_status
pcmap_load(const char *path, struct pcmap *m, struct cd_err *err)
{
	unsigned char *data;
	char *line, *save = NULL;
	size_t len;
	enum cd_status code;

	memset(m, 0, sizeof *m);
	code = file_read_all(path, 1u << 24, &data, &len, err);
	if (code != CD_OK)
		return code;
	for (line = strtok_r((char *)data, "\n", &save); line;
	    line = strtok_r(NULL, "\n", &save)) {
		char pc[16], ons[16], name[64];
		struct pcmap_entry *e;

		if (line[0] == '#' || sscanf(line, "%15[^,],%15[^,],%63[^,]", pc,
		    ons, name) != 3 || ident_postcode(pc, pc, NULL) != CD_OK)
			continue;
		m->e = xreallocarray(m->e, m->n + 1, sizeof *m->e);
		e = &m->e[m->n++];
		ident_postcode_key(pc, e->key);
		snprintf(e->ons, sizeof e->ons, "%s", ons);
		snprintf(e->name, sizeof e->name, "%s", name);
	}
	free(data);
	if (m->n > 1)
		qsort(m->e, m->n, sizeof *m->e, entry_cmp);
	return CD_OK;
}

const char *
pcmap_default_file(void)
{
	if (file_exists(CASEWORK_DATADIR "/postcodes.csv"))
		return CASEWORK_DATADIR "/postcodes.csv";
	return CASEWORK_SRCDIR "/postcodes.csv";
}

const struct pcmap_entry *
pcmap_find(const struct pcmap *m, const char *postcode)
{
	struct pcmap_entry key;

	if (m == NULL || m->n == 0 || postcode == NULL || *postcode == '\0')
		return NULL;
	ident_postcode_key(postcode, key.key);
	return m->n > 0 ? bsearch(&key, m->e, m->n, sizeof *m->e,
	    entry_cmp) : NULL;
}

void
pcmap_fini(struct pcmap *m)
{
	free(m->e);
	memset(m, 0, sizeof *m);
}
