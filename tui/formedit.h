/*
 * The form editor screen: a list of fields, one being edited with the
 * field editor (tui/fieldedit.h: code narrowing, date shortcuts, the
 * readline keys), a narrative editor, rows in repeating groups, answers
 * that do not check kept and marked rather than trapping the cursor, the
 * field's help with its codes and keys, a reader for whole answers, and a
 * list of what is missing or wrong before submit. Every field is saved as
 * the cursor leaves it.
 */
#ifndef CD_TUI_FORMEDIT_H
#define CD_TUI_FORMEDIT_H

#include "common/buf.h"
#include "casework/tasks.h"
#include "common/status.h"
#include "forms/fill.h"
#include "tui/fieldedit.h"
#include "tui/keymap.h"
#include "tui/lineedit.h"
#include "tui/pager.h"
#include "tui/textedit.h"
#include "tui/textview.h"

/* One line of the editor: a field (with its row) or a group heading. */
struct fe_line {
	const struct formfield *ff;
	int row;
	int heading;		/* the group's heading line */
};

/* An answer that did not check, kept as typed until it is fixed. */
struct fe_kept {
	char *field;
	int row;
	char *text;
	char *msg;
};

/* What covers the field list, if anything. */
enum fe_overlay {
	FE_NONE,
	FE_WRITE,		/* the narrative editor */
	FE_READ,		/* reading a whole answer */
	FE_HELP			/* the field's help, codes and keys */
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
	struct fieldedit fe;	/* the field being edited */
	struct buf note;	/* the narrative being written */
	int note_dirty;
	enum fe_overlay overlay;
	enum fe_overlay under;	/* what the help was opened over */
	struct textedit writer;	/* the narrative, wrapped, with its cursor */
	struct pager pager;	/* the reader or the help */
	char title[200];	/* the narrative editor's title */
	struct fe_kept *kept;	/* answers kept as typed, not valid yet */
	size_t nkept;
	int confirm_leave;	/* 1 save before leaving?  2 leave invalid? */
	int confirm_authorise;	/* asked "authorise ...?" */
	const struct lateness *late;	/* to say what a submit started */
	int returning;		/* typing the comments to return it with */
	struct lineedit comments;
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
