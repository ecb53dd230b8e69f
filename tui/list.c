#include "config.h"

#include "tui/list.h"

#include <curses.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "common/xmem.h"
#include "tui/term.h"
#include "tui/theme.h"

/* Text starts after the marker column and a space. */
#define TEXT_COL 2

int
list_selectable(const struct line *l)
{
	return l->kind != LN_HEAD && l->kind != LN_BLANK;
}

struct line *
list_add(struct list *li, enum line_kind kind, const char *fmt, ...)
{
	struct line *l;
	va_list ap;
	char *text;

	va_start(ap, fmt);
	text = xvasprintf(fmt, ap);
	va_end(ap);
	li->l = xreallocarray(li->l, li->n + 1, sizeof *li->l);
	l = &li->l[li->n++];
	memset(l, 0, sizeof *l);
	l->text = text;
	l->kind = kind;
	l->look = kind == LN_HEAD ? LOOK_HEAD : LOOK_PLAIN;
	return l;
}

void
list_blank(struct list *li)
{
	list_add(li, LN_BLANK, "%s", "");
}

struct line *
list_current(struct list *li)
{
	if (li->cur >= li->n || !list_selectable(&li->l[li->cur]))
		return NULL;
	return &li->l[li->cur];
}

void
list_home(struct list *li, size_t i)
{
	for (; i < li->n; i++)
		if (list_selectable(&li->l[i])) {
			li->cur = i;
			return;
		}
	/* Nothing after i: the last selectable line before it, if any. */
	while (i-- > 0)
		if (i < li->n && list_selectable(&li->l[i])) {
			li->cur = i;
			return;
		}
	li->cur = 0;
}

void
list_move(struct list *li, long delta)
{
	size_t i = li->cur;

	while (delta > 0 && i + 1 < li->n) {
		i++;
		if (list_selectable(&li->l[i])) {
			li->cur = i;
			delta--;
		}
	}
	while (delta < 0 && i > 0) {
		i--;
		if (list_selectable(&li->l[i])) {
			li->cur = i;
			delta++;
		}
	}
	/* Past a heading at the very top: show it too. */
	if (li->cur < li->top)
		li->top = li->cur;
}

int
text_cells(const char *s)
{
	int w = 0;

	text_fit(s, 1 << 30, 0, &w);
	return w;
}

int
text_span_cells(const char *s, size_t from, size_t to)
{
	mbstate_t ps;
	int w = 0;

	memset(&ps, 0, sizeof ps);
	while (from < to) {
		wchar_t wc;
		size_t n = mbrtowc(&wc, s + from, to - from, &ps);
		int cw;

		if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
			memset(&ps, 0, sizeof ps);
			n = 1;
			cw = 1;
		} else
			cw = wcwidth(wc) < 0 ? 1 : wcwidth(wc);
		w += cw;
		from += n;
	}
	return w;
}

size_t
text_fit(const char *s, int width, int words, int *cells)
{
	mbstate_t ps;
	size_t at = 0, len = strlen(s), space = 0;
	int used = 0, space_used = 0;

	memset(&ps, 0, sizeof ps);
	while (at < len) {
		wchar_t wc;
		size_t n = mbrtowc(&wc, s + at, len - at, &ps);
		int w;

		if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
			memset(&ps, 0, sizeof ps);
			n = 1;
			w = 1;
		} else
			w = wcwidth(wc) < 0 ? 1 : wcwidth(wc);
		if (used + w > width)
			break;
		/* A space before a digit holds "020 7974 3317" or "N17 0UF"
		 * together: a wrap never splits a number. */
		if (s[at] == ' ' && !(s[at + 1] >= '0' && s[at + 1] <= '9')) {
			space = at;
			space_used = used;
		}
		used += w;
		at += n;
	}
	if (words && at < len && s[at] != ' ' && space > 0 &&
	    space_used * 3 >= width * 2) {
		at = space;
		used = space_used;
	}
	if (cells)
		*cells = used;
	return at;
}

int
list_line_cut(const struct line *l, int width)
{
	return text_cells(l->text) > width - TEXT_COL;
}

/* Rows a line takes when drawn in width columns. */
static int
line_rows(const struct line *l, int width)
{
	const char *p = l->text;
	int rows = 0, avail = width - TEXT_COL;

	if (!l->wrap)
		return 1;
	do {
		size_t n = text_fit(p, rows ? avail - 2 : avail, 1, NULL);

		if (n == 0)
			n = strlen(p) ? 1 : 0;
		p += n;
		p += strspn(p, " ");
		rows++;
	} while (*p);
	return rows;
}

/* Rows the lines [from, to] take. */
static int
span_rows(const struct list *li, size_t from, size_t to, int width)
{
	int rows = 0;

	for (; from <= to && from < li->n; from++)
		rows += line_rows(&li->l[from], width);
	return rows;
}

/* One line at row y; returns the rows it used (at most rows). */
static int
draw_line(const struct line *l, int here, int y, int rows, int width)
{
	const char *p = l->text;
	int used = 0, avail = width - TEXT_COL;

	theme_on(l->look == LOOK_HEAD ? THEME_HEADING : l->look ==
	    LOOK_ALERT ? THEME_ALERT : l->look == LOOK_LATE ? THEME_LATE :
	    THEME_NONE);
	do {
		int w = used ? avail - 2 : avail, cells;
		int col = TEXT_COL + (used ? 2 : 0);
		size_t n;

		n = text_fit(p, w, l->wrap, &cells);
		if (!l->wrap && p[n] != '\0') {
			/* Cut: end on a word, and say there is more. */
			n = text_fit(p, w - 3, 1, &cells);
		}
		term_text_n(y + used, col, w, p, n);
		if (!l->wrap && p[n] != '\0')
			term_text(y + used, col + cells, 3, "...");
		if (n == 0)
			n = strlen(p) ? 1 : 0;
		p += n;
		p += strspn(p, " ");
		used++;
	} while (l->wrap && *p && used < rows);
	theme_off();
	if (here) {
		/* The marker, and the line's first word in reverse: enough to
		 * see on a monochrome screen, few bytes to move (a whole
		 * reverse bar rewrites two rows at every keystroke). */
		const char *t = l->text + strspn(l->text, " ");
		size_t skip = (size_t)(t - l->text), lead = strcspn(t, " ");

		if (lead < 4) {
			const char *two = strstr(t, "  ");

			lead = two ? (size_t)(two - t) : strlen(t);
		}
		if (lead > 16)
			lead = text_fit(t, 16, 1, NULL);
		theme_on(THEME_HIGHLIGHT);
		mvaddch(y, 0, '>');
		term_text_n(y, TEXT_COL + (int)skip, 16, t, lead);
		theme_off();
	}
	return used;
}

int
list_draw(struct list *li, int y, int rows, int width)
{
	size_t i;
	int row = 0;

	li->rows = rows;
	if (li->n == 0)
		return 0;
	if (li->cur >= li->n)
		list_home(li, 0);
	if (li->top > li->cur)
		li->top = li->cur;
	while (li->top < li->cur && span_rows(li, li->top, li->cur, width) >
	    rows)
		li->top++;
	/* A heading just above the first line shown comes into view. */
	if (li->top > 0 && !list_selectable(&li->l[li->top - 1]) &&
	    span_rows(li, li->top - 1, li->cur, width) <= rows)
		li->top--;
	for (i = li->top; i < li->n && row < rows; i++)
		row += draw_line(&li->l[i], i == li->cur &&
		    list_selectable(&li->l[i]), y + row, rows - row, width);
	return li->top > 0 || i < li->n;
}

void
list_clear(struct list *li)
{
	size_t i;

	for (i = 0; i < li->n; i++) {
		free(li->l[i].text);
		free(li->l[i].code);
		free(li->l[i].field);
		free(li->l[i].form);
		free(li->l[i].prefill);
		free(li->l[i].team);
		free(li->l[i].who);
	}
	free(li->l);
	li->l = NULL;
	li->n = li->cur = li->top = 0;
}
