/*
 * A person's summary as data, not drawing: what is open, where they live
 * and go to school, who has them, the alerts, the next three tasks and
 * the last three significant events, each line with its kind and the row
 * Enter opens. Also a looked-after child's placements and an adopter
 * household. Read through the record engine (access-checked, audited).
 */
#ifndef CD_CASEWORK_SUMMARY_H
#define CD_CASEWORK_SUMMARY_H

#include <stddef.h>
#include <stdint.h>

#include "casework/calendar.h"
#include "casework/tasks.h"
#include "casework/timescale.h"
#include "common/status.h"

struct store;

enum summary_kind {
	SUM_CONTACT,		/* a contact waiting for a decision */
	SUM_REFERRAL,		/* an open referral, allocated or not */
	SUM_ASSESSMENT,		/* day N of 45 */
	SUM_CIN_PLAN,
	SUM_CP_PLAN,
	SUM_LOOKED_AFTER,
	SUM_CARE_LEAVER,
	SUM_ADOPTION,		/* a child's adoption, or an adopter's stage */
	SUM_ADDRESS,
	SUM_SCHOOL,
	SUM_WORKER,
	SUM_ALERT,
	SUM_TASK,
	SUM_EVENT,
};

struct summary_line {
	enum summary_kind kind;
	const char *entity;	/* what Enter opens: a table, or NULL */
	int64_t id;		/* its row (0: nothing to open) */
	const char *field;	/* the field to go to, or NULL */
	char *text;		/* whole, never cut: the screen wraps it */
	struct task_step step;	/* SUM_TASK: what completes it */
	int late;		/* SUM_TASK: past its due date */
};

struct summary {
	char *heading;		/* "KOWALCZYK, Aurelia  #12  F  7 (born ...)" */
	struct summary_line *l;
	size_t n;
	int adopter;		/* a member of an adopter household */
	int adult;		/* 18 or over on the day */
};

/*
 * The summary of person id on today (a day number). CD_ERR_DENIED for a
 * restricted record the reader may not open.
 */
enum cd_status summary_build(struct store *st, const struct ruleset *rs,
    const struct calendar *cal, long today, int64_t id, struct summary *out,
    struct cd_err *err);

/* The first line of kind, or NULL. */
const struct summary_line *summary_find(const struct summary *s,
    enum summary_kind kind);

void summary_fini(struct summary *s);

/* One looked-after episode, as the placements list shows it. */
struct placement {
	int64_t period, episode;
	char *start, *end;	/* YYYY-MM-DD; end NULL while open */
	char *legal_status;	/* "C2 full care order" */
	char *placement;	/* "U4 foster placement with other foster carer..." */
	char *carer;		/* carer or provider, or NULL */
	char *carer_phone;
	char *postcode;
	char *reason_change;	/* in words, or NULL */
	char *reason_ceased;	/* in words, or NULL */
};

struct placements {
	struct placement *p;
	size_t n;
};

/* Every period, episode and placement of a child, oldest first. */
enum cd_status summary_placements(struct store *st, int64_t id,
    struct placements *out, struct cd_err *err);
void placements_fini(struct placements *p);

/* A prospective adopter household: members, stage and dates, tasks. */
struct household_view {
	int64_t id;
	char *name;
	char *stage;		/* "Stage 2", "approved", "enquiry"... */
	char *enquiry, *stage1_start, *stage1_end, *stage2_start, *stage2_end;
	char *application, *panel, *approved, *left;	/* dates or NULL */
	int64_t *members;	/* person ids */
	char **member_names;
	size_t nmembers;
	struct match_view {
		int64_t person;
		char *name;
		char *matched, *placed, *order, *reversed;	/* or NULL */
	} *matches;		/* children matched with the household */
	size_t nmatches;
	struct tasks tasks;	/* the stage's clock */
};

enum cd_status summary_household(struct store *st, const struct ruleset *rs,
    const struct calendar *cal, long today, int64_t household,
    struct household_view *out, struct cd_err *err);
void household_view_fini(struct household_view *h);

#endif
