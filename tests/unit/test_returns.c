/*
 * The statutory returns: every check passes a clean child and flags the
 * same child broken the way the DfE would reject; the three exports of
 * a hand-built borough match their golden files; only analysts (and
 * managers, trainers) may export the whole borough.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <iniparser.h>

#include "casework/calendar.h"
#include "casework/checks.h"
#include "casework/exports.h"
#include "casework/pclist.h"
#include "casework/postcodes.h"
#include "casework/returns.h"
#include "common/file.h"
#include "common/xmem.h"
#include "store/family.h"
#include "store/record.h"
#include "store/user.h"
#include "tests/unit/fixture.h"

static struct calendar cal;

/* ---- the checks, on a child built in memory ---- */

#define PUSH(c, name) ((__typeof__((c)->name))returns_push(&(c)->name, \
	&(c)->n_##name, sizeof *(c)->name))
#define SET(dst, s) snprintf(dst, sizeof dst, "%s", s)

/* A looked-after child with a child protection history, all in order. */
static void
base(struct rt_child *c)
{
	struct rt_period *p;
	struct rt_episode *e;
	struct rt_review *r;
	struct rt_address *a;
	struct rt_alloc *w;
	struct rt_referral *f;
	struct rt_assessment *s;
	struct rt_s47 *k;
	struct rt_conference *m;
	struct rt_cpplan *cp;
	struct rt_cinplan *cn;
	struct rt_code *d;
	long day, end;
	int ok;

	memset(c, 0, sizeof *c);
	c->id = 1;
	SET(c->sex, "F");
	SET(c->dob, "2014-01-01");
	SET(c->upn, "A318250000017");
	SET(c->ethnic, "WBRI");
	p = PUSH(c, periods);
	p->id = 10;
	SET(p->start, "2025-05-01");
	SET(p->prev_perm, "Z1");
	e = PUSH(c, eps);
	e->id = 20;
	e->period = 10;
	SET(e->start, "2025-05-01");
	SET(e->ls, "C2");
	SET(e->place, "U4");
	SET(e->provider, "PR1");
	SET(e->postcode, "N17 0UF");
	SET(e->urn, "SC123456");
	SET(e->rne, "S");
	SET(e->cin, "N1");
	a = PUSH(c, addresses);
	SET(a->postcode, "NW5 1TL");
	SET(a->kind, "home");
	SET(a->start, "2010-01-01");
	r = PUSH(c, reviews);
	r->id = 40;
	SET(r->date, "2025-05-28");
	SET(r->pn, "PN1");
	r = PUSH(c, reviews);
	r->id = 41;
	SET(r->date, "2025-08-20");
	SET(r->pn, "PN1");
	r = PUSH(c, reviews);
	r->id = 42;
	SET(r->date, "2026-02-10");
	SET(r->pn, "PN2");
	end = calendar_day("2026-04-14", &ok);
	for (day = calendar_day("2025-05-03", &ok); day <= end; day += 35) {
		struct rt_visit *v = PUSH(c, visits);

		SET(v->kind, "cla");
		calendar_date(day, v->date);
		v->seen = 1;
	}
	w = PUSH(c, allocs);
	w->id = 50;
	SET(w->worker, "Kay Worker");
	SET(w->role, "social-worker");
	SET(w->swe, "SW123456");
	SET(w->start, "2025-05-01");
	SET(w->reason, "FCONTA");
	f = PUSH(c, refs);
	f->id = 30;
	SET(f->date, "2025-06-02");
	SET(f->source, "2A");
	SET(f->need, "N1");
	s = PUSH(c, assessments);
	s->id = 31;
	s->referral = 30;
	SET(s->start, "2025-06-02");
	SET(s->authorised, "2025-07-22");
	SET(s->factors, "3B,4B");
	k = PUSH(c, s47s);
	k->id = 32;
	k->referral = 30;
	SET(k->start, "2025-06-10");
	m = PUSH(c, confs);
	m->id = 33;
	m->referral = 30;
	SET(m->kind, "initial");
	SET(m->date, "2025-07-01");
	m->decided = 1;
	cp = PUSH(c, cpplans);
	cp->id = 34;
	cp->referral = 30;
	SET(cp->start, "2025-07-01");
	SET(cp->end, "2026-01-15");
	SET(cp->initial, "NEG");
	cn = PUSH(c, cinplans);
	cn->id = 35;
	cn->referral = 30;
	SET(cn->start, "2026-01-15");
	d = PUSH(c, disabilities);
	SET(d->code, "AUT");
}

static void
free_child(struct rt_child *c)
{
	struct rt_set s = { c, 1, NULL, 0 };
	struct rt_child *copy = xmalloc(sizeof *copy);

	*copy = *c;
	s.c = copy;
	returns_fini(&s);
}

/* Setups that bring a check into play, and breakers that trip it. */
static void s_none(struct rt_child *c) { (void)c; }
static void b_upn(struct rt_child *c) { c->upn[0] = '\0'; }
static void b_ethnic(struct rt_child *c) { c->ethnic[0] = '\0'; }
static void b_dob(struct rt_child *c) { SET(c->dob, "2025-06-01"); }

static void
b_join(struct rt_child *c)
{
	struct rt_episode *e = PUSH(c, eps);

	*e = c->eps[0];
	e->id = 21;
	SET(e->start, "2025-09-01");
	SET(e->rne, "P");
}

static void b_future(struct rt_child *c) { SET(c->reviews[2].date,
    "2026-05-01"); }
static void b_place(struct rt_child *c) { SET(c->eps[0].place, "H5"); }
static void b_provider(struct rt_child *c) { SET(c->eps[0].provider,
    "PR0"); }
static void b_urn(struct rt_child *c) { c->eps[0].urn[0] = '\0'; }
static void b_postcode(struct rt_child *c) { c->eps[0].postcode[0] = 0; }

static void
s_move(struct rt_child *c)
{
	struct rt_episode *e;
	struct rt_visit *v;

	SET(c->eps[0].end, "2025-09-01");
	SET(c->eps[0].rec, "X1");
	SET(c->eps[0].rpc, "CARPL");
	e = PUSH(c, eps);
	*e = c->eps[0];
	e->id = 21;
	SET(e->start, "2025-09-01");
	e->end[0] = e->rec[0] = e->rpc[0] = '\0';
	SET(e->rne, "P");
	SET(e->place, "U6");
	SET(e->provider, "PR5");
	v = PUSH(c, visits);
	SET(v->kind, "cla");
	SET(v->date, "2025-09-03");
}

static void b_move(struct rt_child *c) { c->eps[0].rpc[0] = '\0'; }
static void b_cin(struct rt_child *c) { c->eps[0].cin[0] = '\0'; }
static void s_young(struct rt_child *c) { SET(c->dob, "2016-06-01");
    SET(c->reviews[0].pn, "PN1"); }
static void b_youth(struct rt_child *c) { SET(c->eps[0].ls, "J1"); }

static void
s_dolo(struct rt_child *c)
{
	struct rt_period *o = PUSH(c, dolos);

	SET(o->start, "2025-07-01");
	SET(c->eps[0].place, "K2");
	SET(c->eps[0].provider, "PR4");
}

static void b_pn(struct rt_child *c) { c->reviews[1].pn[0] = '\0'; }
static void b_review(struct rt_child *c) { c->n_reviews = 1; }
static void b_visit(struct rt_child *c) { c->n_visits = 0; }

static void
s_oc2(struct rt_child *c)
{
	static const char *const kinds[][2] = { { "health-assessment",
	    "2025-10-01" }, { "dental", "2025-11-01" }, { "sdq", "2025-09-01" } };
	size_t i;

	SET(c->periods[0].start, "2024-03-01");
	SET(c->eps[0].start, "2024-03-01");
	for (i = 0; i < 3; i++) {
		struct rt_health *h = PUSH(c, health);

		SET(h->kind, kinds[i][0]);
		SET(h->date, kinds[i][1]);
		SET(h->value, "12");
	}
}

static void b_oc2(struct rt_child *c) { c->n_health = 1; }
static void b_sw(struct rt_child *c) { c->allocs[0].swe[0] = '\0'; }

static void
s_leaver(struct rt_child *c)
{
	struct rt_leaver *l = PUSH(c, leavers);

	SET(c->dob, "2007-01-01");
	SET(l->date, "2025-06-01");
	SET(l->in_touch, "YES");
	SET(l->activity, "F2");
	SET(l->accom, "U");
	l->suitable = 1;
}

static void b_leaver(struct rt_child *c) { c->leavers[0].activity[0] = 0; }

static void
s_adopted(struct rt_child *c)
{
	struct rt_perm *p = PUSH(c, perms);

	SET(c->eps[0].end, "2026-01-10");
	SET(c->eps[0].rec, "E11");
	SET(p->shobpa, "2025-06-01");
	SET(p->matched, "2025-09-01");
	p->count = 2;
	SET(p->sex, "MF");
	SET(p->status, "L11");
}

static void b_adopted(struct rt_child *c) { SET(c->perms[0].status, "L0"); }
static void b_prevperm(struct rt_child *c) { c->periods[0].prev_perm[0] = 0; }

static void
s_uasc(struct rt_child *c)
{
	c->uasc = 1;
	SET(c->dob, "2007-09-01");
	SET(c->uasc_end, "2025-09-01");
}

static void b_uasc(struct rt_child *c) { c->uasc_end[0] = '\0'; }
static void b_need(struct rt_child *c) { c->refs[0].need[0] = '\0'; }

static void
s_closed(struct rt_child *c)
{
	SET(c->refs[0].closed, "2026-03-20");
	SET(c->refs[0].reason, "RC7");
	SET(c->cinplans[0].end, "2026-03-20");
}

static void b_close(struct rt_child *c) { c->refs[0].reason[0] = '\0'; }

static void
b_after(struct rt_child *c)
{
	struct rt_s47 *k = PUSH(c, s47s);

	k->id = 36;
	k->referral = 30;
	SET(k->start, "2026-03-25");
	k->not_required = 1;
}

static void b_cpp(struct rt_child *c) { SET(c->confs[0].date, "2025-07-02"); }
static void b_overlap(struct rt_child *c) { SET(c->cinplans[0].start,
    "2025-12-01"); }
static void b_factors(struct rt_child *c) { SET(c->assessments[0].factors,
    "21,3B"); }
static void b_icpc(struct rt_child *c) { SET(c->confs[0].date, "2025-07-10");
    SET(c->cpplans[0].start, "2025-07-10"); }
static void b_assess(struct rt_child *c) { SET(c->assessments[0].authorised,
    "2025-09-30"); }

static void
b_disab(struct rt_child *c)
{
	struct rt_code *d = PUSH(c, disabilities);

	SET(d->code, "NONE");
}

static void
b_open(struct rt_child *c)
{
	struct rt_referral *f = PUSH(c, refs);

	*f = c->refs[0];
	f->id = 37;
	SET(f->date, "2025-12-01");
}

static void b_un7(struct rt_child *c) { SET(c->upn, "UN7"); }

static const struct {
	const char *rule;
	void (*setup)(struct rt_child *);
	void (*breaker)(struct rt_child *);
} cases[] = {
	{ "UPN", s_none, b_upn }, { "ETHNIC", s_none, b_ethnic },
	{ "DOB", s_none, b_dob }, { "903-JOIN", s_none, b_join },
	{ "903-FUTURE", s_none, b_future }, { "903-PLACE", s_none, b_place },
	{ "903-PROVIDER", s_none, b_provider }, { "903-URN", s_none, b_urn },
	{ "903-POSTCODE", s_none, b_postcode }, { "903-RPC", s_move, b_move },
	{ "903-CIN", s_none, b_cin }, { "903-J", s_young, b_youth },
	{ "903-PN", s_none, b_pn }, { "903-REVIEW", s_none, b_review },
	{ "903-VISIT", s_none, b_visit }, { "903-OC2", s_oc2, b_oc2 },
	{ "903-SW", s_none, b_sw }, { "903-OC3", s_leaver, b_leaver },
	{ "903-AD1", s_adopted, b_adopted },
	{ "903-PREVPERM", s_none, b_prevperm }, { "903-UASC", s_uasc, b_uasc },
	{ "CIN-NEED", s_none, b_need }, { "CIN-CLOSE", s_closed, b_close },
	{ "CIN-AFTER", s_closed, b_after }, { "CIN-CPP", s_none, b_cpp },
	{ "CIN-OVERLAP", s_none, b_overlap },
	{ "CIN-FACTORS", s_none, b_factors },
	{ "CIN-ICPC15", s_none, b_icpc }, { "CIN-ASSESS45", s_none, b_assess },
	{ "CIN-DISAB", s_none, b_disab }, { "CIN-OPEN", s_none, b_open },
	{ "CIN-UN7", s_none, b_un7 },
};

/* A postcode list of two: the borough (Camden) and one placement away. */
static const char *
test_la(const char *postcode, void *arg)
{
	(void)arg;
	return strcmp(postcode, "NW5 1TL") == 0 ? "E09000007" :
	    strcmp(postcode, "N17 0UF") == 0 ? "E09000014" : NULL;
}

/* Five miles between any two postcodes, but Shetland's, 600 from all. */
static double
test_miles(const char *a, const char *b, void *arg)
{
	(void)arg;
	return strcmp(a, "ZE2 9AA") == 0 || strcmp(b, "ZE2 9AA") == 0 ? 600 : 5;
}

/* The base child, set up and broken, checked for year as on today. */
static void
run_on(void (*setup)(struct rt_child *), void (*breaker)(struct rt_child *),
    int year, const char *today, struct problems *ps)
{
	struct rt_child c;
	struct check_ctx x;

	base(&c);
	setup(&c);
	if (breaker)
		breaker(&c);
	checks_ctx_init(&x, year, today, &cal);
	x.la_ons = "E09000007";
	x.postcode_la = test_la;
	x.postcode_miles = test_miles;
	checks_child(&c, &x, ps);
	free_child(&c);
}

/* The same, once the year has ended. */
static void
run_year(void (*setup)(struct rt_child *), void (*breaker)(struct rt_child *),
    int year, struct problems *ps)
{
	run_on(setup, breaker, year, year == 2026 ? "2026-04-15" : "2027-04-15",
	    ps);
}

static size_t
run(void (*setup)(struct rt_child *), void (*breaker)(struct rt_child *),
    const char *rule, struct problems *ps)
{
	run_year(setup, breaker, 2026, ps);
	return checks_count(ps, rule);
}

/* The clean child passes every check. */
static void
test_base_is_clean(void **state)
{
	struct problems ps = { 0 };
	size_t i;

	(void)state;
	run(s_none, NULL, "", &ps);
	for (i = 0; i < ps.n; i++)
		print_message("unexpected: %s %s\n", ps.p[i].rule, ps.p[i].msg);
	assert_int_equal(ps.n, 0);
	checks_fini(&ps);
}

/* Each check: passes once it applies, flags once broken, says where. */
static void
test_each_check(void **state)
{
	size_t i, j, n, ncases = sizeof cases / sizeof cases[0];
	const struct check_def *all = checks_all(&n);

	(void)state;
	for (i = 0; i < n; i++) {
		for (j = 0; j < ncases; j++)
			if (strcmp(cases[j].rule, all[i].id) == 0)
				break;
		if (j == ncases && *all[i].dfe == '\0')
			fail_msg("check %s has no test case", all[i].id);
	}
	for (j = 0; j < ncases; j++) {
		struct problems pass = { 0 }, bad = { 0 };
		size_t k;

		if (run(cases[j].setup, NULL, cases[j].rule, &pass) != 0)
			fail_msg("%s flags its passing case: %s", cases[j].rule,
			    pass.p[0].msg);
		if (run(cases[j].setup, cases[j].breaker, cases[j].rule,
		    &bad) == 0)
			fail_msg("%s misses its failing case", cases[j].rule);
		for (k = 0; k < bad.n; k++) {
			const struct problem *p = &bad.p[k];

			assert_int_equal(p->person, 1);
			assert_true(p->msg[0] != '\0');
			assert_true((p->entity && p->field) || p->form);
		}
		checks_fini(&pass);
		checks_fini(&bad);
	}
}

/* ---- each of the DfE's rules: a passing and a failing case ---- */

#define BREAK(name, body) static void name(struct rt_child *c) { body; }
BREAK(d101, SET(c->sex, "X"))
BREAK(d102, SET(c->dob, "2014-02-30"))
BREAK(d103, SET(c->ethnic, "WELSH"))
BREAK(d171, SET(c->mc_dob, "2024-13-01"))
BREAK(d301, SET(c->dob, "2026-05-01"))
BREAK(d141, SET(c->eps[0].start, "2025-04-31"))
BREAK(d147, SET(c->eps[0].end, "2025-11-31"); SET(c->eps[0].rec, "E13"))
BREAK(d143, SET(c->eps[0].rne, "Q"))
BREAK(d144, SET(c->eps[0].ls, "C3"))
BREAK(d145, SET(c->eps[0].cin, "N9"))
BREAK(d146, SET(c->eps[0].place, "Z1"))
BREAK(d149, SET(c->eps[0].end, "2025-12-01"); SET(c->eps[0].rec, "E99"))
BREAK(d1009, SET(c->eps[0].rpc, "BORED"))
BREAK(d550, SET(c->eps[0].provider, "PR0"))
BREAK(d213, SET(c->eps[0].place, "T1"))
BREAK(d526, c->eps[0].provider[0] = '\0')
BREAK(d529, SET(c->eps[0].provider, "PR3"))
BREAK(d527, SET(c->eps[0].provider, "PR1"))
BREAK(d528, SET(c->eps[0].provider, "PR2"))
BREAK(d530, SET(c->eps[0].provider, "PR4"))
BREAK(d531, SET(c->eps[0].provider, "PR5"))

BREAK(d148, SET(c->eps[0].end, "2025-12-01"))
BREAK(d355, SET(c->eps[0].end, "2025-05-01"); SET(c->eps[0].rec, "E13"))
BREAK(d356, SET(c->eps[0].end, "2025-04-20"); SET(c->eps[0].rec, "E13"))
BREAK(d353, SET(c->eps[0].start, "1990-01-01"))
BREAK(d446, SET(c->eps[0].ls, "E1"); SET(c->eps[0].start, "2005-01-01"))
BREAK(d380, SET(c->eps[1].rne, "S"))
BREAK(d381, SET(c->eps[1].end, "2025-09-10"); SET(c->eps[1].rec, "E13"))
BREAK(d382, SET(c->eps[0].ls, "V3"); SET(c->eps[0].place, "T1"))
BREAK(d214, SET(c->eps[0].ls, "V3"))
BREAK(d366, SET(c->eps[0].rne, "P"))
BREAK(d384, SET(c->eps[0].place, "U4"))
BREAK(d217, SET(c->eps[0].rne, "L"))
BREAK(d378, SET(c->eps[0].place, "P1"); SET(c->eps[0].ls, "V2"))
BREAK(d390, SET(c->eps[0].place, "U4"))
BREAK(d408, SET(c->eps[0].ls, "C2"))
BREAK(d516, SET(c->eps[0].place, "K2"))
BREAK(d392d, SET(c->eps[0].postcode, "NW5 1TL"))
BREAK(d302, SET(c->dob, "2025-06-01"))
BREAK(d352, SET(c->dob, "2006-01-01"))
BREAK(d359, SET(c->dob, "2007-06-01"))
BREAK(d372, SET(c->dob, "2017-01-01"))
BREAK(d374, SET(c->dob, "2014-01-01"))
BREAK(dage_adult, SET(c->dob, "2007-01-01"))
BREAK(dage_child, SET(c->dob, "2014-01-01"))
BREAK(d375, SET(c->eps[1].end, "2025-11-30"); SET(c->eps[1].rec, "X1"))
BREAK(d376, SET(c->eps[1].end, "2025-10-01"); SET(c->eps[1].rec, "X1"))
BREAK(d379, SET(c->eps[1].end, "2025-09-10"); SET(c->eps[1].rec, "X1"))
BREAK(d361, SET(c->eps[0].end, "2025-05-10"))
BREAK(d362, SET(c->eps[0].end, "2025-06-10"))
BREAK(d365, SET(c->eps[0].end, "2025-06-10"))
BREAK(d142, c->eps[0].rec[0] = '\0')
BREAK(d501, SET(c->eps[1].start, "2025-08-20"))
BREAK(d431, SET(c->eps[1].rne, "S"))
BREAK(d432, SET(c->eps[0].rec, "E13"))
BREAK(d433, SET(c->eps[1].start, "2025-09-05"))
BREAK(d434, SET(c->eps[1].rne, "L"))
BREAK(d435, SET(c->eps[1].ls, "C1"))
BREAK(d436, SET(c->eps[1].rne, "U"))
BREAK(d437, SET(c->eps[0].rec, "E2"))
BREAK(d504, SET(c->eps[1].cin, "N2"))
BREAK(d357, SET(c->eps[0].rne, "P"))
BREAK(d225, c->eps[0].rpc[0] = '\0')
BREAK(d226, SET(c->eps[0].rpc, "CARPL"))

/* Into a temporary placement from the placement of a move. */
static void
s_temp(struct rt_child *c)
{
	s_move(c);
	SET(c->eps[1].place, "T1");
	c->eps[1].provider[0] = c->eps[1].urn[0] = c->eps[0].rpc[0] = '\0';
}

static void s_t3(struct rt_child *c) { s_temp(c); SET(c->eps[1].place,
    "T3"); }
static void s_t4(struct rt_child *c) { s_temp(c); SET(c->eps[1].place,
    "T4"); }
static void s_v3(struct rt_child *c) { SET(c->eps[0].ls, "V3");
    SET(c->eps[0].place, "U6"); SET(c->eps[0].end, "2025-05-10");
    SET(c->eps[0].rec, "E13"); }
static void s_a3(struct rt_child *c) { SET(c->eps[0].place, "A3"); }
static void s_a5(struct rt_child *c) { s_adopted(c); SET(c->eps[0].place,
    "A5"); SET(c->eps[0].ls, "E1"); }
static void s_ended(struct rt_child *c, const char *rec) {
    SET(c->eps[0].end, "2026-01-10"); SET(c->eps[0].rec, rec); }
static void s_sgo(struct rt_child *c) { s_ended(c, "E45"); }
static void s_e5(struct rt_child *c) { s_ended(c, "E5"); SET(c->dob,
    "2008-01-01"); }
static void s_e7(struct rt_child *c) { s_ended(c, "E7"); SET(c->dob,
    "2008-01-01"); }
static void s_e17(struct rt_child *c) { s_ended(c, "E17"); SET(c->dob,
    "2007-01-01"); }
static void s_r5(struct rt_child *c) { SET(c->eps[0].place, "R5");
    SET(c->dob, "2010-01-01"); }
static void s_p3(struct rt_child *c) { SET(c->eps[0].place, "P3");
    SET(c->dob, "2008-01-01"); }
static void s_l1(struct rt_child *c) { SET(c->eps[0].ls, "L1");
    SET(c->eps[0].end, "2025-05-03"); SET(c->eps[0].rec, "E13"); }
static void s_l2(struct rt_child *c) { SET(c->eps[0].ls, "L2");
    SET(c->eps[0].end, "2025-05-20"); SET(c->eps[0].rec, "E13"); }

/* More episodes like the first, each a new start a month on. */
static void
more_like_first(struct rt_child *c, int n, const char *ls, const char *place,
    long length)
{
	int ok, i;
	long day = calendar_day("2025-06-01", &ok);

	for (i = 0; i < n; i++, day += 31) {
		struct rt_episode *e = PUSH(c, eps);

		*e = c->eps[0];
		e->id = 60 + i;
		SET(e->ls, ls);
		SET(e->place, place);
		SET(e->rne, "S");
		SET(e->rec, "E13");
		calendar_date(day, e->start);
		calendar_date(day + length, e->end);
	}
}

static void d377(struct rt_child *c) { more_like_first(c, 3, "C2", "T3", 5); }
static void d367(struct rt_child *c) { more_like_first(c, 5, "V3", "U6",
    16); }
static void d426(struct rt_child *c) { more_like_first(c, 1, "V4", "U6",
    3); }

static void s_missing(struct rt_child *c);
static void s_adoption(struct rt_child *c);
static void s_dolo_ended(struct rt_child *c);

BREAK(d168, SET(c->upn, "I318250000017"))
BREAK(d232, SET(c->sex, "U"))
BREAK(d351, SET(c->dob, "1999-01-01"))
BREAK(d620, SET(c->dob, "2015-06-01"))
BREAK(d621, SET(c->mc_dob, "2007-01-01"))
BREAK(d625, SET(c->eps[0].end, "2025-12-01"); SET(c->eps[0].rec, "E13");
    SET(c->mc_dob, "2026-01-10"))
BREAK(d210, SET(c->eps[0].start, "2026-03-01"))
BREAK(d231, SET(c->dob, "2016-01-01"))
BREAK(d565, c->missing[0].kind[0] = '\0')
BREAK(d566, c->missing[0].kind[0] = '\0')
BREAK(d567, SET(c->missing[0].end, "2025-07-30"))
BREAK(d575, c->missing[0].end[0] = '\0')
BREAK(d577, SET(c->missing[0].end, "2025-12-20"))
BREAK(d578, SET(c->missing[0].start, "2025-04-10"); SET(c->missing[0].end,
    "2025-04-12"))
BREAK(d586, SET(c->dob, "2025-08-01"))
BREAK(d632, SET(c->periods[0].prev_date, "2020-02-01"))
BREAK(d633, SET(c->periods[0].prev_la, "999X"))
BREAK(d635, SET(c->periods[0].prev_perm, "Z1"))
BREAK(d151, c->perms[0].sex[0] = '\0')
BREAK(d331, SET(c->perms[0].matched, "2025-11-01"))
BREAK(d333, SET(c->perms[0].matched, "2025-05-20"))
BREAK(d334, SET(c->perms[0].shobpa, "2025-04-20"))
BREAK(d335, c->perms[0].by_carer = 1)
BREAK(d521, SET(c->perms[0].shobpa, "2025-10-15"))
BREAK(d511, SET(c->perms[0].sex, "F1"))
BREAK(d514, SET(c->perms[0].status, "L0"))
BREAK(d517, SET(c->perms[0].status, "L3"); SET(c->perms[0].sex, "MM"))
BREAK(d518, SET(c->perms[0].status, "L4"))
BREAK(d519, SET(c->perms[0].status, "L2"); SET(c->perms[0].sex, "M1");
    c->perms[0].count = 1)
BREAK(d520, SET(c->perms[0].sex, "FF"))
BREAK(d524, SET(c->perms[0].status, "L12"))
BREAK(d115, SET(c->perms[0].shobpa, "2025-05-32"))
BREAK(d116, SET(c->perms[0].reversed, "2025-11-31"))
BREAK(d117, SET(c->perms[0].reversed, "2026-02-15"))
BREAK(d118, SET(c->perms[0].reversed, "2025-04-20"))
BREAK(d119, c->perms[0].reason[0] = '\0')
BREAK(d184, SET(c->dob, "2025-06-01"))
BREAK(d522, SET(c->perms[0].reversed, "2025-04-25"))
BREAK(d1003, SET(c->perms[0].shobpa, "2025-04-20"))
BREAK(d554, SET(c->perms[0].shobpa, "2025-05-20"))
BREAK(d552, SET(c->perms[0].shobpa, "2025-10-15"); SET(c->perms[0].matched,
    "2025-10-20"))
BREAK(d558, SET(c->perms[0].reversed, "2025-12-01"); SET(c->perms[0].reason,
    "RD4"))
BREAK(dsw01a, SET(c->allocs[0].start, "2023-01-01"); c->allocs[0].swe[0] = 0)
BREAK(dsw04, SET(c->allocs[0].start, "2025-13-01"))
BREAK(dsw05, SET(c->allocs[0].end, "2025-11-31"))
BREAK(dsw17, SET(c->allocs[0].end, "2026-02-01"))
BREAK(dsw09, SET(c->allocs[0].end, "2025-05-01"))
BREAK(dsw10, SET(c->allocs[0].end, "2025-08-01"))
BREAK(dsw11b, SET(c->allocs[0].end, "2026-03-28"))
BREAK(d702, SET(c->dolos[0].start, "2026-06-01"))
BREAK(d707, SET(c->eps[0].end, "2026-05-01"); SET(c->eps[0].rec, "E13"))
BREAK(d708, SET(c->dob, "2025-08-01"))
BREAK(d710, SET(c->eps[0].place, "K3"))
BREAK(d104, SET(c->uasc_end, "2025-03-01"))
BREAK(d304, SET(c->uasc_end, "2025-10-01"))
BREAK(d167, SET(c->reviews[1].pn, "PN9"))
BREAK(d166, SET(c->reviews[0].date, "2025-06-31"))
BREAK(d112, SET(c->perms[0].shobpa, "2025-06-31"))
BREAK(d113, SET(c->perms[0].matched, "2025-09-31"))
BREAK(d630, c->periods[0].prev_perm[0] = '\0')
BREAK(d8805, c->refs[0].reason[0] = '\0')
BREAK(d8810, SET(c->refs[0].reason, "RC7"))

static void s_mum(struct rt_child *c) { SET(c->dob, "2008-01-01");
    SET(c->mc_dob, "2025-01-01"); }
static void s_un4(struct rt_child *c) { SET(c->upn, "UN4");
    SET(c->eps[0].start, "2026-03-28"); }
static void s_uasc16(struct rt_child *c) { c->uasc = 1; SET(c->dob,
    "2010-01-01"); }
static void s_missing_ended(struct rt_child *c) { s_missing(c);
    SET(c->eps[0].end, "2025-12-01"); SET(c->eps[0].rec, "E13"); }
static void s_pp(struct rt_child *c) { SET(c->periods[0].prev_perm, "P1");
    SET(c->periods[0].prev_la, "202"); SET(c->periods[0].prev_date,
    "01/02/2020"); }

static void
s_missing_twice(struct rt_child *c)
{
	struct rt_missing first;

	s_missing(c);
	first = c->missing[0];
	*PUSH(c, missing) = first;
	SET(c->missing[1].start, "2025-09-01");
	SET(c->missing[1].end, "2025-09-02");
}

BREAK(d574, SET(c->missing[1].start, "2025-08-01"); SET(c->missing[1].end,
    "2025-08-05"))

/* Matched, then placed for adoption (A6) under an order, then adopted. */
static void
s_adopt(struct rt_child *c)
{
	struct rt_episode *e;
	struct rt_perm *p = PUSH(c, perms);

	SET(c->eps[0].end, "2025-10-01");
	SET(c->eps[0].rec, "X1");
	SET(c->eps[0].rpc, "APPRR");
	e = PUSH(c, eps);
	*e = c->eps[0];
	e->id = 21;
	SET(e->start, "2025-10-01");
	SET(e->end, "2026-01-10");
	SET(e->rec, "E11");
	e->rpc[0] = '\0';
	SET(e->rne, "U");
	SET(e->ls, "E1");
	SET(e->place, "A6");
	SET(p->shobpa, "2025-06-01");
	SET(p->matched, "2025-09-01");
	p->count = 2;
	SET(p->sex, "MF");
	SET(p->status, "L11");
}

static void
s_two_decisions(struct rt_child *c)
{
	struct rt_perm *p;

	s_adoption(c);
	p = PUSH(c, perms);
	*p = c->perms[0];
	p->id = 71;
	SET(p->shobpa, "2025-06-01");
	p->reversed[0] = p->reason[0] = '\0';
	SET(c->perms[0].shobpa, "2025-05-10");
	SET(c->perms[0].reversed, "2025-05-20");
	SET(c->perms[0].reason, "RD1");
}

BREAK(d579, c->perms[0].reversed[0] = '\0'; c->perms[0].reason[0] = '\0';
    SET(c->perms[1].shobpa, "2025-08-01"))
BREAK(d583, c->perms[0].reversed[0] = '\0'; c->perms[0].reason[0] = '\0')

static void
s_sw2(struct rt_child *c)
{
	struct rt_alloc *w = PUSH(c, allocs);

	*w = c->allocs[0];
	w->id = 51;
	SET(w->start, "2025-10-01");
	SET(w->reason, "LEFTRL");
	SET(w->swe, "SW654321");
}

static void
s_dolo_two(struct rt_child *c)
{
	struct rt_period first;

	s_dolo_ended(c);
	first = c->dolos[0];
	*PUSH(c, dolos) = first;
	SET(c->dolos[1].start, "2026-06-01");
	c->dolos[1].end[0] = '\0';
}
BREAK(d705, SET(c->dolos[1].start, "2026-05-01"))

BREAK(c1510, SET(c->upn, "B318250000017"))
BREAK(c1530, SET(c->upn, "A999250000017"))
BREAK(c1540, SET(c->upn, "A3182500000"))
BREAK(c1550, SET(c->upn, "A31825000001I"))
BREAK(c1560, SET(c->former_upn, "123"))
BREAK(c4180, SET(c->sex, "X"))
BREAK(c8520, SET(c->dob, "2026-05-01"))
BREAK(c8525, c->dob[0] = '\0')
BREAK(c8530, SET(c->expected_dob, "2026-01-01"))
BREAK(c8535, SET(c->dob, "2026-03-01"))
BREAK(c8545, SET(c->death, "2025-02-01"))
BREAK(c8770, SET(c->upn, "UN1"))
BREAK(c8775, SET(c->dob, "1999-01-01"))
BREAK(c4220, SET(c->ethnic, "WELSH"))
BREAK(c8540, c->n_disabilities = 0)
BREAK(c8555, SET(c->death, "2025-05-01"))
BREAK(c_nfa, c->refs[0].nfa = 1)
BREAK(c8585, SET(c->refs[0].reason, "RC2"))
BREAK(c8606, SET(c->dob, "2026-05-01"))
BREAK(c8630, SET(c->refs[0].closed, "2025-05-01"))
BREAK(c8640, SET(c->refs[0].reason, "RC0"))
BREAK(c8650, SET(c->refs[0].need, "N99"))
BREAK(c8866, SET(c->refs[0].source, "ZZ"))
BREAK(c2990, SET(c->refs[0].reason, "RC8"))
BREAK(c8825, SET(c->refs[0].reason, "RC8"); c->n_assessments = 0)
BREAK(c8867, c->assessments[0].authorised[0] = '\0')
BREAK(c8868, c->s47s[0].not_required = 1)
BREAK(c2991, c->n_assessments = 0)
BREAK(c1103, SET(c->assessments[0].start, "2025-06-01"))
BREAK(c8608, SET(c->assessments[0].start, "2025-07-25"))
BREAK(c8736, SET(c->assessments[0].start, "2025-03-01");
    c->assessments[0].authorised[0] = '\0')
BREAK(c8897, SET(c->assessments[0].factors, "99Z"))
BREAK(c8898, SET(c->assessments[0].factors, "3B,3B"))
BREAK(c8945, SET(c->assessments[0].factors, "18A"))
BREAK(c8950, SET(c->assessments[0].factors, "19A"))
BREAK(c4015, SET(c->cinplans[0].start, "2025-05-01"))
BREAK(c4011, SET(c->cinplans[0].end, "2026-01-10"))
BREAK(c4012, SET(c->cinplans[0].end, "2026-01-15"))
BREAK(c4008, SET(c->death, "2026-01-10"))
BREAK(c4009, SET(c->cinplans[0].end, "2026-03-01"))
BREAK(c2889, SET(c->s47s[0].start, "2025-06-01"))
BREAK(c1104, c->confs[0].s47 = 32; SET(c->confs[0].date, "2025-06-01");
    SET(c->s47s[0].start, "2025-05-30"))
BREAK(c8615, c->confs[0].s47 = 32; SET(c->confs[0].date, "2025-06-05"))
BREAK(c_noicpc, SET(c->confs[0].kind, "review"))
BREAK(c8740, SET(c->confs[0].kind, "review"); SET(c->s47s[0].start,
    "2025-03-10"))
BREAK(c8875, SET(c->confs[0].date, "2025-07-05"); SET(c->cpplans[0].start,
    "2025-07-05"))
BREAK(c1105, SET(c->cpplans[0].start, "2025-06-01"))
BREAK(c8840, SET(c->cpplans[0].end, "2025-07-01"))
BREAK(c8925, SET(c->cpplans[0].end, "2025-06-20"))
BREAK(c8905, SET(c->cpplans[0].initial, "XXX"))
BREAK(c8910, SET(c->cpplans[0].latest, "XXX"))
BREAK(c8915, SET(c->death, "2025-06-30"))
BREAK(c4016, SET(c->cinplans[0].start, "2025-08-01"))
BREAK(c4017, SET(c->cinplans[0].start, "2025-06-15"))

static void s_unborn(struct rt_child *c) { c->dob[0] = '\0';
    SET(c->expected_dob, "2026-05-01"); }
static void s_died(struct rt_child *c) { SET(c->death, "2026-02-01"); }
static void s_died_plan(struct rt_child *c) { s_died(c);
    SET(c->cinplans[0].end, "2026-01-31"); }
static void s_carried(struct rt_child *c) { SET(c->refs[0].date,
    "2025-03-01"); }

static void
c8863(struct rt_child *c)
{
	struct rt_assessment *a = PUSH(c, assessments);

	*a = c->assessments[0];
	a->id = 38;
	SET(a->start, "2025-07-01");
	SET(a->authorised, "2025-08-01");
}

static void
c8896(struct rt_child *c)
{
	c8863(c);
	c->assessments[0].authorised[0] = c->assessments[1].authorised[0] = 0;
	SET(c->assessments[1].start, "2025-08-01");
}

static void
c4004(struct rt_child *c)
{
	struct rt_cinplan *p = PUSH(c, cinplans);

	*p = c->cinplans[0];
	p->id = 39;
	SET(p->start, "2026-02-01");
}

static void
c8890(struct rt_child *c)
{
	struct rt_s47 *k = PUSH(c, s47s);

	*k = c->s47s[0];
	k->id = 40;
	SET(k->start, "2025-06-20");
}

static void c8839(struct rt_child *c) { c8890(c); SET(c->confs[0].kind,
    "review"); }

static void
c8841(struct rt_child *c)
{
	struct rt_conference *m = PUSH(c, confs);

	*m = c->confs[0];
	m->id = 41;
	SET(m->kind, "review");
}

static void
c8940(struct rt_child *c)
{
	struct rt_cpplan *p = PUSH(c, cpplans);

	*p = c->cpplans[0];
	p->id = 42;
	SET(p->start, "2025-08-01");
}

static void c8935(struct rt_child *c) { c8940(c);
    c->cpplans[0].end[0] = c->cpplans[1].end[0] = '\0'; }

static void
c8794(struct rt_child *c)
{
	SET(PUSH(c, disabilities)->code, "AUT");
}

BREAK(d178, SET(c->eps[0].provider, "PR9"))
BREAK(d392b, c->n_addresses = 0)
BREAK(d551, c->n_perms = 0)
BREAK(d234, SET(c->dob, "2017-01-01"))
BREAK(d580, SET(c->eps[0].rec, "E13"))
BREAK(d363, SET(c->eps[0].end, "2025-05-20"))
BREAK(d364, SET(c->eps[0].end, "2025-06-10"))
BREAK(d336, SET(c->eps[0].place, "K2"))
BREAK(d199, SET(c->eps[0].rec, "E11"))
BREAK(d581, SET(c->missing[0].start, "2025-04-10"); SET(c->missing[0].end,
    "2025-04-12"))
BREAK(d582, SET(c->perms[0].matched, "2026-01-10"))
BREAK(d1011, SET(c->eps[0].end, "2025-12-01"); SET(c->eps[0].rec, "E3"))
BREAK(d1000, SET(c->eps[0].end, "2025-12-01"); SET(c->eps[0].rec, "E2"))
BREAK(d347, SET(c->leavers[0].accom, "T"); SET(c->dob, "2007-06-01"))
BREAK(d3001, SET(c->leavers[0].accom, "Z"); SET(c->dob, "2008-06-01"))
BREAK(d1007, SET(c->dob, "2008-01-01"))
BREAK(d1016, SET(c->eps[0].end, "2025-09-01"); SET(c->eps[0].rec, "E8"))

/* 17 at 31 March and still in care: 1007's, not 1016's. */
static void
s_leaver17(struct rt_child *c)
{
	s_leaver(c);
	SET(c->dob, "2008-06-01");
}

BREAK(c8870, SET(c->confs[0].target, "2025-07-05"))

BREAK(d388, SET(c->eps[0].rec, "E13"))
BREAK(d454, SET(c->eps[0].postcode, "ZE2 9AA"))
BREAK(dsw12, SET(c->allocs[0].start, "2025-06-01"))
BREAK(d383, SET(c->eps[2].place, "U6"))
BREAK(d205b, SET(c->uasc_end, "2025-08-01"))
BREAK(d1001, c->n_eps = 0)
BREAK(c4003, SET(c->cinplans[0].start, "2025-12-01"))

/* Back from a temporary placement to the placement before it. */
static void
s_temp_back(struct rt_child *c)
{
	struct rt_episode *e;

	s_temp(c);
	SET(c->eps[1].end, "2025-09-10");
	SET(c->eps[1].rec, "X1");
	e = PUSH(c, eps);
	*e = c->eps[0];
	e->id = 22;
	SET(e->start, "2025-09-10");
	e->end[0] = e->rec[0] = e->rpc[0] = '\0';
	SET(e->rne, "P");
}

static void s_uasc_long(struct rt_child *c) { s_uasc(c);
    SET(c->periods[0].start, "2024-06-01"); SET(c->eps[0].start,
    "2024-06-01"); }

static void
s_cp_review(struct rt_child *c)
{
	struct rt_conference *m = PUSH(c, confs);

	*m = c->confs[0];
	m->id = 43;
	SET(m->kind, "review");
	SET(m->date, "2025-12-10");
}

static void s_custod(struct rt_child *c) { s_move(c); SET(c->eps[0].rpc,
    "CUSTOD"); SET(c->dob, "2010-01-01"); }
static void s_l3(struct rt_child *c) { SET(c->eps[0].ls, "L3");
    SET(c->eps[0].end, "2025-05-05"); SET(c->eps[0].rec, "E13"); }
static void s_j2(struct rt_child *c) { SET(c->eps[0].ls, "J2");
    SET(c->eps[0].end, "2025-05-20"); SET(c->eps[0].rec, "E13"); }
static void s_a4(struct rt_child *c) { s_move(c); SET(c->eps[1].place,
    "A4"); }

/* Missing on the day care ended at 18, as E8 says. */
static void
s_missing_at_18(struct rt_child *c)
{
	s_missing(c);
	SET(c->dob, "2007-10-01");
	SET(c->missing[0].start, "2025-09-30");
	SET(c->missing[0].end, "2025-10-01");
	SET(c->eps[0].end, "2025-10-01");
	SET(c->eps[0].rec, "E8");
}

static void
dint35(struct rt_child *c)
{
	struct rt_period *p = PUSH(c, periods);

	*p = c->periods[0];
	p->id = 11;
	SET(p->start, "2025-11-01");
}

static void
d523(struct rt_child *c)
{
	struct rt_perm *p = PUSH(c, perms);

	*p = c->perms[0];
	p->id = 72;
	SET(p->shobpa, "2025-07-01");
}

static void d215(struct rt_child *c) { s_oc2(c); }
static void d134(struct rt_child *c) { s_adopted(c); }

static void
d348(struct rt_child *c)
{
	struct rt_leaver *l = PUSH(c, leavers);

	*l = c->leavers[0];
	l->id = 73;
	SET(l->date, "2025-01-10");
	SET(l->in_touch, "DIED");
}

static void s_parents(struct rt_child *c) { SET(c->eps[0].place, "P1");
    SET(c->eps[0].provider, "PR0"); }
BREAK(d218, c->eps[0].urn[0] = '\0')
BREAK(d358, SET(c->eps[0].ls, "J2"))
BREAK(d709, SET(c->eps[0].place, "U4"))
BREAK(d440, SET(c->reviews[0].pn, "PN0"))
BREAK(d441, SET(c->reviews[0].pn, "PN1"))
BREAK(d442, c->upn[0] = '\0')
BREAK(d209, SET(c->upn, "UN1"))
BREAK(dsw01b, c->allocs[0].reason[0] = '\0')
BREAK(dsw01b_id, c->allocs[0].swe[0] = '\0')
BREAK(dsw13, SET(c->allocs[0].reason, "BORED"))
BREAK(dsw02, SET(c->allocs[0].swe, "AB123456"))
BREAK(d180, SET(c->health[2].value, "41"))
BREAK(d196, SET(c->health[2].value, "SDQ9"))
BREAK(d157, SET(c->health[2].value, "SDQ1"))
BREAK(d186, c->n_health = 2)
BREAK(d131, SET(c->leavers[0].in_touch, "MAYBE"))
BREAK(d132, SET(c->leavers[0].activity, "F9"))
BREAK(d133, SET(c->leavers[0].accom, "Q"))
BREAK(d153, c->leavers[0].activity[0] = '\0')
BREAK(d345, SET(c->leavers[0].accom, "0"))
BREAK(d114, c->perms[0].by_carer = 3)
BREAK(d175, c->perms[0].count = 3)
BREAK(d176, SET(c->perms[0].sex, "XY"))
BREAK(d177, SET(c->perms[0].status, "L9"))
BREAK(d120, SET(c->perms[0].reason, "RD9"))
BREAK(d553, c->n_perms = 0)
BREAK(d557, c->perms[0].reversed[0] = '\0')
BREAK(d553b, SET(c->perms[0].reversed, "2026-02-01");
    SET(c->perms[0].reason, "RD1"))

/* A later decision to place, still in force when care ended. */
static void
d557b(struct rt_child *c)
{
	SET(PUSH(c, perms)->shobpa, "2025-09-01");
}

static void s_e1_open(struct rt_child *c);
BREAK(d631, SET(c->periods[0].prev_perm, "P9"))
BREAK(d1006, SET(c->missing[0].kind, "X"))
BREAK(d1004, SET(c->missing[0].start, "2025-08-32"))
BREAK(d1005, SET(c->missing[0].end, "2025-08-32"))
BREAK(d700, SET(c->dolos[0].start, "2026-13-01"))
BREAK(d701, SET(c->dolos[0].end, "2026-13-01"))
BREAK(d1015, SET(c->eps[0].postcode, "N17 0UF"))
BREAK(d371, SET(c->dob, "2012-01-01"))
BREAK(d373, SET(c->dob, "2022-01-01"))
BREAK(d8610, c->refs[0].need[0] = '\0')
BREAK(d8614, c->assessments[0].authorised[0] = '\0')
BREAK(d8869, SET(c->assessments[0].factors, "21,3B"))
BREAK(d8873, SET(c->refs[0].reason, "RC7"))
BREAK(d4001, c->cpplans[0].end[0] = '\0')
BREAK(d2885, SET(c->confs[0].date, "2025-07-02"))
BREAK(d8772, SET(c->upn, "UN7"))

static void
s_sdq(struct rt_child *c)
{
	s_oc2(c);
	SET(c->dob, "2021-06-01");	/* 4 in the year: 197B, not 186 */
}

static void
s_young_review(struct rt_child *c)
{
	SET(c->dob, "2021-09-01");
	SET(c->reviews[0].pn, "PN0");
	SET(c->reviews[1].pn, "PN0");
	SET(c->reviews[2].pn, "PN0");
}

static void
s_adoption(struct rt_child *c)
{
	struct rt_perm *p = PUSH(c, perms);

	SET(c->eps[0].ls, "E1");
	SET(c->eps[0].end, "2026-02-01");
	SET(c->eps[0].rec, "E13");
	SET(p->shobpa, "2025-05-01");	/* with the placement order */
	SET(p->reversed, "2026-02-01");
	SET(p->reason, "RD1");
}

/* A placement order still in force, its decision to place not ceased. */
static void
s_e1_open(struct rt_child *c)
{
	s_adoption(c);
	c->eps[0].end[0] = c->eps[0].rec[0] = '\0';
	c->perms[0].reversed[0] = c->perms[0].reason[0] = '\0';
}

static void
s_missing(struct rt_child *c)
{
	struct rt_missing *m = PUSH(c, missing);

	SET(m->kind, "M");
	SET(m->start, "2025-08-01");
	SET(m->end, "2025-08-02");
}

static void
s_dolo_ended(struct rt_child *c)
{
	s_dolo(c);
	SET(c->dolos[0].end, "2026-06-01");
}

static void
s_own(struct rt_child *c)
{
	SET(c->eps[0].place, "R1");
	SET(c->eps[0].postcode, "NW5 1TL");
}

static void s_k3(struct rt_child *c) { SET(c->dob, "2008-01-01");
    SET(c->eps[0].place, "K3"); }
static void s_s1(struct rt_child *c) { SET(c->eps[0].place, "S1"); }

static void
s_nofactors(struct rt_child *c)
{
	SET(c->assessments[0].factors, "21");
	s_closed(c);
	SET(c->refs[0].reason, "RC8");
}

static const struct {
	const char *dfe;
	int year;		/* 2026 unless given */
	void (*setup)(struct rt_child *);
	void (*breaker)(struct rt_child *);
} dfe_cases[] = {
	{ "101", 0, s_none, d101 }, { "102", 0, s_none, d102 },
	{ "103", 0, s_none, d103 }, { "171", 0, s_none, d171 },
	{ "301", 0, s_none, d301 }, { "141", 0, s_none, d141 },
	{ "147", 0, s_none, d147 }, { "143", 0, s_none, d143 },
	{ "144", 0, s_none, d144 }, { "145", 0, s_none, d145 },
	{ "146", 0, s_none, d146 }, { "149", 0, s_none, d149 },
	{ "1009", 0, s_move, d1009 }, { "550", 0, s_none, d550 },
	{ "213", 0, s_none, d213 }, { "526", 0, s_none, d526 },
	{ "529", 0, s_none, d529 }, { "527", 0, s_parents, d527 },
	{ "528", 0, s_parents, d528 }, { "530", 0, s_parents, d530 },
	{ "531", 0, s_parents, d531 },
	{ "168", 0, s_none, d168 }, { "232", 0, s_none, d232 },
	{ "351", 0, s_none, d351 }, { "620", 0, s_mum, d620 },
	{ "621", 0, s_mum, d621 }, { "625", 0, s_mum, d625 },
	{ "210", 0, s_un4, d210 }, { "231", 0, s_uasc16, d231 },
	{ "565", 0, s_missing, d565 },
	{ "566", 0, s_missing, d566 }, { "567", 0, s_missing, d567 },
	{ "574", 0, s_missing_twice, d574 },
	{ "575", 0, s_missing_ended, d575 }, { "577", 0, s_missing_ended, d577 },
	{ "578", 0, s_missing, d578 }, { "586", 0, s_missing, d586 },
	{ "632", 0, s_pp, d632 }, { "633", 0, s_pp, d633 },
	{ "635", 0, s_pp, d635 },
	{ "151", 0, s_adopt, d151 }, { "601", 0, s_adopt, d151 }, { "331", 0, s_adopt, d331 },
	{ "333", 0, s_adopt, d333 }, { "334", 0, s_adopt, d334 },
	{ "335", 0, s_adopt, d335 }, { "521", 0, s_adopt, d521 },
	{ "511", 0, s_adopt, d511 }, { "514", 0, s_adopt, d514 },
	{ "517", 0, s_adopt, d517 }, { "518", 0, s_adopt, d518 },
	{ "519", 0, s_adopt, d519 }, { "520", 0, s_adopt, d520 },
	{ "524", 0, s_adopt, d524 },
	{ "115", 0, s_adoption, d115 }, { "116", 0, s_adoption, d116 },
	{ "117", 0, s_adoption, d117 }, { "118", 0, s_adoption, d118 },
	{ "119", 0, s_adoption, d119 }, { "184", 0, s_adoption, d184 },
	{ "522", 0, s_adoption, d522 }, { "1003", 0, s_adoption, d1003 },
	{ "554", 0, s_adoption, d554 }, { "552", 0, s_adopt, d552 },
	{ "558", 0, s_adopt, d558 }, { "579", 0, s_two_decisions, d579 },
	{ "583", 0, s_two_decisions, d583 },
	{ "SW01aSTG1", 0, s_none, dsw01a }, { "SW04STG1", 0, s_none, dsw04 },
	{ "SW05STG1", 0, s_none, dsw05 }, { "SW17STG2", 0, s_none, dsw17 },
	{ "SW09STG2", 0, s_none, dsw09 }, { "SW10STG2", 0, s_sw2, dsw10 },
	{ "SW11bSTG2", 0, s_none, dsw11b },
	{ "702", 2027, s_dolo_ended, d702 }, { "705", 2027, s_dolo_two, d705 },
	{ "707", 2027, s_dolo, d707 }, { "708", 2027, s_dolo, d708 },
	{ "710", 2027, s_dolo, d710 },
	{ "104", 0, s_uasc, d104 }, { "304", 0, s_uasc, d304 },
	{ "167", 0, s_none, d167 }, { "166", 0, s_none, d166 },
	{ "112", 0, s_adopted, d112 }, { "113", 0, s_adopted, d113 },
	{ "630", 0, s_none, d630 },
	{ "8805", 0, s_closed, d8805 }, { "8810", 0, s_none, d8810 },
	{ "1510", 0, s_none, c1510 }, { "1530", 0, s_none, c1530 },
	{ "1540", 0, s_none, c1540 }, { "1550", 0, s_none, c1550 },
	{ "1560Q", 0, s_none, c1560 }, { "4180", 0, s_none, c4180 },
	{ "8520", 0, s_none, c8520 }, { "8525Q", 0, s_none, c8525 },
	{ "8530Q", 0, s_unborn, c8530 }, { "8535Q", 0, s_died, c8535 },
	{ "8545Q", 0, s_died, c8545 }, { "8770Q", 0, s_none, c8770 },
	{ "8775Q", 0, s_none, c8775 }, { "4220", 0, s_none, c4220 },
	{ "8540", 0, s_none, c8540 }, { "8555Q", 0, s_died, c8555 },
	{ "8569Q", 0, s_carried, c_nfa }, { "8585Q", 0, s_closed, c8585 },
	{ "8606", 0, s_none, c8606 }, { "8630", 0, s_closed, c8630 },
	{ "8640", 0, s_closed, c8640 }, { "8650", 0, s_none, c8650 },
	{ "8866", 0, s_none, c8866 }, { "2990", 0, s_closed, c2990 },
	{ "8825Q", 0, s_closed, c8825 }, { "8867", 0, s_closed, c8867 },
	{ "8868", 0, s_closed, c8868 }, { "4000", 0, s_none, c_nfa },
	{ "8831", 0, s_none, c_nfa }, { "8832", 0, s_none, c_nfa },
	{ "2991Q", 0, s_none, c2991 }, { "1103", 0, s_none, c1103 },
	{ "8608", 0, s_none, c8608 }, { "8670Q", 0, s_none, d8614 },
	{ "8736", 0, s_none, c8736 }, { "8863Q", 0, s_none, c8863 },
	{ "8896", 0, s_none, c8896 }, { "8897Q", 0, s_none, c8897 },
	{ "8898", 0, s_none, c8898 }, { "8945Q", 0, s_none, c8945 },
	{ "8950Q", 0, s_none, c8950 }, { "4015", 0, s_none, c4015 },
	{ "4011", 0, s_none, c4011 }, { "4012Q", 0, s_none, c4012 },
	{ "4008", 0, s_died, c4008 }, { "4009Q", 0, s_died_plan, c4009 },
	{ "4004", 0, s_none, c4004 }, { "2889", 0, s_none, c2889 },
	{ "1104", 0, s_none, c1104 }, { "8615", 0, s_none, c8615 },
	{ "8675Q", 0, s_none, c_noicpc }, { "8740", 0, s_none, c8740 },
	{ "8875", 0, s_none, c8875 }, { "8890", 0, s_none, c8890 },
	{ "8839", 0, s_none, c8839 }, { "1105", 0, s_none, c1105 },
	{ "8840", 0, s_none, c8840 }, { "8925", 0, s_none, c8925 },
	{ "8905", 0, s_none, c8905 }, { "8910", 0, s_none, c8910 },
	{ "8915", 0, s_died, c8915 }, { "8920", 0, s_died, c4008 },
	{ "8841", 0, s_none, c8841 }, { "8815", 0, s_none, b_open },
	{ "8816", 0, s_none, b_open }, { "8820", 0, s_none, b_open },
	{ "4014", 0, s_none, c4004 }, { "8940", 0, s_none, c8940 },
	{ "4016", 0, s_none, c4016 }, { "4017", 0, s_none, c4017 },
	{ "8790", 0, s_none, b_disab }, { "8794", 0, s_none, c8794 },
	{ "8935", 0, s_none, c8935 }, { "8870Q", 0, s_none, c8870 },
	{ "178", 0, s_none, d178 }, { "392b", 0, s_none, d392b },
	{ "551", 0, s_adopt, d551 }, { "234", 0, s_custod, d234 },
	{ "580", 0, s_missing_at_18, d580 }, { "363", 0, s_l3, d363 },
	{ "364", 0, s_j2, d364 }, { "336", 0, s_a4, d336 },
	{ "199", 0, s_move, d199 }, { "581", 0, s_missing, d581 },
	{ "INT35", 0, s_none, dint35 }, { "523", 0, s_adopt, d523 },
	{ "582", 0, s_adopt, d582 }, { "215", 0, s_leaver, d215 },
	{ "134", 0, s_leaver, d134 }, { "187", 0, s_leaver, d215 },
	{ "1011", 0, s_leaver, d1011 },
	{ "1000", 0, s_leaver, d1000 }, { "347", 0, s_leaver, d347 },
	{ "3001", 0, s_leaver, d3001 }, { "1007", 0, s_leaver, d1007 },
	{ "1016", 0, s_leaver17, d1016 }, { "348", 0, s_leaver, d348 },
	{ "388", 0, s_move, d388 }, { "454", 0, s_none, d454 },
	{ "SW12STG2", 0, s_none, dsw12 }, { "383", 0, s_temp_back, d383 },
	{ "205B", 0, s_uasc_long, d205b }, { "1001", 0, s_leaver, d1001 },
	{ "4003", 0, s_cp_review, c4003 },
	{ "148", 0, s_none, d148 }, { "355", 0, s_none, d355 },
	{ "356", 0, s_none, d356 }, { "353", 0, s_none, d353 },
	{ "446", 0, s_none, d446 }, { "380", 0, s_temp, d380 },
	{ "381", 0, s_temp, d381 }, { "382", 0, s_none, d382 },
	{ "214", 0, s_none, d214 }, { "366", 0, s_v3, d366 },
	{ "384", 0, s_v3, d384 }, { "217", 0, s_a3, d217 },
	{ "378", 0, s_none, d378 }, { "390", 0, s_a5, d390 },
	{ "408", 0, s_a5, d408 }, { "516", 0, s_sgo, d516 },
	{ "392d", 0, s_none, d392d }, { "302", 0, s_none, d302 },
	{ "352", 0, s_none, d352 }, { "359", 0, s_none, d359 },
	{ "372", 0, s_r5, d372 }, { "374", 0, s_p3, d374 },
	{ "386", 0, s_a5, dage_adult }, { "387", 0, s_e5, dage_child },
	{ "389", 0, s_e7, dage_child }, { "407", 0, s_sgo, dage_adult },
	{ "460", 0, s_e17, dage_child },
	{ "375", 0, s_temp, d375 }, { "376", 0, s_t3, d376 },
	{ "379", 0, s_t4, d379 }, { "377", 0, s_none, d377 },
	{ "361", 0, s_l1, d361 }, { "362", 0, s_l2, d362 },
	{ "365", 0, s_v3, d365 }, { "367", 0, s_v3, d367 },
	{ "426", 0, s_v3, d426 },
	{ "142", 0, s_move, d142 }, { "501", 0, s_move, d501 },
	{ "431", 0, s_move, d431 }, { "432", 0, s_move, d432 },
	{ "433", 0, s_move, d433 }, { "434", 0, s_move, d434 },
	{ "435", 0, s_move, d435 }, { "436", 0, s_move, d436 },
	{ "437", 0, s_move, d437 }, { "504", 0, s_move, d504 },
	{ "357", 0, s_none, d357 }, { "225", 0, s_move, d225 },
	{ "226", 0, s_temp, d226 },
	{ "218", 0, s_none, d218 }, { "358", 0, s_young, d358 },
	{ "709", 2027, s_dolo, d709 },
	{ "440", 0, s_none, d440 }, { "441", 0, s_young_review, d441 },
	{ "442", 0, s_none, d442 }, { "209", 0, s_none, d209 },
	{ "SW01bSTG1", 0, s_none, dsw01b }, { "SW13STG1", 0, s_none, dsw13 },
	{ "SW01bSTG1", 0, s_none, dsw01b_id }, { "SW13STG1", 0, s_none, dsw01b },
	{ "553", 0, s_e1_open, d553b }, { "557", 0, s_adoption, d557b },
	{ "SW02STG1", 0, s_none, dsw02 },
	{ "180", 0, s_oc2, d180 }, { "196", 0, s_oc2, d196 },
	{ "157", 0, s_oc2, d157 }, { "186", 0, s_oc2, d186 },
	{ "197B", 0, s_sdq, d186 },
	{ "131", 0, s_leaver, d131 }, { "132", 0, s_leaver, d132 },
	{ "133", 0, s_leaver, d133 }, { "153", 0, s_leaver, d153 },
	{ "345", 0, s_leaver, d345 },
	{ "114", 0, s_adopted, d114 }, { "175", 0, s_adopted, d175 },
	{ "176", 0, s_adopted, d176 }, { "177", 0, s_adopted, d177 },
	{ "120", 0, s_adoption, d120 }, { "553", 0, s_adoption, d553 },
	{ "557", 0, s_adoption, d557 }, { "631", 0, s_none, d631 },
	{ "1006", 0, s_missing, d1006 }, { "1004", 0, s_missing, d1004 },
	{ "1005", 0, s_missing, d1005 },
	{ "700", 2027, s_dolo, d700 }, { "701", 2027, s_dolo_ended, d701 },
	{ "1015", 0, s_own, d1015 }, { "371", 0, s_k3, d371 },
	{ "373", 0, s_s1, d373 },
	{ "8610", 0, s_none, d8610 }, { "8614", 0, s_none, d8614 },
	{ "8869", 0, s_none, d8869 }, { "8873Q", 0, s_nofactors, d8873 },
	{ "4001", 0, s_none, d4001 }, { "2885", 0, s_none, d2885 },
	{ "8565", 0, s_closed, b_after }, { "8772", 0, s_none, d8772 },
};

/*
 * Every DfE rule a check implements has a case: the set-up child passes
 * it and the broken one is flagged under that rule's code.
 */
static void
test_each_dfe_rule(void **state)
{
	size_t i, j, n, ncases = sizeof dfe_cases / sizeof dfe_cases[0];
	const struct check_def *all = checks_all(&n);

	(void)state;
	for (i = 0; i < n; i++) {
		const char *p = all[i].dfe;

		while (*p) {
			char code[12];
			size_t w = strcspn(p, " ");

			snprintf(code, sizeof code, "%.*s", (int)w, p);
			for (j = 0; j < ncases; j++)
				if (strcmp(dfe_cases[j].dfe, code) == 0)
					break;
			if (j == ncases && all[i].run != NULL)
				fail_msg("rule %s (%s) has no test case", code,
				    all[i].id);
			p += w;
			p += strspn(p, " ");
		}
	}
	for (j = 0; j < ncases; j++) {
		struct problems pass = { 0 }, bad = { 0 };
		int year = dfe_cases[j].year ? dfe_cases[j].year : 2026;

		run_year(dfe_cases[j].setup, NULL, year, &pass);
		run_year(dfe_cases[j].setup, dfe_cases[j].breaker, year, &bad);
		if (checks_count_dfe(&pass, dfe_cases[j].dfe) != 0)
			fail_msg("%s flags its passing case", dfe_cases[j].dfe);
		if (checks_count_dfe(&bad, dfe_cases[j].dfe) == 0)
			fail_msg("%s misses its failing case", dfe_cases[j].dfe);
		checks_fini(&pass);
		checks_fini(&bad);
	}
}

/* The rules of the whole return, on two children built alike. */
static size_t
run_return(void (*breaker)(struct rt_child *), const char *dfe)
{
	struct rt_set set = { NULL, 2, NULL, 0 };
	struct check_ctx x;
	struct problems ps = { 0 };
	size_t n, i;

	set.c = xcalloc(2, sizeof *set.c);
	base(&set.c[0]);
	base(&set.c[1]);
	set.c[1].id = 2;
	SET(set.c[1].upn, "B318250000018");
	if (breaker)
		breaker(set.c);
	checks_ctx_init(&x, 2026, "2026-04-15", &cal);
	checks_return(&set, &x, CHECKS_SSDA903 | CHECKS_CIN, &ps);
	n = checks_count_dfe(&ps, dfe);
	checks_fini(&ps);
	for (i = 0; i < 2; i++) {
		struct rt_set one = { xmalloc(sizeof *one.c), 1, NULL, 0 };

		*one.c = set.c[i];
		returns_fini(&one);
	}
	free(set.c);
	return n;
}

static void same_upn(struct rt_child *c) { SET(c[1].upn, c[0].upn); }
static void sex_unknown(struct rt_child *c) { SET(c[1].sex, "U"); }
static void no_conference(struct rt_child *c) { c[0].n_confs = 0; }

/* Eight codes between the two, and one child with two of them. */
static void
many_disabilities(struct rt_child *c)
{
	static const char *const codes[] = { "MOB", "HAND", "PC", "INC",
	    "COMM", "LD", "HEAR", "VIS" };
	size_t i;

	for (i = 0; i < 8; i++)
		SET(PUSH(&c[i % 2], disabilities)->code, codes[i]);
}

/* 444, 1520, 2886Q, 2887Q, 2888Q judge the whole return: each passes and fails. */
static void
test_return_rules(void **state)
{
	(void)state;
	assert_int_equal(run_return(NULL, "444"), 0);
	assert_true(run_return(same_upn, "444") > 0);
	assert_int_equal(run_return(NULL, "1520"), 0);
	assert_true(run_return(same_upn, "1520") > 0);
	assert_int_equal(run_return(NULL, "2883"), 0);
	assert_true(run_return(no_conference, "2883") > 0);
	assert_int_equal(run_return(NULL, "2886Q"), 0);
	assert_true(run_return(sex_unknown, "2886Q") > 0);
	assert_true(run_return(NULL, "2887Q") > 0);	/* only AUT */
	assert_true(run_return(NULL, "2888Q") > 0);	/* one each */
	assert_int_equal(run_return(many_disabilities, "2887Q"), 0);
	assert_int_equal(run_return(many_disabilities, "2888Q"), 0);
}

/* An assessment begun three weeks ago, a short break begun last week. */
static void
s_this_autumn(struct rt_child *c)
{
	struct rt_assessment *a = PUSH(c, assessments);

	*a = c->assessments[0];
	a->id = 44;
	SET(a->start, "2026-11-02");
	a->authorised[0] = a->factors[0] = '\0';
	SET(c->eps[0].ls, "V3");
	SET(c->eps[0].place, "U6");
	SET(c->eps[0].start, "2026-11-16");
	SET(c->periods[0].start, "2026-11-16");
}

/*
 * A return for a year still running does not claim what is not yet due:
 * the same record is fine in November and wrong once the year is over.
 */
static void
test_running_year(void **state)
{
	static const char *const rules[] = { "8670Q", "365" };
	size_t i;

	(void)state;
	for (i = 0; i < 2; i++) {
		struct problems now = { 0 }, after = { 0 };

		run_on(s_this_autumn, NULL, 2027, "2026-11-23", &now);
		run_on(s_this_autumn, NULL, 2027, "2027-04-15", &after);
		if (checks_count_dfe(&now, rules[i]) != 0)
			fail_msg("%s raised before it is due", rules[i]);
		if (checks_count_dfe(&after, rules[i]) == 0)
			fail_msg("%s not raised once the year is over", rules[i]);
		checks_fini(&now);
		checks_fini(&after);
	}
}

/* ---- every published rule has a row in casework/data/dfe-rules.ini ---- */

/* The check with id, or NULL. */
static const struct check_def *
check_named(const char *id)
{
	size_t i, n;
	const struct check_def *all = checks_all(&n);

	for (i = 0; i < n; i++)
		if (strcmp(all[i].id, id) == 0)
			return &all[i];
	return NULL;
}

/* Whether check d lists code (any case: the file's sections are lower). */
static int
implements_ci(const struct check_def *d, const char *code)
{
	const char *p = d->dfe;
	size_t n = strlen(code);

	while (*p) {
		size_t w = strcspn(p, " ");

		if (w == n && strncasecmp(p, code, n) == 0)
			return 1;
		p += w;
		p += strspn(p, " ");
	}
	return 0;
}

/* Every "#### CODE" of a reference file has a section RET.CODE in d. */
static size_t
reference_rows(dictionary *d, const char *file, const char *ret)
{
	char *path = xasprintf("%s/../shared/reference/%s", getenv("top_srcdir") ?
	    getenv("top_srcdir") : ".", file);
	FILE *f = fopen(path, "r");
	char line[512];
	size_t n = 0;

	if (f == NULL) {
		print_message("# %s not found: not compared\n", path);
		free(path);
		return 0;
	}
	while (fgets(line, sizeof line, f) != NULL) {
		char code[24], sec[40];

		if (sscanf(line, "#### %23s", code) != 1)
			continue;
		n++;
		snprintf(sec, sizeof sec, "%s.%s", ret, code);
		if (!iniparser_find_entry(d, sec))
			fail_msg("%s rule %s has no row in dfe-rules.ini", ret,
			    code);
	}
	fclose(f);
	free(path);
	return n;
}

/*
 * The table of the DfE's rules: each row typed, dated and fielded, and
 * met by a check that implements it (of the same kind, error or query),
 * by the writer (with why), or not applicable (with why), and nothing
 * else; every rule a
 * check claims has its row; and, where the references are at hand, every
 * rule in them has a row.
 */
static void
test_rule_registry(void **state)
{
	char *path = xasprintf("%s/casework/data/dfe-rules.ini",
	    getenv("top_srcdir") ? getenv("top_srcdir") : ".");
	dictionary *d = iniparser_load(path);
	size_t i, n, counts[3] = { 0 }, refs;
	const struct check_def *all = checks_all(&n);
	int nsec;

	(void)state;
	assert_non_null(d);
	nsec = iniparser_getnsec(d);
	for (i = 0; i < (size_t)nsec; i++) {
		const char *sec = iniparser_getsecname(d, (int)i);
		const char *code = strchr(sec, '.') + 1;
		char key[64];
		const char *type, *check, *met, *na;

		snprintf(key, sizeof key, "%s:type", sec);
		type = iniparser_getstring(d, key, "");
		snprintf(key, sizeof key, "%s:years", sec);
		assert_true(*iniparser_getstring(d, key, "") != '\0');
		snprintf(key, sizeof key, "%s:fields", sec);
		assert_true(*iniparser_getstring(d, key, "") != '\0');
		snprintf(key, sizeof key, "%s:check", sec);
		check = iniparser_getstring(d, key, NULL);
		snprintf(key, sizeof key, "%s:met_by", sec);
		met = iniparser_getstring(d, key, NULL);
		snprintf(key, sizeof key, "%s:na", sec);
		na = iniparser_getstring(d, key, NULL);
		if (strcmp(type, "error") && strcmp(type, "query") &&
		    strcmp(type, "warning") && strcmp(type, "integrity"))
			fail_msg("%s: type %s", sec, type);
		if ((check != NULL) + (met != NULL) + (na != NULL) > 1)
			fail_msg("%s: one of check, met_by, na", sec);
		if (check != NULL) {
			const struct check_def *c = check_named(check);

			if (c == NULL || !implements_ci(c, code))
				fail_msg("%s: check %s does not implement it",
				    sec, check);
			if ((code[strlen(code) - 1] == 'q') !=
			    (strcmp(type, "query") == 0))
				fail_msg("%s: a %s, but raised as a%s", sec,
				    type, code[strlen(code) - 1] == 'q' ?
				    " query" : "n error");
			if (strcmp(c->ret, "both") != 0 && strncasecmp(c->ret,
			    sec, strlen(c->ret)) != 0)
				fail_msg("%s: %s is a check of %s", sec, check,
				    c->ret);
		}
		if ((met != NULL && strlen(met) < 12) || (na != NULL &&
		    strlen(na) < 12))
			fail_msg("%s: say why", sec);
		if (check == NULL && met == NULL && na == NULL)
			fail_msg("%s: no check, and neither met by the writers "
			    "nor not applicable", sec);
		counts[check ? 0 : met ? 1 : 2]++;
	}
	/* Each rule a check claims is that check's row. */
	for (i = 0; i < n; i++) {
		const char *p = all[i].dfe;

		while (*p) {
			char code[16], key[48];
			size_t w = strcspn(p, " ");
			const char *got;

			snprintf(code, sizeof code, "%.*s", (int)w, p);
			snprintf(key, sizeof key, "%s.%s:check", strcmp(all[i].ret,
			    "CIN") == 0 ? "cin" : "903", code);
			got = iniparser_getstring(d, key, "");
			if (strcmp(got, all[i].id) != 0)
				fail_msg("%s claims %s, whose row says \"%s\"",
				    all[i].id, code, got);
			p += w;
			p += strspn(p, " ");
		}
	}
	refs = reference_rows(d, "dfe-rules-ssda903.md", "903");
	refs += reference_rows(d, "dfe-rules-cin.md", "cin");
	if (refs > 0)
		assert_int_equal(refs, (size_t)nsec);
	print_message("# %d DfE rules: %zu checked, %zu met by the writers, "
	    "%zu not applicable\n", nsec, counts[0], counts[1], counts[2]);
	iniparser_freedict(d);
	free(path);
}

/* ---- the exports, from a borough built through the store ---- */

static struct fixture fx;
static char out[96];


static int64_t
child(struct store *st, const char *family, const char *sex, const char *dob,
    const char *upn, const char *ethnic)
{
	return fixture_row(st, "person", 0, "family_name", family,
	    "given_names", "Test",
	    "sex", sex, "dob", dob, "upn", upn, "ethnicity", ethnic, NULL);
}

static char *
id_str(int64_t id)
{
	static char s[4][24];
	static int k;

	k = (k + 1) % 4;
	snprintf(s[k], sizeof s[k], "%lld", (long long)id);
	return s[k];
}

/* A small borough: every table of every return has a row or more. */
static void
borough(struct store *st, struct store *mgr)
{
	int64_t a, b, mum, baby, d, e, f, g, h, p, ep, hh, z;

	/* A: into care this year, moved once, missing once. */
	a = child(st, "Able", "F", "2015-06-10", "A318250000017", "WBRI");
	fixture_row(st, "address", a, "line1", "1 High St", "postcode", "NW5 1TL",
	    "kind", "home", "start_date", "2010-01-01", NULL);
	p = fixture_row(st, "care_period", a, "start_date", "2025-05-01", "prev_perm",
	    "P2", "prev_perm_la", "318", "prev_perm_date", "ZZ/05/2021", NULL);
	ep = fixture_row(st, "care_episode", a, "care_period_id", id_str(p),
	    "start_date", "2025-05-01", "legal_status", "C2", "placement_type",
	    "U4", "provider", "PR1", "placement_postcode", "N17 0UF", "urn",
	    "SC123456", "reason_new", "S", "category_of_need", "N1", NULL);
	fixture_row(st, "care_episode", a, "care_period_id", id_str(p), "start_date",
	    "2025-09-01", "legal_status", "C2", "placement_type", "K2",
	    "provider", "PR4", "placement_postcode", "EN3 4YT", "urn",
	    "SC654321", "reason_new", "P", "category_of_need", "N1", NULL);
	{
		struct field_change ch = { "reason_change", NULL, "CARPL" };
		struct conflicts cf;

		assert_int_equal(store_record_update(st, "care_episode", ep, &ch,
		    1, &cf, NULL), CD_OK);
		store_conflicts_fini(&cf);
	}
	fixture_row(st, "cla_review", a, "review_date", "2025-05-28", "participation",
	    "PN1", NULL);
	fixture_row(st, "cla_review", a, "review_date", "2025-08-20", "participation",
	    "PN5", NULL);
	fixture_row(st, "missing_episode", a, "kind", "M", "start_date", "2025-11-02",
	    "end_date", "2025-11-04", "rhi_offered", "1", "rhi_accepted", "0",
	    NULL);
	fixture_row(st, "allocation", a, "worker", "Kay Worker", "team", "CiC Team",
	    "role", "social-worker", "start_date", "2025-05-01", "swe_number",
	    "SW123456", "change_reason", "FCONTA", NULL);
	fixture_row(st, "allocation", a, "worker", "Lee Worker", "team", "CiC Team",
	    "role", "social-worker", "start_date", "2026-01-05", "swe_number",
	    "SW654321", "change_reason", "LEFTRL", NULL);
	fixture_row(st, "dolo", a, "start_date", "2026-02-01", NULL);
	/* B: in care since 2023, under 5: the OC2 cohort. */
	b = child(st, "Bell", "M", "2022-03-01", "UN1", "BAFR");
	fixture_row(st, "care_episode", b, "start_date", "2023-01-10", "legal_status",
	    "C2", "placement_type", "U1", "provider", "PR1",
	    "placement_postcode", "N15 5HR", "urn", "SC111111", "reason_new",
	    "S", "category_of_need", "N2", NULL);
	fixture_row(st, "health_fact", b, "kind", "surveillance", "fact_date",
	    "2025-06-01", NULL);
	fixture_row(st, "health_fact", b, "kind", "health-assessment", "fact_date",
	    "2025-08-01", NULL);
	fixture_row(st, "health_fact", b, "kind", "dental", "fact_date", "2025-09-01",
	    NULL);
	/* A mother in care, and UASC D who left care this year. */
	mum = child(st, "Cole", "F", "2009-02-01", "L318250000016", "MWBC");
	baby = child(st, "Cole", "F", "2025-01-20", "UN1", "MWBC");
	assert_int_equal(store_person_relate(st, mum, "mother", baby, 1,
	    NULL), CD_OK);
	fixture_row(st, "care_episode", mum, "start_date", "2024-06-01",
	    "legal_status", "V2", "placement_type", "R3", "provider", "PR1",
	    "placement_postcode", "N17 0UF", "urn", "SC222222", "reason_new",
	    "S", "category_of_need", "N4", NULL);
	d = fixture_row(st, "person", 0, "family_name", "Dar", "sex", "M", "dob",
	    "2008-09-15", "upn", "UN2", "ethnicity", "OOTH", "uasc", "1",
	    "uasc_end_date", "2026-02-01", NULL);
	ep = fixture_row(st, "care_episode", d, "start_date", "2025-08-01",
	    "legal_status", "V2", "placement_type", "U6", "provider", "PR1",
	    "placement_postcode", "N15 5HR", "urn", "SC333333", "reason_new",
	    "S", "category_of_need", "N1", NULL);
	{
		struct field_change ch[2] = { { "end_date", NULL, "2026-02-01" },
		    { "reason_ceased", NULL, "E5" } };
		struct conflicts cf;

		assert_int_equal(store_record_update(st, "care_episode", ep, ch,
		    2, &cf, NULL), CD_OK);
		store_conflicts_fini(&cf);
	}
	/* An SDQ not done, and why: the young mother turns 17 this year. */
	fixture_row(st, "health_fact", mum, "kind", "sdq", "fact_date",
	    "2025-10-01", "value", "SDQ4", NULL);
	/* E: a care leaver of 19. */
	e = child(st, "Ezra", "M", "2006-07-01", "X318250000015", "WIRI");
	fixture_row(st, "care_leaver", e, "contact_date", "2025-07-05", "eligibility",
	    "former-relevant", "in_touch", "YES", "accommodation", "U",
	    "accommodation_suitable", "1", "activity", "F2", NULL);
	/* F: adopted this year. */
	f = child(st, "Finn", "F", "2022-01-01", "UN1", "WBRI");
	ep = fixture_row(st, "care_episode", f, "start_date", "2023-03-01",
	    "legal_status", "E1", "placement_type", "A5", "provider", "PR1",
	    "placement_postcode", "EN3 4YT", "urn", "SC444444", "reason_new",
	    "S", "category_of_need", "N1", NULL);
	{
		struct field_change ch[2] = { { "end_date", NULL, "2025-10-15" },
		    { "reason_ceased", NULL, "E11" } };
		struct conflicts cf;

		assert_int_equal(store_record_update(st, "care_episode", ep, ch,
		    2, &cf, NULL), CD_OK);
		store_conflicts_fini(&cf);
	}
	fixture_row(st, "permanence", f, "shobpa_date", "2023-09-01",
	    "placement_order_date", "2024-01-10", "matched_date", "2024-05-01",
	    "placed_date", "2024-06-01", "adoption_order_date", "2025-10-15",
	    "adopted_by_carer", "0", "adopter_count", "2", "adopter_sex", "MF",
	    "adopter_status", "L11", NULL);
	/* G: referral, assessment, S47, conference, CP plan, then CIN. */
	g = child(st, "Gale", "M", "2018-03-03", "H318250000014", "BAFR");
	fixture_row(st, "disability", g, "code", "AUT", NULL);
	fixture_row(st, "contact", g, "contact_date", "2025-06-01T09:30", "source",
	    "2A", "decision", "REF", "decision_date", "2025-06-01", NULL);
	/* The contact's decision made the referral; the worker completes it. */
	p = fixture_last_step(st, STEP_REFERRAL);
	assert_true(p != 0);
	fixture_update(st, "referral", p, "referral_date", "2025-06-02",
	    "primary_need", "N1", "nfa", "0", "closure_date", "2026-03-20",
	    "closure_reason", "RC7", NULL);
	fixture_row(st, "assessment", g, "referral_id", id_str(p), "start_date",
	    "2025-06-02", "child_seen_date", "2025-06-05", "completed_date",
	    "2025-07-20", "authorised_date", "2025-07-22", "factors", "3B,4B",
	    "outcome_nfa", "0", NULL);
	fixture_row(st, "strategy_discussion", g, "referral_id", id_str(p),
	    "discussion_date", "2025-06-10", "s47_decided", "1", NULL);
	ep = fixture_row(st, "s47_enquiry", g, "referral_id", id_str(p), "start_date",
	    "2025-06-10", "end_date", "2025-06-25", "icpc_not_required", "0",
	    NULL);
	fixture_row(st, "cp_conference", g, "referral_id", id_str(p), "s47_id",
	    id_str(ep), "kind", "initial", "conference_date", "2025-07-01",
	    "plan_decided", "1", NULL);
	fixture_row(st, "cp_plan", g, "referral_id", id_str(p), "start_date",
	    "2025-07-01", "end_date", "2026-01-15", "initial_category", "NEG",
	    "latest_category", "EMO", "previous_plans", "1", NULL);
	fixture_row(st, "cp_conference", g, "referral_id", id_str(p), "kind", "review",
	    "conference_date", "2025-10-01", "plan_decided", "1", NULL);
	fixture_row(st, "cin_plan", g, "referral_id", id_str(p), "start_date",
	    "2026-01-15", "end_date", "2026-03-20", NULL);
	fixture_row(st, "visit", g, "kind", "cp", "visit_date", "2025-12-01", "seen",
	    "1", "seen_alone", "1", NULL);
	fixture_row(st, "allocation", g, "worker", "Pat Worker", "team", "CP Team",
	    "role", "social-worker", "start_date", "2025-06-02", NULL);
	/* H: a referral with no further action. */
	h = child(st, "Hart", "F", "2019-05-05", "UN7", "CHNE");
	fixture_row(st, "referral", h, "referral_date", "2025-11-11", "source", "6",
	    "nfa", "1", "closure_date", "2025-11-12", "closure_reason", "RC8",
	    NULL);
	/* Prospective adopters (entered by a manager). */
	z = fixture_row(mgr, "person", 0, "family_name", "Zed", "sex", "M", "dob",
	    "1985-01-01", "ethnicity", "WBRI", NULL);
	hh = fixture_row(mgr, "adopter_household", 0, "name", "The Zed household",
	    "enquiry_date", "2025-09-01", "stage1_start", "2025-09-20",
	    "stage1_end", "2025-11-20", "ffa", "0", NULL);
	fixture_row(mgr, "adopter_member", z, "household_id", id_str(hh), NULL);
	/* A care leaver of 20 we are not in touch with: ACTIV, ACCOM 0. */
	z = child(st, "Esme", "F", "2005-09-01", "H318250000099", "WBRI");
	fixture_row(st, "care_leaver", z, "contact_date", "2025-09-10",
	    "eligibility", "former-relevant", "in_touch", "NO", NULL);
	/*
	 * K: an enquiry and its conference in the year before, the referral
	 * still open: neither is in this census (rules 2884, 8715).
	 */
	z = child(st, "Kerr", "F", "2016-04-04", "E318250000012", "WBRI");
	p = fixture_row(st, "referral", z, "referral_date", "2025-01-10",
	    "source", "5A", "primary_need", "N1", "nfa", "0", NULL);
	ep = fixture_row(st, "s47_enquiry", z, "referral_id", id_str(p),
	    "start_date", "2025-02-01", "end_date", "2025-04-05",
	    "icpc_not_required", "0", NULL);
	fixture_row(st, "cp_conference", z, "referral_id", id_str(p), "s47_id",
	    id_str(ep), "kind", "initial", "conference_date", "2025-02-20",
	    "plan_decided", "0", NULL);
}

static int
setup_borough(void **state)
{
	struct store *mgr;

	(void)state;
	setenv("CASEDESK_NOW", "2026-05-01T10:00:00Z", 1);
	fixture_make(&fx);
	assert_int_equal(store_user_add(fx.st, "ana", "Ana Analyst",
	    ROLE_ANALYST, "Performance", NULL), CD_OK);
	assert_int_equal(store_user_add(fx.st, "mo", "Mo Manager",
	    ROLE_MANAGER, "Adoption", NULL), CD_OK);
	store_close(&fx.st);
	fx.st = fixture_open_as(&fx, "ana");
	mgr = fixture_open_as(&fx, "mo");
	borough(fx.st, mgr);
	store_close(&mgr);
	snprintf(out, sizeof out, "%s/out", fx.dir);
	return 0;
}

static int
teardown_borough(void **state)
{
	(void)state;
	fixture_free(&fx);
	return 0;
}

/* Compare a file with tests/data/returns/NAME (GOLDEN_UPDATE=1 rewrites). */
static void
golden(const char *path, const char *name)
{
	char *want = xasprintf("%s/tests/data/returns/%s", getenv("top_srcdir") ?
	    getenv("top_srcdir") : ".", name);
	unsigned char *got = NULL, *exp = NULL;
	size_t ngot, nexp;
	struct stat sb;

	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_int_equal(file_read_all(path, 1 << 20, &got, &ngot, NULL), CD_OK);
	if (getenv("GOLDEN_UPDATE") != NULL)
		assert_int_equal(file_write_atomic(want, got, ngot, 0644, NULL),
		    CD_OK);
	if (file_read_all(want, 1 << 20, &exp, &nexp, NULL) != CD_OK)
		fail_msg("no golden file %s", want);
	if (ngot != nexp || memcmp(got, exp, ngot) != 0)
		fail_msg("%s differs from %s:\n%s", path, want, got);
	free(got);
	free(exp);
	free(want);
}

static void
test_ssda903_golden(void **state)
{
	struct exports_job job = { 0 };
	struct exports_result res;
	struct cd_err err;
	size_t i;

	(void)state;
	job.kind = EXPORT_SSDA903;
	job.year = 2026;
	job.out = out;
	job.cal = &cal;
	if (exports_run(fx.st, &job, &res, &err) != CD_OK)
		fail_msg("%s", err.msg);
	for (i = 0; i < SSDA903_NTABLES; i++) {
		char *path = xasprintf("%s/%s", out, ssda903_file(i));
		char *name = xasprintf("ssda903/%s", ssda903_file(i));

		if (ssda903_in_year(i, 2026))
			golden(path, name);
		else	/* DoLo is collected from 2026/27 */
			assert_false(file_exists(path));
		free(path);
		free(name);
	}
	assert_int_equal(res.children, 7);	/* A B mum D E F, Esme */
	exports_result_fini(&res);
}

/* From 2026/27 the return has a twelfth table, DoLo. */
static void
test_ssda903_dolo(void **state)
{
	struct exports_job job = { 0 };
	struct exports_result res;
	struct cd_err err;
	char *dir = xasprintf("%s/out2027", fx.dir), *path;
	unsigned char *data;
	size_t len;

	(void)state;
	job.kind = EXPORT_SSDA903;
	job.year = 2027;
	job.out = dir;
	job.cal = &cal;
	if (exports_run(fx.st, &job, &res, &err) != CD_OK)
		fail_msg("%s", err.msg);
	path = xasprintf("%s/DoLo.csv", dir);
	assert_int_equal(file_read_all(path, 4096, &data, &len, NULL), CD_OK);
	assert_string_equal((char *)data, "CHILD,DOB,DOLO_START,DOLO_END\r\n"
	    "1,10/06/2015,01/02/2026,\r\n");
	free(data);
	free(path);
	free(dir);
}

static void
test_cin_golden(void **state)
{
	struct exports_job job = { 0 };
	struct exports_result res;
	struct cd_err err;
	char *path = xasprintf("%s/cin.xml", fx.dir);

	(void)state;
	job.kind = EXPORT_CIN;
	job.year = 2026;
	job.out = path;
	job.la_code = "318";
	job.now = "2026-05-01T10:00:00";
	job.cal = &cal;
	if (exports_run(fx.st, &job, &res, &err) != CD_OK)
		fail_msg("%s", err.msg);
	assert_int_equal(res.children, 3);	/* G, H and Kerr */
	golden(path, "cin.xml");
	job.la_code = NULL;
	assert_int_equal(exports_run(fx.st, &job, &res, &err), CD_ERR_CONFIG);
	assert_non_null(strstr(err.msg, "dfe_code"));
	free(path);
}

static void
test_annexa_golden(void **state)
{
	struct exports_job job = { 0 };
	struct exports_result res;
	struct cd_err err;
	char *dir = xasprintf("%s/annexa", fx.dir);
	char *xlsx = xasprintf("%s/annexa.xlsx", fx.dir);
	struct annexa a;
	struct stat sb;
	size_t i;

	(void)state;
	job.kind = EXPORT_ANNEXA;
	job.day = "2025-11-30";
	job.out = dir;
	job.la_ons = "E09000014";	/* Haringey: placements In and Out */
	if (exports_run(fx.st, &job, &res, &err) != CD_OK)
		fail_msg("%s", err.msg);
	annexa_build(&(struct rt_set){ NULL, 0, NULL, 0 }, "2025-11-30", &a);
	for (i = 0; i < ANNEXA_NLISTS; i++) {
		char *path = xasprintf("%s/%s", dir, a.list[i].file);
		char *name = xasprintf("annexa/%s", a.list[i].file);

		golden(path, name);
		free(path);
		free(name);
	}
	annexa_fini(&a);
	/* The workbook: a zip (PK), mode 0600, no scratch file left. */
	job.out = xlsx;
	if (exports_run(fx.st, &job, &res, &err) != CD_OK)
		fail_msg("%s", err.msg);
	assert_int_equal(stat(xlsx, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_true(fixture_file_contains(xlsx, "PK\003\004", 4));
	assert_true(fixture_file_contains(xlsx, "xl/worksheets/sheet11.xml",
	    25));
	free(dir);
	free(xlsx);
}

/* The cell in list l, row 0, under heading col. */
static const char *
acell(const struct annexa *a, int l, const char *col, unsigned char *kind)
{
	const struct annexa_list *x = &a->list[l];
	size_t k;

	for (k = 0; k < x->ncols; k++)
		if (strcmp(x->cols[k], col) == 0) {
			if (kind)
				*kind = x->kinds[k];
			return x->cells[k];
		}
	fail_msg("no column %s", col);
	return NULL;
}

/* Annex A from what the record holds: PA, last seen, places, letters. */
static void
test_annexa_from_the_record(void **state)
{
	struct rt_child c;
	struct rt_set set = { &c, 1, NULL, 0 };
	struct rt_alloc *w;
	struct rt_leaver *l;
	struct rt_assessment *s;
	struct rt_contact *k;
	struct pcmap pcs;
	struct annexa_opts o = { "E09000014", NULL };
	struct annexa a;
	struct cd_err err;
	unsigned char kind;

	(void)state;
	base(&c);
	assert_int_equal(pcmap_load(pcmap_default_file(), &pcs, &err), CD_OK);
	o.postcodes = &pcs;
	/* A care leaver whose worker is a personal adviser. */
	w = PUSH(&c, allocs);
	SET(w->worker, "Pia Adviser");
	SET(w->team, "Leaving Care");
	SET(w->role, "personal-adviser");
	SET(w->start, "2025-01-01");
	l = PUSH(&c, leavers);
	SET(l->date, "2025-10-01");
	SET(l->eligibility, "relevant");
	/* Seen in an assessment after the last visit. */
	s = PUSH(&c, assessments);
	SET(s->start, "2025-10-20");
	SET(s->seen, "2025-11-30");
	k = PUSH(&c, contacts);
	SET(k->date, "2025-10-01");
	SET(k->source, "6");
	annexa_build_opts(&set, "2025-11-30", &o, &a);
	assert_int_equal(a.list[8].nrows, 1);
	assert_string_equal(acell(&a, 8, "Allocated Worker", NULL),
	    "Pia Adviser");
	assert_string_equal(acell(&a, 8, "Allocated Team", NULL),
	    "Leaving Care");
	assert_true(a.list[5].nrows >= 1);
	assert_string_equal(acell(&a, 5, "Date Child Was Last Seen", &kind),
	    "30/11/2025");
	assert_int_equal(kind, ANNEXA_DATE);
	assert_int_equal(a.list[7].nrows, 1);
	assert_string_equal(acell(&a, 7, "Placement Location (In/Out)", NULL),
	    "In");
	assert_string_equal(acell(&a, 7, "LA of Placement", NULL), "Haringey");
	acell(&a, 7, "Age", &kind);
	assert_int_equal(kind, ANNEXA_NUMBER);
	assert_int_equal(a.list[0].nrows, 1);
	assert_string_equal(acell(&a, 0, "Contact Source", NULL),
	    "r) 6: police");
	annexa_fini(&a);
	pcmap_fini(&pcs);
	free_child(&c);
}

/* Borough-wide returns: analysts yes, social workers no; each audited. */
static void
test_who_may_export(void **state)
{
	struct exports_job job = { 0 };
	struct exports_result res;
	struct problems ps = { 0 };
	struct store *sam = fixture_open_as(&fx, "sam");
	struct cd_err err;

	(void)state;
	job.kind = EXPORT_SSDA903;
	job.year = 2026;
	job.check = 1;
	job.cal = &cal;
	assert_int_equal(exports_run(sam, &job, &res, &err), CD_ERR_DENIED);
	assert_non_null(strstr(err.msg, "statutory returns"));
	/* But a worker may check a child they can see. */
	assert_int_equal(exports_check_person(sam, 1, 2026, "2026-05-01", &cal,
	    &ps, &err), CD_OK);
	checks_fini(&ps);
	store_close(&sam);
	assert_int_equal(exports_run(fx.st, &job, &res, &err), CD_OK);
	assert_true(res.checked >= 6);
	exports_result_fini(&res);
}

/* A grid reference off the National Grid is no location: the distance
 * to it is unknown (-1), never a sum that overflows (a fuzz finding). */
static void
test_pclist_off_grid(void **state)
{
	char dir[] = "/tmp/cd-pclist-XXXXXX", path[64];
	struct pclist l;
	struct cd_err err;
	FILE *f;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/pc.csv", dir);
	assert_non_null(f = fopen(path, "w"));
	fputs("postcode,la_code,la_name,easting,northing\n"
	    "NW1 2DB,E09000007,Camden,529090,182660\n"
	    "N19 5AA,E09000019,Islington,529500,186900\n"
	    "E1 6AN,E09000030,Tower Hamlets,-179782416500,-179782416500\n"
	    "E2 6AN,E09000030,Tower Hamlets,533000,99999999999\n", f);
	fclose(f);
	assert_int_equal(pclist_load(&l, path, &err), CD_OK);
	assert_int_equal(l.n, 4);
	/* 4.26 km apart: 2.6 miles */
	assert_true(pclist_miles("NW1 2DB", "N19 5AA", &l) > 2.5);
	assert_true(pclist_miles("NW1 2DB", "N19 5AA", &l) < 2.8);
	assert_true(pclist_miles("NW1 2DB", "E1 6AN", &l) < 0);
	assert_true(pclist_miles("E2 6AN", "NW1 2DB", &l) < 0);
	assert_string_equal(pclist_la("E1 6AN", &l), "E09000030");
	pclist_fini(&l);
	unlink(path);
	rmdir(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_base_is_clean),
		cmocka_unit_test(test_each_check),
		cmocka_unit_test(test_each_dfe_rule),
		cmocka_unit_test(test_return_rules),
		cmocka_unit_test(test_running_year),
		cmocka_unit_test(test_rule_registry),
		cmocka_unit_test(test_ssda903_golden),
		cmocka_unit_test(test_ssda903_dolo),
		cmocka_unit_test(test_cin_golden),
		cmocka_unit_test(test_annexa_golden),
		cmocka_unit_test(test_annexa_from_the_record),
		cmocka_unit_test(test_who_may_export),
		cmocka_unit_test(test_pclist_off_grid),
	};
	int rc;

	if (calendar_load(&cal, NULL, NULL, NULL) != CD_OK)
		return 1;
	rc = cmocka_run_group_tests(tests, setup_borough, teardown_borough);
	calendar_fini(&cal);
	return rc;
}
