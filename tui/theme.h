/*
 * The parts of the screen that carry meaning (alerts, late work, the DEMO
 * banner...) and how each is drawn: colour from the theme on a colour
 * terminal, bold, reverse and underline everywhere else.
 */
#ifndef CD_TUI_THEME_H
#define CD_TUI_THEME_H

enum theme_part {
	THEME_NONE,
	THEME_HEADING,
	THEME_ALERT,
	THEME_LATE,
	THEME_HIGHLIGHT,
	THEME_DEMO,
	THEME_ERROR,
	THEME_BAR
};

/* Draw what follows as part p (THEME_NONE: plain). */
void theme_on(enum theme_part p);

/* Back to plain. */
void theme_off(void);

#endif
