#include "config.h"

#include "casework/demo.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casework/calendar.h"
#include "casework/exports.h"
#include "casework/returns.h"
#include "common/file.h"
#include "common/ident.h"
#include "common/xmem.h"
#include "store/form.h"
#include "store/family.h"
#include "store/person.h"
#include "store/record.h"
#include "store/store.h"
#include "store/user.h"
#include "store/workflow.h"

/*
 * Names for a London borough: surnames and given names from the main
 * communities (British, Irish, Bangladeshi, Somali, Nigerian, Ghanaian,
 * Turkish, Polish, Portuguese, Caribbean, Chinese, Greek Cypriot...).
 */
static const char *const family_names[] = { "Smith", "Jones", "Williams",
    "Brown", "Taylor", "Davies", "Evans", "Thomas", "Johnson", "Roberts",
    "Walker", "Wright", "Robinson", "Thompson", "White", "Hughes", "Edwards",
    "Green", "Hall", "Wood", "Murphy", "O'Brien", "Kelly", "Byrne", "Walsh",
    "Begum", "Uddin", "Ahmed", "Miah", "Rahman", "Islam", "Hussain", "Khan",
    "Ali", "Hassan", "Mohamed", "Abdi", "Farah", "Warsame", "Okafor",
    "Adeyemi", "Okonkwo", "Mensah", "Owusu", "Boateng", "Yilmaz", "Demir",
    "Kaya", "Nowak", "Kowalski", "Wisniewski", "Silva", "Santos",
    "Ferreira", "Campbell", "Clarke", "Francis", "Wong", "Chen",
    "Georgiou", "Papadopoulos", "Ivanova", "Rossi", "Patel", "Shah",
    "Singh", "Kaur", "Nguyen", "Costa", "Mahmoud" };
static const char *const girls[] = { "Amelia", "Olivia", "Isla", "Ava",
    "Mia", "Ivy", "Lily", "Freya", "Florence", "Grace", "Sophia", "Aisha",
    "Maryam", "Fatima", "Zara", "Nusrat", "Sumaya", "Hodan", "Amara",
    "Chioma", "Ama", "Elif", "Zeynep", "Zuzanna", "Maja", "Beatriz",
    "Chloe", "Jada", "Mei", "Eleni", "Sofia", "Hannah", "Ruby", "Niamh",
    "Catherine", "Kathryn", "Precious", "Abena" };
static const char *const boys[] = { "Oliver", "George", "Noah", "Arthur",
    "Leo", "Harry", "Oscar", "Jack", "Charlie", "Muhammad", "Mohammed",
    "Mohamed", "Ibrahim", "Yusuf", "Abdul", "Rayan", "Omar", "Abdirahman",
    "Chinedu", "Kwame", "Kofi", "Emre", "Mehmet", "Jakub", "Szymon",
    "Tiago", "Joao", "Marcus", "Tyrone", "Wei", "Andreas", "Luca", "Aarav",
    "Arjun", "Sean", "Conor", "Daniel", "Samuel" };
static const char *const ethnicities[] = { "WBRI", "WBRI", "WBRI", "WOTH",
    "WOTH", "WIRI", "ABAN", "ABAN", "BAFR", "BAFR", "BCRB", "MWBC", "MWBA",
    "MOTH", "AIND", "APKN", "AOTH", "CHNE", "OOTH", "WROM", "NOBT" };
static const char *const streets[] = { "Agar Grove", "Camden Road",
    "Kentish Town Road", "Malden Road", "Prince of Wales Road", "Queen's "
    "Crescent", "Weedington Road", "Castlehaven Road", "Royal College "
    "Street", "Plender Street", "Churchway", "Ossulston Street", "Regent's "
    "Park Estate", "Fortune Green Road", "Mill Lane", "Kilburn Vale",
    "Abbey Road", "Boundary Road", "Swiss Cottage", "Gospel Oak",
    "Lismore Circus", "Highgate Road", "Leighton Road", "York Way" };
static const char *const workers[][2] = { { "Aisha Rahman", "Assessment "
    "Team 1" }, { "Tom Gallagher", "Assessment Team 1" }, { "Grace Mensah",
    "Assessment Team 2" }, { "Piotr Nowak", "Child Protection Team" },
    { "Helen Carter", "Child Protection Team" }, { "Kemi Adeyemi",
    "Children in Care Team" }, { "Sam O'Connor", "Children in Care Team" },
    { "Leyla Demir", "Leaving Care Team" }, { "Ruth Abebe", "Adoption "
    "Team" } };
/* Schools by phase: a child's school matches their age. */
static const char *const primaries[] = { "Argyle Primary School",
    "Rhyl Primary School", "Kentish Town CE Primary School",
    "Netley Primary School" };
static const char *const secondaries[] = { "Haverstock School",
    "Regent High School", "Acland Burghley School", "Hampstead School" };

#define NAMES(a) (sizeof (a) / sizeof (a)[0])

/* Families per transaction, and the page cache while building (MiB). */
#define DEMO_BATCH 5000
#define DEMO_CACHE_MIB 1024

struct gen {
	struct store *st;
	const struct demo_opts *o;
	struct demo_stats *s;
	struct calendar cal;
	long today;
	uint64_t rng;
	struct demo_postcodes pc;	/* homes in the borough, placements away */
	long nhs_serial;
	long upn_serial;
	int linked;		/* children linked to the education partner */
	char year_from[11];	/* the current collection year's first day */
	unsigned seeded;	/* which data-quality problems are placed */
	int64_t alloc_child;	/* the last child given a worker, */
	int64_t alloc_id;	/* the allocation */
	char alloc_swe[16];	/* and the worker's number */
	int education;		/* there is an education partner to link */
	int64_t auth_child;	/* whose assessment waits for a manager */
	const char *home;	/* the family's postcode, while making it */
	long disabled;		/* children given a disability so far */
	struct cd_err *err;
};

/* xorshift64*: small, fast and the same everywhere for a seed. */
static uint64_t
next(struct gen *g)
{
	g->rng ^= g->rng >> 12;
	g->rng ^= g->rng << 25;
	g->rng ^= g->rng >> 27;
	return g->rng * 2685821657736338717ULL;
}

static long
pick(struct gen *g, long n)
{
	return n > 0 ? (long)(next(g) % (uint64_t)n) : 0;
}

/* True with probability percent/100. */
static int
chance(struct gen *g, int percent)
{
	return pick(g, 100) < percent;
}

static void
day_str(long day, char out[11])
{
	calendar_date(day, out);
}

/*
 * Create a row; the varargs are field, value pairs ending with NULL. A
 * failure here is a bug in the generator: the store's message says which.
 */
static enum cd_status
rec(struct gen *g, const char *entity, int64_t person, int64_t *id, ...)
{
	struct field_value v[24];
	size_t n = 0;
	va_list ap;
	int64_t dummy;
	const char *name;

	va_start(ap, id);
	while ((name = va_arg(ap, const char *)) != NULL && n < 24) {
		v[n].name = name;
		v[n++].value = va_arg(ap, const char *);
	}
	va_end(ap);
	return store_record_create(g->st, entity, person, v, n, id ? id :
	    &dummy, g->err);
}

static enum cd_status update(struct gen *g, const char *entity,
    int64_t id, const struct field_change *ch, size_t n);

/*
 * The data-quality problems placed on purpose, once each, in the current
 * collection year: what a trainer shows and the returns' checks find.
 */
enum seed { SEED_URN, SEED_PN, SEED_SWE, SEED_NEED, SEED_CLOSE,
    SEED_LATE };

/* Whether to place problem which on person now; records it when so. */
static int
seed(struct gen *g, enum seed which, int64_t person, const char *rule)
{
	struct demo_seed *d;
	size_t i;

	if (g->seeded & (1u << which) || g->s->nseeded == DEMO_SEEDS)
		return 0;
	for (i = 0; i < g->s->nseeded; i++)
		if (g->s->seeded[i].person == person)
			return 0;	/* one problem per child */
	g->seeded |= 1u << which;
	d = &g->s->seeded[g->s->nseeded++];
	d->person = person;
	d->rule = rule;
	return 1;
}

/* A valid NHS number from the 999 test range, never a real person's. */
static void
nhs_number(struct gen *g, char out[11])
{
	for (;;) {
		long serial = g->nhs_serial++;
		char d[24];
		int i, sum = 0, check;

		snprintf(d, sizeof d, "999%06ld", serial % 1000000);
		for (i = 0; i < 9; i++)
			sum += (d[i] - '0') * (10 - i);
		check = 11 - sum % 11;
		if (check == 11)
			check = 0;
		if (check == 10)
			continue;
		d[9] = (char)('0' + check);
		d[10] = '\0';
		memcpy(out, d, 11);
		return;
	}
}

/* A UPN for the borough's schools with its check letter. */
static void
upn(struct gen *g, char out[14])
{
	static const char letters[] = "ABCDEFGHJKLMNPQRTUVWXYZ";
	char body[16];
	int i, sum = 0;

	/* LA 202, then school, year and serial: unique for the borough. */
	snprintf(body, sizeof body, "X202%09ld", 200000000L +
	    g->upn_serial % 800000000L);
	g->upn_serial++;
	for (i = 1; i < 13; i++)
		sum += (body[i] - '0') * (i + 1);
	body[0] = letters[sum % 23];
	memcpy(out, body, 13);
	out[13] = '\0';
}

/* Add a copy of pc to a list. */
static void
postcode_add(char ***list, size_t *n, const char *pc)
{
	*list = xreallocarray(*list, *n + 1, sizeof **list);
	(*list)[(*n)++] = xstrdup(pc);
}

void
demo_postcodes_parse(const char *text, size_t len, const char *la_ons,
    struct demo_postcodes *pc)
{
	char *copy = xstrndup(text, len), *line, *save = NULL;

	for (line = strtok_r(copy, "\n", &save); line;
	    line = strtok_r(NULL, "\n", &save)) {
		char code[16], la[16];

		if (line[0] == '#' || sscanf(line, "%15[^,],%15[^,\r]", code,
		    la) != 2 || ident_postcode(code, code, NULL) != CD_OK)
			continue;
		if (strcmp(la, la_ons) == 0)
			postcode_add(&pc->homes, &pc->nhomes, code);
		else
			postcode_add(&pc->away, &pc->naway, code);
	}
	free(copy);
}

enum cd_status
demo_postcodes_read(const char *path, const char *la_ons,
    struct demo_postcodes *pc, struct cd_err *err)
{
	unsigned char *data;
	size_t len;
	enum cd_status code;

	memset(pc, 0, sizeof *pc);
	code = file_read_all(path, 1u << 24, &data, &len, err);
	if (code != CD_OK)
		return code;
	demo_postcodes_parse((const char *)data, len, la_ons, pc);
	free(data);
	if (pc->nhomes == 0 || pc->naway == 0)
		return cd_err_set(err, CD_ERR_CONFIG, "%s has no postcodes "
		    "for the borough %s", path, la_ons);
	return CD_OK;
}

/* Free a list of postcodes. */
static void
postcodes_free(char **list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(list[i]);
	free(list);
}

void
demo_postcodes_fini(struct demo_postcodes *pc)
{
	postcodes_free(pc->homes, pc->nhomes);
	postcodes_free(pc->away, pc->naway);
	memset(pc, 0, sizeof *pc);
}

/* A person; sex M or F; age in days. */
static enum cd_status
person(struct gen *g, const char *family, int female, long age_days,
    int64_t *id)
{
	const char *given = female ? girls[pick(g, NAMES(girls))] :
	    boys[pick(g, NAMES(boys))];
	char dob[11], nhs[11], up[14];
	int school_age = age_days > 4 * 365 && age_days < 19 * 365;
	int adult = age_days >= 18 * 365;

	day_str(g->today - age_days, dob);
	nhs_number(g, nhs);
	if (school_age)
		upn(g, up);
	g->s->people++;
	return rec(g, "person", 0, id, "family_name", family, "given_names",
	    given, "sex", female ? "F" : "M", "dob", dob, "nhs_number", nhs,
	    "nhs_verified", chance(g, 80) ? "1" : "0", "upn", adult ? NULL :
	    school_age ? up : "UN1", "ethnicity", ethnicities[pick(g, NAMES(ethnicities))],
	    "first_language", chance(g, 75) ? "English" : NULL, NULL);
}

/* A chronology note in a professional voice. */
static enum cd_status
note(struct gen *g, int64_t child, long day, const char *kind, int sig,
    const char *summary)
{
	char d[11];

	day_str(day, d);
	g->s->notes++;
	return rec(g, "chronology", child, NULL, "event_date", d, "kind", kind,
	    "significant", sig ? "1" : "0", "summary", summary, NULL);
}

/* Visits from start, every interval days, a share of them late. */
static enum cd_status
visits(struct gen *g, int64_t child, const char *kind, long start, long end,
    long interval, int late_last)
{
	enum cd_status code = CD_OK;
	long d;
	char s[11];

	for (d = start + 3; d <= end && code == CD_OK; d += interval +
	    pick(g, 4)) {
		day_str(d, s);
		g->s->visits++;
		code = rec(g, "visit", child, NULL, "kind", kind, "visit_date",
		    s, "seen", chance(g, 92) ? "1" : "0", "seen_alone",
		    chance(g, 70) ? "1" : "0", "bedroom_seen", chance(g, 60) ?
		    "1" : "0", "note", "Visited at home. Child presented as "
		    "settled; observations recorded on the visit form.", NULL);
		if (late_last && d + 2 * interval > end)
			break;	/* leave the next one overdue */
	}
	if (late_last)
		g->s->overdue_visits++;
	return code;
}

/* Allocate a child to a worker (a demo user's name, or a synthetic one). */
static enum cd_status
allocate(struct gen *g, int64_t child, const char *worker, const char *team,
    long since)
{
	char d[11], phone[24];
	unsigned long h = 5381;
	size_t i;

	if (g->alloc_child == child)
		return CD_OK;	/* already theirs since the referral */
	day_str(since, d);
	/* Each worker's number and Social Work England number, fixed by
	 * their name: one of each per worker. */
	for (i = 0; worker[i]; i++)
		h = h * 33 + (unsigned char)worker[i];
	snprintf(phone, sizeof phone, "020 7974 %04lu", 1000 + h % 8999);
	snprintf(g->alloc_swe, sizeof g->alloc_swe, "SW%06lu", 100000ul +
	    h % 900000ul);
	g->alloc_child = child;
	/* The first worker's episode says so (FCONTA: rule SW01bSTG1). */
	return rec(g, "allocation", child, &g->alloc_id, "worker", worker,
	    "team", team, "role", "social-worker", "phone", phone,
	    "start_date", d, "swe_number", g->alloc_swe, "change_reason",
	    "FCONTA", NULL);
}

/* Who reports, in the England mix, and what they say: source and words agree. */
static const char *const reports[][2] = {
	{ "6", "Police attended a domestic incident at the home; the "
	    "children were present." },
	{ "6", "Police found the children home alone late at night." },
	{ "6", "Police notification: a parent arrested; children cared for "
	    "by a neighbour." },
	{ "2A", "School reported bruising and a child often hungry." },
	{ "2A", "School concerned about poor attendance and a child arriving "
	    "unkempt." },
	{ "3A", "GP concerned about missed appointments and weight loss." },
	{ "3B", "Health visitor concerned about home conditions and "
	    "supervision of a baby." },
	{ "3E", "A&E: an injury whose explanation does not fit." },
	{ "1A", "Grandmother worried about supervision and home conditions." },
	{ "5A", "Adult social care: a parent's mental health has worsened." },
	{ "5D", "Early help worker: concerns growing despite support." },
	{ "4", "Housing officer found the flat in very poor condition." },
	{ "8", "Youth club worker worried about a child's new older "
	    "friends." },
	{ "9", "Anonymous caller worried the children are left alone." },
};

/*
 * A contact; decided unless waiting. source and reason NULL pick a
 * report at random. A REF decision makes the referral through the store
 * (as a duty worker's would): *ref gets it, else 0.
 */
static enum cd_status
contact(struct gen *g, int64_t child, long day, const char *decision,
    const char *source, const char *reason, int64_t *ref)
{
	const struct workflow_step *steps;
	char when[20], d[11];
	enum cd_status code;
	size_t n, r = (size_t)pick(g, NAMES(reports));
	int64_t id;

	day_str(day, d);
	snprintf(when, sizeof when, "%sT%02ld:%02ld", d, 8 + pick(g, 9),
	    pick(g, 60));
	g->s->contacts++;
	if (decision == NULL)
		g->s->contacts_waiting++;
	code = rec(g, "contact", child, &id, "contact_date", when, "source",
	    source ? source : reports[r][0], "reason", reason ? reason :
	    reports[r][1], "decision", decision, "decision_date", decision ?
	    d : NULL, NULL);
	if (ref == NULL)
		return code;
	*ref = 0;
	n = store_workflow_started(g->st, &steps);
	while (code == CD_OK && decision != NULL && n-- > 0)
		if (steps[n].kind == STEP_REFERRAL && steps[n].person == child) {
			*ref = steps[n].id;
			break;
		}
	return code;
}

static const char *const categories[] = { "NEG", "PHY", "SAB", "EMO", "MUL" };

/* The share of each CP category in England: neglect about half. */
static int
category(struct gen *g)
{
	long r = pick(g, 100);

	return r < 49 ? 0 : r < 56 ? 1 : r < 60 ? 2 : r < 97 ? 3 : 4;
}

/* Close a referral (set its closure date and reason). */
static enum cd_status
close_referral(struct gen *g, int64_t child, int64_t ref, long day,
    const char *reason)
{
	struct field_change ch[2];
	struct conflicts cf;
	char d[11];
	enum cd_status code;

	day_str(day > g->today ? g->today : day, d);
	/* One closure in the year recorded without its reason. */
	if (strcmp(d, g->year_from) >= 0 && strcmp(reason, "RC7") == 0 &&
	    seed(g, SEED_CLOSE, child, "CIN-CLOSE"))
		reason = NULL;
	ch[0] = (struct field_change){ "closure_date", NULL, d };
	ch[1] = (struct field_change){ "closure_reason", NULL, reason };
	code = store_record_update(g->st, "referral", ref, ch, 2, &cf, g->err);
	if (code == CD_OK)
		store_conflicts_fini(&cf);
	return code;
}

/*
 * An assessment written through its form and submitted, waiting for the
 * team manager's authorisation: what a trainer shows a manager.
 */
static enum cd_status
assessment_form(struct gen *g, int64_t child, const char *start,
    const char *done)
{
	static const char *const answers[][2] = {
		{ "child_views", "Wants to stay at home; worried about the "
		    "shouting at night." },
		{ "family_views", "Mother accepts help with routines; father "
		    "did not attend." },
		{ "analysis", "Needs met most days, but supervision is poor "
		    "when mother is unwell. A child in need plan is proposed." },
		{ "outcome", "Child in need plan: family support and a "
		    "review in three months." },
	};
	/* Every answer the form needs to be submitted, the factors too;
	 * the record takes them (typed[4]) only once it is authorised, as
	 * the census counts them. */
	struct field_value typed[5] = { { "start_date", start },
	    { "child_seen_date", start }, { "completed_date", done },
	    { "outcome_nfa", "0" }, { "factors", "3B,4B" } };
	enum cd_status code;
	size_t i;
	int64_t id;

	code = store_form_new(g->st, child, "assessment", 1, &id, g->err);
	for (i = 0; code == CD_OK && i < 5; i++)
		code = store_form_answer_set(g->st, id, typed[i].name, 0, NULL,
		    typed[i].value, g->err);
	for (i = 0; code == CD_OK && i < sizeof answers / sizeof answers[0];
	    i++)
		code = store_form_answer_set(g->st, id, answers[i][0], 0, NULL,
		    answers[i][1], g->err);
	if (code == CD_OK)
		code = store_form_submit(g->st, id, "assessment", 0, typed, 4,
		    g->err);
	if (code == CD_OK)
		g->s->awaiting_authorisation = id;
	return code;
}

/*
 * A child in need's disabilities: NONE for most; for about three in ten
 * the next codes in turn, two for some of them, so the census uses them
 * all (2887Q, 2888Q).
 */
static enum cd_status
disabilities(struct gen *g, int64_t child)
{
	static const char *const codes[] = { "MOB", "HAND", "PC", "INC",
	    "COMM", "LD", "HEAR", "VIS", "BEH", "CON", "AUT", "DDA" };
	enum cd_status code;
	int n;

	if (!chance(g, 30))
		return rec(g, "disability", child, NULL, "code", "NONE", NULL);
	n = g->disabled % 2 == 1 ? 2 : 1;
	code = CD_OK;
	while (n-- > 0 && code == CD_OK)
		code = rec(g, "disability", child, NULL, "code",
		    codes[g->disabled++ % NAMES(codes)], NULL);
	return code;
}

/* Referral, assessment and, for some, S47, conference and a CP plan. */
static enum cd_status
cin_episode(struct gen *g, int64_t child, long start, int force_cp,
    const char *worker, const char *team, int64_t ref)
{
	static const char *const needs[] = { "N1", "N1", "N1", "N1", "N2",
	    "N3", "N4", "N5", "N5", "N6", "N7", "N8" };
	static const char *const factors[] = { "3B", "4B", "2B", "1B", "16A",
	    "17A", "3B,4B", "2B,1B", "10A", "24A", "15A", "21" };
	char d[11], e[11], a[11];
	int64_t s47;
	long done, auth;
	enum cd_status code;
	int cp = force_cp;
	const char *factor;

	const char *need = needs[pick(g, NAMES(needs))];

	day_str(start, d);
	g->s->referrals++;
	/* One referral this year whose primary need was never recorded. */
	if (!force_cp && strcmp(d, g->year_from) >= 0 && seed(g, SEED_NEED,
	    child, "CIN-NEED"))
		need = NULL;
	{
		/* The contact's referral: date, source and words from it. */
		struct field_change ch[2] = { { "primary_need", NULL, need },
		    { "nfa", NULL, "0" } };

		code = update(g, "referral", ref, ch, 2);
	}
	if (code == CD_OK)
		code = disabilities(g, child);
	if (code != CD_OK)
		return code;
	/* The team manager allocates within a day or two. */
	if (worker != NULL && !force_cp) {
		code = allocate(g, child, worker, team, start + 1);
		if (code != CD_OK)
			return code;
	}
	if (!force_cp && child != g->auth_child && !chance(g, 90))
		/* closed without assessment */
		return close_referral(g, child, ref, start + 5, "RC7");
	/* Within the 45 working days, but for one this year that ran over. */
	done = calendar_add_workdays(&g->cal, start, 20 + pick(g, 22));
	if (!force_cp && strcmp(d, g->year_from) >= 0 && start < g->today - 90 &&
	    seed(g, SEED_LATE, child, "CIN-ASSESS45"))
		done = calendar_add_workdays(&g->cal, start, 52);
	if (done > g->today)
		done = g->today;
	day_str(done, e);
	auth = done + pick(g, 3);
	if (auth > g->today)
		auth = g->today;
	day_str(auth, a);
	/* No factors found (21): a child for an enquiry has some. */
	do
		factor = factors[pick(g, NAMES(factors))];
	while (force_cp && strcmp(factor, "21") == 0);
	g->s->assessments++;
	if (child == g->auth_child)
		return assessment_form(g, child, d, e);
	/*
	 * What the assessment decided is what follows: NFA only when
	 * nothing does; nothing found (21) closes it as assessed, the day it
	 * is signed (8873Q).
	 */
	{
		int more = strcmp(factor, "21") != 0 && (cp || chance(g, 22));

		code = rec(g, "assessment", child, NULL, "referral_id", NULL,
		    "start_date", d, "child_seen_date", d, "completed_date", e,
		    "authorised_date", a, "factors", factor, "outcome_nfa",
		    !more && chance(g, 30) ? "1" : "0", NULL);
		if (code != CD_OK)
			return code;
		if (strcmp(factor, "21") == 0)
			return close_referral(g, child, ref, auth,
			    chance(g, 50) ? "RC8" : "RC9");
		/* Assessed: NFA, early help or a child in need. */
		if (!more)
			return done < g->today - 120 ? close_referral(g, child,
			    ref, auth, chance(g, 50) ? "RC8" : "RC9") :
			    CD_OK;
	}
	g->s->s47++;
	cp = cp || (chance(g, 55) && chance(g, 85));
	{
		/* An enquiry that leads to a conference ends there. */
		long icpc = calendar_add_workdays(&g->cal, start, 15);
		char c[11];

		day_str(icpc > g->today ? g->today : icpc, c);
		code = rec(g, "strategy_discussion", child, NULL,
		    "discussion_date", d, "s47_decided", "1", "summary",
		    "Police, health and education shared information; "
		    "section 47 enquiry agreed.", NULL);
		if (code == CD_OK)
			code = rec(g, "s47_enquiry", child, &s47, "start_date",
			    d, "end_date", cp ? c : e, "icpc_not_required",
			    "0", "outcome", cp ? "Concerns substantiated; "
			    "initial conference." : "Concerns not "
			    "substantiated; no conference needed.", NULL);
	}
	if (code != CD_OK)
		return code;
	if (!cp) {	/* no conference: say so, so no clock is left running */
		struct field_change ch = { "icpc_not_required", "0", "1" };
		struct conflicts cf;

		code = store_record_update(g->st, "s47_enquiry", s47, &ch, 1,
		    &cf, g->err);
		if (code == CD_OK)
			store_conflicts_fini(&cf);
		if (code == CD_OK && done < g->today - 120)
			code = close_referral(g, child, ref, done + 2, "RC7");
		return code;
	}
	{
		long icpc = calendar_add_workdays(&g->cal, start, 15);
		int cat = category(g);
		long length = 150 + pick(g, 400), r;
		int open = force_cp || icpc + length > g->today;
		char c[11], end[11];

		if (icpc > g->today)
			icpc = g->today;
		day_str(icpc, c);
		day_str(icpc + length, end);
		g->s->cp_plans++;
		g->s->cp_by_category[cat]++;
		code = rec(g, "cp_conference", child, NULL, "kind", "initial",
		    "conference_date", c, "plan_decided", "1", NULL);
		if (code == CD_OK)
			code = rec(g, "cp_plan", child, NULL, "start_date", c,
			    "end_date", open ? NULL : end, "initial_category",
			    categories[cat], "latest_category", categories[cat],
			    "previous_plans", chance(g, 20) ? "1" : "0", NULL);
		if (code == CD_OK)
			code = note(g, child, icpc, "conference", 1, "Initial "
			    "child protection conference: child made subject "
			    "of a child protection plan.");
		/* Review conferences at 3 months, then 6-monthly, a few late. */
		for (r = calendar_add_months(icpc, 3) + (chance(g, 15) ? 20 :
		    -pick(g, 10)); code == CD_OK && r <= (open ? g->today :
		    icpc + length); r = calendar_add_months(r, 6) -
		    pick(g, 10)) {
			day_str(r, c);
			code = rec(g, "cp_conference", child, NULL, "kind",
			    "review", "conference_date", c, "plan_decided", "1",
			    NULL);
		}
		if (code == CD_OK && open) {
			g->s->cp_open++;
			code = visits(g, child, "cp", icpc, g->today -
			    (force_cp ? 25 : 3), 12, force_cp || chance(g, 15));
		}
		if (code == CD_OK && worker)
			code = allocate(g, child, worker, team, icpc);
	}
	return code;
}

static const char *const placements[] = { "U4", "U4", "U6", "U6", "U6",
    "U4", "U1", "U3", "U6", "U4", "K2", "K2", "P1", "R1", "U5", "K3", "S1" };

/* Set fields of a row through the store (so the change is audited). */
static enum cd_status
update(struct gen *g, const char *entity, int64_t id,
    const struct field_change *ch, size_t n)
{
	struct conflicts cf;
	enum cd_status code;

	code = store_record_update(g->st, entity, id, ch, n, &cf, g->err);
	if (code == CD_OK)
		store_conflicts_fini(&cf);
	return code;
}

/* An Ofsted URN for a provider, where the placement type takes one. */
static const char *
urn_for(struct gen *g, const char *pt, char out[12])
{
	static const char *const none[] = { "P1", "P3", "R1", "R2", "R5" };
	size_t i;

	for (i = 0; i < NAMES(none); i++)
		if (strcmp(pt, none[i]) == 0)
			return NULL;
	snprintf(out, 12, "SC%06ld", 400000 + pick(g, 99999));
	return out;
}

/* A named carer or provider for a placement of type pt, and a number. */
static void
carer_for(struct gen *g, const char *pt, char name[80], char phone[24])
{
	static const char *const homes[] = { "Hillside House", "Elm Lodge",
	    "The Willows", "Park View" };
	const char *fam = family_names[pick(g, NAMES(family_names))];

	if (pt[0] == 'U')
		snprintf(name, 80, chance(g, 60) ? "Mr and Mrs %s" : "Ms %s",
		    fam);
	else if (pt[0] == 'K' || pt[0] == 'R' || pt[0] == 'S')
		snprintf(name, 80, "%s (registered manager Ms %s)",
		    homes[pick(g, NAMES(homes))], fam);
	else
		snprintf(name, 80, "%s family", fam);
	snprintf(phone, 24, "020 8%03ld %04ld", 100 + pick(g, 899),
	    1000 + pick(g, 8999));
}

/* The participation code a child of this age gives at a review. */
static const char *
participation(struct gen *g, long born, long day)
{
	static const char *const older[] = { "PN1", "PN1", "PN1", "PN2",
	    "PN3", "PN5", "PN6" };

	return day - born < 4 * 365 + 1 ? "PN0" : older[pick(g, NAMES(older))];
}

/*
 * Health checks while in care: yearly, and the SDQ from 4 (a score to
 * 16, then SDQ1, too old for it).
 */
static enum cd_status
health(struct gen *g, int64_t child, long born, long start, long end)
{
	static const char *const kinds[] = { "health-assessment", "dental",
	    "sdq", "immunisations", "surveillance" };
	enum cd_status code = CD_OK;
	char d[11], score[8];
	size_t k;
	long h;

	for (k = 0; k < NAMES(kinds) && code == CD_OK; k++)
		for (h = start + 18 + (long)k * 9; code == CD_OK && h <= end;
		    h += 300 + pick(g, 50)) {
			/* The first SDQ on the fourth birthday. */
			if (k == 2 && h - born < 1461)
				h = born + 1461;
			if (h > end)
				break;
			long age = (h - born) / 365;

			if ((k == 2 && age < 4) || (k == 4 && age >= 5))
				continue;
			day_str(h, d);
			/* Past 16 the questionnaire is not done: SDQ1 says why. */
			if (k == 2 && age > 16)
				snprintf(score, sizeof score, "SDQ1");
			else
				snprintf(score, sizeof score, "%ld", 4 +
				    pick(g, 24));
			code = rec(g, "health_fact", child, NULL, "kind",
			    kinds[k], "fact_date", d, "value", k == 2 ? score :
			    NULL, NULL);
		}
	return code;
}

/*
 * A period of care: one or two placements joined up as the SSDA903
 * expects, reviews on the statutory schedule (20 working days, 3 months,
 * then 6-monthly), visits within a week of each placement and 6-weekly,
 * yearly health checks, and a worker with a Social Work England number.
 */
static enum cd_status
in_care(struct gen *g, int64_t child, long born, long start, int still,
    const char *worker, const char *team, int review_due)
{
	static const char *const statuses[] = { "C2", "C2", "C2", "C2", "C1",
	    "C1", "C2", "V2", "V2", "E1", "C2", "C1" };
	int young = start - born < 5 * 365;
	const char *ls = young && chance(g, 40) ? "E1" :
	    statuses[pick(g, NAMES(statuses))];
	const char *pt = placements[pick(g, NAMES(placements))];
	const char *urn;
	char s[11], e[11], second[11], pid[24], u[12], carer[80], phone[24];
	long moved = start + 60 + pick(g, 200), end, placed = start;
	int64_t period, ep;
	int move = !review_due && moved < g->today - 30 && chance(g, 45);
	enum cd_status code;

	const char *provider, *where;
	int64_t perm = 0;

	if (strcmp(pt, "P1") == 0 && strcmp(ls, "V2") == 0)
		pt = "U6";
	/* Supported accommodation from 16, a residential school from 4. */
	if ((strcmp(pt, "K3") == 0 && start - born < 16 * 365 + 4) ||
	    (strcmp(pt, "S1") == 0 && start - born < 4 * 365 + 1))
		pt = "U4";
	provider = pt[0] == 'K' ? "PR4" : pt[0] == 'P' ? "PR0" : "PR1";
	/*
	 * Our own homes and schools are in the borough (rule 1015), and so
	 * are a share of our foster carers; the rest are further away.
	 */
	where = g->pc.away[pick(g, (long)g->pc.naway)];
	if (strcmp(provider, "PR1") == 0 && (pt[0] != 'U' || chance(g, 30)))
		do
			where = g->pc.homes[pick(g, (long)g->pc.nhomes)];
		while (g->home != NULL && strcmp(where, g->home) == 0 &&
		    g->pc.nhomes > 1);
	urn = urn_for(g, pt, u);
	/* The current placement's URN not yet known: a new provider. */
	if (still && !review_due && !move && urn != NULL && seed(g, SEED_URN,
	    child, "903-URN"))
		urn = NULL;
	day_str(start, s);
	carer_for(g, pt, carer, phone);
	g->s->looked_after++;
	code = rec(g, "care_period", child, &period, "start_date", s,
	    "prev_perm", "Z1", NULL);
	snprintf(pid, sizeof pid, "%lld", (long long)period);
	/* A placement order follows the decision to place for adoption. */
	if (code == CD_OK && strcmp(ls, "E1") == 0)
		code = rec(g, "permanence", child, &perm, "care_period_id", pid,
		    "shobpa_date", s, "placement_order_date", s, NULL);
	if (code == CD_OK)
		code = rec(g, "care_episode", child, &ep, "care_period_id", pid,
		    "start_date", s, "legal_status", ls, "placement_type", pt,
		    "provider", provider, "placement_postcode", where, "urn",
		    urn, "carer", carer, "carer_phone", phone, "reason_new",
		    "S", "category_of_need", "N1", NULL);
	if (code == CD_OK)
		code = note(g, child, start, "placement", 1, "Child became looked "
		    "after and was placed with foster carers.");
	if (code != CD_OK)
		return code;
	if (still)
		g->s->lac_open++;
	if (move) {
		struct field_change why = { "reason_change", NULL,
		    chance(g, 50) ? "CARPL" : "CREQB" };
		int64_t next;

		urn = urn_for(g, "U6", u);
		if (still && seed(g, SEED_URN, child, "903-URN"))
			urn = NULL;

		day_str(moved, second);
		carer_for(g, "U6", carer, phone);
		code = rec(g, "care_episode", child, &next, "care_period_id",
		    pid, "start_date", second, "legal_status", ls,
		    "placement_type", "U6", "provider", "PR5",
		    "placement_postcode", g->pc.away[pick(g, (long)g->pc.naway)],
		    "urn", urn, "carer", carer, "carer_phone", phone,
		    "reason_new", "P",
		    "category_of_need", "N1", NULL);
		/* Why the placement changed goes on the episode that ended. */
		if (code == CD_OK)
			code = update(g, "care_episode", ep, &why, 1);
		ep = next;
		placed = moved;
	}
	end = still ? g->today : placed + 100 + pick(g, 200);
	if (end > g->today)
		end = g->today, still = 1;
	if (code == CD_OK && !review_due) {
		long r = calendar_add_workdays(&g->cal, start, 20 - pick(g, 4));
		int k;

		for (k = 0; r <= end && code == CD_OK; k++) {
			long after = calendar_add_months(r, k == 0 ? 3 : 6) -
			    pick(g, 14);
			int last = after > end;
			const char *pn = participation(g, born, r);

			day_str(r, s);
			if (last && still && strcmp(s, g->year_from) >= 0 &&
			    seed(g, SEED_PN, child, "903-PN"))
				pn = NULL;	/* left blank at the review */
			code = rec(g, "cla_review", child, NULL, "review_date", s,
			    "participation", pn, NULL);
			r = after;
		}
	}
	if (code == CD_OK)
		code = visits(g, child, "cla", start, end - 2, 35, 0);
	if (code == CD_OK && placed != start)	/* the new placement's */
		code = visits(g, child, "cla", placed, placed + 3, 35, 0);
	if (code == CD_OK)
		code = health(g, child, born, start, end);
	{
		long h;

		/* PEPs each term for children of school age. */
		for (h = start + 25; !young && code == CD_OK && h <= end; h +=
		    110 + pick(g, 30)) {
			day_str(h, s);
			code = rec(g, "education_fact", child, NULL, "kind",
			    "pep", "fact_date", s, "school", h - born < 11 * 365 +
			    243 ? primaries[pick(g, NAMES(primaries))] :
			    secondaries[pick(g, NAMES(secondaries))], NULL);
		}
	}
	if (code == CD_OK && !still) {
		struct field_change ch[2] = { { "end_date", NULL, e },
		    { "reason_ceased", NULL, chance(g, 60) ? "E4A" : "E13" } };
		struct field_change rd[2] = { { "reversed_date", NULL, e },
		    { "reversed_reason", NULL, "RD1" } };

		day_str(end, e);
		code = update(g, "care_episode", ep, ch, 2);
		/* Home rather than adopted: the decision ends too (557). */
		if (code == CD_OK && perm != 0)
			code = update(g, "permanence", perm, rd, 2);
	}
	if (code == CD_OK && worker)
		code = allocate(g, child, worker, team, start);
	if (code == CD_OK && still && !review_due && g->alloc_child == child &&
	    seed(g, SEED_SWE, child, "903-SW")) {
		struct field_change ch = { "swe_number", g->alloc_swe, NULL };

		/* An agency worker whose registration is not yet recorded. */
		code = update(g, "allocation", g->alloc_id, &ch, 1);
	}
	/* The virtual school's partner follows a handful of them. */
	if (code == CD_OK && still && !young && g->education &&
	    g->linked < 6) {
		code = store_person_link(g->st, child, "education", "education",
		    g->err);
		g->linked++;
	}
	return code;
}

/*
 * A care leaver of 20 or 21: in care from 15 until their 18th birthday
 * (staying put, or moving to supported or independent living), then
 * kept in touch with by a personal adviser, as the OC3 table counts.
 */
static enum cd_status
leaver(struct gen *g, const char *family, const char *home)
{
	static const char *const activities[] = { "F2", "F2", "F1", "F4",
	    "F5", "P5", "G5", "G6" };
	static const char *const homes[] = { "U", "U", "E", "D", "Z", "B",
	    "T" };
	static const char *const ends[] = { "E17", "E5", "E6" };
	long age = 20 * 365 + 20 + pick(g, 600), born = g->today - age;
	long start = born + 15 * 365 + pick(g, 400), end = born + 6575;
	char s[11], e[11], since[11], pid[24];
	int64_t yp, period, ep;
	enum cd_status code;

	code = person(g, family, chance(g, 50), age, &yp);
	g->s->children++;
	g->s->care_leavers++;
	day_str(start, s);
	day_str(end, e);
	day_str(start - 400, since);
	if (code == CD_OK)
		code = rec(g, "address", yp, NULL, "line1", "Flat 2, 14 Agar "
		    "Grove", "town", "London", "postcode", home, "kind", "home",
		    "start_date", since, NULL);
	if (code == CD_OK)
		code = rec(g, "care_period", yp, &period, "start_date", s,
		    "prev_perm", "Z1", NULL);
	snprintf(pid, sizeof pid, "%lld", (long long)period);
	if (code == CD_OK)
		code = rec(g, "care_episode", yp, &ep, "care_period_id", pid,
		    "start_date", s, "legal_status", "V2", "placement_type",
		    "U6", "provider", "PR1", "placement_postcode",
		    g->pc.away[pick(g, (long)g->pc.naway)], "urn", "SC401122",
		    "carer", "Mr and Mrs Okafor", "carer_phone",
		    "020 8340 2211", "reason_new", "S", "category_of_need",
		    "N4", NULL);
	if (code == CD_OK) {
		struct field_change ch[2] = { { "end_date", NULL, e },
		    { "reason_ceased", NULL, ends[pick(g, NAMES(ends))] } };

		code = update(g, "care_episode", ep, ch, 2);
	}
	if (code == CD_OK)
		code = rec(g, "allocation", yp, NULL, "worker", "Leyla Demir",
		    "team", "Leaving Care Team", "role", "personal-adviser",
		    "start_date", e, NULL);
	/* In touch around each birthday since, most recently this autumn. */
	for (end += 365; code == CD_OK && end <= g->today; end += 365) {
		int touch = chance(g, 90);
		long when = end + pick(g, 30);

		day_str(when > g->today ? g->today : when, s);
		code = rec(g, "care_leaver", yp, NULL, "contact_date", s,
		    "eligibility", "former-relevant", "in_touch", touch ? "YES" :
		    "NO", "accommodation", touch ? homes[pick(g, NAMES(homes))] :
		    NULL, "accommodation_suitable", touch ? "1" : NULL,
		    "activity", touch ? activities[pick(g, NAMES(activities))] :
		    NULL, "personal_adviser", "Leyla Demir", NULL);
	}
	return code;
}

/* A family at a home address: parents and children, related. */
static enum cd_status
family(struct gen *g, long index)
{
	const char *fam = family_names[pick(g, NAMES(family_names))];
	const char *home = g->pc.homes[pick(g, (long)g->pc.nhomes)];
	int nkids = index == 0 ? 3 : 1 + (int)pick(g, 4), two = chance(g, 55), i;
	int64_t mum, dad = 0, kids[5];
	long mum_age = (22 + pick(g, 20)) * 365, born[5];
	const char *worker = NULL, *team = NULL;
	char line1[80], since[11];
	enum cd_status code;

	g->s->families++;
	g->home = home;
	code = person(g, fam, 1, mum_age + pick(g, 365), &mum);
	if (code == CD_OK && two)
		code = person(g, chance(g, 70) ? fam : family_names[pick(g,
		    NAMES(family_names))], 0, mum_age + pick(g, 3000), &dad);
	g->s->adults += two ? 2 : 1;
	snprintf(line1, sizeof line1, "%ld %s", 1 + pick(g, 180),
	    streets[pick(g, NAMES(streets))]);
	/* At this address since before any work with the family began. */
	day_str(g->today - 760 - pick(g, 2500), since);
	for (i = 0; i < nkids && code == CD_OK; i++) {
		long age = (long)pick(g, 18 * 365);

		if (index == 0)	/* the trainer's first family */
			age = i == 0 ? 9 * 365 + 40 : i == 1 ? 6 * 365 : 3 *
			    365;
		born[i] = g->today - age;
		code = person(g, fam, chance(g, 50), age, &kids[i]);
		g->s->children++;
		if (code == CD_OK)
			code = store_person_relate(g->st, mum, "mother", kids[i],
			    1, g->err);
		if (code == CD_OK && dad)
			code = store_person_relate(g->st, dad, "father", kids[i],
			    chance(g, 80), g->err);
		/* Brothers and sisters know each other too. */
		{
			int j;

			for (j = 0; j < i && code == CD_OK; j++)
				code = store_person_relate(g->st, kids[j],
				    "sibling", kids[i], 0, g->err);
		}
		if (code == CD_OK)
			code = rec(g, "address", kids[i], NULL, "line1", line1,
			    "town", "London", "postcode", home, "kind", "home",
			    "start_date", since, NULL);
	}
	if (code == CD_OK)
		code = rec(g, "address", mum, NULL, "line1", line1, "town",
		    "London", "postcode", home, "kind", "home", "start_date",
		    since, NULL);
	if (code != CD_OK)
		return code;
	/* The trainer's scenarios, always in the first family. */
	if (index == 0) {
		int64_t ref;

		code = contact(g, kids[0], g->today - 30 - 63, "REF", "2A",
		    "School reported bruising and a child often hungry.", &ref);
		if (code == CD_OK)
			code = cin_episode(g, kids[0], g->today - 92, 1,
			    "social", "Assessment Team 1", ref);
		if (code == CD_OK && nkids > 1)
			code = in_care(g, kids[1], born[1],
			    calendar_add_workdays(&g->cal, g->today, -17), 1,
			    "social", "Assessment Team 1", 1);
		/* A referral from the health visitor waits for the team
		 * manager to allocate it... */
		if (code == CD_OK && nkids > 2)
			code = contact(g, kids[2], calendar_add_workdays(&g->cal,
			    g->today, -2), "REF", "3B", "Health visitor: home "
			    "conditions poor, the youngest often alone in a "
			    "cot.", &ref);
		if (code == CD_OK && nkids > 2) {
			struct field_change need = { "primary_need", NULL,
			    "N1" };

			code = update(g, "referral", ref, &need, 1);
			if (code == CD_OK)
				code = disabilities(g, kids[2]);
		}
		/* ...and a neighbour's call waits at the duty desk. */
		if (code == CD_OK && nkids > 2)
			code = contact(g, kids[2], g->today, NULL, "1B",
			    "Neighbour rang: young child heard crying for "
			    "hours, no adult answering the door.", NULL);
		return code;
	}
	/* An older sibling who left care, in one family in thirty. */
	if (index > 0 && chance(g, 3))
		code = leaver(g, fam, home);
	if (code != CD_OK)
		return code;
	/* About a third of families are known to children's services;
	 * the second family's assessment waits for the manager. */
	if (index != 1 && !chance(g, 35))
		return CD_OK;
	i = (int)pick(g, nkids);
	if (index == 1)
		g->auth_child = kids[i];
	{
		long start = index == 1 ? g->today - 45 : g->today - 20 -
		    pick(g, 700);
		int w = (int)pick(g, (long)NAMES(workers));

		/* No work with a child before they were born. */
		if (start < born[i] + 14)
			start = born[i] + 14;
		if (start > g->today - 40)
			return CD_OK;

		int mine = chance(g, 8);	/* the demo social worker's */

		worker = mine ? "social" : workers[w][0];
		team = mine ? "Assessment Team 1" : workers[w][1];
		int64_t ref = 0;

		/* A referral follows a contact accepted as one, and only then. */
		code = contact(g, kids[i], start - 2, index == 1 ||
		    chance(g, 65) ? "REF" :
		    chance(g, 50) ? "EH" : "NFA", NULL, NULL, &ref);
		if (code == CD_OK && ref != 0)
			code = cin_episode(g, kids[i], start, 0, worker, team,
			    ref);
		if (code == CD_OK && ref != 0 && chance(g, 21))
			code = in_care(g, kids[i], born[i], start + 30,
			    chance(g, 70), worker, team, 0);
		/* The police's notifications wait at the duty desk: always
		 * one in the second family, beside the first's. */
		if (code == CD_OK && (chance(g, 3) || index == 1))
			code = contact(g, kids[i], g->today - pick(g, 2), NULL,
			    "6", "Police notification of an incident at the "
			    "home.", NULL);
	}
	return code;
}

/* Prospective adopters at every stage; one in Stage 2 for the trainer. */
static enum cd_status
adopters(struct gen *g, long index)
{
	/* The trainer's household has a fixed name the README gives. */
	const char *fam = index == 0 ? "Thomas" : family_names[pick(g,
	    NAMES(family_names))];
	char name[80], enq[11], s1[11], s1e[11], s2[11];
	long start = g->today - (index == 0 ? 190 : 60 + pick(g, 500));
	int stage = index == 0 ? 2 : (int)pick(g, 4);
	int64_t a, hh;
	char hid[24];
	enum cd_status code;

	snprintf(name, sizeof name, "The %s household", fam);
	day_str(start, enq);
	day_str(start + 14, s1);
	day_str(start + 14 + 60, s1e);
	day_str(start + 14 + 60 + 30, s2);
	code = person(g, fam, chance(g, 60), (30 + pick(g, 15)) * 365, &a);
	g->s->adults++;
	g->s->adopter_households++;
	if (code == CD_OK)
		code = rec(g, "adopter_household", 0, &hh, "name", name,
		    "enquiry_date", enq, "stage1_start", stage >= 1 ? s1 : NULL,
		    "stage1_end", stage >= 2 ? s1e : NULL, "stage2_start",
		    stage >= 2 ? s2 : NULL, "ffa", chance(g, 20) ? "1" : "0",
		    NULL);
	snprintf(hid, sizeof hid, "%lld", (long long)hh);
	if (code == CD_OK)
		code = rec(g, "adopter_member", a, NULL, "household_id", hid,
		    "history", "Employed; good health; supportive extended "
		    "family nearby.", NULL);
	if (code == CD_OK && index == 0)
		code = allocate(g, a, "adoption", "Adoption Team", start);
	return code;
}

/*
 * For the trainer: a record past its retention date, a child-in-need
 * contact closed 27 years ago about someone now 36 (kept 25 years).
 * Made last, so it does not move anyone else's record number.
 */
static enum cd_status
past_retention(struct gen *g)
{
	int64_t p;
	enum cd_status code;

	code = person(g, family_names[pick(g, NAMES(family_names))], 1,
	    36 * 365 + 100, &p);
	g->s->adults++;
	if (code == CD_OK)
		code = contact(g, p, g->today - 27 * 365, "ADVICE", "1B",
		    "Neighbour worried a child was left alone; advice given to "
		    "mother.", NULL);
	return code;
}

const char *
demo_default_postcodes(void)
{
	return file_data_path(CASEWORK_DATADIR "/postcodes.csv",
	    CASEWORK_SRCDIR "/postcodes.csv");
}

enum cd_status
demo_generate(struct store *st, const struct demo_opts *o,
    struct demo_stats *stats, struct cd_err *err)
{
	struct gen g;
	enum cd_status code;
	long i, households;
	int ok;

	memset(&g, 0, sizeof g);
	memset(stats, 0, sizeof *stats);
	g.st = st;
	g.o = o;
	g.s = stats;
	g.err = err;
	g.rng = o->seed * 0x9E3779B97F4A7C15ULL + 0x2545F4914F6CDD1DULL;
	g.today = calendar_day(o->today, &ok);
	g.nhs_serial = 1000;
	if (!ok)
		return cd_err_set(err, CD_ERR_INVALID, "bad date %s", o->today);
	{
		char to[RT_DATE];

		returns_year(exports_year_of(o->today), g.year_from, to);
	}
	code = calendar_load(&g.cal, NULL, NULL, err);
	if (code == CD_OK)
		code = demo_postcodes_read(o->postcodes, o->la_ons, &g.pc,
		    err);
	households = o->people / 250 + 1;
	{
		struct store_user u;

		g.education = store_user_get(st, "education", &u, NULL) ==
		    CD_OK;
		store_user_fini(&u);
	}
	/* New referrals wait with the first assessment team. */
	if (code == CD_OK)
		code = store_intake_team_set(st, workers[0][1], err);
	/* A large cache, and the search indexes made once at the end. */
	if (code == CD_OK)
		code = store_bulk_begin(st, DEMO_CACHE_MIB, err);
	if (code == CD_OK)
		code = store_batch_begin(st, err);
	for (i = 0; code == CD_OK && stats->people < o->people; i++) {
		code = family(&g, i);
		if (code == CD_OK && i < households)
			code = adopters(&g, i);
		if (code == CD_OK && i % DEMO_BATCH == DEMO_BATCH - 1) {
			code = store_batch_commit(st, err);
			if (code == CD_OK)
				code = store_batch_begin(st, err);
		}
	}
	if (code == CD_OK)
		code = past_retention(&g);
	if (code == CD_OK)
		code = store_batch_commit(st, err);
	if (code == CD_OK)
		code = store_bulk_end(st, err);
	demo_postcodes_fini(&g.pc);
	calendar_fini(&g.cal);
	return code;
}
