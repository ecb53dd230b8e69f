/*
 * A text wrapped at word boundaries (text_fit, as the pager wraps) and
 * shown a screenful at a time inside a screen: the form editor's
 * narrative while it is written, its end kept in view. Reading whole
 * texts is the pager's (tui/pager.h). A word longer than the width is
 * broken, never dropped.
 */
#ifndef CD_TUI_TEXTVIEW_H
#define CD_TUI_TEXTVIEW_H

#include <stddef.h>

/* A text's wrapped rows as byte ranges of it: [start[i], end[i]). The
 * space a row broke at, and each newline, belong to no row; an empty
 * paragraph (and a text ending in a newline) is an empty row. */
struct text_rows {
	size_t *start;
	size_t *end;
	size_t n;
	size_t cap;
};

/* Wrap len bytes of text (newlines end paragraphs) to width cells at
 * words, as the pager does (text_fit), replacing what r held. */
void text_rows_wrap(struct text_rows *r, const char *text, size_t len,
    int width);

void text_rows_fini(struct text_rows *r);

struct textview {
	char **lines;		/* wrapped lines, without their newlines */
	size_t n;
	size_t top;		/* first line shown */
};

/* Wrap text (UTF-8, newlines end paragraphs) to width cells. */
void textview_set(struct textview *v, const char *text, int width);

/* Draw rows lines from the top one at row, col, width cells each. */
void textview_draw(const struct textview *v, int row, int col, int width,
    int rows);

/* Scroll for a key (Up, Down, PgUp, PgDn, Home, End), rows being the
 * lines shown. Returns 1 if the key was one of them. */
int textview_key(struct textview *v, int key, int rows);

/* Show the last screenful. */
void textview_end(struct textview *v, int rows);

/* How far the bottom of the screen is through the text, 0-100. */
int textview_percent(const struct textview *v, int rows);

void textview_fini(struct textview *v);

#endif
