#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <curses.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/xmem.h"
#include "harness.h"
#include "tui/keymap.h"

static SCREEN *sc;

void
harness_start(void)
{
	FILE *out = fopen("/dev/null", "w"), *in = fopen("/dev/null", "r");

	setlocale(LC_ALL, "C.UTF-8");
	setenv("LINES", "24", 1);
	setenv("COLUMNS", "80", 1);
	sc = newterm("vt100", out, in);
	if (sc == NULL)
		abort();
}

void
harness_stop(void)
{
	endwin();
	delscreen(sc);
}

int
harness_next_key(const char **p, char *name, unsigned long size)
{
	static const struct {
		const char *name;
		int key;
	} keys[] = { { "Tab", KEYMAP_TAB }, { "Enter", KEYMAP_ENTER },
	    { "Esc", KEYMAP_ESC }, { "Up", KEYMAP_FN(KEY_UP) },
	    { "Down", KEYMAP_FN(KEY_DOWN) }, { "BS", KEYMAP_FN(KEY_BACKSPACE) } };
	size_t n, i;

	name[0] = '\0';
	if (**p != '{')
		return (unsigned char)*(*p)++;
	n = strcspn(*p + 1, "}");
	snprintf(name, size, "%.*s", (int)n, *p + 1);
	*p += n + 2;
	for (i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if (strcmp(keys[i].name, name) == 0)
			return keys[i].key;
	return keymap_parse_key(name);
}

/* The whole screen as text, one line per row. */
static char *
screen_text(void)
{
	char row[512], *all = xcalloc((size_t)LINES * (size_t)(COLS + 2) + 1,
	    1);
	int y;

	for (y = 0; y < LINES; y++) {
		mvinnstr(y, 0, row, COLS);
		strcat(all, row);
		strcat(all, "\n");
	}
	return all;
}

int
harness_shows(const char *needle)
{
	char *all = screen_text();
	int found = strstr(all, needle) != NULL;

	free(all);
	return found;
}

static void
print_screen(void)
{
	char *all = screen_text(), *l, *save = NULL;

	for (l = strtok_r(all, "\n", &save); l; l = strtok_r(NULL, "\n",
	    &save))
		print_message("# |%s\n", l);
	free(all);
}

void
harness_expect(const char *needle)
{
	if (harness_shows(needle))
		return;
	print_screen();
	fail_msg("the screen does not show \"%s\"", needle);
}

void
harness_expect_not(const char *needle)
{
	if (!harness_shows(needle))
		return;
	print_screen();
	fail_msg("the screen still shows \"%s\"", needle);
}

int
harness_marked_row(char *out, unsigned long size)
{
	char row[512];
	int y, found = -1;

	for (y = 1; y < LINES - 1 && found < 0; y++) {
		mvinnstr(y, 0, row, COLS);
		if (row[0] == '>') {
			snprintf(out, size, "%s", row + 1);
			found = y;
		}
	}
	if (found >= 0) {
		/* The marked row must also be in reverse video (vt100). */
		int x = 2;

		while (x < COLS && (mvinch(found, x) & A_CHARTEXT) == ' ')
			x++;
		if (!(mvinch(found, x) & A_REVERSE))
			return -2;
	}
	return found;
}
