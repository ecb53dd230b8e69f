/*
 * The theme: how each part of the screen that carries meaning (alerts,
 * late work, headings, the DEMO banner...) is drawn. In the spirit of
 * mutt's color and mono lines, a [colours] section gives each part a
 * foreground, a background and attributes ("alert = red default bold"),
 * and a [mono] section the attributes used when colour is off or the
 * terminal has none ("alert = bold underline"), so a vt100 still shows
 * the same things apart. The defaults are written in that syntax and
 * parsed by the same code as the user's sections.
 *
 * Screens call theme_on(part) before drawing a part and theme_off() after
 * it, or attron(theme_attr(part)) to add a part's look to another; which
 * of the two styles that is, and the colour pairs, are settled once by
 * theme_use when the terminal starts. Before that the mono defaults apply.
 * THEME_NONE is plain text, the same everywhere and not configurable.
 */
#ifndef CD_TUI_THEME_H
#define CD_TUI_THEME_H

#include <curses.h>

#include "common/cfg.h"

/*
 * Each configurable part: id, name in configuration, colour default, mono
 * default, help.
 */
#define THEME_LIST(X) \
	X(THEME_BAR, "bar", "default default reverse", "reverse", \
	  "the title bar and the status line") \
	X(THEME_HEADING, "heading", "cyan default bold", "bold", \
	  "headings over the parts of a screen") \
	X(THEME_HIGHLIGHT, "highlight", "default default reverse", "reverse", \
	  "the line under the cursor in a list") \
	X(THEME_ALERT, "alert", "red default bold", "bold underline", \
	  "alerts: child protection plan, looked after, restricted, " \
	  "missing, risk to workers") \
	X(THEME_LATE, "late", "yellow default bold", "underline", \
	  "work past its due date") \
	X(THEME_DEMO, "demo", "white red bold", "bold", \
	  "the DEMO banner in the title and status bars") \
	X(THEME_ERROR, "error", "red default bold", "bold", \
	  "messages saying something went wrong") \
	X(THEME_FIELD, "field", "default default underline", "underline", \
	  "a field or prompt being typed in")

#define THEME_ENUM(id, name, colour, mono, help) id,
enum theme_part { THEME_NONE, THEME_LIST(THEME_ENUM) THEME_COUNT };
#undef THEME_ENUM

/* One part's look: colour numbers (-1 the terminal's default), attributes. */
struct theme_style {
	short fg, bg;
	attr_t attrs;
};

struct theme {
	struct theme_style colour[THEME_COUNT];
	struct theme_style mono[THEME_COUNT];
};

/*
 * The defaults, then the user's [colours] and [mono] lines from c (NULL:
 * defaults only). Problems (an unknown part, colour or attribute, a colour
 * in [mono]) are added to c's problem list and that line is ignored.
 */
void theme_load(struct theme *th, struct cfg *c);

/*
 * Make th the active theme, after curses has started: its colours when
 * colour is set and the terminal has at least eight, otherwise its mono
 * attributes. Returns whether colour is in use.
 */
int theme_use(const struct theme *th, int colour);

/* The attributes (with the colour pair) to draw part in. */
attr_t theme_attr(enum theme_part part);

/* Draw what follows on stdscr as part (attrset: its look alone). */
void theme_on(enum theme_part part);

/* Back to plain text. */
void theme_off(void);

/* The part's name in configuration ("alert", "" for THEME_NONE) and help. */
const char *theme_part_name(enum theme_part part);
const char *theme_part_help(enum theme_part part);

/*
 * Parse one line's value: "FG BG ATTR..." for [colours] (mono = 0; both
 * colours optional, default when left out), "ATTR..." for [mono]. 0, or
 * -1 with a message naming the bad word in why.
 */
int theme_parse(const char *spec, int mono, struct theme_style *st,
    char *why, size_t len);

#endif
