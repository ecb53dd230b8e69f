#include "config.h"

#include "store/person.h"
#include "store/searchterm.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/date.h"
#include "common/ident.h"
#include "common/xmem.h"
#include "store/audit.h"
#include "store/codes.h"
#include "store/hooks.h"
#include "store/record.h"
#include "store/store.h"
#include "store/store_int.h"

/* Rows taken from each index lookup, per result wanted, and at least. */
#define CANDIDATES_PER_RESULT 1
#define CANDIDATES_MIN 50
/* Strong matches that make weaker lookups unnecessary (a screenful). */
#define ENOUGH_MATCHES 20

/* Reciprocal relationship types. */
static const char *const inverse[][2] = {
	{ "mother", "child" }, { "father", "child" }, { "parent", "child" },
	{ "child", "parent" }, { "sibling", "sibling" },
	{ "half-sibling", "half-sibling" }, { "step-parent", "step-child" },
	{ "step-child", "step-parent" }, { "grandparent", "grandchild" },
	{ "grandchild", "grandparent" }, { "aunt-uncle", "niece-nephew" },
	{ "niece-nephew", "aunt-uncle" }, { "partner", "partner" },
	{ "carer", "cared-for" }, { "cared-for", "carer" },
	{ "friend", "friend" }, { "other", "other" },
};

const char *
store_person_inverse(const char *kind)
{
	size_t i;

	for (i = 0; i < sizeof inverse / sizeof inverse[0]; i++)
		if (strcmp(inverse[i][0], kind) == 0)
			return inverse[i][1];
	return NULL;
}

/* A candidate being scored. */
struct cand {
	int64_t id;
	int score;
	int scored;		/* score worked out (-1: not a match) */
	const char *why;
};

struct cands {
	struct cand *c;
	size_t n;
	size_t cap;		/* rows taken from one lookup */
};

static void
cand_add(struct cands *cs, int64_t id)
{
	cs->c = xreallocarray(cs->c, cs->n + 1, sizeof *cs->c);
	cs->c[cs->n].id = id;
	cs->c[cs->n].score = 0;
	cs->c[cs->n].scored = 0;
	cs->c[cs->n].why = NULL;
	cs->n++;
}

static int
cmp_id(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;

	return x->id < y->id ? -1 : x->id > y->id;
}

/* Sort candidates by id and drop repeats (gathering adds freely). */
static void
cand_unique(struct cands *cs)
{
	size_t i, k = 0;

	if (cs->n > 1)
		qsort(cs->c, cs->n, sizeof *cs->c, cmp_id);
	for (i = 0; i < cs->n; i++)
		if (k == 0 || cs->c[k - 1].id != cs->c[i].id)
			cs->c[k++] = cs->c[i];
		else if (cs->c[i].scored)	/* keep the score worked out */
			cs->c[k - 1] = cs->c[i];
	cs->n = k;
}

/*
 * Run an id query with text parameters ?1 ?2 ?5 and ?6, and limit ?3 (the
 * candidates' cap); add the ids.
 */
static enum cd_status
collect4(struct store *st, struct cands *cs, const char *sql, const char *a,
    const char *b, const char *c, const char *d, struct cd_err *err)
{
	sqlite3_stmt *s = store_stmt(st, sql, err);
	int rc;

	if (s == NULL)
		return err ? err->code : CD_ERR_DB;
	store_bind_text(s, 1, a);
	store_bind_text(s, 2, b);
	sqlite3_bind_int64(s, 3, (int64_t)cs->cap);
	if (c != NULL)
		store_bind_text(s, 5, c);
	if (d != NULL)
		store_bind_text(s, 6, d);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		cand_add(cs, sqlite3_column_int64(s, 0));
	store_stmt_done(st, s);
	if (rc != SQLITE_DONE)
		return store_db_err(st, err, "searching");
	return CD_OK;
}

/* collect4 with two text parameters. */
static enum cd_status
collect(struct store *st, struct cands *cs, const char *sql, const char *a,
    const char *b, struct cd_err *err)
{
	return collect4(st, cs, sql, a, b, NULL, NULL, err);
}

/* The upper bound of a prefix range: the prefix with "~" appended. */
static char *
prefix_end(const char *p)
{
	return xasprintf("%s~", p);
}

/*
 * Candidates for one name word by prefix: family, given and previous
 * names, each an index range read without touching the rows (merged
 * records are dropped when scored).
 */
static enum cd_status
collect_prefix(struct store *st, struct cands *cs, const char *key,
    struct cd_err *err)
{
	char *end;
	enum cd_status code;

	if (key[0] == '\0')
		return CD_OK;
	end = prefix_end(key);
	code = collect(st, cs, "SELECT id FROM person WHERE family_key >= ?1 "
	    "AND family_key < ?2 LIMIT ?3", key, end, err);
	if (code == CD_OK)
		code = collect(st, cs, "SELECT id FROM person WHERE given_key "
		    ">= ?1 AND given_key < ?2 LIMIT ?3", key, end, err);
	if (code == CD_OK)
		code = collect(st, cs, "SELECT person_id FROM person_name WHERE "
		    "family_key >= ?1 AND family_key < ?2 LIMIT ?3", key, end,
		    err);
	if (code == CD_OK)
		code = collect(st, cs, "SELECT person_id FROM person_name WHERE "
		    "given_key >= ?1 AND given_key < ?2 LIMIT ?3", key, end,
		    err);
	free(end);
	return code;
}

/* Candidates for one name word that sound alike (three letters or more). */
static enum cd_status
collect_sound(struct store *st, struct cands *cs, const char *key,
    const char *sound, struct cd_err *err)
{
	enum cd_status code;

	if (strlen(key) < 3 || sound[0] == '\0')
		return CD_OK;
	code = collect(st, cs, "SELECT id FROM person WHERE family_sound = ?1 "
	    "AND ?2 IS NOT NULL LIMIT ?3", sound, "", err);
	if (code == CD_OK)
		code = collect(st, cs, "SELECT id FROM person WHERE given_sound "
		    "= ?1 AND ?2 IS NOT NULL LIMIT ?3", sound, "", err);
	if (code == CD_OK)
		code = collect(st, cs, "SELECT person_id FROM person_name WHERE "
		    "family_sound = ?1 AND ?2 IS NOT NULL LIMIT ?3", sound, "",
		    err);
	return code;
}

/*
 * Candidates for a pair of words read as given name and family name, both
 * matched before any cap: each word a prefix of its name, read through
 * the index led by the longer (rarer) key, so "Ahmed Kh" is the Ahmeds
 * whose family name starts Kh, not the first 500 Kh-anythings. With
 * sounds set, the sound-alike pair instead.
 */
static enum cd_status
collect_pair(struct store *st, struct cands *cs, const char *gk,
    const char *fk, const char *gs, const char *fs, int sounds,
    struct cd_err *err)
{
	char *gend, *fend;
	enum cd_status code;

	if (fk[0] == '\0' || gk[0] == '\0')
		return CD_OK;
	if (sounds) {
		if (strlen(fk) < 3 || strlen(gk) < 3)
			return CD_OK;
		code = collect(st, cs, "SELECT id FROM person WHERE "
		    "family_sound = ?1 AND given_sound = ?2 LIMIT ?3", fs, gs,
		    err);
		if (code == CD_OK)
			code = collect(st, cs, "SELECT person_id FROM person_name "
			    "WHERE family_sound = ?1 AND given_sound = ?2 LIMIT "
			    "?3", fs, gs, err);
		return code;
	}
	gend = prefix_end(gk);
	fend = prefix_end(fk);
	if (strlen(gk) > strlen(fk))
		code = collect4(st, cs, "SELECT id FROM person INDEXED BY "
		    "person_given_family WHERE given_key >= ?1 AND given_key < "
		    "?2 AND family_key >= ?5 AND family_key < ?6 LIMIT ?3", gk,
		    gend, fk, fend, err);
	else
		code = collect4(st, cs, "SELECT id FROM person INDEXED BY "
		    "person_family WHERE family_key >= ?1 AND family_key < ?2 "
		    "AND given_key >= ?5 AND given_key < ?6 LIMIT ?3", fk, fend,
		    gk, gend, err);
	if (code == CD_OK)
		code = collect4(st, cs, "SELECT person_id FROM person_name "
		    "WHERE family_key >= ?1 AND family_key < ?2 AND given_key >= "
		    "?5 AND given_key < ?6 LIMIT ?3", fk, fend, gk, gend, err);
	free(gend);
	free(fend);
	return code;
}

/* A query word with its keys worked out once. */

/* How well a word matches a name (each of its words): 0 for not at all. */
static int
word_score(const struct search_word *w, const char *name, int exact, int prefix,
    int sound)
{
	char nk[IDENT_KEY_MAX], ns[8], part[IDENT_KEY_MAX];
	const char *p = name ? name : "";
	size_t wlen = strlen(w->key);
	int best = 0;

	if (wlen == 0)
		return 0;
	while (*p) {
		size_t n = strcspn(p, " -");

		if (n > 0 && n < sizeof part) {
			memcpy(part, p, n);
			part[n] = '\0';
			ident_name_key(part, nk);
			if (strcmp(w->key, nk) == 0)
				return exact;
			if (strncmp(nk, w->key, wlen) == 0 && prefix > best)
				best = prefix;
			else if (best < sound) {
				ident_name_sound(part, ns);
				if (strcmp(w->sound, ns) == 0)
					best = sound;
			}
		}
		p += n;
		p += strspn(p, " -");
	}
	/* The whole name as one key ("O'Brien", double-barrelled names). */
	ident_name_key(name ? name : "", nk);
	if (strcmp(w->key, nk) == 0)
		best = exact;
	return best;
}




/* The fields scoring needs, read for one candidate. */
struct prow {
	char *family, *given, *dob, *expected, *nhs, *upn, *sex;
	int restricted;
	int64_t merged;
};

static void
prow_fini(struct prow *r)
{
	free(r->family);
	free(r->given);
	free(r->dob);
	free(r->expected);
	free(r->nhs);
	free(r->upn);
	free(r->sex);
	memset(r, 0, sizeof *r);
}

static int
prow_read(struct store *st, int64_t id, struct prow *r)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT "
	    "family_name, given_names, dob, expected_dob, nhs_number, upn, "
	    "restricted, merged_into, sex FROM person WHERE id = ?", NULL);
	int ok = 0;

	memset(r, 0, sizeof *r);
	if (s == NULL)
		return 0;
	sqlite3_bind_int64(s, 1, id);
	if (sqlite3_step(s) == SQLITE_ROW) {
		r->family = store_column_dup(s, 0);
		r->given = store_column_dup(s, 1);
		r->dob = store_column_dup(s, 2);
		r->expected = store_column_dup(s, 3);
		r->nhs = store_column_dup(s, 4);
		r->upn = store_column_dup(s, 5);
		r->restricted = sqlite3_column_int(s, 6);
		r->merged = sqlite3_column_int64(s, 7);
		r->sex = store_column_dup(s, 8);
		ok = 1;
	}
	store_stmt_done(st, s);
	return ok;
}

/* Best score of the name words against a person's previous names. */
static int
previous_name_score(struct store *st, int64_t id, const struct search_word *word)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT "
	    "family_name, given_names FROM person_name WHERE person_id = ?",
	    NULL);
	int best = 0, sc, col;

	if (s == NULL)
		return 0;
	sqlite3_bind_int64(s, 1, id);
	while (sqlite3_step(s) == SQLITE_ROW) {
		for (col = 0; col < 2; col++) {
			sc = word_score(word, (const char *)
			    sqlite3_column_text(s, col), 30, 20, 14);
			if (sc > best)
				best = sc;
		}
	}
	store_stmt_done(st, s);
	return best;
}

/*
 * Score a candidate: every name word must match the family name, a given
 * name or a previous name; a date must match; identifiers match exactly.
 * Returns -1 when the candidate does not match the query.
 */
static int
score(struct store *st, const struct search_terms *q, int64_t id,
    const struct prow *r, const char **why)
{
	int total = 0, fam_used = 0;
	size_t i;

	*why = "name";
	if (r->merged)
		return -1;
	if (q->id && id != q->id)
		return -1;
	if (q->id) {
		total += 100;
		*why = "record number";
	}
	if (q->nhs[0]) {
		if (r->nhs == NULL || strcmp(r->nhs, q->nhs) != 0)
			return -1;
		*why = "NHS number";
		total += 100;
	}
	if (q->upn[0]) {
		if (r->upn == NULL || strcmp(r->upn, q->upn) != 0)
			return -1;
		*why = "UPN";
		total += 100;
	}
	for (i = 0; i < q->nwords; i++) {
		const struct search_word *w = &q->words[i];
		int fam = fam_used ? 0 : word_score(w, r->family, 40, 25, 18);
		int giv = word_score(w, r->given, 30, 20, 14);
		/* Previous names are looked up only when nothing current fits. */
		int prev = fam == 0 && giv == 0 && !fam_used ?
		    previous_name_score(st, id, w) : 0;

		/* The last word is most likely the family name. */
		if (i + 1 == q->nwords && fam > 0 && q->nwords > 1)
			fam += 5;
		if (fam == 0 && giv == 0 && prev == 0)
			return -1;
		if ((fam >= giv && fam >= prev && fam == 18) ||
		    (giv > fam && giv >= prev && giv == 14))
			*why = "sounds like";
		if (fam >= giv && fam >= prev) {
			total += fam;
			fam_used = 1;
		} else if (prev > giv) {
			total += prev;
			fam_used = 1;
			*why = "previous name";
		} else
			total += giv;
	}
	if (q->from[0]) {
		const char *d = r->dob ? r->dob : r->expected;

		if (d == NULL || strcmp(d, q->from) < 0 || strcmp(d, q->to) > 0)
			return -1;
		total += strcmp(q->from, q->to) == 0 ? 50 : 30;
		if (q->nwords == 0)
			*why = "date of birth";
	}
	return total;
}

static int
cmp_cand(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;

	if (x->score != y->score)
		return y->score - x->score;
	return x->id < y->id ? -1 : x->id > y->id;
}

/* Whether the user is on a restricted record's list. */
static int
on_list(struct store *st, int64_t id)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT count(*) FROM "
	    "person_access WHERE person_id = ? AND user_id = ? AND kind = "
	    "'restricted'", NULL);
	int n = 0;
	size_t i;

	for (i = 0; i < st->nglass; i++)
		if (st->glass[i] == id)
			return 1;
	if (s == NULL)
		return 0;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, st->user_id);
	if (sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int(s, 0);
	store_stmt_done(st, s);
	return n > 0;
}

/* The latest home postcode of a person, or NULL. */
static char *
home_postcode(struct store *st, int64_t id)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT postcode FROM address "
	    "WHERE person_id = ? AND postcode IS NOT NULL ORDER BY "
	    "end_date IS NOT NULL, start_date DESC LIMIT 1", NULL);
	char *pc = NULL;

	if (s == NULL)
		return NULL;
	sqlite3_bind_int64(s, 1, id);
	if (sqlite3_step(s) == SQLITE_ROW)
		pc = store_column_dup(s, 0);
	store_stmt_done(st, s);
	return pc;
}

/* Fill a hit from a candidate, masking restricted records. */
static void
make_hit(struct store *st, const struct cand *c, const struct prow *r,
    struct person_hit *h)
{
	memset(h, 0, sizeof *h);
	h->id = c->id;
	h->score = c->score;
	h->why = xstrdup(c->why ? c->why : "name");
	if (r->restricted && !on_list(st, c->id)) {
		h->masked = 1;
		h->name = xstrdup("(restricted record)");
		return;
	}
	h->name = xasprintf("%s%s%s", r->family, r->given && *r->given ?
	    ", " : "", r->given ? r->given : "");
	if (r->dob)
		h->dob = xstrdup(r->dob);
	else if (r->expected)
		h->dob = xasprintf("due %s", r->expected);
	h->sex = r->sex ? xstrdup(r->sex) : NULL;
	h->nhs = r->nhs ? xstrdup(r->nhs) : NULL;
	h->postcode = home_postcode(st, c->id);
}

/*
 * Gather candidates for a classified query from the indexes, strongest
 * lookups first: stage 0 is identifiers, postcodes, the name words taken
 * together (or the one word's prefixes), or a date alone; stage 1 each
 * word's prefixes and the date; stage 2 the sound-alikes. The caller
 * stops once it has enough matches.
 */
static enum cd_status
gather(struct store *st, const struct search_terms *q, int stage, struct cands *cs,
    struct cd_err *err)
{
	enum cd_status code = CD_OK;
	char idbuf[24], *end;
	size_t i, j;

	if (stage == 0 && q->id) {
		snprintf(idbuf, sizeof idbuf, "%lld", (long long)q->id);
		return collect(st, cs, "SELECT id FROM person WHERE id = ?1 "
		    "AND ?2 IS NULL LIMIT ?3", idbuf, NULL, err);
	}
	if (stage == 0 && q->nhs[0])
		return collect(st, cs, "SELECT id FROM person WHERE "
		    "nhs_number = ?1 AND ?2 IS NULL LIMIT ?3", q->nhs, NULL,
		    err);
	if (stage == 0 && q->upn[0])
		return collect(st, cs, "SELECT id FROM person WHERE upn = ?1 "
		    "AND ?2 IS NULL LIMIT ?3", q->upn, NULL, err);
	if (stage == 0 && q->postcode[0]) {
		end = prefix_end(q->postcode);
		code = collect(st, cs, "SELECT DISTINCT person_id FROM address "
		    "WHERE postcode_key >= ?1 AND postcode_key < ?2 LIMIT ?3",
		    q->postcode, end, err);
		free(end);
		return code;
	}
	if (q->id || q->nhs[0] || q->upn[0] || q->postcode[0])
		return CD_OK;
	for (i = 0; i < q->nwords && code == CD_OK; i++) {
		const struct search_word *w = &q->words[i];

		if (stage == 0 && q->nwords == 1)
			code = collect_prefix(st, cs, w->key, err);
		if (stage == 1 && q->nwords > 1)
			code = collect_prefix(st, cs, w->key, err);
		if (stage == 2)
			code = collect_sound(st, cs, w->key, w->sound, err);
		for (j = 0; j < q->nwords && code == CD_OK; j++)
			if (i != j && (stage == 0 || stage == 2))
				code = collect_pair(st, cs, w->key,
				    q->words[j].key, w->sound,
				    q->words[j].sound, stage == 2, err);
	}
	if (code == CD_OK && q->from[0] && (q->nwords == 0 ? stage == 0 :
	    stage == 1)) {
		code = collect(st, cs, "SELECT id FROM person WHERE dob BETWEEN "
		    "?1 AND ?2 LIMIT ?3", q->from, q->to, err);
		if (code == CD_OK)
			code = collect(st, cs, "SELECT id FROM person WHERE "
			    "expected_dob BETWEEN ?1 AND ?2 LIMIT ?3", q->from,
			    q->to, err);
	}
	return code;
}

/* Score the candidates not yet scored; how many match so far. */
static size_t
score_new(struct store *st, const struct search_terms *q, struct cands *cs)
{
	size_t i, matches = 0;

	cand_unique(cs);
	for (i = 0; i < cs->n; i++) {
		struct prow r;
		const char *why = NULL;

		if (!cs->c[i].scored) {
			cs->c[i].scored = 1;
			cs->c[i].score = -1;
			if (prow_read(st, cs->c[i].id, &r)) {
				cs->c[i].score = score(st, q, cs->c[i].id, &r,
				    &why);
				cs->c[i].why = why;
			}
			prow_fini(&r);
		}
		if (cs->c[i].score >= 0)
			matches++;
	}
	return matches;
}

enum cd_status
store_person_search(struct store *st, const char *term, size_t limit,
    struct person_hits *out, struct cd_err *err)
{
	const struct entity_def *pe = entity_find("person");
	struct cands cs = { 0 };
	struct search_terms q;
	struct audit_change ch[2];
	struct audit_event ev = { 0 };
	enum cd_status code;
	char count[24];
	size_t i, kept = 0, want;
	int stage;

	memset(out, 0, sizeof *out);
	code = store_access_entity(st, pe, 0, err);
	if (code != CD_OK)
		return code;
	code = access_search(st, err);
	if (code != CD_OK)
		return code;
	store_search_classify(term, &q);
	want = limit ? limit : 100;
	cs.cap = want * CANDIDATES_PER_RESULT < CANDIDATES_MIN ?
	    CANDIDATES_MIN : want * CANDIDATES_PER_RESULT;
	for (stage = 0; code == CD_OK && stage < 3; stage++) {
		code = gather(st, &q, stage, &cs, err);
		if (code == CD_OK && score_new(st, &q, &cs) >= (want <
		    ENOUGH_MATCHES ? want : ENOUGH_MATCHES))
			break;
	}
	for (i = 0; i < cs.n; i++)
		if (cs.c[i].score >= 0)
			cs.c[kept++] = cs.c[i];
	cs.n = kept;
	if (cs.n > 1)
		qsort(cs.c, cs.n, sizeof *cs.c, cmp_cand);
	if (limit && cs.n > limit)
		cs.n = limit;
	out->h = xcalloc(cs.n ? cs.n : 1, sizeof *out->h);
	for (i = 0; code == CD_OK && i < cs.n; i++) {
		struct prow r;

		if (prow_read(st, cs.c[i].id, &r))
			make_hit(st, &cs.c[i], &r, &out->h[out->n++]);
		prow_fini(&r);
	}
	free(cs.c);
	store_search_terms_fini(&q);
	if (code != CD_OK) {
		store_person_hits_fini(out);
		return code;
	}
	snprintf(count, sizeof count, "%zu", out->n);
	ch[0] = (struct audit_change){ "term", NULL, term };
	ch[1] = (struct audit_change){ "results", NULL, count };
	ev.action = "search";
	ev.entity = "person";
	ev.changes = ch;
	ev.nchanges = 2;
	/* Even masked, a match confirms a restricted person: reviewed. */
	for (i = 0; i < out->n; i++)
		ev.flagged |= out->h[i].masked;
	code = store_audit_append(st, &ev, err);
	if (code != CD_OK)
		store_person_hits_fini(out);
	return code;
}

void
store_person_hits_fini(struct person_hits *h)
{
	size_t i;

	for (i = 0; i < h->n; i++) {
		free(h->h[i].name);
		free(h->h[i].dob);
		free(h->h[i].sex);
		free(h->h[i].nhs);
		free(h->h[i].postcode);
		free(h->h[i].why);
	}
	free(h->h);
	memset(h, 0, sizeof *h);
}

/* Days since 1970-01-01 for a YYYY-MM-DD date (for near-date checks). */
static long
day_number(const char *d)
{
	int y, m, dd;

	if (sscanf(d, "%4d-%2d-%2d", &y, &m, &dd) != 3)
		return 0;
	return date_days(y, m, dd);
}

/* Whether two dates of birth are the same or near (typo-near) each other. */
static int
near_dates(const char *a, const char *b)
{
	long da, db;

	if (a == NULL || b == NULL)
		return 0;
	if (strcmp(a, b) == 0)
		return 1;
	/* Day and month swapped (02/03 v 03/02). */
	if (strncmp(a, b, 4) == 0 && strncmp(a + 5, b + 8, 2) == 0 &&
	    strncmp(a + 8, b + 5, 2) == 0)
		return 1;
	da = day_number(a);
	db = day_number(b);
	return labs(da - db) <= 31;
}

/* The value given for a field in v, or NULL. */
static const char *
given(const struct field_value *v, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i].name, name) == 0)
			return v[i].value;
	return NULL;
}

/* Find likely duplicates of the person described by v (and postcode). */
static enum cd_status
duplicates(struct store *st, const struct field_value *v, size_t n,
    const char *postcode, struct person_hits *dups, struct cd_err *err)
{
	const char *fam = given(v, n, "family_name");
	const char *giv = given(v, n, "given_names");
	const char *dob_in = given(v, n, "dob");
	const char *nhs_in = given(v, n, "nhs_number");
	char fs[8] = "", gs[8] = "", nhs[11] = "", dob[11] = "", pc[9] = "";
	struct cands cs = { 0, 0, 500 };
	enum cd_status code = CD_OK;
	size_t i;

	memset(dups, 0, sizeof *dups);
	ident_name_sound(fam ? fam : "", fs);
	ident_name_sound(giv ? giv : "", gs);
	if (nhs_in && ident_nhs(nhs_in, nhs, NULL) == CD_OK)
		code = collect(st, &cs, "SELECT id FROM person WHERE "
		    "nhs_number = ?1 AND ?2 IS NULL AND merged_into IS NULL "
		    "LIMIT ?3", nhs, NULL, err);
	if (dob_in)
		ident_date(dob_in, dob, NULL);
	if (code == CD_OK && fs[0])
		code = collect(st, &cs, "SELECT id FROM person WHERE "
		    "family_sound = ?1 AND given_sound = ?2 AND merged_into IS "
		    "NULL LIMIT ?3", fs, gs, err);
	if (code == CD_OK && fs[0])
		code = collect(st, &cs, "SELECT person_id FROM person_name "
		    "WHERE family_sound = ?1 AND given_sound = ?2 LIMIT ?3", fs,
		    gs, err);
	if (postcode)
		ident_postcode_key(postcode, pc);
	if (code == CD_OK && pc[0])
		code = collect(st, &cs, "SELECT a.person_id FROM address a "
		    "JOIN person p ON p.id = a.person_id WHERE a.postcode_key = "
		    "?1 AND p.family_sound = ?2 LIMIT ?3", pc, fs, err);
	cand_unique(&cs);
	dups->h = xcalloc(cs.n ? cs.n : 1, sizeof *dups->h);
	for (i = 0; code == CD_OK && i < cs.n; i++) {
		struct prow r;
		char *home;
		const char *why = NULL;
		int sc = 0;

		if (!prow_read(st, cs.c[i].id, &r) || r.merged) {
			prow_fini(&r);
			continue;
		}
		home = home_postcode(st, cs.c[i].id);
		if (nhs[0] && r.nhs && strcmp(nhs, r.nhs) == 0) {
			sc = 100;
			why = "same NHS number";
		} else if (dob[0] && near_dates(dob, r.dob ? r.dob :
		    r.expected)) {
			sc = strcmp(dob, r.dob ? r.dob : "") == 0 ? 80 : 60;
			why = sc == 80 ? "similar name, same date of birth" :
			    "similar name, near date of birth";
		} else if (pc[0] && home != NULL) {
			char hk[9];

			ident_postcode_key(home, hk);
			if (strcmp(hk, pc) == 0) {
				sc = 50;
				why = "same surname sound at the same address";
			}
		} else if (!dob[0] || (r.dob == NULL && r.expected == NULL)) {
			sc = 40;
			why = "similar name, no date of birth to compare";
		}
		free(home);
		if (sc > 0) {
			cs.c[i].score = sc;
			cs.c[i].why = why;
			make_hit(st, &cs.c[i], &r, &dups->h[dups->n++]);
		}
		prow_fini(&r);
	}
	free(cs.c);
	return code;
}

enum cd_status
store_person_add(struct store *st, const struct field_value *v, size_t n,
    const char *postcode, const char *no_match, int64_t *id,
    struct person_hits *dups, struct cd_err *err)
{
	struct audit_change ch[3];
	struct audit_event ev = { 0 };
	struct field_value addr[4];
	struct cd_err inner;
	struct buf ids = { 0 };
	char pc[9], now[DATE_TIME_LEN];
	enum cd_status code;
	size_t i;

	*id = 0;
	memset(dups, 0, sizeof *dups);
	code = store_access_entity(st, entity_find("person"), 1, err);
	if (code != CD_OK)
		return code;
	if (postcode && *postcode &&
	    ident_postcode(postcode, pc, &inner) != CD_OK)
		return cd_err_set(err, CD_ERR_INVALID, "Postcode: %s",
		    inner.msg);
	if (no_match != NULL && strlen(no_match) < 5)
		return cd_err_set(err, CD_ERR_INVALID, "the \"no match\" "
		    "decision needs a reason (a few words)");
	code = duplicates(st, v, n, postcode && *postcode ? pc : NULL, dups,
	    err);
	if (code != CD_OK)
		return code;
	if (dups->n > 0 && no_match == NULL) {
		/* The people the check showed: audited like a search. */
		struct buf shown = { 0 };
		struct audit_change dc = { "candidates", NULL, NULL };
		struct audit_event dev = { 0 };

		for (i = 0; i < dups->n; i++) {
			buf_addf(&shown, "%s#%lld", i ? " " : "",
			    (long long)dups->h[i].id);
			dev.flagged |= dups->h[i].masked;
		}
		dc.new_ = buf_str(&shown);
		dev.action = "duplicate-check";
		dev.entity = "person";
		dev.changes = &dc;
		dev.nchanges = 1;
		code = store_audit_append(st, &dev, err);
		buf_fini(&shown);
		if (code != CD_OK)
			return code;
		return cd_err_set(err, CD_ERR_DUPLICATE, "%zu likely "
		    "duplicate%s: check them before creating a new record",
		    dups->n, dups->n == 1 ? "" : "s");
	}
	code = store_begin(st, err);
	if (code != CD_OK)
		return code;
	code = store_record_create(st, "person", 0, v, n, id, err);
	if (code == CD_OK && postcode && *postcode) {
		date_now(now);
		now[10] = '\0';
		addr[0] = (struct field_value){ "line1", "(postcode only)" };
		addr[1] = (struct field_value){ "postcode", pc };
		addr[2] = (struct field_value){ "kind", "home" };
		addr[3] = (struct field_value){ "start_date", now };
		code = store_record_create(st, "address", *id, addr, 4,
		    &(int64_t){ 0 }, err);
	}
	if (code == CD_OK && dups->n > 0) {
		for (i = 0; i < dups->n; i++)
			buf_addf(&ids, "%s#%lld", i ? " " : "",
			    (long long)dups->h[i].id);
		ch[0] = (struct audit_change){ "decision", NULL, "no match" };
		ch[1] = (struct audit_change){ "reason", NULL, no_match };
		ch[2] = (struct audit_change){ "candidates", NULL,
		    buf_str(&ids) };
		ev.action = "no-match";
		ev.entity = "person";
		ev.entity_id = *id;
		ev.person_id = *id;
		ev.changes = ch;
		ev.nchanges = 3;
		code = store_audit_append(st, &ev, err);
	}
	buf_fini(&ids);
	if (code != CD_OK) {
		store_rollback(st);
		*id = 0;
		return code;
	}
	return store_commit(st, err);
}

/* Whether a relationship between a and b is already recorded. */
static int
query_exists(struct store *st, int64_t a, int64_t b)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT count(*) FROM relationship "
	    "WHERE person_id = ? AND related_id = ?", NULL);
	int n = 0;

	if (s == NULL)
		return 0;
	sqlite3_bind_int64(s, 1, a);
	sqlite3_bind_int64(s, 2, b);
	if (sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int(s, 0);
	store_stmt_done(st, s);
	return n > 0;
}

/* Insert one relationship row: related is kind of person. */
static enum cd_status
insert_relation(struct store *st, int64_t person, int64_t related,
    const char *kind, int pr, struct cd_err *err)
{
	sqlite3_stmt *s = store_stmt(st, "INSERT INTO relationship "
	    "(person_id, related_id, kind, parental_responsibility, "
	    "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)", err);
	char now[DATE_TIME_LEN], prs[2] = { pr ? '1' : '0', '\0' };
	struct audit_change ch[3];
	struct audit_event ev = { 0 };
	char rel[24];
	int rc;

	if (s == NULL)
		return err ? err->code : CD_ERR_DB;
	date_now(now);
	sqlite3_bind_int64(s, 1, person);
	sqlite3_bind_int64(s, 2, related);
	store_bind_text(s, 3, kind);
	sqlite3_bind_int(s, 4, pr);
	store_bind_text(s, 5, now);
	store_bind_text(s, 6, now);
	rc = sqlite3_step(s);
	store_stmt_done(st, s);
	if (rc != SQLITE_DONE)
		return store_db_err(st, err, "saving a relationship");
	snprintf(rel, sizeof rel, "#%lld", (long long)related);
	ch[0] = (struct audit_change){ "related", NULL, rel };
	ch[1] = (struct audit_change){ "kind", NULL, kind };
	ch[2] = (struct audit_change){ "parental_responsibility", NULL, prs };
	ev.action = "create";
	ev.entity = "relationship";
	ev.entity_id = sqlite3_last_insert_rowid(st->db);
	ev.person_id = person;
	ev.changes = ch;
	ev.nchanges = 3;
	return store_audit_append(st, &ev, err);
}

enum cd_status
store_person_relate(struct store *st, int64_t a, const char *kind, int64_t b,
    int pr, struct cd_err *err)
{
	const char *inv = store_person_inverse(kind);
	enum cd_status code;

	if (inv == NULL)
		return codes_check("relationship", "Relationship", kind, err);
	if (a == b)
		return cd_err_set(err, CD_ERR_INVALID, "a person cannot be "
		    "related to themselves");
	code = store_access_entity(st, entity_find("person"), 1, err);
	if (code == CD_OK)
		code = store_begin(st, err);
	if (code != CD_OK)
		return code;
	code = store_access_person(st, a, 1, NULL, err);
	if (code == CD_OK)
		code = store_access_person(st, b, 1, NULL, err);
	if (code == CD_OK && query_exists(st, a, b))
		code = cd_err_set(err, CD_ERR_EXISTS, "#%lld and #%lld are "
		    "already related", (long long)a, (long long)b);
	/* a is kind of b: b's row says a is kind; a's row the inverse. */
	if (code == CD_OK)
		code = insert_relation(st, b, a, kind, pr, err);
	if (code == CD_OK)
		code = insert_relation(st, a, b, inv, 0, err);
	return store_end(st, code, err);
}

enum cd_status
store_person_relations(struct store *st, int64_t id, struct relation **out,
    size_t *n, struct cd_err *err)
{
	struct audit_event ev = { 0 };
	sqlite3_stmt *s;
	enum cd_status code;
	int flag = 0, rc;

	*out = NULL;
	*n = 0;
	code = store_access_entity(st, entity_find("person"), 0, err);
	if (code == CD_OK)
		code = store_access_person(st, id, 0, &flag, err);
	if (code != CD_OK)
		return code;
	s = store_stmt(st, "SELECT r.related_id, r.kind, "
	    "r.parental_responsibility, p.family_name, p.given_names, "
	    "coalesce(p.dob, p.expected_dob), p.restricted FROM relationship r "
	    "JOIN person p ON p.id = r.related_id WHERE r.person_id = ? AND "
	    "r.end_date IS NULL ORDER BY r.kind, p.dob", err);
	if (s == NULL)
		return err ? err->code : CD_ERR_DB;
	sqlite3_bind_int64(s, 1, id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct relation *r;
		int64_t rid = sqlite3_column_int64(s, 0);

		*out = xreallocarray(*out, *n + 1, sizeof **out);
		r = &(*out)[(*n)++];
		r->related_id = rid;
		r->kind = store_column_dup(s, 1);
		r->pr = sqlite3_column_int(s, 2);
		if (sqlite3_column_int(s, 6) && !on_list(st, rid)) {
			r->name = xstrdup("(restricted record)");
			r->dob = NULL;
		} else {
			r->name = xasprintf("%s, %s", sqlite3_column_text(s, 3),
			    sqlite3_column_text(s, 4));
			r->dob = store_column_dup(s, 5);
		}
	}
	store_stmt_done(st, s);
	if (rc != SQLITE_DONE) {
		store_person_relations_free(out, *n);
		return store_db_err(st, err, "reading relationships");
	}
	ev.action = "view";
	ev.entity = "relationship";
	ev.person_id = id;
	ev.flagged = flag;
	code = store_audit_append(st, &ev, err);
	if (code != CD_OK)
		store_person_relations_free(out, *n);
	return code;
}

void
store_person_relations_free(struct relation **r, size_t n)
{
	size_t i;

	if (*r == NULL)
		return;
	for (i = 0; i < n; i++) {
		free((*r)[i].kind);
		free((*r)[i].name);
		free((*r)[i].dob);
	}
	free(*r);
	*r = NULL;
}

/* Run one statement binding keep and other; count changed rows. */
static enum cd_status
move(struct store *st, const char *sql, int64_t keep, int64_t other,
    int *changed, struct cd_err *err)
{
	sqlite3_stmt *s = store_stmt(st, sql, err);
	int rc;

	if (s == NULL)
		return err ? err->code : CD_ERR_DB;
	sqlite3_bind_int64(s, 1, keep);
	sqlite3_bind_int64(s, 2, other);
	rc = sqlite3_step(s);
	store_stmt_done(st, s);
	if (rc != SQLITE_DONE)
		return store_db_err(st, err, "merging");
	if (changed)
		*changed += sqlite3_changes(st->db);
	return CD_OK;
}

enum cd_status
store_person_merge(struct store *st, int64_t keep, int64_t other,
    struct cd_err *err)
{
	const struct entity_def *all;
	struct audit_change ch[3];
	struct audit_event ev = { 0 };
	struct buf sql = { 0 };
	char kid[24], oid[24], moved_s[24], now[DATE_TIME_LEN];
	enum cd_status code;
	size_t n, i;
	int moved = 0;
	struct prow kr, orow;

	if (keep == other)
		return cd_err_set(err, CD_ERR_INVALID, "cannot merge a record "
		    "into itself");
	if (!access_may(st, ACCESS_PERSON_MERGE))
		return cd_err_set(err, CD_ERR_DENIED, "the %s role may not "
		    "merge records (team managers and information governance "
		    "may)", role_title(st->role));
	code = store_begin(st, err);
	if (code == CD_OK)
		code = store_access_person(st, keep, 1, NULL, err);
	if (code == CD_OK)
		code = store_access_person(st, other, 1, NULL, err);
	if (code != CD_OK) {
		store_rollback(st);
		return code;
	}
	if (!prow_read(st, keep, &kr) || !prow_read(st, other, &orow) ||
	    kr.merged || orow.merged) {
		prow_fini(&kr);
		prow_fini(&orow);
		store_rollback(st);
		return cd_err_set(err, CD_ERR_INVALID, "both records must exist "
		    "and not already be merged");
	}
	all = entity_all(&n);
	for (i = 0; i < n && code == CD_OK; i++) {
		if (!all[i].person_scoped)
			continue;
		buf_reset(&sql);
		buf_addf(&sql, "UPDATE %s SET person_id = ?1 WHERE person_id "
		    "= ?2", all[i].name);
		code = move(st, buf_str(&sql), keep, other, &moved, err);
	}
	buf_fini(&sql);
	date_now(now);
	if (code == CD_OK)
		code = move(st, "UPDATE person_name SET person_id = ?1 WHERE "
		    "person_id = ?2", keep, other, &moved, err);
	if (code == CD_OK) {
		/* The other record's name becomes a previous name. */
		sqlite3_stmt *s = store_stmt(st, "INSERT INTO person_name "
		    "(person_id, family_name, given_names, family_key, "
		    "given_key, family_sound, given_sound, kind, created_at, "
		    "updated_at) SELECT ?1, family_name, given_names, "
		    "family_key, given_key, family_sound, given_sound, 'merged', "
		    "?3, ?3 FROM person WHERE id = ?2", err);

		if (s == NULL)
			code = err ? err->code : CD_ERR_DB;
		else {
			sqlite3_bind_int64(s, 1, keep);
			sqlite3_bind_int64(s, 2, other);
			store_bind_text(s, 3, now);
			if (sqlite3_step(s) != SQLITE_DONE)
				code = store_db_err(st, err, "merging names");
			store_stmt_done(st, s);
		}
	}
	/* Relationships: repoint both ends, then drop self and duplicates. */
	if (code == CD_OK)
		code = move(st, "UPDATE relationship SET person_id = ?1 WHERE "
		    "person_id = ?2", keep, other, &moved, err);
	if (code == CD_OK)
		code = move(st, "UPDATE relationship SET related_id = ?1 WHERE "
		    "related_id = ?2", keep, other, &moved, err);
	if (code == CD_OK)
		code = move(st, "DELETE FROM relationship WHERE person_id = ?1 "
		    "AND related_id = ?1 AND ?2 = ?2", keep, other, NULL, err);
	if (code == CD_OK)
		code = move(st, "DELETE FROM relationship WHERE (person_id = ?1 "
		    "OR related_id = ?1) AND ?2 = ?2 AND id NOT IN (SELECT "
		    "min(id) FROM relationship GROUP BY person_id, related_id)",
		    keep, other, NULL, err);
	if (code == CD_OK)
		code = move(st, "INSERT OR IGNORE INTO person_access (person_id, "
		    "user_id, kind) SELECT ?1, user_id, kind FROM person_access "
		    "WHERE person_id = ?2", keep, other, NULL, err);
	if (code == CD_OK)
		code = move(st, "UPDATE users SET person_id = ?1 WHERE "
		    "person_id = ?2", keep, other, &moved, err);
	/* The stricter record's restriction stays (its list moved above). */
	if (code == CD_OK)
		code = move(st, "UPDATE person SET restricted = 1, version = "
		    "version + 1 WHERE id = ?1 AND restricted = 0 AND (SELECT "
		    "restricted FROM person WHERE id = ?2) = 1", keep, other,
		    NULL, err);
	if (code == CD_OK)
		code = move(st, "UPDATE person SET merged_into = ?1, version = "
		    "version + 1 WHERE id = ?2", keep, other, NULL, err);
	prow_fini(&kr);
	prow_fini(&orow);
	snprintf(kid, sizeof kid, "#%lld", (long long)keep);
	snprintf(oid, sizeof oid, "#%lld", (long long)other);
	snprintf(moved_s, sizeof moved_s, "%d", moved);
	ch[0] = (struct audit_change){ "kept", NULL, kid };
	ch[1] = (struct audit_change){ "merged", NULL, oid };
	ch[2] = (struct audit_change){ "links_moved", NULL, moved_s };
	ev.action = "merge";
	ev.entity = "person";
	ev.changes = ch;
	ev.nchanges = 3;
	ev.entity_id = keep;
	ev.person_id = keep;
	if (code == CD_OK)
		code = store_audit_append(st, &ev, err);
	ev.entity_id = other;
	ev.person_id = other;
	return store_end_audited(st, code, &ev, err);
}

enum cd_status
store_person_break_glass(struct store *st, int64_t id, const char *reason,
    struct cd_err *err)
{
	struct audit_change ch = { "reason", NULL, reason };
	struct audit_event ev = { 0 };
	struct prow r;
	enum cd_status code;

	code = store_access_entity(st, entity_find("person"), 0, err);
	if (code != CD_OK)
		return code;
	code = access_break_glass(st, err);
	if (code != CD_OK)
		return code;
	if (reason == NULL || strlen(reason) < 10)
		return cd_err_set(err, CD_ERR_INVALID, "break-glass needs a "
		    "reason of at least a few words");
	if (!prow_read(st, id, &r))
		return cd_err_set(err, CD_ERR_NOTFOUND, "no person #%lld",
		    (long long)id);
	prow_fini(&r);
	ev.action = "break-glass";
	ev.entity = "person";
	ev.entity_id = id;
	ev.person_id = id;
	ev.flagged = 1;
	ev.changes = &ch;
	ev.nchanges = 1;
	code = store_audit_append(st, &ev, err);
	if (code != CD_OK)
		return code;
	st->glass = xreallocarray(st->glass, st->nglass + 1,
	    sizeof *st->glass);
	st->glass[st->nglass++] = id;
	return CD_OK;
}

enum cd_status
store_person_link(struct store *st, int64_t id, const char *user,
    const char *kind, struct cd_err *err)
{
	struct audit_change ch[2];
	struct audit_event ev = { 0 };
	sqlite3_stmt *s;
	enum cd_status code;
	int64_t uid = 0;
	int rc;

	code = access_link_users(st, err);
	if (code != CD_OK)
		return code;
	if (strcmp(kind, "restricted") && strcmp(kind, "education") &&
	    strcmp(kind, "self"))
		return cd_err_set(err, CD_ERR_INVALID, "link kind must be "
		    "restricted, education or self");
	code = store_begin(st, err);
	if (code != CD_OK)
		return code;
	s = store_stmt(st, "SELECT u.id FROM users u, person p WHERE "
	    "u.name = ? AND p.id = ?", err);
	if (s != NULL) {
		store_bind_text(s, 1, user);
		sqlite3_bind_int64(s, 2, id);
		if (sqlite3_step(s) == SQLITE_ROW)
			uid = sqlite3_column_int64(s, 0);
		store_stmt_done(st, s);
	}
	if (uid == 0) {
		store_rollback(st);
		return cd_err_set(err, CD_ERR_NOTFOUND, "no user \"%s\" or no "
		    "person #%lld", user, (long long)id);
	}
	if (strcmp(kind, "self") == 0)
		s = store_stmt(st, "UPDATE users SET person_id = ?2 WHERE "
		    "id = ?1 AND ?3 = ?3", err);
	else
		s = store_stmt(st, "INSERT OR IGNORE INTO person_access "
		    "(user_id, person_id, kind) VALUES (?1, ?2, ?3)", err);
	if (s == NULL) {
		store_rollback(st);
		return err ? err->code : CD_ERR_DB;
	}
	sqlite3_bind_int64(s, 1, uid);
	sqlite3_bind_int64(s, 2, id);
	store_bind_text(s, 3, kind);
	rc = sqlite3_step(s);
	store_stmt_done(st, s);
	if (rc != SQLITE_DONE) {
		code = store_db_err(st, err, "linking");
		store_rollback(st);
		return code;
	}
	ch[0] = (struct audit_change){ "user", NULL, user };
	ch[1] = (struct audit_change){ "link", NULL, kind };
	ev.action = "update";
	ev.entity = "person_access";
	ev.entity_id = id;
	ev.person_id = id;
	/* Putting oneself on a restricted list is break-glass: flagged. */
	ev.flagged = strcmp(kind, "restricted") == 0 && uid == st->user_id;
	ev.changes = ch;
	ev.nchanges = 2;
	code = store_audit_append(st, &ev, err);
	return store_end(st, code, err);
}

enum cd_status
store_person_keep_name(struct store *st, int64_t id, const char *family,
    const char *given, struct cd_err *err)
{
	char fk[IDENT_KEY_MAX], gk[IDENT_KEY_MAX], fs[8], gs[8];
	char now[DATE_TIME_LEN];
	sqlite3_stmt *s;
	int rc;

	ident_name_key(family ? family : "", fk);
	ident_name_key(given ? given : "", gk);
	ident_name_sound(family ? family : "", fs);
	ident_name_sound(given ? given : "", gs);
	date_now(now);
	s = store_stmt(st, "INSERT INTO person_name (person_id, family_name, "
	    "given_names, family_key, given_key, family_sound, given_sound, "
	    "kind, until_date, created_at, updated_at) VALUES "
	    "(?, ?, ?, ?, ?, ?, ?, 'previous', substr(?, 1, 10), ?, ?)", err);
	if (s == NULL)
		return err ? err->code : CD_ERR_DB;
	sqlite3_bind_int64(s, 1, id);
	store_bind_text(s, 2, family ? family : "");
	store_bind_text(s, 3, given ? given : "");
	store_bind_text(s, 4, fk);
	store_bind_text(s, 5, gk);
	store_bind_text(s, 6, fs);
	store_bind_text(s, 7, gs);
	store_bind_text(s, 8, now);
	store_bind_text(s, 9, now);
	store_bind_text(s, 10, now);
	rc = sqlite3_step(s);
	store_stmt_done(st, s);
	if (rc != SQLITE_DONE)
		return store_db_err(st, err, "keeping the previous name");
	return CD_OK;
}

void
store_person_derive(char **values, struct derived *d)
{
	char key[IDENT_KEY_MAX], sound[8];
	const char *fam = values[0] ? values[0] : "";
	const char *giv = values[1] ? values[1] : "";

	ident_name_key(fam, key);
	store_derived_add(d, "family_key", xstrdup(key), 0);
	ident_name_key(giv, key);
	store_derived_add(d, "given_key", xstrdup(key), 0);
	ident_name_sound(fam, sound);
	store_derived_add(d, "family_sound", xstrdup(sound), 0);
	ident_name_sound(giv, sound);
	store_derived_add(d, "given_sound", xstrdup(sound), 0);
}

enum cd_status
store_person_check(const struct entity_def *e, char **values,
    struct cd_err *err)
{
	const struct field_def *dob = entity_field(e, "dob");
	const struct field_def *edob = entity_field(e, "expected_dob");

	if (values[dob - e->fields] != NULL &&
	    values[edob - e->fields] != NULL)
		return cd_err_set(err, CD_ERR_INVALID, "a person has either a "
		    "date of birth or an expected date of birth, not both");
	return CD_OK;
}

/*
 * A changed NHS number is no longer a verified one (CP-IS would send it
 * unchecked): unless the same edit says it is verified, clear the flag,
 * as one more audited change.
 */
size_t
store_person_amend(const struct entity_def *e, const struct field_change *c,
    size_t n, const struct record *cur, char **values,
    struct audit_change *out)
{
	const struct field_def *nhs = entity_field(e, "nhs_number");
	const struct field_def *ver = entity_field(e, "nhs_verified");
	size_t in = (size_t)(nhs - e->fields), iv = (size_t)(ver - e->fields);
	size_t i;

	if (store_text_same(cur->values[in], values[in]))
		return 0;
	for (i = 0; i < n; i++)
		if (strcmp(c[i].name, "nhs_verified") == 0)
			return 0;
	if (values[iv] == NULL || strcmp(values[iv], "0") == 0)
		return 0;
	free(values[iv]);
	values[iv] = xstrdup("0");
	*out = (struct audit_change){ ver->name, cur->values[iv], values[iv] };
	return 1;
}

/* A new name: the old one stays findable as a previous name. */
enum cd_status
store_person_before_update(struct store *st, const struct record *cur,
    char **values, struct cd_err *err)
{
	if (store_text_same(cur->values[0], values[0]) &&
	    store_text_same(cur->values[1], values[1]))
		return CD_OK;
	return store_person_keep_name(st, cur->id, cur->values[0],
	    cur->values[1], err);
}
