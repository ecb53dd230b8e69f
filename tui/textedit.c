#include "config.h"

#include "tui/textedit.h"

#include <curses.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "tui/keymap.h"
#include "tui/list.h"
#include "tui/term.h"

void
textedit_init(struct textedit *t, struct buf *text)
{
	memset(t, 0, sizeof *t);
	t->text = text;
	t->pos = text->len;
	t->goal = -1;
}

static const char *
str(const struct textedit *t)
{
	return t->text->data ? (const char *)t->text->data : "";
}

/* Wrap the text to width, as the pager and the read-only view do. */
static void
layout(struct textedit *t, int width)
{
	text_rows_wrap(&t->rows, str(t), t->text->len, width);
}

/* The row holding the cursor: the last one starting at or before it. */
static size_t
cursor_row(const struct textedit *t)
{
	size_t lo = 0, hi = t->rows.n;

	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;

		if (t->rows.start[mid] <= t->pos)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

size_t
textedit_cursor(struct textedit *t, int width, int *col)
{
	size_t r;

	layout(t, width);
	r = cursor_row(t);
	if (col)
		*col = text_span_cells(str(t), t->rows.start[r], t->pos);
	return r;
}

static size_t
next_char(const struct textedit *t, size_t pos)
{
	const unsigned char *d = t->text->data;

	if (pos >= t->text->len)
		return t->text->len;
	pos++;
	while (pos < t->text->len && (d[pos] & 0xC0) == 0x80)
		pos++;
	return pos;
}

static size_t
prev_char(const struct textedit *t, size_t pos)
{
	const unsigned char *d = t->text->data;

	if (pos == 0)
		return 0;
	pos--;
	while (pos > 0 && (d[pos] & 0xC0) == 0x80)
		pos--;
	return pos;
}

/* The offset in row r nearest the goal column without passing it. */
static size_t
at_column(const struct textedit *t, size_t r, int goal)
{
	size_t p = t->rows.start[r];

	while (p < t->rows.end[r]) {
		size_t n = next_char(t, p);

		if (text_span_cells(str(t), t->rows.start[r], n) > goal)
			break;
		p = n;
	}
	return p;
}

/* Move the cursor by delta wrapped rows, keeping to the goal column. */
static void
move_rows(struct textedit *t, long delta)
{
	long r = (long)cursor_row(t) + delta;

	if (t->goal < 0)
		t->goal = text_span_cells(str(t), t->rows.start[cursor_row(t)],
		    t->pos);
	if (r < 0)
		r = 0;
	if (r >= (long)t->rows.n)
		r = (long)t->rows.n - 1;
	t->pos = at_column(t, (size_t)r, t->goal);
}

/* Remove the bytes [from, to) and leave the cursor at from. */
static void
cut(struct textedit *t, size_t from, size_t to)
{
	struct buf *b = t->text;

	if (to <= from)
		return;
	memmove(b->data + from, b->data + to, b->len - to + 1);
	b->len -= to - from;
	t->pos = from;
}

/* Insert a code point at the cursor. */
static int
insert(struct textedit *t, int key)
{
	struct buf *b = t->text;
	char mb[MB_LEN_MAX];
	mbstate_t ps;
	size_t n, tail;

	memset(&ps, 0, sizeof ps);
	n = wcrtomb(mb, (wchar_t)key, &ps);
	if (n == (size_t)-1)
		return -1;
	tail = b->len - t->pos;
	buf_add(b, mb, n);	/* room at the end, then shift the tail */
	memmove(b->data + t->pos + n, b->data + t->pos, tail);
	memcpy(b->data + t->pos, mb, n);
	t->pos += n;
	return 0;
}

/* The start and end of the paragraph around the cursor. */
static size_t
para_start(const struct textedit *t)
{
	size_t p = t->pos;

	while (p > 0 && t->text->data[p - 1] != '\n')
		p--;
	return p;
}

static size_t
para_end(const struct textedit *t)
{
	size_t p = t->pos;

	while (p < t->text->len && t->text->data[p] != '\n')
		p++;
	return p;
}

/* The keys that edit; 0 for one that is not the editor's. */
static enum lineedit_result
edit(struct textedit *t, int key)
{
	const unsigned char *d = t->text->data;
	size_t p;

	switch (keymap_canonical(key)) {
	case KEYMAP_ENTER:
		return insert(t, '\n') == 0 ? LINEEDIT_CHANGED :
		    LINEEDIT_MOVED;
	case KEYMAP_FN(KEY_BACKSPACE):
		if (t->pos == 0)
			return LINEEDIT_MOVED;
		cut(t, prev_char(t, t->pos), t->pos);
		return LINEEDIT_CHANGED;
	case KEYMAP_FN(KEY_DC):
		if (t->pos == t->text->len)
			return LINEEDIT_MOVED;
		cut(t, t->pos, next_char(t, t->pos));
		return LINEEDIT_CHANGED;
	case 21:		/* C-u: the paragraph before the cursor */
		cut(t, para_start(t), t->pos);
		return LINEEDIT_CHANGED;
	case 11:		/* C-k: the paragraph after it, or its newline */
		p = para_end(t);
		cut(t, t->pos, p > t->pos ? p : next_char(t, t->pos));
		return LINEEDIT_CHANGED;
	case 23:		/* C-w: the word before the cursor */
		p = t->pos;
		while (p > 0 && d[p - 1] == ' ')
			p--;
		while (p > 0 && d[p - 1] != ' ' && d[p - 1] != '\n')
			p--;
		cut(t, p, t->pos);
		return LINEEDIT_CHANGED;
	default:
		break;
	}
	if (key >= ' ' && key != 127 && key < KEYMAP_FN_BASE)
		return insert(t, key) == 0 ? LINEEDIT_CHANGED : LINEEDIT_MOVED;
	return LINEEDIT_IGNORED;
}

/* Keep the cursor's row inside the rows shown. */
static void
keep_in_view(struct textedit *t, int rows)
{
	size_t r = cursor_row(t);

	if (rows < 1)
		rows = 1;
	if (r < t->top)
		t->top = r;
	if (r >= t->top + (size_t)rows)
		t->top = r - (size_t)rows + 1;
	if (t->top > 0 && t->top + (size_t)rows > t->rows.n)
		t->top = t->rows.n > (size_t)rows ? t->rows.n - (size_t)rows : 0;
}

enum lineedit_result
textedit_key(struct textedit *t, int key, int width, int rows)
{
	enum lineedit_result res = LINEEDIT_MOVED;
	long page = rows > 1 ? rows - 1 : 1;
	int vertical = 0;

	layout(t, width);
	switch (keymap_canonical(key)) {
	case KEYMAP_FN(KEY_LEFT):
		t->pos = prev_char(t, t->pos);
		break;
	case KEYMAP_FN(KEY_RIGHT):
		t->pos = next_char(t, t->pos);
		break;
	case KEYMAP_FN(KEY_UP):
		move_rows(t, -1);
		vertical = 1;
		break;
	case KEYMAP_FN(KEY_DOWN):
		move_rows(t, 1);
		vertical = 1;
		break;
	case KEYMAP_FN(KEY_PPAGE):
		move_rows(t, -page);
		vertical = 1;
		break;
	case KEYMAP_FN(KEY_NPAGE):
		move_rows(t, page);
		vertical = 1;
		break;
	case 1:			/* C-a */
	case KEYMAP_FN(KEY_HOME):
		t->pos = t->rows.start[cursor_row(t)];
		break;
	case 5:			/* C-e */
	case KEYMAP_FN(KEY_END):
		t->pos = t->rows.end[cursor_row(t)];
		break;
	default:
		res = edit(t, key);
		if (res == LINEEDIT_IGNORED)
			return res;
		layout(t, width);
		break;
	}
	if (!vertical)
		t->goal = -1;
	keep_in_view(t, rows);
	return res;
}

void
textedit_draw(struct textedit *t, int row, int col, int width, int rows)
{
	size_t r, cur;
	int i, cx;

	layout(t, width);
	keep_in_view(t, rows);
	cur = cursor_row(t);
	for (i = 0; i < rows && t->top + (size_t)i < t->rows.n; i++) {
		size_t k = t->top + (size_t)i;

		term_text_n(row + i, col, width, str(t) + t->rows.start[k],
		    t->rows.end[k] - t->rows.start[k]);
	}
	r = cur - t->top;
	cx = text_span_cells(str(t), t->rows.start[cur], t->pos);
	term_cursor(row + (int)r, col + (cx < width ? cx : width - 1));
}

int
textedit_percent(const struct textedit *t, int rows)
{
	size_t bottom = t->top + (size_t)rows;

	if (t->rows.n == 0 || bottom >= t->rows.n)
		return 100;
	return (int)(bottom * 100 / t->rows.n);
}

void
textedit_fini(struct textedit *t)
{
	text_rows_fini(&t->rows);
	t->top = 0;
}
