#include "config.h"

#include "tui/term.h"

#include <curses.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "common/xmem.h"
#include "tui/keymap.h"
#include "tui/list.h"
#include "tui/keyseq.h"
#include "tui/list.h"
#include "tui/theme.h"

static int active;

/* The key decoder and the wait after an unfinished sequence. */
static struct keyseq keyseq;
static int escape_ms = 300;

/* The terminfo key strings merged into the decoder, and their keys. */
static const struct {
	const char *cap;
	int key;
} key_caps[] = {
	{ "kcuu1", KEY_UP }, { "kcud1", KEY_DOWN }, { "kcub1", KEY_LEFT },
	{ "kcuf1", KEY_RIGHT }, { "kcbt", KEY_BTAB }, { "khome", KEY_HOME },
	{ "kend", KEY_END }, { "kpp", KEY_PPAGE }, { "knp", KEY_NPAGE },
	{ "kdch1", KEY_DC }, { "kich1", KEY_IC }, { "kent", KEY_ENTER },
	{ "kf1", KEY_F(1) }, { "kf2", KEY_F(2) }, { "kf3", KEY_F(3) },
	{ "kf4", KEY_F(4) }, { "kf5", KEY_F(5) }, { "kf6", KEY_F(6) },
	{ "kf7", KEY_F(7) }, { "kf8", KEY_F(8) }, { "kf9", KEY_F(9) },
	{ "kf10", KEY_F(10) }, { "kf11", KEY_F(11) }, { "kf12", KEY_F(12) },
};

/*
 * The decoder: the built-in sequences, and this terminal's own key strings
 * from terminfo so an odd terminal still works.
 */
static void
keys_start(void)
{
	size_t i;

	keyseq_init(&keyseq);
	for (i = 0; i < sizeof key_caps / sizeof key_caps[0]; i++) {
		char *s = tigetstr((char *)key_caps[i].cap);

		if (s != NULL && s != (char *)-1)
			keyseq_add(&keyseq, s, KEYMAP_FN(key_caps[i].key));
	}
}

const char *
term_library_version(void)
{
	return curses_version();
}

void
term_start(struct cfg *c)
{
	struct theme th;

	initscr();
	raw();
	noecho();
	nonl();
	/* Keys are decoded here (tui/keyseq.c), not by curses. */
	keypad(stdscr, FALSE);
	intrflush(stdscr, FALSE);
	keys_start();
	escape_ms = c->escape_ms;
	/* Monochrome is the baseline: reverse, bold and underline only. */
	theme_load(&th, c);
	theme_use(&th, c->colour);
	curs_set(0);
	active = 1;
}

void
term_stop(void)
{
	if (!active)
		return;
	curs_set(1);
	endwin();
	keyseq_fini(&keyseq);
	active = 0;
}

/* The headless terminal's streams and screen (term_start_headless). */
static FILE *null_out, *null_in;
static SCREEN *null_screen;

int
term_start_headless(int lines, int cols)
{
	if ((null_out = fopen("/dev/null", "w")) == NULL ||
	    (null_in = fopen("/dev/null", "r")) == NULL ||
	    (null_screen = newterm("vt100", null_out, null_in)) == NULL) {
		term_stop_headless();
		return -1;
	}
	set_term(null_screen);
	resizeterm(lines, cols);
	return 0;
}

void
term_stop_headless(void)
{
	if (null_screen != NULL) {
		endwin();
		delscreen(null_screen);
	}
	if (null_out != NULL)
		fclose(null_out);
	if (null_in != NULL)
		fclose(null_in);
	null_screen = NULL;
	null_out = null_in = NULL;
}

int
term_active(void)
{
	return active;
}

int
term_read_key(int timeout_ms, int *key)
{
	for (;;) {
		wint_t wc;
		int rc;

		if (keyseq_next(&keyseq, key))
			return 1;
		/* Inside a sequence, wait only as long as its bytes take. */
		timeout(keyseq_pending(&keyseq) ? escape_ms : timeout_ms);
		rc = wget_wch(stdscr, &wc);
		if (rc == OK)
			keyseq_feed(&keyseq, (int)wc);
		else if (rc == KEY_CODE_YES)	/* KEY_RESIZE */
			keyseq_feed(&keyseq, KEYMAP_FN((int)wc));
		else if (keyseq_pending(&keyseq))
			keyseq_timeout(&keyseq);
		else
			return 0;
	}
}

int
term_big_enough(void)
{
	return COLS >= TERM_MIN_COLS && LINES >= TERM_MIN_LINES;
}

void
term_draw_too_small(void)
{
	char msg[128];
	const char *p = msg;
	int row = 0;

	erase();
	/* Wrapped at words to this terminal, so the size needed is read. */
	snprintf(msg, sizeof msg, "casedesk needs %dx%d; this is %dx%d. Make "
	    "it larger to carry on.", TERM_MIN_COLS, TERM_MIN_LINES, COLS,
	    LINES);
	while (*p && row < LINES) {
		size_t n = text_fit(p, COLS, 1, NULL);

		if (n == 0)
			n = 1;
		term_text_n(row++, 0, COLS, p, n);
		p += n;
		p += strspn(p, " ");
	}
}

void
term_text(int row, int col, int width, const char *text)
{
	mbstate_t ps;
	const char *p = text;
	int used = 0;

	if (row < 0 || row >= LINES || col >= COLS || width <= 0)
		return;
	if (col + width > COLS)
		width = COLS - col;
	memset(&ps, 0, sizeof ps);
	move(row, col);
	while (*p) {
		wchar_t wc;
		size_t n = mbrtowc(&wc, p, strlen(p), &ps);
		int w;

		if (n == (size_t)-1 || n == (size_t)-2) {
			wc = L'?';	/* invalid UTF-8 is shown, not trusted */
			n = 1;
			memset(&ps, 0, sizeof ps);
		}
		if (wc < 32 || (wc >= 127 && wc < 160))
			wc = L'?';
		w = wcwidth(wc);
		if (w < 0)
			w = 1;
		if (used + w > width)
			break;
		addnwstr(&wc, 1);
		used += w;
		p += n;
	}
}

void
term_text_n(int row, int col, int width, const char *text, size_t n)
{
	char *part = xstrndup(text, n);

	term_text(row, col, width, part);
	free(part);
}

void
term_bar(int row, const char *left, const char *right)
{
	int rlen = right ? (int)strlen(right) : 0;
	attr_t before;
	short pair;

	int room;

	/* A long title keeps its words: the banner shortens to DEMO. */
	if (right && rlen > 4 && strncmp(right, "DEMO", 4) == 0 &&
	    text_cells(left) > COLS - rlen - 3) {
		right = "DEMO";
		rlen = 4;
	}
	room = COLS - rlen - 3;
	attr_get(&before, &pair, NULL);
	attrset(theme_attr(THEME_BAR));
	move(row, 0);
	hline(' ', COLS);
	term_text(row, 1, room, left);
	/* Still too long: say so rather than end mid-word. */
	if (text_cells(left) > room && room > 3)
		term_text(row, room - 2, 3, "...");
	if (right) {
		/* The banner stands out of the bar, a space either side. */
		attrset(theme_attr(THEME_DEMO));
		mvaddch(row, COLS - rlen - 2, ' ');
		term_text(row, COLS - rlen - 1, rlen, right);
		mvaddch(row, COLS - 1, ' ');
	}
	attr_set(before, pair, NULL);
}

void
term_flush(int full)
{
	if (full)
		clearok(curscr, TRUE);
	wnoutrefresh(stdscr);
	doupdate();
}

int
term_utf8_append(char *buf, size_t size, int key)
{
	char mb[MB_LEN_MAX];
	mbstate_t ps;
	size_t n, len = strlen(buf);

	memset(&ps, 0, sizeof ps);
	n = wcrtomb(mb, (wchar_t)key, &ps);
	if (n == (size_t)-1 || len + n >= size)
		return -1;
	memcpy(buf + len, mb, n);
	buf[len + n] = '\0';
	return 0;
}

void
term_utf8_backspace(char *buf)
{
	size_t len = strlen(buf);

	while (len > 0 && (buf[len - 1] & 0xC0) == 0x80)
		len--;
	if (len > 0)
		len--;
	buf[len] = '\0';
}

void
term_cursor(int row, int col)
{
	if (row < 0) {
		curs_set(0);
		return;
	}
	move(row, col);
	curs_set(1);
}
