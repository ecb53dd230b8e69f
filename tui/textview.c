#include "config.h"

#include "tui/textview.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "common/xmem.h"
#include "tui/keymap.h"
#include "tui/list.h"
#include "tui/term.h"

static void
add_line(struct textview *v, const char *s, size_t n)
{
	v->lines = xreallocarray(v->lines, v->n + 1, sizeof *v->lines);
	v->lines[v->n++] = xstrndup(s, n);
}

/* Wrap one paragraph (no newlines) at words, as the pager does. */
static void
wrap(struct textview *v, const char *para, int width)
{
	const char *p = para;

	if (*p == '\0') {
		add_line(v, "", 0);
		return;
	}
	while (*p) {
		size_t n = text_fit(p, width, 1, NULL);

		if (n == 0)
			n = 1;
		add_line(v, p, n);
		p += n;
		if (*p == ' ')
			p++;	/* the space the line broke at */
	}
}

void
textview_set(struct textview *v, const char *text, int width)
{
	const char *p = text ? text : "";

	textview_fini(v);
	if (width < 1)
		width = 1;
	for (;;) {
		size_t n = strcspn(p, "\n");
		char *para = xstrndup(p, n);

		wrap(v, para, width);
		free(para);
		if (p[n] == '\0')
			break;
		p += n + 1;
	}
}

void
textview_draw(const struct textview *v, int row, int col, int width,
    int rows)
{
	int i;

	for (i = 0; i < rows && v->top + (size_t)i < v->n; i++)
		term_text(row + i, col, width, v->lines[v->top + (size_t)i]);
}

/* The highest top that still fills the screen. */
static size_t
last_top(const struct textview *v, int rows)
{
	return v->n > (size_t)rows ? v->n - (size_t)rows : 0;
}

int
textview_key(struct textview *v, int key, int rows)
{
	long top = (long)v->top, page = rows > 1 ? rows - 1 : 1;

	switch (keymap_canonical(key)) {
	case KEYMAP_FN(KEY_UP):
		top--;
		break;
	case KEYMAP_FN(KEY_DOWN):
		top++;
		break;
	case KEYMAP_FN(KEY_PPAGE):
		top -= page;
		break;
	case KEYMAP_FN(KEY_NPAGE):
		top += page;
		break;
	case KEYMAP_FN(KEY_HOME):
		top = 0;
		break;
	case KEYMAP_FN(KEY_END):
		top = (long)last_top(v, rows);
		break;
	default:
		return 0;
	}
	if (top > (long)last_top(v, rows))
		top = (long)last_top(v, rows);
	if (top < 0)
		top = 0;
	v->top = (size_t)top;
	return 1;
}

void
textview_end(struct textview *v, int rows)
{
	v->top = last_top(v, rows);
}

int
textview_percent(const struct textview *v, int rows)
{
	size_t bottom = v->top + (size_t)rows;

	if (v->n == 0 || bottom >= v->n)
		return 100;
	return (int)(bottom * 100 / v->n);
}

void
textview_fini(struct textview *v)
{
	size_t i;

	for (i = 0; i < v->n; i++)
		free(v->lines[i]);
	free(v->lines);
	v->lines = NULL;
	v->n = v->top = 0;
}
