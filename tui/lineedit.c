#include "config.h"

#include "tui/lineedit.h"

#include <curses.h>
#include <limits.h>
#include <string.h>
#include <wchar.h>

#include "tui/keymap.h"
#include "tui/list.h"

void
lineedit_init(struct lineedit *e, size_t limit)
{
	e->buf[0] = '\0';
	e->len = e->pos = 0;
	e->limit = limit == 0 || limit >= LINEEDIT_MAX ? LINEEDIT_MAX - 1 :
	    limit;
}

/* Bytes of the UTF-8 character starting at p (1 for a stray byte). */
static size_t
char_len(const char *p, size_t left)
{
	size_t n = 1;

	if (left == 0)
		return 0;
	while (n < left && ((unsigned char)p[n] & 0xC0) == 0x80)
		n++;
	return n;
}

/* Offset of the character before pos. */
static size_t
prev_char(const struct lineedit *e, size_t pos)
{
	if (pos == 0)
		return 0;
	pos--;
	while (pos > 0 && ((unsigned char)e->buf[pos] & 0xC0) == 0x80)
		pos--;
	return pos;
}

void
lineedit_set(struct lineedit *e, const char *text)
{
	size_t n = strlen(text);

	if (e->limit == 0)
		e->limit = LINEEDIT_MAX - 1;
	if (n > e->limit) {
		n = e->limit;
		while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(e->buf, text, n);
	e->buf[n] = '\0';
	e->len = e->pos = n;
}

const char *
lineedit_text(const struct lineedit *e)
{
	return e->buf;
}

/* Remove the bytes [from, to) and leave the cursor at from. */
static void
cut(struct lineedit *e, size_t from, size_t to)
{
	memmove(e->buf + from, e->buf + to, e->len - to + 1);
	e->len -= to - from;
	e->pos = from;
}

/* Insert a code point at the cursor; 0, or -1 when it does not fit. */
static int
insert(struct lineedit *e, int key)
{
	char mb[MB_LEN_MAX];
	mbstate_t ps;
	size_t n;

	memset(&ps, 0, sizeof ps);
	n = wcrtomb(mb, (wchar_t)key, &ps);
	if (n == (size_t)-1 || e->len + n > e->limit)
		return -1;
	memmove(e->buf + e->pos + n, e->buf + e->pos, e->len - e->pos + 1);
	memcpy(e->buf + e->pos, mb, n);
	e->len += n;
	e->pos += n;
	return 0;
}

enum lineedit_result
lineedit_key(struct lineedit *e, int key)
{
	size_t p;

	if (e->limit == 0)
		e->limit = LINEEDIT_MAX - 1;
	switch (keymap_canonical(key)) {
	case KEYMAP_FN(KEY_LEFT):
		if (e->pos == 0)
			return LINEEDIT_MOVED;
		e->pos = prev_char(e, e->pos);
		return LINEEDIT_MOVED;
	case KEYMAP_FN(KEY_RIGHT):
		e->pos += char_len(e->buf + e->pos, e->len - e->pos);
		return LINEEDIT_MOVED;
	case 1:			/* C-a */
	case KEYMAP_FN(KEY_HOME):
		e->pos = 0;
		return LINEEDIT_MOVED;
	case 5:			/* C-e */
	case KEYMAP_FN(KEY_END):
		e->pos = e->len;
		return LINEEDIT_MOVED;
	case KEYMAP_FN(KEY_BACKSPACE):
		if (e->pos == 0)
			return LINEEDIT_MOVED;
		cut(e, prev_char(e, e->pos), e->pos);
		return LINEEDIT_CHANGED;
	case KEYMAP_FN(KEY_DC):
		if (e->pos == e->len)
			return LINEEDIT_MOVED;
		cut(e, e->pos, e->pos + char_len(e->buf + e->pos, e->len -
		    e->pos));
		return LINEEDIT_CHANGED;
	case 21:		/* C-u: to the start */
		cut(e, 0, e->pos);
		return LINEEDIT_CHANGED;
	case 11:		/* C-k: to the end */
		e->buf[e->pos] = '\0';
		e->len = e->pos;
		return LINEEDIT_CHANGED;
	case 23:		/* C-w: the word before the cursor */
		p = e->pos;
		while (p > 0 && e->buf[p - 1] == ' ')
			p--;
		while (p > 0 && e->buf[p - 1] != ' ')
			p--;
		cut(e, p, e->pos);
		return LINEEDIT_CHANGED;
	default:
		break;
	}
	if (key >= ' ' && key != 127 && key < KEYMAP_FN_BASE)
		return insert(e, key) == 0 ? LINEEDIT_CHANGED : LINEEDIT_MOVED;
	return LINEEDIT_IGNORED;
}

int
lineedit_cursor_cells(const struct lineedit *e)
{
	return text_span_cells(e->buf, 0, e->pos);
}

void
lineedit_draw(const struct lineedit *e, int row, int col, int width)
{
	size_t start = 0, end;
	int before, used, room;
	mbstate_t ps;

	if (width < 4 || row < 0 || row >= LINES)
		return;
	/* Scroll so the cursor sits inside, with a cell spare for '>'. */
	room = width - 1;
	while (text_span_cells(e->buf, start, e->pos) > room - (start > 0))
		start += char_len(e->buf + start, e->len - start);
	before = start > 0;
	move(row, col);
	clrtoeol();
	if (before)
		addch('<');
	used = before;
	memset(&ps, 0, sizeof ps);
	for (end = start; end < e->len;) {
		wchar_t wc;
		size_t n = mbrtowc(&wc, e->buf + end, e->len - end, &ps);
		int cw;

		if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
			memset(&ps, 0, sizeof ps);
			wc = L'?';
			n = 1;
		}
		if (wc < 32 || (wc >= 127 && wc < 160))
			wc = L'?';	/* a control character is shown, not sent */
		cw = wcwidth(wc) < 0 ? 1 : wcwidth(wc);
		if (used + cw > width - 1 && end + n < e->len) {
			addch('>');
			break;
		}
		if (used + cw > width)
			break;
		addnwstr(&wc, 1);
		used += cw;
		end += n;
	}
	move(row, col + before + text_span_cells(e->buf, start, e->pos));
	curs_set(1);
}
