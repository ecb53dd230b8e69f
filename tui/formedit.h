/*
 * The form editor screen: a list of fields, one being edited. Type-ahead
 * on code lists, date shortcuts, a multi-line editor for narrative, rows
 * in repeating groups, inline validation, a summary of what is missing
 * before submit. Every field is saved as the cursor leaves it.
 */
#ifndef CD_TUI_FORMEDIT_H
#define CD_TUI_FORMEDIT_H

#include "common/status.h"
#include "forms/fill.h"
#include "tui/keymap.h"

/* One line of the editor: a field (with its row) or a group heading. */
struct fe_line {
	const struct formfield *ff;
	int row;
	int heading;		/* the group's heading line */
};

struct formedit {
	struct fill *fill;
	const struct keymap *km;
	const char *who;	/* the person, for the title */
	int demo;
	struct fe_line *lines;
	size_t nlines;
	size_t cur;		/* line with the cursor */
	size_t top;		/* first line shown */
	char buf[4096];		/* the field being edited */
	int dirty;		/* buf differs from the saved answer */
	int fresh;		/* just arrived: typing replaces the answer */
	int multiline;		/* in the narrative editor */
	int pick;		/* highlighted code in the type-ahead list */
	int confirm_leave;	/* asked "save before leaving?" */
	int returning;		/* typing the comments to return it with */
	char comments[512];
	char msg[600];		/* the message line */
	int msg_error;
	int done;		/* left the form */
};

/* Start editing f (opened or new). */
void formedit_init(struct formedit *e, struct fill *f,
    const struct keymap *km, const char *who, int demo);

/* Draw the whole editor into the curses screen (no refresh). */
void formedit_draw(struct formedit *e);

/* Handle one key. Returns 1 when the screen must be redrawn. */
int formedit_key(struct formedit *e, int key);

/* Save the field being typed if it is valid (hangup, lock). */
void formedit_flush(struct formedit *e);

void formedit_fini(struct formedit *e);

#endif
