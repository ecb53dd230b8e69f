/*
 * Home: the user's work. Duty roles see the contacts waiting for a
 * decision, managers what waits for their authorisation, everyone their
 * handovers from out of hours and their work tray; governance and the
 * analyst have homes of their own (home_govern.c, scr_checks.c).
 */
#include "config.h"

#include "tui/screen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "casework/calendar.h"
#include "casework/handover.h"
#include "common/date.h"
#include "common/xmem.h"
#include "store/access.h"
#include "store/casefacts.h"
#include "store/form.h"
#include "store/ooh.h"
#include "store/store.h"
#include "store/user.h"
#include "store/workflow.h"
#include "tui/home.h"

/* The work tray's order: 0 most urgent, 1 by name, 2 by worker. */
struct home_state {
	int sort;
	int borough;		/* a manager's choice: the borough, not the team */
	char team[96];		/* the team shown: the manager's own, or :team's */
	char own[96];		/* a manager's own team, "" for none */
	struct tasks tray;	/* read once, then refreshed from what changed */
	int have_tray;
	int tray_borough;	/* the borough flag the tray was read with */
	char tray_team[96];	/* and the team */
	/* The borough's work is read a page of open cases at a time. */
	int64_t after;		/* this page: the cases after this person */
	int64_t back[64];	/* the pages before it, for going back */
	int nback;
};

/* Open cases a page of the borough's work reads: about a screenful. */
#define HOME_PAGE 20

/* "3 d late", "today" or "in 4 d". */
static void
due_words(const struct task *t, char *due, char *when, size_t len)
{
	calendar_date(t->due, due);
	if (t->late > 0)
		snprintf(when, len, "%ld d late", t->late);
	else if (t->late == 0)
		snprintf(when, len, "today");
	else
		snprintf(when, len, "in %ld d", -t->late);
}

void
home_task_line(struct list *li, const struct task *t, unsigned what)
{
	char due[11], when[32];
	struct line *l;

	due_words(t, due, when, sizeof when);
	l = list_add(li, LN_TASK, "%-10s %-9s %s%s"
	    "%-*s%s", due, when, what & TASK_WORKER ? (t->worker ? t->worker :
	    "(nobody)") : "", what & TASK_WORKER ? "  " : "", what &
	    TASK_TITLE && what & TASK_NAME ? 22 : 0, what & TASK_NAME ? t->name : "", what &
	    TASK_TITLE ? t->rule->title : "");
	l->person = t->person;
	l->id = t->step.id;
	l->code = t->step.entity ? xstrdup(t->step.entity) : NULL;
	l->field = t->step.field ? xstrdup(t->step.field) : NULL;
	l->form = t->step.form ? xstrdup(t->step.form) : NULL;
	l->prefill = t->step.prefill ? xstrdup(t->step.prefill) : NULL;
	if (t->household && l->code == NULL) {
		l->code = xstrdup("adopter_household");
		l->id = t->household;
	}
	if (t->late > 0)
		l->look = LOOK_LATE;
}

/* A case waiting for allocation: opens to choose its worker. */
static int
queue_line(const struct queue_item *q, void *arg)
{
	struct screen *s = ((void **)arg)[0];
	int *n = ((void **)arg)[1];
	struct line *l = list_add(&s->list, LN_QUEUE, "%s %-24s %-10s %s%s%s",
	    q->since, q->name, q->entity, q->team ? "waits with " : "",
	    q->team ? q->team : "", "");

	l->person = q->person;
	l->code = xstrdup(q->entity);
	l->id = q->id;
	l->team = q->team ? xstrdup(q->team) : NULL;
	l->who = xstrdup(q->name);
	(*n)++;
	return 0;
}

/* Unallocated cases: first thing for the duty desk and the managers. */
static void
build_queue(struct client *c, struct screen *s, const char *team,
    int manager)
{
	int n = 0;
	void *a[2] = { s, &n };
	struct cd_err err;

	list_add(&s->list, LN_HEAD, "WAITING FOR ALLOCATION%s%s%s",
	    team ? ": " : " (the borough)", team ? team : "", manager ?
	    " (A allocates)" : "");
	if (store_queue(c->st, team, queue_line, a, &err) != CD_OK)
		list_add(&s->list, LN_TEXT, "  %s", err.msg);
	else if (n == 0)
		list_add(&s->list, LN_TEXT, "  none");
	list_blank(&s->list);
}

/* A manager's team at a glance: each worker's overdue and due work. */
static void
build_workers(struct screen *s, const struct tasks *t, const char *team)
{
	struct worker_load *w;
	size_t n, i;

	w = tasks_by_worker(t, &n);
	list_add(&s->list, LN_HEAD, "%s BY WORKER%s%s%s: overdue, due this "
	    "week, all", team ? "THE TEAM" : "THE BOROUGH", team ? " (" : "",
	    team ? team : "", team ? ")" : "");
	for (i = 0; i < n; i++) {
		struct line *l = list_add(&s->list, LN_TEXT, "%-20s %3d overdue "
		    "%3d this week %4d in all", w[i].worker ? w[i].worker :
		    "(nobody)", w[i].overdue, w[i].this_week, w[i].total);

		if (w[i].overdue > 0)
			l->look = LOOK_LATE;
	}
	if (n == 0)
		list_add(&s->list, LN_TEXT, "  nothing due");
	list_blank(&s->list);
	worker_loads_free(w, n);
}

/*
 * The borough's open work in numbers, counted from the indexes (a page of
 * the borough's shows only its own cases' tasks).
 */
static void
build_counts(struct client *c, struct screen *s, struct open_counts *n)
{
	struct cd_err err;

	list_add(&s->list, LN_HEAD, "THE BOROUGH'S OPEN WORK");
	if (store_open_counts(c->st, n, &err) != CD_OK) {
		list_add(&s->list, LN_TEXT, "  %s", err.msg);
		list_blank(&s->list);
		return;
	}
	list_add(&s->list, LN_TEXT, "%7ld contacts waiting for a decision  "
	    "%7ld open referrals", n->contacts, n->referrals);
	list_add(&s->list, LN_TEXT, "%7ld child protection plans          "
	    "%7ld child in need plans", n->cp_plans, n->cin_plans);
	list_add(&s->list, LN_TEXT, "%7ld children in care                "
	    "%7ld care leavers", n->in_care, n->care_leavers);
	list_blank(&s->list);
}

/* A line that reads another page of the borough's work. */
static void
page_line(struct screen *s, int64_t to, const char *what)
{
	struct line *l = list_add(&s->list, LN_PAGE, "  %s", what);

	l->id = to;
}

/* One form waiting for authorisation. */
static void
waiting_line(const struct form_waiting *w, void *arg)
{
	void **a = arg;
	struct client *c = a[0];
	struct screen *s = a[1];
	const struct formdef *d = formdef_find(c->forms, w->code);
	struct line *l = list_add(&s->list, LN_FORM, "%.10s #%-6lld %-22s %s "
	    "(by %s)", w->since, (long long)w->instance, w->name, d ? d->title :
	    w->code, w->submitted_by ? w->submitted_by : "?");

	l->id = w->instance;
	(*(int *)a[2])++;
}

static int
by_name(const void *a, const void *b)
{
	const struct task *x = a, *y = b;
	int d = strcmp(x->name, y->name);

	return d ? d : (x->due > y->due) - (x->due < y->due);
}

static int
by_worker(const void *a, const void *b)
{
	const struct task *x = a, *y = b;
	int d = strcmp(x->worker ? x->worker : "~", y->worker ? y->worker :
	    "~");

	return d ? d : (x->due > y->due) - (x->due < y->due);
}

/* One handover as a line: opens the record; late ones say so. */
static int
handover_line(const struct ooh_waiting *w, void *arg)
{
	void **a = arg;
	struct client *c = a[0];
	struct screen *s = a[1];
	char at[16], due[HANDOVER_DUE_LEN], now[DATE_TIME_LEN];
	struct line *l;
	int late;

	date_now(now);
	handover_local(w->arrived, at);
	handover_due(&c->late->cal, w->arrived, due);
	late = handover_late(&c->late->cal, w->arrived, now);
	l = list_add(&s->list, LN_HANDOVER, "#%-5lld %s %-5s %-22s to %s%s%s",
	    (long long)w->id, at, w->action ? w->action : "", w->name ?
	    w->name : "", w->to, late ? "  LATE, due " : "", late ? due + 11 :
	    "");
	l->id = w->id;
	if (late)
		l->look = LOOK_LATE;
	if (w->note != NULL && w->note[0]) {
		/* The night worker's note to the day team, read first. */
		l = list_add(&s->list, LN_HANDOVER, "    Note: %s", w->note);
		l->id = w->id;
		l->wrap = 1;
	}
	(*(int *)a[2])++;
	return 0;
}

/*
 * Out-of-hours records handed over and not yet accepted: first thing in
 * the tray. Workers see their own, duty roles the duty desk's too, team
 * managers everyone's.
 */
static void
build_handovers(struct client *c, struct screen *s, enum role r)
{
	int n = 0;
	void *a[3] = { c, s, &n };

	list_add(&s->list, LN_HEAD, "HANDED OVER FROM OUT OF HOURS (Enter "
	    "reads, :accept takes it)");
	if (r == ROLE_MANAGER || r == ROLE_TRAINER)
		store_ooh_waiting(c->st, OOH_ALL, handover_line, a, NULL);
	else {
		store_ooh_waiting(c->st, OOH_MINE, handover_line, a, NULL);
		if (r == ROLE_DUTY || r == ROLE_OOH)
			store_ooh_waiting(c->st, OOH_DUTY, handover_line, a,
			    NULL);
	}
	if (n == 0) {		/* nothing waiting: no heading either */
		s->list.n--;
		free(s->list.l[s->list.n].text);
	} else
		list_blank(&s->list);
}

/* What waits for a manager's authorisation. */
static void
build_waiting(struct client *c, struct screen *s)
{
	int waiting = 0;
	void *a[3] = { c, s, &waiting };

	list_add(&s->list, LN_HEAD, "WAITING FOR YOUR AUTHORISATION (Enter "
	    "opens, v reads)");
	store_form_waiting(c->st, waiting_line, a, NULL);
	if (waiting == 0)
		list_add(&s->list, LN_TEXT, "  none");
	list_blank(&s->list);
}

/*
 * The home's work tray: read once for the user's scope (their own work, a
 * manager's team or, on request, the borough, the trainer's borough; the
 * duty desk also sees every waiting contact), then on each build brought up
 * to date with only what changed since. The borough's is a page of its
 * open cases at a time, so it costs what it shows.
 */
static enum cd_status
load_tray(struct client *c, struct home_state *hs, enum role r, int duty,
    struct cd_err *err)
{
	const char *me = store_user_name(c->st);
	const char *team = r == ROLE_MANAGER && hs->team[0] && !hs->borough ?
	    hs->team : NULL;
	enum cd_status code;

	int paged = (r == ROLE_MANAGER || r == ROLE_TRAINER) && team == NULL;

	if (hs->have_tray && hs->tray_borough == hs->borough &&
	    strcmp(hs->tray_team, hs->team) == 0 && hs->tray.paged == paged &&
	    (!paged || hs->tray.after == hs->after)) {
		code = tasks_refresh(c->st, &c->late->rules, &c->late->cal,
		    client_today(), &hs->tray, err);
		if (code == CD_OK)
			return CD_OK;
	}
	tasks_fini(&hs->tray);
	if (paged)
		code = tasks_page(c->st, &c->late->rules, &c->late->cal,
		    client_today(), hs->after, HOME_PAGE, &hs->tray, err);
	else
		code = tasks_tray(c->st, &c->late->rules, &c->late->cal,
		    client_today(), r == ROLE_MANAGER || r == ROLE_TRAINER ?
		    NULL : me, team, duty, &hs->tray, err);
	hs->have_tray = code == CD_OK;
	hs->tray_borough = hs->borough;
	snprintf(hs->tray_team, sizeof hs->tray_team, "%s", hs->team);
	if (code != CD_OK)
		tasks_fini(&hs->tray);
	return code;
}

/* The tasks of all that are the team's, sharing all's strings. */
static void
team_view(const struct tasks *all, const char *team, struct tasks *view)
{
	size_t i;

	memset(view, 0, sizeof *view);
	view->t = xcalloc(all->n ? all->n : 1, sizeof *view->t);
	for (i = 0; i < all->n; i++)
		if (all->t[i].team != NULL && strcmp(all->t[i].team, team) == 0)
			view->t[view->n++] = all->t[i];
}

static void
home_build(struct client *c, struct screen *s)
{
	struct home_state *hs = s->state;
	enum role r = store_user_role(c->st);
	const char *me = store_user_name(c->st);
	int manager = r == ROLE_MANAGER || r == ROLE_TRAINER;
	int duty = r == ROLE_DUTY || r == ROLE_OOH || manager;
	struct tasks t;
	struct cd_err err;
	size_t i, shown = 0;
	struct task *view = NULL;
	struct open_counts counts = { 0 };
	int paged;

	if (hs == NULL) {
		struct store_user u;

		s->state = hs = xcalloc(1, sizeof *hs);
		if (r == ROLE_MANAGER && store_user_get(c->st, me, &u, NULL) ==
		    CD_OK) {
			snprintf(hs->own, sizeof hs->own, "%s", u.team ? u.team :
			    "");
			snprintf(hs->team, sizeof hs->team, "%s", hs->own);
			store_user_fini(&u);
		}
	}
	snprintf(s->title, sizeof s->title, "Home: %s (%s)", me, role_title(r));
	if (c->late == NULL || !c->late->loaded) {
		list_add(&s->list, LN_TEXT, "The timescale rules could not be "
		    "loaded: see casedesk check-config.");
		return;
	}
	if (r == ROLE_GOVERNANCE) {
		home_govern(c, s);
		return;
	}
	if (r == ROLE_ANALYST) {
		home_returns(c, s);
		return;
	}
	if (r == ROLE_EDUCATION || r == ROLE_ADMIN) {
		list_add(&s->list, LN_TEXT, "Press / to find a person%s.", r ==
		    ROLE_EDUCATION ? " linked to you (by record number)" : "");
		return;
	}
	if (load_tray(c, hs, r, duty, &err) != CD_OK) {
		list_add(&s->list, LN_TEXT, "%s", err.msg);
		return;
	}
	t = hs->tray;	/* sorted below for display, in place */
	paged = t.paged;
	if (r != ROLE_ADOPTION)
		build_handovers(c, s, r);
	if (duty)
		build_queue(c, s, manager && hs->team[0] && !hs->borough ?
		    hs->team : NULL, manager);
	if (manager)
		build_waiting(c, s);
	if (paged)
		build_counts(c, s, &counts);
	if (duty) {
		list_add(&s->list, LN_HEAD, "DUTY: contacts waiting for a "
		    "decision%s", paged ? " (this page's cases)" : "");
		for (i = 0; i < t.n; i++)
			if (strcmp(t.t[i].rule->name, "contact-decision") == 0) {
				/* The heading says what: the row says who. */
				home_task_line(&s->list, &t.t[i], TASK_NAME);
				shown++;
			}
		if (shown == 0)
			list_add(&s->list, LN_TEXT, "  none");
		list_blank(&s->list);
	}
	if (manager && hs->team[0] && !hs->borough) {
		team_view(&hs->tray, hs->team, &t);
		view = t.t;
	}
	if (manager && !paged)
		build_workers(s, &t, hs->team[0] && !hs->borough ? hs->team :
		    NULL);
	if (hs->sort == 1 && t.n > 1)
		qsort(t.t, t.n, sizeof *t.t, by_name);
	else if (hs->sort == 2 && t.n > 1)
		qsort(t.t, t.n, sizeof *t.t, by_worker);
	list_add(&s->list, LN_HEAD, "%s, %s (O sorts%s)", !manager ?
	    "YOUR WORK" : hs->team[0] && !hs->borough ? "THE TEAM'S WORK" :
	    "THE BOROUGH'S WORK", hs->sort == 1 ? "by name" : hs->sort == 2 ?
	    "by worker" : "most urgent first", manager ? ", T team or borough,"
	    " :team another" : "");
	if (paged) {
		list_add(&s->list, LN_TEXT, "  %d open cases a page, in order "
		    "of record number%s", HOME_PAGE, hs->after ? "" : ", from "
		    "the first");
		if (hs->nback > 0)
			page_line(s, hs->back[hs->nback - 1], "back: Enter "
			    "reads the page before");
	}
	shown = 0;
	for (i = 0; i < t.n && shown < 200; i++) {
		const struct task *k = &t.t[i];

		if (strcmp(k->rule->name, "contact-decision") == 0)
			continue;
		if (!manager && (k->worker == NULL || strcmp(k->worker, me) != 0))
			continue;
		home_task_line(&s->list, k, TASK_NAME | TASK_TITLE |
		    (hs->sort == 2 ? TASK_WORKER : 0));
		shown++;
	}
	if (shown == 0)
		list_add(&s->list, LN_TEXT, "  nothing due");
	else if (shown == 200)
		list_add(&s->list, LN_TEXT, "  200 shown: casedesk tasks lists "
		    "the rest.");
	if (paged && t.next != 0)
		page_line(s, t.next, "more: Enter reads the next page");
	free(view);		/* the view's tasks are the tray's */
}

static int
home_key(struct client *c, struct screen *s, int key, enum action a)
{
	struct home_state *hs = s->state;
	struct line *l = list_current(&s->list);

	(void)key;
	if (hs == NULL)
		return 0;
	if (a == ACT_OPEN && l != NULL && l->kind == LN_PAGE) {
		int most = (int)(sizeof hs->back / sizeof hs->back[0]);

		if (l->id < hs->after) {
			if (hs->nback > 0)
				hs->nback--;
		} else {
			if (hs->nback == most) {	/* forget the first */
				memmove(hs->back, hs->back + 1, (size_t)(most -
				    1) * sizeof *hs->back);
				hs->nback--;
			}
			hs->back[hs->nback++] = hs->after;
		}
		hs->after = l->id;
		list_clear(&s->list);
		client_build(c, s);
		return 1;
	}
	if (a == ACT_ALLOCATE || (a == ACT_OPEN && l != NULL && l->kind ==
	    LN_QUEUE && store_user_role(c->st) != ROLE_DUTY &&
	    store_user_role(c->st) != ROLE_OOH)) {
		if (l == NULL || l->kind != LN_QUEUE)
			client_say(c, "A allocates a case waiting for allocation: "
			    "choose one in that list first.");
		else
			allocate_open(c, l->person, l->who, l->team ? l->team :
			    hs->team[0] ? hs->team : NULL);
		return 1;
	}
	if (a == ACT_SCOPE) {
		if (!hs->team[0]) {
			client_say(c, "You have no team: home shows the "
			    "borough's work.");
			return 1;
		}
		hs->borough = !hs->borough;
	} else if (a == ACT_SORT)
		hs->sort = (hs->sort + 1) % 3;
	else
		return 0;
	list_clear(&s->list);
	client_build(c, s);
	return 1;
}

/* Whether anyone works in team (a worker with cases, or a user). */
static int
one_worker(const struct team_worker *w, void *arg)
{
	(void)w;
	*(int *)arg = 1;
	return 1;
}

void
home_team(struct client *c, struct screen *s, const char *team)
{
	struct home_state *hs = s->state;
	enum role r = store_user_role(c->st);
	struct cd_err err;
	int found = 0;

	if (hs == NULL || s->ops != &scr_home || (r != ROLE_MANAGER && r !=
	    ROLE_TRAINER)) {
		client_say(c, ":team is a team manager's: home shows your own "
		    "work.");
		return;
	}
	if (team == NULL || *team == '\0')
		team = hs->own;
	if (strcasecmp(team, "borough") == 0 || *team == '\0') {
		hs->borough = 1;
		if (hs->team[0] == '\0')
			snprintf(hs->team, sizeof hs->team, "%s", hs->own);
	} else if (store_team_workers(c->st, team, one_worker, &found, &err) !=
	    CD_OK) {
		client_fail(c, &err);
		return;
	} else if (!found) {
		client_error(c, "No one works in a team called \"%s\" (team "
		    "names are as casedesk workers lists them).", team);
		return;
	} else {
		snprintf(hs->team, sizeof hs->team, "%s", team);
		hs->borough = 0;
	}
	list_clear(&s->list);
	client_build(c, s);
	client_say(c, "Home shows %s%s.", hs->borough ? "the borough" :
	    hs->team, !hs->borough && strcmp(hs->team, hs->own) == 0 ?
	    " (your team)" : "");
}

static void
home_fini(struct screen *s)
{
	struct home_state *hs = s->state;

	if (hs != NULL)
		tasks_fini(&hs->tray);
	free(s->state);
}

static const enum action home_acts[] = { ACT_UP, ACT_DOWN, ACT_PAGE_UP,
    ACT_PAGE_DOWN, ACT_TOP, ACT_BOTTOM, ACT_OPEN, ACT_VIEW, ACT_PERSON,
    ACT_SORT, ACT_ALLOCATE, ACT_SCOPE,
    ACT_SEARCH, ACT_COMMAND, ACT_GOTO, ACT_REFRESH, ACT_QUIT, ACT_NONE };

const struct screen_ops scr_home = {
	.name = "home",
	.about = "Your work: handovers from out of hours, what waits for a "
	    "decision or your authorisation, and your tasks, most urgent "
	    "first. Enter on a line opens it.",
	.build = home_build,
	.key = home_key,
	.fini = home_fini,
	.acts = home_acts,
};
