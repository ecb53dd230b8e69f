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

/*
 * Rows each index lookup keeps: as many as results are wanted, and at
 * least a screenful, which is also how many strong matches make the
 * weaker lookups unnecessary.
 */
#define ENOUGH_MATCHES 20
/* Distinct leading keys a two-word lookup seeks before it scans the rest. */
#define SKIP_KEYS 32

/*
 * What a lookup selects: everything scoring and a hit need, all of it in
 * the name, sound-alike and date-of-birth indexes (schema 18), so the
 * lookups through them read no person row.
 */
#define HIT_COLUMNS "id, family_name, given_names, dob, expected_dob, sex, " \
	"nhs_number, restricted, merged_into"
/* The same for lookups that reach person through another table. */
#define HIT_COLUMNS_P "p.id, p.family_name, p.given_names, p.dob, " \
	"p.expected_dob, p.sex, p.nhs_number, p.restricted, p.merged_into"
/*
 * The same for lookups of previous names, marking the people found as
 * having some: only theirs are read when a word fits no current name.
 */
#define RENAMED_COLUMNS HIT_COLUMNS_P ", NULL, 1"

/* A candidate being scored, with the fields its lookup read. */
struct cand {
	int64_t id;
	int score;
	int scored;		/* score worked out (-1: not a match) */
	const char *why;
	int renamed;		/* found by a previous name */
	struct person_row r;
};

struct cands {
	struct cand *c;
	size_t n;
	size_t cap;		/* rows taken from one lookup */
};

/* Add the person on the current row of s (selecting HIT_COLUMNS). */
static void
cand_add(struct cands *cs, sqlite3_stmt *s)
{
	struct cand *c;

	cs->c = xreallocarray(cs->c, cs->n + 1, sizeof *cs->c);
	c = &cs->c[cs->n++];
	memset(c, 0, sizeof *c);
	c->id = sqlite3_column_int64(s, 0);
	c->r.family = store_column_dup(s, 1);
	c->r.given = store_column_dup(s, 2);
	c->r.dob = store_column_dup(s, 3);
	c->r.expected = store_column_dup(s, 4);
	c->r.sex = store_column_dup(s, 5);
	c->r.nhs = store_column_dup(s, 6);
	c->r.restricted = sqlite3_column_int(s, 7);
	c->r.merged = sqlite3_column_int64(s, 8);
	if (sqlite3_column_count(s) > 9)	/* the UPN lookup adds it */
		c->r.upn = store_column_dup(s, 9);
	if (sqlite3_column_count(s) > 10)
		c->renamed = sqlite3_column_int(s, 10);
}

static void
cands_fini(struct cands *cs)
{
	size_t i;

	for (i = 0; i < cs->n; i++)
		store_person_row_fini(&cs->c[i].r);
	free(cs->c);
	memset(cs, 0, sizeof *cs);
}

static int
cmp_id(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;

	return x->id < y->id ? -1 : x->id > y->id;
}

/*
 * Sort candidates by id and drop repeats (gathering adds freely), keeping
 * a score worked out unless a repeat found by a previous name makes it
 * stale.
 */
static void
cand_unique(struct cands *cs)
{
	size_t i, k = 0;

	if (cs->n > 1)
		qsort(cs->c, cs->n, sizeof *cs->c, cmp_id);
	for (i = 0; i < cs->n; i++) {
		struct cand *a = k ? &cs->c[k - 1] : NULL, *b = &cs->c[i];

		if (a == NULL || a->id != b->id) {
			cs->c[k++] = *b;
			continue;
		}
		if (!a->scored && b->scored && (b->renamed || !a->renamed)) {
			a->scored = 1;
			a->score = b->score;
			a->why = b->why;
		} else if (a->scored && b->renamed && !a->renamed)
			a->scored = 0;
		a->renamed |= b->renamed;
		store_person_row_fini(&b->r);
	}
	cs->n = k;
}

/*
 * Run a query selecting HIT_COLUMNS with text parameters ?1 ?2 ?5 and ?6
 * and limit ?3 (at most the cap, less when max is smaller); add the
 * people. *got, when given, counts them.
 */
static enum cd_status
collect_max(struct store *st, struct cands *cs, const char *sql,
    const char *a, const char *b, const char *c, const char *d, size_t max,
    size_t *got, struct cd_err *err)
{
	sqlite3_stmt *s = store_stmt(st, sql, err);
	int rc;

	if (s == NULL)
		return err ? err->code : CD_ERR_DB;
	store_bind_text(s, 1, a);
	store_bind_text(s, 2, b);
	sqlite3_bind_int64(s, 3, (int64_t)(max < cs->cap ? max : cs->cap));
	if (c != NULL)
		store_bind_text(s, 5, c);
	if (d != NULL)
		store_bind_text(s, 6, d);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		cand_add(cs, s);
		if (got)
			(*got)++;
	}
	store_stmt_done(st, s);
	if (rc != SQLITE_DONE)
		return store_db_err(st, err, "searching");
	return CD_OK;
}

/* collect_max with two text parameters, up to the cap. */
static enum cd_status
collect(struct store *st, struct cands *cs, const char *sql, const char *a,
    const char *b, struct cd_err *err)
{
	return collect_max(st, cs, sql, a, b, NULL, NULL, cs->cap, NULL, err);
}

/* The upper bound of a prefix range: the prefix with "~" appended. */
static char *
prefix_end(const char *p)
{
	return xasprintf("%s~", p);
}

/* Run each of n queries with parameters a and b, up to the cap. */
static enum cd_status
collect_each(struct store *st, struct cands *cs, const char *const *sql,
    size_t n, const char *a, const char *b, struct cd_err *err)
{
	enum cd_status code = CD_OK;
	size_t i;

	for (i = 0; i < n && code == CD_OK; i++)
		code = collect(st, cs, sql[i], a, b, err);
	return code;
}

#define NSQL(a) (sizeof (a) / sizeof (a)[0])

/*
 * One name word's prefix (?1 to ?2): family, given and previous names,
 * each an index range read without touching the person rows (merged
 * records are dropped when scored).
 */
static const char *const prefix_sql[] = {
	"SELECT " HIT_COLUMNS " FROM person INDEXED BY person_family_hit "
	"WHERE family_key >= ?1 AND family_key < ?2 LIMIT ?3",
	"SELECT " HIT_COLUMNS " FROM person INDEXED BY person_given_hit "
	"WHERE given_key >= ?1 AND given_key < ?2 LIMIT ?3",
	"SELECT " RENAMED_COLUMNS " FROM person_name n JOIN person p ON "
	"p.id = n.person_id WHERE n.family_key >= ?1 AND n.family_key < ?2 "
	"LIMIT ?3",
	"SELECT " RENAMED_COLUMNS " FROM person_name n JOIN person p ON "
	"p.id = n.person_id WHERE n.given_key >= ?1 AND n.given_key < ?2 "
	"LIMIT ?3",
};

/* One name word's sound (?1; ?2 is unused): family, given, previous. */
static const char *const sound_sql[] = {
	"SELECT " HIT_COLUMNS " FROM person INDEXED BY "
	"person_family_sound_hit WHERE family_sound = ?1 AND ?2 IS NOT NULL "
	"LIMIT ?3",
	"SELECT " HIT_COLUMNS " FROM person INDEXED BY person_given_sound_hit "
	"WHERE given_sound = ?1 AND ?2 IS NOT NULL LIMIT ?3",
	"SELECT " RENAMED_COLUMNS " FROM person_name n JOIN person p ON "
	"p.id = n.person_id WHERE n.family_sound = ?1 AND ?2 IS NOT NULL "
	"LIMIT ?3",
};

/* A family name's sound (?1) with a given name's (?2), now or before. */
static const char *const sound_pair_sql[] = {
	"SELECT " HIT_COLUMNS " FROM person INDEXED BY "
	"person_family_sound_hit WHERE family_sound = ?1 AND given_sound = ?2 "
	"LIMIT ?3",
	"SELECT " RENAMED_COLUMNS " FROM person_name n JOIN person p ON "
	"p.id = n.person_id WHERE n.family_sound = ?1 AND n.given_sound = ?2 "
	"LIMIT ?3",
};

/* Candidates for one name word by prefix. */
static enum cd_status
collect_prefix(struct store *st, struct cands *cs, const char *key,
    struct cd_err *err)
{
	char *end;
	enum cd_status code;

	if (key[0] == '\0')
		return CD_OK;
	end = prefix_end(key);
	code = collect_each(st, cs, prefix_sql, NSQL(prefix_sql), key, end,
	    err);
	free(end);
	return code;
}

/* Candidates for one name word that sound alike (three letters or more). */
static enum cd_status
collect_sound(struct store *st, struct cands *cs, const char *key,
    const char *sound, struct cd_err *err)
{
	if (strlen(key) < 3 || sound[0] == '\0')
		return CD_OK;
	return collect_each(st, cs, sound_sql, NSQL(sound_sql), sound, "",
	    err);
}

/*
 * The statements of a two-word lookup led by one name's key (0: family,
 * 1: given) with the other name's key second in the index: the first
 * leading key in a range, the next one after a key, one key's entries in
 * the other's range, and the rest of the range filtered on the other.
 */
static const char *const skip_sql[2][4] = {
	{ "SELECT family_key FROM person INDEXED BY person_family_hit WHERE "
	  "family_key >= ?1 AND family_key < ?2 ORDER BY family_key LIMIT 1",
	  "SELECT family_key FROM person INDEXED BY person_family_hit WHERE "
	  "family_key > ?1 AND family_key < ?2 ORDER BY family_key LIMIT 1",
	  "SELECT " HIT_COLUMNS " FROM person INDEXED BY person_family_hit "
	  "WHERE family_key = ?1 AND ?2 IS NOT NULL AND given_key >= ?5 AND "
	  "given_key < ?6 LIMIT ?3",
	  "SELECT " HIT_COLUMNS " FROM person INDEXED BY person_family_hit "
	  "WHERE family_key > ?1 AND family_key < ?2 AND given_key >= ?5 AND "
	  "given_key < ?6 LIMIT ?3" },
	{ "SELECT given_key FROM person INDEXED BY person_given_hit WHERE "
	  "given_key >= ?1 AND given_key < ?2 ORDER BY given_key LIMIT 1",
	  "SELECT given_key FROM person INDEXED BY person_given_hit WHERE "
	  "given_key > ?1 AND given_key < ?2 ORDER BY given_key LIMIT 1",
	  "SELECT " HIT_COLUMNS " FROM person INDEXED BY person_given_hit "
	  "WHERE given_key = ?1 AND ?2 IS NOT NULL AND family_key >= ?5 AND "
	  "family_key < ?6 LIMIT ?3",
	  "SELECT " HIT_COLUMNS " FROM person INDEXED BY person_given_hit "
	  "WHERE given_key > ?1 AND given_key < ?2 AND family_key >= ?5 AND "
	  "family_key < ?6 LIMIT ?3" },
};

/* The leading key after (or from, when first) key in [key, end); or NULL. */
static char *
skip_next(struct store *st, int lead, const char *key, const char *end,
    int first, struct cd_err *err, enum cd_status *code)
{
	sqlite3_stmt *s = store_stmt(st, skip_sql[lead][first ? 0 : 1], err);
	char *next = NULL;
	int rc;

	if (s == NULL) {
		*code = err ? err->code : CD_ERR_DB;
		return NULL;
	}
	store_bind_text(s, 1, key);
	store_bind_text(s, 2, end);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		next = store_column_dup(s, 0);
	store_stmt_done(st, s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		*code = store_db_err(st, err, "searching");
	return next;
}

/*
 * The people whose lead name starts with lk and whose other name starts
 * with ok, up to the cap, in index order: each distinct leading key in
 * lk's range is sought and only its entries in ok's range read (a skip
 * scan), so a common first word costs a few seeks, not a walk over every
 * entry it leads; after SKIP_KEYS keys the rest is one filtered range.
 */
static enum cd_status
collect_skip(struct store *st, struct cands *cs, int lead, const char *lk,
    const char *ok, struct cd_err *err)
{
	char *lend = prefix_end(lk), *oend = prefix_end(ok), *key, *prev;
	enum cd_status code = CD_OK;
	size_t got = 0, keys = 0;

	key = skip_next(st, lead, lk, lend, 1, err, &code);
	while (key != NULL && code == CD_OK && got < cs->cap) {
		code = collect_max(st, cs, skip_sql[lead][2], key, "", ok, oend,
		    cs->cap - got, &got, err);
		if (code == CD_OK && got < cs->cap && ++keys == SKIP_KEYS) {
			code = collect_max(st, cs, skip_sql[lead][3], key, lend,
			    ok, oend, cs->cap - got, &got, err);
			break;
		}
		prev = key;
		key = code == CD_OK ? skip_next(st, lead, prev, lend, 0, err,
		    &code) : NULL;
		free(prev);
	}
	free(key);
	free(lend);
	free(oend);
	return code;
}

/*
 * Candidates for a pair of words read as given name and family name, both
 * matched before any cap: each word a prefix of its name, read through
 * the index led by the longer (rarer) key, so "Ahmed Kh" is the Ahmeds
 * whose family name starts Kh, not the first few hundred Kh-anythings.
 * With sounds set, the sound-alike pair instead.
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
	if (sounds)
		return strlen(fk) < 3 || strlen(gk) < 3 ? CD_OK :
		    collect_each(st, cs, sound_pair_sql, NSQL(sound_pair_sql),
		    fs, gs, err);
	if (strlen(gk) > strlen(fk))
		code = collect_skip(st, cs, 1, gk, fk, err);
	else
		code = collect_skip(st, cs, 0, fk, gk, err);
	gend = prefix_end(gk);
	fend = prefix_end(fk);
	if (code == CD_OK)
		code = collect_max(st, cs, "SELECT " RENAMED_COLUMNS " FROM "
		    "person_name n JOIN person p ON p.id = n.person_id WHERE "
		    "n.family_key >= ?1 AND n.family_key < ?2 AND n.given_key >= "
		    "?5 AND n.given_key < ?6 LIMIT ?3", fk, fend, gk, gend,
		    cs->cap, NULL, err);
	free(gend);
	free(fend);
	return code;
}

/*
 * How well a word matches a name (each of its words): 0 for not at all.
 * A word of one or two letters is a start being typed: it matches by
 * prefix, never by sound ("Kh" is not Kaya), as no lookup finds it so.
 */
static int
word_score(const struct search_word *w, const char *name, int exact,
    int prefix, int sound)
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
			else if (best < sound && wlen >= 3) {
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
score(struct store *st, const struct search_terms *q,
    const struct cand *c, const char **why)
{
	const struct person_row *r = &c->r;
	int64_t id = c->id;
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
		/* Previous names are read only when nothing current fits. */
		int prev = fam == 0 && giv == 0 && !fam_used && c->renamed ?
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
make_hit(struct store *st, const struct cand *c, struct person_hit *h)
{
	const struct person_row *r = &c->r;

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
gather(struct store *st, const struct search_terms *q, int stage,
    struct cands *cs, struct cd_err *err)
{
	enum cd_status code = CD_OK;
	char idbuf[24], *end;
	size_t i, j;

	if (stage == 0 && q->id) {
		snprintf(idbuf, sizeof idbuf, "%lld", (long long)q->id);
		return collect(st, cs, "SELECT " HIT_COLUMNS " FROM person "
		    "WHERE id = ?1 AND ?2 IS NULL LIMIT ?3", idbuf, NULL, err);
	}
	if (stage == 0 && q->nhs[0])
		return collect(st, cs, "SELECT " HIT_COLUMNS " FROM person "
		    "WHERE nhs_number = ?1 AND ?2 IS NULL LIMIT ?3", q->nhs,
		    NULL, err);
	if (stage == 0 && q->upn[0])
		return collect(st, cs, "SELECT " HIT_COLUMNS ", upn FROM "
		    "person WHERE upn = ?1 AND ?2 IS NULL LIMIT ?3", q->upn,
		    NULL, err);
	if (stage == 0 && q->postcode[0]) {
		end = prefix_end(q->postcode);
		code = collect(st, cs, "SELECT " HIT_COLUMNS_P " FROM person p "
		    "WHERE p.id IN (SELECT DISTINCT person_id FROM address "
		    "WHERE postcode_key >= ?1 AND postcode_key < ?2 LIMIT ?3)",
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
		code = collect(st, cs, "SELECT " HIT_COLUMNS " FROM person "
		    "INDEXED BY person_dob_hit WHERE dob BETWEEN ?1 AND ?2 "
		    "LIMIT ?3", q->from, q->to, err);
		if (code == CD_OK)
			code = collect(st, cs, "SELECT " HIT_COLUMNS " FROM person "
			    "INDEXED BY person_expected_hit WHERE expected_dob "
			    "BETWEEN ?1 AND ?2 LIMIT ?3", q->from, q->to, err);
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
		struct cand *c = &cs->c[i];
		const char *why = NULL;

		if (!c->scored) {
			c->scored = 1;
			c->score = score(st, q, c, &why);
			c->why = why;
		}
		if (cs->c[i].score >= 0)
			matches++;
	}
	return matches;
}

/*
 * A search as the user types is audited as a draft's field is saved
 * (store_begin_draft): written before the results are shown, without
 * waiting for the disk, also inside a screen's transaction (which then
 * commits relaxed unless something else in it must be durable); the next
 * synced commit (opening a person, say) or the session's close makes it
 * durable. One that matched a restricted person is flagged for review and
 * syncs at once.
 */
static enum cd_status
audit_keystroke(struct store *st, const struct audit_event *ev,
    struct cd_err *err)
{
	enum cd_status code;

	if (ev->flagged)
		return store_audit_append(st, ev, err);
	/* Inside a screen's transaction, its draft's part: not synced. */
	code = store_begin_draft(st, err);
	if (code != CD_OK)
		return code;
	code = store_audit_append(st, ev, err);
	return store_end(st, code, err);
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
	cs.cap = want < ENOUGH_MATCHES ? ENOUGH_MATCHES : want;
	for (stage = 0; code == CD_OK && stage < 3; stage++) {
		code = gather(st, &q, stage, &cs, err);
		if (code == CD_OK && score_new(st, &q, &cs) >= (want <
		    ENOUGH_MATCHES ? want : ENOUGH_MATCHES))
			break;
	}
	/* The matches to the front (the rest stay to be freed), best first. */
	for (i = 0; i < cs.n; i++)
		if (cs.c[i].score >= 0) {
			struct cand t = cs.c[kept];

			cs.c[kept++] = cs.c[i];
			cs.c[i] = t;
		}
	if (kept > 1)
		qsort(cs.c, kept, sizeof *cs.c, cmp_cand);
	if (limit && kept > limit)
		kept = limit;
	out->h = xcalloc(kept ? kept : 1, sizeof *out->h);
	for (i = 0; code == CD_OK && i < kept; i++)
		make_hit(st, &cs.c[i], &out->h[out->n++]);
	cands_fini(&cs);
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
	code = audit_keystroke(st, &ev, err);
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
		code = collect(st, &cs, "SELECT " HIT_COLUMNS " FROM person "
		    "WHERE nhs_number = ?1 AND ?2 IS NULL AND merged_into IS "
		    "NULL LIMIT ?3", nhs, NULL, err);
	if (dob_in)
		ident_date(dob_in, dob, NULL);
	if (code == CD_OK && fs[0])
		code = collect(st, &cs, "SELECT " HIT_COLUMNS " FROM person "
		    "INDEXED BY person_family_sound_hit WHERE family_sound = ?1 "
		    "AND given_sound = ?2 AND merged_into IS NULL LIMIT ?3", fs,
		    gs, err);
	if (code == CD_OK && fs[0])
		code = collect(st, &cs, "SELECT " RENAMED_COLUMNS " FROM "
		    "person_name n JOIN person p ON p.id = n.person_id WHERE "
		    "n.family_sound = ?1 AND n.given_sound = ?2 LIMIT ?3", fs, gs,
		    err);
	if (postcode)
		ident_postcode_key(postcode, pc);
	if (code == CD_OK && pc[0])
		code = collect(st, &cs, "SELECT " HIT_COLUMNS_P " FROM address "
		    "a JOIN person p ON p.id = a.person_id WHERE a.postcode_key = "
		    "?1 AND p.family_sound = ?2 LIMIT ?3", pc, fs, err);
	cand_unique(&cs);
	dups->h = xcalloc(cs.n ? cs.n : 1, sizeof *dups->h);
	for (i = 0; code == CD_OK && i < cs.n; i++) {
		const struct person_row *r = &cs.c[i].r;
		char *home;
		const char *why = NULL;
		int sc = 0;

		if (r->merged)
			continue;
		home = home_postcode(st, cs.c[i].id);
		if (nhs[0] && r->nhs && strcmp(nhs, r->nhs) == 0) {
			sc = 100;
			why = "same NHS number";
		} else if (dob[0] && near_dates(dob, r->dob ? r->dob :
		    r->expected)) {
			sc = strcmp(dob, r->dob ? r->dob : "") == 0 ? 80 : 60;
			why = sc == 80 ? "similar name, same date of birth" :
			    "similar name, near date of birth";
		} else if (pc[0] && home != NULL) {
			char hk[9];

			ident_postcode_key(home, hk);
			if (strcmp(hk, pc) == 0) {
				sc = 50;
				why = "same surname sound at the same address";
			}
		} else if (!dob[0] || (r->dob == NULL && r->expected == NULL)) {
			sc = 40;
			why = "similar name, no date of birth to compare";
		}
		free(home);
		if (sc > 0) {
			cs.c[i].score = sc;
			cs.c[i].why = why;
			make_hit(st, &cs.c[i], &dups->h[dups->n++]);
		}
	}
	cands_fini(&cs);
	return code;
}
