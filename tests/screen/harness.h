/* What the in-process screen scripts share: curses on /dev/null at 80x24,
 * key names in scripts, and reading the screen back. */
#ifndef CD_TESTS_SCREEN_HARNESS_H
#define CD_TESTS_SCREEN_HARNESS_H

/* Start curses drawing to /dev/null as an 80x24 vt100; and stop it. */
void harness_start(void);
void harness_stop(void);

/*
 * The next key of a script: a character, or a name in braces ("{Tab}",
 * "{C-t}"). *p moves past it; *name gets the brace name (or "").
 * Returns the key, or -1 for a name that is not a key (the caller's own,
 * such as "{wait}").
 */
int harness_next_key(const char **p, char *name, unsigned long size);

/* Fail the test, printing the screen, unless it shows needle. */
void harness_expect(const char *needle);

/* Fail the test if the screen shows needle. */
void harness_expect_not(const char *needle);

/* Whether the screen shows needle. */
int harness_shows(const char *needle);

/*
 * The row with the highlight's '>' marker (its text after the marker into
 * out), or -1 when no row has one, -2 when it is not in reverse video.
 */
int harness_marked_row(char *out, unsigned long size);

#endif
