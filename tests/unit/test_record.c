/* Unit tests for the case record: entities, validation, search, access. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/ident.h"
#include "common/xmem.h"
#include "fixture.h"
#include "store/audit.h"
#include "store/codes.h"
#include "store/cpis.h"
#include "store/entity.h"
#include "store/form.h"
#include "store/family.h"
#include "store/person.h"
#include "store/record.h"
#include "store/retention.h"
#include "store/sar.h"
#include "store/testing.h"
#include "store/user.h"

static int
setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);

	setenv("CASEDESK_NOW", "2026-11-23T10:00:00.000Z", 1);
	fixture_make(f);
	store_close(&f->st);
	f->st = fixture_open_as(f, "sam");	/* a social worker */
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	fixture_free(f);
	free(f);
	return 0;
}

/* Run one administrator action in its own session. */
static struct store *
admin(struct fixture *f)
{
	return fixture_open_as(f, "admin");
}

/*
 * Restrict person p as a team manager: restricting is theirs and
 * governance's, flagged for review (a social worker is refused).
 */
static void
restrict_person(struct fixture *f, struct store *worker, int64_t p)
{
	struct field_change ch = { "restricted", "0", "1" };
	struct conflicts cf;
	struct cd_err err;
	struct store *a = fixture_open_as(f, "admin"), *mgr;

	assert_int_equal(store_record_update(worker, "person", p, &ch, 1, &cf,
	    &err), CD_ERR_DENIED);
	assert_non_null(strstr(err.msg, "only team managers"));
	store_conflicts_fini(&cf);
	store_user_add(a, "restrictor", "", ROLE_MANAGER, "", NULL);
	store_close(&a);
	mgr = fixture_open_as(f, "restrictor");
	assert_int_equal(store_record_update(mgr, "person", p, &ch, 1, &cf,
	    &err), CD_OK);
	store_conflicts_fini(&cf);
	store_close(&mgr);
}

/* Add a user as the administrator. */
static void
add_user(struct fixture *f, const char *name, enum role role)
{
	struct store *a = admin(f);

	assert_int_equal(store_user_add(a, name, "", role, "", NULL), CD_OK);
	store_close(&a);
}

/* Link a user to a person as the administrator. */
static void
link_user(struct fixture *f, int64_t id, const char *user, const char *kind)
{
	struct store *a = admin(f);

	assert_int_equal(store_person_link(a, id, user, kind, NULL), CD_OK);
	store_close(&a);
}

/* Add a person as sam (social worker); returns the id. */
static int64_t
add_person(struct store *st, const char *fam, const char *giv,
    const char *dob)
{
	struct field_value v[3] = { { "family_name", fam },
	    { "given_names", giv }, { "dob", dob } };
	struct person_hits d;
	int64_t id = 0;

	assert_int_equal(store_person_add(st, v, 3, NULL, "test: a new "
	    "person", &id, &d, NULL), CD_OK);
	store_person_hits_fini(&d);
	return id;
}

/* ---- identifiers ------------------------------------------------------ */

static void
identifiers(void **state)
{
	char out[16], k[IDENT_KEY_MAX], a[8], b[8], c[8], from[11], to[11];
	struct cd_err err;

	assert_int_equal(ident_nhs("943 476 5919", out, &err), CD_OK);
	assert_string_equal(out, "9434765919");
	assert_int_equal(ident_nhs("9434765918", out, &err), CD_ERR_INVALID);
	assert_non_null(strstr(err.msg, "check digit"));
	assert_int_equal(ident_nhs("12345", out, &err), CD_ERR_INVALID);
	assert_int_equal(ident_upn("A318250000017", out, &err), CD_OK);
	assert_int_equal(ident_upn("B318250000017", out, &err), CD_ERR_INVALID);
	assert_non_null(strstr(err.msg, "expected A"));
	assert_int_equal(ident_upn("un4", out, &err), CD_OK);
	assert_string_equal(out, "UN4");
	assert_int_equal(ident_upn("UN8", out, &err), CD_ERR_INVALID);
	assert_int_equal(ident_postcode("sm11ea", out, &err), CD_OK);
	assert_string_equal(out, "SM1 1EA");
	assert_int_equal(ident_postcode("EC1A 1BB", out, &err), CD_OK);
	assert_int_equal(ident_postcode("W1 1AA", out, &err), CD_OK);
	assert_int_equal(ident_postcode("12345", out, &err), CD_ERR_INVALID);
	assert_int_equal(ident_postcode("SM1 1E", out, &err), CD_ERR_INVALID);
	assert_int_equal(ident_date("2/3/2015", out, &err), CD_OK);
	assert_string_equal(out, "2015-03-02");
	assert_int_equal(ident_date("30/02/2015", out, &err), CD_ERR_INVALID);
	assert_int_equal(ident_date_range("03/2015", from, to), 0);
	assert_string_equal(from, "2015-03-01");
	assert_string_equal(to, "2015-03-31");
	assert_int_equal(ident_date_range("2016-02", from, to), 0);
	assert_string_equal(to, "2016-02-29");
	assert_int_equal(ident_date_range("Khan", from, to), -1);
	ident_name_key("O'Brien-Zoë", k);
	assert_string_equal(k, "OBRIENZOE");
	ident_name_sound("Mohammed", a);
	ident_name_sound("Muhammad", b);
	ident_name_sound("Mohamed", c);
	assert_string_equal(a, b);
	assert_string_equal(a, c);
	ident_name_sound("Catherine", a);
	ident_name_sound("Kathryn", b);
	assert_string_equal(a, b);
	ident_name_sound("Philip", a);
	ident_name_sound("Filip", b);
	assert_string_equal(a, b);
	ident_name_sound("Smith", a);
	ident_name_sound("Jones", b);
	assert_string_not_equal(a, b);
}

/* ---- every entity round-trips ---------------------------------------- */

static int64_t make_row(struct store *st, const struct entity_def *e,
    int64_t person);
const struct code_entry *test_first_code(const char *list);

/* A valid sample value for field f (rows it refers to are made first). */
static char *
sample(struct store *st, const struct field_def *f, int64_t person)
{
	switch (f->type) {
	case FT_TEXT:
	case FT_NOTE:
		if (strcmp(f->name, "form_code") == 0)
			return xstrdup("pep");
		return xasprintf("sample %s", f->name);
	case FT_DATE:
		return xstrdup("2020-01-02");
	case FT_DATETIME:
		return xstrdup("2020-01-02T09:30");
	case FT_BOOL:
		/* Every yes/no set, bar the one that would hide the record. */
		return xstrdup(strcmp(f->name, "restricted") ? "1" : "0");
	case FT_INT:
		return xstrdup("2");
	case FT_CODE:
	case FT_CODES:
		return xstrdup(test_first_code(f->list)->code);
	case FT_REF:
		if (strcmp(f->list, "sar_request") == 0)
			return NULL;	/* governance's alone: a consent's own */
		if (strcmp(f->list, "adopter_household") == 0 &&
		    !(f->flags & FF_REQUIRED))
			return NULL;	/* a match: the household adoption's */
		if (strcmp(f->list, "person") == 0)	/* one that exists */
			return xasprintf("%lld", (long long)person);
		return xasprintf("%lld", (long long)make_row(st,
		    entity_find(f->list), person));
	case FT_POSTCODE:
		return xstrdup("SM1 1EA");
	case FT_NHS:
		return xstrdup("9434765919");
	case FT_UPN:
		return xstrdup("A318250000017");
	}
	return NULL;
}

static const struct code_entry *first_found;

static void
take_first(const struct code_entry *e, void *arg)
{
	(void)arg;
	if (first_found == NULL)
		first_found = e;
}

const struct code_entry *
test_first_code(const char *list)
{
	first_found = NULL;
	codes_each(list, take_first, NULL);
	assert_non_null(first_found);
	return first_found;
}

/* Create a row of e with every field filled; returns its id. */
static int64_t
make_row(struct store *st, const struct entity_def *e, int64_t person)
{
	struct field_value *v = xcalloc(e->nfields, sizeof *v);
	struct cd_err err;
	int64_t id = 0;
	size_t i;

	size_t k = 0;

	for (i = 0; i < e->nfields; i++) {
		if (e->fields[i].flags & FF_STORE_ONLY)
			continue;	/* the store fills these */
		v[k].name = e->fields[i].name;
		v[k++].value = sample(st, &e->fields[i], person);
	}
	if (strcmp(e->name, "person") == 0)
		v[5].value = (free((char *)v[5].value), NULL);	/* no edd */
	if (store_record_create(st, e->name, e->person_scoped ? person : 0, v,
	    k, &id, &err) != CD_OK)
		fail_msg("%s: %s", e->name, err.msg);
	for (i = 0; i < k; i++)
		free((char *)v[i].value);
	free(v);
	return id;
}

static void
every_entity_round_trips(void **state)
{
	struct fixture *f = *state;
	const struct entity_def *all;
	int64_t person = add_person(f->st, "Round", "Trip", "2010-06-01");
	size_t n, i, k;

	all = entity_all(&n);
	for (i = 0; i < n; i++) {
		const struct entity_def *e = &all[i];
		struct record r;
		int64_t id;

		if (!(e->write_roles & (1u << ROLE_SOCIAL)))
			continue;	/* other roles' records: below */
		id = make_row(f->st, e, person);
		assert_int_equal(store_record_get(f->st, e->name, id, &r,
		    NULL), CD_OK);
		for (k = 0; k < e->nfields; k++) {
			char *want = sample(f->st, &e->fields[k], person);
			char *norm = NULL;

			assert_int_equal(store_value_check(&e->fields[k], want,
			    &norm, NULL), CD_OK);
			if (e->fields[k].type == FT_REF || (strcmp(e->name,
			    "person") == 0 && k == 5) ||
			    (e->fields[k].flags & FF_STORE_ONLY)) {
				free(want);
				free(norm);
				continue;
			}
			assert_non_null(r.values[k]);
			assert_string_equal(r.values[k], norm);
			free(want);
			free(norm);
		}
		store_record_fini(&r);
	}
	/* Adopters: the adoption worker's. */
	add_user(f, "ada", ROLE_ADOPTION);
	store_close(&f->st);
	f->st = fixture_open_as(f, "ada");
	assert_true(make_row(f->st, entity_find("adopter_member"), person) > 0);
	/* Subject access requests: information governance's. */
	add_user(f, "iggy", ROLE_GOVERNANCE);
	store_close(&f->st);
	f->st = fixture_open_as(f, "iggy");
	assert_true(make_row(f->st, entity_find("sar_request"), person) > 0);
}

/* Every entity's table has exactly the columns its definition names. */
static void
schema_matches_definitions(void **state)
{
	struct fixture *f = *state;
	const struct entity_def *all;
	size_t n, i, k;

	all = entity_all(&n);
	for (i = 0; i < n; i++) {
		for (k = 0; k < all[i].nfields; k++) {
			char *sql = xasprintf("SELECT %s FROM %s LIMIT 0",
			    all[i].fields[k].name, all[i].name);
			struct cd_err err;

			if (store_test_exec(f->st, sql, &err) != CD_OK)
				fail_msg("%s.%s: %s", all[i].name,
				    all[i].fields[k].name, err.msg);
			free(sql);
		}
		if (all[i].fields[0].type == FT_CODE ||
		    all[i].fields[0].type == FT_CODES)
			assert_true(codes_list_exists(all[i].fields[0].list));
	}
}

/* ---- validation ------------------------------------------------------ */

static void
bad_values_name_the_field(void **state)
{
	struct fixture *f = *state;
	int64_t p = add_person(f->st, "Valid", "Ann", "2012-01-01"), id;
	struct cd_err err;
	struct {
		const char *entity;
		struct field_value v[4];
		size_t n;
		const char *msg;
	} cases[] = {
		{ "person", { { "family_name", "X" }, { "nhs_number",
		    "1234567890" } }, 2, "NHS number" },
		{ "person", { { "family_name", "X" }, { "upn",
		    "A31825000001" } }, 2, "UPN" },
		{ "person", { { "family_name", "X" }, { "dob",
		    "2030-01-01" } }, 2, "Date of birth: 2030-01-01 is in the "
		    "future" },
		{ "person", { { "given_names", "X" } }, 1,
		    "Family name is required" },
		{ "person", { { "family_name", "X" }, { "sex", "Q" } }, 2,
		    "Sex: \"Q\" is not a valid code (M, F, U)" },
		{ "person", { { "family_name", "X\x01" } }, 1,
		    "Family name: contains control characters" },
		{ "person", { { "family_name", "\xff\xfe" } }, 1,
		    "invalid UTF-8" },
		{ "person", { { "family_name", "X" }, { "dob", "2012-01-01" },
		    { "expected_dob", "2027-01-01" } }, 3, "either a date of "
		    "birth or an expected" },
		{ "person", { { "family_name", "X" }, { "shoe_size", "9" } }, 2,
		    "no field \"shoe_size\"" },
		{ "care_period", { { "start_date", "2024-05-01" }, { "end_date",
		    "2024-04-01" } }, 2, "Ceased to be looked after (2024-04-01) "
		    "is before Started to be looked after (2024-05-01)" },
		{ "address", { { "line1", "1 Road" }, { "kind", "home" },
		    { "start_date", "2020-01-01" }, { "postcode", "ZZZ" } }, 4,
		    "Postcode" },
		{ "care_episode", { { "care_period_id", "999" } }, 1,
		    "Period of care: no Period of care #999" },
		{ "assessment", { { "start_date", "2024-01-01" }, { "factors",
		    "1B 3Z" } }, 2, "Factors identified: \"3Z\"" },
	};
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		enum cd_status code = store_record_create(f->st,
		    cases[i].entity, strcmp(cases[i].entity, "person") ? p : 0,
		    cases[i].v, cases[i].n, &id, &err);

		if (code != CD_ERR_INVALID || strstr(err.msg, cases[i].msg) ==
		    NULL)
			fail_msg("case %zu: got %d \"%s\"", i, code, err.msg);
	}
}

/* ---- audit ----------------------------------------------------------- */

struct seen {
	const char *action;
	const char *entity;
	int count;
	int flagged;
	char detail[256];
};

static int
find_event(const struct audit_row *r, void *arg)
{
	struct seen *s = arg;
	size_t i;

	if (strcmp(r->action, s->action) != 0 || (s->entity && (r->entity ==
	    NULL || strcmp(r->entity, s->entity) != 0)))
		return 0;
	s->count++;
	s->flagged |= r->flagged;
	s->detail[0] = '\0';
	for (i = 0; i < r->nchanges; i++) {
		size_t len = strlen(s->detail);

		snprintf(s->detail + len, sizeof s->detail - len, "%s:%s>%s;",
		    r->changes[i].field, r->changes[i].old ? r->changes[i].old :
		    "", r->changes[i].new_ ? r->changes[i].new_ : "");
	}
	return 0;
}

/* Read the trail as information governance (administrators get no details). */
static struct seen
events(struct fixture *f, const char *action, const char *entity)
{
	struct store *adm = admin(f);
	struct seen s;

	store_user_add(adm, "auditor", "", ROLE_GOVERNANCE, "", NULL);
	store_close(&adm);
	adm = fixture_open_as(f, "auditor");

	memset(&s, 0, sizeof s);
	s.action = action;
	s.entity = entity;
	assert_int_equal(store_audit_list(adm, NULL, find_event, &s, NULL),
	    CD_OK);
	store_close(&adm);
	return s;
}

static void
view_search_update_are_audited(void **state)
{
	struct fixture *f = *state;
	int64_t p = add_person(f->st, "Audit", "Ann", "2012-01-01");
	struct field_change ch = { "given_names", "Ann", "Anne" };
	struct person_hits h;
	struct conflicts cf;
	struct record r;
	struct seen s;

	assert_int_equal(store_record_get(f->st, "person", p, &r, NULL), CD_OK);
	store_record_fini(&r);
	assert_int_equal(store_person_search(f->st, "audit", 10, &h, NULL),
	    CD_OK);
	assert_int_equal(h.n, 1);
	store_person_hits_fini(&h);
	assert_int_equal(store_record_update(f->st, "person", p, &ch, 1, &cf,
	    NULL), CD_OK);
	store_conflicts_fini(&cf);
	s = events(f, "view", "person");
	assert_int_equal(s.count, 1);
	s = events(f, "search", "person");
	assert_int_equal(s.count, 1);
	assert_string_equal(s.detail, "term:>audit;results:>1;");
	s = events(f, "update", "person");
	assert_int_equal(s.count, 1);
	assert_string_equal(s.detail, "given_names:Ann>Anne;");
	{
		struct audit_verify v;
		struct store *a = admin(f);

		assert_int_equal(store_audit_verify(a, &v, NULL), CD_OK);
		store_close(&a);
	}
}

/* ---- concurrency ----------------------------------------------------- */

static void
concurrent_edits_merge_or_conflict(void **state)
{
	struct fixture *f = *state;
	int64_t p = add_person(f->st, "Merge", "Mo", "2012-01-01");
	struct store *a = fixture_open_as(f, "sam");
	struct store *b = fixture_open_as(f, "sam");
	struct field_change ca = { "religion", NULL, "Muslim" };
	struct field_change cb = { "first_language", NULL, "Urdu" };
	struct field_change cc = { "religion", NULL, "None" };
	struct conflicts cf;
	struct cd_err err;
	struct record r;

	/* Both opened the record with religion and language empty. */
	assert_int_equal(store_record_update(a, "person", p, &ca, 1, &cf,
	    NULL), CD_OK);
	store_conflicts_fini(&cf);
	assert_int_equal(store_record_update(b, "person", p, &cb, 1, &cf,
	    NULL), CD_OK);
	store_conflicts_fini(&cf);
	/* b now changes religion, which a changed since b read it. */
	assert_int_equal(store_record_update(b, "person", p, &cc, 1, &cf,
	    &err), CD_ERR_CONFLICT);
	assert_int_equal(cf.n, 1);
	assert_string_equal(cf.c[0].field, "religion");
	assert_string_equal(cf.c[0].theirs, "Muslim");
	assert_string_equal(cf.c[0].mine, "None");
	assert_null(cf.c[0].seen);
	store_conflicts_fini(&cf);
	assert_int_equal(store_record_get(a, "person", p, &r, NULL), CD_OK);
	assert_string_equal(store_record_value(&r, "religion"), "Muslim");
	assert_string_equal(store_record_value(&r, "first_language"), "Urdu");
	assert_int_equal(r.version, 3);
	store_record_fini(&r);
	store_close(&a);
	store_close(&b);
}

/* ---- search ---------------------------------------------------------- */

static void
search_sound_alikes_dates_and_previous_names(void **state)
{
	struct fixture *f = *state;
	int64_t khan = add_person(f->st, "Khan", "Muhammad", "2015-03-02");
	int64_t kat = add_person(f->st, "Smith", "Kathryn", "2011-07-09");
	struct person_hits h;

	add_person(f->st, "Khan", "Amina", "1988-04-04");
	add_person(f->st, "Kahn", "Muhammed", "2001-01-01");
	assert_int_equal(store_person_search(f->st, "Mohamed Khan", 10, &h,
	    NULL), CD_OK);
	assert_true(h.n >= 2);
	assert_int_equal(h.h[0].id, khan);
	store_person_hits_fini(&h);
	assert_int_equal(store_person_search(f->st, "02/03/2015", 10, &h,
	    NULL), CD_OK);
	assert_int_equal(h.n, 1);
	assert_int_equal(h.h[0].id, khan);
	store_person_hits_fini(&h);
	assert_int_equal(store_person_search(f->st, "03/2015", 10, &h, NULL),
	    CD_OK);
	assert_int_equal(h.n, 1);
	store_person_hits_fini(&h);
	assert_int_equal(store_person_search(f->st, "Catherine Smith", 10, &h,
	    NULL), CD_OK);
	assert_int_equal(h.n, 1);
	assert_int_equal(h.h[0].id, kat);
	assert_string_equal(h.h[0].why, "sounds like");
	store_person_hits_fini(&h);
	assert_int_equal(store_person_search(f->st, "Khan 2015", 10, &h, NULL),
	    CD_OK);
	assert_int_equal(h.n, 1);
	store_person_hits_fini(&h);
	assert_int_equal(store_person_search(f->st, "#999", 10, &h, NULL),
	    CD_OK);
	assert_int_equal(h.n, 0);
	store_person_hits_fini(&h);
	/* Two letters are a start being typed, never a sound: not Kaya. */
	add_person(f->st, "Kaya", "Leyla", "2009-09-09");
	assert_int_equal(store_person_search(f->st, "Leyla Kh", 10, &h, NULL),
	    CD_OK);
	assert_int_equal(h.n, 0);
	store_person_hits_fini(&h);
	assert_int_equal(store_person_search(f->st, "Leyla Ka", 10, &h, NULL),
	    CD_OK);
	assert_int_equal(h.n, 1);
	store_person_hits_fini(&h);
	/* Kathryn married: her old name still finds her. */
	{
		struct field_change ch = { "family_name", "Smith", "Jones" };
		struct conflicts cf;

		assert_int_equal(store_record_update(f->st, "person", kat, &ch,
		    1, &cf, NULL), CD_OK);
		store_conflicts_fini(&cf);
	}
	assert_int_equal(store_person_search(f->st, "Smith", 10, &h, NULL),
	    CD_OK);
	assert_int_equal(h.n, 1);
	assert_string_equal(h.h[0].why, "previous name");
	store_person_hits_fini(&h);
	/* Her given name now with her family name then. */
	assert_int_equal(store_person_search(f->st, "Kathryn Smi", 10, &h,
	    NULL), CD_OK);
	assert_int_equal(h.n, 1);
	assert_int_equal(h.h[0].id, kat);
	assert_string_equal(h.h[0].why, "previous name");
	store_person_hits_fini(&h);
}

/*
 * Two partial words are matched together before any cap: on a borough
 * with 600 Ahmeds and 600 Khans (each more than any lookup keeps, and
 * each sorting before the one wanted), "Ahmed Kh" still finds Ahmed Khan
 * first, and so do "Ahmed Kha" and "Kh Ahmed".
 */
static void
two_partial_words_beat_the_caps(void **state)
{
	static const char *const terms[] = { "Ahmed Kh", "Ahmed Kha",
	    "Ahmed Khan", "Kh Ahmed", "Ahm Kha" };
	struct fixture *f = *state;
	struct person_hits h;
	char name[8];
	int64_t want;
	size_t i;
	int n;

	assert_int_equal(store_batch_begin(f->st, NULL), CD_OK);
	for (n = 0; n < 600; n++) {
		snprintf(name, sizeof name, "Ba%c%c", 'a' + n / 26,
		    'a' + n % 26);
		add_person(f->st, name, "Ahmed", "2010-01-01");
		snprintf(name, sizeof name, "Aa%c%c", 'a' + n / 26,
		    'a' + n % 26);
		add_person(f->st, "Khan", name, "2011-01-01");
	}
	want = add_person(f->st, "Khan", "Ahmed", "2012-02-02");
	assert_int_equal(store_batch_commit(f->st, NULL), CD_OK);
	for (i = 0; i < sizeof terms / sizeof terms[0]; i++) {
		assert_int_equal(store_person_search(f->st, terms[i], 10, &h,
		    NULL), CD_OK);
		if (h.n == 0 || h.h[0].id != want)
			fail_msg("\"%s\" did not find Ahmed Khan first (%zu "
			    "found)", terms[i], h.n);
		store_person_hits_fini(&h);
	}
	/* One word alone still finds people (the first of many). */
	assert_int_equal(store_person_search(f->st, "Ahmed", 10, &h, NULL),
	    CD_OK);
	assert_int_equal(h.n, 10);
	store_person_hits_fini(&h);
}

/* Add Ahmeds (each with another family name) and Khans, from..to-1. */
static void
add_ahmeds_and_khans(struct store *st, int from, int to)
{
	char name[8];
	int n;

	assert_int_equal(store_batch_begin(st, NULL), CD_OK);
	for (n = from; n < to; n++) {
		snprintf(name, sizeof name, "Ba%c%c%c", 'a' + n / 676,
		    'a' + n / 26 % 26, 'a' + n % 26);
		add_person(st, name, "Ahmed", "2010-01-01");
		snprintf(name, sizeof name, "Aa%c%c%c", 'a' + n / 676,
		    'a' + n / 26 % 26, 'a' + n % 26);
		add_person(st, "Khan", name, "2011-01-01");
	}
	assert_int_equal(store_batch_commit(st, NULL), CD_OK);
}

/* What one search of term costs, once its statements are prepared. */
static void
search_cost(struct store *st, const char *term, struct store_test_counts *c,
    size_t *hits)
{
	struct person_hits h;

	assert_int_equal(store_person_search(st, term, 10, &h, NULL), CD_OK);
	store_person_hits_fini(&h);
	store_test_count_start(st, c);
	assert_int_equal(store_person_search(st, term, 10, &h, NULL), CD_OK);
	store_test_count_stop(st);
	*hits = h.n;
	store_person_hits_fini(&h);
}

/*
 * A keystroke costs what it shows, not what the borough holds: its
 * statements are the lookups, one postcode read per hit and the audit
 * event, never one per candidate (candidates are scored from the index
 * entries that found them), and neither they nor the rows visited grow
 * when each word has ten times the matches: "Ahmed Kh" seeks the Ahmeds
 * whose family name starts Kh instead of stepping over every Ahmed.
 */
static void
a_keystroke_does_not_grow_with_the_names(void **state)
{
	static const char *const terms[] = { "Ahmed Kh", "Khan", "Ahm",
	    "Kh Ahmed", "Ahmed 2012" };
	enum { NTERMS = sizeof terms / sizeof terms[0] };
	struct fixture *f = *state;
	struct store_test_counts a[NTERMS], b;
	size_t i, hits[NTERMS], n;

	add_ahmeds_and_khans(f->st, 0, 150);
	add_person(f->st, "Khan", "Ahmed", "2012-02-02");
	for (i = 0; i < NTERMS; i++)
		search_cost(f->st, terms[i], &a[i], &hits[i]);
	add_ahmeds_and_khans(f->st, 150, 1500);
	for (i = 0; i < NTERMS; i++) {
		search_cost(f->st, terms[i], &b, &n);
		assert_int_equal(n, hits[i]);
		if (b.statements != a[i].statements ||
		    b.steps > a[i].steps + a[i].steps / 2 + 50)
			fail_msg("\"%s\": %ld statements and %ld steps with 150 "
			    "of each name, %ld and %ld with 1,500", terms[i],
			    a[i].statements, a[i].steps, b.statements, b.steps);
		if (b.statements > (long)n + 30)
			fail_msg("\"%s\": %ld statements for %zu hits",
			    terms[i], b.statements, n);
		assert_int_equal(b.commits, 1);
		/* Audited without waiting for the disk, as a draft's field. */
		assert_int_equal(b.relaxed, 1);
	}
}

static void
duplicates_offered_on_create(void **state)
{
	struct fixture *f = *state;
	int64_t khan = add_person(f->st, "Khan", "Muhammad", "2015-03-02"), id;
	struct field_value v[3] = { { "family_name", "Khan" },
	    { "given_names", "Mohammed" }, { "dob", "02/03/2015" } };
	struct field_value w[3] = { { "family_name", "Khan" },
	    { "given_names", "Mohammed" }, { "dob", "03/02/2015" } };
	struct person_hits d;
	struct cd_err err;
	struct seen s;

	assert_int_equal(store_person_add(f->st, v, 3, NULL, NULL, &id, &d,
	    &err), CD_ERR_DUPLICATE);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.h[0].id, khan);
	store_person_hits_fini(&d);
	/* Day and month swapped is still offered. */
	assert_int_equal(store_person_add(f->st, w, 3, NULL, NULL, &id, &d,
	    &err), CD_ERR_DUPLICATE);
	store_person_hits_fini(&d);
	assert_int_equal(store_person_add(f->st, v, 3, NULL, "twins: checked "
	    "with the school", &id, &d, &err), CD_OK);
	store_person_hits_fini(&d);
	assert_true(id > khan);
	s = events(f, "no-match", "person");
	assert_int_equal(s.count, 1);
	assert_non_null(strstr(s.detail, "reason:>twins"));
}

/* ---- access ---------------------------------------------------------- */

static void
education_partner_reaches_only_linked_children_and_forms(void **state)
{
	struct fixture *f = *state;
	int64_t child = add_person(f->st, "Linked", "Lucy", "2012-01-01");
	int64_t other = add_person(f->st, "Other", "Oscar", "2012-01-01");
	struct field_value pep[3] = { { "form_code", "pep" },
	    { "form_version", "1" }, { "status", "draft" } };
	struct field_value cp[3] = { { "form_code", "cp-plan" },
	    { "form_version", "1" }, { "status", "draft" } };
	struct person_hits h;
	struct store *edu;
	struct record r;
	struct cd_err err;
	int64_t id;

	add_user(f, "eve", ROLE_EDUCATION);
	link_user(f, child, "eve", "education");
	assert_int_equal(store_record_create(f->st, "form_instance", child, cp,
	    3, &id, NULL), CD_OK);
	edu = fixture_open_as(f, "eve");
	assert_int_equal(store_record_get(edu, "person", child, &r, &err),
	    CD_OK);
	store_record_fini(&r);
	assert_int_equal(store_record_get(edu, "person", other, &r, &err),
	    CD_ERR_DENIED);
	assert_non_null(strstr(err.msg, "not one of the children linked"));
	assert_int_equal(store_record_get(edu, "form_instance", id, &r, &err),
	    CD_ERR_DENIED);
	assert_int_equal(store_record_create(edu, "form_instance", child, cp,
	    3, &id, &err), CD_ERR_DENIED);
	assert_int_equal(store_record_create(edu, "form_instance", child, pep,
	    3, &id, &err), CD_OK);
	assert_int_equal(store_record_create(edu, "form_instance", other, pep,
	    3, &id, &err), CD_ERR_DENIED);
	assert_int_equal(store_record_list(edu, "contact", child, NULL, NULL,
	    &err), CD_ERR_DENIED);
	assert_int_equal(store_person_search(edu, "Linked", 5, &h, &err),
	    CD_ERR_DENIED);
	store_close(&edu);
}

/* Counts of one screen's transaction around a search, or a read too. */
static void
screen_cost(struct store *st, const char *term, int64_t read,
    struct store_test_counts *c)
{
	struct person_hits h;
	struct record r;
	int grouped;

	store_test_count_start(st, c);
	assert_int_equal(store_screen_begin(st, &grouped, NULL), CD_OK);
	assert_true(grouped);
	assert_int_equal(store_person_search(st, term, 10, &h, NULL), CD_OK);
	store_person_hits_fini(&h);
	if (read > 0) {
		assert_int_equal(store_record_get(st, "person", read, &r, NULL),
		    CD_OK);
		store_record_fini(&r);
	}
	assert_int_equal(store_screen_end(st, grouped, NULL), CD_OK);
	store_test_count_stop(st);
}

/*
 * A screen that only searched commits without waiting for the disk, as
 * the search alone does: the search screen's keystroke is not one
 * fdatasync. A screen that also read a record, or whose search matched
 * a restricted person (flagged), is synced.
 */
static void
a_search_screen_is_relaxed_unless_more_is_in_it(void **state)
{
	struct fixture *f = *state;
	int64_t p = add_person(f->st, "Shielded", "Sara", "2014-01-01");
	struct store_test_counts c;

	screen_cost(f->st, "Shiel", 0, &c);
	assert_int_equal(c.commits, 1);
	assert_int_equal(c.relaxed, 1);
	screen_cost(f->st, "Shiel", p, &c);
	assert_int_equal(c.commits, 1);
	assert_int_equal(c.relaxed, 0);
	restrict_person(f, f->st, p);
	{
		struct store *sam = fixture_open_as(f, "sam");

		screen_cost(sam, "Shielded", 0, &c);
		assert_int_equal(c.commits, 1);
		assert_int_equal(c.relaxed, 0);
		store_close(&sam);
	}
	/* And the next screen (matching nobody restricted) is relaxed again. */
	add_person(f->st, "Plainview", "Pat", "2014-01-01");
	screen_cost(f->st, "Plainv", 0, &c);
	assert_int_equal(c.commits, 1);
	assert_int_equal(c.relaxed, 1);
}

static void
restricted_records_and_break_glass(void **state)
{
	struct fixture *f = *state;
	int64_t p = add_person(f->st, "Hidden", "Harriet", "2013-01-01");
	struct person_hits h;
	struct store *sam;
	struct record r;
	struct cd_err err;
	struct seen s;
	struct store_test_counts c;

	restrict_person(f, f->st, p);
	s = events(f, "update", "person");
	assert_true(s.flagged);	/* restricting is on the review list */
	sam = fixture_open_as(f, "sam");
	store_test_count_start(sam, &c);
	assert_int_equal(store_person_search(sam, "Hidden", 5, &h, NULL),
	    CD_OK);
	store_test_count_stop(sam);
	/* A match on a restricted person is flagged and synced at once. */
	assert_int_equal(c.commits, 1);
	assert_int_equal(c.relaxed, 0);
	assert_int_equal(h.n, 1);
	assert_true(h.h[0].masked);
	assert_string_equal(h.h[0].name, "(restricted record)");
	assert_null(h.h[0].dob);
	store_person_hits_fini(&h);
	/* Even masked, the match confirms them: the search is flagged. */
	s = events(f, "search", "person");
	assert_true(s.flagged);
	assert_int_equal(store_record_get(sam, "person", p, &r, &err),
	    CD_ERR_RESTRICTED);
	assert_non_null(strstr(err.msg, "break-glass"));
	assert_int_equal(store_person_break_glass(sam, p, "short", &err),
	    CD_ERR_INVALID);
	assert_int_equal(store_person_break_glass(sam, p, "police on the "
	    "phone at 02:10, child at risk tonight", &err), CD_OK);
	assert_int_equal(store_record_get(sam, "person", p, &r, &err), CD_OK);
	store_record_fini(&r);
	store_close(&sam);
	s = events(f, "break-glass", "person");
	assert_int_equal(s.count, 1);
	assert_true(s.flagged);
	/* On the list, no glass to break. */
	link_user(f, p, "sam", "restricted");
	sam = fixture_open_as(f, "sam");
	assert_int_equal(store_record_get(sam, "person", p, &r, &err), CD_OK);
	store_record_fini(&r);
	store_close(&sam);
}

/* Restriction is governed: merge keeps it, self-listing is flagged. */
static void
restriction_survives_merge_and_self_listing_is_flagged(void **state)
{
	struct fixture *f = *state;
	int64_t open_rec = add_person(f->st, "Open", "Olive", "2013-05-05");
	int64_t hidden = add_person(f->st, "Open", "Olivia", "2013-05-05");
	struct store *mgr;
	struct record r;
	struct cd_err err;
	struct seen s;

	restrict_person(f, f->st, hidden);
	link_user(f, hidden, "sam", "restricted");
	mgr = fixture_open_as(f, "restrictor");
	/* A manager putting themselves on the list: break-glass, flagged. */
	assert_int_equal(store_person_link(mgr, hidden, "restrictor",
	    "restricted", &err), CD_OK);
	store_close(&mgr);
	s = events(f, "update", "person_access");
	assert_true(s.flagged);
	/* Merging the restricted record into the open one keeps it shut. */
	mgr = fixture_open_as(f, "restrictor");
	assert_int_equal(store_person_merge(mgr, open_rec, hidden, &err), CD_OK);
	store_close(&mgr);
	assert_int_equal(store_record_get(f->st, "person", open_rec, &r, &err),
	    CD_OK);	/* sam is on the list that moved with it */
	assert_string_equal(store_record_value(&r, "restricted"), "1");
	store_record_fini(&r);
	add_user(f, "other", ROLE_SOCIAL);
	mgr = fixture_open_as(f, "other");
	assert_int_equal(store_record_get(mgr, "person", open_rec, &r, &err),
	    CD_ERR_RESTRICTED);
	store_close(&mgr);
}

static void
own_and_relatives_records_are_flagged(void **state)
{
	struct fixture *f = *state;
	int64_t me = add_person(f->st, "Social", "Sam", "1985-01-01");
	int64_t kid = add_person(f->st, "Social", "Kit", "2015-01-01");
	int64_t stranger = add_person(f->st, "Stranger", "Stan", "2015-01-01");
	struct store *sam;
	struct record r;
	struct seen s;

	assert_int_equal(store_person_relate(f->st, me, "father", kid, 1, NULL),
	    CD_OK);
	link_user(f, me, "sam", "self");
	sam = fixture_open_as(f, "sam");
	assert_int_equal(store_record_get(sam, "person", stranger, &r, NULL),
	    CD_OK);
	store_record_fini(&r);
	store_close(&sam);
	s = events(f, "view", "person");
	assert_false(s.flagged);
	sam = fixture_open_as(f, "sam");
	assert_int_equal(store_record_get(sam, "person", kid, &r, NULL), CD_OK);
	store_record_fini(&r);
	store_close(&sam);
	s = events(f, "view", "person");
	assert_true(s.flagged);
}

static void
roles_are_checked_in_the_store(void **state)
{
	struct fixture *f = *state;
	int64_t p = add_person(f->st, "Role", "Rita", "2012-01-01"), id;
	struct field_value hh = { "name", "The Adopters" };
	struct field_value visit[2] = { { "kind", "cp" },
	    { "visit_date", "2026-11-20" } };
	struct store *gov;
	struct record r;
	struct cd_err err;

	add_user(f, "gina", ROLE_GOVERNANCE);
	/* The administrator manages users, not children's records. */
	gov = admin(f);
	assert_int_equal(store_record_get(gov, "person", p, &r, &err),
	    CD_ERR_DENIED);
	store_close(&gov);
	gov = fixture_open_as(f, "gina");
	assert_int_equal(store_record_get(gov, "person", p, &r, &err), CD_OK);
	store_record_fini(&r);
	assert_int_equal(store_record_create(gov, "visit", p, visit, 2, &id,
	    &err), CD_ERR_DENIED);
	assert_non_null(strstr(err.msg, "Information governance role may not "
	    "change Visit"));
	store_close(&gov);
	gov = fixture_open_as(f, "sam");
	assert_int_equal(store_record_create(gov, "adopter_household", 0, &hh,
	    1, &id, &err), CD_ERR_DENIED);
	assert_int_equal(store_record_create(gov, "visit", p, visit, 2, &id,
	    &err), CD_OK);
	store_close(&gov);
}

/* ---- relationships and merge ----------------------------------------- */

static void
relationships_are_reciprocal_and_merge_keeps_links(void **state)
{
	struct fixture *f = *state;
	int64_t mum = add_person(f->st, "Parent", "Pat", "1980-01-01");
	int64_t kid = add_person(f->st, "Parent", "Kim", "2014-01-01");
	int64_t dup = add_person(f->st, "Parrent", "Kimberley", "2014-01-01");
	struct field_value visit[2] = { { "kind", "cin" },
	    { "visit_date", "2026-11-01" } };
	struct relation *rel;
	struct person_hits h;
	struct store *mo;
	struct cd_err err;
	size_t n;
	int64_t vid;

	assert_int_equal(store_person_relate(f->st, mum, "mother", kid, 1,
	    NULL), CD_OK);
	assert_int_equal(store_person_relate(f->st, mum, "mother", kid, 1,
	    &err), CD_ERR_EXISTS);
	assert_int_equal(store_person_relate(f->st, mum, "pal", kid, 0, &err),
	    CD_ERR_INVALID);
	assert_int_equal(store_person_relations(f->st, kid, &rel, &n, NULL),
	    CD_OK);
	assert_int_equal(n, 1);
	assert_string_equal(rel[0].kind, "mother");
	assert_true(rel[0].pr);
	store_person_relations_free(&rel, n);
	assert_int_equal(store_person_relations(f->st, mum, &rel, &n, NULL),
	    CD_OK);
	assert_string_equal(rel[0].kind, "child");
	assert_false(rel[0].pr);
	store_person_relations_free(&rel, n);
	assert_int_equal(store_record_create(f->st, "visit", dup, visit, 2,
	    &vid, NULL), CD_OK);
	assert_int_equal(store_person_relate(f->st, mum, "mother", dup, 0,
	    NULL), CD_OK);
	/* A social worker may not merge; a team manager may. */
	assert_int_equal(store_person_merge(f->st, kid, dup, &err),
	    CD_ERR_DENIED);
	add_user(f, "mo", ROLE_MANAGER);
	mo = fixture_open_as(f, "mo");
	assert_int_equal(store_person_merge(mo, kid, dup, &err), CD_OK);
	assert_int_equal(store_person_relations(mo, mum, &rel, &n, NULL),
	    CD_OK);
	assert_int_equal(n, 1);	/* the duplicate link folded into one */
	store_person_relations_free(&rel, n);
	assert_int_equal(store_person_search(mo, "Kimberley", 5, &h, NULL),
	    CD_OK);
	assert_int_equal(h.n, 1);
	assert_int_equal(h.h[0].id, kid);	/* via the merged name */
	store_person_hits_fini(&h);
	{
		struct record r;

		assert_int_equal(store_record_get(mo, "visit", vid, &r, NULL),
		    CD_OK);
		assert_int_equal(r.person_id, kid);
		store_record_fini(&r);
	}
	store_close(&mo);
}

/* ---- form answers ---------------------------------------------------- */

static void
form_answers_save_merge_and_lock(void **state)
{
	struct fixture *f = *state;
	int64_t p = add_person(f->st, "Form", "Fay", "2012-01-01"), pep, cp;
	struct field_value v[3] = { { "form_code", "pep" },
	    { "form_version", "2" }, { "status", "draft" } };
	struct form_answer *a;
	struct store *edu;
	struct cd_err err;
	size_t n;

	assert_int_equal(store_record_create(f->st, "form_instance", p, v, 3,
	    &pep, NULL), CD_OK);
	v[0].value = "cp-plan";
	assert_int_equal(store_record_create(f->st, "form_instance", p, v, 3,
	    &cp, NULL), CD_OK);
	assert_int_equal(store_form_answer_set(f->st, pep, "targets", 0, NULL,
	    "Reading at age level by July", &err), CD_OK);
	assert_int_equal(store_form_answer_set(f->st, pep, "support", 1, NULL,
	    "Tutor twice a week", &err), CD_OK);
	/* Someone who opened it before the first save changes the same field. */
	assert_int_equal(store_form_answer_set(f->st, pep, "targets", 0, NULL,
	    "Something else", &err), CD_ERR_CONFLICT);
	assert_non_null(strstr(err.msg, "Reading at age level"));
	assert_int_equal(store_form_answers(f->st, pep, &a, &n, NULL), CD_OK);
	assert_int_equal(n, 2);
	assert_string_equal(a[0].field, "support");
	assert_int_equal(a[0].row, 1);
	assert_string_equal(a[1].value, "Reading at age level by July");
	store_form_answers_free(&a, n);
	/* The education partner linked to the child reaches the PEP only. */
	add_user(f, "eve", ROLE_EDUCATION);
	link_user(f, p, "eve", "education");
	edu = fixture_open_as(f, "eve");
	assert_int_equal(store_form_answer_set(edu, pep, "school_view", 0, NULL,
	    "Settled well", &err), CD_OK);
	assert_int_equal(store_form_answer_set(edu, cp, "x", 0, NULL, "y",
	    &err), CD_ERR_DENIED);
	assert_int_equal(store_form_answers(edu, cp, &a, &n, &err),
	    CD_ERR_DENIED);
	store_close(&edu);
	/* Submitted forms do not change. */
	assert_int_equal(store_form_submit(f->st, pep, NULL, 0, NULL, 0, NULL),
	    CD_OK);
	assert_int_equal(store_form_answer_set(f->st, pep, "targets", 0,
	    "Reading at age level by July", "Changed", &err), CD_ERR_DENIED);
	assert_non_null(strstr(err.msg, "submitted"));
}

/* ---- destruction under the retention schedule ------------------------ */

/*
 * A destroyed person's number is never given to the next person made
 * (SQLite alone would reuse the highest rowid), so the tombstone
 * re-applied at the next login cannot destroy a new person, and nobody
 * inherits the destroyed person's audit trail.
 */
static void
a_reused_number_is_not_destroyed_again(void **state)
{
	struct fixture *f = *state;
	struct store *ig, *again;
	struct record r;
	struct cd_err err;
	int64_t keep, gone, next;

	keep = add_person(f->st, "Stays", "Sam", "2010-01-01");
	gone = add_person(f->st, "Goes", "Gwen", "1980-01-01");
	assert_true(gone > keep);
	add_user(f, "iggy", ROLE_GOVERNANCE);
	ig = fixture_open_as(f, "iggy");
	setenv("CASEDESK_NOW", "2026-11-23T10:05:00.000Z", 1);
	assert_int_equal(store_destroy_person(ig, gone, "child-in-need", "test",
	    &err), CD_OK);
	store_close(&ig);
	setenv("CASEDESK_NOW", "2026-11-23T10:10:00.000Z", 1);
	next = add_person(f->st, "Newborn", "Nell", "2026-11-20");
	assert_true(next > gone);	/* not the destroyed person's number */
	/* Every later login re-applies the list; Nell is not on it. */
	again = fixture_open_as(f, "iggy");
	assert_int_equal(store_record_get(again, "person", next, &r, &err),
	    CD_OK);
	assert_string_equal(store_record_value(&r, "family_name"), "Newborn");
	store_record_fini(&r);
	store_close(&again);
	setenv("CASEDESK_NOW", "2026-11-23T10:00:00.000Z", 1);
	(void)keep;
}

/* Destroying a record removes every trace of the person; the chain holds. */
static void
destruction_leaves_no_trace_and_the_chain_verifies(void **state)
{
	struct fixture *f = *state;
	int64_t p = add_person(f->st, "Quillfeather", "Zephyrine", "2008-02-03");
	int64_t mum = add_person(f->st, "Keepsake", "Orla", "1985-04-05");
	const struct entity_def *all;
	struct field_value v[3] = { { "form_code", "pep" },
	    { "form_version", "2" }, { "status", "draft" } };
	struct person_hits h;
	struct audit_verify av;
	struct store *ig;
	struct cd_err err;
	char where[128];
	int64_t pep;
	size_t n, i;

	add_user(f, "iggy", ROLE_GOVERNANCE);
	ig = fixture_open_as(f, "iggy");
	all = entity_all(&n);
	for (i = 0; i < n; i++) {
		if (!all[i].person_scoped)
			continue;
		if (all[i].write_roles & (1u << ROLE_SOCIAL))
			make_row(f->st, &all[i], p);
		else if (all[i].write_roles & (1u << ROLE_GOVERNANCE))
			make_row(ig, &all[i], p);
	}
	assert_int_equal(store_record_create(f->st, "form_instance", p, v, 3,
	    &pep, NULL), CD_OK);
	assert_int_equal(store_form_answer_set(f->st, pep, "targets", 0, NULL,
	    "Zephyrine to read at age level", &err), CD_OK);
	assert_int_equal(store_person_relate(f->st, mum, "mother", p, 1, NULL),
	    CD_OK);
	/* A subject access pack frozen for review, and the mother's consent
	 * naming the child: the pack goes, the consent stays, unlinked. */
	{
		struct sar_mark_in m = { 0, 12, "name", 0 };
		struct sar_item_in it = { "About", "", "Quillfeather Zephyrine "
		    "in review", 1, &m, 1 };
		char pid[24];
		int64_t req;

		req = fixture_row(ig, "sar_request", p, "received_date",
		    "2026-11-01", "requester_name", "Zephyrine Quillfeather",
		    "requester_relationship", "SELF", NULL);
		assert_int_equal(store_sar_prepare(ig, req, &it, 1, &err),
		    CD_OK);
		snprintf(pid, sizeof pid, "%lld", (long long)p);
		fixture_row(f->st, "consent", mum, "consent_date", "2026-11-01",
		    "purpose", "SHARE", "given_by", "ADULT", "allows_id", pid,
		    NULL);
	}
	assert_int_equal(store_person_search(f->st, "Quillfeather", 10, &h,
	    NULL), CD_OK);
	store_person_hits_fini(&h);
	assert_true(store_test_find_text(f->st, "Quillfeather", where,
	    sizeof where) > 0);

	/* Only information governance destroys, and never under a hold. */
	assert_int_equal(store_destroy_person(f->st, p, "child-in-need", "test",
	    &err), CD_ERR_DENIED);
	assert_int_equal(store_legal_hold(ig, p, "litigation", "x", &err),
	    CD_ERR_INVALID);
	assert_int_equal(store_legal_hold(ig, p, "litigation", "Claim "
	    "against the council, ref 2026/114", &err), CD_OK);
	assert_int_equal(store_destroy_person(ig, p, "child-in-need", "test",
	    &err), CD_ERR_DENIED);
	assert_non_null(strstr(err.msg, "legal hold"));
	assert_true(store_test_find_text(ig, "Zephyrine", NULL, 0) > 0);
	assert_int_equal(store_legal_hold_lift(ig, p, &err), CD_OK);
	assert_int_equal(store_legal_hold_lift(ig, p, &err), CD_ERR_NOTFOUND);

	if (store_destroy_person(ig, p, "child-in-need", "25 years from "
	    "closure", &err) != CD_OK)
		fail_msg("destroy: %s", err.msg);
	assert_int_equal(store_compact(ig, &err), CD_OK);
	if (store_test_find_text(ig, "Quillfeather", where, sizeof where) != 0)
		fail_msg("the family name survives in %s", where);
	if (store_test_find_text(ig, "Zephyrine", where, sizeof where) != 0)
		fail_msg("the given name survives in %s", where);
	if (store_test_find_text(ig, "age level", where, sizeof where) != 0)
		fail_msg("a form answer survives in %s", where);
	/* Nor in the files themselves (the database, its WAL, a journal). */
	{
		static const char *const sfx[] = { "", "-wal", "-journal" };
		size_t k;

		for (k = 0; k < 3; k++) {
			char *path = xasprintf("%s%s", f->db, sfx[k]);

			assert_false(fixture_file_contains(path, "Quillfeather",
			    12));
			free(path);
		}
	}
	/* Every event is still there, so the chain and anchor verify. */
	assert_int_equal(store_audit_verify(ig, &av, &err), CD_OK);
	assert_int_equal(av.bad_seq, 0);
	/* The mother's record is untouched. */
	assert_int_equal(store_person_search(f->st, "Keepsake", 10, &h, NULL),
	    CD_OK);
	assert_int_equal(h.n, 1);
	store_person_hits_fini(&h);
	store_close(&ig);
}

/* ---- disclosures and consent ----------------------------------------- */

/* A disclosure keeps its legal basis; the law's conditional fields hold. */
static void
disclosures_and_consent_round_trip(void **state)
{
	struct fixture *f = *state;
	int64_t p = add_person(f->st, "Share", "Sid", "2011-05-06"), id, cid;
	struct field_value d[8] = { { "disclosure_date", "2026-11-20" },
	    { "agency", "POLICE" }, { "shared", "Address and school" },
	    { "basis", "6E" }, { "family_told", "no" },
	    { "special_basis", NULL }, { "criminal_data", NULL },
	    { "dpa_condition", NULL } };
	struct field_value c[3] = { { "consent_date", "2026-11-02" },
	    { "purpose", "SAR" }, { "given_by", "CHILD" } };
	struct field_change w = { "withdrawn_date", NULL, "2026-11-01" };
	struct conflicts cf;
	struct record r;
	struct store *ig;
	struct cd_err err;

	assert_int_equal(store_record_create(f->st, "disclosure", p, d, 5, &id,
	    &err), CD_ERR_INVALID);
	assert_string_equal(err.msg, "Why the family was not told is required "
	    "when the family was not told");
	d[4].value = "yes";
	d[5].value = "9G";
	assert_int_equal(store_record_create(f->st, "disclosure", p, d, 6, &id,
	    &err), CD_ERR_INVALID);
	assert_non_null(strstr(err.msg, "Schedule 1 condition is required when "
	    "special category data"));
	d[5].value = NULL;
	d[6].value = "yes";
	assert_int_equal(store_record_create(f->st, "disclosure", p, d, 7, &id,
	    &err), CD_ERR_INVALID);
	assert_non_null(strstr(err.msg, "criminal offence data"));
	d[7].value = "Sch 1 para 10: preventing or detecting unlawful acts";
	d[1].value = "NSA";
	assert_int_equal(store_record_create(f->st, "disclosure", p, d, 8, &id,
	    &err), CD_ERR_INVALID);
	assert_non_null(strstr(err.msg, "POLICE"));
	d[1].value = "POLICE";
	assert_int_equal(store_record_create(f->st, "disclosure", p, d, 8, &id,
	    &err), CD_OK);
	assert_int_equal(store_record_get(f->st, "disclosure", id, &r, NULL),
	    CD_OK);
	assert_string_equal(store_record_value(&r, "basis"), "6E");
	assert_string_equal(store_record_value(&r, "criminal_data"), "1");
	assert_string_equal(store_record_value(&r, "family_told"), "1");
	assert_string_equal(store_record_value(&r, "dpa_condition"), d[7].value);
	store_record_fini(&r);

	/* Consent: withdrawn after it was given, not before. */
	assert_int_equal(store_record_create(f->st, "consent", p, c, 3, &cid,
	    &err), CD_OK);
	assert_int_equal(store_record_update(f->st, "consent", cid, &w, 1, &cf,
	    &err), CD_ERR_INVALID);
	store_conflicts_fini(&cf);
	assert_non_null(strstr(err.msg, "before Date given"));
	w.value = "2026-11-21";
	assert_int_equal(store_record_update(f->st, "consent", cid, &w, 1, &cf,
	    &err), CD_OK);
	store_conflicts_fini(&cf);
	/* Information governance records its own disclosures, not casework. */
	add_user(f, "iggy", ROLE_GOVERNANCE);
	ig = fixture_open_as(f, "iggy");
	assert_int_equal(store_record_create(ig, "disclosure", p, d, 8, &id,
	    &err), CD_OK);
	assert_int_equal(store_record_create(ig, "chronology", p, NULL, 0, &id,
	    &err), CD_ERR_DENIED);
	store_close(&ig);
}

/* ---- the Caldicott review list --------------------------------------- */

struct review_list {
	int64_t seq[8];
	char action[8][16];
	char outcome[8][16];
	size_t n;
};

static int
take_review(const struct audit_row *r, void *arg)
{
	struct review_list *l = arg;

	if (l->n < 8) {
		l->seq[l->n] = r->seq;
		snprintf(l->action[l->n], 16, "%s", r->action);
		snprintf(l->outcome[l->n], 16, "%s", r->outcome ? r->outcome :
		    "");
		l->n++;
	}
	return 0;
}

static struct review_list
review_list(struct store *st, int which)
{
	struct audit_filter f;
	struct review_list l;

	memset(&f, 0, sizeof f);
	memset(&l, 0, sizeof l);
	f.flagged = which;
	assert_int_equal(store_audit_list(st, &f, take_review, &l, NULL),
	    CD_OK);
	return l;
}

/* Break-glass and own-family views fill the list; reviews close them. */
static void
caldicott_list_fills_and_closes(void **state)
{
	struct fixture *f = *state;
	int64_t me = add_person(f->st, "Social", "Sam", "1985-01-01");
	int64_t kid = add_person(f->st, "Social", "Kit", "2015-01-01");
	int64_t hid = add_person(f->st, "Hidden", "Hal", "2013-01-01");
	struct review_list l;
	struct store *sam, *ig;
	struct record r;
	struct cd_err err;

	restrict_person(f, f->st, hid);
	assert_int_equal(store_person_relate(f->st, me, "father", kid, 1, NULL),
	    CD_OK);
	link_user(f, me, "sam", "self");
	sam = fixture_open_as(f, "sam");
	assert_int_equal(store_record_get(sam, "person", kid, &r, NULL), CD_OK);
	store_record_fini(&r);
	assert_int_equal(store_person_break_glass(sam, hid, "police on the "
	    "phone at 02:10, child at risk tonight", &err), CD_OK);
	assert_int_equal(store_audit_review(sam, 1, "appropriate", "fine, "
	    "checked", &err), CD_ERR_DENIED);
	store_close(&sam);

	add_user(f, "iggy", ROLE_GOVERNANCE);
	ig = fixture_open_as(f, "iggy");
	l = review_list(ig, 2);
	assert_int_equal(l.n, 3);
	assert_string_equal(l.action[0], "update");	/* the restriction */
	assert_string_equal(l.action[1], "view");
	assert_string_equal(l.action[2], "break-glass");
	assert_int_equal(store_audit_review(ig, l.seq[2], "fine", "checked "
	    "with the duty manager", &err), CD_ERR_INVALID);
	assert_int_equal(store_audit_review(ig, l.seq[2], "appropriate", "",
	    &err), CD_ERR_INVALID);
	assert_int_equal(store_audit_review(ig, l.seq[2], "appropriate",
	    "Checked with the duty manager: police call logged", &err), CD_OK);
	assert_int_equal(store_audit_review(ig, l.seq[2], "appropriate",
	    "again, twice", &err), CD_ERR_EXISTS);
	assert_int_equal(store_audit_review(ig, 1, "appropriate", "not "
	    "flagged at all", &err), CD_ERR_NOTFOUND);
	assert_non_null(strstr(err.msg, "not on the Caldicott review list"));
	/* Closed ones leave the open list and keep their outcome. */
	l = review_list(ig, 2);
	assert_int_equal(l.n, 2);
	assert_string_equal(l.action[1], "view");
	l = review_list(ig, 1);
	assert_int_equal(l.n, 3);
	assert_string_equal(l.outcome[2], "appropriate");
	store_close(&ig);
}

/* ---- subject access requests ----------------------------------------- */

/* Add a request as governance; returns its id. */
static int64_t
sar_add(struct store *ig, int64_t subject, const char *received,
    const char *rel, const char *extended)
{
	struct field_value v[5] = { { "received_date", received },
	    { "requester_name", "Pat Parent" }, { "requester_relationship",
	    rel }, { "extended", extended }, { "extension_reason",
	    extended ? "Thirty years of records across three systems" : NULL } };
	int64_t id = 0;
	struct cd_err err;

	if (store_record_create(ig, "sar_request", subject, v, 5, &id, &err) !=
	    CD_OK)
		fail_msg("sar_request: %s", err.msg);
	return id;
}

/* The month's clock, the 13-and-over consent rule, closing a request. */
static void
sar_due_dates_consent_and_release_log(void **state)
{
	struct fixture *f = *state;
	int64_t teen = add_person(f->st, "Teen", "Tia", "2012-01-15");
	int64_t kid = add_person(f->st, "Young", "Yan", "2014-02-01");
	struct field_value c[4] = { { "consent_date", "2026-11-10" },
	    { "purpose", "SAR" }, { "given_by", "CHILD" },
	    { "sar_request_id", NULL } };
	struct field_change w = { "withdrawn_date", NULL, "2026-11-20" };
	struct sar_state s;
	struct conflicts cf;
	struct store *ig;
	struct record r;
	struct cd_err err;
	char rid[24];
	int64_t req, cid;

	add_user(f, "iggy", ROLE_GOVERNANCE);
	ig = fixture_open_as(f, "iggy");
	assert_int_equal(store_sar_state(f->st, 1, 13, &s, &err),
	    CD_ERR_DENIED);

	/* One calendar month; 31 January runs to the end of February. */
	req = sar_add(ig, teen, "2026-01-31", "PARENT", NULL);
	assert_int_equal(store_sar_state(ig, req, 13, &s, &err), CD_OK);
	assert_string_equal(s.due, "2026-02-28");
	assert_int_equal(s.age, 14);
	assert_true(s.needs_consent);
	assert_false(s.consented);
	req = sar_add(ig, teen, "2026-01-31", "PARENT", "yes");
	assert_int_equal(store_sar_state(ig, req, 13, &s, &err), CD_OK);
	assert_string_equal(s.due, "2026-04-30");

	/* A parent asking about a 14-year-old needs the child's consent. */
	assert_int_equal(store_sar_gates(&s, &err), CD_ERR_DENIED);
	assert_non_null(strstr(err.msg, "was 14 when the request came: their "
	    "own consent is needed before the record goes to a parent"));
	/* A consent naming no request and no one does not count. */
	assert_int_equal(store_record_create(ig, "consent", teen, c, 3, &cid,
	    &err), CD_OK);
	assert_int_equal(store_sar_state(ig, req, 13, &s, &err), CD_OK);
	assert_false(s.consented);
	snprintf(rid, sizeof rid, "%lld", (long long)req);
	c[3].value = rid;
	assert_int_equal(store_record_create(ig, "consent", teen, c, 4, &cid,
	    &err), CD_OK);
	assert_int_equal(store_sar_state(ig, req, 13, &s, &err), CD_OK);
	assert_true(s.consented);
	assert_int_equal(store_sar_gates(&s, &err), CD_ERR_DENIED);
	assert_null(strstr(err.msg, "consent"));
	/* Withdrawn consent stops it again. */
	memset(&cf, 0, sizeof cf);
	assert_int_equal(store_record_update(ig, "consent", cid, &w, 1, &cf,
	    &err), CD_OK);
	store_conflicts_fini(&cf);
	assert_int_equal(store_sar_state(ig, req, 13, &s, &err), CD_OK);
	assert_false(s.consented);
	assert_int_equal(store_sar_gates(&s, &err), CD_ERR_DENIED);
	assert_non_null(strstr(err.msg, "consent"));
	/* A council that asks consent from 15 asks none of a 14-year-old. */
	assert_int_equal(store_sar_state(ig, req, 15, &s, &err), CD_OK);
	assert_false(s.needs_consent);
	/* The child asking for their own, or a 12-year-old's parent: no. */
	req = sar_add(ig, teen, "2026-11-02", "SELF", NULL);
	assert_int_equal(store_sar_state(ig, req, 13, &s, &err), CD_OK);
	assert_false(s.needs_consent);
	req = sar_add(ig, kid, "2026-01-31", "PARENT", NULL);
	assert_int_equal(store_sar_state(ig, req, 13, &s, &err), CD_OK);
	assert_int_equal(s.age, 11);
	assert_false(s.needs_consent);

	/* Closing without release: the reason is required, once only. */
	assert_int_equal(store_sar_close(ig, req, "WITHDRAWN", "", &err),
	    CD_ERR_INVALID);
	assert_int_equal(store_sar_close(ig, req, "WITHDRAWN", "Withdrawn by "
	    "letter of 20 November", &err), CD_OK);
	assert_int_equal(store_record_get(ig, "sar_request", req, &r, &err),
	    CD_OK);
	assert_string_equal(store_record_value(&r, "status"), "WITHDRAWN");
	assert_string_equal(store_record_value(&r, "closed_date"),
	    "2026-11-23");
	store_record_fini(&r);
	assert_int_equal(store_sar_close(ig, req, "REFUSED", "again", &err),
	    CD_ERR_INVALID);
	store_close(&ig);
}

/* ---- CP-IS ------------------------------------------------------------ */

struct scope {
	char line[12][80];
	size_t n;
};

static void
take_scope(const struct cpis_record *r, void *arg)
{
	struct scope *s = arg;

	if (s->n < 12)
		snprintf(s->line[s->n++], 80, "%lld %s %s %s %s%s",
		    (long long)r->person, r->type, r->start, r->end ? r->end :
		    "-", r->delete_date[0] ? r->delete_date : "-", r->changed ?
		    " changed" : "");
}

static struct scope
scope_of(struct store *st)
{
	struct scope s;
	struct cd_err err;

	memset(&s, 0, sizeof s);
	if (store_cpis_scope(st, "2026-11-23", take_scope, &s, &err) != CD_OK)
		fail_msg("cpis: %s", err.msg);
	return s;
}

/* A CP plan with the given dates (end may be NULL). */
static int64_t
cp_plan(struct store *st, int64_t p, const char *start, const char *end)
{
	struct field_value v[3] = { { "start_date", start },
	    { "initial_category", "NEG" }, { "end_date", end } };
	int64_t id;

	assert_int_equal(store_record_create(st, "cp_plan", p, v, 3, &id,
	    NULL), CD_OK);
	return id;
}

/* A period of care with one episode under legal status ls. */
static void
in_care(struct store *st, int64_t p, const char *start, const char *ls)
{
	struct field_value pv[1] = { { "start_date", start } };
	struct field_value ev[5] = { { "care_period_id", NULL },
	    { "start_date", start }, { "legal_status", ls },
	    { "placement_type", "U4" }, { "reason_new", "S" } };
	int64_t period, ep;
	char id[24];
	struct cd_err err;

	assert_int_equal(store_record_create(st, "care_period", p, pv, 1,
	    &period, NULL), CD_OK);
	snprintf(id, sizeof id, "%lld", (long long)period);
	ev[0].value = id;
	if (store_record_create(st, "care_episode", p, ev, 5, &ep, &err) !=
	    CD_OK)
		fail_msg("episode: %s", err.msg);
}

/* Who is in scope, with which dates, and only changes the second time. */
static void
cpis_scope_and_changes(void **state)
{
	struct fixture *f = *state;
	int64_t a = add_person(f->st, "Plan", "Ann", "2015-01-01");
	int64_t b = add_person(f->st, "Old", "Ben", "2015-01-01");
	int64_t c = add_person(f->st, "Recent", "Cal", "2015-01-01");
	int64_t m = add_person(f->st, "Mother", "Mia", "1995-01-01");
	int64_t d = add_person(f->st, "Care", "Dee", "2015-01-01");
	int64_t e = add_person(f->st, "Breaks", "Eve", "2015-01-01");
	struct field_value uv[2] = { { "family_name", "Mother" },
	    { "expected_dob", "2027-02-01" } };
	struct field_change end = { "end_date", NULL, "2026-11-20" };
	struct conflicts cf;
	struct scope s;
	struct store *ig;
	struct cd_err err;
	int64_t u, plan, seq = 0;
	char want[80];

	plan = cp_plan(f->st, a, "2026-01-10", NULL);
	cp_plan(f->st, b, "2024-01-10", "2025-06-01");	/* over a year ago */
	cp_plan(f->st, c, "2024-01-10", "2025-12-01");
	assert_int_equal(store_record_create(f->st, "person", 0, uv, 2, &u,
	    &err), CD_OK);
	assert_int_equal(store_person_relate(f->st, m, "mother", u, 1, NULL),
	    CD_OK);
	cp_plan(f->st, u, "2026-10-01", NULL);
	in_care(f->st, d, "2026-03-01", "C2");
	in_care(f->st, e, "2026-03-01", "V3");	/* short breaks: not */

	assert_int_equal(store_cpis_scope(f->st, "2026-11-23", take_scope, &s,
	    &err), CD_ERR_DENIED);
	add_user(f, "iggy", ROLE_GOVERNANCE);
	ig = fixture_open_as(f, "iggy");
	s = scope_of(ig);
	assert_int_equal(s.n, 4);
	snprintf(want, sizeof want, "%lld CPP 2026-01-10 - - changed",
	    (long long)a);
	assert_string_equal(s.line[0], want);
	snprintf(want, sizeof want, "%lld CPP 2024-01-10 2025-12-01 2026-12-01 "
	    "changed", (long long)c);
	assert_string_equal(s.line[1], want);
	/* The unborn child's plan is held against the mother. */
	snprintf(want, sizeof want, "%lld UCPP 2026-10-01 - - changed",
	    (long long)m);
	assert_string_equal(s.line[2], want);
	snprintf(want, sizeof want, "%lld LAC 2026-03-01 - - changed",
	    (long long)d);
	assert_string_equal(s.line[3], want);

	/* After an upload (of the records read back) only changes are new. */
	{
		struct cpis_record r[4];
		const struct cpis_record *p[4];
		size_t i;

		memset(r, 0, sizeof r);
		for (i = 0; i < 4; i++) {
			char t[8], st_[11], en[11];

			en[0] = '\0';
			sscanf(s.line[i], "%lld %7s %10s %10s",
			    (long long *)&r[i].person, t, st_, en);
			r[i].type = strcmp(t, "CPP") == 0 ? "CPP" : strcmp(t,
			    "UCPP") == 0 ? "UCPP" : "LAC";
			r[i].start = xstrdup(st_);
			r[i].end = strcmp(en, "-") ? xstrdup(en) : NULL;
			p[i] = &r[i];
		}
		assert_int_equal(store_cpis_sent(ig, p, 4, NULL, NULL, &seq,
		    &err), CD_OK);
		for (i = 0; i < 4; i++) {
			free((char *)r[i].start);
			free((char *)r[i].end);
		}
	}
	assert_int_equal(seq, 1);
	s = scope_of(ig);
	assert_int_equal(s.n, 4);
	assert_null(strstr(s.line[0], "changed"));
	assert_null(strstr(s.line[3], "changed"));
	/* Ending Ann's plan sends her again, with the delete date. */
	memset(&cf, 0, sizeof cf);
	assert_int_equal(store_record_update(f->st, "cp_plan", plan, &end, 1,
	    &cf, &err), CD_OK);
	store_conflicts_fini(&cf);
	s = scope_of(ig);
	snprintf(want, sizeof want, "%lld CPP 2026-01-10 2026-11-20 2027-11-20 "
	    "changed", (long long)a);
	assert_string_equal(s.line[0], want);
	assert_null(strstr(s.line[1], "changed"));
	store_close(&ig);
}

/* Every record of the scope, withdrawals included, as lines. */
struct lifecycle {
	char line[16][128];
	size_t n;
	struct cpis_record r[16];
};

static void
take_all(const struct cpis_record *r, void *arg)
{
	struct lifecycle *l = arg;

	if (l->n >= 16)
		return;
	snprintf(l->line[l->n], 128, "%lld %s %s %s %s %s%s%s%s",
	    (long long)r->person, r->type, r->nhs ? r->nhs : "-", r->start,
	    r->end ? r->end : "-", r->delete_date[0] ? r->delete_date : "-",
	    r->changed ? " changed" : "", r->withdraw ? " ends: " : "",
	    r->reason ? r->reason : "");
	l->r[l->n] = *r;
	l->r[l->n].nhs = r->nhs ? xstrdup(r->nhs) : NULL;
	l->r[l->n].type = xstrdup(r->type);
	l->r[l->n].start = xstrdup(r->start);
	l->r[l->n].end = r->end ? xstrdup(r->end) : NULL;
	l->r[l->n].reason = NULL;
	l->n++;
}

static void
lifecycle_fini(struct lifecycle *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		free((char *)l->r[i].nhs);
		free((char *)l->r[i].type);
		free((char *)l->r[i].start);
		free((char *)l->r[i].end);
	}
	memset(l, 0, sizeof *l);
}

/* The scope now; with send, upload every changed record of it. */
static void
cpis_round(struct store *ig, int send, struct lifecycle *l)
{
	const struct cpis_record *p[16];
	struct cd_err err;
	int64_t seq;
	size_t i, k = 0;

	memset(l, 0, sizeof *l);
	if (store_cpis_scope(ig, "2026-11-23", take_all, l, &err) != CD_OK)
		fail_msg("cpis: %s", err.msg);
	for (i = 0; i < l->n; i++)
		if (l->r[i].changed)
			p[k++] = &l->r[i];
	if (send && k > 0)
		assert_int_equal(store_cpis_sent(ig, p, k, NULL, NULL, &seq,
		    &err), CD_OK);
}

static int
has_line(const struct lifecycle *l, const char *want)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->line[i], want) == 0)
			return 1;
	return 0;
}

static void
expect_line(const struct lifecycle *l, const char *want)
{
	size_t i;

	if (has_line(l, want))
		return;
	for (i = 0; i < l->n; i++)
		print_message("# have: %s\n", l->line[i]);
	fail_msg("no CP-IS record \"%s\"", want);
}

/* Birth, a changed NHS number and destruction withdraw what was sent. */
static void
cpis_withdraws_what_ended(void **state)
{
	struct fixture *f = *state;
	struct field_value mv[3] = { { "family_name", "Mum" },
	    { "dob", "1995-01-01" }, { "nhs_number", "2505919607" } };
	struct field_value uv[2] = { { "family_name", "Mum" },
	    { "expected_dob", "2026-12-01" } };
	struct field_value kv[3] = { { "family_name", "Kid" },
	    { "dob", "2015-01-01" }, { "nhs_number", "6163925475" } };
	struct field_value dv[3] = { { "family_name", "Gone" },
	    { "dob", "2015-01-01" }, { "nhs_number", "6834567143" } };
	struct field_value tv[3] = { { "family_name", "Twin" },
	    { "dob", "2016-01-01" }, { "nhs_number", "7895669028" } };
	struct field_value ev[3] = { { "family_name", "Oops" },
	    { "dob", "2016-01-01" }, { "nhs_number", "4868465260" } };
	int64_t twin, oops, oops_plan, keep;
	struct store *mo;
	char sql[96];
	struct field_change ver = { "nhs_verified", "0", "1" };
	struct field_change born[2] = { { "expected_dob", "2026-12-01", NULL },
	    { "dob", NULL, "2026-11-15" } };
	struct field_change renum = { "nhs_number", "6163925475", "1347618252" };
	struct conflicts cf;
	struct lifecycle l;
	struct store *ig;
	struct record r;
	struct cd_err err;
	int64_t mum, unborn, kid, gone;
	char want[128];

	assert_int_equal(store_record_create(f->st, "person", 0, mv, 3, &mum,
	    &err), CD_OK);
	assert_int_equal(store_record_create(f->st, "person", 0, uv, 2,
	    &unborn, &err), CD_OK);
	assert_int_equal(store_record_create(f->st, "person", 0, kv, 3, &kid,
	    &err), CD_OK);
	assert_int_equal(store_record_create(f->st, "person", 0, dv, 3, &gone,
	    &err), CD_OK);
	memset(&cf, 0, sizeof cf);
	assert_int_equal(store_record_update(f->st, "person", mum, &ver, 1,
	    &cf, &err), CD_OK);
	assert_int_equal(store_record_update(f->st, "person", kid, &ver, 1,
	    &cf, &err), CD_OK);
	assert_int_equal(store_record_update(f->st, "person", gone, &ver, 1,
	    &cf, &err), CD_OK);
	assert_int_equal(store_person_relate(f->st, mum, "mother", unborn, 1,
	    NULL), CD_OK);
	cp_plan(f->st, unborn, "2026-10-01", NULL);
	cp_plan(f->st, kid, "2026-02-01", NULL);
	in_care(f->st, gone, "2026-03-01", "C2");
	assert_int_equal(store_record_create(f->st, "person", 0, tv, 3, &twin,
	    &err), CD_OK);
	assert_int_equal(store_record_update(f->st, "person", twin, &ver, 1,
	    &cf, &err), CD_OK);
	cp_plan(f->st, twin, "2026-04-01", NULL);
	assert_int_equal(store_record_create(f->st, "person", 0, ev, 3, &oops,
	    &err), CD_OK);
	assert_int_equal(store_record_update(f->st, "person", oops, &ver, 1,
	    &cf, &err), CD_OK);
	oops_plan = cp_plan(f->st, oops, "2026-05-01", NULL);
	keep = add_person(f->st, "Twin", "Kept", "2016-01-01");
	add_user(f, "iggy", ROLE_GOVERNANCE);
	add_user(f, "mo", ROLE_MANAGER);
	ig = fixture_open_as(f, "iggy");
	cpis_round(ig, 1, &l);
	assert_int_equal(l.n, 5);
	lifecycle_fini(&l);
	cpis_round(ig, 0, &l);
	assert_null(strstr(l.line[0], "changed"));
	lifecycle_fini(&l);

	/* The baby is born: the mother's unborn plan ends on the birth. */
	assert_int_equal(store_record_update(f->st, "person", unborn, born, 2,
	    &cf, &err), CD_OK);
	/* The child's NHS number changes: verification goes with it. */
	assert_int_equal(store_record_update(f->st, "person", kid, &renum, 1,
	    &cf, &err), CD_OK);
	assert_int_equal(store_record_get(f->st, "person", kid, &r, &err),
	    CD_OK);
	assert_string_equal(store_record_value(&r, "nhs_number"), "1347618252");
	assert_true(store_record_value(&r, "nhs_verified") == NULL ||
	    strcmp(store_record_value(&r, "nhs_verified"), "0") == 0);
	store_record_fini(&r);
	/* A destroyed child's records are withdrawn. */
	assert_int_equal(store_destroy_person(ig, gone, "child-in-need",
	    "test", &err), CD_OK);
	store_conflicts_fini(&cf);
	/* A duplicate merged away, and a plan deleted as entered in error. */
	mo = fixture_open_as(f, "mo");
	assert_int_equal(store_person_merge(mo, keep, twin, &err), CD_OK);
	store_close(&mo);
	snprintf(sql, sizeof sql, "DELETE FROM cp_plan WHERE id = %lld",
	    (long long)oops_plan);
	assert_int_equal(store_test_exec(f->st, sql, &err), CD_OK);

	cpis_round(ig, 1, &l);
	snprintf(want, sizeof want, "%lld UCPP 2505919607 2026-10-01 "
	    "2026-11-15 2026-11-23 changed ends: the child was born on "
	    "2026-11-15", (long long)mum);
	expect_line(&l, want);
	snprintf(want, sizeof want, "%lld CPP - 2026-10-01 - - changed",
	    (long long)unborn);
	expect_line(&l, want);	/* the child's own, waiting for a number */
	snprintf(want, sizeof want, "%lld CPP 6163925475 2026-02-01 "
	    "2026-11-23 2026-11-23 changed ends: NHS number changed",
	    (long long)kid);
	expect_line(&l, want);
	snprintf(want, sizeof want, "%lld CPP 1347618252 2026-02-01 - - "
	    "changed", (long long)kid);
	expect_line(&l, want);
	expect_line(&l, "0 LAC 6834567143 2026-03-01 2026-11-23 2026-11-23 "
	    "changed ends: record destroyed");
	snprintf(want, sizeof want, "%lld CPP 7895669028 2026-04-01 2026-11-23 "
	    "2026-11-23 changed ends: merged into #%lld", (long long)twin,
	    (long long)keep);
	expect_line(&l, want);
	snprintf(want, sizeof want, "%lld CPP 4868465260 2026-05-01 2026-11-23 "
	    "2026-11-23 changed ends: no longer on the record",
	    (long long)oops);
	expect_line(&l, want);
	lifecycle_fini(&l);

	/* Sent once, the ends are not sent again. */
	cpis_round(ig, 0, &l);
	{
		size_t i;

		for (i = 0; i < l.n; i++)
			assert_null(strstr(l.line[i], "ends:"));
	}
	lifecycle_fini(&l);
	store_close(&ig);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
		cmocka_unit_test(identifiers),
		T(every_entity_round_trips),
		T(schema_matches_definitions),
		T(bad_values_name_the_field),
		T(view_search_update_are_audited),
		T(concurrent_edits_merge_or_conflict),
		T(search_sound_alikes_dates_and_previous_names),
		T(two_partial_words_beat_the_caps),
		T(a_keystroke_does_not_grow_with_the_names),
		T(a_search_screen_is_relaxed_unless_more_is_in_it),
		T(duplicates_offered_on_create),
		T(education_partner_reaches_only_linked_children_and_forms),
		T(restricted_records_and_break_glass),
		T(restriction_survives_merge_and_self_listing_is_flagged),
		T(own_and_relatives_records_are_flagged),
		T(roles_are_checked_in_the_store),
		T(relationships_are_reciprocal_and_merge_keeps_links),
		T(form_answers_save_merge_and_lock),
		T(destruction_leaves_no_trace_and_the_chain_verifies),
		T(a_reused_number_is_not_destroyed_again),
		T(disclosures_and_consent_round_trip),
		T(caldicott_list_fills_and_closes),
		T(sar_due_dates_consent_and_release_log),
		T(cpis_scope_and_changes),
		T(cpis_withdraws_what_ended),
#undef T
	};

	return cmocka_run_group_tests_name("record", tests, NULL, NULL);
}
