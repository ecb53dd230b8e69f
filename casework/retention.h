/* Retention: each record class's period as data, and each person's date. */
#ifndef CD_CASEWORK_RETENTION_H
#define CD_CASEWORK_RETENTION_H

#include <stddef.h>

#include "common/cfg.h"
#include "common/status.h"
#include "store/retention.h"

struct retention_class {
	char *name;
	char *title;
	char *from;
	char *rule;
	int years;
	int floor_years;
};

struct retention_rules {
	struct retention_class *c;
	size_t n;
};

/* When a person's record may be destroyed, and why. */
struct retention_due {
	const struct retention_class *cls;	/* the class that decides */
	long until;		/* day number; 0 when an open case keeps it */
	int open;		/* some part is still open: keep */
	int held;
};

enum cd_status retention_load(struct retention_rules *r, const char *file,
    const struct cfg *c, struct cd_err *err);
const char *retention_default_file(void);

/* The latest retention date of every class that applies to f. */
void retention_date(const struct retention_rules *r,
    const struct retention_facts *f, struct retention_due *out);

void retention_fini(struct retention_rules *r);

#endif
