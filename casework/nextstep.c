#include "config.h"

#include "casework/nextstep.h"

#include <stdio.h>
#include <string.h>

#include "casework/returns.h"
#include "store/codes.h"

/* Who has it: ", allocated to W" or "; waiting for allocation by T". */
static void
who(const struct workflow_step *w, char *out, size_t len)
{
	if (w->worker[0])
		snprintf(out, len, " (%s%s%s)", w->worker, w->team[0] ? ", " :
		    "", w->team);
	else if (w->team[0])
		snprintf(out, len, "; waiting for allocation by %s", w->team);
	else
		snprintf(out, len, "; waiting for allocation in the borough's "
		    "queue");
}

void
nextstep_describe(const struct workflow_step *w, const struct ruleset *rs,
    const struct calendar *cal, char *out, size_t len)
{
	const struct rule *r;
	char by[320], d[11], dmy[RT_DATE];
	long anchor, due;
	int ok;

	who(w, by, sizeof by);
	switch (w->kind) {
	case STEP_REFERRAL:
		if (strcmp(w->what, "joined") == 0)
			snprintf(out, len, "Added to the open referral #%lld%s",
			    (long long)w->id, by);
		else if (w->worker[0])
			snprintf(out, len, "Referral #%lld made; allocated to "
			    "%s%s%s", (long long)w->id, w->worker, w->team[0] ?
			    ", " : "", w->team);
		else
			snprintf(out, len, "Referral #%lld made%s",
			    (long long)w->id, by);
		return;
	case STEP_HANDOVER:
		snprintf(out, len, "Handed over to %s%s%s, to accept in the "
		    "morning", w->worker[0] ? w->worker : "the duty desk",
		    w->team[0] ? ", " : "", w->team);
		return;
	case STEP_EPISODE:
		snprintf(out, len, "Looked-after episode #%lld began: %s %s",
		    (long long)w->id, w->what, codes_label("legal_status",
		    w->what) ? codes_label("legal_status", w->what) : "");
		return;
	case STEP_CLOCK:
		break;
	}
	r = rs ? ruleset_find(rs, w->rule) : NULL;
	anchor = calendar_day(w->date, &ok);
	if (r == NULL || !ok) {
		snprintf(out, len, "%s started", w->rule ? w->rule : "a clock");
		return;
	}
	due = rule_due(r, cal, anchor, -1);
	calendar_date(due, d);
	snprintf(out, len, "%s by %s%s", r->title, returns_dmy(d, dmy),
	    w->worker[0] ? by : "");
}

void
nextstep_sentences(const struct workflow_step *w, size_t n,
    const struct ruleset *rs, const struct calendar *cal, char *out,
    size_t len)
{
	static const enum step_kind order[] = { STEP_HANDOVER, STEP_EPISODE,
	    STEP_REFERRAL, STEP_CLOCK };
	char one[300];
	size_t k, i, used;

	for (k = 0; k < sizeof order / sizeof order[0]; k++)
		for (i = 0; i < n; i++) {
			if (w[i].kind != order[k])
				continue;
			nextstep_describe(&w[i], rs, cal, one, sizeof one);
			used = strlen(out);
			if (used + 1 < len)
				snprintf(out + used, len - used, "%s%s.", used ?
				    " " : "", one);
		}
}
