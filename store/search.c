/*
 * Search as you type, indexed (names, sound-alikes, previous names, dates,
 * identifiers, postcodes), and the duplicate check made before a person is
 * created.
 */
#include "config.h"

#include "store/search.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/date.h"
#include "common/ident.h"
#include "common/xmem.h"
#include "store/audit.h"
#include "store/person_int.h"
#include "store/searchterm.h"
#include "store/store.h"
#include "store/store_int.h"

/* Rows taken from each index lookup, per result wanted, and at least. */
#define CANDIDATES_PER_RESULT 1
#define CANDIDATES_MIN 50
/* Strong matches that make weaker lookups unnecessary (a screenful). */
#define ENOUGH_MATCHES 20

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
    const struct person_row *r, const char **why)
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
make_hit(struct store *st, const struct cand *c, const struct person_row *r,
    struct person_hit *h)
{
	memset(h, 0, sizeof *h);
	h->id = c->id;
	h->score = c->score;
	h->why = xstrdup(c->why ? c->why : "name");
	if (r->restricted && !store_person_on_list(st, c->id)) {
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
		struct person_row r;
		const char *why = NULL;

		if (!cs->c[i].scored) {
			cs->c[i].scored = 1;
			cs->c[i].score = -1;
			if (store_person_row_read(st, cs->c[i].id, &r)) {
				cs->c[i].score = score(st, q, cs->c[i].id, &r,
				    &why);
				cs->c[i].why = why;
			}
			store_person_row_fini(&r);
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
		struct person_row r;

		if (store_person_row_read(st, cs.c[i].id, &r))
			make_hit(st, &cs.c[i], &r, &out->h[out->n++]);
		store_person_row_fini(&r);
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

enum cd_status
store_person_duplicates(struct store *st, const struct field_value *v,
    size_t n, const char *postcode, struct person_hits *dups,
    struct cd_err *err)
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
		struct person_row r;
		char *home;
		const char *why = NULL;
		int sc = 0;

		if (!store_person_row_read(st, cs.c[i].id, &r) || r.merged) {
			store_person_row_fini(&r);
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
		store_person_row_fini(&r);
	}
	free(cs.c);
	return code;
}
