#include "config.h"

#include "tui/textview.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "common/xmem.h"
#include "tui/keymap.h"
#include "tui/term.h"

/* The next character of s at *i: its bytes and cells. */
static size_t
next_char(const char *s, size_t i, size_t len, int *cells)
{
	mbstate_t ps;
	wchar_t wc;
	size_t n;

	memset(&ps, 0, sizeof ps);
	n = mbrtowc(&wc, s + i, len - i, &ps);
	if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
		*cells = 1;
		return 1;
	}
	*cells = wcwidth(wc) < 0 ? 1 : wcwidth(wc);
	return n;
}

int
textview_cells(const char *s)
{
	size_t i = 0, len = strlen(s);
	int w = 0, c;

	while (i < len) {
		i += next_char(s, i, len, &c);
		w += c;
	}
	return w;
}

static void
add_line(struct textview *v, const char *s, size_t n)
{
	v->lines = xreallocarray(v->lines, v->n + 1, sizeof *v->lines);
	v->lines[v->n++] = xstrndup(s, n);
}

/* Wrap one paragraph (no newlines) of len bytes. */
static void
wrap(struct textview *v, const char *s, size_t len, int width)
{
	size_t start = 0, i, space;
	int used, c;

	if (len == 0) {
		add_line(v, "", 0);
		return;
	}
	while (start < len) {
		used = 0;
		space = 0;
		for (i = start; i < len;) {
			size_t n = next_char(s, i, len, &c);

			if (used + c > width)
				break;
			if (s[i] == ' ')
				space = i;
			used += c;
			i += n;
		}
		if (i >= len) {
			add_line(v, s + start, len - start);
			return;
		}
		if (space > start) {
			add_line(v, s + start, space - start);
			start = space + 1;
		} else if (s[i] == ' ') {
			add_line(v, s + start, i - start);
			start = i + 1;
		} else {
			add_line(v, s + start, i > start ? i - start : 1);
			start = i > start ? i : start + 1;
		}
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

		wrap(v, p, n, width);
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
textview_key(struct textview *v, int key, int rows, int letters)
{
	long top = (long)v->top, page = rows > 1 ? rows - 1 : 1;

	key = keymap_canonical(key);
	if (key == KEYMAP_FN(KEY_UP) || (letters && key == 'k'))
		top--;
	else if (key == KEYMAP_FN(KEY_DOWN) || (letters && key == 'j'))
		top++;
	else if (key == KEYMAP_FN(KEY_PPAGE) || (letters && key == 'b'))
		top -= page;
	else if (key == KEYMAP_FN(KEY_NPAGE) || (letters && key == ' '))
		top += page;
	else if (key == KEYMAP_FN(KEY_HOME) || (letters && key == 'g'))
		top = 0;
	else if (key == KEYMAP_FN(KEY_END) || (letters && key == 'G'))
		top = (long)last_top(v, rows);
	else
		return 0;
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
