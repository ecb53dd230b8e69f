#include "config.h"

#include "tui/formedit.h"

#include <ctype.h>
#include <curses.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <wchar.h>

#include "common/xmem.h"
#include "store/form.h"
#include "tui/term.h"

#define LABEL_COL 2
#define LABEL_WIDTH 34
#define VALUE_COL 38
#define POPUP_MAX 6

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

/* Load the current line's answer into the edit buffer. */
static void
load(struct formedit *e)
{
	e->dirty = 0;
	e->fresh = 1;
	e->pick = 0;
	e->buf[0] = '\0';
	if (e->nlines == 0 || e->lines[e->cur].heading)
		return;
	snprintf(e->buf, sizeof e->buf, "%s", shown(e, &e->lines[e->cur]));
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
	build_lines(e);
	load(e);
	if (!fill_editable(f))
		snprintf(e->msg, sizeof e->msg, "This form is %s: it can be "
		    "read but no longer changed.", f->status);
}

/* Whether s contains needle, ignoring case. */
static int
contains(const char *s, const char *needle)
{
	size_t n = strlen(needle);

	for (; *s; s++)
		if (strncasecmp(s, needle, n) == 0)
			return 1;
	return 0;
}

/* Codes of the current field's list matching what is typed. */
static size_t
matches(const struct formedit *e, const struct code_item **out, size_t max)
{
	const struct fe_line *l = &e->lines[e->cur];
	const struct codelist *list;
	const char *typed = e->buf;
	size_t i, n = 0;

	if (l->heading || (l->ff->type != FF_TYPE_CODE &&
	    l->ff->type != FF_TYPE_CODES))
		return 0;
	list = formdef_list(e->fill->set, l->ff->codes);
	if (list == NULL)
		return 0;
	/* For several codes, match on the last one being typed. */
	if (l->ff->type == FF_TYPE_CODES && strrchr(typed, ',') != NULL)
		typed = strrchr(typed, ',') + 1;
	while (*typed == ' ')
		typed++;
	for (i = 0; i < list->n && n < max; i++)
		if (*typed == '\0' || strncasecmp(list->items[i].code, typed,
		    strlen(typed)) == 0 || contains(list->items[i].label, typed))
			out[n++] = &list->items[i];
	return n;
}

/* Whether the type-ahead list is open. */
static int
popup_open(const struct formedit *e)
{
	const struct fe_line *l = &e->lines[e->cur];

	return e->nlines && !l->heading && e->dirty && e->buf[0] != '\0' &&
	    (l->ff->type == FF_TYPE_CODE || l->ff->type == FF_TYPE_CODES);
}

/* Turn the typed text of a code field into codes, or say why not. */
static int
resolve_codes(struct formedit *e, char *out, size_t len)
{
	const struct code_item *m[64];
	const struct fe_line *l = &e->lines[e->cur];
	const struct codelist *list = formdef_list(e->fill->set, l->ff->codes);
	size_t n;
	char *p;

	snprintf(out, len, "%s", e->buf);
	if (e->buf[0] == '\0')
		return 0;
	/* Already codes?  Then nothing to resolve. */
	{
		char copy[4096], *tok, *save = NULL;
		int all = 1;

		snprintf(copy, sizeof copy, "%s", e->buf);
		for (tok = strtok_r(copy, ", ", &save); tok;
		    tok = strtok_r(NULL, ", ", &save))
			if (formdef_code(list, tok) == NULL)
				all = 0;
		if (all)
			return 0;
	}
	n = matches(e, m, 64);
	if (n == 0) {
		snprintf(e->msg, sizeof e->msg, "%s: nothing matches \"%.60s\"",
		    l->ff->label, e->buf);
		return -1;
	}
	if (n > 1 && e->pick < 0) {
		snprintf(e->msg, sizeof e->msg, "%s: %zu codes match; type more "
		    "or choose with Up and Down", l->ff->label, n);
		return -1;
	}
	/* Replace the word being typed with the chosen code. */
	p = l->ff->type == FF_TYPE_CODES ? strrchr(out, ',') : NULL;
	p = p ? p + 1 : out;
	snprintf(p, len - (size_t)(p - out), "%s",
	    m[e->pick < (int)n ? e->pick : 0]->code);
	return 0;
}

/* Save the current line's buffer; 0 on success, -1 if refused. */
static int
commit(struct formedit *e)
{
	const struct fe_line *l;
	struct cd_err err;
	char value[4096];
	const char *name;
	int row;

	if (e->nlines == 0 || !e->dirty)
		return 0;
	l = &e->lines[e->cur];
	if ((l->ff->type == FF_TYPE_CODE || l->ff->type == FF_TYPE_CODES) &&
	    resolve_codes(e, value, sizeof value) != 0) {
		e->msg_error = 1;
		return -1;
	} else if (l->ff->type != FF_TYPE_CODE && l->ff->type != FF_TYPE_CODES)
		snprintf(value, sizeof value, "%s", e->buf);
	name = l->ff->name;
	row = l->row;
	if (fill_set(e->fill, name, row, value, &err) != CD_OK) {
		snprintf(e->msg, sizeof e->msg, "%s", err.msg);
		e->msg_error = 1;
		return -1;
	}
	e->dirty = 0;
	e->msg_error = 0;
	snprintf(e->msg, sizeof e->msg, "Saved %s.", l->ff->label);
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
	if (e->dirty && fill_editable(e->fill))
		commit(e);
}

/* Move the cursor by delta lines (after saving the line left). */
static void
go(struct formedit *e, long delta)
{
	long to;

	if (commit(e) != 0 || e->nlines == 0)
		return;
	to = (long)e->cur + delta;
	if (to < 0)
		to = 0;
	if (to >= (long)e->nlines)
		to = (long)e->nlines - 1;
	e->cur = (size_t)to;
	load(e);
	if (e->msg_error == 0 && delta != 0)
		e->msg[0] = e->msg[0] == 'S' ? e->msg[0] : '\0';
}

/* Append a typed character (a code point) to the buffer. */
static void
type_char(struct formedit *e, int key)
{
	const struct fe_line *l = &e->lines[e->cur];

	if (l->ff->type == FF_TYPE_YESNO && !e->multiline) {
		e->fresh = 0;
		if (key == 'y' || key == 'Y')
			snprintf(e->buf, sizeof e->buf, "yes");
		else if (key == 'n' || key == 'N')
			snprintf(e->buf, sizeof e->buf, "no");
		else
			return;
		e->dirty = 1;
		return;
	}
	if (e->fresh && !e->multiline)
		e->buf[0] = '\0';	/* the first key replaces the answer */
	e->fresh = 0;
	if (term_utf8_append(e->buf, sizeof e->buf, key) != 0)
		return;
	e->dirty = 1;
	e->pick = 0;
}

static void
backspace(struct formedit *e)
{
	e->fresh = 0;	/* Backspace edits what is there */
	term_utf8_backspace(e->buf);
	e->dirty = 1;
	e->pick = 0;
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
	if (commit(e) != 0)
		return;
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
	struct cd_err err;
	int row = l->row;

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
	build_lines(e);
	load(e);
	snprintf(e->msg, sizeof e->msg, "Removed row %d.", row);
}

static void
submit(struct formedit *e)
{
	struct cd_err err;
	char *missing;

	if (commit(e) != 0)
		return;
	missing = fill_missing(e->fill);
	if (missing != NULL) {
		snprintf(e->msg, sizeof e->msg, "Still to fill in: %s", missing);
		e->msg_error = 1;
		free(missing);
		return;
	}
	if (fill_submit(e->fill, &err) != CD_OK) {
		snprintf(e->msg, sizeof e->msg, "%s", err.msg);
		e->msg_error = 1;
		return;
	}
	e->msg_error = 0;
	snprintf(e->msg, sizeof e->msg, "Submitted: the form is now %s.",
	    e->fill->status);
	load(e);
}

/* Keys in the narrative editor. */
static int
multiline_key(struct formedit *e, int key)
{
	enum action a = keymap_lookup_in(e->km, CTX_FORM, key);
	size_t len = strlen(e->buf);

	if (a == ACT_LEAVE || a == ACT_NEXT || a == ACT_SAVE) {
		e->multiline = 0;
		if (key == KEYMAP_TAB || a == ACT_NEXT)
			go(e, 1);
		else
			commit(e);
		return 1;
	}
	if (keymap_canonical(key) == KEYMAP_ENTER) {
		if (len + 1 < sizeof e->buf) {
			e->buf[len] = '\n';
			e->buf[len + 1] = '\0';
			e->dirty = 1;
		}
		return 1;
	}
	if (keymap_canonical(key) == KEYMAP_FN(KEY_BACKSPACE)) {
		backspace(e);
		return 1;
	}
	if (key >= ' ' && key < KEYMAP_FN_BASE && key != 127)
		type_char(e, key);
	return 1;
}

int
formedit_key(struct formedit *e, int key)
{
	enum action a = keymap_lookup_in(e->km, CTX_FORM, key);
	int editable = fill_editable(e->fill);
	const struct fe_line *l;

	if (e->nlines == 0) {
		e->done = a == ACT_LEAVE;
		return 1;
	}
	l = &e->lines[e->cur];
	if (e->returning) {
		size_t len = strlen(e->comments);
		struct cd_err err;

		if (key == KEYMAP_ESC) {
			e->returning = 0;
			snprintf(e->msg, sizeof e->msg, "Not returned.");
		} else if (keymap_canonical(key) == KEYMAP_ENTER) {
			e->returning = 0;
			if (store_form_return(e->fill->st, e->fill->instance,
			    e->comments, &err) != CD_OK) {
				snprintf(e->msg, sizeof e->msg, "%s", err.msg);
				e->msg_error = 1;
			} else {
				free(e->fill->status);
				e->fill->status = xstrdup("returned");
				snprintf(e->msg, sizeof e->msg, "Returned to its "
				    "author with your comments.");
			}
		} else if (keymap_canonical(key) == KEYMAP_FN(KEY_BACKSPACE)) {
			if (len > 0)
				e->comments[len - 1] = '\0';
		} else if (key >= ' ' && key < 127 && len + 1 <
		    sizeof e->comments) {
			e->comments[len] = (char)key;
			e->comments[len + 1] = '\0';
		}
		if (e->returning)
			snprintf(e->msg, sizeof e->msg, "Comments for the author "
			    "(Enter returns it, Esc does not): %s", e->comments);
		return 1;
	}
	if (e->confirm_leave) {
		e->confirm_leave = 0;
		if (key == 'y' || key == 'Y') {
			if (commit(e) == 0)
				e->done = 1;
		} else if (key == 'n' || key == 'N') {
			e->dirty = 0;
			e->done = 1;
		} else
			snprintf(e->msg, sizeof e->msg, "Still here.");
		return 1;
	}
	if (e->multiline)
		return multiline_key(e, key);
	if (popup_open(e) && (key == KEYMAP_FN(KEY_UP) ||
	    key == KEYMAP_FN(KEY_DOWN))) {
		const struct code_item *m[POPUP_MAX];
		int n = (int)matches(e, m, POPUP_MAX);

		e->pick += key == KEYMAP_FN(KEY_UP) ? -1 : 1;
		if (e->pick < 0)
			e->pick = 0;
		if (e->pick >= n)
			e->pick = n - 1;
		return 1;
	}
	switch (a) {
	case ACT_NEXT:
		go(e, 1);
		return 1;
	case ACT_PREV:
		go(e, -1);
		return 1;
	case ACT_PAGE_DOWN:
		go(e, area_rows());
		return 1;
	case ACT_PAGE_UP:
		go(e, -area_rows());
		return 1;
	case ACT_SUBMIT:
		if (editable && !l->heading && l->ff->type ==
		    FF_TYPE_MULTILINE) {
			e->multiline = 1;
			return 1;
		}
		if (l->heading && editable) {
			add_row(e);
			return 1;
		}
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
		if (e->dirty) {
			e->confirm_leave = 1;
			snprintf(e->msg, sizeof e->msg, "Save \"%s\" before "
			    "leaving? y saves, n discards the change, any other "
			    "key stays.", l->ff->label);
			return 1;
		}
		e->done = 1;
		return 1;
	case ACT_CLEAR:
		if (editable && !l->heading) {
			e->buf[0] = '\0';
			e->dirty = 1;
			e->fresh = 0;
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
	case ACT_AUTHORISE: {
		struct cd_err err;

		if (strcmp(e->fill->status, "submitted") != 0) {
			snprintf(e->msg, sizeof e->msg, "Only a submitted form is "
			    "authorised.");
			return 1;
		}
		if (store_form_authorise(e->fill->st, e->fill->instance, &err) !=
		    CD_OK) {
			snprintf(e->msg, sizeof e->msg, "%s", err.msg);
			e->msg_error = 1;
			return 1;
		}
		free(e->fill->status);
		e->fill->status = xstrdup("authorised");
		snprintf(e->msg, sizeof e->msg, "Authorised.");
		return 1;
	}
	case ACT_RETURN:
		if (strcmp(e->fill->status, "submitted") != 0) {
			snprintf(e->msg, sizeof e->msg, "Only a submitted form is "
			    "returned.");
			return 1;
		}
		e->returning = 1;
		e->comments[0] = '\0';
		snprintf(e->msg, sizeof e->msg, "Comments for the author (Enter "
		    "returns it, Esc does not): ");
		return 1;
	default:
		break;
	}
	if (!editable || l->heading)
		return 0;
	if (keymap_canonical(key) == KEYMAP_FN(KEY_BACKSPACE)) {
		backspace(e);
		return 1;
	}
	if (key >= ' ' && key < KEYMAP_FN_BASE && key != 127) {
		if (l->ff->type == FF_TYPE_MULTILINE) {
			e->multiline = 1;	/* typing opens the editor */
			e->fresh = 0;		/* and adds to the text */
			type_char(e, key);
			return 1;
		}
		type_char(e, key);
		return 1;
	}
	return 0;
}

/* The label and value of one field line. */
static void
draw_line(struct formedit *e, size_t i, int y)
{
	const struct fe_line *l = &e->lines[i];
	char label[160], value[4200];
	const char *v;
	int current = i == e->cur;

	if (l->heading) {
		snprintf(label, sizeof label, "%s (C-a adds a row)",
		    l->ff->label);
		attron(A_BOLD);
		term_text(y, LABEL_COL, COLS - 4, label);
		attroff(A_BOLD);
		if (current) {
			mvaddch(y, 0, '>');
		}
		return;
	}
	if (l->row > 0)
		snprintf(label, sizeof label, "  %d. %s%s", l->row,
		    l->ff->label, l->ff->required ? " *" : "");
	else
		snprintf(label, sizeof label, "%s%s", l->ff->label,
		    l->ff->required ? " *" : "");
	if (current) {
		mvaddch(y, 0, '>');
		attron(A_REVERSE);
	}
	term_text(y, LABEL_COL, LABEL_WIDTH, label);
	if (current)
		attroff(A_REVERSE);
	v = current ? e->buf : shown(e, l);
	snprintf(value, sizeof value, "%s", v);
	if (l->ff->type == FF_TYPE_MULTILINE && strchr(value, '\n') != NULL)
		snprintf(strchr(value, '\n'), 8, " ...");
	if ((l->ff->type == FF_TYPE_CODE) && !(current && e->dirty)) {
		const struct code_item *c = formdef_code(formdef_list(
		    e->fill->set, l->ff->codes), value);

		if (c != NULL)
			snprintf(value + strlen(value), sizeof value -
			    strlen(value), "  %s", c->label);
	}
	if (current)
		attron(A_UNDERLINE);
	if (current)
		mvhline(y, VALUE_COL, ' ', COLS - VALUE_COL - 1);
	term_text(y, VALUE_COL, COLS - VALUE_COL - 1, value);
	if (current)
		attroff(A_UNDERLINE);
}

/* The type-ahead list under the current line. */
static void
draw_popup(struct formedit *e, int y)
{
	const struct code_item *m[POPUP_MAX];
	size_t n = matches(e, m, POPUP_MAX), i;
	char line[200];

	for (i = 0; i < n && y + 1 + (int)i < LINES - 4; i++) {
		snprintf(line, sizeof line, " %-6s %s ", m[i]->code,
		    m[i]->label);
		if ((int)i == e->pick)
			attron(A_REVERSE);
		mvhline(y + 1 + (int)i, VALUE_COL, ' ', COLS - VALUE_COL - 1);
		term_text(y + 1 + (int)i, VALUE_COL, COLS - VALUE_COL - 1, line);
		if ((int)i == e->pick)
			attroff(A_REVERSE);
	}
	if (n == 0)
		term_text(y + 1, VALUE_COL, COLS - VALUE_COL - 1,
		    " (nothing matches)");
}

/* The narrative editor over the field area. */
static void
draw_multiline(struct formedit *e)
{
	const struct fe_line *l = &e->lines[e->cur];
	char title[200];
	const char *p = e->buf;
	int y = area_top(), rows = area_rows(), width = COLS - 4, count = 0;
	const char *start;

	snprintf(title, sizeof title, "Writing: %s  (Enter: new line; Tab, "
	    "Esc or C-s when done)", l->ff->label);
	attron(A_BOLD);
	term_text(y - 1, 2, COLS - 4, title);
	attroff(A_BOLD);
	/* Count wrapped lines so the end of the text stays in view. */
	for (start = p; *start; count++) {
		size_t n = strcspn(start, "\n");

		start += n > (size_t)width ? (size_t)width : n;
		if (*start == '\n')
			start++;
	}
	for (start = p; *start && count > rows; count--) {
		size_t n = strcspn(start, "\n");

		start += n > (size_t)width ? (size_t)width : n;
		if (*start == '\n')
			start++;
	}
	while (y < area_top() + rows) {
		size_t n = strcspn(start, "\n");
		char line[1024];

		if (n > (size_t)width)
			n = (size_t)width;
		snprintf(line, sizeof line, "%.*s", (int)n, start);
		term_text(y++, 2, width, line);
		start += n;
		if (*start == '\n')
			start++;
		else if (*start == '\0')
			break;
	}
	term_cursor(y - 1 < area_top() ? area_top() : y - 1, 2 +
	    (int)(strlen(start) % (size_t)width));
}

void
formedit_draw(struct formedit *e)
{
	const struct formdef *d = e->fill->def;
	char line[600], keys[5][40];
	int y, rows = area_rows();
	size_t i;

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
	term_text(1, 2, COLS - 4, line);
	if (e->multiline)
		draw_multiline(e);
	else {
		if (e->cur < e->top)
			e->top = e->cur;
		if (e->cur >= e->top + (size_t)rows)
			e->top = e->cur - (size_t)rows + 1;
		for (i = e->top, y = area_top(); i < e->nlines && y < area_top()
		    + rows; i++, y++)
			draw_line(e, i, y);
		if (e->nlines && popup_open(e))
			draw_popup(e, area_top() + (int)(e->cur - e->top));
		if (e->nlines && !e->lines[e->cur].heading)
			term_cursor(area_top() + (int)(e->cur - e->top),
			    VALUE_COL + (int)mbstowcs(NULL, e->buf, 0));
		else
			term_cursor(-1, 0);
	}
	if (e->nlines && !e->lines[e->cur].heading) {
		const struct formfield *ff = e->lines[e->cur].ff;
		const char *hint = ff->help;

		if (hint == NULL && ff->type == FF_TYPE_DATE)
			hint = "Dates: t today, y yesterday, +3d, -2w, dd/mm, "
			    "dd/mm/yy";
		if (hint == NULL && ff->type == FF_TYPE_DATETIME)
			hint = "Date and time: now, t 14:30, 23/11 09:05";
		if (hint == NULL && (ff->type == FF_TYPE_CODE ||
		    ff->type == FF_TYPE_CODES))
			hint = "Type a code or words to narrow the list; Up and "
			    "Down choose";
		if (hint == NULL && ff->type == FF_TYPE_YESNO)
			hint = "y or n";
		if (hint)
			term_text(LINES - 3, 2, COLS - 4, hint);
	}
	if (e->msg[0]) {
		if (e->msg_error)
			attron(A_BOLD);
		term_text(LINES - 2, 2, COLS - 4, e->msg);
		if (e->msg_error)
			attroff(A_BOLD);
	}
	keymap_keys_for(e->km, CTX_FORM, ACT_NEXT, keys[0], sizeof keys[0]);
	keymap_keys_for(e->km, CTX_FORM, ACT_FORM_SUBMIT, keys[1],
	    sizeof keys[1]);
	keymap_keys_for(e->km, CTX_FORM, ACT_LEAVE, keys[2], sizeof keys[2]);
	keymap_keys_for(e->km, CTX_FORM, ACT_SAVE, keys[3], sizeof keys[3]);
	keymap_keys_for(e->km, CTX_FORM, ACT_HELP, keys[4], sizeof keys[4]);
	for (i = 0; i < 5; i++)
		keys[i][strcspn(keys[i], " ")] = '\0';
	snprintf(line, sizeof line, "%s next  %s save  %s submit  %s leave  "
	    "%s keys", keys[0], keys[3], keys[1], keys[2], keys[4]);
	term_bar(LINES - 1, line, NULL);
}

void
formedit_fini(struct formedit *e)
{
	free(e->lines);
	e->lines = NULL;
	e->nlines = 0;
}
