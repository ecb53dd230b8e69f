/*
 * The DfE's rules on the SSDA903 tables beside the episodes, read from
 * the rows as written: the Header, reviews, UASC, previous permanence,
 * missing periods, adoptions (AD1) and decisions to place for adoption,
 * social worker episodes and deprivation of liberty orders.
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

/* The date in column col of row r, YYYY-MM-DD ("" blank or not a date). */
static const char *
date_of(const struct ssda903_row *r, const char *col, char out[11])
{
	return dfe_iso(ssda903_cell(r, col), out);
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
 * The Header: a UPN of the DfE's shape (168), sex unknown asked about
 * (232), no one over 25 (351), a mother 11 or over (620) whose child
 * was born after her (621) and not after she left care or the year ended
 * (625), UN4 not for a child in care over a week (210, as intended),
 * UASC under 11 asked about (231).
 */
void
dfe_header(const struct check_def *d, const struct rt_child *c,
    const struct check_ctx *x, struct problems *out)
{
	const struct ssda903_row *h = first_row(x, SSDA903_HEADER), *r;
	char b11[11], b25[11], mc[11], latest[11] = "", dob[11];
	const char *upn;
	size_t i;

	if (h == NULL)
		return;
	upn = ssda903_cell(h, "UPN");
	if (*upn && !dfe_listed(upn, "UN1 UN2 UN3 UN4 UN5")) {
		int ok = strlen(upn) == 13 && upn[0] >= 'A' && upn[0] <= 'Z' &&
		    !strchr("IOS", upn[0]);

		for (i = 1; ok && i < 12; i++)
			ok = upn[i] >= '0' && upn[i] <= '9';
		ok = ok && ((upn[12] >= '0' && upn[12] <= '9') ||
		    (upn[12] >= 'A' && upn[12] <= 'Z'));
		if (!ok)
			checks_flag(out, d, "168", c, dfe_fix(h, "UPN"), "UPN "
			    "%s is not a UPN (a letter and 12 characters) nor "
			    "UN1 to UN5", upn);
	}
	if (strcmp(ssda903_cell(h, "SEX"), "U") == 0)
		checks_flag(out, d, "232", c, dfe_fix(h, "SEX"), "sex not "
		    "known (U): confirm it");
	if (strlen(c->dob) != 10)
		return;
	dfe_birthday(c, 11, b11);
	dfe_birthday(c, 25, b25);
	date_of(h, "DOB", dob);
	if (strcmp(b25, x->from) < 0)
		checks_flag(out, d, "351", c, dfe_fix(h, "DOB"), "over 25 on "
		    "%s", x->from);
	if (strcmp(ssda903_cell(h, "MOTHER"), "1") == 0 && strcmp(b11,
	    x->from) > 0)
		checks_flag(out, d, "620", c, START("relationship"), "a mother "
		    "under 11 on %s", x->from);
	date_of(h, "MC_DOB", mc);
	if (*mc && strcmp(mc, dob) <= 0)
		checks_flag(out, d, "621", c, START("relationship"), "her "
		    "child's birth (%s) is not after her own", mc);
	EACH_ROW(x, SSDA903_EPISODES, r) {
		char e[11];

		if (*date_of(r, "DEC", e) && strcmp(e, latest) > 0)
			snprintf(latest, sizeof latest, "%s", e);
	}
	if (*mc && (strcmp(mc, x->to) > 0 || (*latest && strcmp(mc, latest) >
	    0)))
		checks_flag(out, d, "625", c, START("relationship"), "her "
		    "child was born (%s) after she left care or the year "
		    "ended", mc);
	if (strcmp(upn, "UN4") == 0) {
		char start[11] = "", late[11];
		int ok;

		/* The current period of care: its first episode's start. */
		EACH_ROW(x, SSDA903_EPISODES, r) {
			char s[11], e[11];

			date_of(r, "DECOM", s);
			if (*date_of(r, "DEC", e) == '\0' && (*start == '\0' ||
			    strcmp(s, start) < 0))
				snprintf(start, sizeof start, "%s", s);
		}
		calendar_date(calendar_day(x->to, &ok) - 7, late);
		if (*start && strcmp(start, late) < 0)
			checks_flag(out, d, "210", c, dfe_fix(h, "UPN"),
			    "UN4 (UPN not yet obtained) for a child in care "
			    "since %s", start);
	}
	if (c->uasc && strcmp(b11, x->to) > 0)
		checks_flag(out, d, "231", c, dfe_fix(h, "DOB"), "an "
		    "unaccompanied asylum-seeking child under 11: confirm the "
		    "date of birth");
}

/* The same UPN on two children's Header rows (444). */
void
dfe_upn_twice(const struct check_def *d, const struct rt_set *s,
    const struct check_ctx *x, struct problems *out)
{
	const struct rt_child **v = xcalloc(s->n + 1, sizeof *v);
	size_t i, j, n = 0;

	for (i = 0; i < s->n; i++) {
		const struct rt_child *c = &s->c[i];

		if (*c->upn && strncmp(c->upn, "UN", 2) != 0 &&
		    ssda903_looked_after(c, x->from, x->to))
			v[n++] = c;
	}
	for (i = 0; i < n; i++)
		for (j = 0; j < n; j++)
			if (i != j && strcmp(v[i]->upn, v[j]->upn) == 0) {
				checks_flag(out, d, "444", v[i], PERSON(v[i],
				    "upn"), "UPN %s is also child #%lld's",
				    v[i]->upn, (long long)v[j]->id);
				break;
			}
	free(v);
}

/* A period (start, end) of a row, as ISO dates. */
struct span {
	const struct ssda903_row *r;
	char start[11], end[11];
};

static int
by_end_then_start(const void *a, const void *b)
{
	const struct span *x = a, *y = b;
	const char *xe = *x->end ? x->end : x->start;
	const char *ye = *y->end ? y->end : y->start;
	int k = strcmp(xe, ye);

	return k ? k : strcmp(x->start, y->start);
}

/* The rows of table t as spans of columns s and e, sorted as 574/705. */
static struct span *
spans(const struct check_ctx *x, int t, const char *s, const char *e,
    size_t *n)
{
	const struct ssda903_row *r;
	struct span *v = NULL;

	*n = 0;
	EACH_ROW(x, t, r) {
		v = xreallocarray(v, *n + 1, sizeof *v);
		v[*n].r = r;
		date_of(r, s, v[*n].start);
		date_of(r, e, v[*n].end);
		(*n)++;
	}
	if (*n > 1)
		qsort(v, *n, sizeof *v, by_end_then_start);
	return v;
}

/* Periods of care: episodes joined where each starts by the last's end. */
static struct span *
periods(const struct check_ctx *x, size_t *n)
{
	size_t i, k, m;
	struct span *e = spans(x, SSDA903_EPISODES, "DECOM", "DEC", &m), *p;

	/* spans() sorts by end; periods want start order. */
	for (i = 1; i < m; i++)
		for (k = i; k > 0 && strcmp(e[k].start, e[k - 1].start) < 0;
		    k--) {
			struct span t = e[k];

			e[k] = e[k - 1];
			e[k - 1] = t;
		}
	p = xcalloc(m + 1, sizeof *p);
	*n = 0;
	for (i = 0; i < m; i++) {
		if (*n > 0 && *p[*n - 1].end && strcmp(e[i].start,
		    p[*n - 1].end) <= 0) {
			memcpy(p[*n - 1].end, e[i].end, sizeof p->end);
			continue;
		}
		p[(*n)++] = e[i];
	}
	free(e);
	return p;
}

/*
 * Whether an interval (s, e; e "" open) sits inside none of the periods
 * of care (577, 707): open while the period ended, or started before it,
 * or ends after it ended or before it began.
 */
static int
outside_care(const struct span *p, size_t n, const char *s, const char *e)
{
	size_t i;

	for (i = 0; i < n; i++) {
		int bad = (*e == '\0' && *p[i].end) || (*e == '\0' &&
		    strcmp(s, p[i].start) < 0) || (*e && *p[i].end &&
		    strcmp(e, p[i].end) > 0) || (*e && strcmp(e,
		    p[i].start) < 0);

		if (!bad)
			return 0;
	}
	return 1;
}

/*
 * Missing periods: a kind with its dates (565, 566), ending after
 * they start (567), one at a time (574), while looked after (575, 577,
 * 578, 581), after birth (586).
 */
void
dfe_missing(const struct check_def *d, const struct rt_child *c,
    const struct check_ctx *x, struct problems *out)
{
	size_t i, j, n, np;
	struct span *m = spans(x, SSDA903_MISSING, "MIS_START", "MIS_END", &n);
	struct span *p = periods(x, &np);

	for (i = 0; i < n; i++) {
		const struct ssda903_row *r = m[i].r;
		const char *kind = ssda903_cell(r, "MISSING");
		const char *s = m[i].start, *e = m[i].end;
		int within = 0;

		if (*kind == '\0' && *ssda903_cell(r, "MIS_START"))
			checks_flag(out, d, "565", c, dfe_fix(r, "MISSING"),
			    "missing (M) or away without authorisation (A)?");
		if (*kind == '\0' && *ssda903_cell(r, "MIS_END"))
			checks_flag(out, d, "566", c, dfe_fix(r, "MISSING"),
			    "missing (M) or away without authorisation (A)?");
		if (*e && *s && strcmp(e, s) < 0)
			checks_flag(out, d, "567", c, dfe_fix(r, "MIS_END"),
			    "ends %s, before it starts (%s)", e, s);
		if (i > 0 && (*m[i - 1].end == '\0' || strcmp(s,
		    m[i - 1].end) < 0))
			checks_flag(out, d, "574", c, dfe_fix(r, "MIS_START"),
			    "overlaps the missing period from %s",
			    m[i - 1].start);
		if (strlen(c->dob) == 10 && *s && strcmp(s, c->dob) <= 0)
			checks_flag(out, d, "586", c, dfe_fix(r, "MIS_START"),
			    "missing from %s, before birth", s);
		if (!*s)
			continue;
		for (j = 0; j < np; j++) {
			within |= strcmp(p[j].start, s) <= 0 && (*p[j].end ==
			    '\0' || strcmp(s, p[j].end) <= 0);
			if (*e == '\0' && *p[j].end && strcmp(p[j].start, s) <=
			    0 && strcmp(s, p[j].end) <= 0)
				checks_flag(out, d, "575", c, dfe_fix(r,
				    "MIS_END"), "still missing, but care ended "
				    "%s", p[j].end);
		}
		{
			const struct ssda903_row *ep;
			int in_ep = 0, any = 0;

			EACH_ROW(x, SSDA903_EPISODES, ep) {
				char es[11], ee[11];

				any = 1;
				dfe_iso(ssda903_cell(ep, "DECOM"), es);
				dfe_iso(ssda903_cell(ep, "DEC"), ee);
				in_ep |= *es && strcmp(es, s) <= 0 && (*ee ==
				    '\0' || strcmp(s, ee) <= 0);
			}
			if (any && !in_ep)
				checks_flag(out, d, "581", c, dfe_fix(r,
				    "MIS_START"), "missing from %s, outside "
				    "every episode", s);
		}
		if (np > 0 && !within)
			checks_flag(out, d, "578", c, dfe_fix(r, "MIS_START"),
			    "missing from %s, when not looked after", s);
		else if (np > 0 && outside_care(p, np, s, e))
			checks_flag(out, d, "577", c, dfe_fix(r, "MIS_END"),
			    "the missing period runs past the period of care");
	}
	free(m);
	free(p);
}

/* Whether a DD/MM/YYYY date with ZZ parts reads as a date (632). */
static int
perm_date(const char *v, char out[11])
{
	char dd[3], mm[3], yyyy[5];
	static const char *const last[] = { "31", "28", "31", "30", "31",
	    "30", "31", "31", "30", "31", "30", "31" };
	int ok;

	if (strlen(v) != 10 || v[2] != '/' || v[5] != '/')
		return 0;
	snprintf(dd, sizeof dd, "%.2s", v);
	snprintf(mm, sizeof mm, "%.2s", v + 3);
	snprintf(yyyy, sizeof yyyy, "%.4s", v + 6);
	if (strcmp(yyyy, "ZZZZ") == 0)
		snprintf(yyyy, sizeof yyyy, "2000");
	if (strcmp(mm, "ZZ") == 0)
		snprintf(mm, sizeof mm, "12");
	if (strcmp(dd, "ZZ") == 0)
		snprintf(dd, sizeof dd, "%s", last[atoi(mm) > 0 && atoi(mm) <
		    13 ? atoi(mm) - 1 : 0]);
	snprintf(out, 11, "%s-%s-%s", yyyy, mm, dd);
	calendar_day(out, &ok);
	return ok;
}

/*
 * Previous permanence: one row a child (INT35), a readable date before
 * care began (632), an LA from the list (633), and a known order when
 * its LA or date is given (635, as intended).
 */
void
dfe_prevperm(const struct check_def *d, const struct rt_child *c,
    const struct check_ctx *x, struct problems *out)
{
	static const char *const las = "WAL SCO NUK NIR 800 889 822 301 304 "
	    "303 330 825 837 302 846 370 350 890 867 380 305 801 351 873 823 "
	    "895 896 381 909 202 908 331 306 841 830 831 878 371 835 332 840 "
	    "307 308 811 881 845 390 916 203 876 850 311 204 884 312 205 313 "
	    "805 919 310 309 420 921 206 207 886 810 382 314 340 888 208 856 "
	    "383 855 209 925 341 201 821 352 806 887 826 315 929 812 391 926 "
	    "892 813 802 928 891 392 316 815 353 931 879 836 851 874 807 354 "
	    "317 870 318 372 857 333 935 343 803 373 342 893 356 355 871 394 "
	    "334 933 882 936 861 852 319 860 808 393 866 210 357 894 883 880 "
	    "358 211 937 869 320 359 865 384 335 336 212 868 872 885 344 877 "
	    "213 938 816 999";
	const struct ssda903_row *r, *e;
	char first[11] = "";
	int rows = 0;

	EACH_ROW(x, SSDA903_EPISODES, e) {
		char s[11];

		date_of(e, "DECOM", s);
		if (*s && (*first == '\0' || strcmp(s, first) < 0))
			snprintf(first, sizeof first, "%s", s);
	}
	EACH_ROW(x, SSDA903_PREVPERM, r) {
		const char *pp = ssda903_cell(r, "PREV_PERM");

		if (rows++ == 1)
			checks_flag(out, d, "INT35", c, dfe_fix(r, "PREV_PERM"),
			    "two periods of care began this year: the table "
			    "holds one row a child");
		const char *la = ssda903_cell(r, "LA_PERM");
		const char *dt = ssda903_cell(r, "DATE_PERM");
		char iso[11];

		if (*dt && (!perm_date(dt, iso) || (*first && strcmp(iso,
		    first) >= 0)))
			checks_flag(out, d, "632", c, dfe_fix(r, "DATE_PERM"),
			    "%s is not a date (DD/MM/YYYY, ZZ if unknown) "
			    "before care began", dt);
		if (*la && !dfe_listed(la, las))
			checks_flag(out, d, "633", c, dfe_fix(r, "LA_PERM"),
			    "%s is not an LA code", la);
		if ((*la || *dt) && (*pp == '\0' || strcmp(pp, "Z1") == 0))
			checks_flag(out, d, "635", c, dfe_fix(r, "PREV_PERM"),
			    "an LA or date of an order, but the order is %s",
			    *pp ? "not known (Z1)" : "blank");
	}
}

/* Why adopter sex and legal status disagree, or NULL (511-524). */
static const char *
adopters_disagree(const char *nb, const char *sex, const char *ls)
{
	if (strcmp(nb, "2") == 0 && dfe_listed(sex, "M1 F1"))
		return "511";
	if (strcmp(ls, "L0") == 0 && !dfe_listed(sex, "M1 F1"))
		return "514";
	if (strcmp(ls, "L3") == 0 && strcmp(sex, "MF"))
		return "517";
	if (strcmp(ls, "L4") == 0 && !dfe_listed(sex, "MM FF"))
		return "518";
	if (strcmp(ls, "L2") == 0 && !dfe_listed(sex, "MM FF MF"))
		return "519";
	if (strcmp(ls, "L11") == 0 && strcmp(sex, "MF"))
		return "520";
	if (strcmp(ls, "L12") == 0 && !dfe_listed(sex, "MM FF"))
		return "524";
	return NULL;
}

/*
 * AD1: all six fields or none (151), and all for a child adopted in
 * the year (601); matched after the decision (333), not after the
 * adoptive placement (331) and, as a sense check, not on the day of
 * adoption (582); the decision within the period of care (334), before
 * placement for adoption (521) and the same as the decision to place
 * (523); adopters whose number, sex and status agree (511-524), and a
 * foster carer adoption that agrees with its placement (335).
 */
void
dfe_ad1(const struct check_def *d, const struct rt_child *c,
    const struct check_ctx *x, struct problems *out)
{
	static const char *const six[] = { "DATE_INT", "DATE_MATCH",
	    "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR" };
	const struct ssda903_row *r, *e;

	EACH_ROW(x, SSDA903_AD1, r) {
		char di[11], dm[11], s_latest[11] = "";
		const char *why;
		int i, filled = 0;

		for (i = 0; i < 6; i++)
			filled += *ssda903_cell(r, six[i]) != '\0';
		if (filled != 0 && filled != 6)
			checks_flag(out, d, "151", c, dfe_fix(r, "DATE_INT"),
			    "adoption: the decision and match dates and the "
			    "adopters go together");
		/* the row is for an adoption this year */
		if (filled != 6)
			checks_flag(out, d, "601", c, dfe_fix(r, "DATE_INT"),
			    "adopted this year: record every adoption detail");
		date_of(r, "DATE_INT", di);
		date_of(r, "DATE_MATCH", dm);
		if (*ssda903_cell(r, "DATE_MATCH") && (*di == '\0' ||
		    strcmp(di, dm) > 0))
			checks_flag(out, d, "333", c, dfe_fix(r, "DATE_MATCH"),
			    "matched (%s) before the decision to place (%s)",
			    dm, di);
		why = adopters_disagree(ssda903_cell(r, "NB_ADOPTR"),
		    ssda903_cell(r, "SEX_ADOPTR"), ssda903_cell(r,
		    "LS_ADOPTR"));
		if (why != NULL)
			checks_flag(out, d, why, c, dfe_fix(r, "SEX_ADOPTR"),
			    "%s adopter(s), %s, %s do not agree",
			    ssda903_cell(r, "NB_ADOPTR"), ssda903_cell(r,
			    "SEX_ADOPTR"), ssda903_cell(r, "LS_ADOPTR"));
		EACH_ROW(x, SSDA903_EPISODES, e) {
			const char *pl = ssda903_cell(e, "PLACE");
			const char *rec = ssda903_cell(e, "REC");
			const char *fc = ssda903_cell(r, "FOSTER_CARE");
			char s[11];

			date_of(e, "DECOM", s);
			if (strcmp(ssda903_cell(e, "RNE"), "S") == 0 &&
			    strcmp(s, s_latest) > 0)
				snprintf(s_latest, sizeof s_latest, "%s", s);
			if (dfe_listed(rec, "E11 E12") &&
			    *ssda903_cell(r, "DATE_MATCH") &&
			    strcmp(ssda903_cell(e,
			    "DEC"), ssda903_cell(r, "DATE_MATCH")) == 0)
				checks_flag(out, d, "582", c, dfe_fix(r,
				    "DATE_MATCH"), "matched the day of the "
				    "adoption: is that right?");
			if (dfe_listed(rec, "E11 E12") && *dm && *s &&
			    strcmp(dm, s) > 0)
				checks_flag(out, d, "331", c, dfe_fix(r,
				    "DATE_MATCH"), "matched (%s) after the "
				    "adoptive placement began (%s)", dm, s);
			if (dfe_listed(pl, "A3 A4 A5 A6") && *di && *s &&
			    strcmp(s, di) < 0)
				checks_flag(out, d, "521", c, dfe_fix(r,
				    "DATE_INT"), "placed for adoption (%s) "
				    "before the decision to (%s)", s, di);
			if (dfe_listed(rec, "E1 E11 E12") &&
			    ((dfe_listed(pl, "A2 A3 A5") && strcmp(fc, "0") ==
			    0) || (dfe_listed(pl, "A1 A4 A6") && strcmp(fc,
			    "1") == 0)))
				checks_flag(out, d, "335", c, dfe_fix(r,
				    "FOSTER_CARE"), "adopted from %s: by the "
				    "foster carers is %s", pl, fc);
		}
		EACH_ROW(x, SSDA903_PLACED, e)
			if (*ssda903_cell(e, "DATE_PLACED") && *ssda903_cell(r,
			    "DATE_INT") && strcmp(ssda903_cell(e,
			    "DATE_PLACED"),
			    ssda903_cell(r, "DATE_INT")))
				checks_flag(out, d, "523", c, dfe_fix(r,
				    "DATE_INT"), "the decision to place is %s "
				    "here and %s in the "
				    "adoption", ssda903_cell(e,
				    "DATE_PLACED"), ssda903_cell(r,
				    "DATE_INT"));
		if (*di && *s_latest && strcmp(di, s_latest) < 0)
			checks_flag(out, d, "334", c, dfe_fix(r, "DATE_INT"),
			    "the decision to place (%s) came before this "
			    "period of care (%s)", di, s_latest);
	}
}

/*
 * Decisions to place for adoption: dates that read (115, 116), inside
 * the year and care (117, 118, 1003), ceased with a reason or not at all
 * (119), after birth (184), ceased after made (522), made before
 * placement (552, 554), one at a time (579, 583), and not ceased for a
 * child adopted (558, as intended).
 */
void
dfe_placed(const struct check_def *d, const struct rt_child *c,
    const struct check_ctx *x, struct problems *out)
{
	const struct ssda903_row *e;
	char first_nb[11] = "", first_s[11] = "", first_a[11] = "";
	char first_e1[11] = "", latest_dec[11] = "", latest_placed[11] = "";
	int adopted = 0;
	size_t i, n;
	struct span *v;

	EACH_ROW(x, SSDA903_EPISODES, e) {
		char s[11], t[11];
		const char *ls = ssda903_cell(e, "LS");
		const char *pl = ssda903_cell(e, "PLACE");

		date_of(e, "DECOM", s);
		date_of(e, "DEC", t);
#define EARLIEST(v, ok) if ((ok) && *s && (*(v) == '\0' || \
	strcmp(s, v) < 0)) snprintf(v, sizeof v, "%s", s)
		EARLIEST(first_nb, strcmp(ls, "V3") && strcmp(ls, "V4"));
		EARLIEST(first_s, strcmp(ssda903_cell(e, "RNE"), "S") == 0);
		EARLIEST(first_a, dfe_listed(pl, "A3 A4 A5 A6"));
		EARLIEST(first_e1, strcmp(ls, "E1") == 0);
#undef EARLIEST
		if (strcmp(ssda903_cell(e, "REC"), "X1") && *t &&
		    strcmp(t, latest_dec) > 0)
			snprintf(latest_dec, sizeof latest_dec, "%s", t);
		adopted |= dfe_listed(ssda903_cell(e, "REC"), "E11 E12");
	}
	v = spans(x, SSDA903_PLACED, "DATE_PLACED", "DATE_PLACED_CEASED", &n);
	for (i = 0; i < n; i++) {
		const char *p = v[i].start;

		if (strcmp(p, latest_placed) > 0)
			snprintf(latest_placed, sizeof latest_placed, "%s", p);
	}
	for (i = 0; i < n; i++) {
		const struct ssda903_row *row = v[i].r;
		const char *p = v[i].start, *q = v[i].end;
		const char *pv = ssda903_cell(row, "DATE_PLACED");
		const char *qv = ssda903_cell(row, "DATE_PLACED_CEASED");
		const char *why = ssda903_cell(row, "REASON_PLACED_CEASED");

		if (*pv && *p == '\0')
			checks_flag(out, d, "115", c, dfe_fix(row,
			    "DATE_PLACED"), "%s is not a date", pv);
		if (*qv && *q == '\0')
			checks_flag(out, d, "116", c, dfe_fix(row,
			    "DATE_PLACED_CEASED"), "%s is not a date", qv);
		if ((*p && strcmp(p, x->to) > 0) || (*q && strcmp(q, x->to) >
		    0) || (*latest_dec && ((*p && strcmp(p, latest_dec) > 0) ||
		    (*q && strcmp(q, latest_dec) > 0))))
			checks_flag(out, d, "117", c, dfe_fix(row,
			    "DATE_PLACED"), "the decision's dates fall after "
			    "the year or after care ended");
		if (*q && (strcmp(q, x->from) < 0 || (*first_nb && strcmp(q,
		    first_nb) < 0)))
			checks_flag(out, d, "118", c, dfe_fix(row,
			    "DATE_PLACED_CEASED"), "ceased %s, before the year "
			    "or before care began", q);
		if ((*qv == '\0') != (*why == '\0'))
			checks_flag(out, d, "119", c, dfe_fix(row, *qv ?
			    "REASON_PLACED_CEASED" : "DATE_PLACED_CEASED"),
			    "when and why the decision ceased go together");
		if (*pv && (strlen(c->dob) != 10 || strcmp(p, c->dob) < 0))
			checks_flag(out, d, "184", c, dfe_fix(row,
			    "DATE_PLACED"), "the decision (%s) is before the "
			    "child's birth", pv);
		if (*p && *q && strcmp(q, p) < 0)
			checks_flag(out, d, "522", c, dfe_fix(row,
			    "DATE_PLACED_CEASED"), "ceased before it was made");
		if (*p && *first_s && strcmp(p, first_s) < 0)
			checks_flag(out, d, "1003", c, dfe_fix(row,
			    "DATE_PLACED"), "the decision (%s) is before care "
			    "began (%s)", p, first_s);
		if (*p && *first_e1 && strcmp(p, first_e1) > 0)
			checks_flag(out, d, "554", c, dfe_fix(row,
			    "DATE_PLACED"), "the decision (%s) came after the "
			    "placement order (%s)", p, first_e1);
		if (*q && adopted)
			checks_flag(out, d, "558", c,
			    dfe_fix(row, "DATE_PLACED_CEASED"), "adopted, so "
			    "the decision did not cease");
		if (i > 0 && (*v[i - 1].end == '\0' || strcmp(p,
		    v[i - 1].end) < 0))
			checks_flag(out, d, "579", c, dfe_fix(row,
			    "DATE_PLACED"), "a decision while another was in "
			    "force");
		if (n > 1 && *q == '\0' && strcmp(p, latest_placed) < 0)
			checks_flag(out, d, "583", c, dfe_fix(row,
			    "DATE_PLACED_CEASED"), "an earlier decision must "
			    "have ceased");
	}
	if (*first_a && *latest_placed && strcmp(first_a, latest_placed) < 0)
		checks_flag(out, d, "552", c, START("adoption-decision"),
		    "placed for adoption (%s) before the decision (%s)",
		    first_a, latest_placed);
	free(v);
}

/*
 * Social worker episodes: a start, and a worker for those before April
 * 2023 (SW01aSTG1), real dates (SW04STG1, SW05STG1), the latest open
 * at 31 March (SW17STG2), not ending the day
 * they start (SW09STG2), one following another within a week unless a
 * first contact (SW10STG2), one ending in the year's last five days
 * followed by another (SW11bSTG2, as intended), and one from when care
 * began for a child looked after at 31 March (SW12STG2, as we read it).
 */
void
dfe_sw(const struct check_def *d, const struct rt_child *c,
    const struct check_ctx *x, struct problems *out)
{
	size_t i, n;
	struct span *v = spans(x, SSDA903_SW, "SW_DECOM", "SW_DEC", &n);
	char last5[11];
	int ok;

	/* 26 March on */
	calendar_date(calendar_day(x->to, &ok) - 6, last5);
	/* By start then end, as SW10STG2 sorts. */
	for (i = 1; i < n; i++) {
		size_t k;

		for (k = i; k > 0 && strcmp(v[k].start, v[k - 1].start) < 0;
		    k--) {
			struct span t = v[k];

			v[k] = v[k - 1];
			v[k - 1] = t;
		}
	}
	/*
	 * Looked after at 31 March: a social worker from 1 April or from
	 * when care began in the year, within a week (SW12STG2, as we read
	 * its intent: the DfE's check cannot do what it says).
	 */
	{
		const struct ssda903_row *e;
		char begun[11] = "", by[11];
		int lac = 0;

		EACH_ROW(x, SSDA903_EPISODES, e) {
			char s[11];

			dfe_iso(ssda903_cell(e, "DECOM"), s);
			lac |= *ssda903_cell(e, "DEC") == '\0';
			if (*s && (*begun == '\0' || strcmp(s, begun) < 0))
				snprintf(begun, sizeof begun, "%s", s);
		}
		if (strcmp(begun, x->from) < 0)
			snprintf(begun, sizeof begun, "%s", x->from);
		calendar_date(calendar_day(begun, &ok) + 7, by);
		if (lac && (n == 0 || strcmp(v[0].start, by) > 0))
			checks_flag(out, d, "SW12STG2", c, START("allocation"),
			    "looked after, but no social worker from %s",
			    begun);
	}
	for (i = 0; i < n; i++) {
		const struct ssda903_row *r = v[i].r;
		const char *sv = ssda903_cell(r, "SW_DECOM");
		const char *ev = ssda903_cell(r, "SW_DEC");

		if (*v[i].start == '\0' || (strcmp(v[i].start, "2023-04-01") <
		    0 && *ssda903_cell(r, "SW_ID") == '\0'))
			checks_flag(out, d, "SW01aSTG1", c, dfe_fix(r,
			    *v[i].start ? "SW_ID" : "SW_DECOM"), "a social "
			    "worker episode needs its start and worker");
		if (*sv && *v[i].start == '\0')
			checks_flag(out, d, "SW04STG1", c, dfe_fix(r,
			    "SW_DECOM"), "%s is not a date", sv);
		if (*ev && *v[i].end == '\0')
			checks_flag(out, d, "SW05STG1", c, dfe_fix(r, "SW_DEC"),
			    "%s is not a date", ev);
		if (i + 1 == n && *ev)
			checks_flag(out, d, "SW17STG2", c, START("allocation"),
			    "no social worker allocated at %s", x->to);
		if (*sv && strcmp(sv, ev) == 0)
			checks_flag(out, d, "SW09STG2", c, dfe_fix(r, "SW_DEC"),
			    "a social worker episode ending the day it starts");
		if (i > 0 && strcmp(ssda903_cell(r, "SW_REASON"), "FCONTA") &&
		    (*v[i - 1].end == '\0' || labs(calendar_day(v[i].start,
		    &ok) - calendar_day(v[i - 1].end, &ok)) > 7))
			checks_flag(out, d, "SW10STG2", c, dfe_fix(r,
			    "SW_DECOM"), "a change of social worker on %s, "
			    "but the last one's ended %s", v[i].start,
			    *v[i - 1].end ? v[i - 1].end : "never");
		if (*v[i].end && strcmp(v[i].end, last5) > 0 && strcmp(v[i].end,
		    x->to) <= 0 && i + 1 == n)
			checks_flag(out, d, "SW11bSTG2", c, START("allocation"),
			    "the social worker's episode ended %s with no one "
			    "after", v[i].end);
	}
	free(v);
}

/*
 * Deprivation of liberty orders: ending after they start (702), one at
 * a time (705), within a period of care (707), after birth (708), and
 * not while in secure care, with parents, in custody or supported
 * accommodation (710).
 */
void
dfe_dolo(const struct check_def *d, const struct rt_child *c,
    const struct check_ctx *x, struct problems *out)
{
	size_t i, n, np;
	struct span *v = spans(x, SSDA903_DOLO, "DOLO_START", "DOLO_END", &n);
	struct span *p = periods(x, &np);
	const struct ssda903_row *e;

	for (i = 0; i < n; i++) {
		const struct ssda903_row *r = v[i].r;
		const char *s = v[i].start, *t = v[i].end;

		if (*s && *t && strcmp(t, s) <= 0)
			checks_flag(out, d, "702", c, dfe_fix(r, "DOLO_END"),
			    "the order ends %s, not after it starts", t);
		if (i > 0 && (*v[i - 1].end == '\0' || strcmp(s,
		    v[i - 1].end) < 0))
			checks_flag(out, d, "705", c, dfe_fix(r, "DOLO_START"),
			    "overlaps the order from %s", v[i - 1].start);
		if (*s && strlen(c->dob) == 10 && strcmp(s, c->dob) <= 0)
			checks_flag(out, d, "708", c, dfe_fix(r, "DOLO_START"),
			    "an order from %s, before birth", s);
		if (*s && np > 0 && outside_care(p, np, s, t))
			checks_flag(out, d, "707", c, dfe_fix(r, "DOLO_END"),
			    "the order runs outside the period of care");
		EACH_ROW(x, SSDA903_EPISODES, e) {
			char es[11], ee[11];
			const char *pl = ssda903_cell(e, "PLACE");

			date_of(e, "DECOM", es);
			date_of(e, "DEC", ee);
			if (*s && (*ee == '\0' || strcmp(s, ee) <= 0) &&
			    strcmp(*t ? t : x->to, es) >= 0 &&
			    dfe_listed(pl, "K1 P1 R5 K3"))
				checks_flag(out, d, "710", c, dfe_fix(e,
				    "PLACE"), "a %s placement while a "
				    "deprivation of liberty order is in force",
				    pl);
		}
	}
	free(v);
	free(p);
}

/*
 * UASC: the date status ended reads and is in the year (104), is not
 * after the 18th birthday (304), and for a child UASC last year too was
 * the 18th birthday then and is the same now (205B).
 */
void
dfe_uasc(const struct check_def *d, const struct rt_child *c,
    const struct check_ctx *x, struct problems *out)
{
	const struct ssda903_row *r;
	char b18[11];

	dfe_birthday(c, 18, b18);
	EACH_ROW(x, SSDA903_UASC, r) {
		const char *v = ssda903_cell(r, "DUC");
		char iso[11];
		size_t i;

		/* UASC last year too: that DUC was the 18th birthday (205B). */
		for (i = 0; x->last != NULL && i < x->last->n; i++) {
			const struct ssda903_row *l = &x->last->r[i];
			char was[11];

			if (l->table != SSDA903_UASC)
				continue;
			dfe_iso(ssda903_cell(l, "DUC"), was);
			if (strcmp(was, b18) || (strcmp(v, ssda903_cell(l,
			    "DUC")) && !returns_overlaps(date_of(r, "DUC", iso),
			    iso, x->from, x->to)))
				checks_flag(out, d, "205B", c,
				    dfe_fix(r, "DUC"),
				    "UASC last year and this: status ends at "
				    "the 18th birthday (%s)", b18);
		}
		date_of(r, "DUC", iso);
		if (*v && (*iso == '\0' || strcmp(iso, x->from) < 0))
			checks_flag(out, d, "104", c, dfe_fix(r, "DUC"), "UASC "
			    "status ended %s, before the year: is the child "
			    "still UASC?", v);
		else if (*iso && strlen(c->dob) == 10 && strcmp(iso, b18) > 0)
			checks_flag(out, d, "304", c, dfe_fix(r, "DUC"), "UASC "
			    "status cannot last past the 18th birthday (%s)",
			    b18);
	}
}
