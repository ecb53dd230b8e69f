/*
 * A text wrapped at word boundaries to a width and shown a screenful at a
 * time: the form editor's narratives, read-only answers and field help.
 * Nothing is cut: a word longer than the width is broken, not dropped.
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

/*
 * Scroll for a key, rows being the lines shown: Up, Down, PgUp, PgDn,
 * Home, End, and with letters also j, k, Space, b, g, G. Returns 1 if
 * the key was a scrolling key.
 */
int textview_key(struct textview *v, int key, int rows, int letters);

/* Show the last screenful. */
void textview_end(struct textview *v, int rows);

/* How far the bottom of the screen is through the text, 0-100. */
int textview_percent(const struct textview *v, int rows);

/* Cells a string takes on screen (controls and bad bytes count one). */
int textview_cells(const char *s);

void textview_fini(struct textview *v);

#endif
