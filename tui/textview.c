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
add_row(struct text_rows *r, size_t from, size_t to)
{
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 32;
		r->start = xreallocarray(r->start, r->cap, sizeof *r->start);
		r->end = xreallocarray(r->end, r->cap, sizeof *r->end);
	}
	r->start[r->n] = from;
	r->end[r->n++] = to;
}

void
text_rows_wrap(struct text_rows *r, const char *text, size_t len,
    int width)
{
	size_t at = 0;

	if (width < 1)
		width = 1;
	r->n = 0;
	for (;;) {
		size_t plen = 0, p = 0;
		char *para;

		while (at + plen < len && text[at + plen] != '\n')
			plen++;
		if (plen == 0)
			add_row(r, at, at);
		para = xstrndup(text + at, plen);
		while (p < plen) {
			size_t n = text_fit(para + p, width, 1, NULL);

			if (n == 0)
				n = 1;	/* a word longer than the width breaks */
			add_row(r, at + p, at + p + n);
			p += n;
			if (p < plen && para[p] == ' ')
				p++;	/* the space the line broke at */
		}
		free(para);
		at += plen;
		if (at >= len)
			break;
		at++;		/* the newline */
		if (at == len) {
			add_row(r, at, at);	/* the empty last paragraph */
			break;
		}
	}
}

void
text_rows_fini(struct text_rows *r)
{
	free(r->start);
	free(r->end);
	memset(r, 0, sizeof *r);
}

void
textview_set(struct textview *v, const char *text, int width)
{
	const char *s = text ? text : "";
	struct text_rows r = { 0 };
	size_t i;

	textview_fini(v);
	text_rows_wrap(&r, s, strlen(s), width);
	v->lines = xreallocarray(NULL, r.n ? r.n : 1, sizeof *v->lines);
	for (i = 0; i < r.n; i++)
		v->lines[i] = xstrndup(s + r.start[i], r.end[i] - r.start[i]);
	v->n = r.n;
	text_rows_fini(&r);
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
