/*
 * The out-of-hours quick look: what a worker on the phone at night needs
 * first about a child, in at most one 80x24 screen, for the command line
 * and the client alike. Every look reads through the record engine, so it
 * is access-checked and audited like any view; restricted people are
 * masked unless the reader may see them.
 */
#ifndef CD_CASEWORK_LOOK_H
#define CD_CASEWORK_LOOK_H

#include <stddef.h>
#include <stdint.h>

#include "common/status.h"

struct store;

#define LOOK_WIDTH 78
#define LOOK_LINES 21

/* Whole lines (a screen wraps them; notes are split near LOOK_WIDTH
 * columns); the first is the heading. */
struct look {
	char **line;
	size_t n;
	int alert;		/* CP plan, looked after, missing or a risk */
};

/*
 * The quick look at person id on day (YYYY-MM-DD). CD_ERR_DENIED for a
 * restricted record the reader may not open (the message says how).
 */
enum cd_status look_person(struct store *st, int64_t id, const char *day,
    struct look *out, struct cd_err *err);

/* The lines for a restricted person the reader may not see. */
void look_masked(int64_t id, struct look *out);

void look_fini(struct look *l);

/* How many people a quick look shows at once; the rest are paged. */
#define LOOK_PAGE 5

/*
 * The quick look's count when not everyone found is shown: "5 of 23
 * shown (page 1 of 5): add a date of birth or postcode". Empty when
 * all total are on this page. first is the 0-based index of the page's
 * first person, shown how many are on it.
 */
void look_count(size_t first, size_t shown, size_t total, char *out,
    size_t len);

#endif
