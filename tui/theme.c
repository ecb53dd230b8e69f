#include "config.h"

#include "tui/theme.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/xmem.h"

/* Indexed by enum theme_part; THEME_NONE's row is plain and fixed. */
#define THEME_ROW(id, name, colour, mono, help) \
	{ name, colour, mono, help },
static const struct {
	const char *name;
	const char *colour;
	const char *mono;
	const char *help;
} parts[] = {
	{ "", "default default", "none", "plain text" },
	THEME_LIST(THEME_ROW)
};
#undef THEME_ROW

static const char *const colour_names[] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"
};

static const struct {
	const char *name;
	attr_t attr;
} attr_names[] = {
	{ "none", A_NORMAL }, { "normal", A_NORMAL }, { "bold", A_BOLD },
	{ "underline", A_UNDERLINE }, { "reverse", A_REVERSE },
	{ "standout", A_STANDOUT }, { "dim", A_DIM }, { "blink", A_BLINK },
};

/* What is drawn: set by theme_use, the mono defaults until then. */
static attr_t active[THEME_COUNT];
static int active_set;

const char *
theme_part_name(enum theme_part part)
{
	return part >= 0 && part < THEME_COUNT ? parts[part].name : "?";
}

const char *
theme_part_help(enum theme_part part)
{
	return part >= 0 && part < THEME_COUNT ? parts[part].help : "?";
}

/*
 * A colour word: "default" (-1), a name, "brightNAME" (8-15) or colourN /
 * colorN (0-255). The number, or -2 when the word is not a colour.
 */
static int
colour_word(const char *w)
{
	const char *num = NULL;
	size_t i;
	char *end;
	long n;

	if (!strcasecmp(w, "default"))
		return -1;
	for (i = 0; i < 8; i++) {
		if (!strcasecmp(w, colour_names[i]))
			return (int)i;
		if (!strncasecmp(w, "bright", 6) &&
		    !strcasecmp(w + 6, colour_names[i]))
			return (int)i + 8;
	}
	if (!strncasecmp(w, "colour", 6))
		num = w + 6;
	else if (!strncasecmp(w, "color", 5))
		num = w + 5;
	if (num == NULL || *num < '0' || *num > '9')
		return -2;
	n = strtol(num, &end, 10);
	return *end == '\0' && n <= 255 ? (int)n : -2;
}

/* An attribute word's bits, or 0 with *ok cleared when it is not one. */
static attr_t
attr_word(const char *w, int *ok)
{
	size_t i;

	for (i = 0; i < sizeof attr_names / sizeof attr_names[0]; i++)
		if (!strcasecmp(w, attr_names[i].name)) {
			*ok = 1;
			return attr_names[i].attr;
		}
	*ok = 0;
	return 0;
}

int
theme_parse(const char *spec, int mono, struct theme_style *st,
    char *why, size_t len)
{
	char *copy = xstrdup(spec), *save = NULL, *w;
	int ncolours = 0, rc = 0, words = 0;

	st->fg = st->bg = -1;
	st->attrs = A_NORMAL;
	for (w = strtok_r(copy, " \t", &save); w != NULL && rc == 0;
	    w = strtok_r(NULL, " \t", &save)) {
		int c = colour_word(w), ok;
		attr_t a = attr_word(w, &ok);

		words++;
		if (ok) {
			st->attrs |= a;
		} else if (c >= -1 && mono) {
			snprintf(why, len, "\"%s\" is a colour; [mono] takes "
			    "attributes only (bold, underline, reverse, "
			    "standout, dim, blink, none)", w);
			rc = -1;
		} else if (c >= -1 && ncolours < 2) {
			if (ncolours++ == 0)
				st->fg = (short)c;
			else
				st->bg = (short)c;
		} else if (c >= -1) {
			snprintf(why, len, "\"%s\" is a third colour; give "
			    "the foreground, the background, then attributes",
			    w);
			rc = -1;
		} else {
			snprintf(why, len, "\"%s\" is not %s", w, mono ?
			    "an attribute (bold, underline, reverse, "
			    "standout, dim, blink, none)" : "a colour "
			    "(default, black, red, green, yellow, blue, "
			    "magenta, cyan, white, brightred..., colour0 to "
			    "colour255) or an attribute (bold, underline, "
			    "reverse, standout, dim, blink, none)");
			rc = -1;
		}
	}
	if (rc == 0 && words == 0) {
		snprintf(why, len, "is empty; give %s", mono ? "attributes "
		    "(bold underline)" : "colours and attributes (red default "
		    "bold)");
		rc = -1;
	}
	free(copy);
	return rc;
}

/* The configurable part named name, or -1. */
static int
find_part(const char *name)
{
	int i;

	for (i = THEME_NONE + 1; i < THEME_COUNT; i++)
		if (!strcmp(parts[i].name, name))
			return i;
	return -1;
}

void
theme_load(struct theme *th, struct cfg *c)
{
	char why[400];
	size_t i;
	int p;

	for (p = 0; p < THEME_COUNT; p++) {
		/* A failure here is a bug in the table: the test suite
		 * loads the defaults and fails on any problem. */
		if (theme_parse(parts[p].colour, 0, &th->colour[p], why,
		    sizeof why) != 0 && c != NULL)
			cfg_problem(c, "defaults: [colours] %s %s",
			    parts[p].name, why);
		if (theme_parse(parts[p].mono, 1, &th->mono[p], why,
		    sizeof why) != 0 && c != NULL)
			cfg_problem(c, "defaults: [mono] %s %s",
			    parts[p].name, why);
	}
	if (c == NULL)
		return;
	for (i = 0; i < c->ntheme; i++) {
		const struct cfg_bind *b = &c->theme[i];
		int mono = !strcmp(b->context, "mono");
		struct theme_style st;

		p = find_part(b->action);
		if (p < 0) {
			char names[200] = "";

			for (p = THEME_NONE + 1; p < THEME_COUNT; p++)
				snprintf(names + strlen(names), sizeof names -
				    strlen(names), "%s%s", p > THEME_NONE + 1 ?
				    ", " : "", parts[p].name);
			cfg_problem(c, "%s: [%s] %s: not a part of the screen "
			    "(%s)", b->source, b->context, b->action, names);
			continue;
		}
		if (theme_parse(b->spec, mono, &st, why, sizeof why) != 0) {
			cfg_problem(c, "%s: [%s] %s: %s", b->source,
			    b->context, b->action, why);
			continue;
		}
		if (mono)
			th->mono[p] = st;
		else
			th->colour[p] = st;
	}
}

/*
 * A colour the terminal can show: bright colours fold onto the first
 * eight (with bold for a foreground) on an eight-colour terminal, other
 * colours it lacks become the default.
 */
static short
usable_colour(short c, int fg, attr_t *attrs)
{
	if (c < 0 || c < COLORS)
		return c;
	if (c >= 8 && c < 16) {
		if (fg)
			*attrs |= A_BOLD;
		return (short)(c - 8);
	}
	return -1;
}

int
theme_use(const struct theme *th, int colour)
{
	short pairs[THEME_COUNT][2];
	int npairs = 0, p, q, defaults = 0;

	colour = colour && has_colors() && start_color() == OK && COLORS >= 8;
	if (colour)
		defaults = use_default_colors() == OK;
	for (p = 0; p < THEME_COUNT; p++) {
		const struct theme_style *st = &th->colour[p];
		attr_t attrs = st->attrs;
		short fg, bg;
		int pair = -1;

		if (!colour) {
			active[p] = th->mono[p].attrs;
			continue;
		}
		fg = usable_colour(st->fg, 1, &attrs);
		bg = usable_colour(st->bg, 0, &attrs);
		if (fg < 0 && bg < 0) {
			active[p] = attrs;	/* pair 0: the terminal's own */
			continue;
		}
		if (!defaults) {	/* no "default": white on black */
			fg = fg < 0 ? COLOR_WHITE : fg;
			bg = bg < 0 ? COLOR_BLACK : bg;
		}
		for (q = 0; q < npairs && pair < 0; q++)
			if (pairs[q][0] == fg && pairs[q][1] == bg)
				pair = q + 1;
		if (pair < 0 && npairs + 1 < COLOR_PAIRS &&
		    init_pair((short)(npairs + 1), fg, bg) == OK) {
			pairs[npairs][0] = fg;
			pairs[npairs][1] = bg;
			pair = ++npairs;
		}
		/* Out of pairs: the mono look still says what it is. */
		active[p] = pair < 0 ? th->mono[p].attrs :
		    attrs | (attr_t)COLOR_PAIR(pair);
	}
	active_set = 1;
	return colour;
}

attr_t
theme_attr(enum theme_part part)
{
	if (!active_set) {
		struct theme th;
		int p;

		theme_load(&th, NULL);
		for (p = 0; p < THEME_COUNT; p++)
			active[p] = th.mono[p].attrs;
		active_set = 1;
	}
	return part >= 0 && part < THEME_COUNT ? active[part] : A_NORMAL;
}

void
theme_on(enum theme_part part)
{
	attrset(theme_attr(part));
}

void
theme_off(void)
{
	attrset(A_NORMAL);
}
