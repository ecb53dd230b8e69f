/*
 * Escape sequences to keys, decoded here rather than by curses so a key
 * means the same on every terminal: vt100's terminfo lacks S-Tab, PgUp,
 * Home and the rest, and an ssh link splits sequences. A pure state
 * machine: feed it what the terminal sent, one code point at a time, take
 * the keys out, and call keyseq_timeout when the wait after an unfinished
 * sequence runs out. Keys are code points, or KEYMAP_FN(KEY_x) codes for
 * named keys (tui/keymap.h); nothing here calls curses.
 *
 * It knows the arrows in both cursor modes (ESC [ A, ESC O A, with or
 * without modifier parameters), S-Tab (ESC [ Z), Home, End, Insert,
 * Delete, PgUp and PgDn (ESC [ n ~, ESC [ H / F, ESC O H / F), F1-F12
 * (ESC O P..S, ESC [ 11~..24~, the linux console's ESC [ [ A..E), keypad
 * Enter and digits in application mode (ESC O M, ESC O p..y), and any
 * strings added with keyseq_add (the terminal's own terminfo). Anything
 * else that starts ESC [ or ESC O is swallowed whole, never replayed as
 * typed keys. A lone Esc is Esc once the wait runs out; Esc Esc is one
 * Esc at once; Esc and a character that starts no sequence is Esc, then
 * that character.
 */
#ifndef CD_TUI_KEYSEQ_H
#define CD_TUI_KEYSEQ_H

#include <stddef.h>

/* Bytes of one sequence kept; a longer one is swallowed to its end. */
#define KEYSEQ_MAX 32
/* Keys decoded and not yet taken. */
#define KEYSEQ_QUEUE 8

/* One extra sequence (from terminfo) and the key it means. */
struct keyseq_extra {
	unsigned char seq[KEYSEQ_MAX];
	size_t len;
	int key;
};

struct keyseq {
	struct keyseq_extra *extra;
	size_t nextra;
	int state;			/* enum in keyseq.c */
	unsigned char buf[KEYSEQ_MAX];	/* the sequence so far, from ESC */
	size_t len;
	int bad;			/* too long or malformed: swallow */
	int queue[KEYSEQ_QUEUE];
	size_t head, count;
};

/* An empty decoder that knows the built-in sequences. */
void keyseq_init(struct keyseq *ks);

/*
 * Teach the decoder one more sequence (a terminfo key string) meaning key;
 * it wins over the built-in meaning of the same bytes. 0, or -1 when seq
 * is not an escape sequence casedesk can use (not ESC then printable
 * ASCII, too long, or just ESC [ or ESC O, which would hide every other).
 */
int keyseq_add(struct keyseq *ks, const char *seq, int key);

/*
 * Feed one input: a code point, or a KEYMAP_FN code curses decoded itself
 * (KEY_RESIZE), which passes straight through without ending a sequence.
 */
void keyseq_feed(struct keyseq *ks, int c);

/* Take the next decoded key: 1 with *key set, 0 when there is none. */
int keyseq_next(struct keyseq *ks, int *key);

/* Whether a sequence is unfinished: wait for more, then keyseq_timeout. */
int keyseq_pending(const struct keyseq *ks);

/* The wait ran out: a lone Esc becomes Esc, a partial sequence goes. */
void keyseq_timeout(struct keyseq *ks);

void keyseq_fini(struct keyseq *ks);

#endif
