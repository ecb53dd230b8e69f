#include "config.h"

#include "tui/formedit.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/xmem.h"
#include "casework/nextstep.h"
#include "store/form.h"
#include "store/workflow.h"
#include "tui/list.h"
#include "tui/term.h"
#include "tui/theme.h"

#define LABEL_COL 2
#define MSG_ROWS 3		/* a long message may take this many lines */

/* The first line of the field area and how many lines it has. */
static int
area_top(void)
{
	return 3;
}

static int
area_rows(void)
{
	return LINES - 7;
}

/* Labels get a third of what a wider terminal adds. */
static int
label_width(void)
{
	int w = 34 + (COLS - 80) / 3;

	return w > 60 ? 60 : w < 34 ? 34 : w;
}

static int
value_col(void)
{
	return LABEL_COL + label_width() + 2;
}

static int
value_width(void)
{
	return COLS - value_col() - 1;
}

/* Draw text in width cells; when it does not fit, its last cell is a
 * '>' saying there is more (read it whole with Enter or F1). */
static void
draw_cut(int y, int x, int width, const char *text)
{
	if (text_cells(text) <= width) {
		term_text(y, x, width, text);
		return;
	}
	term_text(y, x, width - 1, text);
	mvaddch(y, x + width - 1, '>');
}

/* Rebuild the lines (visibility and group rows change as answers do). */
static void
build_lines(struct formedit *e)
{
	const struct formdef *d = e->fill->def;
	size_t i, j;

	e->nlines = 0;
	for (i = 0; i < d->nfields; i++) {
		const struct formfield *ff = &d->fields[i];
		int r, rows;

		if (ff->group != NULL || !fill_visible(e->fill, ff, 0))
			continue;
		e->lines = xreallocarray(e->lines, e->nlines + 1,
		    sizeof *e->lines);
		e->lines[e->nlines++] = (struct fe_line){ ff, 0,
		    ff->type == FF_TYPE_GROUP };
		if (ff->type != FF_TYPE_GROUP)
			continue;
		rows = fill_rows(e->fill, ff->name);
		for (r = 1; r <= rows; r++)
			for (j = 0; j < d->nfields; j++) {
				const struct formfield *g = &d->fields[j];

				if (g->group == NULL || strcmp(g->group,
				    ff->name) != 0 || !fill_visible(e->fill, g,
				    r))
					continue;
				e->lines = xreallocarray(e->lines, e->nlines + 1,
				    sizeof *e->lines);
				e->lines[e->nlines++] = (struct fe_line){ g, r,
				    0 };
			}
	}
	if (e->cur >= e->nlines)
		e->cur = e->nlines ? e->nlines - 1 : 0;
}

/* The answer shown for a line, as typed (yes/no in words). */
static const char *
shown(const struct formedit *e, const struct fe_line *l)
{
	const char *v = fill_get(e->fill, l->ff->name, l->row);

	if (v == NULL)
		return "";
	if (l->ff->type == FF_TYPE_YESNO)
		return *v == '1' ? "yes" : *v == '0' ? "no" : v;
	return v;
}

/* The kept (not yet valid) answer of a line, or NULL. */
static struct fe_kept *
kept_for(const struct formedit *e, const struct fe_line *l)
{
	size_t i;

	for (i = 0; i < e->nkept; i++)
		if (e->kept[i].row == l->row && strcmp(e->kept[i].field,
		    l->ff->name) == 0)
			return &e->kept[i];
	return NULL;
}

static void
kept_fini(struct fe_kept *k)
{
	free(k->field);
	free(k->text);
	free(k->msg);
}

/* Forget the kept answer of a field and row (fixed, cleared, removed). */
static void
unkeep(struct formedit *e, const char *field, int row)
{
	size_t i, j = 0;

	for (i = 0; i < e->nkept; i++) {
		if (e->kept[i].row == row && strcmp(e->kept[i].field, field) ==
		    0)
			kept_fini(&e->kept[i]);
		else
			e->kept[j++] = e->kept[i];
	}
	e->nkept = j;
}

/* Keep what was typed in a line that did not check, with why. */
static void
keep(struct formedit *e, const struct fe_line *l, const char *text,
    const char *msg)
{
	struct fe_kept *k;

	unkeep(e, l->ff->name, l->row);
	e->kept = xreallocarray(e->kept, e->nkept + 1, sizeof *e->kept);
	k = &e->kept[e->nkept++];
	k->field = xstrdup(l->ff->name);
	k->row = l->row;
	k->text = xstrdup(text);
	k->msg = xstrdup(msg);
}

/* Load the current line's answer (or its kept text) into the editors. */
static void
load(struct formedit *e)
{
	const struct fe_line *l;
	const struct fe_kept *k;

	fieldedit_fini(&e->fe);
	memset(&e->fe, 0, sizeof e->fe);
	lineedit_init(&e->fe.line, 0);
	buf_reset(&e->note);
	e->note_dirty = 0;
	if (e->nlines == 0 || e->lines[e->cur].heading)
		return;
	l = &e->lines[e->cur];
	k = kept_for(e, l);
	if (l->ff->type == FF_TYPE_MULTILINE) {
		buf_addstr(&e->note, k ? k->text : shown(e, l));
		e->note_dirty = k != NULL;
		return;
	}
	fieldedit_form(&e->fe, e->fill, l->ff, shown(e, l));
	if (k != NULL)
		fieldedit_keep(&e->fe, k->text, k->msg);
}

void
formedit_init(struct formedit *e, struct fill *f, const struct keymap *km,
    const char *who, int demo)
{
	memset(e, 0, sizeof *e);
	e->fill = f;
	e->km = km;
	e->who = who;
	e->demo = demo;
	lineedit_init(&e->comments, 511);
	build_lines(e);
	load(e);
	if (!fill_editable(f))
		snprintf(e->msg, sizeof e->msg, "This form is %s: it can be "
		    "read (Enter reads a whole answer) but no longer changed.",
		    f->status);
}

/* "Saved Decision: REF (accept as a referral ...)." */
static void
say_saved(struct formedit *e, const struct formfield *ff, const char *value)
{
	const struct code_item *c = NULL;

	if (ff->type == FF_TYPE_CODE && value != NULL)
		c = formdef_code(formdef_list(e->fill->set, ff->codes), value);
	if (c != NULL)
		snprintf(e->msg, sizeof e->msg, "Saved %s: %s (%s).", ff->label,
		    c->code, c->label);
	else if (ff->type == FF_TYPE_CODES && value != NULL)
		snprintf(e->msg, sizeof e->msg, "Saved %s: %s.", ff->label,
		    value);
	else
		snprintf(e->msg, sizeof e->msg, "Saved %s.", ff->label);
}

/*
 * Save the current line. An answer that does not check (or that the store
 * refuses) is kept as typed and marked, with the reason on the message
 * line, and the cursor stays free to move on: 0 saved, -1 kept.
 */
static int
commit(struct formedit *e)
{
	const struct fe_line *l;
	struct cd_err err;
	char *value = NULL, *text;
	const char *name;
	enum cd_status code;
	int row;

	if (e->nlines == 0 || e->lines[e->cur].heading)
		return 0;
	l = &e->lines[e->cur];
	if (l->ff->type == FF_TYPE_MULTILINE) {
		if (!e->note_dirty)
			return 0;
		text = xstrdup(buf_str(&e->note));
		code = fill_set(e->fill, l->ff->name, l->row, text, &err);
	} else {
		if (!e->fe.dirty)
			return 0;
		text = xstrdup(fieldedit_text(&e->fe));
		code = fieldedit_value(&e->fe, &value, &err);
		if (code == CD_OK)
			code = fill_set(e->fill, l->ff->name, l->row, value,
			    &err);
	}
	if (code != CD_OK) {
		keep(e, l, text, err.msg);
		snprintf(e->fe.msg, sizeof e->fe.msg, "%s", err.msg);
		snprintf(e->msg, sizeof e->msg, "%s (kept as typed: fix it "
		    "before submitting)", err.msg);
		e->msg_error = 1;
		free(text);
		free(value);
		return -1;
	}
	free(text);
	name = l->ff->name;
	row = l->row;
	unkeep(e, name, row);
	e->msg_error = 0;
	say_saved(e, l->ff, value ? value : fill_get(e->fill, name, row));
	free(value);
	/* Keep the cursor on the same field after the lines are rebuilt. */
	build_lines(e);
	for (e->cur = 0; e->cur < e->nlines; e->cur++)
		if (!e->lines[e->cur].heading && e->lines[e->cur].row == row &&
		    strcmp(e->lines[e->cur].ff->name, name) == 0)
			break;
	if (e->cur >= e->nlines)
		e->cur = 0;
	load(e);
	return 0;
}

void
formedit_flush(struct formedit *e)
{
	if (fill_editable(e->fill))
		commit(e);
}

/* Move the cursor by delta lines, saving (or keeping) the line left. */
static void
go(struct formedit *e, long delta)
{
	long to;

	commit(e);
	if (e->nlines == 0)
		return;
	to = (long)e->cur + delta;
	if (to < 0)
		to = 0;
	if (to >= (long)e->nlines)
		to = (long)e->nlines - 1;
	e->cur = (size_t)to;
	load(e);
}

/* The first line of a group's newest row, after adding it. */
static void
add_row(struct formedit *e)
{
	const struct fe_line *l = &e->lines[e->cur];
	const char *group = l->heading ? l->ff->name : l->ff->group;
	int row;
	size_t i;

	if (group == NULL) {
		snprintf(e->msg, sizeof e->msg, "Rows are added to groups such "
		    "as \"People in the household\".");
		return;
	}
	commit(e);
	row = fill_add_row(e->fill, group);
	build_lines(e);
	for (i = 0; i < e->nlines; i++)
		if (e->lines[i].row == row && !e->lines[i].heading)
			break;
	e->cur = i < e->nlines ? i : e->cur;
	load(e);
	snprintf(e->msg, sizeof e->msg, "Added row %d.", row);
}

static void
remove_row(struct formedit *e)
{
	const struct fe_line *l = &e->lines[e->cur];
	const struct formdef *d = e->fill->def;
	struct cd_err err;
	int row = l->row;
	size_t i;

	if (l->heading || l->ff->group == NULL) {
		snprintf(e->msg, sizeof e->msg, "Put the cursor on the row to "
		    "remove.");
		return;
	}
	if (fill_remove_row(e->fill, l->ff->group, row, &err) != CD_OK) {
		snprintf(e->msg, sizeof e->msg, "%s", err.msg);
		e->msg_error = 1;
		return;
	}
	for (i = 0; i < d->nfields; i++)
		if (d->fields[i].group && strcmp(d->fields[i].group,
		    l->ff->group) == 0)
			unkeep(e, d->fields[i].name, row);
	build_lines(e);
	load(e);
	snprintf(e->msg, sizeof e->msg, "Removed row %d.", row);
}

/* Add what the submit started to the message: a referral, a clock, a
 * handover, a looked-after episode, each in words. */
static void
started(struct formedit *e)
{
	const struct workflow_step *w;
	size_t n = store_workflow_started(e->fill->st, &w);

	if (e->late != NULL && e->late->loaded)
		nextstep_sentences(w, n, &e->late->rules, &e->late->cal,
		    e->msg, sizeof e->msg);
}

/* The kept answers as "Decision (nothing matches ...); ...", new. */
static char *
kept_list(const struct formedit *e)
{
	struct buf b = { 0 };
	size_t i;
	char *s;

	for (i = 0; i < e->nkept; i++)
		buf_addf(&b, "%s%s", i ? "; " : "", e->kept[i].msg);
	s = xstrdup(buf_str(&b));
	buf_fini(&b);
	return s;
}

static void
submit(struct formedit *e)
{
	struct cd_err err;
	char *missing, *bad;

	commit(e);
	missing = fill_missing(e->fill);
	if (e->nkept > 0 || missing != NULL) {
		bad = kept_list(e);
		snprintf(e->msg, sizeof e->msg, "%s%s%s%s%s", e->nkept ?
		    "Not valid: " : "", bad, e->nkept && missing ? ". " : "",
		    missing ? "Still to fill in: " : "",
		    missing ? missing : "");
		e->msg_error = 1;
		free(missing);
		free(bad);
		return;
	}
	if (fill_submit(e->fill, &err) != CD_OK) {
		snprintf(e->msg, sizeof e->msg, "%s", err.msg);
		e->msg_error = 1;
		return;
	}
	e->msg_error = 0;
	/* What happens to it next, then what it started. */
	snprintf(e->msg, sizeof e->msg, "%s", strcmp(e->fill->status,
	    "submitted") == 0 ? "Submitted: it waits for a manager's "
	    "authorisation." : "Submitted.");
	started(e);
	load(e);
}

/* The text width of the narrative editor. */
static int
view_width(void)
{
	return COLS - 4;
}

/* Open the pager on the form's title line: the reader or the help. */
static struct pager *
open_pager(struct formedit *e, enum fe_overlay what, const char *title)
{
	e->under = e->overlay;
	e->overlay = what;
	pager_init(&e->pager, title);
	return &e->pager;
}

/* One row per action bound in ctx (only that one unless ACT_NONE). */
static void
add_keys(const struct formedit *e, struct pager *p, enum context ctx,
    int only)
{
	char keys[64];
	int a;

	for (a = 0; a < ACT_COUNT; a++) {
		if (only != ACT_NONE && a != only)
			continue;
		keymap_keys_for(e->km, ctx, (enum action)a, keys, sizeof keys);
		if (keys[0] != '\0')
			pager_add_key(p, keys,
			    keymap_action_help((enum action)a));
	}
}

/* F1 / C-g: the message, the field's help, its codes with their
 * meanings and the editor's keys from the keymap, in the pager. */
static void
open_help(struct formedit *e)
{
	const struct fe_line *l = e->nlines ? &e->lines[e->cur] : NULL;
	const struct formfield *ff = l ? l->ff : NULL;
	char title[200];
	struct pager *p;
	size_t i;

	snprintf(title, sizeof title, "Help: %s", ff ? ff->label :
	    e->fill->def->title);
	p = open_pager(e, FE_HELP, title);
	if (e->fe.msg[0] != '\0')
		pager_add_text(p, THEME_ERROR, 0, e->fe.msg);
	if (e->msg[0] != '\0' && strcmp(e->msg, e->fe.msg) != 0)
		pager_add_text(p, e->msg_error ? THEME_ERROR : THEME_NONE, 0,
		    e->msg);
	if (strcmp(e->fill->status, "returned") == 0 && e->fill->comments)
		pager_add(p, THEME_NONE, "Returned with comments: %s",
		    e->fill->comments);
	if (ff != NULL) {
		const struct codelist *list = ff->codes ?
		    formdef_list(e->fill->set, ff->codes) : NULL;
		const char *hint = l->heading ? NULL :
		    fieldedit_hint(&e->fe);

		pager_add(p, THEME_HEADING, "%s%s (%s)", ff->label,
		    ff->required ? ", needed to submit" : "",
		    formdef_type_name(ff->type));
		if (ff->help)
			pager_add_text(p, THEME_NONE, 0, ff->help);
		if (hint)
			pager_add_text(p, THEME_NONE, 0, hint);
		if (ff->type == FF_TYPE_MULTILINE)
			pager_add(p, THEME_NONE, "Enter or typing opens the "
			    "narrative editor: Enter starts a new paragraph; the "
			    "arrows, PgUp/PgDn and Home/End (C-a/C-e) move the "
			    "cursor through the text; Backspace, Delete, C-u, C-k "
			    "and C-w delete as in a field (C-u and C-k to the "
			    "start or end of the paragraph); Tab, Esc or C-s when "
			    "done.");
		if (list != NULL) {
			pager_add(p, THEME_NONE, "%s", "");
			pager_add(p, THEME_HEADING, "Codes (%s)", list->title ?
			    list->title : list->name);
			for (i = 0; i < list->n; i++)
				pager_add_field(p, 10, list->items[i].code,
				    list->items[i].label);
		}
	}
	pager_add(p, THEME_NONE, "%s", "");
	pager_add(p, THEME_HEADING, "Keys in the form editor");
	add_keys(e, p, CTX_FORM, ACT_NONE);
	add_keys(e, p, CTX_GLOBAL, ACT_REDRAW);
	add_keys(e, p, CTX_GLOBAL, ACT_LOCK);
	pager_add(p, THEME_NONE, "%s", "");
	pager_add(p, THEME_NONE, "Editing a field: Left/Right and Home/End "
	    "(C-a/C-e) move; Backspace and Delete remove a character, C-u all "
	    "before the cursor, C-k all after it, C-w the word before it. The "
	    "first key typed replaces the answer. In a code field Down (or "
	    "C-space) on an empty field lists every code; Up/Down choose, "
	    "Enter picks, Esc closes the list.");
}

/* Enter on a read-only line: the whole answer, wrapped, in the pager. */
static void
open_reader(struct formedit *e)
{
	const struct fe_line *l = &e->lines[e->cur];
	const char *v = shown(e, l);
	const struct code_item *c = NULL;
	char title[200];
	struct pager *p;

	snprintf(title, sizeof title, "Reading: %s", l->ff->label);
	p = open_pager(e, FE_READ, title);
	if (l->ff->type == FF_TYPE_CODE)
		c = formdef_code(formdef_list(e->fill->set, l->ff->codes), v);
	if (c != NULL)
		pager_add_field(p, 8, c->code, c->label);
	else
		pager_add_text(p, THEME_NONE, 0, *v ? v : "(no answer)");
}

static void open_writer(struct formedit *, int);

/* Keys in the pager: its own, F1 / C-g closes the help too. */
static int
pager_keys(struct formedit *e, int key, enum action a)
{
	int back;

	if (!(e->overlay == FE_HELP && a == ACT_HELP)) {
		pager_key(&e->pager, e->km, key);
		if (!e->pager.done)
			return 1;
	}
	back = e->under == FE_WRITE;
	e->overlay = e->under = FE_NONE;
	pager_fini(&e->pager);
	if (back)
		open_writer(e, 1);	/* the help was opened while writing */
	return 1;
}

/* Keys in the narrative editor: the text editor's own (tui/textedit.h),
 * Tab / S-Tab / Esc / C-s close it. */
static int
write_key(struct formedit *e, int key, enum action a)
{
	int k = keymap_canonical(key);

	/* Arrows and pages move inside the text, not between fields. */
	if (k != KEYMAP_FN(KEY_UP) && k != KEYMAP_FN(KEY_DOWN) &&
	    (a == ACT_LEAVE || a == ACT_NEXT || a == ACT_PREV ||
	    a == ACT_SAVE)) {
		e->overlay = FE_NONE;
		textedit_fini(&e->writer);
		if (a == ACT_NEXT || a == ACT_PREV)
			go(e, a == ACT_NEXT ? 1 : -1);
		else
			commit(e);
		return 1;
	}
	if (textedit_key(&e->writer, key, view_width(), area_rows()) ==
	    LINEEDIT_CHANGED)
		e->note_dirty = 1;
	return 1;
}

/* Open the narrative editor on the current line, the cursor at the end
 * (or, back from its help, where it was). */
static void
open_writer(struct formedit *e, int again)
{
	size_t pos = again ? e->writer.pos : e->note.len;

	snprintf(e->title, sizeof e->title, "Writing: %s  (Enter: new line; "
	    "Tab, Esc or C-s when done)", e->lines[e->cur].ff->label);
	textedit_fini(&e->writer);
	textedit_init(&e->writer, &e->note);
	e->writer.pos = pos <= e->note.len ? pos : e->note.len;
	e->overlay = FE_WRITE;
}

/* The comments a manager returns a form with, on the message line. */
static int
return_key(struct formedit *e, int key)
{
	struct cd_err err;
	int k = keymap_canonical(key);

	if (k == KEYMAP_ESC) {
		e->returning = 0;
		snprintf(e->msg, sizeof e->msg, "Not returned.");
		return 1;
	}
	if (k != KEYMAP_ENTER) {
		lineedit_key(&e->comments, key);
		return 1;
	}
	e->returning = 0;
	if (store_form_return(e->fill->st, e->fill->instance,
	    lineedit_text(&e->comments), &err) != CD_OK) {
		snprintf(e->msg, sizeof e->msg, "%s", err.msg);
		e->msg_error = 1;
		return 1;
	}
	free(e->fill->status);
	e->fill->status = xstrdup("returned");
	snprintf(e->msg, sizeof e->msg, "Returned to its author with your "
	    "comments.");
	return 1;
}

/* Ask whether to leave answers that are kept but not valid. */
static void
ask_leave_invalid(struct formedit *e)
{
	e->confirm_leave = 2;
	snprintf(e->msg, sizeof e->msg, "%zu answer%s not valid and not saved "
	    "(%s). Leave anyway? y leaves, any other key stays.", e->nkept,
	    e->nkept == 1 ? " is" : "s are", e->kept[0].msg);
}

/* The answer to "leave?" questions. */
static int
confirm_key(struct formedit *e, int key)
{
	int ask = e->confirm_leave;

	e->confirm_leave = 0;
	if (ask == 1 && (key == 'y' || key == 'Y')) {
		if (commit(e) == 0 && e->nkept == 0)
			e->done = 1;
	} else if (ask == 1 && (key == 'n' || key == 'N')) {
		unkeep(e, e->lines[e->cur].ff->name, e->lines[e->cur].row);
		e->fe.dirty = e->note_dirty = 0;
		e->done = e->nkept == 0;
	} else if (ask == 2 && (key == 'y' || key == 'Y'))
		e->done = 1;
	else
		snprintf(e->msg, sizeof e->msg, "Still here.");
	if (!e->done && e->nkept > 0 && ask == 1 && e->msg_error == 0)
		ask_leave_invalid(e);
	return 1;
}

/* Esc / C-q: leave, asking first about what would be lost. */
static void
leave(struct formedit *e)
{
	const struct fe_line *l = &e->lines[e->cur];
	int dirty = l->heading ? 0 : l->ff->type == FF_TYPE_MULTILINE ?
	    e->note_dirty : e->fe.dirty;

	if (dirty && kept_for(e, l) == NULL) {
		e->confirm_leave = 1;
		snprintf(e->msg, sizeof e->msg, "Save \"%s\" before leaving? y "
		    "saves, n discards the change, any other key stays.",
		    l->ff->label);
	} else if (e->nkept > 0)
		ask_leave_invalid(e);
	else
		e->done = 1;
}

/* Authorising is asked first, naming what is being authorised. */
static void
ask_authorise(struct formedit *e)
{
	if (strcmp(e->fill->status, "submitted") != 0) {
		snprintf(e->msg, sizeof e->msg, "Only a submitted form is "
		    "authorised.");
		return;
	}
	e->confirm_authorise = 1;
	snprintf(e->msg, sizeof e->msg, "Authorise %s #%lld for %s? y "
	    "authorises it; any other key does not.", e->fill->def->title,
	    (long long)e->fill->instance, e->who ? e->who : "this person");
}

static void
authorise(struct formedit *e)
{
	struct cd_err err;

	if (store_form_authorise(e->fill->st, e->fill->instance, &err) !=
	    CD_OK) {
		snprintf(e->msg, sizeof e->msg, "%s", err.msg);
		e->msg_error = 1;
		return;
	}
	free(e->fill->status);
	e->fill->status = xstrdup("authorised");
	snprintf(e->msg, sizeof e->msg, "Authorised.");
}

/* The form's own actions on the field list; 0 if a key is not one. */
static int
action_key(struct formedit *e, enum action a)
{
	const struct fe_line *l = &e->lines[e->cur];
	int editable = fill_editable(e->fill);

	switch (a) {
	case ACT_NEXT:
	case ACT_PREV:
		go(e, a == ACT_NEXT ? 1 : -1);
		return 1;
	case ACT_PAGE_DOWN:
	case ACT_PAGE_UP:
		go(e, a == ACT_PAGE_DOWN ? area_rows() : -area_rows());
		return 1;
	case ACT_SUBMIT:
		if (!editable && !l->heading)
			open_reader(e);
		else if (editable && !l->heading && l->ff->type ==
		    FF_TYPE_MULTILINE)
			open_writer(e, 0);
		else if (l->heading && editable)
			add_row(e);
		else
			go(e, 1);
		return 1;
	case ACT_SAVE:
		if (commit(e) == 0 && e->msg[0] == '\0')
			snprintf(e->msg, sizeof e->msg, "Nothing to save: every "
			    "field is saved as you leave it.");
		return 1;
	case ACT_FORM_SUBMIT:
		if (editable)
			submit(e);
		return 1;
	case ACT_LEAVE:
		leave(e);
		return 1;
	case ACT_CLEAR:
		if (editable && !l->heading) {
			if (l->ff->type == FF_TYPE_MULTILINE) {
				buf_reset(&e->note);
				e->note_dirty = 1;
			} else
				fieldedit_keep(&e->fe, "", "");
		}
		return 1;
	case ACT_ADD_ROW:
		if (editable)
			add_row(e);
		return 1;
	case ACT_DEL_ROW:
		if (editable)
			remove_row(e);
		return 1;
	case ACT_AUTHORISE:
		ask_authorise(e);
		return 1;
	case ACT_RETURN:
		if (strcmp(e->fill->status, "submitted") != 0) {
			snprintf(e->msg, sizeof e->msg, "Only a submitted form is "
			    "returned.");
			return 1;
		}
		e->returning = 1;
		lineedit_init(&e->comments, 511);
		return 1;
	default:
		return 0;
	}
}

int
formedit_key(struct formedit *e, int key)
{
	enum action a = keymap_lookup_in(e->km, CTX_FORM, key);
	const struct fe_line *l;

	if (e->nlines == 0) {
		e->done = a == ACT_LEAVE;
		return 1;
	}
	l = &e->lines[e->cur];
	if (e->returning)
		return return_key(e, key);
	if (e->confirm_leave)
		return confirm_key(e, key);
	if (e->confirm_authorise) {
		e->confirm_authorise = 0;
		e->msg[0] = '\0';
		if (key == 'y' || key == 'Y')
			authorise(e);
		else
			snprintf(e->msg, sizeof e->msg, "Not authorised.");
		return 1;
	}
	if (e->overlay == FE_READ || e->overlay == FE_HELP)
		return pager_keys(e, key, a);
	if (a == ACT_HELP) {
		open_help(e);	/* with the message, read whole */
		e->msg[0] = '\0';
		return 1;
	}
	/* A message lasts until the next key. */
	e->msg[0] = '\0';
	e->msg_error = 0;
	if (e->overlay == FE_WRITE)
		return write_key(e, key, a);
	if (fill_editable(e->fill) && !l->heading && l->ff->type !=
	    FF_TYPE_MULTILINE && fieldedit_claims(&e->fe, key))
		return fieldedit_key(&e->fe, key) != FIELDEDIT_IGNORED;
	if (action_key(e, a))
		return 1;
	if (!fill_editable(e->fill) || l->heading)
		return 0;
	if (l->ff->type == FF_TYPE_MULTILINE) {
		if (key >= ' ' && key < KEYMAP_FN_BASE && key != 127) {
			open_writer(e, 0);	/* typing opens the editor */
			write_key(e, key, ACT_NONE);	/* and adds to it */
			return 1;
		}
		return 0;
	}
	return fieldedit_key(&e->fe, key) != FIELDEDIT_IGNORED;
}

/* The value of a line that is not being edited, on one line. */
static void
line_value(const struct formedit *e, const struct fe_line *l, struct buf *b)
{
	const struct fe_kept *k = kept_for(e, l);
	const char *v = k ? k->text : shown(e, l), *p;
	const struct code_item *c = NULL;

	for (p = v; *p; p++)
		if (*p == '\n')
			buf_addstr(b, " / ");	/* a narrative's lines */
		else
			buf_add(b, p, 1);
	if (l->ff->type == FF_TYPE_CODE && k == NULL)
		c = formdef_code(formdef_list(e->fill->set, l->ff->codes), v);
	if (c != NULL)
		buf_addf(b, "  %s", c->label);
}

/* The label and value of one field line (the current one's value is the
 * field editor's, drawn last by formedit_draw). */
static void
draw_line(struct formedit *e, size_t i, int y)
{
	const struct fe_line *l = &e->lines[i];
	char label[200], keys[40];
	struct buf value = { 0 };
	int current = i == e->cur;

	if (current)
		mvaddch(y, 0, '>');
	if (kept_for(e, l) != NULL)
		mvaddch(y, 1, '!');	/* kept as typed, not valid */
	if (l->heading) {
		keymap_keys_for(e->km, CTX_FORM, ACT_ADD_ROW, keys,
		    sizeof keys);
		keys[strcspn(keys, " ")] = '\0';
		snprintf(label, sizeof label, "%s (%s adds a row)",
		    l->ff->label, keys);
		theme_on(THEME_HEADING);
		draw_cut(y, LABEL_COL, COLS - 4, label);
		theme_off();
		return;
	}
	if (l->row > 0)
		snprintf(label, sizeof label, "  %d. %s%s", l->row,
		    l->ff->label, l->ff->required ? " *" : "");
	else
		snprintf(label, sizeof label, "%s%s", l->ff->label,
		    l->ff->required ? " *" : "");
	if (current)
		theme_on(THEME_HIGHLIGHT);
	draw_cut(y, LABEL_COL, label_width(), label);
	if (current)
		theme_off();
	if (current && fill_editable(e->fill) && l->ff->type !=
	    FF_TYPE_MULTILINE)
		return;
	line_value(e, l, &value);
	draw_cut(y, value_col(), value_width(), buf_str(&value));
	buf_fini(&value);
}

/* The code list by the current line: below it, or above when there is
 * more room there. */
static void
draw_list(struct formedit *e, int y)
{
	int want = fieldedit_list_lines(&e->fe);
	int below = area_top() + area_rows() - (y + 1), above = y - area_top();
	int width = fieldedit_list_width(&e->fe), col;

	if (want == 0)
		return;
	/* Under the value, moved left over the labels if the meanings
	 * need the room. */
	if (width > COLS - 4)
		width = COLS - 4;
	col = COLS - 1 - width < value_col() ? COLS - 1 - width : value_col();
	if (col == value_col())
		width = value_width();
	if (want <= below || below >= above)
		fieldedit_draw_list(&e->fe, y + 1, col, width,
		    want < below ? want : below);
	else {
		int rows = want < above ? want : above;

		fieldedit_draw_list(&e->fe, y - rows, col, width, rows);
	}
}

/* The narrative editor over the field area, its cursor in view. */
static void
draw_writer(struct formedit *e)
{
	int rows = area_rows(), pct;
	char line[80];

	theme_on(THEME_HEADING);
	draw_cut(area_top() - 1, 2, COLS - 4, e->title);
	theme_off();
	textedit_draw(&e->writer, area_top(), 2, view_width(), rows);
	pct = textedit_percent(&e->writer, rows);
	if (pct < 100 || e->writer.top > 0) {
		int y, x;

		getyx(stdscr, y, x);	/* the text's cursor, kept */
		snprintf(line, sizeof line, "-- more (%d%%) --", pct);
		term_text(area_top() + rows, 2, COLS - 4, line);
		term_cursor(y, x);
	}
}

/* The hint and message lines; a long message takes up to three. */
static void
draw_message(struct formedit *e, const char *hint)
{
	const char *msg = e->fe.msg[0] && e->overlay == FE_NONE ? e->fe.msg :
	    e->msg;
	int error = msg == e->fe.msg || e->msg_error;
	struct textview v = { 0 };
	int i, from;

	if (e->returning) {
		term_text(LINES - 3, 2, COLS - 4, "Comments for the author "
		    "(Enter returns it, Esc does not):");
		return;
	}
	textview_set(&v, msg, COLS - 4);
	if (msg[0] == '\0' || v.n <= 1) {
		if (hint)
			draw_cut(LINES - 3, 2, COLS - 4, hint);
	}
	if (msg[0] != '\0') {
		from = LINES - 1 - (v.n < MSG_ROWS ? (int)v.n : MSG_ROWS);
		if (error)
			theme_on(THEME_ERROR);
		for (i = 0; i < (int)v.n && i < MSG_ROWS; i++) {
			if (i == MSG_ROWS - 1 && v.n > MSG_ROWS)
				term_text(from + i, 2, COLS - 4, "... F1 shows "
				    "the whole message and the field's help.");
			else
				term_text(from + i, 2, COLS - 4, v.lines[i]);
		}
		if (error)
			theme_off();
	}
	textview_fini(&v);
}

/* The hint for the current line. */
static const char *
line_hint(const struct formedit *e)
{
	const struct fe_line *l;

	if (e->overlay == FE_WRITE)
		return "Arrows, PgUp/PgDn and C-a/C-e move; F1 or C-g help";
	if (e->nlines == 0 || e->lines[e->cur].heading)
		return NULL;
	l = &e->lines[e->cur];
	if (!fill_editable(e->fill))
		return "Enter reads the whole answer; F1 or C-g help";
	if (e->fe.list)
		return "Up/Down choose, Enter picks; Tab takes the highlighted "
		    "code and moves on";
	if (l->ff->help)
		return l->ff->help;
	if (l->ff->type == FF_TYPE_MULTILINE)
		return "Enter or typing opens the narrative editor";
	return fieldedit_hint(&e->fe);
}

void
formedit_draw(struct formedit *e)
{
	const struct formdef *d = e->fill->def;
	char line[600], keys[5][40];
	int y, rows = area_rows(), cy = -1;
	size_t i;

	if (e->overlay == FE_READ || e->overlay == FE_HELP) {
		pager_draw(&e->pager, e->demo);
		return;
	}
	erase();
	if (!term_big_enough()) {
		term_draw_too_small();
		return;
	}
	snprintf(line, sizeof line, "%s #%lld  %s", d->title,
	    (long long)e->fill->instance, e->who ? e->who : "");
	term_bar(0, line, e->demo ? "DEMO" : NULL);
	if (strcmp(e->fill->status, "returned") == 0 && e->fill->comments)
		snprintf(line, sizeof line, "Returned: %s", e->fill->comments);
	else if (fill_editable(e->fill))
		snprintf(line, sizeof line, "Draft (version %d): each field is "
		    "saved as you leave it.  * needed to submit",
		    e->fill->version);
	else if (strcmp(e->fill->status, "submitted") == 0)
		snprintf(line, sizeof line, "Submitted: a manager authorises it "
		    "(C-o) or returns it with comments (C-b).");
	else
		snprintf(line, sizeof line, "This form is %s.",
		    e->fill->status);
	draw_cut(1, 2, COLS - 4, line);
	if (e->overlay == FE_WRITE)
		draw_writer(e);
	else {
		if (e->cur < e->top)
			e->top = e->cur;
		if (e->cur >= e->top + (size_t)rows)
			e->top = e->cur - (size_t)rows + 1;
		for (i = e->top, y = area_top(); i < e->nlines && y < area_top()
		    + rows; i++, y++)
			draw_line(e, i, y);
		if (e->nlines && !e->lines[e->cur].heading) {
			cy = area_top() + (int)(e->cur - e->top);
			draw_list(e, cy);
		}
	}
	draw_message(e, line_hint(e));
	keymap_keys_for(e->km, CTX_FORM, ACT_NEXT, keys[0], sizeof keys[0]);
	keymap_keys_for(e->km, CTX_FORM, ACT_FORM_SUBMIT, keys[1],
	    sizeof keys[1]);
	keymap_keys_for(e->km, CTX_FORM, ACT_LEAVE, keys[2], sizeof keys[2]);
	keymap_keys_for(e->km, CTX_FORM, ACT_SAVE, keys[3], sizeof keys[3]);
	keymap_keys_for(e->km, CTX_FORM, ACT_HELP, keys[4], sizeof keys[4]);
	for (i = 0; i < 5; i++)
		keys[i][strcspn(keys[i], " ")] = '\0';
	snprintf(line, sizeof line, "%s next  %s save  %s submit  %s leave  "
	    "%s help", keys[0], keys[3], keys[1], keys[2], keys[4]);
	term_bar(LINES - 1, line, NULL);
	/* Last, so the terminal cursor stays in what is being typed. */
	if (e->returning) {
		lineedit_draw(&e->comments, LINES - 2, 2, COLS - 4);
	} else if (e->overlay == FE_NONE && cy >= 0 && fill_editable(e->fill) &&
	    e->lines[e->cur].ff->type != FF_TYPE_MULTILINE) {
		fieldedit_draw(&e->fe, cy, value_col(), value_width());
	} else if (e->overlay == FE_NONE)
		term_cursor(-1, 0);
}

void
formedit_fini(struct formedit *e)
{
	size_t i;

	fieldedit_fini(&e->fe);
	textedit_fini(&e->writer);
	if (e->overlay == FE_READ || e->overlay == FE_HELP)
		pager_fini(&e->pager);
	buf_fini(&e->note);
	for (i = 0; i < e->nkept; i++)
		kept_fini(&e->kept[i]);
	free(e->kept);
	e->kept = NULL;
	e->nkept = 0;
	free(e->lines);
	e->lines = NULL;
	e->nlines = 0;
}
