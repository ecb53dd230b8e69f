/*
 * The DfE's checks that matter most, run against the returns' model of a
 * child before the returns are due: dates in order and inside the year,
 * codes valid for the year, fields required by placement type and legal
 * status, identifiers, reviews and visits in time, episodes that join
 * up. Each problem names where to fix it: a field of a row, or a form to
 * start when something was never recorded.
 */
#ifndef CD_CASEWORK_CHECKS_H
#define CD_CASEWORK_CHECKS_H

#include <stddef.h>
#include <stdint.h>

struct rt_child;
struct rt_set;
struct calendar;
struct ssda903_rows;

struct check_ctx {
	int year;		/* the collection year ends 31 March year */
	char from[11], to[11];	/* set by checks_ctx_init */
	char today[11];
	const struct calendar *cal;	/* for working-day timescales */
	/*
	 * The borough's ONS code and the LA of a postcode (NULL when not
	 * known), for rules on placements in and out of the borough.
	 */
	const char *la_ons;
	const char *(*postcode_la)(const char *postcode, void *arg);
	double (*postcode_miles)(const char *a, const char *b, void *arg);
	void *postcode_arg;	/* -1 miles: not known */
	const struct ssda903_rows *rows;	/* the child's, as written */
	const struct ssda903_rows *last;	/* and for the year before */
};

struct problem {
	int64_t person;
	char name[64];		/* the child's, for screens */
	const char *rule;	/* our id, e.g. "903-URN" */
	char dfe[12];		/* the DfE rule it breaks, "" for ours */
	int query;		/* 1: a query to confirm, 0: an error */
	char msg[200];
	const char *entity;	/* where to fix: entity, row and field */
	int64_t row;
	const char *field;
	const char *form;	/* or the form to start, when nothing exists */
};

struct problems {
	struct problem *p;
	size_t n;
};

/*
 * A check: its id, the return, the DfE rules it implements (a list; ""
 * for a check of our own practice), whether they are queries, the
 * collection years it applies to (0: no bound), the return's fields it
 * reads, and what it looks at.
 */
struct check_def {
	const char *id;
	const char *ret;
	const char *dfe;
	int query;		/* a query to confirm, not an error */
	int from, until;
	const char *fields;
	const char *what;
	void (*run)(const struct check_def *, const struct rt_child *,
	    const struct check_ctx *, struct problems *);
};

/* Set the year's dates; today is YYYY-MM-DD. */
void checks_ctx_init(struct check_ctx *x, int year, const char *today,
    const struct calendar *cal);

/* Every check, in the order they run. */
const struct check_def *checks_all(size_t *n);

/* Run every check that applies to the child, appending to out. */
void checks_child(const struct rt_child *c, const struct check_ctx *x,
    struct problems *out);

/*
 * Run the checks that judge the whole return rather than one child, of
 * the returns in which (CHECKS_SSDA903, CHECKS_CIN or both): problems of
 * the whole census (2887Q, 2888Q) have person 0.
 */
#define CHECKS_SSDA903 1
#define CHECKS_CIN 2
void checks_return(const struct rt_set *s, const struct check_ctx *x,
    int which, struct problems *out);

/* Whether check d implements DfE rule code (case as published). */
int checks_implements(const struct check_def *d, const char *code);

/* How many problems in ps come from rule. */
size_t checks_count(const struct problems *ps, const char *rule);

/* How many problems in ps break DfE rule code. */
size_t checks_count_dfe(const struct problems *ps, const char *code);

void checks_fini(struct problems *ps);

#endif
