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
