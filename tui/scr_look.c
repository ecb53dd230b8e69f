/*
 * The quick look, for out of hours: one person, or everyone a search
 * finds, each in a few lines: plan, looked after, who to call.
 */
#include "config.h"

#include "tui/screen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casework/look.h"
#include "common/date.h"
#include "common/xmem.h"
#include "store/search.h"

/* How many people a search may bring, at most, to page through. */
#define LOOK_FIND 100

struct look_state {
	char query[128];
	size_t first;		/* the first person shown (a page's start) */
};

static void
look_build(struct client *c, struct screen *s)
{
	struct look_state *ls = s->state;
	struct person_hits h = { NULL, 0 };
	char day[DATE_TIME_LEN];
	struct cd_err err;
	size_t i, j;

	date_now(day);
	day[10] = '\0';
	if (s->person != 0) {
		h.h = xcalloc(1, sizeof *h.h);
		h.h[0].id = s->person;
		h.n = 1;
	} else if (store_person_search(c->st, ls->query, LOOK_FIND, &h,
	    &err) != CD_OK) {
		snprintf(s->title, sizeof s->title, "Quick look: %s", ls->query);
		list_add(&s->list, LN_TEXT, "%s", err.msg);
		return;
	}
	snprintf(s->title, sizeof s->title, "Quick look: %s", s->person ?
	    "this person" : ls->query);
	if (h.n == 0)
		list_add(&s->list, LN_TEXT, "No one found for \"%s\": not known "
		    "to us.", ls->query);
	if (ls->first >= h.n)
		ls->first = 0;
	for (i = ls->first; i < h.n && i < ls->first + LOOK_PAGE; i++) {
		struct look l;

		if (h.h[i].masked || look_person(c->st, h.h[i].id, day, &l,
		    &err) != CD_OK)
			look_masked(h.h[i].id, &l);
		for (j = 0; j < l.n; j++) {
			struct line *k = list_add(&s->list, j == 0 ? LN_PERSON :
			    LN_TEXT, "%s", l.line[j]);

			k->id = h.h[i].id;
			k->wrap = 1;
			if (j == 0)
				k->look = LOOK_HEAD;
			else if (strncmp(l.line[j], "!!", 2) == 0)
				k->look = LOOK_ALERT;
		}
		look_fini(&l);
		if (i + 1 < h.n && i + 1 < ls->first + LOOK_PAGE)
			list_blank(&s->list);
	}
	if (h.n > LOOK_PAGE) {
		char count[160];

		look_count(ls->first, i - ls->first, h.n, count, sizeof count);
		list_blank(&s->list);
		list_add(&s->list, LN_TEXT, "%s%s", count, h.n >= LOOK_FIND ?
		    " (the first 100 found)" : "")->look = LOOK_HEAD;
		list_add(&s->list, LN_TEXT, "] shows the next %d, [ the ones "
		    "before.", LOOK_PAGE);
	}
	if (s->person != 0)
		free(h.h);
	else
		store_person_hits_fini(&h);
}

void
look_open(struct client *c, const char *query, int64_t person)
{
	struct screen *s = client_push_unbuilt(c, &scr_look, person);
	struct look_state *ls;

	if (s == NULL)
		return;
	s->state = ls = xcalloc(1, sizeof *ls);
	snprintf(ls->query, sizeof ls->query, "%s", query ? query : "");
	client_build(c, s);
}

/* ] and [ page through everyone found. */
static int
look_key(struct client *c, struct screen *s, int key, enum action a)
{
	struct look_state *ls = s->state;

	(void)key;
	if (a == ACT_NEXT_PAGE)
		ls->first += LOOK_PAGE;
	else if (a == ACT_PREV_PAGE)
		ls->first = ls->first > LOOK_PAGE ? ls->first - LOOK_PAGE : 0;
	else
		return 0;
	list_clear(&s->list);
	client_build(c, s);
	list_home(&s->list, 0);
	return 1;
}

static void
look_screen_fini(struct screen *s)
{
	free(s->state);
}

static const enum action look_acts[] = { ACT_UP, ACT_DOWN, ACT_PAGE_UP,
    ACT_PAGE_DOWN, ACT_NEXT_PAGE, ACT_PREV_PAGE, ACT_OPEN, ACT_NEW_FORM,
    ACT_REFRESH, ACT_BACK, ACT_NONE };

const struct screen_ops scr_look = {
	.name = "quick look",
	.about = "For a call at night: is there a child protection plan, is "
	    "the child looked after, who to call. Enter on a name opens the "
	    "full summary.",
	.build = look_build,
	.key = look_key,
	.fini = look_screen_fini,
	.acts = look_acts,
};
