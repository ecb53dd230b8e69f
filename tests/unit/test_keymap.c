/* Unit tests for the keymap: key names, defaults, user bindings. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <curses.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "common/cfg.h"
#include "common/xmem.h"
#include "tui/keymap.h"
#include "tui/lineedit.h"

static void
key_names_round_trip(void **state)
{
	static const char *names[] = { "q", "?", "C-q", "C-l", "Enter", "Esc",
	    "Tab", "S-Tab", "Space", "Up", "Down", "PgUp", "PgDn", "Home",
	    "End", "F1", "F12", "Backspace", "Delete" };
	char out[32];
	size_t i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		int k = keymap_parse_key(names[i]);

		assert_true(k >= 0);
		keymap_format_key(k, out, sizeof out);
		assert_string_equal(out, names[i]);
	}
	assert_int_equal(keymap_parse_key("C-X"), 24);
	assert_int_equal(keymap_parse_key("Ctrl-Q"), -1);
	assert_int_equal(keymap_parse_key("F13"), -1);
	assert_int_equal(keymap_parse_key("F1x"), -1);
	assert_int_equal(keymap_parse_key(""), -1);
}

static void
defaults_load_cleanly(void **state)
{
	struct keymap km;
	struct cfg c;

	cfg_init(&c);
	keymap_load(&km, &c);
	assert_int_equal(c.nproblems, 0);
	assert_int_equal(keymap_lookup(&km, CTX_MAIN, 'q'), ACT_QUIT);
	assert_int_equal(keymap_lookup(&km, CTX_MAIN, 17), ACT_QUIT);
	assert_int_equal(keymap_lookup(&km, CTX_PAGER, 'q'), ACT_BACK);
	/* Enter arrives as CR, LF or KEY_ENTER: all the same key. */
	assert_int_equal(keymap_lookup(&km, CTX_PROMPT, '\n'), ACT_SUBMIT);
	assert_int_equal(keymap_lookup(&km, CTX_PROMPT, KEYMAP_FN(KEY_ENTER)),
	    ACT_SUBMIT);
	/* In a prompt, letters are text, not global commands. */
	assert_int_equal(keymap_lookup_in(&km, CTX_PROMPT, 'q'), ACT_NONE);
	keymap_fini(&km);
	cfg_fini(&c);
}

/* Add a user binding to c as if read from a file. */
static void
bind(struct cfg *c, const char *ctx, const char *action, const char *spec)
{
	struct cfg_bind *b;

	c->binds = xreallocarray(c->binds, c->nbinds + 1, sizeof *c->binds);
	b = &c->binds[c->nbinds++];
	b->context = xstrdup(ctx);
	b->action = xstrdup(action);
	b->spec = xstrdup(spec);
	b->source = xstrdup("user.ini");
}

static void
user_bindings_replace_defaults(void **state)
{
	struct keymap km;
	struct cfg c;
	char keys[64];

	cfg_init(&c);
	bind(&c, "global", "quit", "x C-e");
	bind(&c, "pager", "back", "none");
	keymap_load(&km, &c);
	assert_int_equal(c.nproblems, 0);
	assert_int_equal(keymap_lookup(&km, CTX_MAIN, 'x'), ACT_QUIT);
	assert_int_equal(keymap_lookup(&km, CTX_MAIN, 'q'), ACT_NONE);
	keymap_keys_for(&km, CTX_GLOBAL, ACT_QUIT, keys, sizeof keys);
	assert_string_equal(keys, "x C-e");
	keymap_keys_for(&km, CTX_PAGER, ACT_BACK, keys, sizeof keys);
	assert_string_equal(keys, "");
	keymap_fini(&km);
	cfg_fini(&c);
}

static void
bad_bindings_all_reported(void **state)
{
	struct keymap km;
	struct cfg c;
	int seen[5] = { 0 };
	size_t i;

	cfg_init(&c);
	bind(&c, "global", "quit", "none");
	bind(&c, "global", "fly", "f");
	bind(&c, "global", "help", "Ctrl-H");
	bind(&c, "sideways", "help", "h");
	bind(&c, "pager", "up", "j");	/* j is already down */
	keymap_load(&km, &c);
	for (i = 0; i < c.nproblems; i++) {
		seen[0] |= strstr(c.problems[i], "no key left to quit") != NULL;
		seen[1] |= strstr(c.problems[i], "fly: unknown action") != NULL;
		seen[2] |= strstr(c.problems[i], "unknown key name \"Ctrl-H\"")
		    != NULL;
		seen[3] |= strstr(c.problems[i], "[keys.sideways]") != NULL;
		seen[4] |= strstr(c.problems[i], "already bound to down") !=
		    NULL;
		if (strstr(c.problems[i], "no key left") == NULL)
			assert_non_null(strstr(c.problems[i], "user.ini"));
	}
	assert_true(seen[0] && seen[1] && seen[2] && seen[3] && seen[4]);
	keymap_fini(&km);
	cfg_fini(&c);
}

/* Collect dump lines into one string. */
static void
collect(const char *line, void *arg)
{
	char **all = arg;
	char *n = xasprintf("%s%s\n", *all ? *all : "", line);

	free(*all);
	*all = n;
}

static void
dump_is_config_syntax(void **state)
{
	struct keymap km;
	char *all = NULL;

	keymap_load(&km, NULL);
	keymap_dump(&km, collect, &all);
	assert_non_null(strstr(all, "[keys.global]\nquit         = q C-q"));
	assert_non_null(strstr(all, "[keys.prompt]"));
	free(all);
	keymap_fini(&km);
}

/* Feed keys to a line editor. */
static void
edit(struct lineedit *e, const int *keys, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		lineedit_key(e, keys[i]);
}

static void
line_editor_takes_the_readline_keys(void **state)
{
	struct lineedit e;
	const int left = KEYMAP_FN(KEY_LEFT), del = KEYMAP_FN(KEY_DC);
	const int bs = KEYMAP_FN(KEY_BACKSPACE);

	lineedit_init(&e, 0);
	lineedit_set(&e, "Headteacher Gospel Oak");
	/* C-w eats the word before the cursor, and its space. */
	lineedit_key(&e, 23);
	assert_string_equal(lineedit_text(&e), "Headteacher Gospel ");
	/* C-a then Delete removes the first character; typing inserts. */
	edit(&e, (int[]){ 1, del, 'h' }, 3);
	assert_string_equal(lineedit_text(&e), "headteacher Gospel ");
	/* C-e, Left twice, C-k cuts to the end; C-u to the start. */
	edit(&e, (int[]){ 5, left, left, 11 }, 4);
	assert_string_equal(lineedit_text(&e), "headteacher Gospe");
	edit(&e, (int[]){ left, left, left, left, left, 21 }, 6);
	assert_string_equal(lineedit_text(&e), "Gospe");
	/* Backspace at the start changes nothing; a function key is ours. */
	assert_int_equal(lineedit_key(&e, bs), LINEEDIT_MOVED);
	assert_int_equal(lineedit_key(&e, KEYMAP_FN(KEY_F(3))),
	    LINEEDIT_IGNORED);
	assert_string_equal(lineedit_text(&e), "Gospe");
}

static void
line_editor_keeps_utf8_whole(void **state)
{
	struct lineedit e;

	lineedit_init(&e, 6);
	lineedit_set(&e, "Zo\xc3\xab");		/* Zoe with a diaeresis */
	assert_int_equal(lineedit_cursor_cells(&e), 3);
	lineedit_key(&e, KEYMAP_FN(KEY_LEFT));
	assert_int_equal(lineedit_cursor_cells(&e), 2);
	lineedit_key(&e, KEYMAP_FN(KEY_DC));	/* the two-byte letter goes */
	assert_string_equal(lineedit_text(&e), "Zo");
	/* The limit is in bytes: a letter that does not fit is refused. */
	lineedit_set(&e, "abcde");
	lineedit_key(&e, 0xeb);
	assert_string_equal(lineedit_text(&e), "abcde");
	lineedit_set(&e, "abcd\xc3\xab\xc3\xab");	/* cut on a boundary */
	assert_string_equal(lineedit_text(&e), "abcd\xc3\xab");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(key_names_round_trip),
		cmocka_unit_test(defaults_load_cleanly),
		cmocka_unit_test(user_bindings_replace_defaults),
		cmocka_unit_test(bad_bindings_all_reported),
		cmocka_unit_test(dump_is_config_syntax),
		cmocka_unit_test(line_editor_takes_the_readline_keys),
		cmocka_unit_test(line_editor_keeps_utf8_whole),
	};

	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests_name("keymap", tests, NULL, NULL);
}
