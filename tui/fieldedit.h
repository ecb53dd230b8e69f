/*
 * Editing one typed value: a form's field or a column of the case record.
 * The text is a line editor (tui/lineedit.h); code fields narrow a list of
 * codes as they are typed (an exact code wins over matches in meanings),
 * take several words in a multi-code field, and show the whole list with
 * Down on an empty field; dates take the quick forms of forms/datein.h;
 * a value that does not check is kept, with a message saying why, for the
 * caller to save or keep. The form editor and the record screen use it.
 */
#ifndef CD_TUI_FIELDEDIT_H
#define CD_TUI_FIELDEDIT_H

#include <stddef.h>

#include "common/status.h"
#include "forms/fill.h"
#include "forms/formdef.h"
#include "store/entity.h"
#include "tui/lineedit.h"

struct fieldedit {
	struct lineedit line;
	enum formfield_type type;
	const char *label;
	const char *help;		/* the field's help text, or NULL */
	const struct codelist *codes;	/* the code list, or NULL */
	struct codelist own;		/* a column's list, built here */
	const struct fill *fill;	/* a form's field ... */
	const struct formfield *ff;
	const struct field_def *col;	/* ... or a record column */
	int fresh;		/* the first printable key replaces the text */
	int dirty;		/* the text differs from the value given */
	int list;		/* the code list shows: 1 narrowing as typed,
				 * 2 opened with Down or C-space */
	int pick;		/* its highlighted row */
	int top;		/* its first row on screen */
	char msg[512];		/* why the text is not a value, or "" */
};

/* What a key did. */
enum fieldedit_result {
	FIELDEDIT_IGNORED,	/* not the field's key: the caller's */
	FIELDEDIT_MOVED,	/* the cursor or the list moved: redraw */
	FIELDEDIT_CHANGED	/* the text changed: redraw */
};

/* Edit a form's field, starting from value (NULL for empty). */
void fieldedit_form(struct fieldedit *fe, const struct fill *f,
    const struct formfield *ff, const char *value);

/*
 * Edit a column of the case record (store/entity.h), starting from value
 * as stored (NULL for empty): codes from store/codes.c with their
 * meanings, dates with the quick forms, yes/no as y or n. The field_def
 * must outlive the editor.
 */
void fieldedit_column(struct fieldedit *fe, const struct field_def *col,
    const char *value);

/* Keep the text the user typed (a kept invalid answer), dirty and not
 * fresh, with the message saying what is wrong with it. */
void fieldedit_keep(struct fieldedit *fe, const char *text, const char *msg);

/*
 * Whether the field takes key before the caller's own bindings: the keys
 * of an open code list (Up, Down, PgUp, PgDn, Enter picks; Esc closes a
 * list the user opened) and Down or C-space on an empty code field, which
 * opens the whole list.
 */
int fieldedit_claims(const struct fieldedit *fe, int key);

/*
 * Apply one key: the list's keys, y/n in a yes/no field, otherwise the
 * line editor's (printable text, Left/Right, Home/End, C-a/C-e, C-u, C-k,
 * C-w, Backspace, Delete). A change that fixes or empties the text takes
 * the message away.
 */
enum fieldedit_result fieldedit_key(struct fieldedit *fe, int key);

/*
 * The value to save: codes resolved (an exact code, else the highlighted
 * match of the word being typed, else the only best match), dates and
 * times from their quick forms, then checked as the form (fill_check) or
 * the store (store_value_check) would. *out is new, or NULL for empty.
 * On failure the message is also left in fe->msg and the text is kept.
 */
enum cd_status fieldedit_value(struct fieldedit *fe, char **out,
    struct cd_err *err);

/* The text as typed. */
const char *fieldedit_text(const struct fieldedit *fe);

/* A one-line hint for the field's type ("Dates: t today, ..."). */
const char *fieldedit_hint(const struct fieldedit *fe);

/*
 * The codes matching the word being typed, best first (all of them, in
 * list order, for an empty word); up to max into out; returns how many
 * match in all.
 */
size_t fieldedit_matches(const struct fieldedit *fe,
    const struct code_item **out, size_t max);

/*
 * Draw the text into width cells at row, col (scrolled sideways so the
 * cursor shows), a code's meaning after it when it is one, and put the
 * terminal cursor on it. Call it last, so the cursor stays there.
 */
void fieldedit_draw(const struct fieldedit *fe, int row, int col, int width);

/*
 * Draw the open code list in rows lines from row, col: code and meaning,
 * the highlighted row in reverse with a '>' in its first cell, "N-M of T"
 * on the last line when it does not all fit. Returns the lines used (0
 * when the list is closed).
 */
int fieldedit_draw_list(struct fieldedit *fe, int row, int col, int width,
    int rows);

/* How many lines and cells the open list wants (0 when closed). */
int fieldedit_list_lines(const struct fieldedit *fe);
int fieldedit_list_width(const struct fieldedit *fe);

void fieldedit_fini(struct fieldedit *fe);

#endif
