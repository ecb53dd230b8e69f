#include "config.h"

#include "tui/theme.h"

#include <curses.h>

/* Monochrome attributes: the meaning without colour. */
static attr_t
mono(enum theme_part p)
{
	switch (p) {
	case THEME_HEADING:
	case THEME_ALERT:
	case THEME_LATE:
	case THEME_ERROR:
		return A_BOLD;
	case THEME_HIGHLIGHT:
	case THEME_BAR:
	case THEME_DEMO:
		return A_REVERSE;
	default:
		return A_NORMAL;
	}
}

void
theme_on(enum theme_part p)
{
	attrset(mono(p));
}

void
theme_off(void)
{
	attrset(A_NORMAL);
}
