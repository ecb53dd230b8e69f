/*
 * The key decoder against the bytes real terminals send: xterm and tmux in
 * both cursor modes, vt220-style editing keys, the linux console, rxvt,
 * and sequences split by a slow link.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <curses.h>
#include <string.h>

#include "tui/keymap.h"
#include "tui/keyseq.h"

#define UP KEYMAP_FN(KEY_UP)
#define DOWN KEYMAP_FN(KEY_DOWN)
#define LEFT KEYMAP_FN(KEY_LEFT)
#define RIGHT KEYMAP_FN(KEY_RIGHT)
#define HOME KEYMAP_FN(KEY_HOME)
#define END KEYMAP_FN(KEY_END)
#define F(n) KEYMAP_FN(KEY_F(n))
#define NONE (-1)

/* Feed bytes (as the terminal sent them) and collect what comes out. */
static size_t
feed(struct keyseq *ks, const char *bytes, int *out, size_t max)
{
	size_t n = 0;
	int key;

	for (; *bytes; bytes++) {
		keyseq_feed(ks, (unsigned char)*bytes);
		while (n < max && keyseq_next(ks, &key))
			out[n++] = key;
	}
	return n;
}

/*
 * Decode one whole stream (the wait running out at its end, as after the
 * last key typed) and compare with want, ended by NONE.
 */
static void
expect(const char *bytes, const int *want)
{
	struct keyseq ks;
	int got[64], key;
	size_t n, i;

	keyseq_init(&ks);
	n = feed(&ks, bytes, got, 64);
	keyseq_timeout(&ks);
	while (n < 64 && keyseq_next(&ks, &key))
		got[n++] = key;
	for (i = 0; want[i] != NONE; i++) {
		if (i >= n)
			fail_msg("stream %zu: key %zu missing", strlen(bytes), i);
		assert_int_equal(got[i], want[i]);
	}
	assert_int_equal(n, i);
	keyseq_fini(&ks);
}

#define EXPECT(bytes, ...) expect(bytes, (const int[]){ __VA_ARGS__, NONE })

static void
arrows_in_both_cursor_modes(void **state)
{
	/* Normal mode (vt100 without keypad transmit, what casedesk asks). */
	EXPECT("\033[A\033[B\033[C\033[D", UP, DOWN, RIGHT, LEFT);
	/* Application mode (a terminal left in it, or xterm's smkx). */
	EXPECT("\033OA\033OB\033OC\033OD", UP, DOWN, RIGHT, LEFT);
	/* xterm's modifier parameters: C-Up, S-Down, M-Right, C-S-Left. */
	EXPECT("\033[1;5A\033[1;2B\033[1;3C\033[1;6D", UP, DOWN, RIGHT, LEFT);
	/* rxvt: shifted arrows, and Ctrl arrows in SS3 form. */
	EXPECT("\033[a\033[b\033Oc\033Od", UP, DOWN, RIGHT, LEFT);
}

static void
editing_keys_in_every_form(void **state)
{
	EXPECT("\033[Z", KEYMAP_FN(KEY_BTAB));
	EXPECT("\033[1~\033[7~\033[H\033OH\033[1;5H", HOME, HOME, HOME, HOME,
	    HOME);
	EXPECT("\033[4~\033[8~\033[F\033OF", END, END, END, END);
	EXPECT("\033[2~\033[3~\033[5~\033[6~", KEYMAP_FN(KEY_IC),
	    KEYMAP_FN(KEY_DC), KEYMAP_FN(KEY_PPAGE), KEYMAP_FN(KEY_NPAGE));
	/* xterm's C-PgDn, rxvt's S-Insert and C-PgUp. */
	EXPECT("\033[6;5~\033[2$\033[5^", KEYMAP_FN(KEY_NPAGE),
	    KEYMAP_FN(KEY_IC), KEYMAP_FN(KEY_PPAGE));
	/* Keypad Enter and digits in application keypad mode. */
	EXPECT("\033OM\033Op\033Oy\033Ok", KEYMAP_ENTER, '0', '9', '+');
}

static void
function_keys_one_to_twelve(void **state)
{
	EXPECT("\033OP\033OQ\033OR\033OS", F(1), F(2), F(3), F(4));
	EXPECT("\033[11~\033[12~\033[13~\033[14~\033[15~", F(1), F(2), F(3),
	    F(4), F(5));
	/* 16 and 22 are the gaps in the vt220 numbering. */
	EXPECT("\033[17~\033[18~\033[19~\033[20~\033[21~\033[16~\033[22~"
	    "\033[23~\033[24~", F(6), F(7), F(8), F(9), F(10), F(11), F(12));
	/* The linux console's F1-F5. */
	EXPECT("\033[[A\033[[B\033[[C\033[[D\033[[E", F(1), F(2), F(3), F(4),
	    F(5));
	/* xterm's S-F1 */
	EXPECT("\033[1;2P", F(1));
}

static void
unknown_sequences_are_swallowed_whole(void **state)
{
	/* The case: nothing of ESC [ 9 9 ~ reaches the screen. */
	EXPECT("\033[99~x", 'x');
	/* Reports, private modes, bracketed paste marks, cursor style. */
	EXPECT("\033[?1;2cq\033[200~\033[201~\033[2 qj", 'q', 'j');
	EXPECT("\033[>0;276;0c", NONE);
	/* An SS3 final we do not know, and xterm's modifyOtherKeys. */
	EXPECT("\033O~\033[27;5;13~k", 'k');
	/* The linux console's unknown ESC [ [ letter. */
	EXPECT("\033[[Zp", 'p');
	/* A parameter after an intermediate is malformed: all swallowed. */
	EXPECT("\033[1!2Ao", 'o');
	/* Far longer than any key: swallowed to its final byte. */
	EXPECT("\033[1111111111111111111111111111111111111111111111111111~r",
	    'r');
	EXPECT("\033[1;1;1;1;1;1;1;1;1;1;1;1;1;1;1;1;1;1;1;1;1;1A", NONE);
	/* A number past any int, short enough to be decoded (a fuzz
	 * finding: the parameter overflowed). */
	EXPECT("\033[113333333333333316~r", 'r');
}

static void
escape_alone_twice_and_before_a_letter(void **state)
{
	struct keyseq ks;
	int got[8];

	keyseq_init(&ks);
	/* A lone Esc waits: nothing yet, then Esc when the wait runs out. */
	assert_int_equal(feed(&ks, "\033", got, 8), 0);
	assert_true(keyseq_pending(&ks));
	keyseq_timeout(&ks);
	assert_true(keyseq_next(&ks, &got[0]));
	assert_int_equal(got[0], KEYMAP_ESC);
	assert_false(keyseq_pending(&ks));
	/* Esc Esc: one Esc at once, nothing left waiting. */
	assert_int_equal(feed(&ks, "\033\033", got, 8), 1);
	assert_int_equal(got[0], KEYMAP_ESC);
	assert_false(keyseq_pending(&ks));
	/* Esc then a letter that starts no sequence: both, at once. */
	assert_int_equal(feed(&ks, "\033j", got, 8), 2);
	assert_int_equal(got[0], KEYMAP_ESC);
	assert_int_equal(got[1], 'j');
	assert_false(keyseq_pending(&ks));
	keyseq_fini(&ks);
	EXPECT("\033\t", KEYMAP_ESC, KEYMAP_TAB);
	EXPECT("\033\033\033", KEYMAP_ESC, KEYMAP_ESC);
	/* Esc before a non-ASCII letter. */
	{
		int k;

		keyseq_init(&ks);
		keyseq_feed(&ks, 27);
		keyseq_feed(&ks, 0xe9);
		assert_true(keyseq_next(&ks, &k));
		assert_int_equal(k, KEYMAP_ESC);
		assert_true(keyseq_next(&ks, &k));
		assert_int_equal(k, 0xe9);
		keyseq_fini(&ks);
	}
}

static void
a_sequence_split_by_a_slow_link(void **state)
{
	struct keyseq ks;
	int got[8];

	/* Esc, then "[B" a read later: the wait has not run out, so it is
	 * Down, and never Esc (which would close a form). */
	keyseq_init(&ks);
	assert_int_equal(feed(&ks, "\033", got, 8), 0);
	assert_true(keyseq_pending(&ks));
	assert_int_equal(feed(&ks, "[", got, 8), 0);
	assert_true(keyseq_pending(&ks));
	assert_int_equal(feed(&ks, "B", got, 8), 1);
	assert_int_equal(got[0], DOWN);
	/* Split inside the parameters. */
	assert_int_equal(feed(&ks, "\033[1;", got, 8), 0);
	assert_int_equal(feed(&ks, "5", got, 8), 0);
	assert_int_equal(feed(&ks, "A", got, 8), 1);
	assert_int_equal(got[0], UP);
	/* The wait ran out in the middle: the part is swallowed, and what
	 * comes later is typed keys of its own. */
	assert_int_equal(feed(&ks, "\033[", got, 8), 0);
	keyseq_timeout(&ks);
	assert_false(keyseq_next(&ks, &got[0]));
	assert_int_equal(feed(&ks, "B", got, 8), 1);
	assert_int_equal(got[0], 'B');
	assert_int_equal(feed(&ks, "\033O", got, 8), 0);
	keyseq_timeout(&ks);
	assert_false(keyseq_next(&ks, &got[0]));
	keyseq_fini(&ks);
}

static void
what_interrupts_a_sequence(void **state)
{
	struct keyseq ks;
	int got[8];

	/* A control character ends the sequence; it is a key itself. */
	EXPECT("\033[1\r", KEYMAP_ENTER);
	/* A new Esc starts a new sequence. */
	EXPECT("\033[1\033[A", UP);
	EXPECT("\033O\033OB", DOWN);
	/* A resize arrives between the bytes of a key: both come out. */
	keyseq_init(&ks);
	assert_int_equal(feed(&ks, "\033[", got, 8), 0);
	keyseq_feed(&ks, KEYMAP_FN(KEY_RESIZE));
	assert_true(keyseq_next(&ks, &got[0]));
	assert_int_equal(got[0], KEYMAP_FN(KEY_RESIZE));
	assert_true(keyseq_pending(&ks));
	assert_int_equal(feed(&ks, "A", got, 8), 1);
	assert_int_equal(got[0], UP);
	keyseq_fini(&ks);
	/* Text, UTF-8 included, passes through untouched. */
	keyseq_init(&ks);
	keyseq_feed(&ks, 0x4e2d);
	assert_true(keyseq_next(&ks, &got[0]));
	assert_int_equal(got[0], 0x4e2d);
	keyseq_fini(&ks);
	EXPECT("q:person 3\r", 'q', ':', 'p', 'e', 'r', 's', 'o', 'n', ' ',
	    '3', KEYMAP_ENTER);
}

static void
terminfo_strings_are_merged(void **state)
{
	struct keyseq ks;
	int got[8];

	keyseq_init(&ks);
	/* vt52's arrows are ESC and a letter, no [ or O. */
	assert_int_equal(keyseq_add(&ks, "\033A", UP), 0);
	assert_int_equal(keyseq_add(&ks, "\033B", DOWN), 0);
	/* A longer sequence of no standard shape. */
	assert_int_equal(keyseq_add(&ks, "\033#7!", F(12)), 0);
	/* A terminal whose ESC [ 1 ~ is End, not Home: terminfo wins. */
	assert_int_equal(keyseq_add(&ks, "\033[1~", END), 0);
	/* Not usable: not escape sequences, too short, controls, long. */
	assert_int_equal(keyseq_add(&ks, "\177", KEYMAP_FN(KEY_BACKSPACE)),
	    -1);
	assert_int_equal(keyseq_add(&ks, "\033[", UP), -1);
	assert_int_equal(keyseq_add(&ks, "\033O", UP), -1);
	assert_int_equal(keyseq_add(&ks, "\033\033[A", UP), -1);
	assert_int_equal(keyseq_add(&ks, NULL, UP), -1);
	assert_int_equal(keyseq_add(&ks, "\033[111111111111111111111111111111"
	    "111~", UP), -1);
	assert_int_equal(feed(&ks, "\033A\033B\033#7!\033[1~", got, 8), 4);
	assert_int_equal(got[0], UP);
	assert_int_equal(got[1], DOWN);
	assert_int_equal(got[2], F(12));
	assert_int_equal(got[3], END);
	/* The built-in ones still work beside them. */
	assert_int_equal(feed(&ks, "\033[A\033[4~", got, 8), 2);
	assert_int_equal(got[0], UP);
	assert_int_equal(got[1], END);
	/* Esc before a letter no sequence starts with is still Esc, letter;
	 * a started one that goes wrong is swallowed. */
	assert_int_equal(feed(&ks, "\033x", got, 8), 2);
	assert_int_equal(got[0], KEYMAP_ESC);
	assert_int_equal(got[1], 'x');
	assert_int_equal(feed(&ks, "\033#8k", got, 8), 1);
	assert_int_equal(got[0], 'k');
	keyseq_fini(&ks);
	/* Without them, vt52's Up is Esc then A. */
	EXPECT("\033A", KEYMAP_ESC, 'A');
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(arrows_in_both_cursor_modes),
		cmocka_unit_test(editing_keys_in_every_form),
		cmocka_unit_test(function_keys_one_to_twelve),
		cmocka_unit_test(unknown_sequences_are_swallowed_whole),
		cmocka_unit_test(escape_alone_twice_and_before_a_letter),
		cmocka_unit_test(a_sequence_split_by_a_slow_link),
		cmocka_unit_test(what_interrupts_a_sequence),
		cmocka_unit_test(terminfo_strings_are_merged),
	};

	return cmocka_run_group_tests_name("keyseq", tests, NULL, NULL);
}
