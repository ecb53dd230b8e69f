/*
 * The pager, in the manner of mutt's and less: any record, form, handover,
 * check message or help page shown whole, wrapped at word boundaries to
 * the terminal's width. Space/PgDn and b/PgUp page, j/k and the arrows
 * move a line, / finds and n finds the next, "more (N%)" says where you
 * are, Esc goes back.
 */
#ifndef CD_TUI_PAGER_H
#define CD_TUI_PAGER_H

#include <stddef.h>

#include "tui/keymap.h"
#include "tui/lineedit.h"
#include "tui/theme.h"

struct pager_src {
	char *text;
	enum theme_part look;
	int hang;		/* cells to indent the rows after the first */
};

struct pager_row {
	size_t src;		/* the line it comes from */
	size_t off, len;	/* its bytes of that line */
	int indent;
};

struct pager {
	char title[160];
	struct pager_src *src;
	size_t nsrc;
	struct pager_row *rows;	/* the lines wrapped at width */
	size_t nrows;
	int width;		/* what rows were wrapped for */
	size_t top;
	struct lineedit find;	/* the / prompt */
	int finding;		/* typing at the / prompt */
	char needle[128];	/* what / looks for */
	size_t hit_row;		/* the row of the last match, or SIZE_MAX */
	char msg[160];
	int done;		/* Esc: the caller closes it */
};

void pager_init(struct pager *p, const char *title);

/* Add a line (printf-style); it wraps with its leading spaces kept. */
void pager_add(struct pager *p, enum theme_part look, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* A key and what it does: the words wrap under the words. */
void pager_add_key(struct pager *p, const char *keys, const char *help);

/*
 * Add "label  value" with the value wrapped under itself: label is padded
 * to width cells (on a narrow terminal the value starts a row below).
 */
void pager_add_field(struct pager *p, int width, const char *label,
    const char *value);

/* Add text that may hold newlines, one pager line for each. */
void pager_add_text(struct pager *p, enum theme_part look, int indent,
    const char *text);

/* Handle a key (bindings of the pager context). 1 when it must redraw. */
int pager_key(struct pager *p, const struct keymap *km, int key);

/* Draw the body into rows y.., the status into the last two lines. */
void pager_draw(struct pager *p, int demo);

void pager_fini(struct pager *p);

#endif
