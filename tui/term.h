/* The terminal: curses set-up, reading keys, and the drawing helpers. */
#ifndef CD_TUI_TERM_H
#define CD_TUI_TERM_H

#include <stddef.h>

#include "common/cfg.h"

#define TERM_MIN_COLS 80
#define TERM_MIN_LINES 24

/* The ncurses version string. */
const char *term_library_version(void);

/*
 * Start curses: no echo, raw keys, our own key decoder with c's escape_ms
 * wait, and c's theme in colour when c->colour and the terminal has it
 * (theme problems are added to c, as keymap_load does).
 */
void term_start(struct cfg *c);

/* Restore the terminal. Safe to call twice. */
void term_stop(void);

/* Whether curses is running. */
int term_active(void);

/*
 * Draw to nowhere: a vt100 of lines x cols on /dev/null, so the client
 * can be driven and timed in-process (benchmarks). 0, or -1 on failure.
 */
int term_start_headless(int lines, int cols);
void term_stop_headless(void);

/*
 * Wait up to timeout_ms for a key. Returns 1 with *key set (characters as
 * code points, function keys as KEYMAP_FN codes), 0 on timeout. Escape
 * sequences are decoded by tui/keyseq.c; after an unfinished one it waits
 * [display] escape_ms more, so a lone Esc costs that wait.
 */
int term_read_key(int timeout_ms, int *key);

/* Whether the screen is at least 80x24. */
int term_big_enough(void);

/* Draw the "terminal too small" notice naming the size needed. */
void term_draw_too_small(void);

/* Draw text at row, col, cut to width columns (UTF-8 aware). */
void term_text(int row, int col, int width, const char *text);

/* The same for the first n bytes of text. */
void term_text_n(int row, int col, int width, const char *text, size_t n);

/*
 * A whole line in the theme's bar style: the title bar and the status
 * line. right, when given, is the DEMO banner, drawn in the demo style.
 */
void term_bar(int row, const char *left, const char *right);

/* Queue the screen for output; one doupdate per batch of input. */
void term_flush(int full);

/*
 * Append a typed character (a code point) to a NUL-terminated UTF-8 buffer
 * of size bytes; returns 0, or -1 when it does not fit.
 */
int term_utf8_append(char *buf, size_t size, int key);

/* Remove the last UTF-8 character of buf. */
void term_utf8_backspace(char *buf);

/* Place the visible cursor, or hide it with row < 0. */
void term_cursor(int row, int col);

#endif
