/*
 * A looked-after child's care, whole: each period, episode and placement
 * with its dates, legal status and placement type in words, the carer or
 * provider and their number, the postcode and why it changed or ended.
 */
#include "config.h"

#include "tui/screen.h"

#include <stdio.h>
#include <string.h>

#include "casework/summary.h"
#include "common/xmem.h"

static void
placements_build(struct client *c, struct screen *s)
{
	struct placements pl;
	struct cd_err err;
	int64_t period = 0;
	size_t i;

	snprintf(s->title, sizeof s->title, "Placements of #%lld, oldest first",
	    (long long)s->person);
	if (summary_placements(c->st, s->person, &pl, &err) != CD_OK) {
		list_add(&s->list, LN_TEXT, "%s", err.msg);
		return;
	}
	for (i = 0; i < pl.n; i++) {
		const struct placement *p = &pl.p[i];
		struct line *l;

		if (p->period != period) {
			if (period != 0)
				list_blank(&s->list);
			list_add(&s->list, LN_HEAD, "Period of care from %s",
			    p->start);
			period = p->period;
		}
		l = list_add(&s->list, LN_RECORD, "%s to %s  %s; %s", p->start,
		    p->end ? p->end : "now", p->legal_status, p->placement);
		l->wrap = 1;
		l->code = xstrdup("care_episode");
		l->id = p->episode;
		if (p->end == NULL)
			l->look = LOOK_ALERT;
		l = list_add(&s->list, LN_RECORD, "    %s%s%s%s%s%s%s%s%s",
		    p->carer ? "carer " : "", p->carer ? p->carer : "no carer "
		    "recorded", p->carer_phone ? " " : "", p->carer_phone ?
		    p->carer_phone : "", p->postcode ? ", " : "", p->postcode ?
		    p->postcode : "", p->reason_change ? "; changed: " : "",
		    p->reason_change ? p->reason_change : "", p->reason_ceased ?
		    "" : "");
		l->wrap = 1;
		l->code = xstrdup("care_episode");
		l->id = p->episode;
		if (p->reason_ceased)
			list_add(&s->list, LN_TEXT, "    ended: %s",
			    p->reason_ceased)->wrap = 1;
	}
	if (pl.n == 0)
		list_add(&s->list, LN_TEXT, "Never looked after: no period of "
		    "care is recorded.");
	placements_fini(&pl);
}

static const enum action placements_acts[] = { ACT_UP, ACT_DOWN,
    ACT_PAGE_UP, ACT_PAGE_DOWN, ACT_OPEN, ACT_VIEW, ACT_REFRESH, ACT_BACK,
    ACT_NONE };

const struct screen_ops scr_placements = {
	.name = "placements",
	.about = "Every period of care, episode and placement of a looked-"
	    "after child: dates, legal status and placement in words, the "
	    "carer or provider and their number, the postcode, why it changed "
	    "or ended. Enter opens the episode.",
	.build = placements_build,
	.acts = placements_acts,
};
