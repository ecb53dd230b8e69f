/*
 * The DfE's rules on the SSDA903 episodes, read from the rows as written:
 * each episode's own fields, the child's age when it starts or ends,
 * temporary placements and short breaks by length, and how one episode
 * follows another.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casework/calendar.h"
#include "casework/checks_int.h"
#include "casework/returns.h"
#include "casework/ssda903.h"
#include "common/xmem.h"

/* An episode row with its dates as YYYY-MM-DD ("" blank or not a date). */
struct ep {
	const struct ssda903_row *r;
	char start[11], end[11];
	const char *rne, *ls, *cin, *place, *prov, *rec, *rpc, *home, *post,
	    *urn;
};

static int
by_decom(const void *a, const void *b)
{
	const struct ep *x = a, *y = b;
	int k = strcmp(x->start, y->start);

	return k ? k : (x->r->id > y->r->id) - (x->r->id < y->r->id);
}

/* The child's episode rows in DECOM order; *n of them; free the result. */
static struct ep *
episodes(const struct check_ctx *x, size_t *n)
{
	const struct ssda903_row *r;
	struct ep *e = NULL;

	*n = 0;
	EACH_ROW(x, SSDA903_EPISODES, r) {
		struct ep *p;

		e = xreallocarray(e, *n + 1, sizeof *e);
		p = &e[(*n)++];
		p->r = r;
		dfe_iso(ssda903_cell(r, "DECOM"), p->start);
		dfe_iso(ssda903_cell(r, "DEC"), p->end);
		p->rne = ssda903_cell(r, "RNE");
		p->ls = ssda903_cell(r, "LS");
		p->cin = ssda903_cell(r, "CIN");
		p->place = ssda903_cell(r, "PLACE");
		p->prov = ssda903_cell(r, "PLACE_PROVIDER");
		p->rec = ssda903_cell(r, "REC");
		p->rpc = ssda903_cell(r, "REASON_PLACE_CHANGE");
		p->home = ssda903_cell(r, "HOME_POST");
		p->post = ssda903_cell(r, "PL_POST");
		p->urn = ssda903_cell(r, "URN");
	}
	if (*n > 1)
		qsort(e, *n, sizeof *e, by_decom);
	return e;
}

static int
temporary(const char *place)
{
	return place[0] == 'T' && place[1] >= '0' && place[1] <= '4' &&
	    place[2] == '\0';
}

static int
short_break(const char *ls)
{
	return strcmp(ls, "V3") == 0 || strcmp(ls, "V4") == 0;
}

/* Days from a to b (ISO dates); 0 when either is not a date. */
static long
days(const char *a, const char *b)
{
	int ok1, ok2;
	long x = calendar_day(a, &ok1), y = calendar_day(b, &ok2);

	return ok1 && ok2 ? y - x : 0;
}

/*
 * One episode's fields that must agree: dates (148, 353, 355, 356, 446),
 * temporary placements (380, 381, 382), short breaks (214, 366, 384),
 * codes that go together (178, 217, 378, 390, 392d, 408, 516), both
 * postcodes but for UASC (392b), not over 350 miles apart where the
 * postcode list knows both (454), and a decision for a placement for
 * adoption (551).
 */
void
dfe_episode_fields(const struct check_def *d, const struct rt_child *c,
    const struct check_ctx *x, struct problems *out)
{
	const struct ssda903_row *pa;
	size_t i, n;
	struct ep *e = episodes(x, &n);
	int placed = 0;

	EACH_ROW(x, SSDA903_PLACED, pa)
		placed |= *ssda903_cell(pa, "DATE_PLACED") != '\0';
	for (i = 0; i < n; i++) {
		const struct ep *p = &e[i];
		const char *decom = ssda903_cell(p->r, "DECOM");
		const char *dec = ssda903_cell(p->r, "DEC");
		struct fix f = dfe_fix(p->r, "DEC");

		if ((*dec == '\0') != (*p->rec == '\0'))
			checks_flag(out, d, "148", c, f, "an episode's end and "
			    "reason ceased go together");
		if (strcmp(dec, decom) == 0)
			checks_flag(out, d, "355", c, f, "the episode from %s "
			    "ends the day it starts", decom);
		else if (*p->end && *p->start && strcmp(p->end, p->start) < 0)
			checks_flag(out, d, "356", c, f, "the episode ends %s, "
			    "before it starts", dec);
		if (*p->start && strcmp(p->start, "1991-10-14") < 0)
			checks_flag(out, d, "353", c, dfe_fix(p->r, "DECOM"),
			    "an episode before 14 October 1991");
		if (strcmp(p->ls, "E1") == 0 && *p->start &&
		    strcmp(p->start, "2005-12-01") < 0)
			checks_flag(out, d, "446", c, dfe_fix(p->r, "LS"),
			    "a placement order (E1) before December 2005");
		if (temporary(p->place) && strcmp(p->rne, "P") &&
		    strcmp(p->rne, "B"))
			checks_flag(out, d, "380", c, dfe_fix(p->r, "RNE"),
			    "a temporary placement (%s) starts with a "
			    "placement "
			    "change (P or B), not %s", p->place, p->rne);
		if (temporary(p->place) && *p->rec && strcmp(p->rec, "X1"))
			checks_flag(out, d, "381", c, dfe_fix(p->r, "REC"),
			    "a temporary placement ends with X1, not %s",
			    p->rec);
		if (short_break(p->ls) && temporary(p->place))
			checks_flag(out, d, "382", c, dfe_fix(p->r, "PLACE"),
			    "short breaks (%s) are not a temporary placement",
			    p->ls);
		if (short_break(p->ls) && (*p->post || *p->urn))
			checks_flag(out, d, "214", c, dfe_fix(p->r, *p->urn ?
			    "URN" : "PL_POST"), "short breaks (%s) take no "
			    "placement postcode or URN", p->ls);
		if (strcmp(p->ls, "V3") == 0 && strcmp(p->rne, "S"))
			checks_flag(out, d, "366", c, dfe_fix(p->r, "RNE"),
			    "each short break (V3) is a new start (S)");
		if (short_break(p->ls) && (strcmp(p->place, "U1") == 0 ||
		    strcmp(p->place, "U4") == 0))
			checks_flag(out, d, "384", c, dfe_fix(p->r, "PLACE"),
			    "short breaks (%s) are not a long-term foster "
			    "placement (%s)", p->ls, p->place);
		if ((strcmp(p->place, "A3") == 0 || strcmp(p->place, "A5") ==
		    0) && strcmp(p->start, "2015-04-01") >= 0 &&
		    !dfe_listed(p->rne, "S T U"))
			checks_flag(out, d, "217", c, dfe_fix(p->r, "RNE"),
			    "placed for adoption (%s): the episode starts with "
			    "S, T or U, not %s", p->place, p->rne);
		if (strcmp(p->place, "P1") == 0 && strcmp(p->ls, "V2") == 0)
			checks_flag(out, d, "378", c, dfe_fix(p->r, "PLACE"),
			    "a child accommodated (V2) is not placed with "
			    "parents (P1)");
		if (dfe_listed(p->rec, "E11 E12") && !dfe_listed(p->place,
		    "A3 A4 A5 A6"))
			checks_flag(out, d, "390", c, dfe_fix(p->r, "PLACE"),
			    "adopted (%s) from a %s placement, not one for "
			    "adoption", p->rec, p->place);
		if (dfe_listed(p->place, "A5 A6") && strcmp(p->ls, "E1"))
			checks_flag(out, d, "408", c, dfe_fix(p->r, "LS"),
			    "%s is a placement under a placement order (E1), "
			    "not %s", p->place, p->ls);
		if (dfe_listed(p->rec, "E45 E46") && !dfe_listed(p->place,
		    "U1 U2 U3 U4 U5 U6"))
			checks_flag(out, d, "516", c, dfe_fix(p->r, "PLACE"),
			    "special guardianship by carers (%s) from a %s "
			    "placement, not foster care", p->rec, p->place);
		if (*p->prov && (!dfe_listed(p->prov, "PR0 PR1 PR2 PR3 PR4 "
		    "PR5") || dfe_listed(p->place, "T0 T1 T2 T3 Z11 Z12 Z13 "
		    "Z14")))
			checks_flag(out, d, "178", c, dfe_fix(p->r,
			    "PLACE_PROVIDER"), "provider %s for a %s placement",
			    p->prov, p->place);
		if (!c->uasc && !short_break(p->ls) && (*p->home == '\0' ||
		    *p->post == '\0'))
			checks_flag(out, d, "392b", c, *p->post ?
			    START("address") : dfe_fix(p->r, "PL_POST"), "the "
			    "%s postcode is missing", *p->post ? "home" :
			    "placement");
		if (dfe_listed(p->place, "A3 A4 A5 A6") && !placed)
			checks_flag(out, d, "551", c,
			    START("adoption-decision"),
			    "placed for adoption (%s): record the decision to "
			    "place", p->place);
		if (x->postcode_miles != NULL && *p->home && *p->post) {
			double miles = x->postcode_miles(p->home, p->post,
			    x->postcode_arg);

			if (miles > 350 && (long)(miles * 10 + 0.5) != 9999)
				checks_flag(out, d, "454", c, dfe_fix(p->r,
				    "PL_POST"), "placed %.1f miles from home",
				    miles);
		}
		if (strcmp(p->place, "P1") && *p->home &&
		    strcmp(p->home, p->post) == 0)
			checks_flag(out, d, "392d", c, dfe_fix(p->r, "PL_POST"),
			    "placed at the home postcode %s, but not with "
			    "parents", p->post);
	}
	free(e);
}

/* Whether a missing period ends on day. */
static int
missing_ends(const struct check_ctx *x, const char *day)
{
	const struct ssda903_row *r;
	char e[11];

	EACH_ROW(x, SSDA903_MISSING, r)
		if (strcmp(dfe_iso(ssda903_cell(r, "MIS_END"), e), day) == 0)
			return 1;
	return 0;
}

/*
 * The child's age when an episode starts or ends: new to care before
 * 18 (352), not still in care past 18 but in a children's home (359),
 * custody from 10 (372), employment from 14 (374), and reasons ceased
 * that fit the age (386, 387, 389, 407, 460, 580 missing at 18, 234
 * custody); no care before birth (302).
 */
void
dfe_episode_ages(const struct check_def *d, const struct rt_child *c,
    const struct check_ctx *x, struct problems *out)
{
	char b[19][11];
	size_t i, n;
	struct ep *e;
	int k;

	if (strlen(c->dob) != 10)
		return;
	for (k = 0; k < 19; k++)
		dfe_birthday(c, k, b[k]);
	e = episodes(x, &n);
	if (n > 0 && *e[0].start && strcmp(e[0].start, c->dob) < 0)
		checks_flag(out, d, "302", c, dfe_fix(e[0].r, "DECOM"), "care "
		    "from %s, before the child's birth", e[0].start);
	for (i = 0; i < n; i++) {
		const struct ep *p = &e[i];
		const char *s = p->start, *t = p->end;

		if (strcmp(p->rne, "S") == 0 && *s && strcmp(s, b[18]) >= 0)
			checks_flag(out, d, "352", c, dfe_fix(p->r, "RNE"),
			    "starts to be looked after at 18 or over");
		/* While the year runs, only once the birthday has passed. */
		if (strcmp(b[18], x->to) < 0 && strcmp(b[18], x->today) < 0 &&
		    *t == '\0' &&
		    !(strcmp(p->ls, "V2") == 0 && strcmp(p->place, "K2") == 0))
			checks_flag(out, d, "359", c, dfe_fix(p->r, "DEC"),
			    "18 on %s and still looked after on %s", b[18],
			    x->to);
		if (strcmp(p->rpc, "CUSTOD") == 0 && *s && strcmp(b[10], s) > 0)
			checks_flag(out, d, "234", c, dfe_fix(p->r,
			    "REASON_PLACE_CHANGE"), "custody (CUSTOD) for a "
			    "child under 10");
		if (strcmp(p->place, "R5") == 0 && *s && strcmp(s, b[10]) < 0)
			checks_flag(out, d, "372", c, dfe_fix(p->r, "PLACE"),
			    "youth custody (R5) for a child under 10");
		if (strcmp(p->place, "P3") == 0 && *s && strcmp(s, b[14]) < 0)
			checks_flag(out, d, "374", c, dfe_fix(p->r, "PLACE"),
			    "residential employment (P3) for a child under 14");
		if (!*t)
			continue;
		if (dfe_listed(p->rec, "E11 E12") && strcmp(t, b[18]) >= 0)
			checks_flag(out, d, "386", c, dfe_fix(p->r, "REC"),
			    "adopted at 18 or over");
		if (dfe_listed(p->rec, "E5 E6") && strcmp(t, b[14]) < 0)
			checks_flag(out, d, "387", c, dfe_fix(p->r, "REC"),
			    "independent living (%s) before 14", p->rec);
		if (strcmp(p->rec, "E7") == 0 && strcmp(t, b[16]) < 0)
			checks_flag(out, d, "389", c, dfe_fix(p->r, "REC"),
			    "to adult social care (E7) before 16");
		if (dfe_listed(p->rec, "E45 E46 E47 E48") && strcmp(t, b[18]) >
		    0)
			checks_flag(out, d, "407", c, dfe_fix(p->r, "REC"),
			    "special guardianship (%s) after 18", p->rec);
		if (strcmp(p->rec, "E17") == 0 && strcmp(t, b[18]) < 0)
			checks_flag(out, d, "460", c, dfe_fix(p->r, "REC"),
			    "staying put (E17) before 18");
		if (strcmp(t, b[18]) == 0 && strcmp(p->rec, "E8") &&
		    missing_ends(x, b[18]))
			checks_flag(out, d, "580", c, dfe_fix(p->r, "REC"),
			    "missing when care ended at 18: the reason is E8");
	}
	free(e);
}

/* The days of an episode inside the year (open: to 31 March or today). */
static long
in_year(const struct ep *p, const struct check_ctx *x)
{
	const char *s = strcmp(p->start, x->from) > 0 ? p->start : x->from;
	const char *to = strcmp(x->today, x->to) < 0 ? x->today : x->to;
	const char *t = *p->end && strcmp(p->end, to) < 0 ? p->end : to;

	return days(s, t);
}

/*
 * Placements and orders that are short by nature: a hospital stay (T1,
 * 42 days: 375), a carer's holiday (T3, 21 days and twice a year: 376,
 * 377), other temporary placements (T4, 7 days: 379), police protection
 * (L1, 3 days: 361) and emergency protection (L2, 21 days: 362) counted
 * over episodes that join, a child assessment order (L3, 7 days: 363)
 * and PACE detention (J2, 21 days: 364) over episodes that join or
 * overlap, a single short break (V3, 17 days: 365) and
 * 75 days of them in the year (367); not both kinds of short breaks
 * (426).
 */
void
dfe_episode_lengths(const struct check_def *d, const struct rt_child *c,
    const struct check_ctx *x, struct problems *out)
{
	static const struct { const char *place, *dfe; long max; } temp[] = {
		{ "T1", "375", 42 }, { "T3", "376", 21 }, { "T4", "379", 7 } };
	size_t i, j, n, t3 = 0;
	long v3 = 0;
	int has_v3 = 0, has_v4 = 0;
	struct ep *e = episodes(x, &n);
	/* An open episode runs to 31 March, or to today while the year runs. */
	const char *now = strcmp(x->today, x->to) < 0 ? x->today : x->to;

	for (i = 0; i < n; i++) {
		const struct ep *p = &e[i];

		for (j = 0; j < 3; j++)
			if (strcmp(p->place, temp[j].place) == 0 && *p->end &&
			    days(p->start, p->end) > temp[j].max)
				checks_flag(out, d, temp[j].dfe, c,
				    dfe_fix(p->r,
				    "DEC"), "%s lasts %ld days (%ld at most)",
				    p->place, days(p->start, p->end),
				    temp[j].max);
		t3 += strcmp(p->place, "T3") == 0;
		if (strcmp(p->ls, "V3") == 0) {
			has_v3 = 1;
			v3 += in_year(p, x) > 0 ? in_year(p, x) : 0;
			if (days(p->start, *p->end ? p->end : now) > 17)
				checks_flag(out, d, "365", c, dfe_fix(p->r,
				    "DEC"), "a short break (V3) of more than "
				    "17 days");
		}
		has_v4 |= strcmp(p->ls, "V4") == 0;
		/* L3 and J2 episodes that join or overlap, from the first. */
		if ((strcmp(p->ls, "L3") == 0 || strcmp(p->ls, "J2") == 0) &&
		    (i == 0 || strcmp(e[i - 1].ls, p->ls) ||
		    *e[i - 1].end == 0 ||
		    strcmp(p->start, e[i - 1].end) > 0)) {
			long max = p->ls[0] == 'L' ? 7 : 21;
			const char *last = *p->end ? p->end : now;

			for (j = i + 1; j < n && strcmp(e[j].ls, p->ls) == 0 &&
			    strcmp(e[j].start, last) <= 0; j++)
				if (strcmp(*e[j].end ? e[j].end : now,
				    last) > 0)
					last = *e[j].end ? e[j].end : now;
			if (days(p->start, last) > max)
				checks_flag(out, d, max == 7 ? "363" : "364", c,
				    dfe_fix(p->r, "LS"), "%s for more than %ld "
				    "days", p->ls, max);
		}
		/* A run of L1 or L2 episodes that join, from its first. */
		if ((strcmp(p->ls, "L1") == 0 || strcmp(p->ls, "L2") == 0) &&
		    (i == 0 || strcmp(e[i - 1].ls, p->ls) ||
		    strcmp(e[i - 1].end, p->start))) {
			long max = p->ls[1] == '1' ? 3 : 21;

			for (j = i; j + 1 < n && strcmp(e[j + 1].ls, p->ls) ==
			    0 && *e[j].end && strcmp(e[j].end,
			    e[j + 1].start) ==
			    0; j++)
				;
			if (days(p->start, *e[j].end ? e[j].end : now) > max)
				checks_flag(out, d, max == 3 ? "361" : "362", c,
				    dfe_fix(p->r, "LS"), "%s (%s) for more "
				    "than %ld days", p->ls, max == 3 ?
				    "police protection" : "emergency "
				    "protection",
				    max);
		}
	}
	if (t3 > 2)
		checks_flag(out, d, "377", c, START("care-episode"), "%zu "
		    "carer's holidays (T3) in the year: two at most", t3);
	if (v3 > 75)
		checks_flag(out, d, "367", c, START("care-episode"), "%ld days "
		    "of short breaks (V3) in the year: 75 at most", v3);
	if (has_v3 && has_v4)
		checks_flag(out, d, "426", c, START("care-episode"), "short "
		    "breaks of both kinds (V3 and V4) in one year");
	free(e);
}

/*
 * How episodes follow each other: only the latest open (142), none
 * overlapping (501), a new start after the last ended (431, 432), a
 * change meets the episode before (433) and changes what it says (434,
 * 435, 436), nothing after death or 18 (437), the same need through a
 * period (504), the first of the year a start unless it carries on
 * (357), why a placement changed (225) and not for a temporary one
 * (226), placed for adoption from foster care (336), nothing after an
 * adoption (199, within this year's file), X1 exactly when the next
 * starts as this ends (388), and back to the placement before a
 * temporary one (383).
 */
void
dfe_episode_order(const struct check_def *d, const struct rt_child *c,
    const struct check_ctx *x, struct problems *out)
{
	static const char *const leave = "E2 E3 E4A E4B E5 E6 E7 E8 E9 E11 "
	    "E12 E13 E14 E15 E16 E17 E41 E45 E46 E47 E48";
	size_t i, n;
	struct ep *e = episodes(x, &n);

	if (n > 0 && *e[n - 1].end && strcmp(e[n - 1].rec, "X1") == 0)
		checks_flag(out, d, "388", c, dfe_fix(e[n - 1].r, "REC"), "the "
		    "last episode ends X1, but no episode follows it");
	if (n > 0 && strcmp(e[0].start, x->from) >= 0 &&
	    strcmp(e[0].rne, "S"))
		checks_flag(out, d, "357", c, dfe_fix(e[0].r, "RNE"), "the "
		    "first episode, from %s, is a new start (S)", e[0].start);
	for (i = 0; i < n; i++) {
		const struct ep *p = &e[i], *q = i > 0 ? &e[i - 1] : NULL;
		int same_place;

		if (i + 1 < n && *p->start && (*p->end == '\0' ||
		    *p->rec == '\0'))
			checks_flag(out, d, "142", c, dfe_fix(p->r, "DEC"),
			    "the episode from %s is followed by another: it "
			    "needs its end and reason ceased", p->start);
		if (q == NULL)
			continue;
		if ((strcmp(q->rec, "X1") == 0) != (strcmp(q->end, p->start) ==
		    0))
			checks_flag(out, d, "388", c,
			    dfe_fix(q->r, "REC"), "%s "
			    "on %s, but the next episode starts %s", q->rec,
			    q->end, p->start);
		/* After a temporary placement, back to the one before it. */
		if (i >= 2 && temporary(q->place) && (strcmp(p->rne, "P") ||
		    strcmp(p->place, e[i - 2].place) || strcmp(p->post,
		    e[i - 2].post)))
			checks_flag(out, d, "383", c, dfe_fix(p->r, "PLACE"),
			    "after the temporary placement, back to the %s "
			    "placement at %s", e[i - 2].place, e[i - 2].post);
		if (*q->end && strcmp(p->start, q->end) < 0)
			checks_flag(out, d, "501", c, dfe_fix(p->r, "DECOM"),
			    "the episode from %s starts before the one before "
			    "ends (%s)", p->start, q->end);
		if (strcmp(p->rne, "S") == 0 && *q->end && strcmp(p->start,
		    q->end) <= 0)
			checks_flag(out, d, "431", c, dfe_fix(p->r, "RNE"),
			    "a new start (S) on %s, but care had not ended",
			    p->start);
		if (dfe_listed(q->rec, leave) && strcmp(p->rne, "S"))
			checks_flag(out, d, "432", c, dfe_fix(p->r, "RNE"),
			    "care ended (%s), so the next episode is a new "
			    "start (S), not %s", q->rec, p->rne);
		if (dfe_listed(p->rne, "P L T U B") && strcmp(q->end, p->start))
			checks_flag(out, d, "433", c, dfe_fix(p->r, "DECOM"),
			    "a change (%s) on %s must start the day the "
			    "episode "
			    "before ends (%s)", p->rne, p->start, *q->end ?
			    q->end : "open");
		same_place = strcmp(p->place, q->place) == 0 &&
		    strcmp(p->post, q->post) == 0 && strcmp(p->urn, q->urn) ==
		    0 && strcmp(p->prov, q->prov) == 0;
		if (strcmp(p->rne, "L") == 0 && (strcmp(p->ls, q->ls) == 0 ||
		    !same_place))
			checks_flag(out, d, "434", c, dfe_fix(p->r, "RNE"), "a "
			    "change of legal status only (L) changes the legal "
			    "status and nothing else");
		if (dfe_listed(p->rne, "P T") && (strcmp(p->ls, q->ls) ||
		    same_place))
			checks_flag(out, d, "435", c, dfe_fix(p->r, "RNE"), "a "
			    "change of placement only (%s) changes the "
			    "placement and not the legal status", p->rne);
		if (dfe_listed(p->rne, "U B") && (strcmp(p->ls, q->ls) == 0 ||
		    same_place))
			checks_flag(out, d, "436", c, dfe_fix(p->r, "RNE"),
			    "a change of both (%s) changes the legal status "
			    "and the placement", p->rne);
		if (dfe_listed(p->place, "A3 A4") && !dfe_listed(q->place,
		    "A3 A4 A5 A6 U1 U2 U3 U4 U5 U6"))
			checks_flag(out, d, "336", c, dfe_fix(p->r, "PLACE"),
			    "placed for adoption (%s) from %s, not from foster "
			    "care", p->place, q->place);
		if (dfe_listed(q->rec, "E11 E12"))
			checks_flag(out, d, "199", c, dfe_fix(p->r, "DECOM"),
			    "an episode after the child was adopted");
		if (dfe_listed(q->rec, "E2 E15"))
			checks_flag(out, d, "437", c,
			    dfe_fix(q->r, "REC"), "an "
			    "episode follows one that ended %s", q->rec);
		if (strcmp(q->rec, "X1") == 0 && strcmp(q->end,
		    p->start) == 0 &&
		    strcmp(q->cin, p->cin))
			checks_flag(out, d, "504", c,
			    dfe_fix(p->r, "CIN"), "the "
			    "category of need changes (%s to %s) within a "
			    "period of care", q->cin, p->cin);
		if (strcmp(q->rec, "X1") == 0 && *q->rpc == '\0' &&
		    !temporary(q->place) && dfe_listed(p->rne, "P B T U") &&
		    !temporary(p->place))
			checks_flag(out, d, "225", c, dfe_fix(q->r,
			    "REASON_PLACE_CHANGE"), "the placement changed on "
			    "%s: record why on the episode that ended", q->end);
		if (temporary(p->place) && (*p->rpc || *q->rpc))
			checks_flag(out, d, "226", c, dfe_fix(*p->rpc ? p->r :
			    q->r, "REASON_PLACE_CHANGE"), "no reason for a "
			    "placement change into a temporary placement");
	}
	free(e);
}
