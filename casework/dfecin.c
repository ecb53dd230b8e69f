/*
 * The DfE's rules on the CIN census, read from each child's identifiers
 * as written and from each CINdetails as the census carries it
 * (cinxml_episode): dates in order and in the year, codes from the
 * lists, and assessments, plans and enquiries that fit their episode.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casework/calendar.h"
#include "casework/checks_int.h"
#include "casework/cinxml.h"
#include "casework/returns.h"
#include "common/xmem.h"

/* A date as written in the census: "" when after ReferenceDate. */
static const char *
written(const char *iso, const struct check_ctx *x)
{
	return *iso && strcmp(iso, x->to) <= 0 ? iso : "";
}

/* Whether an ISO date falls on a Saturday or Sunday. */
static int
weekend(const char *iso)
{
	int ok;
	long d = calendar_day(iso, &ok);

	/* Day 0 of the calendar is 1970-01-01, a Thursday. */
	return ok && ((d % 7 + 7) % 7 == 2 || (d % 7 + 7) % 7 == 3);
}

/* Whether every character of s from i to j (inclusive) is a digit. */
static int
digits(const char *s, size_t i, size_t j)
{
	for (; i <= j; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

/* An LA number a UPN may begin with (1530). */
static int
upn_la(int n)
{
	static const int ranges[][2] = { { 1, 5 }, { 201, 213 }, { 301, 320 },
	    { 330, 336 }, { 340, 344 }, { 350, 359 }, { 370, 373 },
	    { 380, 384 }, { 390, 394 }, { 420, 420 }, { 660, 681 },
	    { 701, 708 }, { 800, 803 }, { 805, 808 }, { 810, 813 },
	    { 815, 816 }, { 820, 823 }, { 825, 826 }, { 830, 831 },
	    { 835, 841 }, { 845, 846 }, { 850, 852 }, { 855, 857 },
	    { 860, 861 }, { 865, 896 }, { 908, 909 }, { 916, 916 },
	    { 919, 919 }, { 921, 921 }, { 925, 926 }, { 928, 929 },
	    { 931, 931 }, { 933, 933 }, { 935, 938 }, { 940, 943 } };
	size_t i;

	for (i = 0; i < sizeof ranges / sizeof ranges[0]; i++)
		if (n >= ranges[i][0] && n <= ranges[i][1])
			return 1;
	return 0;
}

/*
 * The child's identifiers and characteristics as written: the UPN's
 * check letter, LA and shape (1510, 1530, 1540, 1550), a former UPN's
 * shape (1560Q), sex (4180), birth (8520, 8525Q, 8530Q), death (8535Q,
 * 8545Q), a UPN or why not for a child of school age (8770Q), no one
 * over 25 still open (8775Q), ethnicity (4220), and disabilities, NONE
 * when none (8540).
 */
void
cin_child(const struct check_def *d, const struct rt_child *c,
    const struct check_ctx *x, struct problems *out)
{
	static const char letters[] = "ABCDEFGHJKLMNPQRTUVWXYZ";
	const char *upn = strncmp(c->upn, "UN", 2) == 0 ? "" : c->upn;
	const char *expected = *c->dob ? "" : c->expected_dob;
	const char *death = written(c->death, x);
	char lo[11], hi[11], aug[24], b25[11];
	size_t i, n = strlen(upn);
	int ok, further = 0, open_late = 0;

	if (!cinxml_in_scope(c, x->from, x->to))
		return;
	if (n == 13 && digits(upn, 1, 12)) {
		int sum = 0;

		for (i = 1; i < 13; i++)
			sum += (upn[i] - '0') * (int)(i + 1);
		if (upn[0] != letters[sum % 23])
			checks_flag(out, d, "1510", c, PERSON(c, "upn"), "UPN "
			    "%s has the wrong check letter", upn);
	}
	if (n == 13 && (!digits(upn, 1, 3) || !upn_la((upn[1] - '0') * 100 +
	    (upn[2] - '0') * 10 + (upn[3] - '0'))))
		checks_flag(out, d, "1530", c, PERSON(c, "upn"), "UPN %s does "
		    "not begin with an LA number", upn);
	if (n > 0 && (n < 12 || !digits(upn, 4, 11)))
		checks_flag(out, d, "1540", c, PERSON(c, "upn"), "UPN %s is "
		    "not a UPN", upn);
	if (n == 13 && !(upn[12] >= '0' && upn[12] <= '9') &&
	    (upn[12] < 'A' || upn[12] > 'Z' || strchr("IOS", upn[12])))
		checks_flag(out, d, "1550", c, PERSON(c, "upn"), "UPN %s ends "
		    "in %c", upn, upn[12]);
	n = strlen(c->former_upn);
	if (n > 0 && (n != 13 || c->former_upn[0] < 'A' || c->former_upn[0] >
	    'Z' || !digits(c->former_upn, 1, 12)))
		checks_flag(out, d, "1560Q", c, PERSON(c, "former_upn"), "the "
		    "former UPN %s is not a UPN", c->former_upn);
	if (*c->dob && !dfe_listed(c->sex, "M F U"))
		checks_flag(out, d, "4180", c, PERSON(c, "sex"), "sex %s is "
		    "not M, F or U", *c->sex ? c->sex : "blank");
	if (*c->dob && strcmp(c->dob, x->to) > 0)
		checks_flag(out, d, "8520", c, PERSON(c, "dob"), "born %s, "
		    "after the census date", c->dob);
	if ((*c->dob != '\0') == (*expected != '\0'))
		checks_flag(out, d, "8525Q", c, PERSON(c, "dob"), "a date of "
		    "birth or, for an unborn child, the expected date: one");
	/* Due within a month before the census date, or today's. */
	calendar_date(calendar_day(strcmp(x->today, x->to) < 0 ? x->today :
	    x->to, &ok) - 30, lo);
	calendar_date(calendar_add_months(calendar_day(x->to, &ok), 9), hi);
	if (*expected && (strcmp(expected, lo) <= 0 || strcmp(expected, hi) >=
	    0))
		checks_flag(out, d, "8530Q", c,
		    PERSON(c, "expected_dob"), "due "
		    "%s: not an unborn child at %s", expected, x->to);
	if (*death && (*c->dob == '\0' || strcmp(c->dob, death) > 0))
		checks_flag(out, d, "8535Q", c, PERSON(c, "dob"), "died %s, "
		    "before the date of birth", death);
	if (*death && strcmp(death, x->from) < 0)
		checks_flag(out, d, "8545Q", c, PERSON(c, "death_date"), "died "
		    "%s, before the census year", death);
	if (!dfe_listed(c->ethnic, "ABAN AIND AOTH APKN BAFR BCRB BOTH CHNE "
	    "MOTH MWAS MWBA MWBC NOBT OOTH REFU WBRI WIRI WIRT WOTH WROM"))
		checks_flag(out, d, "4220", c,
		    PERSON(c, "ethnicity"), "ethnicity "
		    "%s is not a DfE code", *c->ethnic ? c->ethnic : "blank");
	dfe_birthday(c, 25, b25);
	for (i = 0; i < c->n_refs; i++) {
		const struct rt_referral *r = &c->refs[i];
		const char *closed = written(r->closed, x);

		if (!returns_overlaps(r->date, r->closed, x->from, x->to))
			continue;
		further |= r->nfa <= 0;
		open_late |= *c->dob && (*closed == '\0' || strcmp(closed,
		    b25) >
		    0);
	}
	if (*c->dob && strcmp(b25, x->to) < 0 && open_late)
		checks_flag(out, d, "8775Q", c, START("referral"), "over 25 "
		    "with an episode open after the 25th birthday");
	snprintf(aug, sizeof aug, "%04d-08-31", x->year - 6);
	if (*c->dob && strcmp(c->dob, aug) <= 0 && further && *upn == '\0' &&
	    !dfe_listed(c->upn, "UN2 UN3 UN4 UN5 UN6 UN7"))
		checks_flag(out, d, "8770Q", c, PERSON(c, "upn"), "of school "
		    "age: the UPN, or why not (UN2 to UN7)");
	if (*c->dob && further) {
		int bad = c->n_disabilities == 0;

		for (i = 0; i < c->n_disabilities; i++)
			bad |= !dfe_listed(c->disabilities[i].code, "NONE MOB "
			    "HAND PC INC COMM LD HEAR VIS BEH CON AUT DDA");
		if (bad)
			checks_flag(out, d, "8540", c, START("disability"),
			    "record the child's disabilities, or NONE");
	}
}

/* Whether b's period [bs, be] (be "" open: to ReferenceDate) holds as. */
static int
overlaps_from(const char *as, const char *bs, const char *be,
    const struct check_ctx *x, int end_inclusive)
{
	const char *until = *be ? be : x->to;

	return *as && *bs && strcmp(as, bs) >= 0 && (end_inclusive || !*be ?
	    strcmp(as, until) <= 0 : strcmp(as, until) < 0);
}

/*
 * Each CINdetails: its dates and codes (8555Q, 8569Q, 8585Q, 8606, 8630,
 * 8640, 8650, 8866), what a closure says (2990, 8825Q, 8867, 8868), what
 * no further action rules out (4000, 8831, 8832), and assessments,
 * plans and enquiries that fit it (1103, 1104, 1105, 2889, 2991Q, 4015,
 * 8608, 8615, 8670Q, 8675Q, 8736, 8740, 8839, 8863Q, 8870Q, 8875, 8890,
 * 8896, 8897Q, 8898, 8945Q, 8950Q, 4004, 4011, 4012Q, 4008, 4009Q,
 * 8840, 8905, 8910, 8915, 8920, 8925, 8841).
 */
void
cin_episodes(const struct check_def *d, const struct rt_child *c,
    const struct check_ctx *x, struct problems *out)
{
	static const char *const factor_list = "1A 1B 1C 2A 2B 2C 3A 3B 3C 4A "
	    "4B 4C 5A 5B 5C 6A 6B 6C 7A 8B 8C 8D 8E 8F 9A 10A 11A 12A 13A "
	    "14A 15A 16A 17A 18A 18B 18C 19A 19B 19C 20 21 22A 23A 24A";
	const char *death = written(c->death, x);
	char eve[11], ass45[11], s47_15[11];
	size_t i, j, k;
	int ok;

	/* The last working day before 1 April, and the timescales. */
	calendar_date(calendar_day(x->from, &ok) - 1, eve);
	if (x->cal != NULL) {
		/* While the year runs, timescales run to today. */
		long t = calendar_day(strcmp(x->today, x->to) < 0 ? x->today :
		    x->to, &ok), e = calendar_day(x->from, &ok) - 1;

		while (!calendar_is_workday(x->cal, e))
			e--;
		calendar_date(e, eve);
		calendar_date(calendar_add_workdays(x->cal, t, -45), ass45);
		calendar_date(calendar_add_workdays(x->cal, t, -15), s47_15);
	} else
		ass45[0] = s47_15[0] = '\0';
	for (i = 0; i < c->n_refs; i++) {
		const struct rt_referral *r = &c->refs[i];
		struct cinxml_ep e;
		struct fix rf = AT("referral", r->id, "referral_date");

		if (!returns_overlaps(r->date, r->closed, x->from, x->to))
			continue;
		cinxml_episode(c, (int)i, x->from, x->to, &e);
		if (*death && strcmp(r->date, death) > 0)
			checks_flag(out, d, "8555Q", c, rf, "referred %s, "
			    "after the child died", r->date);
		if (strcmp(r->date, eve) < 0 && r->nfa > 0)
			checks_flag(out, d, "8569Q", c, AT("referral", r->id,
			    "nfa"), "carried over from an earlier year, so not "
			    "no further action");
		if (strcmp(e.reason, "RC2") == 0 && *death == '\0')
			checks_flag(out, d, "8585Q", c, PERSON(c, "death_date"),
			    "closed as died (RC2): when?");
		if (*c->dob) {
			char before[11];

			calendar_date(calendar_day(c->dob, &ok) - 280, before);
			if (strcmp(r->date, before) < 0)
				checks_flag(out, d, "8606", c, rf, "referred "
				    "%s, more than 40 weeks before "
				    "birth", r->date);
		}
		if (*e.closed && strcmp(e.closed, r->date) < 0)
			checks_flag(out, d, "8630", c, AT("referral", r->id,
			    "closure_date"), "closed %s, before the referral",
			    e.closed);
		if (*e.reason && !dfe_listed(e.reason, "RC1 RC2 RC3 RC4 RC5 "
		    "RC6 RC7 RC8 RC9"))
			checks_flag(out, d, "8640", c, AT("referral", r->id,
			    "closure_reason"), "%s is not a closure reason",
			    e.reason);
		if (*r->need && !dfe_listed(r->need, "N0 N1 N2 N3 N4 N5 N6 N7 "
		    "N8 N9"))
			checks_flag(out, d, "8650", c, AT("referral", r->id,
			    "primary_need"), "%s is not a primary need code",
			    r->need);
		if (strcmp(r->date, "2013-04-01") >= 0 && !dfe_listed(r->source,
		    "1A 1B 1C 1D 2A 2B 3A 3B 3C 3D 3E 3F 4 5A 5B 5C 5D 6 7 8 9 "
		    "10"))
			checks_flag(out, d, "8866", c, AT("referral", r->id,
			    "source"), "referral source %s is not a DfE code",
			    *r->source ? r->source : "blank");
		if (dfe_listed(e.reason, "RC8 RC9") && (*e.icpc || e.ncps ||
		    e.ns47 || e.ncins))
			checks_flag(out, d, "2990", c, AT("referral", r->id,
			    "closure_reason"), "closed after assessment (%s), "
			    "but there was an enquiry or a plan", e.reason);
		if (dfe_listed(e.reason, "RC8 RC9") && e.nas == 0)
			checks_flag(out, d, "8825Q", c, AT("referral", r->id,
			    "closure_reason"), "closed after assessment (%s) "
			    "with no assessment", e.reason);
		if (r->nfa > 0 && e.ncins)
			checks_flag(out, d, "4000", c,
			    AT("referral", r->id, "nfa"),
			    "no further action, but a CIN plan");
		if (r->nfa > 0 && (*e.icpc || e.ns47 || e.nas))
			checks_flag(out, d, "8831", c,
			    AT("referral", r->id, "nfa"),
			    "no further action, but an assessment, enquiry or "
			    "conference");
		if (r->nfa > 0 && e.ncps)
			checks_flag(out, d, "8832", c,
			    AT("referral", r->id, "nfa"),
			    "no further action, but a child protection plan");
		if (e.ns47 && !e.nas)
			checks_flag(out, d, "2991Q", c,
			    START("assessment"), "a "
			    "section 47 enquiry with no assessment");
		/* Assessments. */
		for (j = 0; j < e.nas; j++) {
			const struct rt_assessment *a = e.as[j];
			const char *auth = written(a->authorised, x);
			struct fix af = AT("assessment", a->id, "start_date");
			char codes[sizeof a->factors], *tok, *save = NULL;
			int open = 0;

			if (strcmp(a->start, r->date) < 0)
				checks_flag(out, d, "1103", c, af, "assessed "
				    "from %s, before the referral", a->start);
			if (*auth && strcmp(a->start, auth) > 0)
				checks_flag(out, d, "8608", c, af, "started "
				    "after it was authorised");
			if (*auth == '\0' && *ass45 && strcmp(a->start, ass45) <
			    0)
				checks_flag(out, d, "8670Q", c, AT("assessment",
				    a->id, "authorised_date"), "open since %s, "
				    "over 45 working days", a->start);
			if (*auth == '\0' && strcmp(a->start, x->from) < 0)
				checks_flag(out, d, "8736", c, af, "open, and "
				    "started before the year");
			if (*e.closed && *auth == '\0')
				checks_flag(out, d, "8867", c, AT("assessment",
				    a->id, "authorised_date"), "the referral "
				    "is closed: authorise the assessment");
			for (k = 0; k < e.nas; k++) {
				const struct rt_assessment *b = e.as[k];
				const char *bauth = written(b->authorised, x);

				open += *written(b->authorised, x) == '\0';
				if (k != j && !(strcmp(a->start,
				    b->start) == 0 &&
				    strcmp(auth, bauth) == 0) &&
				    overlaps_from(a->start, b->start, bauth, x,
				    1))
					checks_flag(out, d, "8863Q", c, af,
					    "overlaps the assessment from %s",
					    b->start);
			}
			if (open > 1 && *auth == '\0')
				checks_flag(out, d, "8896", c, af, "two open "
				    "assessments in one referral");
			if (!*auth || strcmp(auth, x->from) < 0)
				continue;
			if (*a->factors == '\0')
				checks_flag(out, d, "8897Q", c, AT("assessment",
				    a->id, "factors"), "no factors recorded");
			snprintf(codes, sizeof codes, "%s", a->factors);
			for (tok = strtok_r(codes, ", ", &save); tok != NULL;
			    tok = strtok_r(NULL, ", ", &save)) {
				const char *rest = save ? save : "";
				char again[sizeof a->factors + 2];

				snprintf(again, sizeof again, " %s ", rest);
				if (!dfe_listed(tok, factor_list))
					checks_flag(out, d, "8897Q", c,
					    AT("assessment", a->id, "factors"),
					    "%s is not an assessment "
					    "factor", tok);
				if (dfe_listed(tok, rest) || (strchr(rest,
				    ',') &&
				    strstr(rest, tok) && dfe_listed(tok,
				    again)))
					checks_flag(out, d, "8898", c,
					    AT("assessment", a->id, "factors"),
					    "factor %s recorded twice", tok);
				if (strcmp(tok, "18A") == 0 || strcmp(tok,
				    "19A") ==
				    0)
					checks_flag(out, d, tok[1] == '8' ?
					    "8945Q" : "8950Q", c,
					    AT("assessment",
					    a->id, "factors"), "%s is retired: "
					    "use %.2sB or "
					    "%.2sC", tok, tok, tok);
			}
		}
		/* CIN plans. */
		for (j = 0; j < e.ncins; j++) {
			const struct rt_cinplan *p = e.cins[j];
			const char *end = written(p->end, x);
			struct fix pf = AT("cin_plan", p->id, "start_date");

			if (strcmp(p->start, r->date) < 0)
				checks_flag(out, d, "4015", c, pf, "a CIN plan "
				    "from %s, before the referral", p->start);
			if (*end && strcmp(end, p->start) < 0)
				checks_flag(out, d, "4011", c, pf, "ends "
				    "before it starts");
			if (*end && strcmp(end, p->start) == 0)
				checks_flag(out, d, "4012Q", c, pf, "starts "
				    "and ends the same day");
			if (*death && strcmp(p->start, death) > 0)
				checks_flag(out, d, "4008", c, pf, "starts "
				    "after the child died");
			if (*death && *end && strcmp(end, death) > 0)
				checks_flag(out, d, "4009Q", c, pf, "ends "
				    "after the child died");
			for (k = 0; k < j; k++)
				if (*end == '\0' && *written(e.cins[k]->end,
				    x) ==
				    '\0')
					checks_flag(out, d, "4004", c,
					    pf, "two "
					    "open CIN plans in one referral");
		}
		/* Section 47 enquiries. */
		for (j = 0; j < e.ns47; j++) {
			const struct rt_s47 *s = e.s47s[j];
			const char *icpc = cinxml_s47_icpc(c, s, (int)i, x->to);
			struct fix sf = AT("s47_enquiry", s->id, "start_date");
			char target[11];
			int open = 0;

			if (strcmp(s->start, r->date) < 0)
				checks_flag(out, d, "2889", c, sf, "an enquiry "
				    "from %s, before the referral", s->start);
			if (*icpc && strcmp(icpc, r->date) < 0)
				checks_flag(out, d, "1104", c, sf, "a "
				    "conference before the referral");
			if (*icpc && strcmp(s->start, icpc) > 0)
				checks_flag(out, d, "8615", c, sf, "the "
				    "enquiry starts after its conference");
			if (*icpc == '\0' && s->not_required <= 0 && *s47_15 &&
			    strcmp(s->start, s47_15) < 0)
				checks_flag(out, d, "8675Q", c,
				    START("icpc"), "no "
				    "conference yet, 15 working days after the "
				    "enquiry began");
			if (*icpc == '\0' && s->not_required <= 0 &&
			    strcmp(s->start, x->from) < 0)
				checks_flag(out, d, "8740", c, sf, "an enquiry "
				    "from before the year with no conference");
			if (weekend(cinxml_s47_target(c, s, (int)i, x->cal,
			    target)))
				checks_flag(out, d, "8870Q", c, START("icpc"),
				    "the conference target %s is a weekend",
				    target);
			if (*icpc && weekend(icpc))
				checks_flag(out, d, "8875", c, sf, "a "
				    "conference on a weekend (%s)", icpc);
			if (*e.closed && ((*icpc == '\0' && s->not_required <=
			    0) || (*icpc && s->not_required > 0)))
				checks_flag(out, d, "8868", c, AT("s47_enquiry",
				    s->id, "icpc_not_required"), "closed: say "
				    "whether a conference was held or not "
				    "needed");
			for (k = 0; k < e.ns47; k++) {
				const struct rt_s47 *b = e.s47s[k];
				const char *bi = cinxml_s47_icpc(c, b, (int)i,
				    x->to);

				open += *bi == '\0' && b->not_required <= 0;
				if (k != j && !(strcmp(s->start,
				    b->start) == 0 &&
				    strcmp(icpc, bi) == 0) && (*bi ||
				    b->not_required
				    <= 0) && overlaps_from(s->start, b->start,
				    bi,
				    x, 1))
					checks_flag(out, d, "8890", c, sf,
					    "overlaps the enquiry from %s",
					    b->start);
			}
			if (open > 1 && *icpc == '\0' && s->not_required <= 0)
				checks_flag(out, d, "8839", c, sf, "two open "
				    "enquiries in one referral");
		}
		/* Child protection plans and their reviews. */
		for (j = 0; j < e.ncps; j++) {
			const struct rt_cpplan *p = e.cps[j];
			const char *end = written(p->end, x);
			struct fix pf = AT("cp_plan", p->id, "start_date");

			if (strcmp(p->start, r->date) < 0)
				checks_flag(out, d, "1105", c, pf, "a plan "
				    "from %s, before the referral", p->start);
			if (*end && strcmp(end, p->start) == 0)
				checks_flag(out, d, "8840", c, pf, "starts and "
				    "ends the same day");
			if (*end && strcmp(end, p->start) < 0)
				checks_flag(out, d, "8925", c, pf, "ends "
				    "before it starts");
			if (!dfe_listed(p->initial, "NEG PHY SAB EMO MUL"))
				checks_flag(out, d, "8905", c,
				    AT("cp_plan", p->id,
				    "initial_category"), "initial category %s",
				    *p->initial ? p->initial : "blank");
			if (!dfe_listed(*p->latest ? p->latest : p->initial,
			    "NEG PHY SAB EMO MUL"))
				checks_flag(out, d, "8910", c,
				    AT("cp_plan", p->id,
				    "latest_category"), "latest category %s",
				    p->latest);
			if (*death && strcmp(p->start, death) > 0)
				checks_flag(out, d, "8915", c, pf, "starts "
				    "after the child died");
			if (*death && *end && strcmp(end, death) > 0)
				checks_flag(out, d, "8920", c, pf, "ends after "
				    "the child died");
			for (k = 0; k < c->n_confs; k++) {
				const struct rt_conference *m = &c->confs[k];

				if (strcmp(m->kind, "review") == 0 &&
				    returns_overlaps(m->date, m->date, x->from,
				    x->to) && strcmp(m->date, p->start) >= 0 &&
				    (*p->end == '\0' || strcmp(m->date,
				    p->end) <=
				    0) && strcmp(m->date, p->start) == 0)
					checks_flag(out, d, "8841", c,
					    AT("cp_conference", m->id,
					    "conference_date"), "a review on "
					    "the day the plan began");
			}
		}
		cinxml_episode_fini(&e);
	}
}

/*
 * Across the child's episodes: one open at a time and the latest
 * (8815, 8816), episodes that do not overlap (8820), CIN plans and CP
 * plans that do not overlap each other (4014, 8940) or one another
 * (4016, 4017), and no CP review during a CIN plan but at the CP plan's
 * end (4003, open CIN plans counted).
 */
void
cin_across(const struct check_def *d, const struct rt_child *c,
    const struct check_ctx *x, struct problems *out)
{
	size_t i, j, open = 0, latest = (size_t)-1;

	for (i = 0; i < c->n_refs; i++) {
		const struct rt_referral *r = &c->refs[i];

		if (!returns_overlaps(r->date, r->closed, x->from, x->to))
			continue;
		if (latest == (size_t)-1 || strcmp(r->date,
		    c->refs[latest].date) > 0)
			latest = i;
		open += *written(r->closed, x) == '\0' && r->nfa <= 0;
	}
	for (i = 0; i < c->n_refs; i++) {
		const struct rt_referral *a = &c->refs[i];
		const char *ac = written(a->closed, x);

		if (!returns_overlaps(a->date, a->closed, x->from, x->to))
			continue;
		if (*ac == '\0' && a->nfa <= 0 && open > 1)
			checks_flag(out, d, "8815", c, AT("referral", a->id,
			    "closure_date"), "more than one open referral");
		if (*ac == '\0' && a->nfa <= 0 && i != latest)
			checks_flag(out, d, "8816", c, AT("referral", a->id,
			    "closure_date"), "open, but not the latest "
			    "referral");
		for (j = 0; j < c->n_refs; j++) {
			const struct rt_referral *b = &c->refs[j];
			const char *bc = written(b->closed, x);

			if (j == i || !returns_overlaps(b->date, b->closed,
			    x->from, x->to) || strcmp(a->date, b->date) < 0)
				continue;
			if ((*bc && strcmp(a->date, bc) < 0) || (*bc == '\0' &&
			    b->nfa <= 0 && strcmp(a->date, x->to) < 0))
				checks_flag(out, d, "8820", c, AT("referral",
				    a->id, "referral_date"), "referred %s "
				    "while "
				    "the referral of %s was open", a->date,
				    b->date);
		}
	}
#define PLANS(arr, n, T) \
	for (i = 0; i < c->n; i++) { \
		const struct T *a = &c->arr[i]; \
		if (!returns_overlaps(a->start, a->end, x->from, x->to)) \
			continue;
	PLANS(cinplans, n_cinplans, rt_cinplan)
		for (j = 0; j < c->n_cinplans; j++)
			if (j != i && returns_overlaps(c->cinplans[j].start,
			    c->cinplans[j].end, x->from, x->to) &&
			    overlaps_from(a->start, c->cinplans[j].start,
			    written(c->cinplans[j].end, x), x, 1))
				checks_flag(out, d, "4014", c, AT("cin_plan",
				    a->id, "start_date"), "overlaps the CIN "
				    "plan from %s", c->cinplans[j].start);
		for (j = 0; j < c->n_cpplans; j++)
			if (returns_overlaps(c->cpplans[j].start,
			    c->cpplans[j].end, x->from, x->to) &&
			    overlaps_from(a->start, c->cpplans[j].start,
			    written(c->cpplans[j].end, x), x, 0))
				checks_flag(out, d, "4016", c, AT("cin_plan",
				    a->id, "start_date"), "a CIN plan during "
				    "the CP plan from %s", c->cpplans[j].start);
	}
	PLANS(cpplans, n_cpplans, rt_cpplan)
		for (j = 0; j < c->n_cpplans; j++)
			if (j != i && returns_overlaps(c->cpplans[j].start,
			    c->cpplans[j].end, x->from, x->to) &&
			    overlaps_from(a->start, c->cpplans[j].start,
			    written(c->cpplans[j].end, x), x, 1))
				checks_flag(out, d, "8940", c, AT("cp_plan",
				    a->id, "start_date"), "overlaps the CP "
				    "plan from %s", c->cpplans[j].start);
		for (j = 0; j < c->n_cinplans; j++)
			if (returns_overlaps(c->cinplans[j].start,
			    c->cinplans[j].end, x->from, x->to) &&
			    overlaps_from(a->start, c->cinplans[j].start,
			    written(c->cinplans[j].end, x), x, 0))
				checks_flag(out, d, "4017", c, AT("cp_plan",
				    a->id, "start_date"), "a CP plan during "
				    "the "
				    "CIN plan from %s", c->cinplans[j].start);
	}
#undef PLANS
	/* A CP review during a CIN plan only as the CP plan ends (4003). */
	for (i = 0; i < c->n_confs; i++) {
		const struct rt_conference *m = &c->confs[i];

		if (strcmp(m->kind, "review") || !returns_overlaps(m->date,
		    m->date, x->from, x->to))
			continue;
		for (j = 0; j < c->n_cpplans; j++) {
			const struct rt_cpplan *p = &c->cpplans[j];
			const char *end = written(p->end, x);
			size_t k;

			if (*end == '\0' || strcmp(m->date, p->start) < 0 ||
			    strcmp(m->date, end) > 0 || strcmp(m->date,
			    end) == 0)
				continue;
			for (k = 0; k < c->n_cinplans; k++) {
				const struct rt_cinplan *q = &c->cinplans[k];
				const char *qe = written(q->end, x);

				if (returns_overlaps(q->start, q->end, x->from,
				    x->to) && strcmp(m->date, q->start) >= 0 &&
				    strcmp(m->date, *qe ? qe : x->to) < 0)
					checks_flag(out, d, "4003", c,
					    AT("cp_conference", m->id,
					    "conference_date"), "a CP review "
					    "on %s, during the CIN plan from "
					    "%s", m->date,
					    q->start);
			}
		}
	}
}

/* The same UPN on two children in the census (1520). */
void
cin_upn_twice(const struct check_def *d, const struct rt_set *s,
    const struct check_ctx *x, struct problems *out)
{
	const struct rt_child **v = xcalloc(s->n + 1, sizeof *v);
	size_t i, j, n = 0;

	for (i = 0; i < s->n; i++)
		if (cinxml_in_scope(&s->c[i], x->from, x->to) && *s->c[i].upn &&
		    strncmp(s->c[i].upn, "UN", 2) != 0)
			v[n++] = &s->c[i];
	for (i = 0; i < n; i++)
		for (j = 0; j < n; j++)
			if (i != j && strcmp(v[i]->upn, v[j]->upn) == 0) {
				checks_flag(out, d, "1520", v[i], PERSON(v[i],
				    "upn"), "UPN %s is also child #%lld's",
				    v[i]->upn, (long long)v[j]->id);
				break;
			}
	free(v);
}

/* Sex not known for more than 2% of the census's children born (2886Q). */
void
cin_sex_unknown(const struct check_def *d, const struct rt_set *s,
    const struct check_ctx *x, struct problems *out)
{
	size_t i, n = 0, unknown = 0;

	for (i = 0; i < s->n; i++) {
		const struct rt_child *c = &s->c[i];

		if (!cinxml_in_scope(c, x->from, x->to))
			continue;
		n++;
		unknown += *c->dob && !dfe_listed(c->sex, "M F");
	}
	if (n > 0 && unknown * 50 > n)
		checks_flag(out, d, "2886Q", NULL, START("person"), "%zu of "
		    "%zu children's sex is not known", unknown, n);
}

/*
 * No more CP plans start in the year than initial conferences are held
 * in it, on the referral or on its enquiries (2883).
 */
void
cin_plans_conferences(const struct check_def *d, const struct rt_set *s,
    const struct check_ctx *x, struct problems *out)
{
	size_t i, j, k, plans = 0, confs = 0;

	for (i = 0; i < s->n; i++) {
		const struct rt_child *c = &s->c[i];

		for (j = 0; j < c->n_refs; j++) {
			struct cinxml_ep e;

			if (!returns_overlaps(c->refs[j].date,
			    c->refs[j].closed,
			    x->from, x->to))
				continue;
			cinxml_episode(c, (int)j, x->from, x->to, &e);
			confs += returns_overlaps(e.icpc, e.icpc, x->from,
			    x->to);
			for (k = 0; k < e.ns47; k++) {
				const char *t = cinxml_s47_icpc(c, e.s47s[k],
				    (int)j, x->to);

				confs += returns_overlaps(t, t, x->from, x->to);
			}
			for (k = 0; k < e.ncps; k++)
				plans += returns_overlaps(e.cps[k]->start,
				    e.cps[k]->start, x->from, x->to);
			cinxml_episode_fini(&e);
		}
	}
	if (plans > confs)
		checks_flag(out, d, "2883", NULL, START("icpc"), "%zu child "
		    "protection plans began in the year but only %zu initial "
		    "conferences were held", plans, confs);
}
