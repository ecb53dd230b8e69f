#include "config.h"

#include "tui/pager.h"

#include <ctype.h>
#include <curses.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/xmem.h"
#include "tui/list.h"
#include "tui/term.h"

#define BODY_TOP 1

void
pager_init(struct pager *p, const char *title)
{
	memset(p, 0, sizeof *p);
	snprintf(p->title, sizeof p->title, "%s", title);
	lineedit_init(&p->find, sizeof p->needle - 1);
	p->hit_row = SIZE_MAX;
}

/* Add one source line (no newlines) with its continuation indent. */
static void
add_src(struct pager *p, enum theme_part look, int hang, char *text)
{
	size_t i;

	for (i = 0; text[i]; i++)	/* tabs and controls: one space */
		if ((unsigned char)text[i] < ' ')
			text[i] = ' ';
	p->src = xreallocarray(p->src, p->nsrc + 1, sizeof *p->src);
	p->src[p->nsrc].text = text;
	p->src[p->nsrc].look = look;
	p->src[p->nsrc].hang = hang;
	p->nsrc++;
	p->width = 0;		/* wrap again */
}

void
pager_add(struct pager *p, enum theme_part look, const char *fmt, ...)
{
	va_list ap;
	char *text;

	va_start(ap, fmt);
	text = xvasprintf(fmt, ap);
	va_end(ap);
	add_src(p, look, (int)strspn(text, " "), text);
}

void
pager_add_text(struct pager *p, enum theme_part look, int indent,
    const char *text)
{
	const char *s = text;

	do {
		size_t n = strcspn(s, "\n");

		add_src(p, look, indent, xasprintf("%*s%.*s", indent, "",
		    (int)n, s));
		s += n;
	} while (*s++ == '\n' && *s != '\0');
}

void
pager_add_field(struct pager *p, int width, const char *label,
    const char *value)
{
	add_src(p, THEME_NONE, width + 1, xasprintf("%-*s %s", width, label,
	    value && *value ? value : "-"));
}

void
pager_add_key(struct pager *p, const char *keys, const char *help)
{
	add_src(p, THEME_NONE, 21, xasprintf("  %-18s %s", keys, help));
}

/* Wrap every source line into rows of width cells. */
static void
wrap(struct pager *p, int width)
{
	size_t i;

	free(p->rows);
	p->rows = NULL;
	p->nrows = 0;
	p->width = width;
	for (i = 0; i < p->nsrc; i++) {
		const char *t = p->src[i].text;
		size_t off = 0, len = strlen(t);
		int indent = 0, hang = p->src[i].hang;

		if (hang > width / 2)
			hang = width / 2;
		do {
			size_t n = text_fit(t + off, width - indent, 1, NULL);

			if (n == 0 && off < len)
				n = 1;
			p->rows = xreallocarray(p->rows, p->nrows + 1,
			    sizeof *p->rows);
			p->rows[p->nrows++] = (struct pager_row){ i, off, n,
			    indent };
			off += n;
			while (off < len && t[off] == ' ')
				off++;
			indent = hang;
		} while (off < len);
	}
}

/* Rows of the body. */
static size_t
body_rows(void)
{
	return LINES > 3 ? (size_t)(LINES - 3) : 1;
}

/* The first row at or after from whose text holds the needle. */
static size_t
find_from(const struct pager *p, size_t from)
{
	size_t i, n = strlen(p->needle);

	for (i = from; i < p->nrows; i++) {
		const struct pager_row *r = &p->rows[i];
		const char *t = p->src[r->src].text + r->off;
		size_t k;

		for (k = 0; k + n <= r->len; k++)
			if (strncasecmp(t + k, p->needle, n) == 0)
				return i;
	}
	return SIZE_MAX;
}

/* Look for the needle after the last match (or the top), and show it. */
static void
find_next(struct pager *p)
{
	size_t from = p->hit_row == SIZE_MAX ? p->top : p->hit_row + 1;
	size_t at;

	if (p->needle[0] == '\0') {
		snprintf(p->msg, sizeof p->msg, "Press / and type what to find.");
		return;
	}
	at = find_from(p, from);
	if (at == SIZE_MAX && from > 0) {
		at = find_from(p, 0);
		if (at != SIZE_MAX)
			snprintf(p->msg, sizeof p->msg, "From the top: "
			    "\"%.60s\"", p->needle);
	} else
		p->msg[0] = '\0';
	if (at == SIZE_MAX) {
		snprintf(p->msg, sizeof p->msg, "\"%.60s\" is not here.",
		    p->needle);
		p->hit_row = SIZE_MAX;
		return;
	}
	p->hit_row = at;
	if (at < p->top || at >= p->top + body_rows())
		p->top = at > 2 ? at - 2 : 0;
}

/* Keep top inside the text. */
static void
clamp(struct pager *p)
{
	size_t rows = body_rows();

	if (p->nrows <= rows)
		p->top = 0;
	else if (p->top > p->nrows - rows)
		p->top = p->nrows - rows;
}

int
pager_key(struct pager *p, const struct keymap *km, int key)
{
	size_t page = body_rows() > 1 ? body_rows() - 1 : 1;

	if (p->width != COLS)
		wrap(p, COLS);
	if (p->finding) {
		int k = keymap_canonical(key);

		if (k == KEYMAP_ESC) {
			p->finding = 0;
			p->msg[0] = '\0';
		} else if (k == KEYMAP_ENTER) {
			p->finding = 0;
			if (lineedit_text(&p->find)[0]) {
				snprintf(p->needle, sizeof p->needle, "%s",
				    lineedit_text(&p->find));
				p->hit_row = SIZE_MAX;
			}
			find_next(p);
		} else
			lineedit_key(&p->find, key);
		return 1;
	}
	p->msg[0] = '\0';
	switch (keymap_lookup_in(km, CTX_PAGER, key)) {
	case ACT_DOWN:
		p->top++;
		break;
	case ACT_UP:
		if (p->top > 0)
			p->top--;
		break;
	case ACT_PAGE_DOWN:
		if (p->top + body_rows() >= p->nrows)
			snprintf(p->msg, sizeof p->msg, "This is the end: Esc "
			    "goes back.");
		p->top += page;
		break;
	case ACT_PAGE_UP:
		p->top = p->top > page ? p->top - page : 0;
		break;
	case ACT_TOP:
		p->top = 0;
		break;
	case ACT_BOTTOM:
		p->top = p->nrows;
		break;
	case ACT_FIND:
		p->finding = 1;
		lineedit_set(&p->find, "");
		break;
	case ACT_FIND_NEXT:
		find_next(p);
		break;
	case ACT_BACK:
		p->done = 1;
		break;
	default:
		return 0;
	}
	clamp(p);
	return 1;
}

/* Draw one row, the match (if on it) in reverse. */
static void
draw_row(const struct pager *p, size_t i, int y)
{
	const struct pager_row *r = &p->rows[i];
	const char *t = p->src[r->src].text + r->off;
	size_t n = strlen(p->needle), k;

	theme_on(p->src[r->src].look);
	term_text_n(y, r->indent, COLS - r->indent, t, r->len);
	theme_off();
	if (i != p->hit_row || n == 0)
		return;
	for (k = 0; k + n <= r->len; k++)
		if (strncasecmp(t + k, p->needle, n) == 0) {
			char *head = xstrndup(t, k);
			int before = text_cells(head);

			free(head);
			theme_on(THEME_HIGHLIGHT);
			term_text_n(y, r->indent + before, COLS, t + k, n);
			theme_off();
			return;
		}
}

void
pager_draw(struct pager *p, int demo)
{
	size_t rows = body_rows(), i;
	char status[200];

	if (p->width != COLS)
		wrap(p, COLS);
	clamp(p);
	erase();
	term_bar(0, p->title, demo ? "DEMO - NOT REAL DATA" : NULL);
	for (i = 0; i < rows && p->top + i < p->nrows; i++)
		draw_row(p, p->top + i, BODY_TOP + (int)i);
	if (p->finding) {
		term_text(LINES - 2, 0, 7, "Find: ");
		lineedit_draw(&p->find, LINES - 2, 6, COLS - 7);
	} else {
		if (p->msg[0])
			term_text(LINES - 2, 1, COLS - 2, p->msg);
		term_cursor(-1, 0);
	}
	if (p->top + rows >= p->nrows)
		snprintf(status, sizeof status, "-- end --  b back a page  "
		    "/ find  n next  Esc close");
	else
		snprintf(status, sizeof status, "-- more (%zu%%) --  Space "
		    "next page  b back  / find  n next  Esc close",
		    (p->top + rows) * 100 / (p->nrows ? p->nrows : 1));
	term_bar(LINES - 1, status, NULL);
	if (p->finding)
		lineedit_draw(&p->find, LINES - 2, 6, COLS - 7);
}

void
pager_fini(struct pager *p)
{
	size_t i;

	for (i = 0; i < p->nsrc; i++)
		free(p->src[i].text);
	free(p->src);
	free(p->rows);
	p->src = NULL;
	p->rows = NULL;
	p->nsrc = p->nrows = 0;
}
