/*
 * Allocating a case: the workers of the team with their open cases,
 * fewest first; Enter gives the case to the one highlighted, and it moves
 * to their tray.
 */
#include "config.h"

#include "tui/screen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/xmem.h"
#include "store/workflow.h"

struct allocate_state {
	int64_t person;
	char name[128];		/* whose case, for the title */
	char team[96];
};

static int
worker_line(const struct team_worker *w, void *arg)
{
	struct screen *s = arg;
	struct line *l = list_add(&s->list, LN_TEXT, "%-16s %-22s %3d open "
	    "case%s%s%s", w->worker, w->full_name ? w->full_name : "",
	    w->open_cases, w->open_cases == 1 ? "" : "s", w->phone ? "  " : "",
	    w->phone ? w->phone : "");

	l->code = xstrdup(w->worker);
	return 0;
}

static void
allocate_build(struct client *c, struct screen *s)
{
	struct allocate_state *as = s->state;
	struct cd_err err;

	snprintf(s->title, sizeof s->title, "Allocate %.60s to a worker of %.60s",
	    as->name, as->team[0] ? as->team : "the borough");
	if (store_team_workers(c->st, as->team[0] ? as->team : NULL,
	    worker_line, s, &err) != CD_OK)
		list_add(&s->list, LN_TEXT, "%s", err.msg);
	else if (s->list.n == 0)
		list_add(&s->list, LN_TEXT, "No workers in %s: casedesk user "
		    "add ... --team gives the team its workers.", as->team);
}

static int
allocate_key(struct client *c, struct screen *s, int key, enum action a)
{
	struct allocate_state *as = s->state;
	struct line *l = list_current(&s->list);
	struct cd_err err;
	int64_t id;
	char worker[96], name[128];

	(void)key;
	if (a != ACT_OPEN)
		return 0;
	if (l == NULL || l->code == NULL) {
		client_say(c, "Choose a worker: nobody is on this line.");
		return 1;
	}
	if (store_allocate(c->st, as->person, l->code, as->team[0] ? as->team :
	    NULL, NULL, &id, &err) != CD_OK) {
		client_fail(c, &err);
		return 1;
	}
	snprintf(worker, sizeof worker, "%s", l->code);
	snprintf(name, sizeof name, "%s", as->name);
	client_changed(c);
	client_pop(c);
	client_say(c, "%s allocated to %s: it is in their tray now.", name,
	    worker);
	return 1;
}

static void
allocate_fini(struct screen *s)
{
	free(s->state);
}

void
allocate_open(struct client *c, int64_t person, const char *name,
    const char *team)
{
	struct screen *s = client_push_unbuilt(c, &scr_allocate, person);
	struct allocate_state *as;

	if (s == NULL)
		return;
	s->state = as = xcalloc(1, sizeof *as);
	as->person = person;
	snprintf(as->name, sizeof as->name, "%s", name ? name : "the case");
	snprintf(as->team, sizeof as->team, "%s", team ? team : "");
	client_build(c, s);
}

static const enum action allocate_acts[] = { ACT_UP, ACT_DOWN, ACT_OPEN,
    ACT_BACK, ACT_NONE };

const struct screen_ops scr_allocate = {
	.name = "allocate",
	.about = "The team's workers with the cases each holds now, fewest "
	    "first. Enter allocates the case to the one highlighted; Esc "
	    "leaves it waiting.",
	.build = allocate_build,
	.key = allocate_key,
	.fini = allocate_fini,
	.acts = allocate_acts,
	.hint = "Enter allocates to this worker  Esc back  ? help",
};
