/*
 * The one UTF-8 line editor: search, the message line's prompts, the form
 * editor's fields and comments. It keeps a cursor inside the text, takes
 * the readline keys and draws itself scrolled sideways so the whole value
 * can be seen and changed in any width.
 */
#ifndef CD_TUI_LINEEDIT_H
#define CD_TUI_LINEEDIT_H

#include <stddef.h>

#define LINEEDIT_MAX 4096

struct lineedit {
	char buf[LINEEDIT_MAX];	/* NUL-terminated UTF-8 */
	size_t len;		/* bytes in buf */
	size_t pos;		/* cursor, a byte offset on a character start */
	size_t limit;		/* most bytes accepted (0: LINEEDIT_MAX - 1) */
};

/* What a key did to the line. */
enum lineedit_result {
	LINEEDIT_IGNORED,	/* not an editing key: the caller's */
	LINEEDIT_MOVED,		/* the cursor moved, the text is the same */
	LINEEDIT_CHANGED	/* the text changed */
};

/* Empty the line; limit caps its bytes (0 for the most it can hold). */
void lineedit_init(struct lineedit *e, size_t limit);

/* Replace the text (cut to the limit on a character boundary), cursor at
 * the end. */
void lineedit_set(struct lineedit *e, const char *text);

/* The text (always NUL-terminated). */
const char *lineedit_text(const struct lineedit *e);

/*
 * Apply one key: printable characters insert at the cursor; Left/Right,
 * Home/End and C-a/C-e move; Backspace, Delete, C-u (to the start), C-k
 * (to the end) and C-w (the word before) delete. Keys are the client's
 * (code points, KEYMAP_FN codes); callers look up their own bindings
 * first, so a screen may take one of these keys for itself.
 */
enum lineedit_result lineedit_key(struct lineedit *e, int key);

/* The cursor's column counted in cells from the start of the text. */
int lineedit_cursor_cells(const struct lineedit *e);

/*
 * Draw the line into width cells at row, col, scrolled so the cursor is
 * in view (a '<' at the left edge says there is more before, '>' at the
 * right more after), and place the terminal cursor on it.
 */
void lineedit_draw(const struct lineedit *e, int row, int col, int width);

#endif
