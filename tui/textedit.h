/*
 * The narrative editor: a text of paragraphs (UTF-8, newlines between
 * them) wrapped at words to the width it is drawn in, as the pager and
 * tui/textview.h wrap, with a cursor anywhere inside it. It takes the
 * line editor's readline keys (tui/lineedit.h) and moves between the
 * wrapped rows with Up/Down and PgUp/PgDn, so a typo in the middle of an
 * analysis is put right where it is.
 */
#ifndef CD_TUI_TEXTEDIT_H
#define CD_TUI_TEXTEDIT_H

#include <stddef.h>

#include "common/buf.h"
#include "tui/lineedit.h"
#include "tui/textview.h"

struct textedit {
	struct buf *text;	/* the caller's, changed in place */
	size_t pos;		/* cursor: a byte offset on a character start */
	size_t top;		/* first wrapped row shown */
	int goal;		/* the column Up/Down keep to, or -1 */
	struct text_rows rows;	/* the text wrapped as it was last drawn */
};

/* Edit text (a buffer the caller owns), the cursor at its end. */
void textedit_init(struct textedit *t, struct buf *text);

/*
 * Apply one key, the text wrapped to width and rows of it shown:
 * characters and Enter (a new paragraph) insert at the cursor;
 * Left/Right, Up/Down, PgUp/PgDn move; Home/End and C-a/C-e go to the
 * start or end of the row on screen; Backspace and Delete remove a
 * character, C-u the paragraph before the cursor, C-k the paragraph after
 * it (or the newline at its end), C-w the word before it.
 */
enum lineedit_result textedit_key(struct textedit *t, int key, int width,
    int rows);

/* Draw rows wrapped rows at row, col in width cells, scrolled so the
 * cursor is in view, and place the terminal cursor on it. */
void textedit_draw(struct textedit *t, int row, int col, int width,
    int rows);

/* How far the bottom of the view is through the text, 0-100. */
int textedit_percent(const struct textedit *t, int rows);

/* The wrapped row the cursor is on (counted from 0) and its column. */
size_t textedit_cursor(struct textedit *t, int width, int *col);

/* Forget the layout (the text stays the caller's). */
void textedit_fini(struct textedit *t);

#endif
