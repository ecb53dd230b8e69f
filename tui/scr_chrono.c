/*
 * The chronology: every event of the record, newest first, with filters
 * by kind (t), significant events only (S) and a date from which (d).
 * Each line opens its source.
 */
#include "config.h"

#include "tui/screen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casework/rows.h"
#include "common/buf.h"
#include "common/ident.h"
#include "common/xmem.h"
#include "store/codes.h"
#include "store/entity.h"
#include "store/record.h"

struct chrono_state {
	size_t kind;		/* index into kinds; 0 for all */
	int significant;
	char since[11];		/* "" for all */
};

static const char *const kinds[] = { "", "contact", "referral",
    "assessment", "protection", "visit", "care", "sharing", "note", "form" };

/* One event, gathered before sorting. */
struct event {
	char date[17];
	const char *kind;
	char *text;
	int significant;
	int64_t form;
	const char *entity;
	int64_t id;
};

/* Where events come from: entity, date field, kind, label, two fields. */
static const struct source {
	const char *entity, *date, *kind;
	int significant;
	const char *label, *f1, *f2;
} sources[] = {
	{ "contact", "contact_date", "contact", 0, "Contact:", "reason", NULL },
	{ "referral", "referral_date", "referral", 1, "Referral, primary need",
	    "primary_need", NULL },
	{ "assessment", "start_date", "assessment", 0, "Assessment started",
	    NULL, NULL },
	{ "assessment", "completed_date", "assessment", 1, "Assessment "
	    "completed, factors", "factors", NULL },
	{ "strategy_discussion", "discussion_date", "protection", 1,
	    "Strategy discussion:", "summary", NULL },
	{ "s47_enquiry", "start_date", "protection", 1, "Section 47 enquiry "
	    "started", NULL, NULL },
	{ "cp_conference", "conference_date", "protection", 1, "Child "
	    "protection conference:", "kind", NULL },
	{ "cp_plan", "start_date", "protection", 1, "Child protection plan "
	    "started, category", "initial_category", NULL },
	{ "cp_plan", "end_date", "protection", 1, "Child protection plan "
	    "ended", NULL, NULL },
	{ "visit", "visit_date", "visit", 0, "Visit:", "kind", NULL },
	{ "care_episode", "start_date", "care", 1, "Looked-after episode:",
	    "legal_status", "placement_type" },
	{ "care_episode", "end_date", "care", 1, "Episode ended:",
	    "reason_ceased", NULL },
	{ "cla_review", "review_date", "care", 0, "Looked-after review", NULL,
	    NULL },
	{ "missing_episode", "start_date", "care", 1, "Went missing", NULL,
	    NULL },
	{ "disclosure", "disclosure_date", "sharing", 0, "Shared with",
	    "agency", "shared" },
	{ "consent", "consent_date", "sharing", 0, "Consent to", "purpose",
	    "given_by" },
	{ "consent", "withdrawn_date", "sharing", 0, "Consent withdrawn:",
	    "purpose", NULL },
	{ "chronology", "event_date", "note", 0, "Note:", "summary", NULL },
	{ "form_instance", "updated_at", "form", 0, "Form", "form_code",
	    "status" },
};

/* Field name of r (a row of entity) appended to b: codes in words. */
static void
field_words(const char *entity, const struct record *r, const char *name,
    struct buf *b)
{
	const struct entity_def *d = entity_find(entity);
	const struct field_def *f = d ? entity_field(d, name) : NULL;
	const char *v = rows_val(r, name);

	buf_addstr(b, " ");
	if (f != NULL && f->type == FT_CODE && *v != '\0')
		buf_addstr(b, codes_label(f->list, v));
	else if (f != NULL && f->type == FT_CODES)
		codes_words(f->list, v, b);
	else
		buf_addstr(b, v);
}

static int
newest_first(const void *a, const void *b)
{
	return strcmp(((const struct event *)b)->date,
	    ((const struct event *)a)->date);
}

/* The events of one source. */
static void
events_of(struct client *c, int64_t person, const struct source *src,
    struct event **ev, size_t *n)
{
	struct rows rows;
	struct buf b = { 0 };
	size_t i;

	rows_load(c->st, src->entity, person, &rows);
	for (i = 0; i < rows.n; i++) {
		const struct record *r = &rows.r[i];
		struct event *e;

		if (store_record_value(r, src->date) == NULL)
			continue;
		*ev = xreallocarray(*ev, *n + 1, sizeof **ev);
		e = &(*ev)[(*n)++];
		memset(e, 0, sizeof *e);
		snprintf(e->date, sizeof e->date, "%s", rows_val(r, src->date));
		e->kind = src->kind;
		e->significant = src->significant;
		buf_addstr(&b, src->label);
		if (src->f1 != NULL)
			field_words(src->entity, r, src->f1, &b);
		if (src->f2 != NULL)
			field_words(src->entity, r, src->f2, &b);
		e->text = xstrdup(buf_str(&b));
		buf_reset(&b);
		if (strcmp(src->entity, "chronology") == 0)
			e->significant = *rows_val(r, "significant") == '1';
		if (strcmp(src->entity, "form_instance") == 0)
			e->form = r->id;
		e->entity = e->form ? NULL : src->entity;
		e->id = r->id;
	}
	buf_fini(&b);
	rows_fini(&rows);
}

static void
chrono_build(struct client *c, struct screen *s)
{
	struct chrono_state *cs = s->state;
	struct event *ev = NULL;
	size_t n = 0, i, shown = 0;

	if (cs == NULL)
		s->state = cs = xcalloc(1, sizeof *cs);
	snprintf(s->title, sizeof s->title, "Chronology of #%lld%s%s%s%s%s",
	    (long long)s->person, cs->kind ? ": " : "", kinds[cs->kind],
	    cs->significant ? " (significant only)" : "", cs->since[0] ?
	    " since " : "", cs->since);
	for (i = 0; i < sizeof sources / sizeof sources[0]; i++)
		events_of(c, s->person, &sources[i], &ev, &n);
	if (n > 1)
		qsort(ev, n, sizeof *ev, newest_first);
	for (i = 0; i < n; i++) {
		struct line *l;

		if ((cs->kind && strcmp(ev[i].kind, kinds[cs->kind]) != 0) ||
		    (cs->significant && !ev[i].significant) ||
		    (cs->since[0] && strncmp(ev[i].date, cs->since, 10) < 0)) {
			free(ev[i].text);
			continue;
		}
		l = list_add(&s->list, ev[i].form ? LN_FORM : LN_RECORD, "%.10s "
		    "%c %-10s %s", ev[i].date, ev[i].significant ? '*' : ' ',
		    ev[i].kind, ev[i].text);
		l->id = ev[i].form ? ev[i].form : ev[i].id;
		if (!ev[i].form)
			l->code = xstrdup(ev[i].entity);
		free(ev[i].text);
		shown++;
	}
	if (shown == 0)
		list_add(&s->list, LN_TEXT, "Nothing recorded%s.", cs->kind ||
		    cs->significant || cs->since[0] ? " of that kind" : "");
	free(ev);
}

/* d: the date to show events from. */
static void
since_answer(struct client *c, const char *answer, void *arg)
{
	struct screen *s = arg;
	struct chrono_state *cs = s->state;
	struct cd_err err;
	char iso[11];

	if (answer[0] == '\0')
		cs->since[0] = '\0';
	else if (ident_date(answer, iso, &err) == CD_OK)
		memcpy(cs->since, iso, sizeof cs->since);
	else {
		client_fail(c, &err);
		return;
	}
	list_clear(&s->list);
	client_build(c, s);
}

static int
chrono_key(struct client *c, struct screen *s, int key, enum action a)
{
	struct chrono_state *cs = s->state;

	(void)key;
	switch (a) {
	case ACT_FILTER:
		cs->kind = (cs->kind + 1) % (sizeof kinds / sizeof kinds[0]);
		break;
	case ACT_SIGNIFICANT:
		cs->significant = !cs->significant;
		break;
	case ACT_SINCE:
		client_ask(c, "Show events since (DD/MM/YYYY, empty for all):",
		    cs->since, since_answer, s);
		return 1;
	default:
		return 0;
	}
	list_clear(&s->list);
	client_build(c, s);
	return 1;
}

static void
chrono_fini(struct screen *s)
{
	free(s->state);
}

static const enum action chrono_acts[] = { ACT_UP, ACT_DOWN, ACT_PAGE_UP,
    ACT_PAGE_DOWN, ACT_OPEN, ACT_VIEW, ACT_FILTER, ACT_SIGNIFICANT,
    ACT_SINCE, ACT_REFRESH, ACT_BACK, ACT_NONE };

const struct screen_ops scr_chrono = {
	.name = "chronology",
	.about = "Every event of the record, newest first; * marks the "
	    "significant ones. t cycles the kinds (contact, referral, "
	    "assessment, protection, visit, care, sharing, note, form).",
	.build = chrono_build,
	.key = chrono_key,
	.fini = chrono_fini,
	.acts = chrono_acts,
};
