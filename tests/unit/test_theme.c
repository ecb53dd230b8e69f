/*
 * The theme: defaults and user lines parsed by one parser, every problem
 * reported, colour pairs on a colour terminal and attributes alone on a
 * monochrome one or with colour off.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/cfg.h"
#include "tui/theme.h"

/* Read ini text as a configuration file; the caller finis c. */
static void
read_ini(struct cfg *c, const char *text)
{
	char path[] = "/tmp/cdtheme.XXXXXX";
	int fd = mkstemp(path);
	FILE *f;

	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	fputs(text, f);
	fclose(f);
	cfg_init(c);
	cfg_read_file(c, path, 1);
	unlink(path);
}

/* Whether one of c's problems contains text. */
static int
has_problem(const struct cfg *c, const char *text)
{
	size_t i;

	for (i = 0; i < c->nproblems; i++)
		if (strstr(c->problems[i], text) != NULL)
			return 1;
	return 0;
}

static void
defaults_parse_cleanly(void **state)
{
	struct theme th;
	struct cfg c;

	cfg_init(&c);
	theme_load(&th, &c);
	assert_int_equal(c.nproblems, 0);
	assert_int_equal(th.colour[THEME_ALERT].fg, COLOR_RED);
	assert_int_equal(th.colour[THEME_ALERT].bg, -1);
	assert_true(th.colour[THEME_ALERT].attrs == A_BOLD);
	assert_int_equal(th.colour[THEME_DEMO].fg, COLOR_WHITE);
	assert_int_equal(th.colour[THEME_DEMO].bg, COLOR_RED);
	/* Without colour, alerts and late work still look different. */
	assert_true(th.mono[THEME_ALERT].attrs == (A_BOLD | A_UNDERLINE));
	assert_true(th.mono[THEME_LATE].attrs == A_UNDERLINE);
	assert_true(th.mono[THEME_HIGHLIGHT].attrs == A_REVERSE);
	assert_string_equal(theme_part_name(THEME_LATE), "late");
	cfg_fini(&c);
}

static void
user_lines_replace_defaults(void **state)
{
	struct theme th;
	struct cfg c;

	read_ini(&c, "[colours]\nalert = brightyellow blue underline\n"
	    "late = Magenta\nheading = colour208 default bold dim\n"
	    "[mono]\nlate = reverse bold\n");
	theme_load(&th, &c);
	assert_int_equal(c.nproblems, 0);
	assert_int_equal(th.colour[THEME_ALERT].fg, 11);
	assert_int_equal(th.colour[THEME_ALERT].bg, COLOR_BLUE);
	assert_true(th.colour[THEME_ALERT].attrs == A_UNDERLINE);
	/* A colour alone: the background is the default, no attributes. */
	assert_int_equal(th.colour[THEME_LATE].fg, COLOR_MAGENTA);
	assert_int_equal(th.colour[THEME_LATE].bg, -1);
	assert_true(th.colour[THEME_LATE].attrs == A_NORMAL);
	assert_int_equal(th.colour[THEME_HEADING].fg, 208);
	assert_true(th.colour[THEME_HEADING].attrs == (A_BOLD | A_DIM));
	assert_true(th.mono[THEME_LATE].attrs == (A_REVERSE | A_BOLD));
	/* What the user left alone keeps its default. */
	assert_true(th.mono[THEME_ALERT].attrs == (A_BOLD | A_UNDERLINE));
	assert_int_equal(th.colour[THEME_DEMO].bg, COLOR_RED);
	cfg_fini(&c);
}

static void
bad_lines_all_reported(void **state)
{
	struct theme th;
	struct cfg c;

	read_ini(&c, "[colours]\nalert = pink default\n"
	    "heading = red green blue\nglow = red\ndemo =\n"
	    "late = colour256\n"
	    "[mono]\nalert = red\nerror = sparkly\n");
	theme_load(&th, &c);
	assert_int_equal(c.nproblems, 7);
	assert_true(has_problem(&c, "[colours] alert: \"pink\" is not a "
	    "colour"));
	assert_true(has_problem(&c, "[colours] heading: \"blue\" is a third "
	    "colour"));
	assert_true(has_problem(&c, "[colours] glow: not a part of the "
	    "screen (bar, heading"));
	assert_true(has_problem(&c, "[colours] demo: is empty"));
	assert_true(has_problem(&c, "[colours] late: \"colour256\" is not"));
	assert_true(has_problem(&c, "[mono] alert: \"red\" is a colour; "
	    "[mono] takes attributes only"));
	assert_true(has_problem(&c, "[mono] error: \"sparkly\" is not an "
	    "attribute"));
	/* Bad lines are ignored: the defaults stay. */
	assert_int_equal(th.colour[THEME_ALERT].fg, COLOR_RED);
	assert_int_equal(th.colour[THEME_HEADING].fg, COLOR_CYAN);
	assert_true(th.mono[THEME_ALERT].attrs == (A_BOLD | A_UNDERLINE));
	cfg_fini(&c);
}

/* A screen of terminal type term drawing to /dev/null. */
static SCREEN *
screen_of(const char *term, FILE **out, FILE **in)
{
	SCREEN *s;

	*out = fopen("/dev/null", "w");
	*in = fopen("/dev/null", "r");
	assert_non_null(*out);
	assert_non_null(*in);
	s = newterm((char *)term, *out, *in);
	assert_non_null(s);
	set_term(s);
	return s;
}

static void
screen_done(SCREEN *s, FILE *out, FILE *in)
{
	endwin();
	delscreen(s);
	fclose(out);
	fclose(in);
}

static void
monochrome_terminal_gets_attributes(void **state)
{
	struct theme th;
	FILE *out, *in;
	SCREEN *s = screen_of("vt100", &out, &in);

	theme_load(&th, NULL);
	/* Colour asked for, but a vt100 has none. */
	assert_false(theme_use(&th, 1));
	assert_true(theme_attr(THEME_ALERT) == (A_BOLD | A_UNDERLINE));
	assert_true(theme_attr(THEME_LATE) == A_UNDERLINE);
	assert_true(theme_attr(THEME_DEMO) == A_BOLD);
	assert_int_equal(PAIR_NUMBER(theme_attr(THEME_ALERT)), 0);
	screen_done(s, out, in);
}

static void
colour_terminal_gets_colours(void **state)
{
	struct theme th;
	FILE *out, *in;
	SCREEN *s = screen_of("xterm-256color", &out, &in);
	short fg, bg;
	attr_t a;

	theme_load(&th, NULL);
	assert_true(theme_use(&th, 1));
	a = theme_attr(THEME_ALERT);
	assert_true(PAIR_NUMBER(a) > 0);
	assert_true((a & A_BOLD) != 0);
	pair_content((short)PAIR_NUMBER(a), &fg, &bg);
	assert_int_equal(fg, COLOR_RED);
	assert_int_equal(bg, -1);
	a = theme_attr(THEME_DEMO);
	pair_content((short)PAIR_NUMBER(a), &fg, &bg);
	assert_int_equal(fg, COLOR_WHITE);
	assert_int_equal(bg, COLOR_RED);
	/* Errors are red on the default too: one pair serves both. */
	assert_int_equal(PAIR_NUMBER(theme_attr(THEME_ERROR)),
	    PAIR_NUMBER(theme_attr(THEME_ALERT)));
	/* The bar keeps the terminal's colours: pair 0, reverse. */
	assert_true(theme_attr(THEME_BAR) == A_REVERSE);
	/* colour = no on the same terminal: attributes only. */
	assert_false(theme_use(&th, 0));
	assert_true(theme_attr(THEME_ALERT) == (A_BOLD | A_UNDERLINE));
	screen_done(s, out, in);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(defaults_parse_cleanly),
		cmocka_unit_test(user_lines_replace_defaults),
		cmocka_unit_test(bad_lines_all_reported),
		cmocka_unit_test(monochrome_terminal_gets_attributes),
		cmocka_unit_test(colour_terminal_gets_colours),
	};

	return cmocka_run_group_tests_name("theme", tests, NULL, NULL);
}
