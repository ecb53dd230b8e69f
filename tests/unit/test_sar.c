/*
 * Subject access, checked as a Caldicott guardian would on a built
 * family: a 14-year-old, his mother, birth father, step-father, a
 * sibling and a half-sibling, relatives with no link, their details in
 * free text and in a family-history form. Consent per request and
 * requester; the requester's checks; every third party's identifiers
 * out of the released pack (a scan for each one); a looked-after
 * child's placement never in a birth parent's pack; review, withholding,
 * a second person's approval and the release log.
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
#include <unistd.h>

#include "casework/sarpack.h"
#include "common/xmem.h"
#include "forms/formdef.h"
#include "store/form.h"
#include "store/family.h"
#include "store/record.h"
#include "store/sar.h"
#include "store/user.h"
#include "tests/unit/fixture.h"

static struct fixture fx;

static int
setup(void **state)
{
	(void)state;
	setenv("TZ", "UTC", 1);
	setenv("CASEDESK_NOW", "2026-11-23T09:30:00.000Z", 1);
	fixture_make(&fx);
	assert_int_equal(store_user_add(fx.st, "gina", "Gina Gov",
	    ROLE_GOVERNANCE, "IG", NULL), CD_OK);
	assert_int_equal(store_user_add(fx.st, "ivan", "Ivan Approver",
	    ROLE_GOVERNANCE, "IG", NULL), CD_OK);
	store_close(&fx.st);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	fixture_free(&fx);
	return 0;
}

static int64_t
person(struct store *st, const char *fam, const char *giv, const char *dob,
    const char *nhs, const char *upn)
{
	return fixture_row(st, "person", 0, "family_name", fam, "given_names",
	    giv, "dob", dob, "nhs_number", nhs, "upn", upn, NULL);
}

static void
relate(struct store *st, int64_t a, const char *kind, int64_t b, int pr)
{
	struct cd_err err;

	if (store_person_relate(st, a, kind, b, pr, &err) != CD_OK)
		fail_msg("relate: %s", err.msg);
}

static void
home(struct store *st, int64_t p, const char *line1, const char *pc)
{
	fixture_row(st, "address", p, "line1", line1, "town", "London",
	    "postcode", pc, "kind", "home", "start_date", "2020-01-01", NULL);
}

/* A request as governance; identity checked unless told otherwise. */
static int64_t
request(struct store *ig, int64_t subject, const char *name, const char *rel,
    int64_t requester, int identity)
{
	char rid[24];

	snprintf(rid, sizeof rid, "%lld", (long long)requester);
	return fixture_row(ig, "sar_request", subject, "received_date",
	    "2026-11-02", "requester_name", name, "requester_relationship", rel,
	    "requester_id", requester ? rid : NULL, "identity_checked",
	    identity ? "yes" : NULL, "identity_evidence", identity ?
	    "passport seen at reception" : NULL, NULL);
}

/* Mark every free-text item read, as the reviewer does. */
static void
read_all(struct store *ig, int64_t req)
{
	struct sar_pack p;
	struct cd_err err;
	size_t i;

	assert_int_equal(store_sar_pack(ig, req, &p, &err), CD_OK);
	for (i = 0; i < p.n; i++)
		if (p.items[i].free_text)
			assert_int_equal(store_sar_read(ig, req, p.items[i].seq,
			    &err), CD_OK);
	store_sar_pack_fini(&p);
}

static char *
slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	struct { char *p; size_t n; } b = { NULL, 0 };
	char chunk[4096];
	size_t k;

	assert_non_null(f);
	while ((k = fread(chunk, 1, sizeof chunk, f)) > 0) {
		b.p = xrealloc(b.p, b.n + k + 1);
		memcpy(b.p + b.n, chunk, k);
		b.n += k;
	}
	fclose(f);
	b.p = xrealloc(b.p, b.n + 1);
	b.p[b.n] = '\0';
	return b.p;
}

/* Fail naming the identifier if it is anywhere in the pack. */
static void
absent(const char *pack, const char *what, const char *whose)
{
	const char *at = strstr(pack, what);

	if (at != NULL)
		fail_msg("%s's \"%s\" is in the released pack: ...%.60s...",
		    whose, what, at > pack + 30 ? at - 30 : pack);
}

static void
gates_denied(struct store *ig, int64_t req, const char *why)
{
	struct sar_state s;
	struct cd_err err;

	assert_int_equal(store_sar_state(ig, req, 13, &s, &err), CD_OK);
	assert_int_equal(store_sar_gates(&s, &err), CD_ERR_DENIED);
	if (strstr(err.msg, why) == NULL)
		fail_msg("expected \"%s\" in: %s", why, err.msg);
}

struct seen {
	int n;
	char list[512];
};

/* store_sar_log's callback: one release, withheld and approved as told. */
static void
logged(const struct sar_log *l, void *arg)
{
	struct seen *seen = arg;

	seen->n++;
	assert_int_equal(l->withheld, 1);
	assert_string_equal(l->approved_by, "ivan");
	snprintf(seen->list, sizeof seen->list, "%s", l->withheld_list);
}

/* The family, the father refused, the mother's pack free of others. */
static void
family_pack_holds_no_third_party(void **state)
{
	static const char *const third[][2] = {
		/* names, whole and in parts (Brennan is the child's own) */
		{ "Craig", "father" }, { "Walsh", "father" },
		{ "Gary", "step-father" }, { "Pike", "step-father" },
		{ "Gaz", "step-father (nickname)" },
		{ "Mia", "sibling" }, { "Riley", "half-sibling" },
		{ "Maureen", "grandmother" }, { "Lisa", "aunt" },
		{ "Hartley", "aunt" }, { "Jade", "father's partner" },
		{ "Okafor", "father's partner" },
		/* dates of birth, as written and in the record */
		{ "1985-07-03", "father" }, { "03/07/1985", "father" },
		{ "3 July 1985", "father" }, { "4 April 1960", "grandmother" },
		{ "30/01/2016", "sibling" }, { "1983-09-21", "step-father" },
		/* NHS numbers, spaced and not */
		{ "6834567143", "father" }, { "683 456 7143", "father" },
		{ "1347618252", "step-father" }, { "7895669028", "sibling" },
		{ "4868465260", "half-sibling" }, { "486 846 5260",
		    "half-sibling" },
		/* UPNs */
		{ "H318250000014", "sibling" }, { "L318250000016",
		    "half-sibling" },
		/* addresses and postcodes */
		{ "9 Quarry Lane", "father" }, { "E8 3PL", "father" },
		{ "27 Birch Row", "step-father" }, { "N7 8QH", "step-father" },
		{ "3 Elm Court", "aunt" }, { "SE15 4TT", "aunt" },
		/* phones and e-mail */
		{ "07700 900456", "aunt" }, { "020 7946 0321",
		    "father's partner" }, { "07700 900789", "father" },
		{ "jade.okafor@example.com", "father's partner" },
		/* the sibling's nursery, recorded on her own record */
		{ "Little Acorns", "sibling's nursery" }, { "118822",
		    "sibling's nursery (URN)" },
	};
	struct store *sam, *gina, *ivan;
	int64_t tyler, donna, craig, gary, mia, riley, maureen, lisa, jade;
	int64_t rq_mum, rq_dad, form, chron = 0;
	char path[128], ids[9][24], text[600], allows[24];
	struct sar_pack p;
	struct sarpack out;
	struct sarpack_opts o;
	struct sar_state s;
	struct formset forms;
	struct cd_err err;
	int64_t rq_self;
	long n;
	size_t i;
	char *pack;

	(void)state;
	sam = fixture_open_as(&fx, "sam");
	tyler = person(sam, "Brennan", "Tyler", "2012-05-10", "2505919607",
	    "X318250000015");
	donna = person(sam, "Brennan", "Donna", "1988-02-14", "6163925475",
	    NULL);
	craig = person(sam, "Walsh", "Craig", "1985-07-03", "6834567143",
	    NULL);
	gary = person(sam, "Pike", "Gary", "1983-09-21", "1347618252", NULL);
	mia = person(sam, "Walsh", "Mia", "2016-01-30", "7895669028",
	    "H318250000014");
	riley = person(sam, "Pike", "Riley", "2021-06-11", "4868465260",
	    "L318250000016");
	/* On the database, linked to nobody. */
	maureen = person(sam, "Brennan", "Maureen", "1960-04-04", NULL, NULL);
	lisa = person(sam, "Hartley", "Lisa", "1979-12-01", NULL, NULL);
	jade = person(sam, "Okafor", "Jade", "1990-08-08", NULL, NULL);
	relate(sam, donna, "mother", tyler, 1);
	relate(sam, craig, "father", tyler, 1);
	relate(sam, gary, "step-parent", tyler, 0);
	relate(sam, mia, "sibling", tyler, 0);
	relate(sam, riley, "half-sibling", tyler, 0);
	home(sam, tyler, "14 Larch Close", "NW5 2RT");
	home(sam, donna, "14 Larch Close", "NW5 2RT");
	home(sam, craig, "9 Quarry Lane", "E8 3PL");
	home(sam, gary, "27 Birch Row", "N7 8QH");
	home(sam, lisa, "3 Elm Court", "SE15 4TT");
	fixture_row(sam, "education_fact", mia, "kind", "school", "fact_date",
	    "2019-09-01", "school", "Little Acorns Nursery", "urn", "118822",
	    NULL);
	snprintf(ids[0], sizeof ids[0], "#%lld", (long long)craig);
	snprintf(text, sizeof text, "Mum Donna Brennan called: Craig Walsh, "
	    "born 03/07/1985, NHS 683 456 7143, came to the door. Craig's "
	    "partner Jade Okafor (jade.okafor@example.com) was with him. See "
	    "%s and case no. %lld. Tyler is scared of him.", ids[0],
	    (long long)gary);
	fixture_row(sam, "contact", tyler, "contact_date", "2026-10-01T10:00",
	    "source", "1B", "reason", text, "decision", "NFA", NULL);
	chron = fixture_row(sam, "chronology", tyler, "event_date",
	    "2026-10-02", "kind", "incident", "summary", "Craig Walsh (DOB "
	    "1985-07-03) rang from 07700 900789 asking where Tyler lives.",
	    NULL);
	/* The family-history form: a person answer and free text. */
	assert_int_equal(store_form_new(sam, tyler, "family-history", 1, &form,
	    &err), CD_OK);
	snprintf(ids[1], sizeof ids[1], "%lld", (long long)craig);
	assert_int_equal(store_form_answer_set(sam, form, "member_person", 1,
	    NULL, ids[1], &err), CD_OK);
	assert_int_equal(store_form_answer_set(sam, form, "extended_family", 0,
	    NULL, "Maternal grandmother Maureen Brennan (born 4 April 1960); "
	    "aunt Lisa Hartley of 3 Elm Court, SE15 4TT, on 07700 900456.",
	    &err), CD_OK);
	assert_int_equal(store_form_answer_set(sam, form, "parents_health", 0,
	    NULL, "Gary Pike (stepdad, known as Gaz) has depression and a "
	    "drink-driving conviction. He lives at 27 Birch Row N7 8QH.",
	    &err), CD_OK);
	assert_int_equal(store_form_answer_set(sam, form, "domestic_abuse", 0,
	    NULL, "Donna disclosed that Craig hit her in front of Tyler. "
	    "Jade Okafor can be reached on 020 7946 0321.", &err), CD_OK);
	assert_int_equal(store_form_answer_set(sam, form, "housing", 0, NULL,
	    "Mia (UPN H318250000014, born 30/01/2016) and Riley (NHS "
	    "486 846 5260) share a room. Father at 9 Quarry Lane, E8 3PL.",
	    &err), CD_OK);
	snprintf(text, sizeof text, "Mia goes to Little Acorns Nursery "
	    "(URN 118822). Her step-father's record is %lld.", (long long)gary);
	assert_int_equal(store_form_answer_set(sam, form, "previous_involvement",
	    0, NULL, text, &err), CD_OK);
	/* A yes/no answer of 1 is a yes, not record #1. */
	assert_int_equal(store_form_answer_set(sam, form, "member_pr", 1, NULL,
	    "1", &err), CD_OK);
	assert_int_equal(store_form_answer_set(sam, form, "member_relationship",
	    1, NULL, "father", &err), CD_OK);
	/* Tyler's consent names his mother only. */
	snprintf(allows, sizeof allows, "%lld", (long long)donna);
	fixture_row(sam, "consent", tyler, "consent_date", "2026-11-05",
	    "purpose", "SAR", "given_by", "CHILD", "allows_id", allows,
	    "decision", "GIVEN", "detail", "Mum may see my file. Not my dad.",
	    NULL);
	store_close(&sam);

	gina = fixture_open_as(&fx, "gina");
	ivan = fixture_open_as(&fx, "ivan");
	memset(&o, 0, sizeof o);
	o.council = "London Borough of Testing";
	o.phone = "020 7974 3317";
	o.consent_age = 13;
	/* Answers in the words of the installed forms, as the CLI and client. */
	assert_int_equal(formdef_load_installed(gina, &forms, &err), CD_OK);
	o.words.form_title = formdef_title_of;
	o.words.field_label = formdef_label_of;
	o.words.answer_words = formdef_words_of;
	o.words.arg = &forms;

	/* The father's request: refused while consent names only the mother. */
	rq_dad = request(gina, tyler, "Craig Walsh", "PARENT", craig, 1);
	gates_denied(gina, rq_dad, "their own consent is needed");
	assert_int_equal(sarpack_prepare(gina, rq_dad, &o, &out, &err), CD_OK);
	read_all(gina, rq_dad);
	assert_int_equal(store_sar_approve(ivan, rq_dad, 13, &err),
	    CD_ERR_DENIED);
	snprintf(path, sizeof path, "%s/dad.txt", fx.dir);
	assert_int_equal(sarpack_release(gina, rq_dad, &o, path, &out, &err),
	    CD_ERR_DENIED);
	assert_int_equal(access(path, F_OK), -1);
	/* His refusal for the father holds for the father. */
	snprintf(allows, sizeof allows, "%lld", (long long)craig);
	fixture_row(gina, "consent", tyler, "consent_date", "2026-11-06",
	    "purpose", "SAR", "given_by", "CHILD", "allows_id", allows,
	    "decision", "REFUSED", NULL);
	gates_denied(gina, rq_dad, "refused consent for this requester");
	/* Nor does calling the father's request the child's own get round
	 * it: a second person cannot approve it, nor anyone release it. */
	rq_self = request(gina, tyler, "Craig Walsh", "SELF", craig, 1);
	gates_denied(gina, rq_self, "recorded as from the person themselves");
	assert_int_equal(sarpack_prepare(gina, rq_self, &o, &out, &err), CD_OK);
	read_all(gina, rq_self);
	assert_int_equal(store_sar_approve(ivan, rq_self, 13, &err),
	    CD_ERR_DENIED);
	snprintf(path, sizeof path, "%s/self.txt", fx.dir);
	assert_int_equal(sarpack_release(ivan, rq_self, &o, path, &out, &err),
	    CD_ERR_DENIED);
	assert_int_equal(access(path, F_OK), -1);

	/* The mother's request. */
	rq_mum = request(gina, tyler, "Donna Brennan", "PARENT", donna, 1);
	assert_int_equal(store_sar_state(gina, rq_mum, 13, &s, &err), CD_OK);
	assert_true(s.consented);
	assert_true(s.pr_recorded);
	assert_int_equal(store_sar_gates(&s, &err), CD_OK);
	/* No release before a pack, a review and an approval. */
	snprintf(path, sizeof path, "%s/mum.txt", fx.dir);
	assert_int_equal(sarpack_release(gina, rq_mum, &o, path, &out, &err),
	    CD_ERR_DENIED);
	assert_non_null(strstr(err.msg, "second person has approved"));
	assert_int_equal(sarpack_prepare(gina, rq_mum, &o, &out, &err), CD_OK);
	assert_true(out.redactions > 20);
	assert_true(out.unread > 0);
	/* The preparer may not approve; nor may anyone with text unread. */
	assert_int_equal(store_sar_approve(gina, rq_mum, 13, &err),
	    CD_ERR_DENIED);
	assert_non_null(strstr(err.msg, "second person"));
	assert_int_equal(store_sar_approve(ivan, rq_mum, 13, &err),
	    CD_ERR_DENIED);
	assert_non_null(strstr(err.msg, "free text"));
	/* The review copy is unredacted, each redaction marked. */
	snprintf(path, sizeof path, "%s/review.txt", fx.dir);
	assert_int_equal(sarpack_review(gina, rq_mum, &o, path, &out, &err),
	    CD_OK);
	pack = slurp(path);
	assert_non_null(strstr(pack, "REVIEW COPY - NOT FOR RELEASE"));
	assert_non_null(strstr(pack, "name: Craig}}"));
	assert_non_null(strstr(pack, "NHS number: 683 456 7143}}"));
	snprintf(text, sizeof text, "record number: %lld}}", (long long)gary);
	assert_non_null(strstr(pack, text));
	free(pack);
	/* The reviewer reads the free text, redacts the nickname it found,
	 * and withholds the chronology entry. */
	read_all(gina, rq_mum);
	/* The nickname after "known as" is proposed. */
	assert_int_equal(store_sar_pack(gina, rq_mum, &p, &err), CD_OK);
	{
		size_t k, found = 0;

		for (i = 0; i < p.n; i++)
			for (k = 0; k < p.items[i].nmarks; k++)
				found += p.items[i].marks[k].len == 3 &&
				    strncmp(p.items[i].body + p.items[i].marks[k].
				    start, "Gaz", 3) == 0;
		assert_int_equal(found, 1);
	}
	store_sar_pack_fini(&p);
	assert_int_equal(sarpack_redact_text(gina, rq_mum, 0, "drink-driving",
	    "third party", &n, &err), CD_OK);
	assert_int_equal(n, 1);
	assert_int_equal(store_sar_pack(gina, rq_mum, &p, &err), CD_OK);
	for (i = 0; i < p.n; i++)
		if (strstr(p.items[i].body, "asking where Tyler lives"))
			break;
	assert_true(i < p.n);
	assert_int_equal(store_sar_withhold(gina, rq_mum, p.items[i].seq,
	    "NOPE", "x", &err), CD_ERR_INVALID);
	assert_int_equal(store_sar_withhold(gina, rq_mum, p.items[i].seq,
	    "THIRD_PARTY", "The father's call; his details throughout", &err),
	    CD_OK);
	store_sar_pack_fini(&p);
	/* A second person approves; a change after sends it back. */
	assert_int_equal(store_sar_approve(ivan, rq_mum, 13, &err), CD_OK);
	assert_int_equal(sarpack_redact_text(gina, rq_mum, 0, "scared", NULL,
	    &n, &err), CD_OK);
	assert_int_equal(store_sar_state(gina, rq_mum, 13, &s, &err), CD_OK);
	assert_string_equal(s.status, "REVIEW");
	snprintf(path, sizeof path, "%s/mum.txt", fx.dir);
	assert_int_equal(sarpack_release(gina, rq_mum, &o, path, &out, &err),
	    CD_ERR_DENIED);
	assert_int_equal(store_sar_approve(ivan, rq_mum, 13, &err), CD_OK);
	assert_int_equal(sarpack_release(gina, rq_mum, &o, path, &out, &err),
	    CD_OK);

	pack = slurp(path);
	for (i = 0; i < sizeof third / sizeof third[0]; i++)
		absent(pack, third[i][0], third[i][1]);
	{
		int64_t all[] = { craig, gary, mia, riley, maureen, lisa, jade };

		for (i = 0; i < sizeof all / sizeof all[0]; i++) {
			snprintf(text, sizeof text, "#%lld", (long long)all[i]);
			absent(pack, text, "a third party's record number");
			snprintf(text, sizeof text, "no. %lld.",
			    (long long)all[i]);
			absent(pack, text, "a third party's record number");
		}
	}
	/* The child's and the requester's own details stay. */
	assert_non_null(strstr(pack, "Tyler"));
	assert_non_null(strstr(pack, "Donna"));
	assert_non_null(strstr(pack, "14 Larch Close"));
	assert_non_null(strstr(pack, "10 May 2012"));
	assert_non_null(strstr(pack, "[withheld: third party]"));
	/* A letter with what a reply must say, in words. */
	assert_non_null(strstr(pack, "London Borough of Testing"));
	assert_non_null(strstr(pack, "Dear Donna Brennan,"));
	assert_non_null(strstr(pack, "Information Commissioner's Office"));
	assert_non_null(strstr(pack, "rectification"));
	assert_non_null(strstr(pack, "How long we keep it"));
	assert_null(strstr(pack, "contact_date"));
	assert_null(strstr(pack, "2026-10-01"));
	snprintf(text, sizeof text, "record is %lld", (long long)gary);
	absent(pack, text, "the step-father's record number");
	/* Yes/no and coded answers in words. */
	assert_non_null(strstr(pack, "Has parental responsibility (1): yes"));
	assert_non_null(strstr(pack, "Is the child's (1): father"));
	free(pack);
	formdef_set_fini(&forms);
	(void)chron;

	/* The release log: what was withheld and why; no second release. */
	{
		struct seen seen = { 0, "" };

		assert_int_equal(store_sar_log(gina, rq_mum, logged, &seen,
		    &err), CD_OK);
		assert_int_equal(seen.n, 1);
		assert_non_null(strstr(seen.list, "The father's call"));
		assert_non_null(strstr(seen.list, "who has not agreed"));
	}
	assert_int_equal(sarpack_release(gina, rq_mum, &o, path, &out, &err),
	    CD_ERR_DENIED);
	store_close(&ivan);
	store_close(&gina);
	(void)gary;
}

/* A looked-after child: the placement is locked out of a parent's pack. */
static void
placement_never_reaches_a_birth_parent(void **state)
{
	struct store *sam, *gina, *ivan;
	int64_t jordan, kerry, period, req;
	char pid[24], path[128];
	struct sarpack_opts o;
	struct sarpack out;
	struct sar_pack p;
	struct cd_err err;
	size_t i, k;
	char *pack;
	int locked = 0;

	(void)state;
	sam = fixture_open_as(&fx, "sam");
	jordan = person(sam, "Fox", "Jordan", "2015-03-03", NULL, NULL);
	kerry = person(sam, "Fox", "Kerry", "1990-01-01", NULL, NULL);
	relate(sam, kerry, "mother", jordan, 1);
	home(sam, kerry, "40 Mill Street", "SE1 2AA");
	period = fixture_row(sam, "care_period", jordan, "start_date",
	    "2026-06-01", NULL);
	snprintf(pid, sizeof pid, "%lld", (long long)period);
	fixture_row(sam, "care_episode", jordan, "care_period_id", pid,
	    "start_date", "2026-06-01", "legal_status", "C2",
	    "placement_type", "U4", "reason_new", "S", "placement_postcode",
	    "SW9 8DT", "urn", "SC123456", "carer", "Mr and Mrs Adeyemi",
	    "carer_phone", "020 8123 4567", NULL);
	fixture_row(sam, "address", jordan, "line1", "5 Acre Lane", "postcode",
	    "SW9 8DT", "kind", "placement", "start_date", "2026-06-01", NULL);
	fixture_row(sam, "chronology", jordan, "event_date", "2026-07-01",
	    "kind", "incident", "summary", "Jordan settled with Mrs Adeyemi at "
	    "SW9 8DT; the carers are on 020 8123 4567; the home's URN is "
	    "SC123456.", NULL);
	/* His home before care, where his mother does not live. */
	home(sam, jordan, "22 Rose Lane", "N4 1AA");
	fixture_row(sam, "chronology", jordan, "event_date", "2026-05-20",
	    "kind", "incident", "summary", "Police called to 22 Rose Lane, "
	    "N4 1AA; PC Hartigan spoke to Jordan.", NULL);
	/* A move not yet recorded: a placement change still in draft. */
	{
		struct cd_err e;
		int64_t draft;

		assert_int_equal(store_form_new(sam, jordan, "placement-change",
		    1, &draft, &e), CD_OK);
		assert_int_equal(store_form_answer_set(sam, draft,
		    "placement_postcode", 0, NULL, "SE5 9RS", &e), CD_OK);
		assert_int_equal(store_form_answer_set(sam, draft, "urn", 0,
		    NULL, "SC654321", &e), CD_OK);
		assert_int_equal(store_form_answer_set(sam, draft, "carer", 0,
		    NULL, "Ms Okoro-Bell", &e), CD_OK);
		assert_int_equal(store_form_answer_set(sam, draft, "carer_phone",
		    0, NULL, "020 8765 4321", &e), CD_OK);
	}
	fixture_row(sam, "chronology", jordan, "event_date", "2026-07-03",
	    "kind", "incident", "summary", "Planning a move to Okoro-Bell "
	    "(SC654321).", NULL);
	fixture_row(sam, "disclosure", jordan, "disclosure_date", "2026-07-02",
	    "agency", "POLICE", "recipient", "DC Okonkwo-Price",
	    "shared", "Placement move", "basis", "6E", "family_told", "yes",
	    NULL);
	store_close(&sam);

	gina = fixture_open_as(&fx, "gina");
	ivan = fixture_open_as(&fx, "ivan");
	memset(&o, 0, sizeof o);
	o.consent_age = 13;
	req = request(gina, jordan, "Kerry Fox", "PARENT", kerry, 1);
	assert_int_equal(sarpack_prepare(gina, req, &o, &out, &err), CD_OK);
	assert_int_equal(store_sar_pack(gina, req, &p, &err), CD_OK);
	for (i = 0; i < p.n; i++)
		for (k = 0; k < p.items[i].nmarks; k++)
			if (p.items[i].marks[k].locked) {
				locked++;
				/* Nobody can take a placement's mark off. */
				assert_int_equal(store_sar_unredact(gina, req,
				    p.items[i].marks[k].id, "she knows it",
				    &err), CD_ERR_DENIED);
			}
	store_sar_pack_fini(&p);
	assert_true(locked >= 8);
	read_all(gina, req);
	assert_int_equal(store_sar_approve(ivan, req, 13, &err), CD_OK);
	snprintf(path, sizeof path, "%s/kerry.html", fx.dir);
	assert_int_equal(sarpack_release(gina, req, &o, path, &out, &err),
	    CD_OK);
	pack = slurp(path);
	absent(pack, "SW9 8DT", "the placement");
	absent(pack, "SW98DT", "the placement");
	absent(pack, "SC123456", "the provider (URN)");
	absent(pack, "Adeyemi", "the foster carers");
	absent(pack, "020 8123 4567", "the foster carers");
	absent(pack, "5 Acre Lane", "the placement");
	absent(pack, "22 Rose Lane", "the child's home, not the mother's");
	absent(pack, "N4 1AA", "the child's home, not the mother's");
	absent(pack, "Okonkwo", "a police officer named in a disclosure");
	absent(pack, "SE5 9RS", "the placement in a draft");
	absent(pack, "SC654321", "the placement's URN in a draft");
	absent(pack, "Okoro", "the carer in a draft");
	absent(pack, "8765 4321", "the carer's number in a draft");
	assert_non_null(strstr(pack, "<!DOCTYPE html>"));
	assert_non_null(strstr(pack, "[withheld: where the child lives]"));
	assert_non_null(strstr(pack, "Jordan settled"));
	free(pack);
	/* The same pack as PDF, through Pango and Cairo. */
	{
		char *pdf;

		snprintf(path, sizeof path, "%s/kerry-review.pdf", fx.dir);
		assert_int_equal(sarpack_review(gina, req, &o, path, &out,
		    &err), CD_OK);
		pdf = slurp(path);
		assert_memory_equal(pdf, "%PDF-", 5);
		assert_true(out.bytes > 2000);
		free(pdf);
	}
	store_close(&ivan);
	store_close(&gina);
}

/* Who the requester is: identity, PR and authority, each recorded. */
static void
requesters_are_checked(void **state)
{
	struct store *sam, *gina;
	int64_t baby, dad, req;
	struct field_change ch[2] = { { "authority_checked", NULL, "yes" },
	    { "authority_evidence", NULL, "Letter signed by the mother, "
	    "who holds parental responsibility" } };
	struct field_change pr[2] = { { "pr_checked", NULL, "yes" },
	    { "pr_evidence", NULL, "Birth certificate: registered 2024" } };
	struct conflicts cf;
	struct cd_err err;
	struct sar_state s;

	(void)state;
	sam = fixture_open_as(&fx, "sam");
	baby = person(sam, "Small", "Sunny", "2024-06-01", NULL, NULL);
	dad = person(sam, "Small", "Sid", "1995-06-01", NULL, NULL);
	relate(sam, dad, "father", baby, 0);
	store_close(&sam);
	gina = fixture_open_as(&fx, "gina");

	/* A neighbour asking about a 2-year-old: written authority needed. */
	req = request(gina, baby, "A. Neighbour", "OTHER", 0, 1);
	gates_denied(gina, req, "needs written authority");
	memset(&cf, 0, sizeof cf);
	assert_int_equal(store_record_update(gina, "sar_request", req, ch, 2,
	    &cf, &err), CD_OK);
	store_conflicts_fini(&cf);
	assert_int_equal(store_sar_state(gina, req, 13, &s, &err), CD_OK);
	assert_int_equal(store_sar_gates(&s, &err), CD_OK);
	/* Status is the store's: no forging an approval. */
	{
		struct field_change st = { "status", NULL, "APPROVED" };

		memset(&cf, 0, sizeof cf);
		assert_int_equal(store_record_update(gina, "sar_request", req,
		    &st, 1, &cf, &err), CD_ERR_INVALID);
		store_conflicts_fini(&cf);
	}

	/* A father without parental responsibility is told apart. */
	req = request(gina, baby, "Sid Small", "PARENT", dad, 1);
	gates_denied(gina, req, "not recorded as holding parental "
	    "responsibility");
	memset(&cf, 0, sizeof cf);
	assert_int_equal(store_record_update(gina, "sar_request", req, pr, 2,
	    &cf, &err), CD_OK);
	store_conflicts_fini(&cf);
	assert_int_equal(store_sar_state(gina, req, 13, &s, &err), CD_OK);
	assert_int_equal(store_sar_gates(&s, &err), CD_OK);

	/* Anyone's identity must be checked, even the person's own. */
	req = request(gina, dad, "Sid Small", "SELF", dad, 0);
	gates_denied(gina, req, "identity is not recorded as checked");
	/* Social workers cannot reach any of it. */
	sam = fixture_open_as(&fx, "sam");
	assert_int_equal(store_sar_state(sam, req, 13, &s, &err),
	    CD_ERR_DENIED);
	store_close(&sam);
	store_close(&gina);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(family_pack_holds_no_third_party),
		cmocka_unit_test(placement_never_reaches_a_birth_parent),
		cmocka_unit_test(requesters_are_checked),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
