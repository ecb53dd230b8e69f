/*
 * The DfE's published validation rules, checked on the rows exactly as
 * the SSDA903 writer makes them (ssda903_child) and on the CIN model the
 * census is written from. The rules that only ask for a code from a list
 * or a date in the year are data: one line of the table below each.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casework/calendar.h"
#include "casework/checks_int.h"
#include "casework/cinxml.h"
#include "casework/returns.h"
#include "casework/ssda903.h"
#include "common/xmem.h"

struct fix
dfe_fix(const struct ssda903_row *r, const char *col)
{
	const char *f = ssda903_field(r->table, col);

	return AT(ssda903_entity(r->table), r->id, f ? f : "");
}

int
dfe_listed(const char *code, const char *list)
{
	size_t n = strlen(code);
	const char *p = list;

	if (n == 0)
		return 0;
	while ((p = strstr(p, code)) != NULL) {
		if ((p == list || p[-1] == ' ') && (p[n] == ' ' ||
		    p[n] == '\0'))
			return 1;
		p += n;
	}
	return 0;
}

const char *
dfe_iso(const char *dmy, char out[RT_DATE])
{
	int ok;

	out[0] = '\0';
	if (strlen(dmy) != 10 || dmy[2] != '/' || dmy[5] != '/')
		return out;
	snprintf(out, RT_DATE, "%.4s-%.2s-%.2s", dmy + 6, dmy + 3, dmy);
	calendar_day(out, &ok);
	if (!ok)
		out[0] = '\0';
	return out;
}

/*
 * The rules that are a cell's code list or date: CODES (blank passes
 * unless blank_fails), DATE (a real date), NOT_AFTER (on or before 31
 * March).
 */
enum kind { CODES, DATE, NOT_AFTER };
static const struct cell_rule {
	const char *dfe;
	int table;
	const char *col;
	enum kind kind;
	int blank_fails;
	const char *codes;
} cell_rules[] = {
	{ "101", SSDA903_HEADER, "SEX", CODES, 1, "M F U" },
	{ "103", SSDA903_HEADER, "ETHNIC", CODES, 1, "WBRI WIRI WOTH WIRT "
	    "WROM MWBC MWBA MWAS MOTH AIND APKN ABAN AOTH BCRB BAFR BOTH CHNE "
	    "OOTH REFU NOBT" },
	{ "102", SSDA903_HEADER, "DOB", DATE, 1, NULL },
	{ "171", SSDA903_HEADER, "MC_DOB", DATE, 0, NULL },
	{ "301", SSDA903_HEADER, "DOB", NOT_AFTER, 0, NULL },
	{ "141", SSDA903_EPISODES, "DECOM", DATE, 0, NULL },
	{ "147", SSDA903_EPISODES, "DEC", DATE, 0, NULL },
	{ "143", SSDA903_EPISODES, "RNE", CODES, 0, "S P L T U B" },
	{ "144", SSDA903_EPISODES, "LS", CODES, 0, "C1 C2 D1 E1 V2 V3 V4 J1 "
	    "J2 J3 L1 L2 L3" },
	{ "145", SSDA903_EPISODES, "CIN", CODES, 0, "N1 N2 N3 N4 N5 N6 N7 "
	    "N8" },
	{ "149", SSDA903_EPISODES, "REC", CODES, 0, "E11 E12 E2 E3 E4A E4B "
	    "E13 E41 E45 E46 E47 E48 E5 E6 E7 E8 E9 E14 E15 E16 E17 X1" },
	{ "1009", SSDA903_EPISODES, "REASON_PLACE_CHANGE", CODES, 0, "CARPL "
	    "CLOSE ALLEG STAND APPRR CREQB CREQO CHILD LAREQ PLACE CUSTOD "
	    "OTHER" },
	{ "180", SSDA903_OC2, "SDQ_SCORE", CODES, 0, "0 1 2 3 4 5 6 7 8 9 10 "
	    "11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31 "
	    "32 33 34 35 36 37 38 39 40" },
	{ "196", SSDA903_OC2, "SDQ_REASON", CODES, 0, "SDQ1 SDQ2 SDQ3 SDQ4 "
	    "SDQ5" },
	{ "131", SSDA903_OC3, "IN_TOUCH", CODES, 1, "YES NO DIED REFU NREQ "
	    "RHOM" },
	{ "132", SSDA903_OC3, "ACTIV", CODES, 1, "F1 P1 F2 P2 F4 P4 F5 P5 G4 "
	    "G5 G6 0" },
	{ "133", SSDA903_OC3, "ACCOM", CODES, 1, "B1 B2 C1 C2 D1 D2 E1 E2 G1 "
	    "G2 H1 H2 K1 K2 R1 R2 S2 T1 T2 U1 U2 V1 V2 W1 W2 X2 Y1 Y2 Z1 Z2 "
	    "0" },
	{ "166", SSDA903_REVIEWS, "REVIEW", DATE, 1, NULL },
	{ "112", SSDA903_AD1, "DATE_INT", DATE, 0, NULL },
	{ "113", SSDA903_AD1, "DATE_MATCH", DATE, 0, NULL },
	{ "114", SSDA903_AD1, "FOSTER_CARE", CODES, 0, "0 1" },
	{ "175", SSDA903_AD1, "NB_ADOPTR", CODES, 0, "1 2" },
	{ "176", SSDA903_AD1, "SEX_ADOPTR", CODES, 0, "M1 F1 MM FF MF" },
	{ "177", SSDA903_AD1, "LS_ADOPTR", CODES, 0, "L0 L11 L12 L2 L3 L4" },
	{ "120", SSDA903_PLACED, "REASON_PLACED_CEASED", CODES, 0, "RD1 RD2 "
	    "RD3 RD4" },
	{ "631", SSDA903_PREVPERM, "PREV_PERM", CODES, 0, "P1 P2 P3 P4 Z1" },
	{ "1006", SSDA903_MISSING, "MISSING", CODES, 0, "M A" },
	{ "1004", SSDA903_MISSING, "MIS_START", DATE, 1, NULL },
	{ "1005", SSDA903_MISSING, "MIS_END", DATE, 0, NULL },
	{ "700", SSDA903_DOLO, "DOLO_START", DATE, 1, NULL },
	{ "701", SSDA903_DOLO, "DOLO_END", DATE, 0, NULL },
};

void
dfe_codes(const struct check_def *d, const struct rt_child *c,
    const struct check_ctx *x, struct problems *out)
{
	const struct ssda903_row *r;
	size_t i;

	for (i = 0; i < sizeof cell_rules / sizeof cell_rules[0]; i++) {
		const struct cell_rule *u = &cell_rules[i];

		if (u->table == SSDA903_DOLO && x->year < 2027)
			continue;
		EACH_ROW(x, u->table, r) {
			const char *v = ssda903_cell(r, u->col);
			char iso[RT_DATE];

			if (*v == '\0') {
				if (u->blank_fails)
					checks_flag(out, d, u->dfe, c,
					    dfe_fix(r, u->col), "%s is blank "
					    "in %s", u->col,
					    ssda903_file(r->table));
				continue;
			}
			dfe_iso(v, iso);
			if ((u->kind == CODES && !dfe_listed(v, u->codes)) ||
			    (u->kind == DATE && *iso == '\0'))
				checks_flag(out, d, u->dfe, c,
				    dfe_fix(r, u->col),
				    "%s %s is not %s", u->col, v, u->kind ==
				    CODES ? "a code the DfE accepts" :
				    "a DD/MM/YYYY date");
			else if (*iso && u->kind == NOT_AFTER &&
			    strcmp(iso, x->to) > 0)
				checks_flag(out, d, u->dfe, c,
				    dfe_fix(r, u->col),
				    "%s %s is after the year's end, %s", u->col,
				    v, x->to);
		}
	}
}

/*
 * Social worker episodes from 1 April 2023 each need a worker's number
 * and a reason, the first included (FCONTA): SW01bSTG1, and SW13STG1 for
 * the blank reason too, as the DfE raises both; a reason is one of the
 * DfE's codes (SW13STG1).
 */
void
dfe_sw_reason(const struct check_def *d, const struct rt_child *c,
    const struct check_ctx *x, struct problems *out)
{
	const struct ssda903_row *r;

	EACH_ROW(x, SSDA903_SW, r) {
		char iso[RT_DATE];
		const char *why = ssda903_cell(r, "SW_REASON");
		int since = strcmp(dfe_iso(ssda903_cell(r, "SW_DECOM"), iso),
		    "2023-04-01") >= 0;

		if (since && *ssda903_cell(r, "SW_ID") == '\0')
			checks_flag(out, d, "SW01bSTG1", c, dfe_fix(r,
			    "SW_ID"), "the social worker episode from %s "
			    "has no Social Work England number", iso);
		if (since && *why == '\0') {
			checks_flag(out, d, "SW01bSTG1", c, dfe_fix(r,
			    "SW_REASON"), "the social worker episode from %s "
			    "has no reason (FCONTA for the first)", iso);
			checks_flag(out, d, "SW13STG1", c, dfe_fix(r,
			    "SW_REASON"), "the social worker episode from %s "
			    "has no reason code", iso);
		} else if (*why && !dfe_listed(why, "MANAGE FCONTA LEFTRL "
		    "ORGRST TSPROC ABSENC CHCHAN PCCHAN SWDIED OTHERS"))
			checks_flag(out, d, "SW13STG1", c, dfe_fix(r,
			    "SW_REASON"), "%s is not a reason for a social "
			    "worker episode", why);
	}
}

/* Whether a row of table t in rows has any of the columns filled. */
static int
any_filled(const struct ssda903_rows *rows, int t, const char *const *cols)
{
	size_t i, k;

	for (i = 0; rows != NULL && i < rows->n; i++)
		for (k = 0; rows->r[i].table == t && cols[k] != NULL; k++)
			if (*ssda903_cell(&rows->r[i], cols[k]))
				return 1;
	return 0;
}

/* The first row of table t, or NULL. */
static const struct ssda903_row *
first_row(const struct check_ctx *x, int t)
{
	const struct ssda903_row *r;

	EACH_ROW(x, t, r)
		return r;
	return NULL;
}

/*
 * Days in care after the 14th and the 16th birthdays, from this year's
 * and last year's episodes pooled (the same start counted once, the
 * latest open one to 31 March, short breaks left out); and not adopted.
 */
static int
relevant(const struct rt_child *c, const struct check_ctx *x)
{
	const struct ssda903_rows *sets[2] = { x->rows, x->last };
	char b14[11], b16[11], seen[64][11], latest[11] = "";
	const char *latest_rec = "";
	long after14 = 0, after16 = 0;
	size_t i, k, nseen = 0;
	int ok;

	dfe_birthday(c, 14, b14);
	dfe_birthday(c, 16, b16);
	for (k = 0; k < 2; k++)
		for (i = 0; sets[k] != NULL && i < sets[k]->n; i++) {
			const struct ssda903_row *e = &sets[k]->r[i];
			char s[11], t[11];
			size_t j;
			long from, to;

			if (e->table != SSDA903_EPISODES ||
			    ssda903_short_break(ssda903_cell(e, "LS")))
				continue;
			dfe_iso(ssda903_cell(e, "DECOM"), s);
			for (j = 0; j < nseen && strcmp(seen[j], s); j++)
				;
			if (j < nseen || nseen == 64 || *s == '\0')
				continue;
			memcpy(seen[nseen++], s, 11);
			if (*dfe_iso(ssda903_cell(e, "DEC"), t) == '\0')
				memcpy(t, x->to, 11);
			if (strcmp(s, latest) > 0) {
				memcpy(latest, s, 11);
				latest_rec = ssda903_cell(e, "REC");
			}
			to = calendar_day(t, &ok);
			from = calendar_day(strcmp(s, b14) > 0 ? s : b14, &ok);
			after14 += to > from ? to - from : 0;
			from = calendar_day(strcmp(s, b16) > 0 ? s : b16, &ok);
			after16 += to > from ? to - from : 0;
		}
	return after14 >= 91 && after16 > 0 && !dfe_listed(latest_rec,
	    "E11 E12");
}

/*
 * OC3: all three or none (153); in touch, so not 0 (345); not beside
 * OC2 outcomes (215), an adoption (134) or 12 months in care (187); for
 * young people 17 to 21 who have left care (1007 with open episodes
 * counted, as intended; 1016 on episodes that ended, as written; 1011
 * not if care went to another LA, 1000 not after a death); a Foyer only from 18 (347, as intended), former foster
 * carers not at 17 (3001), once died, always died (348), and a relevant
 * child's time in care (1001, as intended).
 */
void
dfe_oc3(const struct check_def *d, const struct rt_child *c,
    const struct check_ctx *x, struct problems *out)
{
	static const char *const oc2[] = { "CONVICTED", "HEALTH_CHECK",
	    "IMMUNISATIONS", "TEETH_CHECK", "HEALTH_ASSESSMENT",
	    "SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED",
	    "INTERVENTION_OFFERED", NULL };
	static const char *const ad1[] = { "DATE_INT", "DATE_MATCH",
	    "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR", NULL };
	const struct ssda903_row *r, *e;
	char b17[11], b18[11], latest_bd[11], latest[11] = "";
	const char *latest_rec = "";
	int age, died = 0;

	dfe_birthday(c, 17, b17);
	dfe_birthday(c, 18, b18);
	age = returns_age(c->dob, x->to);
	dfe_birthday(c, age > 0 ? age : 0, latest_bd);
	EACH_ROW(x, SSDA903_EPISODES, e) {
		char s[11];

		if (strcmp(dfe_iso(ssda903_cell(e, "DECOM"), s), latest) > 0) {
			snprintf(latest, sizeof latest, "%s", s);
			latest_rec = ssda903_cell(e, "REC");
		}
		died |= strcmp(ssda903_cell(e, "REC"), "E2") == 0;
	}
	for (size_t i = 0; x->last != NULL && i < x->last->n; i++)
		died |= x->last->r[i].table == SSDA903_EPISODES &&
		    strcmp(ssda903_cell(&x->last->r[i], "REC"), "E2") == 0;
	EACH_ROW(x, SSDA903_OC3, r) {
		const char *t = ssda903_cell(r, "IN_TOUCH");
		const char *a = ssda903_cell(r, "ACTIV");
		const char *m = ssda903_cell(r, "ACCOM");
		int n = (*t != 0) + (*a != 0) + (*m != 0);
		struct fix f = dfe_fix(r, "IN_TOUCH");

		if (n != 0 && n != 3)
			checks_flag(out, d, "153", c, dfe_fix(r, *t ? (*a ?
			    "ACCOM" : "ACTIV") : "IN_TOUCH"), "care leaver: in "
			    "touch, activity and accommodation go together");
		else if (strcmp(t, "YES") == 0 && (strcmp(a, "0") == 0 ||
		    strcmp(m, "0") == 0))
			checks_flag(out, d, "345", c, dfe_fix(r, strcmp(a,
			    "0") == 0 ? "ACTIV" : "ACCOM"), "in touch: record "
			    "the activity and accommodation, not 0");
		if (n == 0)
			continue;
		if (any_filled(x->rows, SSDA903_OC2, oc2))
			checks_flag(out, d, "215", c, f, "a care leaver's "
			    "outcomes beside OC2 outcomes");
		if (any_filled(x->rows, SSDA903_AD1, ad1))
			checks_flag(out, d, "134", c, f, "a care leaver's "
			    "outcomes beside an adoption");
		if (ssda903_oc2_cohort(c, x->year))
			checks_flag(out, d, "187", c, f, "care leaver outcomes "
			    "for a child looked after for 12 months");
		if (strcmp(latest_rec, "E3") == 0)
			checks_flag(out, d, "1011", c, f, "care went to "
			    "another LA (E3): that LA reports the care leaver");
		if (died)
			checks_flag(out, d, "1000", c, f, "a care leaver "
			    "record for a child who died in care");
		if (dfe_listed(m, "T1 T2") && strcmp(b18, x->from) > 0)
			checks_flag(out, d, "347", c, dfe_fix(r, "ACCOM"), "a "
			    "Foyer (%s) for a young person under 18", m);
		if (dfe_listed(m, "Z1 Z2") && strcmp(b17, x->from) >= 0 &&
		    strcmp(b17, x->to) <= 0)
			checks_flag(out, d, "3001", c, dfe_fix(r, "ACCOM"),
			    "with former foster carers (%s) at 17", m);
		EACH_ROW(x, SSDA903_EPISODES, e) {
			char s[11], t2[11];

			dfe_iso(ssda903_cell(e, "DECOM"), s);
			dfe_iso(ssda903_cell(e, "DEC"), t2);
			if ((age == 17 || age == 18) && *s && strcmp(s,
			    latest_bd) <= 0 && (*t2 == '\0' || strcmp(t2,
			    latest_bd) > 0))
				checks_flag(out, d, "1007", c, f, "in care on "
				    "the %s birthday: not yet a care leaver",
				    age == 17 ? "17th" : "18th");
			/* An episode still open is 1007's, not 1016's. */
			if (*t2 && ((age == 17 && strcmp(t2, b17) >= 0) ||
			    (age == 18 && strcmp(t2, b18) >= 0)))
				checks_flag(out, d, "1016", c, f, "in care "
				    "until %s, after the %s birthday", t2,
				    age == 17 ? "17th" : "18th");
		}
	}
	/*
	 * Relevant or former relevant (1001, as intended: not for those 20
	 * or over): 13 weeks in care after 14, a day after 16, not adopted.
	 */
	if (age >= 17 && age < 20 && first_row(x, SSDA903_OC3) != NULL &&
	    !relevant(c, x))
		checks_flag(out, d, "1001", c, START("care-episode"), "a care "
		    "leaver record, but not 13 weeks in care after 14 and a "
		    "day after 16, as a relevant child has");
	/* Once died, always died: last year's answer against this year's. */
	if (x->last != NULL)
		for (size_t i = 0; i < x->last->n; i++)
			if (x->last->r[i].table == SSDA903_OC3 &&
			    strcmp(ssda903_cell(&x->last->r[i], "IN_TOUCH"),
			    "DIED") == 0)
				EACH_ROW(x, SSDA903_OC3, r)
					if (strcmp(ssda903_cell(r, "IN_TOUCH"),
					    "DIED"))
						checks_flag(out, d, "348", c,
						    dfe_fix(r, "IN_TOUCH"),
						    "died, "
						    "as last year's return "
						    "says");
}

/*
 * Whether the child has a PlacedAdoption row, whether every one is
 * closed (its date and reason both given), and whether any has either.
 */
static void
placed_rows(const struct check_ctx *x, int *any, int *closed, int *ceased)
{
	const struct ssda903_row *r;

	*any = *ceased = 0;
	*closed = 1;
	EACH_ROW(x, SSDA903_PLACED, r) {
		const char *on = ssda903_cell(r, "DATE_PLACED_CEASED");
		const char *why = ssda903_cell(r, "REASON_PLACED_CEASED");

		*any = 1;
		*closed &= *on && *why;
		*ceased |= *on || *why;
	}
	*closed &= *any;
}

/*
 * A placement order (E1) needs the decision to place for adoption, and
 * while the order is open that decision has not ceased (553); leaving
 * care from one other than by adoption needs every decision closed,
 * with its date and reason (557).
 */
void
dfe_placed_adoption(const struct check_def *d, const struct rt_child *c,
    const struct check_ctx *x, struct problems *out)
{
	const struct ssda903_row *r;
	int any, closed, ceased;

	placed_rows(x, &any, &closed, &ceased);
	EACH_ROW(x, SSDA903_EPISODES, r) {
		const char *ls = ssda903_cell(r, "LS");
		const char *pl = ssda903_cell(r, "PLACE");
		const char *rec = ssda903_cell(r, "REC");
		int e1 = strcmp(ls, "E1") == 0, adopt = e1 || (pl[0] == 'A' &&
		    strchr("3456", pl[1]) && pl[2] == '\0');

		if (e1 && !any)
			checks_flag(out, d, "553", c,
			    START("adoption-decision"),
			    "a placement order (E1) from %s, but no decision "
			    "to place for adoption is recorded",
			    ssda903_cell(r, "DECOM"));
		else if (e1 && *ssda903_cell(r, "DEC") == '\0' && ceased)
			checks_flag(out, d, "553", c,
			    START("adoption-decision"),
			    "a placement order (E1) still in force from %s, "
			    "but the decision to place for adoption has "
			    "ceased", ssda903_cell(r, "DECOM"));
		else if (adopt && *rec && !dfe_listed(rec, "E11 E12 X1") &&
		    !closed)
			checks_flag(out, d, "557", c,
			    START("adoption-decision"),
			    "left care (%s) from an adoption placement: record "
			    "when and why the decision to place ceased", rec);
	}
}

/*
 * Own provision (PR1) of a placement other than fostering or adoption is
 * in the borough (1015), judged from the placement postcode's LA where
 * the postcode list knows it; an unknown postcode cannot be judged here.
 */
void
dfe_own_provision(const struct check_def *d, const struct rt_child *c,
    const struct check_ctx *x, struct problems *out)
{
	const struct ssda903_row *r;

	if (x->la_ons == NULL || x->postcode_la == NULL)
		return;
	EACH_ROW(x, SSDA903_EPISODES, r) {
		const char *pl = ssda903_cell(r, "PLACE");
		const char *ls = ssda903_cell(r, "LS");
		const char *la;

		if (strcmp(ssda903_cell(r, "PLACE_PROVIDER"), "PR1") != 0 ||
		    *pl == '\0' || ((pl[0] == 'A' || pl[0] == 'U') &&
		    strchr("123456", pl[1]) && pl[2] == '\0') ||
		    *ls == '\0' || ssda903_short_break(ls))
			continue;
		la = x->postcode_la(ssda903_cell(r, "PL_POST"),
		    x->postcode_arg);
		if (la != NULL && strcmp(la, x->la_ons) != 0)
			checks_flag(out, d, "1015", c, dfe_fix(r,
			    "PLACE_PROVIDER"), "own provision (PR1) of a %s "
			    "placement at %s, outside the borough", pl,
			    ssda903_cell(r, "PL_POST"));
	}
}

/*
 * Placement types that fit the child's age when placed: supported
 * accommodation from 16 (371), a residential school from 4 (373), open
 * placements included (the DfE's check misses them).
 */
void
dfe_place_age(const struct check_def *d, const struct rt_child *c,
    const struct check_ctx *x, struct problems *out)
{
	const struct ssda903_row *r;

	EACH_ROW(x, SSDA903_EPISODES, r) {
		const char *pl = ssda903_cell(r, "PLACE");
		char iso[RT_DATE];
		int age;

		dfe_iso(ssda903_cell(r, "DECOM"), iso);
		age = returns_age(c->dob, iso);
		if (*iso == '\0' || age < 0)
			continue;
		if (strcmp(pl, "K3") == 0 && age < 16)
			checks_flag(out, d, "371", c, dfe_fix(r, "PLACE"),
			    "supported accommodation (K3) for a child of %d: "
			    "only from 16", age);
		else if (strcmp(pl, "S1") == 0 && age < 4)
			checks_flag(out, d, "373", c, dfe_fix(r, "PLACE"),
			    "a residential school (S1) for a child of %d: only "
			    "from 4", age);
	}
}

/*
 * An episode whose one assessment found no factors (21) closes as
 * assessed, no further action (RC8) or case closed after assessment
 * (RC9), open ones included (8873Q).
 */
void
cin_no_factors(const struct check_def *d, const struct rt_child *c,
    const struct check_ctx *x, struct problems *out)
{
	size_t i, j;

	for (i = 0; i < c->n_refs; i++) {
		const struct rt_referral *f = &c->refs[i];
		const struct rt_assessment *one = NULL;
		int n = 0;

		if (!returns_overlaps(f->date, f->closed, x->from, x->to))
			continue;
		for (j = 0; j < c->n_assessments; j++) {
			const struct rt_assessment *a = &c->assessments[j];

			if (cinxml_owner(c, a->referral, a->start) == (int)i &&
			    returns_overlaps(a->start, a->authorised, x->from,
			    x->to)) {
				one = a;
				n++;
			}
		}
		if (n != 1 || strstr(one->factors, "21") == NULL ||
		    (*one->authorised && strcmp(one->authorised, x->to) > 0))
			continue;
		if (strcmp(f->closed, x->to) > 0 || (strcmp(f->reason, "RC8") &&
		    strcmp(f->reason, "RC9")))
			checks_flag(out, d, "8873Q", c, AT("referral", f->id,
			    "closure_reason"), "the assessment found no "
			    "factors (21): close the referral of %s as RC8 or "
			    "RC9%s", f->date, *f->closed ? "" : " now");
	}
}

/*
 * Across the whole census, at least 8 disability codes other than NONE
 * (2887Q, as the DfE intends), and some child with more than one
 * (2888Q).
 */
void
cin_disability_spread(const struct check_def *d, const struct rt_set *s,
    const struct check_ctx *x, struct problems *out)
{
	char seen[16][RT_CODE];
	size_t i, j, k, nseen = 0, rows = 0;
	int several = 0;

	for (i = 0; i < s->n; i++) {
		const struct rt_child *c = &s->c[i];
		size_t real = 0;

		if (!cinxml_in_scope(c, x->from, x->to))
			continue;
		for (j = 0; j < c->n_disabilities; j++) {
			const char *code = c->disabilities[j].code;

			rows++;
			if (strcmp(code, "NONE") == 0)
				continue;
			real++;
			for (k = 0; k < nseen && strcmp(seen[k], code); k++)
				;
			if (k == nseen && nseen < 16)
				snprintf(seen[nseen++], RT_CODE, "%s", code);
		}
		several |= real > 1;
	}
	if (nseen < 8)
		checks_flag(out, d, "2887Q", NULL, START("disability"), "only "
		    "%zu disability codes are used across the census: are "
		    "disabilities recorded?", nseen);
	if (rows > 0 && !several)
		checks_flag(out, d, "2888Q", NULL, START("disability"), "no "
		    "child has more than one disability recorded");
}

void
dfe_birthday(const struct rt_child *c, int n, char out[RT_DATE])
{
	snprintf(out, RT_DATE, "%04u%.6s", (unsigned)(atoi(c->dob) + n) %
	    10000u, c->dob + 4);
	if (strcmp(out + 4, "-02-29") == 0)
		memcpy(out + 5, "03-01", 5);
}

/*
 * The SDQ in the OC2 row: a score or a reason for none for a child 4 by
 * 31 March and not 17 before 1 April (186, 197B when a birthday falls in
 * the year; while the year runs, not before the 4th birthday), and not
 * SDQ1 (too young or too old) for one 4 to 16 (157).
 * Who is in the table, and its other columns, the writer derives from
 * the same facts the remaining OC2 rules read.
 */
void
dfe_oc2(const struct check_def *d, const struct rt_child *c,
    const struct check_ctx *x, struct problems *out)
{
	const struct ssda903_row *r;
	char b4[RT_DATE], b16[RT_DATE], b17[RT_DATE];

	if (strlen(c->dob) != 10)
		return;
	dfe_birthday(c, 4, b4);
	dfe_birthday(c, 16, b16);
	dfe_birthday(c, 17, b17);
	EACH_ROW(x, SSDA903_OC2, r) {
		const char *sc = ssda903_cell(r, "SDQ_SCORE");
		const char *why = ssda903_cell(r, "SDQ_REASON");
		/* While the year runs, not before the 4th birthday. */
		int due = strcmp(b4, x->to) <= 0 && strcmp(b4, x->today) <= 0 &&
		    strcmp(b17, x->from) >= 0;

		if (due && *sc == '\0' && *why == '\0')
			checks_flag(out, d, strcmp(b4, x->from) >= 0 ||
			    strcmp(b17, x->to) <= 0 ? "197B" : "186", c,
			    START("health"), "record the SDQ score, or why "
			    "there is none (SDQ1 to SDQ5)");
		else if (*sc == '\0' && strcmp(why, "SDQ1") == 0 &&
		    strcmp(b4, x->from) <= 0 && strcmp(b16, x->to) >= 0)
			checks_flag(out, d, "157", c, START("health"), "SDQ1 "
			    "(under 4 or over 16) for a child of 4 to 16");
	}
}
