/*
 * Timescale rules as data (casework/data/rules.ini): the due date of a piece
 * of work from the event it counts from, in working days, days, weeks or
 * months, with an age variant where the guidance has one.
 */
#ifndef CD_CASEWORK_TIMESCALE_H
#define CD_CASEWORK_TIMESCALE_H

#include <stddef.h>

#include "casework/calendar.h"
#include "common/cfg.h"
#include "common/status.h"

enum rule_unit { UNIT_WORKDAYS, UNIT_DAYS, UNIT_WEEKS, UNIT_MONTHS };

struct rule {
	char *name;
	char *title;
	char *anchor;		/* what it counts from, in words */
	char *status;		/* Reg, WT, SG, Local */
	char *source;
	int offset;
	enum rule_unit unit;
	int under_age;		/* 0: no age variant */
	int offset_under;	/* the offset below under_age */
	int changed;		/* overridden by local configuration */
};

struct ruleset {
	struct rule *r;
	size_t n;
};

/*
 * Load the rules, then apply the council's [rule.NAME] overrides from c
 * (only to Local rules). Every problem is reported in err at once.
 */
enum cd_status ruleset_load(struct ruleset *rs, const char *file,
    const struct cfg *c, struct cd_err *err);

/* The rules file shipped with casedesk. */
const char *ruleset_default_file(void);

const struct rule *ruleset_find(const struct ruleset *rs, const char *name);

/* The due day for a rule from its anchor; age in years or -1 if unknown. */
long rule_due(const struct rule *r, const struct calendar *cal, long anchor,
    int age);

/* "45 working days", "3 months" (6 months under 5) into out. */
void rule_describe(const struct rule *r, char *out, size_t len);

void ruleset_fini(struct ruleset *rs);

#endif
