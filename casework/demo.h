/*
 * The demo borough: a deterministic synthetic local authority built through
 * the store's own API, so every record passes its validation and every
 * change is on the audit trail.
 */
#ifndef CD_CASEWORK_DEMO_H
#define CD_CASEWORK_DEMO_H

#include <stddef.h>
#include <stdint.h>

#include "common/status.h"

struct store;

struct demo_opts {
	long people;		/* about this many people */
	uint64_t seed;
	const char *postcodes;	/* casework/data/postcodes.csv */
	const char *la_ons;	/* the borough's ONS code, for home postcodes */
	const char *today;	/* YYYY-MM-DD */
};

/* A data-quality problem placed on purpose: who, and the check's id. */
struct demo_seed {
	int64_t person;
	const char *rule;
};

#define DEMO_SEEDS 8

/* What was made, for the summary and the proportion tests. */
struct demo_stats {
	long people, children, adults, families;
	long contacts, contacts_waiting, referrals, assessments, s47;
	long cp_plans, cp_open, cp_by_category[5];	/* NEG PHY SAB EMO MUL */
	long looked_after, lac_open, care_leavers, adoptions;
	long adopter_households, visits, overdue_visits, notes;
	int64_t awaiting_authorisation;	/* an assessment form for a manager */
	struct demo_seed seeded[DEMO_SEEDS];
	size_t nseeded;
};

/* Real postcodes: the borough's for homes, the rest for placements. */
struct demo_postcodes {
	char **homes;
	size_t nhomes;
	char **away;
	size_t naway;
};

/*
 * Read a postcodes file of "POSTCODE,ONS code" lines ('#' starts a
 * comment; anything else that is not a valid postcode is skipped). An error
 * when it cannot be read or gives no home or no placement postcode.
 */
enum cd_status demo_postcodes_read(const char *path, const char *la_ons,
    struct demo_postcodes *pc, struct cd_err *err);

/* The same from the file's text in memory, adding to pc. */
void demo_postcodes_parse(const char *text, size_t len, const char *la_ons,
    struct demo_postcodes *pc);

void demo_postcodes_fini(struct demo_postcodes *pc);

/* The postcodes file shipped with casedesk. */
const char *demo_default_postcodes(void);

/*
 * Fill st (a new demo database, logged in as the trainer) with a borough of
 * about o->people people. The same seed gives the same borough.
 */
enum cd_status demo_generate(struct store *st, const struct demo_opts *o,
    struct demo_stats *stats, struct cd_err *err);

#endif
