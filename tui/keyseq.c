#include "config.h"

#include "tui/keyseq.h"

/* Only for the KEY_* numbers: no curses function is called here. */
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "common/xmem.h"
#include "tui/keymap.h"

enum {
	ST_GROUND,	/* between keys */
	ST_ESC,		/* ESC seen */
	ST_CSI,		/* ESC [ and parameters or intermediates */
	ST_SS3,		/* ESC O */
	ST_LINUX,	/* ESC [ [: the linux console's F1-F5 */
	ST_EXTRA	/* the start of an added sequence that is neither */
};

#define ESC 27

/* ESC [ n ~: the vt220 editing keys and function keys, by n. */
static const struct {
	int n;
	int key;
} tilde[] = {
	{ 1, KEY_HOME }, { 2, KEY_IC }, { 3, KEY_DC }, { 4, KEY_END },
	{ 5, KEY_PPAGE }, { 6, KEY_NPAGE }, { 7, KEY_HOME }, { 8, KEY_END },
	{ 11, KEY_F(1) }, { 12, KEY_F(2) }, { 13, KEY_F(3) },
	{ 14, KEY_F(4) }, { 15, KEY_F(5) }, { 17, KEY_F(6) },
	{ 18, KEY_F(7) }, { 19, KEY_F(8) }, { 20, KEY_F(9) },
	{ 21, KEY_F(10) }, { 23, KEY_F(11) }, { 24, KEY_F(12) },
};

/* The keypad in application mode: ESC O and a letter for a character. */
static const char keypad_chars[] = "*+,-./0123456789";
static const char keypad_finals[] = "jklmnopqrstuvwxy";

void
keyseq_init(struct keyseq *ks)
{
	memset(ks, 0, sizeof *ks);
}

void
keyseq_fini(struct keyseq *ks)
{
	free(ks->extra);
	memset(ks, 0, sizeof *ks);
}

int
keyseq_add(struct keyseq *ks, const char *seq, int key)
{
	size_t len = seq ? strlen(seq) : 0, i;
	struct keyseq_extra *e;

	if (len < 2 || len > KEYSEQ_MAX || seq[0] != ESC)
		return -1;
	if (len == 2 && (seq[1] == '[' || seq[1] == 'O'))
		return -1;
	for (i = 1; i < len; i++)
		if ((unsigned char)seq[i] < 0x20 ||
		    (unsigned char)seq[i] > 0x7e)
			return -1;
	ks->extra = xreallocarray(ks->extra, ks->nextra + 1,
	    sizeof *ks->extra);
	e = &ks->extra[ks->nextra++];
	memcpy(e->seq, seq, len);
	e->len = len;
	e->key = key;
	return 0;
}

/* Queue a decoded key (the queue is drained after every feed). */
static void
emit(struct keyseq *ks, int key)
{
	if (ks->count == KEYSEQ_QUEUE)
		return;
	ks->queue[(ks->head + ks->count++) % KEYSEQ_QUEUE] = key;
}

int
keyseq_next(struct keyseq *ks, int *key)
{
	if (ks->count == 0)
		return 0;
	*key = ks->queue[ks->head];
	ks->head = (ks->head + 1) % KEYSEQ_QUEUE;
	ks->count--;
	return 1;
}

int
keyseq_pending(const struct keyseq *ks)
{
	return ks->state != ST_GROUND;
}

/* Forget the sequence so far: it is swallowed, or it has been decoded. */
static void
reset(struct keyseq *ks)
{
	ks->state = ST_GROUND;
	ks->len = 0;
	ks->bad = 0;
}

/* Keep one more byte of the sequence; past KEYSEQ_MAX it is only counted. */
static void
push(struct keyseq *ks, int c)
{
	if (ks->len < KEYSEQ_MAX)
		ks->buf[ks->len++] = (unsigned char)c;
	else
		ks->bad = 1;
}

/*
 * The added sequence the bytes so far are: its key, or -1. With prefix
 * set, report instead whether some added sequence is longer and starts so.
 */
static int
extra_match(const struct keyseq *ks, int prefix)
{
	size_t i;

	if (ks->bad)
		return -1;
	for (i = 0; i < ks->nextra; i++) {
		const struct keyseq_extra *e = &ks->extra[i];

		if (prefix ? e->len > ks->len : e->len == ks->len)
			if (memcmp(e->seq, ks->buf, ks->len) == 0)
				return prefix ? 1 : e->key;
	}
	return -1;
}

/* The first numeric parameter of a CSI sequence, or -1 when absent;
 * any beyond 1000 is 1000 (no key has one), however many digits. */
static int
first_param(const unsigned char *p, size_t len)
{
	int n = -1;
	size_t i;

	for (i = 0; i < len && p[i] >= '0' && p[i] <= '9'; i++)
		if ((n = (n < 0 ? 0 : n * 10) + (p[i] - '0')) > 1000)
			n = 1000;
	return n;
}

/* The finals ESC [ and ESC O share: arrows, Home, End, F1-F4; or -1. */
static int
shared_final(int final)
{
	switch (final) {
	case 'A': case 'a':	return KEYMAP_FN(KEY_UP);
	case 'B': case 'b':	return KEYMAP_FN(KEY_DOWN);
	case 'C': case 'c':	return KEYMAP_FN(KEY_RIGHT);
	case 'D': case 'd':	return KEYMAP_FN(KEY_LEFT);
	case 'H':		return KEYMAP_FN(KEY_HOME);
	case 'F':		return KEYMAP_FN(KEY_END);
	case 'P': case 'Q': case 'R': case 'S':
		return KEYMAP_FN(KEY_F(1 + final - 'P'));
	default:
		return -1;
	}
}

/* A finished ESC [ ... final: its key, or -1 for one we do not know. */
static int
decode_csi(const struct keyseq *ks)
{
	const unsigned char *p = ks->buf + 2;
	size_t np = ks->len - 3, i;
	int final = ks->buf[ks->len - 1], n, key;

	/* Private parameters (< = > ?) and intermediates are reports and
	 * modes, never keys. */
	for (i = 0; i < np; i++)
		if (p[i] < '0' || p[i] > ';')
			return -1;
	if ((key = shared_final(final)) >= 0)
		return key;
	if (final == 'Z')
		return KEYMAP_FN(KEY_BTAB);
	/* ~ ends the vt220 keys; rxvt ends them shifted with $, with Ctrl
	 * with ^, with both with @. */
	if (final != '~' && final != '$' && final != '^' && final != '@')
		return -1;
	n = first_param(p, np);
	for (i = 0; i < sizeof tilde / sizeof tilde[0]; i++)
		if (tilde[i].n == n)
			return KEYMAP_FN(tilde[i].key);
	return -1;
}

/* A finished ESC O ... final: its key, or -1. */
static int
decode_ss3(const struct keyseq *ks)
{
	int final = ks->buf[ks->len - 1], key;
	const char *k;

	if ((key = shared_final(final)) >= 0)
		return key;
	if (final == 'M')
		return KEYMAP_ENTER;
	if (final == 'X')
		return '=';
	if (ks->len == 3 && (k = strchr(keypad_finals, final)) != NULL)
		return keypad_chars[k - keypad_finals];
	return -1;
}

/* A sequence ended with key (or -1: swallowed). */
static void
finish(struct keyseq *ks, int key)
{
	if (key >= 0 && !ks->bad)
		emit(ks, key);
	reset(ks);
}

/* Whether p holds one or more digits and nothing else. */
static int
digits_only(const unsigned char *p, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (p[i] < '0' || p[i] > '9')
			return 0;
	return len > 0;
}

/* One byte inside ESC [ (or ESC O when ss3): parameters, then a final. */
static void
feed_control(struct keyseq *ks, int c, int ss3)
{
	push(ks, c);
	if (extra_match(ks, 0) >= 0) {
		finish(ks, extra_match(ks, 0));
		return;
	}
	if (!ss3 && ks->len == 3 && c == '[') {
		ks->state = ST_LINUX;
		return;
	}
	if (c >= 0x30 && c <= 0x3f) {
		/* A parameter after an intermediate is malformed. */
		if (ks->len >= 2 && ks->buf[ks->len - 2] >= 0x20 &&
		    ks->buf[ks->len - 2] <= 0x2f)
			ks->bad = 1;
		return;
	}
	if (c == '$' && !ss3 && digits_only(ks->buf + 2, ks->len - 3)) {
		finish(ks, decode_csi(ks));	/* rxvt's shifted keys */
		return;
	}
	if (c >= 0x20 && c <= 0x2f)
		return;			/* an intermediate */
	finish(ks, ss3 ? decode_ss3(ks) : decode_csi(ks));
}

void
keyseq_feed(struct keyseq *ks, int c)
{
	if (c >= KEYMAP_FN_BASE) {
		emit(ks, c);	/* a resize does not end a sequence */
		return;
	}
	if (ks->state != ST_GROUND && ks->state != ST_ESC &&
	    (c < 0x20 || c > 0x7e)) {
		/* Not part of any sequence: what came before is swallowed,
		 * and this starts afresh (a new ESC, or a typed key). */
		reset(ks);
	}
	switch (ks->state) {
	case ST_GROUND:
		if (c == ESC) {
			ks->state = ST_ESC;
			push(ks, c);
		} else
			emit(ks, c);
		return;
	case ST_ESC:
		if (c == ESC) {		/* Esc Esc: one Esc, at once */
			emit(ks, KEYMAP_ESC);
			reset(ks);
			return;
		}
		if (c >= 0x20 && c <= 0x7e) {
			push(ks, c);
			if (extra_match(ks, 0) >= 0) {
				finish(ks, extra_match(ks, 0));
				return;
			}
			if (c == '[' || c == 'O') {
				ks->state = c == '[' ? ST_CSI : ST_SS3;
				return;
			}
			if (extra_match(ks, 1) > 0) {
				ks->state = ST_EXTRA;
				return;
			}
		}
		/* Esc, then a character that starts no sequence. */
		reset(ks);
		emit(ks, KEYMAP_ESC);
		keyseq_feed(ks, c);
		return;
	case ST_CSI:
		feed_control(ks, c, 0);
		return;
	case ST_SS3:
		feed_control(ks, c, 1);
		return;
	case ST_LINUX:
		push(ks, c);
		if (extra_match(ks, 0) >= 0)
			finish(ks, extra_match(ks, 0));
		else
			finish(ks, c >= 'A' && c <= 'E' ?
			    KEYMAP_FN(KEY_F(1 + c - 'A')) : -1);
		return;
	case ST_EXTRA:
		push(ks, c);
		if (extra_match(ks, 0) >= 0)
			finish(ks, extra_match(ks, 0));
		else if (extra_match(ks, 1) <= 0)
			finish(ks, -1);
		return;
	}
}

void
keyseq_timeout(struct keyseq *ks)
{
	if (ks->state == ST_ESC)
		emit(ks, KEYMAP_ESC);
	reset(ks);
}
