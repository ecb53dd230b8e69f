/*
 * Postcodes to local authorities, from the ONS sample shipped in
 * casework/data/postcodes.csv: where a placement is, for Annex A.
 */
#ifndef CD_CASEWORK_POSTCODES_H
#define CD_CASEWORK_POSTCODES_H

#include <stddef.h>

#include "common/status.h"

struct pcmap_entry {
	char key[9];		/* the postcode without spaces, upper case */
	char ons[16];		/* the LA's ONS code */
	char name[64];		/* the LA's name */
};

struct pcmap {
	struct pcmap_entry *e;	/* sorted by key */
	size_t n;
};

/* Load path ("postcode,la_code,la_name,..." lines; # comments). */
enum cd_status pcmap_load(const char *path, struct pcmap *m,
    struct cd_err *err);

/* The shipped file: installed, else the source tree's. */
const char *pcmap_default_file(void);

/* The entry for postcode, or NULL when the file does not know it. */
const struct pcmap_entry *pcmap_find(const struct pcmap *m,
    const char *postcode);

void pcmap_fini(struct pcmap *m);

#endif
