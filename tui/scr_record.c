/*
 * One row of the record, every field, long values wrapped: Enter on a
 * field edits it (the analyst's fix from the checks, the night team's
 * instructions), v reads the row whole in the pager. Also the pager views
 * of a row and of a form, which other screens open with v.
 */
#include "config.h"

#include "tui/screen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "casework/calendar.h"
#include "common/xmem.h"
#include "forms/fill.h"
#include "tui/fieldedit.h"
#include "tui/term.h"
#include "store/codes.h"
#include "store/entity.h"
#include "store/record.h"

struct record_state {
	char entity[40];
	int64_t row;
	char field[40];		/* the field to start on, once */
	char editing[40];	/* the field being changed, "" for none */
	char *seen;		/* its value when the edit began */
	struct fieldedit fe;	/* the form editor's field editor */
};

/* A field's value in words: codes with their meaning, yes/no. */
static char *
value_words(const struct field_def *f, const char *v)
{
	if (v == NULL)
		return xstrdup("-");
	if (f->type == FT_CODE)
		return xasprintf("%s (%s)", v, codes_label(f->list, v));
	if (f->type == FT_BOOL)
		return xstrdup(*v == '1' ? "yes" : "no");
	return xstrdup(v);
}

/* "Contact #5  Boateng, Mei (#9)"; a household's row names no person. */
static void
record_title(struct client *c, const struct record *r, char *out,
    size_t len)
{
	struct record p;

	int self = strcmp(r->def->name, "person") == 0;

	if (r->person_id == 0)
		snprintf(out, len, "%s #%lld", r->def->title, (long long)r->id);
	else if (store_record_get(c->st, "person", r->person_id, &p, NULL) ==
	    CD_OK) {
		const char *g = store_record_value(&p, "given_names");
		char id[32] = "";

		if (!self)
			snprintf(id, sizeof id, " (#%lld)", (long long)
			    r->person_id);
		snprintf(out, len, "%s #%lld  %s%s%s%s", r->def->title,
		    (long long)r->id, store_record_value(&p, "family_name") ?
		    store_record_value(&p, "family_name") : "", g ? ", " : "",
		    g ? g : "", id);
		store_record_fini(&p);
	} else
		snprintf(out, len, "%s #%lld of person #%lld", r->def->title,
		    (long long)r->id, (long long)r->person_id);
}

static void
record_build(struct client *c, struct screen *s)
{
	struct record_state *rs = s->state;
	struct record r;
	struct cd_err err;
	size_t i;

	if (store_record_get(c->st, rs->entity, rs->row, &r, &err) != CD_OK) {
		snprintf(s->title, sizeof s->title, "%s #%lld", rs->entity,
		    (long long)rs->row);
		list_add(&s->list, LN_TEXT, "%s", err.msg);
		return;
	}
	record_title(c, &r, s->title, sizeof s->title);
	s->person = r.person_id;
	for (i = 0; i < r.def->nfields; i++) {
		const struct field_def *f = &r.def->fields[i];
		char *v;
		struct line *l;

		if (f->flags & FF_STORE_ONLY)
			continue;
		v = value_words(f, r.values[i]);
		l = list_add(&s->list, LN_FIELD, "%-30s %s", f->label, v);
		free(v);
		l->wrap = 1;
		l->field = xstrdup(f->name);
		l->id = r.id;
	}
	list_add(&s->list, LN_TEXT, "%-30s %s", "Recorded", r.created_at ?
	    r.created_at : "");
	store_record_fini(&r);
}

/* Put the highlight on the field asked for, the first time. */
static void
record_start_at(struct screen *s)
{
	struct record_state *rs = s->state;
	size_t i;

	for (i = 0; rs->field[0] && i < s->list.n; i++)
		if (s->list.l[i].field && strcmp(s->list.l[i].field,
		    rs->field) == 0)
			s->list.cur = i;
	rs->field[0] = '\0';
}

void
client_open_record(struct client *c, const char *entity, int64_t row,
    const char *field)
{
	struct screen *s;
	struct record_state *rs;

	if (entity == NULL || entity_find(entity) == NULL) {
		client_say(c, "This line has no record of its own to open.");
		return;
	}
	/* A household opens at its stage, not as a bare row, unless the
	 * household screen itself asks for the row. */
	if (strcmp(entity, "adopter_household") == 0 && (c->depth == 0 ||
	    client_top(c)->ops != &scr_household)) {
		client_push(c, &scr_household, row);
		return;
	}
	s = client_push_unbuilt(c, &scr_record, 0);
	if (s == NULL)
		return;
	s->state = rs = xcalloc(1, sizeof *rs);
	snprintf(rs->entity, sizeof rs->entity, "%s", entity);
	snprintf(rs->field, sizeof rs->field, "%s", field ? field : "");
	rs->row = row;
	client_build(c, s);
	record_start_at(s);
}

static void edit_field(struct client *, struct screen *, const struct line *);

void
client_edit_record(struct client *c, const char *entity, int64_t row,
    const char *field)
{
	struct screen *s;
	struct line *l;

	client_open_record(c, entity, row, field);
	s = client_top(c);
	if (s->ops != &scr_record || (l = list_current(&s->list)) == NULL ||
	    l->kind != LN_FIELD || l->field == NULL || strcmp(l->field,
	    field) != 0)
		return;
	edit_field(c, s, l);
}

/*
 * A decision's date goes with it: today, when the row has none yet (the
 * contact's decision date, "today unless changed").
 */
static const char *
dated_with(const struct record_state *rs, const char *field)
{
	static const struct {
		const char *entity, *field, *date;
	} pairs[] = { { "contact", "decision", "decision_date" } };
	size_t i;

	for (i = 0; i < sizeof pairs / sizeof pairs[0]; i++)
		if (strcmp(rs->entity, pairs[i].entity) == 0 &&
		    strcmp(field, pairs[i].field) == 0)
			return pairs[i].date;
	return NULL;
}

/* The edited value, saved over the one seen (a conflict is said). */
static void
save_edit(struct client *c, struct screen *s)
{
	struct record_state *rs = s->state;
	struct conflicts cf;
	struct cd_err err;
	enum cd_status code;
	char *value = NULL;

	if (fieldedit_value(&rs->fe, &value, &err) != CD_OK) {
		client_error(c, "%s", err.msg);	/* the text is kept */
		return;
	}
	{
		struct field_change chs[2];
		const char *date = dated_with(rs, rs->editing);
		char today[11];
		struct record r;
		size_t n = 0;

		chs[n++] = (struct field_change){ rs->editing, rs->seen, value ?
		    value : "" };
		if (date != NULL && value != NULL && store_record_get(c->st,
		    rs->entity, rs->row, &r, NULL) == CD_OK) {
			if (store_record_value(&r, date) == NULL) {
				calendar_date(client_today(), today);
				chs[n++] = (struct field_change){ date, NULL,
				    today };
			}
			store_record_fini(&r);
		}
		code = store_record_update(c->st, rs->entity, rs->row, chs, n,
		    &cf, &err);
	}
	free(value);
	if (code == CD_ERR_CONFLICT) {
		client_error(c, "Someone else changed this field meanwhile (now "
		    "\"%s\"): look again and retry.", cf.n && cf.c[0].theirs ?
		    cf.c[0].theirs : "");
		store_conflicts_fini(&cf);
	} else if (code != CD_OK) {
		client_fail(c, &err);
		return;		/* still editing: fix it or Esc */
	} else {
		char first[200];

		store_conflicts_fini(&cf);
		client_changed(c);
		/* Name where Esc goes: the screen the user came from. */
		snprintf(first, sizeof first, "Saved. Esc goes back to the %s.",
		    c->depth > 1 ? c->stack[c->depth - 2].ops->name :
		    "home screen");
		client_say_started(c, first);
	}
	rs->editing[0] = '\0';
	fieldedit_fini(&rs->fe);
	client_build(c, s);
}

/* Enter on a field: edit it on the message line with the field editor. */
static void
edit_field(struct client *c, struct screen *s, const struct line *l)
{
	struct record_state *rs = s->state;
	const struct entity_def *e = entity_find(rs->entity);
	const struct field_def *f = e ? entity_field(e, l->field) : NULL;
	struct record r;
	struct cd_err err;
	const char *v;

	if (f == NULL || store_record_get(c->st, rs->entity, rs->row, &r,
	    &err) != CD_OK) {
		client_error(c, "This row cannot be read now: r reads it again.");
		return;
	}
	v = store_record_value(&r, f->name);
	free(rs->seen);
	rs->seen = v ? xstrdup(v) : NULL;
	snprintf(rs->editing, sizeof rs->editing, "%s", f->name);
	fieldedit_column(&rs->fe, f, v);
	client_say(c, "%s", fieldedit_hint(&rs->fe));
	store_record_fini(&r);
}

/* Keys while a field is edited: the field's, Enter saves, Esc stops. */
static int
editing_key(struct client *c, struct screen *s, int key)
{
	struct record_state *rs = s->state;
	int k = keymap_canonical(key);

	if (fieldedit_claims(&rs->fe, key)) {
		fieldedit_key(&rs->fe, key);
		/* Enter picks from the list, and here also saves: one field,
		 * nothing to move on to. */
		if (k == KEYMAP_ENTER)
			save_edit(c, s);
		return 1;
	}
	if (k == KEYMAP_ENTER) {
		save_edit(c, s);
		return 1;
	}
	if (k == KEYMAP_ESC || key == 7) {
		rs->editing[0] = '\0';
		fieldedit_fini(&rs->fe);
		client_say(c, "Not changed.");
		return 1;
	}
	fieldedit_key(&rs->fe, key);
	if (rs->fe.msg[0])
		client_error(c, "%s", rs->fe.msg);
	return 1;
}

/* The field being edited, over the message line, its list above. */
static void
record_draw(struct client *c, struct screen *s)
{
	struct record_state *rs = s->state;
	const struct field_def *f = rs->fe.col;
	int w, lines, mrows, y;

	if (rs->editing[0] == '\0' || f == NULL) {
		term_cursor(-1, 0);
		return;
	}
	/* The hint or what is wrong with the value, above the value. */
	mrows = c->msg[0] ? 2 : 0;
	lines = fieldedit_list_lines(&rs->fe);
	if (lines > LINES - 6 - mrows)
		lines = LINES - 6 - mrows;
	if (lines > 0)
		fieldedit_draw_list(&rs->fe, LINES - 3 - mrows - lines, 2,
		    COLS - 4, lines);
	for (y = LINES - 2 - mrows; y < LINES - 2; y++) {
		move(y, 0);
		clrtoeol();
	}
	if (mrows)
		client_draw_message(c, LINES - 2 - mrows, mrows);
	w = text_cells(f->label) + 2;
	if (w > COLS / 2)
		w = COLS / 2;
	move(LINES - 2, 0);
	clrtoeol();
	term_text(LINES - 2, 1, w - 1, f->label);
	term_text(LINES - 2, w - 1, 1, ":");
	fieldedit_draw(&rs->fe, LINES - 2, w + 1, COLS - w - 2);
}

static int
record_key(struct client *c, struct screen *s, int key, enum action a)
{
	struct record_state *rs = s->state;
	struct line *l = list_current(&s->list);

	if (rs->editing[0])
		return editing_key(c, s, key);
	if (a == ACT_OPEN && l != NULL && l->kind == LN_FIELD) {
		edit_field(c, s, l);
		return 1;
	}
	if (a == ACT_VIEW) {
		struct cd_err err;
		struct pager *p = record_pager(c, rs->entity, rs->row, &err);

		if (p == NULL)
			client_fail(c, &err);
		else
			client_page(c, p);
		return 1;
	}
	return 0;
}

static void
record_fini(struct screen *s)
{
	struct record_state *rs = s->state;

	if (rs != NULL) {
		free(rs->seen);
		if (rs->editing[0])
			fieldedit_fini(&rs->fe);
	}
	free(rs);
}

struct pager *
record_pager(struct client *c, const char *entity, int64_t row,
    struct cd_err *err)
{
	struct record r;
	struct pager *p;
	char title[200];
	size_t i;

	if (entity == NULL || store_record_get(c->st, entity, row, &r, err) !=
	    CD_OK) {
		if (entity == NULL)
			cd_err_set(err, CD_ERR_NOTFOUND, "this line has no "
			    "record to read");
		return NULL;
	}
	p = xmalloc(sizeof *p);
	record_title(c, &r, title, sizeof title);
	pager_init(p, title);
	for (i = 0; i < r.def->nfields; i++) {
		const struct field_def *f = &r.def->fields[i];
		char *v;

		if (f->flags & FF_STORE_ONLY)
			continue;
		v = value_words(f, r.values[i]);
		if (f->type == FT_NOTE && r.values[i] != NULL) {
			/* Narrative reads as paragraphs under its label. */
			pager_add(p, THEME_HEADING, "%s", f->label);
			pager_add_text(p, THEME_NONE, 2, v);
		} else
			pager_add_field(p, 30, f->label, v);
		free(v);
	}
	pager_add_field(p, 30, "Recorded", r.created_at);
	store_record_fini(&r);
	return p;
}

/* One answer in words: codes with their meanings, yes/no. */
static char *
answer_words(struct client *c, const struct formfield *ff, const char *v)
{
	const struct codelist *cl;
	const struct code_item *it;

	if (v == NULL || *v == '\0')
		return xstrdup("-");
	if (ff->type == FF_TYPE_YESNO)
		return xstrdup(*v == '1' ? "yes" : *v == '0' ? "no" : v);
	if (ff->type == FF_TYPE_CODE && ff->codes != NULL &&
	    (cl = formdef_list(c->forms, ff->codes)) != NULL &&
	    (it = formdef_code(cl, v)) != NULL)
		return xasprintf("%s (%s)", it->code, it->label);
	return xstrdup(v);
}

struct pager *
form_pager(struct client *c, int64_t instance, struct cd_err *err)
{
	struct fill f;
	struct pager *p;
	char title[200];
	size_t i;

	if (fill_open(&f, c->st, c->forms, instance, err) != CD_OK)
		return NULL;
	p = xmalloc(sizeof *p);
	snprintf(title, sizeof title, "%s #%lld (%s)", f.def->title,
	    (long long)instance, f.status);
	pager_init(p, title);
	if (f.comments && *f.comments)
		pager_add(p, THEME_ALERT, "Returned with comments: %s",
		    f.comments);
	for (i = 0; i < f.def->nfields; i++) {
		const struct formfield *ff = &f.def->fields[i];
		int r, rows;
		char *v;

		if (ff->group != NULL)
			continue;
		if (ff->type == FF_TYPE_GROUP) {
			size_t j;

			rows = fill_rows(&f, ff->name);
			pager_add(p, THEME_HEADING, "%s (%d)", ff->label, rows);
			for (r = 1; r <= rows; r++)
				for (j = 0; j < f.def->nfields; j++) {
					const struct formfield *g = &f.def->fields[j];

					if (g->group == NULL || strcmp(g->group,
					    ff->name) != 0)
						continue;
					v = answer_words(c, g, fill_get(&f, g->name,
					    r));
					pager_add_field(p, 30, g->label, v);
					free(v);
				}
			continue;
		}
		if (!fill_visible(&f, ff, 0))
			continue;
		v = answer_words(c, ff, fill_get(&f, ff->name, 0));
		if (ff->type == FF_TYPE_MULTILINE && strcmp(v, "-") != 0) {
			pager_add(p, THEME_HEADING, "%s", ff->label);
			pager_add_text(p, THEME_NONE, 2, v);
		} else
			pager_add_field(p, 30, ff->label, v);
		free(v);
	}
	fill_close(&f);
	return p;
}

static const enum action record_acts[] = { ACT_UP, ACT_DOWN, ACT_OPEN,
    ACT_VIEW, ACT_REFRESH, ACT_BACK, ACT_NONE };

const struct screen_ops scr_record = {
	.name = "record",
	.about = "One row of the record with every field. Enter on a field "
	    "changes it (saved at once, on the audit trail; a change someone "
	    "else made meanwhile is shown, never overwritten).",
	.build = record_build,
	.key = record_key,
	.draw = record_draw,
	.fini = record_fini,
	.acts = record_acts,
	.hint = "Enter edits the field  v reads whole  Esc back  ? help",
};
