/*
 * The subject access pack for review: the subject's record in plain words,
 * one item per row, with redactions proposed for everyone else's
 * identifiers and, for anyone but the child, a looked-after child's
 * placement locked out. What only a person can judge (free text) is
 * flagged, not guessed.
 */
#include "config.h"

#include "casework/sarbuild.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/buf.h"
#include "common/date.h"
#include "common/ident.h"
#include "common/xmem.h"
#include "store/codes.h"
#include "store/entity.h"
#include "store/form.h"
#include "store/family.h"
#include "store/record.h"

/* ---- sets of identifiers ------------------------------------------- */

struct strs {
	char **v;
	const char **cls;
	size_t n;
};

static int
strs_has(const struct strs *s, const char *x)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (strcmp(s->v[i], x) == 0)
			return 1;
	return 0;
}

static void
strs_add(struct strs *s, const char *x, const char *cls)
{
	if (x == NULL || *x == '\0' || strs_has(s, x))
		return;
	s->v = xreallocarray(s->v, s->n + 1, sizeof *s->v);
	s->cls = xreallocarray(s->cls, s->n + 1, sizeof *s->cls);
	s->v[s->n] = xstrdup(x);
	s->cls[s->n++] = cls;
}

static void
strs_fini(struct strs *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	free(s->cls);
	memset(s, 0, sizeof *s);
}

/* What is known about a group of people: the subject and requester, the
 * third parties, or a placement. */
struct ids {
	struct strs words;	/* name keys (ident_name_key) */
	struct strs text;	/* literal text, any case, whole words */
	struct strs digits;	/* NHS numbers and phones, digits only */
	struct strs postcodes;	/* postcode keys */
	int64_t *people;
	size_t npeople;
};

static void
ids_fini(struct ids *d)
{
	strs_fini(&d->words);
	strs_fini(&d->text);
	strs_fini(&d->digits);
	strs_fini(&d->postcodes);
	free(d->people);
}

static int
ids_person(const struct ids *d, int64_t id)
{
	size_t i;

	for (i = 0; i < d->npeople; i++)
		if (d->people[i] == id)
			return 1;
	return 0;
}

static int common_word(const char *key);

/* Each word of a name into d's name keys (not "Mr", "and"). */
static void
add_name_words(struct ids *d, const char *name)
{
	char *copy, *tok, *save = NULL, key[IDENT_KEY_MAX];

	if (name == NULL)
		return;
	copy = xstrdup(name);
	for (tok = strtok_r(copy, " ,()\"", &save); tok; tok = strtok_r(NULL,
	    " ,()\"", &save)) {
		char *part, *psave = NULL;

		/* "Okoro-Bell" whole, as the scan reads it, and each part. */
		ident_name_key(tok, key);
		if (strlen(key) >= 2 && !common_word(key))
			strs_add(&d->words, key, "name");
		if (strchr(tok, '-') == NULL)
			continue;
		for (part = strtok_r(tok, "-", &psave); part; part = strtok_r(
		    NULL, "-", &psave)) {
			ident_name_key(part, key);
			if (strlen(key) >= 2 && !common_word(key))
				strs_add(&d->words, key, "name");
		}
	}
	free(copy);
}

static void
digits_of(const char *in, char *out, size_t n)
{
	size_t k = 0;

	for (; in && *in && k + 1 < n; in++)
		if (isdigit((unsigned char)*in))
			out[k++] = *in;
	out[k] = '\0';
}

static const char *const months[] = { "January", "February", "March",
	"April", "May", "June", "July", "August", "September", "October",
	"November", "December" };

/* A date of birth in the ways people write it. */
static void
add_dob(struct ids *d, const char *iso)
{
	char b[40];
	int y, m, dd;

	if (iso == NULL || sscanf(iso, "%4d-%2d-%2d", &y, &m, &dd) != 3 ||
	    m < 1 || m > 12)
		return;
	strs_add(&d->text, iso, "date of birth");
	snprintf(b, sizeof b, "%02d/%02d/%04d", dd, m, y);
	strs_add(&d->text, b, "date of birth");
	snprintf(b, sizeof b, "%d/%d/%04d", dd, m, y);
	strs_add(&d->text, b, "date of birth");
	snprintf(b, sizeof b, "%02d/%02d/%02d", dd, m, y % 100);
	strs_add(&d->text, b, "date of birth");
	snprintf(b, sizeof b, "%02d.%02d.%04d", dd, m, y);
	strs_add(&d->text, b, "date of birth");
	snprintf(b, sizeof b, "%d %s %04d", dd, months[m - 1], y);
	strs_add(&d->text, b, "date of birth");
	snprintf(b, sizeof b, "%d %.3s %04d", dd, months[m - 1], y);
	strs_add(&d->text, b, "date of birth");
}

static void
add_postcode(struct ids *d, const char *pc)
{
	char key[9];

	if (pc == NULL)
		return;
	ident_postcode_key(pc, key);
	strs_add(&d->postcodes, key, "postcode");
}

static int
address_cb(const struct record *r, void *arg)
{
	struct ids *d = arg;
	const char *l1 = store_record_value(r, "line1");
	const char *l2 = store_record_value(r, "line2");

	if (l1 && strlen(l1) >= 4)
		strs_add(&d->text, l1, "address");
	if (l2 && strlen(l2) >= 4)
		strs_add(&d->text, l2, "address");
	add_postcode(d, store_record_value(r, "postcode"));
	return 0;
}

/* A school or nursery a person attends identifies them (a sibling's
 * nursery tells a parent where the child is). */
static int
school_cb(const struct record *r, void *arg)
{
	struct ids *d = arg;
	const char *school = store_record_value(r, "school");
	const char *urn = store_record_value(r, "urn");

	if (school && strlen(school) >= 4)
		strs_add(&d->text, school, "school");
	if (urn && strlen(urn) >= 5)
		strs_add(&d->text, urn, "school");
	return 0;
}

/*
 * Everything the record holds that identifies person id, into d; their
 * addresses only with addresses set (a child's home is not theirs to
 * give a parent who does not live there).
 */
static void
add_person_as(struct store *st, struct ids *d, int64_t id, int addresses)
{
	struct record p;
	char dig[16], hash[24];

	if (id <= 0 || ids_person(d, id))
		return;
	d->people = xreallocarray(d->people, d->npeople + 1,
	    sizeof *d->people);
	d->people[d->npeople++] = id;
	snprintf(hash, sizeof hash, "#%lld", (long long)id);
	strs_add(&d->text, hash, "record number");
	if (store_record_get(st, "person", id, &p, NULL) != CD_OK)
		return;
	add_name_words(d, store_record_value(&p, "family_name"));
	add_name_words(d, store_record_value(&p, "given_names"));
	add_dob(d, store_record_value(&p, "dob"));
	digits_of(store_record_value(&p, "nhs_number"), dig, sizeof dig);
	strs_add(&d->digits, dig, "NHS number");
	strs_add(&d->text, store_record_value(&p, "upn"), "UPN");
	strs_add(&d->text, store_record_value(&p, "former_upn"), "UPN");
	store_record_fini(&p);
	store_record_list(st, "education_fact", id, school_cb, d, NULL);
	if (addresses)
		store_record_list(st, "address", id, address_cb, d, NULL);
}

static void
add_person(struct store *st, struct ids *d, int64_t id)
{
	add_person_as(st, d, id, 1);
}

/* ---- items as built -------------------------------------------------- */

enum span_mode {
	SPAN_SCAN,	/* look for identifiers */
	SPAN_PLACEMENT,	/* all of it: a placement, locked */
	SPAN_NAME,	/* all of it: a third party's name */
	SPAN_ADDRESS,	/* all of it: an address not the requester's */
	SPAN_PEOPLE,	/* names typed in a field for people: every word */
	SPAN_NONE,	/* words we wrote: dates, codes, yes */
};

struct span {
	size_t start, len;
	enum span_mode mode;
};

struct item {
	char *section, *heading;
	struct buf body;
	struct span *spans;
	size_t nspans;
	int free_text;
	struct sar_mark_in *marks;
	size_t nmarks;
};

struct ctx {
	struct store *st;
	const struct sar_state *s;
	const struct sar_words *w;
	struct ids own, third, place;
	int hide_placement;	/* looked after, and not the child asking */
	int requester_lives_there;
	struct item *items;
	size_t n;
	const char *section;
};

static struct item *
item_new(struct ctx *c, const char *section, const char *heading)
{
	struct item *it;

	c->items = xreallocarray(c->items, c->n + 1, sizeof *c->items);
	it = &c->items[c->n++];
	memset(it, 0, sizeof *it);
	it->section = xstrdup(section);
	it->heading = xstrdup(heading ? heading : "");
	return it;
}

/* "Label: value" on the item's body, value spanned in mode. */
static void
item_line(struct item *it, const char *label, const char *value,
    enum span_mode mode)
{
	struct span *sp;

	buf_addf(&it->body, "%s: ", label);
	it->spans = xreallocarray(it->spans, it->nspans + 1, sizeof *it->spans);
	sp = &it->spans[it->nspans++];
	sp->start = it->body.len;
	sp->len = strlen(value);
	sp->mode = mode;
	buf_addstr(&it->body, value);
	buf_addstr(&it->body, "\n");
}

/* A date in words: 3 March 2026 (and the time, for a date-time). */
static void
date_words(const char *iso, char *out, size_t n)
{
	int y, m, d, hh, mm;

	if (iso && sscanf(iso, "%4d-%2d-%2dT%2d:%2d", &y, &m, &d, &hh, &mm) ==
	    5 && m >= 1 && m <= 12)
		snprintf(out, n, "%d %s %d at %02d:%02d", d, months[m - 1], y,
		    hh, mm);
	else if (iso && sscanf(iso, "%4d-%2d-%2d", &y, &m, &d) == 3 && m >= 1 &&
	    m <= 12 && strlen(iso) == 10)
		snprintf(out, n, "%d %s %d", d, months[m - 1], y);
	else
		snprintf(out, n, "%s", iso ? iso : "");
}

/* Words for a field's name when nothing better is known. */
static void
name_words(const char *field, char *out, size_t n)
{
	size_t k;

	snprintf(out, n, "%s", field);
	for (k = 0; out[k]; k++)
		if (out[k] == '_' || out[k] == '-')
			out[k] = ' ';
	out[0] = (char)toupper((unsigned char)out[0]);
}

/* Whether field f of r holds people's names as typed. */
static int
names_field(const struct record *r, const struct field_def *f)
{
	static const char *const fields[][2] = {
		{ "consent", "giver_name" }, { "disclosure", "recipient" },
		{ "ooh_record", "caller" }, { "ooh_record", "carer" },
		{ "care_episode", "carer" }, { "sar_request", "requester_name" },
	};
	size_t i;

	for (i = 0; i < sizeof fields / sizeof fields[0]; i++)
		if (strcmp(r->def->name, fields[i][0]) == 0 &&
		    strcmp(f->name, fields[i][1]) == 0)
			return 1;
	return 0;
}

/* Whether field f of entity e is part of where a child is placed. */
static int
placement_field(const struct record *r, const struct field_def *f)
{
	static const char *const fields[] = { "placement_postcode", "urn",
		"carer", "carer_phone" };
	size_t i;

	if (strcmp(r->def->name, "address") == 0) {
		const char *k = store_record_value(r, "kind");

		return k && strcmp(k, "placement") == 0;
	}
	if (strcmp(r->def->name, "care_episode") != 0 &&
	    strcmp(r->def->name, "ooh_record") != 0)
		return 0;
	for (i = 0; i < sizeof fields / sizeof fields[0]; i++)
		if (strcmp(f->name, fields[i]) == 0)
			return 1;
	return 0;
}

/* The first date of a row, in words, and what kind it is. */
static void
row_heading(const struct record *r, char *out, size_t n)
{
	size_t i;

	out[0] = '\0';
	for (i = 0; i < r->def->nfields; i++) {
		const struct field_def *f = &r->def->fields[i];

		if ((f->type == FT_DATE || f->type == FT_DATETIME) &&
		    r->values[i] != NULL) {
			date_words(r->values[i], out, n);
			return;
		}
	}
}

/* Whether an address row is one the requester may see as theirs. */
static int
address_known(struct ctx *c, const struct record *r)
{
	char key[9];
	const char *pc = store_record_value(r, "postcode");

	if (strcmp(c->s->relationship, "SELF") == 0)
		return 1;
	if (pc == NULL)
		return 0;
	ident_postcode_key(pc, key);
	return strs_has(&c->own.postcodes, key);
}

/* Whether a form's field holds where a child is placed (its maps_to
 * names in care episodes and out-of-hours records). */
static int
placement_answer(const char *field)
{
	static const char *const fields[] = { "placement_postcode", "urn",
		"carer", "carer_phone", "placement_address" };
	size_t i;

	for (i = 0; i < sizeof fields / sizeof fields[0]; i++)
		if (strcmp(field, fields[i]) == 0)
			return 1;
	return 0;
}

/* A placement answer into what the scan hides everywhere else too. */
static void
placement_value(struct ctx *c, const char *field, const char *v)
{
	char dig[24];

	if (strcmp(field, "placement_postcode") == 0)
		add_postcode(&c->place, v);
	else if (strcmp(field, "carer_phone") == 0) {
		digits_of(v, dig, sizeof dig);
		strs_add(&c->place.digits, dig, "placement");
	} else {
		if (strcmp(field, "carer") == 0)
			add_name_words(&c->place, v);
		strs_add(&c->place.text, v, "placement");
	}
}

static void
form_answers(struct ctx *c, struct item *it, const struct record *r)
{
	const char *code = store_record_value(r, "form_code");
	struct form_answer *a;
	size_t n, i;

	if (store_form_answers(c->st, r->id, &a, &n, NULL) != CD_OK)
		return;
	for (i = 0; i < n; i++) {
		const char *label = c->w && c->w->field_label ?
		    c->w->field_label(code, a[i].field, c->w->arg) : NULL;
		char words[96], date[160], full[160], said[512];
		const char *v = a[i].value;
		int kind = SAR_WORDS_UNKNOWN;
		char *end;
		long long id;

		if (v == NULL || *v == '\0')
			continue;
		if (c->w && c->w->answer_words)
			kind = c->w->answer_words(code, a[i].field, v, said,
			    sizeof said, c->w->arg);
		if (label == NULL) {
			name_words(a[i].field, words, sizeof words);
			label = words;
		}
		if (a[i].row > 0) {
			snprintf(full, sizeof full, "%s (%d)", label, a[i].row);
			label = full;
		}
		if (kind == SAR_WORDS_OURS) {
			item_line(it, label, said, SPAN_NONE);
			continue;
		}
		/* A placement in a form not yet made a care episode (a draft
		 * placement change) is as hidden as one that was. */
		if (c->hide_placement && placement_answer(a[i].field)) {
			placement_value(c, a[i].field, v);
			item_line(it, label, v, SPAN_PLACEMENT);
			continue;
		}
		/* Without a definition a bare number may be a person. */
		id = strtoll(v, &end, 10);
		if (kind == SAR_WORDS_PERSON || (kind == SAR_WORDS_UNKNOWN &&
		    !(c->w && c->w->answer_words) && *end == '\0' && id > 0 &&
		    isdigit((unsigned char)*v))) {
			/* A person answer: a record number, said as a name. */
			struct record p;

			if (id == c->s->subject || id == c->s->requester ||
			    store_record_get(c->st, "person", id, &p, NULL) !=
			    CD_OK)
				continue;
			snprintf(date, sizeof date, "%s %s",
			    store_record_value(&p, "given_names") ?
			    store_record_value(&p, "given_names") : "",
			    store_record_value(&p, "family_name"));
			store_record_fini(&p);
			add_person(c->st, &c->third, id);
			item_line(it, label, date, SPAN_NAME);
			continue;
		}
		if (date_valid_iso(v)) {
			date_words(v, date, sizeof date);
			item_line(it, label, date, SPAN_SCAN);
			continue;
		}
		if (strchr(v, ' ') != NULL)
			it->free_text = 1;
		item_line(it, label, v, SPAN_SCAN);
	}
	store_form_answers_free(&a, n);
}

/* One row of the subject's record as an item. */
static int
row_cb(const struct record *r, void *arg)
{
	struct ctx *c = arg;
	struct item *it;
	char heading[64], date[48];
	size_t i;
	int lock, known;

	if (strcmp(r->def->name, "form_instance") == 0) {
		const char *code = store_record_value(r, "form_code");
		const char *title = c->w && c->w->form_title ?
		    c->w->form_title(code, c->w->arg) : NULL;
		char words[96];

		if (title == NULL) {
			name_words(code ? code : "form", words, sizeof words);
			title = words;
		}
		date_words(r->created_at, date, sizeof date);
		snprintf(heading, sizeof heading, "%.10s", date);
		it = item_new(c, title, date);
		form_answers(c, it, r);
		return 0;
	}
	row_heading(r, heading, sizeof heading);
	it = item_new(c, c->section, heading);
	lock = c->hide_placement;
	known = strcmp(r->def->name, "address") == 0 && address_known(c, r);
	for (i = 0; i < r->def->nfields; i++) {
		const struct field_def *f = &r->def->fields[i];
		const char *v = r->values[i];
		struct buf b = { 0 };
		enum span_mode mode = SPAN_SCAN;

		if (v == NULL || f->type == FT_REF || (f->flags & FF_STORE_ONLY))
			continue;
		switch (f->type) {
		case FT_BOOL:
			if (*v != '1')
				continue;
			buf_addstr(&b, "yes");
			mode = SPAN_NONE;	/* nothing to look for */
			break;
		case FT_DATE:
		case FT_DATETIME:
			date_words(v, date, sizeof date);
			buf_addstr(&b, date);
			mode = SPAN_NONE;
			break;
		case FT_CODE:
			buf_addstr(&b, codes_label(f->list, v));
			mode = SPAN_NONE;
			break;
		case FT_CODES:
			codes_words(f->list, v, &b);
			mode = SPAN_NONE;
			break;
		case FT_INT:
			buf_addstr(&b, v);
			mode = SPAN_NONE;
			break;
		case FT_NOTE:
			it->free_text = 1;
			buf_addstr(&b, v);
			break;
		default:
			buf_addstr(&b, v);
			break;
		}
		if (lock && placement_field(r, f))
			mode = SPAN_PLACEMENT;
		else if (names_field(r, f))
			mode = SPAN_PEOPLE;
		else if (strcmp(r->def->name, "address") == 0 && !known &&
		    (strcmp(f->name, "line1") == 0 || strcmp(f->name, "line2") ==
		    0 || strcmp(f->name, "postcode") == 0))
			mode = SPAN_ADDRESS;
		item_line(it, f->label, buf_str(&b), mode);
		buf_fini(&b);
	}
	return 0;
}

/* The person and their family, each relationship an item. */
static enum cd_status
person_items(struct ctx *c, struct cd_err *err)
{
	struct relation *rel = NULL;
	size_t nrel = 0, i;
	enum cd_status code;
	struct record p;

	c->section = "About the person";
	code = store_record_get(c->st, "person", c->s->subject, &p, err);
	if (code != CD_OK)
		return code;
	row_cb(&p, c);
	store_record_fini(&p);
	code = store_person_relations(c->st, c->s->subject, &rel, &nrel, err);
	if (code != CD_OK)
		return code;
	for (i = 0; i < nrel; i++) {
		struct item *it = item_new(c, "Family and relationships",
		    codes_label("relationship", rel[i].kind));
		int self = rel[i].related_id == c->s->requester;

		item_line(it, codes_label("relationship", rel[i].kind),
		    rel[i].name, self ? SPAN_NONE : SPAN_NAME);
		if (rel[i].pr)
			buf_addstr(&it->body, "Holds parental responsibility\n");
		if (self)
			buf_addstr(&it->body, "This is the person asking\n");
	}
	store_person_relations_free(&rel, nrel);
	return CD_OK;
}

/* ---- finding identifiers --------------------------------------------- */

static void
mark(struct item *it, size_t start, size_t len, const char *cls, int locked)
{
	struct sar_mark_in *m;
	size_t i;

	for (i = 0; i < it->nmarks; i++)	/* overlaps: the first stands */
		if (start < it->marks[i].start + it->marks[i].len &&
		    it->marks[i].start < start + len) {
			if (locked)
				it->marks[i].locked = 1, it->marks[i].cls =
				    "placement";
			return;
		}
	it->marks = xreallocarray(it->marks, it->nmarks + 1, sizeof *it->marks);
	m = &it->marks[it->nmarks++];
	m->start = start;
	m->len = len;
	m->cls = cls;
	m->locked = locked;
}

static int
word_char(unsigned char ch)
{
	return isalnum(ch) || ch >= 0x80;
}

/* Words that start sentences and name things, never people's names. */
static int
common_word(const char *key)
{
	static const char *const w[] = { "THE", "HE", "SHE", "THEY", "WE",
		"HIS", "HER", "THEIR", "MUM", "DAD", "MOTHER", "FATHER", "NAN",
		"SCHOOL", "ROAD", "STREET", "POLICE", "HOSPITAL", "NURSERY",
		"CHILD", "CHILDREN", "SOCIAL", "WORKER", "VISIT", "PLAN",
		"THIS", "THAT", "AND", "BUT", "WHEN", "AFTER", "BEFORE", "ON",
		"IN", "AT", "TO", "OF", "NO", "YES", "IT", "ALSO", "WAS", "IS",
		"LONDON", "COUNCIL", "GP", "NHS", "CAMHS", "MONDAY", "TUESDAY",
		"WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY",
		"JANUARY", "FEBRUARY", "MARCH", "APRIL", "MAY", "JUNE", "JULY",
		"AUGUST", "SEPTEMBER", "OCTOBER", "NOVEMBER", "DECEMBER", "MR",
		"MRS", "MS", "MISS", "DR", "MX", "FAMILY", "CARERS", "CARER" };
	size_t i;

	for (i = 0; i < sizeof w / sizeof w[0]; i++)
		if (strcmp(w[i], key) == 0)
			return 1;
	return 0;
}

/*
 * Surnames that are everyday words: written in lower case ("placed with
 * foster carers") they are the word, not the Fosters.
 */
static int
everyday_word(const char *key)
{
	static const char *const w[] = { "FOSTER", "YOUNG", "BROWN", "WHITE",
		"GREEN", "BLACK", "MASON", "BAKER", "COOK", "HOPE", "GRACE",
		"WILL", "ROSE", "HILL", "WOOD", "FIELD", "BIRD", "DAY", "KING",
		"PAGE", "WARD", "BELL", "CHURCH", "HALL", "MARSH", "MOSS",
		"PARK", "READ", "RICH", "STONE", "WELLS", "HUNT", "LONG",
		"LITTLE", "SHORT", "STRONG", "SHARP", "PRICE", "MILES", "RICE",
		"HOME", "LANE", "BANKS", "BOND", "CARTER", "FISHER", "GOLD",
		"HART", "HOLT", "LAMB", "NASH", "POOL", "ROW", "SMALL", "SPARK",
		"SUMMER", "WINTER", "FROST", "SNOW", "STORM", "NEW", "BEST",
		"GOOD", "CHILD", "SON", "SONS", "DAWN", "JOY", "PATIENCE" };
	size_t i;

	for (i = 0; i < sizeof w / sizeof w[0]; i++)
		if (strcmp(w[i], key) == 0)
			return 1;
	return 0;
}

/* Whether text at p (in a value starting at v) begins key, as a word. */
static int
text_at(const char *v, const char *p, const char *key, size_t *len)
{
	size_t n = strlen(key);

	if (strncasecmp(p, key, n) != 0)
		return 0;
	if (p > v && word_char((unsigned char)p[-1]) && word_char(
	    (unsigned char)key[0]))
		return 0;
	if (word_char((unsigned char)p[n]) && word_char((unsigned char)key[n -
	    1]))
		return 0;
	*len = n;
	return 1;
}

/* The longest literal of set at p, or 0. */
static size_t
longest(const struct strs *set, const char *v, const char *p, size_t *which)
{
	size_t i, best = 0, len;

	for (i = 0; i < set->n; i++)
		if (text_at(v, p, set->v[i], &len) && len > best) {
			best = len;
			*which = i;
		}
	return best;
}

static int
council_phone(const struct ctx *c, const char *dig)
{
	const char *const *p;
	char d[24];

	for (p = c->w ? c->w->council_phones : NULL; p && *p; p++) {
		digits_of(*p, d, sizeof d);
		if (*d && strcmp(d, dig) == 0)
			return 1;
	}
	return 0;
}

/* A run of digits (spaces and dashes between) at p: its length. */
static size_t
digit_run(const char *p, char *dig, size_t n)
{
	size_t len = 0, k = 0, end = 0;

	while (p[len] && (isdigit((unsigned char)p[len]) || ((p[len] == ' ' ||
	    p[len] == '-') && isdigit((unsigned char)p[len + 1]))) && k + 1 < n) {
		if (isdigit((unsigned char)p[len])) {
			dig[k++] = p[len];
			end = len + 1;
		}
		len++;
	}
	dig[k] = '\0';
	return end;
}

/* A postcode at p (one or two words): its length, key in key. */
static size_t
postcode_at(const char *p, char key[9])
{
	char cand[10], out[9];
	size_t len, first;

	if (!isalpha((unsigned char)p[0]))
		return 0;
	for (first = 0; first < 5 && isalnum((unsigned char)p[first]); first++)
		;
	if (first == 0 || first == 5)
		return 0;
	/* "NW1 2AB" */
	len = first;
	if (p[len] == ' ' && isdigit((unsigned char)p[len + 1]) &&
	    isalpha((unsigned char)p[len + 2]) && isalpha((unsigned char)
	    p[len + 3]) && !isalnum((unsigned char)p[len + 4])) {
		len += 4;
		snprintf(cand, sizeof cand, "%.*s", (int)len, p);
		if (ident_postcode(cand, out, NULL) == CD_OK) {
			ident_postcode_key(out, key);
			return len;
		}
	}
	/* "NW12AB" */
	for (len = 0; len < 8 && isalnum((unsigned char)p[len]); len++)
		;
	if (len >= 5 && len <= 7 && !isalnum((unsigned char)p[len])) {
		snprintf(cand, sizeof cand, "%.*s", (int)len, p);
		if (ident_postcode(cand, out, NULL) == CD_OK) {
			ident_postcode_key(out, key);
			return len;
		}
	}
	return 0;
}

/* A date at p as people write it (12/03/2019, 2019-03-12, 12 March
 * 2019): its length, or 0. */
static size_t
date_at(const char *p)
{
	size_t k = 0, m;
	int n = 0;

	if (!isdigit((unsigned char)p[0]))
		return 0;
	while (isdigit((unsigned char)p[k]) || ((p[k] == '/' || p[k] == '-' ||
	    p[k] == '.') && isdigit((unsigned char)p[k + 1]))) {
		n += !isdigit((unsigned char)p[k]);
		k++;
	}
	if (n == 2 && k >= 6)
		return k;
	/* "12 March 2019", "12 Mar 2019" */
	for (k = 0; isdigit((unsigned char)p[k]) && k < 2; k++)
		;
	if (k == 0 || p[k] != ' ')
		return 0;
	for (m = 0; m < 12; m++) {
		size_t full = strlen(months[m]);
		size_t len = strncasecmp(p + k + 1, months[m], full) == 0 ? full :
		    strncasecmp(p + k + 1, months[m], 3) == 0 ? 3 : 0;

		if (len && p[k + 1 + len] == ' ' && isdigit((unsigned char)
		    p[k + 2 + len]) && isdigit((unsigned char)p[k + 5 + len]))
			return k + 2 + len + 4;
	}
	return 0;
}

/* A street address at p ("3 Elm Court", "12a Church Road"): its length. */
static size_t
address_at(const char *p)
{
	static const char *const kind[] = { "Road", "Street", "Lane",
		"Avenue", "Close", "Court", "Way", "Drive", "Gardens", "Place",
		"Crescent", "Grove", "Terrace", "Square", "Row", "Hill", "Walk",
		"Mews", "Rise", "Park", "Green", "Parade", "House", "Estate",
		"Rd", "St", "Ave" };
	size_t k = 0, w, words;

	while (isdigit((unsigned char)p[k]) && k < 4)
		k++;
	if (k == 0 || isdigit((unsigned char)p[k]))
		return 0;
	if (isalpha((unsigned char)p[k]) && p[k + 1] == ' ')
		k++;
	for (words = 0; words < 4 && p[k] == ' ' && isupper((unsigned char)
	    p[k + 1]); words++) {
		k++;
		for (w = k; isalpha((unsigned char)p[w]) || p[w] == '\''; w++)
			;
		{
			size_t i;

			for (i = 0; i < sizeof kind / sizeof kind[0]; i++)
				if (w - k == strlen(kind[i]) && strncmp(p + k,
				    kind[i], w - k) == 0)
					return w;
		}
		k = w;
	}
	return 0;
}

/* Whether the word just before p says a record number follows. */
static int
record_cue(const char *v, const char *p)
{
	static const char *const cue[] = { "record", "case", "id", "ref",
		"reference", "person", "file", "no", "number" };
	static const char *const link[] = { "is", "was", "are", "as" };
	const char *e = p, *b;
	size_t i;
	int word;

	/* "record 12", "case no. 12", and "her record is 12". */
	for (word = 0; word < 2; word++, e = b) {
		while (e > v && (e[-1] == ' ' || e[-1] == '.' || e[-1] == ':'))
			e--;
		for (b = e; b > v && isalpha((unsigned char)b[-1]); b--)
			;
		for (i = 0; i < sizeof cue / sizeof cue[0]; i++)
			if ((size_t)(e - b) == strlen(cue[i]) && strncasecmp(b,
			    cue[i], (size_t)(e - b)) == 0)
				return 1;
		for (i = 0; i < sizeof link / sizeof link[0]; i++)
			if ((size_t)(e - b) == strlen(link[i]) && strncasecmp(b,
			    link[i], (size_t)(e - b)) == 0)
				break;
		if (word > 0 || i == sizeof link / sizeof link[0] || b == e)
			return 0;
	}
	return 0;
}

/* Whether the words just before p (from v) say a date of birth follows. */
static int
dob_cue(const char *v, const char *p)
{
	static const char *const cue[] = { "born", "dob", "d.o.b", "birth",
		"b." };
	const char *from = p - v > 24 ? p - 24 : v;
	char b[32];
	size_t i, n = (size_t)(p - from);

	for (i = 0; i < n; i++)
		b[i] = (char)tolower((unsigned char)from[i]);
	b[n] = '\0';
	for (i = 0; i < sizeof cue / sizeof cue[0]; i++)
		if (strstr(b, cue[i]) != NULL)
			return 1;
	return 0;
}

/* Whether the words just before p say a nickname follows ("known as"). */
static int
nickname_cue(const char *v, const char *p)
{
	static const char *const cue[] = { "known as ", "aka ", "a.k.a. ",
		"nicknamed ", "nickname ", "calls himself ", "calls herself ",
		"goes by " };
	size_t i, n;

	for (i = 0; i < sizeof cue / sizeof cue[0]; i++) {
		n = strlen(cue[i]);
		if ((size_t)(p - v) >= n && strncasecmp(p - n, cue[i], n) == 0)
			return 1;
	}
	return 0;
}

/* Propose redactions in one value (at base in the item's body). */
static void
scan(struct ctx *c, struct item *it, size_t base, const char *v, size_t vlen)
{
	const char *p = v, *end = v + vlen;

	while (p < end) {
		size_t at = base + (size_t)(p - v), len, which = 0;
		char dig[24], key[IDENT_KEY_MAX];
		int start = p == v || !word_char((unsigned char)p[-1]);

		/* Placement details and known third-party text first. */
		if ((len = longest(&c->place.text, v, p, &which)) > 0) {
			mark(it, at, len, "placement", 1);
			p += len;
			continue;
		}
		if ((len = longest(&c->third.text, v, p, &which)) > 0 &&
		    longest(&c->own.text, v, p, &which) < len) {
			longest(&c->third.text, v, p, &which);
			mark(it, at, len, c->third.text.cls[which], 0);
			p += len;
			continue;
		}
		if (*p == '#' && isdigit((unsigned char)p[1])) {
			long long id = strtoll(p + 1, NULL, 10);

			for (len = 1; isdigit((unsigned char)p[len]); len++)
				;
			if (!ids_person(&c->own, id))
				mark(it, at, len, "record number", 0);
			p += len;
			continue;
		}
		if (start && (len = address_at(p)) > 0) {
			if (longest(&c->own.text, v, p, &which) < len)
				mark(it, at, len, "address", 0);
			p += len;
			continue;
		}
		if (start && (len = date_at(p)) > 0 && dob_cue(v, p)) {
			if (longest(&c->own.text, v, p, &which) != len)
				mark(it, at, len, "date of birth", 0);
			p += len;
			continue;
		}
		if (start && (isdigit((unsigned char)*p) || (*p == '+' &&
		    isdigit((unsigned char)p[1])))) {
			size_t off = *p == '+';

			len = digit_run(p + off, dig, sizeof dig) + off;
			if (strs_has(&c->place.digits, dig))
				mark(it, at, len, "placement", 1);
			else if (strs_has(&c->own.digits, dig) ||
			    council_phone(c, dig))
				;
			else if (strs_has(&c->third.digits, dig) ||
			    (strlen(dig) == 10 && ident_nhs(dig, key, NULL) ==
			    CD_OK))
				mark(it, at, len, strlen(dig) == 10 && ident_nhs(
				    dig, key, NULL) == CD_OK && dig[0] != '0' ?
				    "NHS number" : "phone", 0);
			else if ((dig[0] == '0' && (strlen(dig) == 10 ||
			    strlen(dig) == 11)) || (strncmp(dig, "44", 2) == 0 &&
			    (strlen(dig) == 11 || strlen(dig) == 12)))
				mark(it, at, len, "phone", 0);
			else if (strlen(dig) <= 9 && record_cue(v, p) &&
			    !ids_person(&c->own, strtoll(dig, NULL, 10)))
				mark(it, at, len, "record number", 0);
			p += len > 0 ? len : 1;
			continue;
		}
		if (start && isalpha((unsigned char)*p)) {
			char pc[9], upn[14], cand[14];
			size_t w;

			if ((len = postcode_at(p, pc)) > 0) {
				if (strs_has(&c->place.postcodes, pc))
					mark(it, at, len, "placement", 1);
				else if (!strs_has(&c->own.postcodes, pc))
					mark(it, at, len, "postcode", 0);
				p += len;
				continue;
			}
			for (w = 0; w < 13 && isalnum((unsigned char)p[w]); w++)
				;
			if (w == 13 && !isalnum((unsigned char)p[w])) {
				snprintf(cand, sizeof cand, "%.13s", p);
				if (ident_upn(cand, upn, NULL) == CD_OK) {
					if (!strs_has(&c->own.text, upn))
						mark(it, at, 13, "UPN", 0);
					p += 13;
					continue;
				}
			}
		}
		if (start && (isalpha((unsigned char)*p) || (unsigned char)*p >=
		    0x80)) {
			const char *q = p;
			char wbuf[IDENT_KEY_MAX];
			size_t k;

			/* An e-mail address is one run of non-spaces with @. */
			while (q < end && !isspace((unsigned char)*q) && *q != ',' &&
			    *q != ';' && *q != '(' && *q != ')')
				q++;
			if (memchr(p, '@', (size_t)(q - p)) != NULL) {
				while (q > p && (q[-1] == '.' || q[-1] == ':'))
					q--;
				mark(it, at, (size_t)(q - p), "e-mail", 0);
				p = q;
				continue;
			}
			for (q = p; q < end && (word_char((unsigned char)*q) ||
			    ((*q == '\'' || *q == '-') && q + 1 < end &&
			    word_char((unsigned char)q[1]))); q++)
				;
			k = (size_t)(q - p);
			/* Craig's is Craig's name: the possessive goes. */
			if (k > 2 && p[k - 2] == '\'' && (p[k - 1] == 's' ||
			    p[k - 1] == 'S'))
				k -= 2;
			else if (k > 4 && memcmp(p + k - 4, "\xe2\x80\x99s", 4) == 0)
				k -= 4;
			snprintf(wbuf, sizeof wbuf, "%.*s", (int)(k < sizeof wbuf ?
			    k : sizeof wbuf - 1), p);
			ident_name_key(wbuf, key);
			if (strlen(key) >= 2 && !(islower((unsigned char)*p) &&
			    everyday_word(key))) {
				if (strs_has(&c->place.words, key))
					mark(it, at, k, "placement", 1);
				else if (strs_has(&c->own.words, key))
					;
				else if (strs_has(&c->third.words, key))
					mark(it, at, k, "name", 0);
				else if (isupper((unsigned char)*p) &&
				    nickname_cue(v, p))
					mark(it, at, k, "name", 0);
				else if (isupper((unsigned char)*p) &&
				    !common_word(key) && store_sar_name_known(
				    c->st, wbuf, c->own.people,
				    c->own.npeople))
					mark(it, at, k, "name", 0);
			}
			p = q > p ? q : p + 1;
			continue;
		}
		p++;
	}
}

/*
 * A field of names ("PC Hart", "Mr and Mrs Adeyemi"): every name word
 * that is not the subject's or the requester's is a third party's.
 */
static void
people(struct ctx *c, struct item *it, size_t base, const char *v,
    size_t vlen)
{
	const char *p = v, *end = v + vlen;

	while (p < end) {
		const char *q = p;
		char w[IDENT_KEY_MAX], key[IDENT_KEY_MAX];
		size_t k;

		while (q < end && (word_char((unsigned char)*q) || *q == '\'' ||
		    *q == '-'))
			q++;
		k = (size_t)(q - p);
		if (k > 0) {
			snprintf(w, sizeof w, "%.*s", (int)(k < sizeof w ? k :
			    sizeof w - 1), p);
			ident_name_key(w, key);
			if (strlen(key) >= 2 && !common_word(key) &&
			    !strs_has(&c->own.words, key))
				mark(it, base + (size_t)(p - v), k, "name", 0);
			p = q;
		} else
			p++;
	}
}

/* Sort marks by where they start (insertion: few per item). */
static void
marks_sort(struct item *it)
{
	size_t i, j;

	for (i = 1; i < it->nmarks; i++)
		for (j = i; j > 0 && it->marks[j - 1].start >
		    it->marks[j].start; j--) {
			struct sar_mark_in t = it->marks[j];

			it->marks[j] = it->marks[j - 1];
			it->marks[j - 1] = t;
		}
}

/* Care episodes and out-of-hours records: where the child was placed. */
static int
placement_cb(const struct record *r, void *arg)
{
	struct ctx *c = arg;
	const char *v;
	char dig[24];

	if ((v = store_record_value(r, "carer")) != NULL) {
		add_name_words(&c->place, v);
		strs_add(&c->place.text, v, "placement");
	}
	if ((v = store_record_value(r, "urn")) != NULL)
		strs_add(&c->place.text, v, "placement");
	digits_of(store_record_value(r, "carer_phone"), dig, sizeof dig);
	strs_add(&c->place.digits, dig, "placement");
	add_postcode(&c->place, store_record_value(r, "placement_postcode"));
	if (strcmp(r->def->name, "address") == 0) {
		const char *k = store_record_value(r, "kind");

		if (k && strcmp(k, "placement") == 0)
			address_cb(r, &c->place);
	}
	return 0;
}

static void
item_fini(struct item *it)
{
	free(it->section);
	free(it->heading);
	buf_fini(&it->body);
	free(it->spans);
	free(it->marks);
}

enum cd_status
sarbuild_items(struct store *st, const struct sar_state *s,
    const struct sar_words *w, struct sar_build *out, struct cd_err *err)
{
	static const char *const placed[] = { "care_episode", "ooh_record",
		"address" };
	const struct entity_def *all;
	struct ctx c;
	enum cd_status code;
	size_t n, i, k;
	struct relation *rel = NULL;
	size_t nrel = 0;

	memset(out, 0, sizeof *out);
	memset(&c, 0, sizeof c);
	c.st = st;
	c.s = s;
	c.w = w;
	/* Who may be seen: the subject, and the requester. */
	add_person_as(st, &c.own, s->subject, strcmp(s->relationship,
	    "SELF") == 0);
	if (s->requester)
		add_person(st, &c.own, s->requester);
	else
		add_name_words(&c.own, s->requester_name);
	/* The child's own placements are theirs; hidden from anyone else. */
	c.hide_placement = s->looked_after && strcmp(s->relationship,
	    "SELF") != 0;
	if (c.hide_placement)
		for (i = 0; i < sizeof placed / sizeof placed[0]; i++)
			store_record_list(st, placed[i], s->subject,
			    placement_cb, &c, NULL);
	/* Relatives are third parties (bar the requester). */
	code = store_person_relations(st, s->subject, &rel, &nrel, err);
	for (i = 0; code == CD_OK && i < nrel; i++)
		if (rel[i].related_id != s->requester)
			add_person(st, &c.third, rel[i].related_id);
	store_person_relations_free(&rel, nrel);
	if (code == CD_OK)
		code = person_items(&c, err);
	all = entity_all(&n);
	for (i = 0; code == CD_OK && i < n; i++) {
		if (!all[i].person_scoped || strcmp(all[i].name,
		    "sar_request") == 0)
			continue;
		c.section = all[i].title;
		code = store_record_list(st, all[i].name, s->subject, row_cb, &c,
		    err);
		if (code == CD_ERR_DENIED)
			code = CD_OK;
	}
	/* Second pass: every value, now that everyone named is known. */
	for (i = 0; code == CD_OK && i < c.n; i++) {
		struct item *it = &c.items[i];

		for (k = 0; k < it->nspans; k++) {
			const struct span *sp = &it->spans[k];
			const char *b = buf_str(&it->body);

			if (sp->len == 0)
				continue;
			if (sp->mode == SPAN_PLACEMENT)
				mark(it, sp->start, sp->len, "placement", 1);
			else if (sp->mode == SPAN_NAME)
				mark(it, sp->start, sp->len, "name", 0);
			else if (sp->mode == SPAN_ADDRESS)
				mark(it, sp->start, sp->len, "address", 0);
			else if (sp->mode == SPAN_SCAN)
				scan(&c, it, sp->start, b + sp->start, sp->len);
			else if (sp->mode == SPAN_PEOPLE)
				people(&c, it, sp->start, b + sp->start,
				    sp->len);
		}
		marks_sort(it);
	}
	if (code == CD_OK) {
		out->items = xcalloc(c.n ? c.n : 1, sizeof *out->items);
		out->n = c.n;
		for (i = 0; i < c.n; i++) {
			struct sar_item_in *o = &out->items[i];

			o->section = c.items[i].section;
			o->heading = c.items[i].heading;
			o->body = xstrdup(buf_str(&c.items[i].body));
			o->free_text = c.items[i].free_text;
			o->marks = c.items[i].marks;
			o->nmarks = c.items[i].nmarks;
			out->marks += (long)o->nmarks;
			c.items[i].section = c.items[i].heading = NULL;
			c.items[i].marks = NULL;
		}
	}
	for (i = 0; i < c.n; i++)
		item_fini(&c.items[i]);
	free(c.items);
	ids_fini(&c.own);
	ids_fini(&c.third);
	ids_fini(&c.place);
	return code;
}

void
sarbuild_fini(struct sar_build *b)
{
	size_t i;

	for (i = 0; i < b->n; i++) {
		free((char *)b->items[i].section);
		free((char *)b->items[i].heading);
		free((char *)b->items[i].body);
		free((struct sar_mark_in *)b->items[i].marks);
	}
	free(b->items);
	memset(b, 0, sizeof *b);
}
