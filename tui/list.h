/*
 * The list widget every screen draws with: lines that know what they
 * open, a highlight that skips headings and blank lines, scrolling that
 * keeps it in view, long lines wrapped or marked as cut, "N of M" when
 * the list does not fit.
 */
#ifndef CD_TUI_LIST_H
#define CD_TUI_LIST_H

#include <stddef.h>
#include <stdint.h>

/* What a line opens. Behaviour follows the kind, never the text. */
enum line_kind {
	LN_TEXT,	/* information: Enter reads it whole when cut */
	LN_BLANK,	/* spacing: never highlighted */
	LN_HEAD,	/* a heading: never highlighted */
	LN_PERSON,	/* id: the person */
	LN_FORM,	/* id: the form instance */
	LN_NEWFORM,	/* code: the form to start */
	LN_CREATE,	/* create the person searched for */
	LN_CREATE_ANYWAY, /* create although duplicates were offered */
	LN_RECORD,	/* code: entity, id: row, field: where to start */
	LN_PROBLEM,	/* a returns check: code/id/field, or field: form */
	LN_CHECKS,	/* id: the collection year to check */
	LN_FIELD,	/* field: a column of the record screen */
	LN_HANDOVER,	/* id: an out-of-hours record handed over */
	LN_TASK,	/* a task: person, and the step that completes it
			 * (code/id/field a row, or form with prefill) */
	LN_QUEUE,	/* person waiting for allocation; code/id: the case */
	LN_REVIEW,	/* id: a flagged audit event to review; person: whose */
	LN_SAR,		/* id: a subject access request, person: whom about */
	LN_SAR_ITEM,	/* id: an item of the request's pack, code: its
			 * exemption when withheld */
	LN_SAR_MARK,	/* id: a redaction, person: its item */
	LN_PAGE		/* id: the page of a paged list to go to (the
			 * screen's key reads it) */
};

/* How a line is drawn (the theme's parts; see tui/theme.h). */
enum line_look { LOOK_PLAIN, LOOK_HEAD, LOOK_ALERT, LOOK_LATE };

struct line {
	char *text;
	enum line_kind kind;
	enum line_look look;
	int wrap;		/* wrap to the width instead of cutting */
	int64_t id;
	int64_t person;		/* LN_PROBLEM: whose */
	char *code;
	char *field;
	char *form;		/* LN_TASK: the form that completes it */
	char *prefill;		/* LN_TASK: "kind=cp" for that form */
	char *team;		/* LN_QUEUE: the team the case waits with */
	char *who;		/* LN_QUEUE: whose case, for messages */
};

struct list {
	struct line *l;
	size_t n;
	size_t cur;		/* the highlighted line */
	size_t top;		/* the first line drawn */
	int rows;		/* rows it had when last drawn */
};

/* Whether the highlight may rest on a line. */
int list_selectable(const struct line *l);

/* Add a line (printf-style); returns it so callers can set its links. */
struct line *list_add(struct list *li, enum line_kind kind, const char *fmt,
    ...) __attribute__((format(printf, 3, 4)));

/* A blank spacing line. */
void list_blank(struct list *li);

/* The highlighted line, or NULL when nothing can be highlighted. */
struct line *list_current(struct list *li);

/* Put the highlight on the first selectable line at or after i. */
void list_home(struct list *li, size_t i);

/* Move the highlight by delta selectable lines (a page when large). */
void list_move(struct list *li, long delta);

/* Whether a line's text is wider than the list shows it. */
int list_line_cut(const struct line *l, int width);

/*
 * Draw rows lines of the list from screen row y, in width columns. The
 * highlighted line has a '>' marker in the first column and its first
 * column of text in reverse video. Returns 1 when the list is cut (not
 * every line fits), for the caller to say "N of M".
 */
int list_draw(struct list *li, int y, int rows, int width);

/* Free the lines; the list may be reused. */
void list_clear(struct list *li);

/* Cells that the UTF-8 text takes on screen. */
int text_cells(const char *s);

/* Cells the bytes [from, to) of s take (a control character or a stray
 * byte as one). */
int text_span_cells(const char *s, size_t from, size_t to);

/*
 * The byte length of the longest start of s that fits width cells,
 * ending at a word boundary when there is one in the last third; *cells
 * gets the cells it takes.
 */
size_t text_fit(const char *s, int width, int words, int *cells);

#endif
