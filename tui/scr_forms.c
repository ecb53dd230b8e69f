/* A person's forms, and the picker that starts a new one. */
#include "config.h"

#include "tui/screen.h"

#include <stdio.h>
#include <string.h>

#include "casework/rows.h"
#include "common/xmem.h"
#include "store/access.h"
#include "store/store.h"

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

		list_add(&s->list, LN_FORM, "#%-6lld %.10s  %-40s %s",
		    (long long)fo.r[i].id, rows_val(&fo.r[i], "updated_at"), d ?
		    d->title : rows_val(&fo.r[i], "form_code"), rows_val(&fo.r[i],
		    "status"))->id = fo.r[i].id;
	}
	if (fo.n == 0)
		list_add(&s->list, LN_TEXT, "No forms yet. Press n to start one.");
	rows_free(&fo);
}

static const enum action forms_acts[] = { ACT_UP, ACT_DOWN, ACT_OPEN,
    ACT_VIEW, ACT_NEW_FORM, ACT_REFRESH, ACT_BACK, ACT_NONE };

const struct screen_ops scr_forms = {
	.name = "forms",
	.about = "The person's forms, newest first, with their status; Enter "
	    "opens one in the form editor, v reads it whole.",
	.build = forms_build,
	.acts = forms_acts,
};

static void
newform_build(struct client *c, struct screen *s)
{
	/* The everyday forms first (out of hours: its own), then the rest. */
	static const char *const day[] = { "contact", "referral", "visit",
	    "strategy-discussion", "assessment", NULL };
	static const char *const night[] = { "ooh", "contact",
	    "strategy-discussion", NULL };
	enum role r = store_user_role(c->st);
	const char *const *first = r == ROLE_OOH ? night : day;
	size_t i, k;

	snprintf(s->title, sizeof s->title, "Start a form for #%lld",
	    (long long)s->person);
	for (k = 0; first[k]; k++) {
		const struct formdef *d = formdef_find(c->forms, first[k]);

		if (d == NULL || !((d->write_roles >> r) & 1u))
			continue;
		list_add(&s->list, LN_NEWFORM, "%-20s %s", d->code,
		    d->title)->code = xstrdup(d->code);
	}
	for (i = 0; i < c->forms->nforms; i++) {
		const struct formdef *d = &c->forms->forms[i];
		int early = 0;

		for (k = 0; first[k]; k++)
			early |= strcmp(first[k], d->code) == 0;
		if (early || !((d->write_roles >> r) & 1u))
			continue;
		list_add(&s->list, LN_NEWFORM, "%-20s %s", d->code,
		    d->title)->code = xstrdup(d->code);
	}
	if (s->list.n == 0)
		list_add(&s->list, LN_TEXT, "Your role may not start any form.");
}

/* Choosing a form replaces the picker with the editor. */
static int
newform_key(struct client *c, struct screen *s, int key, enum action a)
{
	struct line *l = list_current(&s->list);

	(void)key;
	if (a != ACT_OPEN || l == NULL || l->kind != LN_NEWFORM)
		return 0;
	client_start_form(c, l->code, s->person);
	if (c->form_wanted)
		client_pop(c);
	return 1;
}

static const enum action newform_acts[] = { ACT_UP, ACT_DOWN, ACT_OPEN,
    ACT_BACK, ACT_NONE };

const struct screen_ops scr_newform = {
	.name = "start a form",
	.about = "The forms your role may start for this person, everyday "
	    "ones first; Enter starts one and opens the editor.",
	.build = newform_build,
	.key = newform_key,
	.acts = newform_acts,
};
