#include "config.h"

#include "tui/fieldedit.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/buf.h"
#include "common/date.h"
#include "common/xmem.h"
#include "forms/datein.h"
#include "store/codes.h"
#include "store/record.h"
#include "tui/keymap.h"
#include "tui/list.h"
#include "tui/term.h"

#define MATCH_MAX 512
#define WORD_MAX 256
#define LIST_PAGE 6
#define KEY_CSPACE 0		/* C-space arrives as NUL */

/* A code and how well it matched: 0 the code itself, 1 the code's start,
 * 2 a word of its meaning, 3 anywhere in the meaning, 4 everything. */
struct match {
	const struct code_item *c;
	int rank;
};

static int
is_code_type(enum formfield_type t)
{
	return t == FF_TYPE_CODE || t == FF_TYPE_CODES;
}

/* Start with a value; shared by both ways in. */
static void
start(struct fieldedit *fe, enum formfield_type type, const char *label,
    const char *value)
{
	fe->type = type;
	fe->label = label;
	lineedit_init(&fe->line, 0);
	lineedit_set(&fe->line, value ? value : "");
	fe->fresh = 1;
}

void
fieldedit_form(struct fieldedit *fe, const struct fill *f,
    const struct formfield *ff, const char *value)
{
	memset(fe, 0, sizeof *fe);
	fe->fill = f;
	fe->ff = ff;
	fe->help = ff->help;
	if (ff->codes != NULL)
		fe->codes = formdef_list(f->set, ff->codes);
	start(fe, ff->type, ff->label, value);
}

/* The form type a record column is edited as. */
static enum formfield_type
column_type(enum field_type t)
{
	switch (t) {
	case FT_NOTE:
		return FF_TYPE_MULTILINE;
	case FT_DATE:
		return FF_TYPE_DATE;
	case FT_DATETIME:
		return FF_TYPE_DATETIME;
	case FT_BOOL:
		return FF_TYPE_YESNO;
	case FT_INT:
	case FT_REF:
		return FF_TYPE_NUMBER;
	case FT_CODE:
		return FF_TYPE_CODE;
	case FT_CODES:
		return FF_TYPE_CODES;
	case FT_POSTCODE:
		return FF_TYPE_POSTCODE;
	case FT_NHS:
		return FF_TYPE_NHS;
	case FT_UPN:
		return FF_TYPE_UPN;
	default:
		return FF_TYPE_TEXT;
	}
}

/* Add one store code to the column's own list (codes_each callback). */
static void
add_code(const struct code_entry *c, void *arg)
{
	struct codelist *l = arg;

	l->items = xreallocarray(l->items, l->n + 1, sizeof *l->items);
	l->items[l->n].code = xstrdup(c->code);
	l->items[l->n].label = xstrdup(c->label);
	l->n++;
}

void
fieldedit_column(struct fieldedit *fe, const struct field_def *col,
    const char *value)
{
	enum formfield_type type = column_type(col->type);

	memset(fe, 0, sizeof *fe);
	fe->col = col;
	if (is_code_type(type) && col->list != NULL) {
		codes_each(col->list, add_code, &fe->own);
		fe->codes = &fe->own;
	}
	if (type == FF_TYPE_YESNO && value != NULL)
		value = *value == '1' ? "yes" : *value == '0' ? "no" : value;
	start(fe, type, col->label, value);
}

void
fieldedit_keep(struct fieldedit *fe, const char *text, const char *msg)
{
	lineedit_set(&fe->line, text);
	fe->dirty = 1;
	fe->fresh = 0;
	snprintf(fe->msg, sizeof fe->msg, "%s", msg ? msg : "");
}

const char *
fieldedit_text(const struct fieldedit *fe)
{
	return lineedit_text(&fe->line);
}

/* Whether c is a separator between the words of a multi-code field. */
static int
is_sep(char c)
{
	return c == ' ' || c == ',';
}

/* The bytes [*from, *to) of the word being typed: the whole text (less
 * spaces round it) for one code, the word at the cursor for several. */
static void
word_span(const struct fieldedit *fe, size_t *from, size_t *to)
{
	const char *s = fe->line.buf;
	size_t a, b;

	if (fe->type == FF_TYPE_CODES) {
		a = b = fe->line.pos;
		while (a > 0 && !is_sep(s[a - 1]))
			a--;
		while (b < fe->line.len && !is_sep(s[b]))
			b++;
	} else {
		a = 0;
		b = fe->line.len;
		while (a < b && s[a] == ' ')
			a++;
		while (b > a && s[b - 1] == ' ')
			b--;
	}
	*from = a;
	*to = b;
}

/* The word being typed, as a string. */
static void
current_word(const struct fieldedit *fe, char *out, size_t len)
{
	size_t a, b;

	word_span(fe, &a, &b);
	snprintf(out, len, "%.*s", (int)(b - a), fe->line.buf + a);
}

/* How well word matches c, or -1. */
static int
rank(const struct code_item *c, const char *word)
{
	size_t n = strlen(word);
	const char *p;

	if (n == 0)
		return 4;
	if (strcasecmp(c->code, word) == 0)
		return 0;
	if (strncasecmp(c->code, word, n) == 0)
		return 1;
	for (p = c->label; *p; p++)
		if ((p == c->label || p[-1] == ' ' || p[-1] == '(' ||
		    p[-1] == '-' || p[-1] == '/') &&
		    strncasecmp(p, word, n) == 0)
			return 2;
	for (p = c->label; *p; p++)
		if (strncasecmp(p, word, n) == 0)
			return 3;
	return -1;
}

/* The codes matching word, best first, then in list order. */
static size_t
match_word(const struct fieldedit *fe, const char *word, struct match *out,
    size_t max)
{
	size_t i, n = 0;
	int r, want;

	if (fe->codes == NULL)
		return 0;
	for (want = 0; want <= 4; want++)
		for (i = 0; i < fe->codes->n; i++) {
			r = rank(&fe->codes->items[i], word);
			if (r != want)
				continue;
			if (n < max)
				out[n] = (struct match){
				    &fe->codes->items[i], r };
			n++;
		}
	return n;
}

size_t
fieldedit_matches(const struct fieldedit *fe, const struct code_item **out,
    size_t max)
{
	struct match m[MATCH_MAX];
	char word[WORD_MAX];
	size_t n, i;

	current_word(fe, word, sizeof word);
	n = match_word(fe, word, m, MATCH_MAX);
	for (i = 0; i < n && i < max && i < MATCH_MAX; i++)
		out[i] = m[i].c;
	return n;
}

/*
 * One word of a code field as a code: the code itself, the highlighted
 * row when this is the word in the open list, else the only best match.
 */
static enum cd_status
resolve_word(const struct fieldedit *fe, const char *word, int picked,
    const char **code, struct cd_err *err)
{
	struct match m[MATCH_MAX];
	size_t n = match_word(fe, word, m, MATCH_MAX), i;
	struct buf b = { 0 };

	if (n == 0)
		return cd_err_set(err, CD_ERR_INVALID, "%s: nothing matches "
		    "\"%.60s\" (Down on an empty field lists the codes)",
		    fe->label, word);
	if (picked) {
		*code = m[fe->pick < (int)n && fe->pick < MATCH_MAX ?
		    fe->pick : 0].c->code;
		return CD_OK;
	}
	if (m[0].rank == 0 || n == 1 || m[1].rank > m[0].rank) {
		*code = m[0].c->code;
		return CD_OK;
	}
	for (i = 0; i < n && i < 5 && m[i].rank == m[0].rank; i++)
		buf_addf(&b, "%s%s", i ? ", " : "", m[i].c->code);
	cd_err_set(err, CD_ERR_INVALID, "%s: \"%.40s\" could be %s%s: type "
	    "more, or choose from the list", fe->label, word, buf_str(&b),
	    n > i ? " ..." : "");
	buf_fini(&b);
	return CD_ERR_INVALID;
}

/* Add code to a "A,B" list unless it is there already. */
static void
add_once(struct buf *out, const char *code)
{
	char *have = xasprintf(",%s,", buf_str(out)), *want = xasprintf(",%s,",
	    code);

	if (strstr(have, want) == NULL)
		buf_addf(out, "%s%s", out->len ? "," : "", code);
	free(have);
	free(want);
}

/* The typed words of a code field as "A,B" codes: one code is the whole
 * text, several are the words between spaces and commas. */
static enum cd_status
resolve_codes(const struct fieldedit *fe, struct buf *out, struct cd_err *err)
{
	const char *s = fe->line.buf, *code;
	char word[WORD_MAX];
	size_t at = 0, a, cur_a, cur_b;

	word_span(fe, &cur_a, &cur_b);
	if (fe->type == FF_TYPE_CODE) {
		current_word(fe, word, sizeof word);
		if (word[0] == '\0')
			return CD_OK;
		if (resolve_word(fe, word, fe->list, &code, err) != CD_OK)
			return CD_ERR_INVALID;
		add_once(out, code);
		return CD_OK;
	}
	for (;;) {
		while (at < fe->line.len && is_sep(s[at]))
			at++;
		if (at >= fe->line.len)
			return CD_OK;
		for (a = at; at < fe->line.len && !is_sep(s[at]); at++)
			;
		snprintf(word, sizeof word, "%.*s", (int)(at - a), s + a);
		if (resolve_word(fe, word, fe->list && a == cur_a, &code,
		    err) != CD_OK)
			return CD_ERR_INVALID;
		add_once(out, code);
	}
}

/* Resolve and check the text, leaving fe->msg alone. */
static enum cd_status
resolve(const struct fieldedit *fe, char **out, struct cd_err *err)
{
	struct buf b = { 0 };
	const char *in = fe->line.buf;
	char now[DATE_TIME_LEN], quick[17];
	struct cd_err inner;
	enum cd_status code;

	*out = NULL;
	if (is_code_type(fe->type)) {
		if (resolve_codes(fe, &b, err) != CD_OK) {
			buf_fini(&b);
			return CD_ERR_INVALID;
		}
		in = buf_str(&b);
	}
	if (fe->ff != NULL)
		code = fill_check(fe->fill, fe->ff, in, out, err);
	else {
		/* A column: the quick date forms first, then the store's
		 * own check, so the message is the store's. */
		while (*in == ' ')
			in++;
		date_now(now);
		if (*in && fe->type == FF_TYPE_DATE) {
			now[10] = '\0';
			if (datein_date(in, now, quick, &inner) != CD_OK) {
				buf_fini(&b);
				return cd_err_set(err, CD_ERR_INVALID, "%s: %s",
				    fe->label, inner.msg);
			}
			in = quick;
		} else if (*in && fe->type == FF_TYPE_DATETIME) {
			now[16] = '\0';
			if (datein_datetime(in, now, quick, &inner) != CD_OK) {
				buf_fini(&b);
				return cd_err_set(err, CD_ERR_INVALID, "%s: %s",
				    fe->label, inner.msg);
			}
			in = quick;
		}
		code = store_value_check(fe->col, in, out, err);
	}
	buf_fini(&b);
	return code;
}

enum cd_status
fieldedit_value(struct fieldedit *fe, char **out, struct cd_err *err)
{
	struct cd_err mine;
	enum cd_status code;

	if (err == NULL)
		err = &mine;
	code = resolve(fe, out, err);
	if (code != CD_OK)
		snprintf(fe->msg, sizeof fe->msg, "%s", err->msg);
	else
		fe->msg[0] = '\0';
	return code;
}

/* After a change: drop a message the text no longer deserves. */
static void
recheck(struct fieldedit *fe)
{
	char *v = NULL;

	if (fe->msg[0] == '\0')
		return;
	if (resolve(fe, &v, NULL) == CD_OK)
		fe->msg[0] = '\0';
	free(v);
}

/* Put the highlighted code in place of the word being typed. */
static void
take_pick(struct fieldedit *fe)
{
	struct match m[MATCH_MAX];
	char word[WORD_MAX], *text;
	size_t n, a, b;
	const char *code;

	current_word(fe, word, sizeof word);
	n = match_word(fe, word, m, MATCH_MAX);
	fe->list = 0;
	if (n == 0)
		return;
	code = m[fe->pick < (int)n && fe->pick < MATCH_MAX ? fe->pick :
	    0].c->code;
	word_span(fe, &a, &b);
	text = xasprintf("%.*s%s%s", (int)a, fe->line.buf, code,
	    fe->line.buf + b);
	lineedit_set(&fe->line, text);
	fe->line.pos = a + strlen(code);
	free(text);
	fe->dirty = 1;
	fe->fresh = 0;
	recheck(fe);
}

int
fieldedit_claims(const struct fieldedit *fe, int key)
{
	char word[WORD_MAX];

	if (!is_code_type(fe->type) || fe->codes == NULL)
		return 0;
	key = keymap_canonical(key);
	if (key == KEY_CSPACE)
		return 1;
	if (fe->list)
		return key == KEYMAP_FN(KEY_UP) ||
		    key == KEYMAP_FN(KEY_DOWN) ||
		    key == KEYMAP_FN(KEY_PPAGE) ||
		    key == KEYMAP_FN(KEY_NPAGE) || key == KEYMAP_ENTER ||
		    (key == KEYMAP_ESC && fe->list == 2);
	current_word(fe, word, sizeof word);
	return key == KEYMAP_FN(KEY_DOWN) && word[0] == '\0';
}

/* Keys of the code list. */
static enum fieldedit_result
list_key(struct fieldedit *fe, int key)
{
	struct match m[MATCH_MAX];
	char word[WORD_MAX];
	int n;

	if (!fe->list) {
		/* Down on an empty field opens the whole list; C-space opens
		 * the matches for what is typed. */
		fe->list = 2;	/* opened by the user: Esc closes it */
		fe->pick = fe->top = 0;
		return FIELDEDIT_MOVED;
	}
	current_word(fe, word, sizeof word);
	n = (int)match_word(fe, word, m, MATCH_MAX);
	if (n > MATCH_MAX)
		n = MATCH_MAX;
	switch (key) {
	case KEYMAP_FN(KEY_UP):
		fe->pick--;
		break;
	case KEYMAP_FN(KEY_DOWN):
		fe->pick++;
		break;
	case KEYMAP_FN(KEY_PPAGE):
		fe->pick -= LIST_PAGE;
		break;
	case KEYMAP_FN(KEY_NPAGE):
		fe->pick += LIST_PAGE;
		break;
	case KEYMAP_ENTER:
		take_pick(fe);
		return FIELDEDIT_CHANGED;
	case KEY_CSPACE:
	case KEYMAP_ESC:
		fe->list = 0;
		return FIELDEDIT_MOVED;
	default:
		break;
	}
	if (fe->pick >= n)
		fe->pick = n - 1;
	if (fe->pick < 0)
		fe->pick = 0;
	return FIELDEDIT_MOVED;
}

enum fieldedit_result
fieldedit_key(struct fieldedit *fe, int key)
{
	enum lineedit_result r;
	char word[WORD_MAX];
	int k = keymap_canonical(key);

	if (fieldedit_claims(fe, key))
		return list_key(fe, k);
	if (fe->type == FF_TYPE_YESNO && k >= ' ' && k < KEYMAP_FN_BASE &&
	    k != 127) {
		if (k == 'y' || k == 'Y')
			lineedit_set(&fe->line, "yes");
		else if (k == 'n' || k == 'N')
			lineedit_set(&fe->line, "no");
		else
			return FIELDEDIT_MOVED;	/* other letters mean nothing */
		fe->fresh = 0;
		fe->dirty = 1;
		recheck(fe);
		return FIELDEDIT_CHANGED;
	}
	if (fe->fresh && k >= ' ' && k < KEYMAP_FN_BASE && k != 127)
		lineedit_set(&fe->line, "");	/* the first key replaces */
	r = lineedit_key(&fe->line, key);
	if (r == LINEEDIT_IGNORED)
		return FIELDEDIT_IGNORED;
	fe->fresh = 0;
	if (r == LINEEDIT_MOVED)
		return FIELDEDIT_MOVED;
	fe->dirty = 1;
	fe->pick = fe->top = 0;
	current_word(fe, word, sizeof word);
	if (fe->list != 2)
		fe->list = is_code_type(fe->type) && fe->codes != NULL &&
		    word[0] != '\0';
	recheck(fe);
	return FIELDEDIT_CHANGED;
}

const char *
fieldedit_hint(const struct fieldedit *fe)
{
	switch (fe->type) {
	case FF_TYPE_DATE:
		return "Dates: t today, y yesterday, +3d, -2w, +1m, dd/mm, "
		    "dd/mm/yy";
	case FF_TYPE_DATETIME:
		return "Date and time: now, t 14:30, 23/11 09:05";
	case FF_TYPE_CODE:
		return "Type a code or words of its meaning; Down lists the "
		    "codes, Enter picks";
	case FF_TYPE_CODES:
		return "Codes or words, several: pol cpis; Down lists the "
		    "codes, Enter picks";
	case FF_TYPE_YESNO:
		return "y or n";
	default:
		return NULL;
	}
}

void
fieldedit_draw(const struct fieldedit *fe, int row, int col, int width)
{
	const struct code_item *c = NULL;
	char word[WORD_MAX];
	int used;
	size_t i;

	lineedit_draw(&fe->line, row, col, width);
	if (fe->type != FF_TYPE_CODE || fe->list || fe->codes == NULL)
		return;
	current_word(fe, word, sizeof word);
	for (i = 0; i < fe->codes->n && c == NULL; i++)
		if (strcasecmp(fe->codes->items[i].code, word) == 0)
			c = &fe->codes->items[i];
	used = text_cells(fe->line.buf);
	if (c == NULL || used + 4 >= width)
		return;
	/* The code's meaning after it, dim beside what is typed. */
	attron(A_DIM);
	term_text(row, col + used + 2, width - used - 2, c->label);
	attroff(A_DIM);
	move(row, col + lineedit_cursor_cells(&fe->line));
}

/* The widest code of the first n matches, at most 10 cells. */
static int
code_width(const struct match *m, int n)
{
	int i, cw = 2;

	for (i = 0; i < n; i++)
		if ((int)strlen(m[i].c->code) > cw)
			cw = (int)strlen(m[i].c->code);
	return cw > 10 ? 10 : cw;
}

int
fieldedit_list_width(const struct fieldedit *fe)
{
	struct match m[MATCH_MAX];
	char word[WORD_MAX];
	int n, i, w = 0, cw;

	if (!fe->list)
		return 0;
	current_word(fe, word, sizeof word);
	n = (int)match_word(fe, word, m, MATCH_MAX);
	if (n > MATCH_MAX)
		n = MATCH_MAX;
	cw = code_width(m, n);
	for (i = 0; i < n; i++)
		if (text_cells(m[i].c->label) > w)
			w = text_cells(m[i].c->label);
	return n ? 2 + cw + w : 24 + (int)strlen(word);
}

int
fieldedit_list_lines(const struct fieldedit *fe)
{
	struct match m[1];
	char word[WORD_MAX];
	size_t n;

	if (!fe->list)
		return 0;
	current_word(fe, word, sizeof word);
	n = match_word(fe, word, m, 1);
	return n == 0 ? 1 : (int)n;
}

int
fieldedit_draw_list(struct fieldedit *fe, int row, int col, int width,
    int rows)
{
	struct match m[MATCH_MAX];
	char word[WORD_MAX], line[512];
	int n, shown, i, cw;

	if (!fe->list || rows < 1 || width < 8)
		return 0;
	current_word(fe, word, sizeof word);
	n = (int)match_word(fe, word, m, MATCH_MAX);
	if (n > MATCH_MAX)
		n = MATCH_MAX;
	if (n == 0) {
		snprintf(line, sizeof line, " (nothing matches \"%.40s\")",
		    word);
		mvhline(row, col, ' ', width);
		term_text(row, col, width, line);
		return 1;
	}
	shown = n <= rows ? n : rows - 1;
	if (shown < 1)
		shown = 1;
	if (fe->pick >= n)
		fe->pick = n - 1;
	if (fe->pick < fe->top)
		fe->top = fe->pick;
	if (fe->pick >= fe->top + shown)
		fe->top = fe->pick - shown + 1;
	if (fe->top > n - shown)
		fe->top = n - shown;
	cw = code_width(m, n);
	for (i = 0; i < shown; i++) {
		const struct match *x = &m[fe->top + i];
		int hi = fe->top + i == fe->pick;

		snprintf(line, sizeof line, "%c%-*s %s", hi ? '>' : ' ', cw,
		    x->c->code, x->c->label);
		if (hi)
			attron(A_REVERSE);
		mvhline(row + i, col, ' ', width);
		if (text_cells(line) > width) {
			term_text(row + i, col, width - 1, line);
			mvaddch(row + i, col + width - 1, '>');	/* more: F1 */
		} else
			term_text(row + i, col, width, line);
		if (hi)
			attroff(A_REVERSE);
	}
	if (shown < n) {
		snprintf(line, sizeof line, " %d-%d of %d (Up/Down, PgUp/PgDn)",
		    fe->top + 1, fe->top + shown, n);
		mvhline(row + shown, col, ' ', width);
		term_text(row + shown, col, width, line);
		return shown + 1;
	}
	return shown;
}

void
fieldedit_fini(struct fieldedit *fe)
{
	size_t i;

	for (i = 0; i < fe->own.n; i++) {
		free(fe->own.items[i].code);
		free(fe->own.items[i].label);
	}
	free(fe->own.items);
	memset(&fe->own, 0, sizeof fe->own);
	fe->codes = NULL;
}
