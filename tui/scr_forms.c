/* A person's forms, and the picker that starts a new one. */
#include "config.h"

#include "tui/screen.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "casework/calendar.h"
#include "casework/rows.h"
#include "common/xmem.h"
#include "store/access.h"
#include "store/form.h"
#include "store/record.h"
#include "store/store.h"
#include "tui/term.h"

static void
forms_build(struct client *c, struct screen *s)
{
	struct rows fo;
	size_t i;

	snprintf(s->title, sizeof s->title, "Forms of #%lld (n starts one)",
	    (long long)s->person);
	rows_load(c->st, "form_instance", s->person, &fo);
	for (i = fo.n; i-- > 0;) {
		const struct formdef *d = formdef_find(c->forms,
		    rows_val(&fo.r[i], "form_code"));

		struct line *l = list_add(&s->list, LN_FORM, "#%-6lld %.10s  "
		    "%-40s %s", (long long)fo.r[i].id, fo.r[i].updated_at ?
		    fo.r[i].updated_at : "", d ? d->title : rows_val(&fo.r[i],
		    "form_code"),
		    rows_val(&fo.r[i], "status"));

		l->id = fo.r[i].id;
		l->code = xstrdup(rows_val(&fo.r[i], "status"));
	}
	if (fo.n == 0)
		list_add(&s->list, LN_TEXT, "No forms yet. Press n to start one.");
	rows_fini(&fo);
}

/* The answer to "discard draft #N?": y discards it. */
static void
discard_answer(struct client *c, const char *answer, void *arg)
{
	struct screen *s = arg;
	struct line *l = list_current(&s->list);
	struct cd_err err;

	if (l == NULL || l->kind != LN_FORM)
		return;
	if (answer[0] != 'y' && answer[0] != 'Y') {
		client_say(c, "Kept.");
		return;
	}
	if (store_form_discard(c->st, l->id, &err) != CD_OK) {
		client_fail(c, &err);
		return;
	}
	client_changed(c);
	client_say(c, "Draft #%lld discarded: its answers stay on the audit "
	    "trail until retention.", (long long)l->id);
	client_build(c, s);
}

static int
forms_key(struct client *c, struct screen *s, int key, enum action a)
{
	struct line *l = list_current(&s->list);
	char prompt[200];

	(void)key;
	if (a != ACT_DISCARD)
		return 0;
	if (l == NULL || l->kind != LN_FORM || l->code == NULL ||
	    strcmp(l->code, "draft") != 0) {
		client_say(c, "Only a draft is discarded: choose one first.");
		return 1;
	}
	snprintf(prompt, sizeof prompt, "Discard draft #%lld for good? (y "
	    "discards, Enter keeps it)", (long long)l->id);
	client_ask(c, prompt, "", discard_answer, s);
	return 1;
}

static const enum action forms_acts[] = { ACT_UP, ACT_DOWN, ACT_OPEN,
    ACT_VIEW, ACT_NEW_FORM, ACT_DISCARD, ACT_REFRESH, ACT_BACK, ACT_NONE };

const struct screen_ops scr_forms = {
	.name = "forms",
	.about = "The person's forms, newest first, with their status; Enter "
	    "opens one in the form editor, v reads it whole, D discards a "
	    "draft started by mistake (its author only; audited).",
	.build = forms_build,
	.key = forms_key,
	.acts = forms_acts,
};

/* The picker: what is typed narrows the list. */
struct newform_state {
	struct lineedit filter;
	unsigned kind;		/* FITS_* of the person */
};

/* Whether any row of rows has no value in field (an open one). */
static int
any_open(const struct rows *rows, const char *field)
{
	size_t i;

	for (i = 0; i < rows->n; i++)
		if (*rows_val(&rows->r[i], field) == '\0')
			return 1;
	return 0;
}

/* A child (in care or not), an adult, an adult adopter, a care leaver. */
static unsigned
person_kind(struct client *c, int64_t person)
{
	struct record r;
	struct rows m;
	int adult = 0, adopter, in_care, leaver;
	const char *dob;

	if (store_record_get(c->st, "person", person, &r, NULL) == CD_OK) {
		dob = store_record_value(&r, "dob");
		if (dob != NULL) {
			int ok;
			long d = calendar_day(dob, &ok);

			adult = ok && (client_today() - d) / 365.25 >= 18;
		}
		store_record_fini(&r);
	}
	rows_load(c->st, "adopter_member", person, &m);
	adopter = m.n > 0;
	rows_fini(&m);
	rows_load(c->st, "care_episode", person, &m);
	in_care = any_open(&m, "end_date");
	rows_fini(&m);
	rows_load(c->st, "care_leaver", person, &m);
	leaver = m.n > 0;
	rows_fini(&m);
	return formdef_person_kind(adult, adopter, in_care, leaver);
}

/* Whether a form matches the words typed (in its code or title). */
static int
matches_filter(const struct formdef *d, const char *filter)
{
	size_t n = strlen(filter);
	const char *t;

	if (n == 0)
		return 1;
	for (t = d->title; *t; t++)
		if ((t == d->title || t[-1] == ' ') && strncasecmp(t, filter, n)
		    == 0)
			return 1;
	return strncasecmp(d->code, filter, n) == 0;
}

static void
newform_build(struct client *c, struct screen *s)
{
	/* The everyday forms first (out of hours: its own), then the rest. */
	static const char *const day[] = { "contact", "referral", "visit",
	    "strategy-discussion", "assessment", NULL };
	static const char *const night[] = { "ooh", "contact",
	    "strategy-discussion", NULL };
	struct newform_state *ns = s->state;
	enum role r = store_user_role(c->st);
	const char *const *first = r == ROLE_OOH ? night : day;
	const char *filter = lineedit_text(&ns->filter);
	const struct formdef *fit[128];
	size_t n, i, k;

	snprintf(s->title, sizeof s->title, "Start a form for #%lld",
	    (long long)s->person);
	n = formdef_startable(c->forms, r, ns->kind, fit, sizeof fit /
	    sizeof fit[0]);
	if (n > sizeof fit / sizeof fit[0])
		n = sizeof fit / sizeof fit[0];
	/* The everyday ones in their own order, then the rest by title. */
	for (k = 0; first[k]; k++)
		for (i = 0; i < n; i++)
			if (strcmp(first[k], fit[i]->code) == 0 &&
			    matches_filter(fit[i], filter))
				list_add(&s->list, LN_NEWFORM, "%-20s %s",
				    fit[i]->code, fit[i]->title)->code =
				    xstrdup(fit[i]->code);
	for (i = 0; i < n; i++) {
		int early = 0;

		for (k = 0; first[k]; k++)
			early |= strcmp(first[k], fit[i]->code) == 0;
		if (!early && matches_filter(fit[i], filter))
			list_add(&s->list, LN_NEWFORM, "%-20s %s", fit[i]->code,
			    fit[i]->title)->code = xstrdup(fit[i]->code);
	}
	if (s->list.n == 0 && filter[0])
		list_add(&s->list, LN_TEXT, "No form you may start matches "
		    "\"%s\": Backspace to widen.", filter);
	else if (s->list.n == 0)
		list_add(&s->list, LN_TEXT, "Your role may not start any form "
		    "for this person.");
}

/* Choosing a form replaces the picker with the editor; letters narrow. */
static int
newform_key(struct client *c, struct screen *s, int key, enum action a)
{
	struct newform_state *ns = s->state;
	struct line *l = list_current(&s->list);
	int k = keymap_canonical(key);
	int letter = key >= ' ' && key < KEYMAP_FN_BASE;

	/* Letters narrow, even those bound to moving or opening (j, l). */
	if (k == KEYMAP_ENTER || (a == ACT_OPEN && !letter)) {
		if (l == NULL || l->kind != LN_NEWFORM) {
			client_say(c, "No form here to start.");
			return 1;
		}
		client_start_form(c, l->code, s->person);
		if (c->form_wanted)
			client_pop(c);
		return 1;
	}
	if (k == KEYMAP_ESC) {
		client_pop(c);
		return 1;
	}
	if (a == ACT_UP || a == ACT_DOWN || a == ACT_PAGE_UP ||
	    a == ACT_PAGE_DOWN || a == ACT_HELP)
		if (!letter || key == '?')
			return 0;
	if (lineedit_key(&ns->filter, key) == LINEEDIT_CHANGED) {
		list_clear(&s->list);
		client_build(c, s);
		list_home(&s->list, 0);
		return 1;
	}
	return letter;
}

static void
newform_draw(struct client *c, struct screen *s)
{
	struct newform_state *ns = s->state;

	(void)c;
	term_text(1, 1, 8, "Form: ");
	lineedit_draw(&ns->filter, 1, 7, COLS - 8);
}

static void
newform_fini(struct screen *s)
{
	free(s->state);
}

void
newform_open(struct client *c, int64_t person)
{
	struct screen *s = client_push_unbuilt(c, &scr_newform, person);
	struct newform_state *ns;

	if (s == NULL)
		return;
	s->state = ns = xcalloc(1, sizeof *ns);
	lineedit_init(&ns->filter, 60);
	ns->kind = person_kind(c, person);
	client_build(c, s);
}

static const enum action newform_acts[] = { ACT_UP, ACT_DOWN, ACT_OPEN,
    ACT_BACK, ACT_NONE };

const struct screen_ops scr_newform = {
	.name = "start a form",
	.about = "The forms your role may start and that fit this person (a "
	    "child, an adult, an adopter), everyday ones first. Type to narrow "
	    "the list (a word of the title or the code); Enter starts the one "
	    "highlighted and opens the editor.",
	.build = newform_build,
	.key = newform_key,
	.draw = newform_draw,
	.fini = newform_fini,
	.acts = newform_acts,
	.list_row = 2,
	.hint = "type to narrow  Enter starts  Esc back  ? help",
};
