/*
 * cli/out.c, the one way the command line prints: it formats like printf
 * and makes every string argument visible, leaving the program's own
 * format text (its newlines included) as written.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/out.h"

static void
numbers_and_widths_as_printf(void **state)
{
	char *s;

	(void)state;
	s = cli_format("#%-7lld|%5.2f|%zu|%x|%-4d|%*d|%.*s|%%|%ld|%c", 42LL,
	    3.14159, (size_t)7, 255u, -3, 4, 9, 3, "abcdef", -5L, 'z');
	assert_string_equal(s, "#42     | 3.14|7|ff|-3  |   9|abc|%|-5|z");
	free(s);
	s = cli_format("%-6s|%6s|%.2s|", "ab", "cd", "efgh");
	assert_string_equal(s, "ab    |    cd|ef|");
	free(s);
}

static void
strings_are_made_visible_and_the_format_is_not(void **state)
{
	char *s;

	(void)state;
	s = cli_format("name: %s\n", "Eve\033[2J\033]0;t\007\r\302\233\x9b");
	assert_string_equal(s,
	    "name: Eve\\x1b[2J\\x1b]0;t\\x07\\x0d\\xc2\\x9b\\x9b\n");
	free(s);
	/* Tabs and newlines inside a value are shown too; UTF-8 is kept. */
	s = cli_format("[%s] [%c]", "a\tb\nZoë", '\033');
	assert_string_equal(s, "[a\\x09b\\x0aZoë] [\\x1b]");
	free(s);
	/* A long value is not cut. */
	{
		char big[3000];

		memset(big, 'x', sizeof big - 1);
		big[sizeof big - 1] = '\0';
		s = cli_format("<%s>", big);
		assert_int_equal(strlen(s), sizeof big + 1);
		free(s);
	}
}

static void
lines_keep_their_breaks_and_lose_their_controls(void **state)
{
	char path[] = "/tmp/cdout.XXXXXX", got[256];
	int fd = mkstemp(path), saved = dup(STDOUT_FILENO);
	FILE *f;
	size_t n;

	(void)state;
	assert_true(fd >= 0);
	fflush(stdout);
	dup2(fd, STDOUT_FILENO);
	cli_print_lines("  ", "one\r\ntwo\033[2J\tthree");
	fflush(stdout);
	dup2(saved, STDOUT_FILENO);
	close(saved);
	close(fd);
	f = fopen(path, "r");
	n = fread(got, 1, sizeof got - 1, f);
	got[n] = '\0';
	fclose(f);
	unlink(path);
	assert_string_equal(got, "one\\x0d\n  two\\x1b[2J\tthree");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(numbers_and_widths_as_printf),
		cmocka_unit_test(strings_are_made_visible_and_the_format_is_not),
		cmocka_unit_test(lines_keep_their_breaks_and_lose_their_controls),
	};

	return cmocka_run_group_tests_name("cli_out", tests, NULL, NULL);
}
