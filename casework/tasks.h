/* The work tray: due, due-soon and overdue work from the statutory clocks. */
#ifndef CD_CASEWORK_TASKS_H
#define CD_CASEWORK_TASKS_H

#include <stddef.h>
#include <stdint.h>

#include "casework/calendar.h"
#include "casework/timescale.h"
#include "common/status.h"

struct store;

/*
 * What completes a task, so Enter on it opens the step: an existing row
 * at a field (the contact's decision, the open assessment, the adopter
 * household at its stage), or a new form with its type filled in.
 */
struct task_step {
	const char *entity;	/* the row to open, or NULL for a new form */
	int64_t id;		/* that row (0 with a form: start a new one) */
	const char *field;	/* the field to go to, or NULL */
	const char *form;	/* the form code that completes it */
	const char *prefill;	/* "kind=cp": fields the new form starts with */
};

struct task {
	int64_t person;		/* 0 for an adopter household */
	int64_t household;
	char *name;
	char *worker;
	char *team;
	const struct rule *rule;
	long due;		/* day number */
	long late;		/* days overdue (negative: days left) */
	char *from;		/* the anchor date */
	struct task_step step;	/* what opens the work that completes it */
};

/* The step that completes work timed by rule (entity and form), or NULL. */
const struct task_step *task_step_for(const char *rule);

struct tasks {
	struct task *t;
	size_t n;
	/* What tasks_tray read, so tasks_refresh can bring it up to date. */
	int64_t seen;		/* the audit event the tray is current to */
	long today;
	int64_t scope_person;
	char *worker, *team;
	int contacts;
	/* A page of the borough's (tasks_page): which, and the next one's. */
	int paged;
	int size;		/* open cases a page reads */
	int64_t after;		/* the page: the cases after this person */
	int64_t next;		/* the next page's after; 0 when none is left */
};

/*
 * Every piece of work the rules say is due for the open cases (filtered by
 * worker or team when given), soonest first.
 */
enum cd_status tasks_collect(struct store *st, const struct ruleset *rs,
    const struct calendar *cal, long today, const char *worker,
    const char *team, struct tasks *out, struct cd_err *err);

/* The work due for one person (for their summary). */
enum cd_status tasks_for_person(struct store *st, const struct ruleset *rs,
    const struct calendar *cal, long today, int64_t person,
    struct tasks *out, struct cd_err *err);

/*
 * A work tray: worker's (or team's, or with both NULL the borough's) work,
 * and with contacts set every contact waiting for a decision (the duty
 * desk), soonest first. Reads the allocations and the partial indexes of
 * open work, not the borough; remembers when it was read.
 */
enum cd_status tasks_tray(struct store *st, const struct ruleset *rs,
    const struct calendar *cal, long today, const char *worker,
    const char *team, int contacts, struct tasks *out, struct cd_err *err);

/*
 * A page of the borough's work: the next size open cases in person order
 * after person after (0: the first page), their tasks soonest first, and
 * out->next for the page after. Reads a page's cases and no others, so it
 * costs what it shows however large the borough.
 */
enum cd_status tasks_page(struct store *st, const struct ruleset *rs,
    const struct calendar *cal, long today, int64_t after, int size,
    struct tasks *out, struct cd_err *err);

/*
 * Bring a tray from tasks_tray up to date: only the people whose records
 * changed since it was read are read again (and the adopters' stages);
 * on another day, the whole tray; a page of the borough's is read again
 * (it is its own size). What a screen calls when it comes back to the tray.
 */
enum cd_status tasks_refresh(struct store *st, const struct ruleset *rs,
    const struct calendar *cal, long today, struct tasks *t,
    struct cd_err *err);

void tasks_fini(struct tasks *t);

/* A worker's share of a tray, for a team manager's overdue counts. */
struct worker_load {
	char *worker;		/* NULL: nobody allocated */
	int overdue;
	int this_week;		/* due within a week, not yet overdue */
	int total;
};

/* Each worker's counts in t, most overdue first; *n rows. */
struct worker_load *tasks_by_worker(const struct tasks *t, size_t *n);
void worker_loads_free(struct worker_load *w, size_t n);

/* The calendar and rules a form asks "is this late?" of. */
struct lateness {
	struct calendar cal;
	struct ruleset rules;
	int loaded;
};

/* Load the shipped calendar and rules with the council's changes. */
enum cd_status lateness_load(struct lateness *l, const struct cfg *c,
    struct cd_err *err);

/* fill_late_fn: whether work timed by rule from from, done on done, is late. */
int lateness_check(const char *rule, const char *from, const char *done,
    void *arg);

void lateness_fini(struct lateness *l);

#endif
