#include "config.h"

#include "tui/screen.h"

#include <curses.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casework/calendar.h"
#include "casework/nextstep.h"
#include "casework/rows.h"
#include "common/date.h"
#include "common/xmem.h"
#include "forms/fill.h"
#include "store/access.h"
#include "store/audit.h"
#include "store/person.h"
#include "store/record.h"
#include "store/store.h"
#include "store/workflow.h"
#include "tui/term.h"
#include "tui/theme.h"

long
client_today(void)
{
	char now[DATE_TIME_LEN];
	int ok;

	date_now(now);
	now[10] = '\0';
	return calendar_day(now, &ok);
}

struct screen *
client_top(struct client *c)
{
	return &c->stack[c->depth - 1];
}

void
client_say(struct client *c, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(c->msg, sizeof c->msg, fmt, ap);
	va_end(ap);
	c->msg_error = 0;
}

void
client_error(struct client *c, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(c->msg, sizeof c->msg, fmt, ap);
	va_end(ap);
	c->msg_error = 1;
}

void
client_fail(struct client *c, const struct cd_err *err)
{
	client_error(c, "%s", err->msg);
}

int
client_no_files(struct client *c, const char *what)
{
	if (!c->served)
		return 0;
	client_error(c, "Over ssh nothing is written on the server: %s", what);
	return 1;
}

void
client_notice(struct client *c, const char *msg, int error)
{
	snprintf(c->msg, sizeof c->msg, "%s", msg);
	c->msg_error = error;
}

void
client_build(struct client *c, struct screen *s)
{
	size_t cur = s->list.cur;
	int again = s->list.n > 0, grouped;

	list_clear(&s->list);
	/* One transaction for the screen's audit events: one sync. */
	store_screen_begin(c->st, &grouped, NULL);
	s->ops->build(c, s);
	store_screen_end(c->st, grouped, NULL);
	s->built = c->changes;
	/* Reading again keeps the place; a new screen starts at the top. */
	list_home(&s->list, again && cur < s->list.n ? cur : 0);
}

struct screen *
client_push_unbuilt(struct client *c, const struct screen_ops *ops,
    int64_t person)
{
	struct screen *s;

	if (c->depth == CLIENT_DEPTH) {
		client_error(c, "Too many screens open: press Esc to go back "
		    "first.");
		return NULL;
	}
	s = &c->stack[c->depth++];
	memset(s, 0, sizeof *s);
	s->ops = ops;
	s->person = person;
	return s;
}

struct screen *
client_push(struct client *c, const struct screen_ops *ops, int64_t person)
{
	struct screen *s = client_push_unbuilt(c, ops, person);

	if (s != NULL)
		client_build(c, s);
	return s;
}

/* Free one screen's lines and state. */
static void
screen_fini(struct screen *s)
{
	list_clear(&s->list);
	if (s->ops->fini != NULL)
		s->ops->fini(s);
	s->state = NULL;
}

void
client_pop(struct client *c)
{
	struct screen *s;

	if (c->depth <= 1)
		return;
	screen_fini(client_top(c));
	c->depth--;
	s = client_top(c);
	if (s->built != c->changes)
		client_build(c, s);
}

void
client_home(struct client *c)
{
	while (c->depth > 1)
		client_pop(c);
}

void
client_changed(struct client *c)
{
	c->changes++;
}

void
client_ask(struct client *c, const char *prompt, const char *initial,
    client_answer_fn fn, void *arg)
{
	c->asking = 1;
	snprintf(c->prompt, sizeof c->prompt, "%s", prompt);
	lineedit_init(&c->answer, 0);
	lineedit_set(&c->answer, initial ? initial : "");
	c->answer_fn = fn;
	c->answer_arg = arg;
	c->msg[0] = '\0';
}

struct client *
client_new(struct store *st, const struct keymap *km,
    const struct formset *forms, struct lateness *late,
    const struct cfg *cfg, int demo)
{
	struct client *c = xcalloc(1, sizeof *c);

	c->st = st;
	c->km = km;
	c->forms = forms;
	c->late = late;
	c->cfg = cfg;
	c->demo = demo;
	client_push(c, &scr_home, 0);
	return c;
}

void
client_refresh(struct client *c)
{
	client_build(c, client_top(c));
}

void
client_set_served(struct client *c, int served)
{
	c->served = served;
	client_refresh(c);	/* the home says how to export */
}

void
client_set_store(struct client *c, struct store *st)
{
	c->st = st;
}

int64_t
client_take_form(struct client *c)
{
	int64_t id = c->form_wanted;

	c->form_wanted = 0;
	if (id != 0)
		client_changed(c);	/* the form may change what screens show */
	return id;
}

int
client_done(const struct client *c)
{
	return c->quit;
}

/* A restricted person: the reason given opens it under break-glass. */
static void
glass_answer(struct client *c, const char *reason, void *arg)
{
	int64_t id = (int64_t)(intptr_t)arg;
	struct cd_err err;

	if (store_person_break_glass(c->st, id, reason, &err) != CD_OK) {
		client_fail(c, &err);
		return;
	}
	client_push(c, &scr_person, id);
	client_say(c, "Opened under break-glass: this is on the Caldicott "
	    "review list.");
}

void
client_open_person(struct client *c, int64_t id)
{
	struct record r;
	struct cd_err err;
	int grouped;

	/* The check and the summary it opens: one transaction. */
	store_screen_begin(c->st, &grouped, NULL);
	if (store_record_get(c->st, "person", id, &r, &err) == CD_OK) {
		store_record_fini(&r);
		client_push(c, &scr_person, id);
		store_screen_end(c->st, grouped, NULL);
		return;
	}
	store_screen_end(c->st, grouped, NULL);
	if (err.code == CD_ERR_RESTRICTED) {
		client_ask(c, "Restricted record. Why do you need it? "
		    "(audited and reviewed; Esc to leave it)", "",
		    glass_answer, (void *)(intptr_t)id);
		return;
	}
	client_fail(c, &err);
}

void
client_open_form(struct client *c, int64_t id)
{
	c->form_wanted = id;
}

void
client_start_form_with(struct client *c, const char *code, int64_t person,
    const char *prefill)
{
	struct fill f;
	struct cd_err err;
	const char *p = prefill;

	if (fill_new(&f, c->st, c->forms, code, person, &err) != CD_OK) {
		client_fail(c, &err);
		return;
	}
	/* "kind=cp": the task says what sort of visit or review this is. */
	while (p != NULL && *p) {
		size_t n = strcspn(p, ","), eq = strcspn(p, "=");
		char *name, *value;

		if (eq < n) {
			name = xstrndup(p, eq);
			value = xstrndup(p + eq + 1, n - eq - 1);
			if (fill_set(&f, name, 0, value, &err) != CD_OK)
				client_fail(c, &err);
			free(name);
			free(value);
		}
		p += n + (p[n] == ',');
	}
	c->form_wanted = f.instance;
	fill_close(&f);
}

void
client_start_form(struct client *c, const char *code, int64_t person)
{
	client_start_form_with(c, code, person, NULL);
}

void
client_say_started(struct client *c, const char *first)
{
	const struct workflow_step *w;
	size_t n = store_workflow_started(c->st, &w);
	char buf[600];

	snprintf(buf, sizeof buf, "%s", first ? first : "");
	if (c->late && c->late->loaded)
		nextstep_sentences(w, n, &c->late->rules, &c->late->cal, buf,
		    sizeof buf);
	client_say(c, "%s", buf);
}

/* The outcome of a flagged access, and the note that goes with it. */
static void
review_answer(struct client *c, const char *answer, void *arg)
{
	static const char *const outcomes[] = { "appropriate", "inappropriate",
	    "referred" };
	int64_t seq = (int64_t)(intptr_t)arg;
	size_t n = strcspn(answer, " "), i;
	const char *note = answer + n + strspn(answer + n, " ");
	struct cd_err err;

	for (i = 0; i < 3; i++)
		if (n > 0 && strncmp(outcomes[i], answer, n) == 0)
			break;
	if (i == 3 || *note == '\0') {
		client_ask(c, "The outcome (a, i or r), a space, then a note:",
		    answer, review_answer, arg);
		return;
	}
	if (store_audit_review(c->st, seq, outcomes[i], note, &err) != CD_OK) {
		client_fail(c, &err);
		return;
	}
	client_changed(c);
	client_refresh(c);
	client_say(c, "Event %lld reviewed: %s.", (long long)seq, outcomes[i]);
}

void
review_ask(struct client *c, int64_t seq)
{
	char prompt[160];

	snprintf(prompt, sizeof prompt, "Event %lld: appropriate, "
	    "inappropriate or referred (a, i, r), then a note:",
	    (long long)seq);
	client_ask(c, prompt, "", review_answer, (void *)(intptr_t)seq);
}

/* Whether draft's answers hold the prefill ("kind=cp,..."). */
static int
draft_fits(struct client *c, int64_t draft, const char *prefill)
{
	struct fill f;
	const char *p = prefill;
	int fits = 1;

	if (p == NULL || *p == '\0')
		return 1;
	if (fill_open(&f, c->st, c->forms, draft, NULL) != CD_OK)
		return 0;
	while (fits && *p) {
		size_t n = strcspn(p, ","), eq = strcspn(p, "=");

		if (eq < n) {
			char *name = xstrndup(p, eq);
			const char *v = fill_get(&f, name, 0);

			fits = v != NULL && strlen(v) == n - eq - 1 &&
			    strncmp(v, p + eq + 1, n - eq - 1) == 0;
			free(name);
		}
		p += n + (p[n] == ',');
	}
	fill_close(&f);
	return fits;
}

/*
 * The user's own draft (or returned form) of code for person that the
 * task would start, newest first: Enter on the task again goes back to
 * it rather than starting a second.
 */
static int64_t
task_draft(struct client *c, const char *code, int64_t person,
    const char *prefill)
{
	const char *me = store_user_name(c->st);
	struct rows fo;
	int64_t found = 0;
	size_t i;

	rows_load(c->st, "form_instance", person, &fo);
	for (i = fo.n; found == 0 && i-- > 0;) {
		const char *st = rows_val(&fo.r[i], "status");

		if (strcmp(rows_val(&fo.r[i], "form_code"), code) == 0 &&
		    (strcmp(st, "draft") == 0 || strcmp(st, "returned") == 0) &&
		    me != NULL && strcmp(rows_val(&fo.r[i], "created_by"),
		    me) == 0 && draft_fits(c, fo.r[i].id, prefill))
			found = fo.r[i].id;
	}
	rows_fini(&fo);
	return found;
}

/* Enter on a task: the row or the form that completes it. */
static void
open_step(struct client *c, const struct line *l)
{
	int64_t draft;

	if (l->code != NULL && l->id != 0 && l->field != NULL)
		client_edit_record(c, l->code, l->id, l->field);
	else if (l->code != NULL && l->id != 0)
		client_open_record(c, l->code, l->id, NULL);
	else if (l->form != NULL && l->person != 0 && (draft = task_draft(c,
	    l->form, l->person, l->prefill)) != 0) {
		client_open_form(c, draft);
		client_say(c, "Your draft #%lld of this, as you left it.",
		    (long long)draft);
	} else if (l->form != NULL && l->person != 0)
		client_start_form_with(c, l->form, l->person, l->prefill);
	else if (l->person != 0)
		client_open_person(c, l->person);
	else
		client_say(c, "This task has no step to open: casedesk tasks "
		    "says more.");
}

void
client_page(struct client *c, struct pager *p)
{
	if (c->pager != NULL) {
		pager_fini(c->pager);
		free(c->pager);
	}
	c->pager = p;
}

/* A line's own text, whole, in the pager. */
static void
page_line(struct client *c, const struct screen *s, const struct line *l)
{
	struct pager *p = xmalloc(sizeof *p);

	pager_init(p, s->title);
	pager_add_text(p, THEME_NONE, 0, l->text);
	client_page(c, p);
}

void
client_view(struct client *c, struct screen *s, const struct line *l)
{
	struct pager *p = NULL;
	struct cd_err err;

	if (l == NULL) {
		client_say(c, "Nothing here to read.");
		return;
	}
	if (l->kind == LN_RECORD || l->kind == LN_HANDOVER)
		p = record_pager(c, l->kind == LN_HANDOVER ? "ooh_record" :
		    l->code, l->id, &err);
	else if (l->kind == LN_FORM)
		p = form_pager(c, l->id, &err);
	else if (l->kind == LN_PERSON && s->ops != &scr_search &&
	    list_line_cut(l, COLS))
		p = NULL;	/* the line itself, below */
	else if (l->kind == LN_PERSON)
		p = record_pager(c, "person", l->id, &err);
	else if (l->kind == LN_FIELD && s->ops == &scr_record)
		p = NULL;
	if ((l->kind == LN_RECORD || l->kind == LN_HANDOVER || l->kind ==
	    LN_FORM || (l->kind == LN_PERSON && p == NULL &&
	    s->ops == &scr_search)) && p == NULL) {
		client_fail(c, &err);
		return;
	}
	if (p != NULL)
		client_page(c, p);
	else
		page_line(c, s, l);
}

void
client_open_line(struct client *c, struct screen *s, struct line *l)
{
	if (l == NULL) {
		client_say(c, "Nothing to open here.");
		return;
	}
	switch (l->kind) {
	case LN_PERSON:
		client_open_person(c, l->id);
		return;
	case LN_FORM:
		client_open_form(c, l->id);
		return;
	case LN_NEWFORM:
		client_start_form(c, l->code, s->person);
		return;
	case LN_RECORD:
		client_open_record(c, l->code, l->id, l->field);
		return;
	case LN_HANDOVER:
		client_open_record(c, "ooh_record", l->id, NULL);
		return;
	case LN_PROBLEM:
		if (l->code != NULL)
			client_open_record(c, l->code, l->id, l->field);
		else if (l->field != NULL)
			client_start_form(c, l->field, l->person);
		else
			client_say(c, "This problem has no field to open: %s",
			    l->text);
		return;
	case LN_CHECKS:
		client_checks(c, 0, (int)l->id);
		return;
	case LN_TASK:
		open_step(c, l);
		return;
	case LN_REVIEW:
		review_ask(c, l->id);
		return;
	case LN_SAR:
		sar_open(c, l->id);
		return;
	case LN_TEXT:
		if (list_line_cut(l, COLS))
			page_line(c, s, l);
		else
			client_say(c, "This line is information: nothing "
			    "opens from it.");
		return;
	default:
		/* The screen's own kinds (create, fields) are its key's. */
		client_say(c, "Nothing opens from this line.");
		return;
	}
}

/* The help page: this screen's keys, then everywhere's, then commands. */
void
client_help(struct client *c, struct screen *s)
{
	struct pager *p = xmalloc(sizeof *p);
	char keys[80], title[200];
	size_t k;
	int a;

	snprintf(title, sizeof title, "Help: %s", s->ops->name);
	pager_init(p, title);
	pager_add(p, THEME_NONE, "%s", s->ops->about);
	pager_add(p, THEME_NONE, "%s", "");
	pager_add(p, THEME_HEADING, "Keys on this screen");
	for (k = 0; s->ops->acts && s->ops->acts[k] != ACT_NONE; k++) {
		keymap_keys_for(c->km, CTX_MAIN, s->ops->acts[k], keys,
		    sizeof keys);
		if (keys[0])
			pager_add_key(p, keys,
			    keymap_action_help(s->ops->acts[k]));
	}
	if (s->ops->help != NULL)
		s->ops->help(c, s, p);
	pager_add(p, THEME_NONE, "%s", "");
	pager_add(p, THEME_HEADING, "Everywhere");
	for (a = 0; a < ACT_COUNT; a++) {
		keymap_keys_for(c->km, CTX_GLOBAL, (enum action)a, keys,
		    sizeof keys);
		if (keys[0])
			pager_add_key(p, keys,
			    keymap_action_help((enum action)a));
	}
	pager_add_key(p, "g then a letter", "Go to: h "
	    "home, s search, f family, c chronology, o forms, a who looked, "
	    "l quick look, r returns checks");
	pager_add(p, THEME_NONE, "%s", "");
	command_help(p);
	pager_add(p, THEME_NONE, "%s", "");
	pager_add(p, THEME_HEADING, "Reading this page");
	for (a = 0; a < ACT_COUNT; a++) {
		keymap_keys_for(c->km, CTX_PAGER, (enum action)a, keys,
		    sizeof keys);
		if (keys[0])
			pager_add_key(p, keys,
			    keymap_action_help((enum action)a));
	}
	client_page(c, p);
}

/* g, then a letter: where to go. */
static void
go_key(struct client *c, int key)
{
	struct screen *s = client_top(c);
	struct line *l = list_current(&s->list);
	int64_t p = s->person ? s->person : l && l->kind == LN_PERSON ? l->id :
	    l && (l->kind == LN_TASK || l->kind == LN_QUEUE) ? l->person : 0;

	c->go_pending = 0;
	c->msg[0] = '\0';
	switch (key) {
	case 'h':
	case 't':
		client_home(c);
		return;
	case 's':
	case '/':
		search_open(c, "");
		return;
	case 'r':
		client_checks(c, p, 0);
		return;
	case 'f':
	case 'c':
	case 'o':
	case 'a':
	case 'l':
		if (p == 0) {
			client_say(c, "Open a person first (/ to search).");
			return;
		}
		if (key == 'l')
			look_open(c, NULL, p);
		else
			client_push(c, key == 'f' ? &scr_family : key == 'c' ?
			    &scr_chrono : key == 'o' ? &scr_forms : &scr_audit,
			    p);
		return;
	default:
		client_error(c, "Go to: h home, s search, f family, c "
		    "chronology, o forms, a who looked, l quick look, r returns "
		    "checks.");
	}
}

/* Keys while a question is asked on the message line. */
static int
answer_key(struct client *c, int key)
{
	int k = keymap_canonical(key);

	if (k == KEYMAP_ESC || key == 7 /* C-g */) {
		c->asking = 0;
		client_say(c, "Cancelled.");
		return 1;
	}
	if (k == KEYMAP_ENTER) {
		char *text = xstrdup(lineedit_text(&c->answer));

		c->asking = 0;
		c->answer_fn(c, text, c->answer_arg);
		free(text);
		return 1;
	}
	lineedit_key(&c->answer, key);
	return 1;
}

/* The person a key about a person means here: the screen's or the line's. */
static int64_t
person_here(struct client *c, struct screen *s)
{
	struct line *l = list_current(&s->list);

	if (s->person)
		return s->person;
	if (l && (l->kind == LN_TASK || l->kind == LN_QUEUE || l->kind ==
	    LN_REVIEW || l->kind == LN_SAR))
		return l->person;
	return l && l->kind == LN_PERSON ? l->id : 0;
}

/* : typed: run the command. */
static void
command_answer(struct client *c, const char *line, void *arg)
{
	(void)arg;
	if (line[0] != '\0')
		command_run(c, line);
}

int
client_key(struct client *c, int key)
{
	struct screen *s = client_top(c);
	enum action a;
	int64_t p;

	if (c->pager != NULL) {
		if (keymap_lookup_in(c->km, CTX_GLOBAL, key) == ACT_QUIT &&
		    keymap_lookup_in(c->km, CTX_PAGER, key) == ACT_NONE) {
			client_page(c, NULL);
			return 1;
		}
		pager_key(c->pager, c->km, key);
		if (c->pager->done)
			client_page(c, NULL);
		return 1;
	}
	if (c->asking)
		return answer_key(c, key);
	c->msg[0] = '\0';
	c->msg_error = 0;
	if (c->go_pending) {
		go_key(c, key);
		return 1;
	}
	a = keymap_lookup(c->km, CTX_MAIN, key);
	if (s->ops->key != NULL && s->ops->key(c, s, key, a))
		return 1;
	p = person_here(c, s);
	switch (a) {
	case ACT_UP:
		list_move(&s->list, -1);
		return 1;
	case ACT_DOWN:
		list_move(&s->list, 1);
		return 1;
	case ACT_PAGE_UP:
		list_move(&s->list, -(long)(s->list.rows > 2 ? s->list.rows - 1 :
		    1));
		return 1;
	case ACT_PAGE_DOWN:
		list_move(&s->list, s->list.rows > 2 ? s->list.rows - 1 : 1);
		return 1;
	case ACT_TOP:
		list_home(&s->list, 0);
		return 1;
	case ACT_BOTTOM:
		list_move(&s->list, (long)s->list.n);
		return 1;
	case ACT_OPEN:
		client_open_line(c, s, list_current(&s->list));
		return 1;
	case ACT_VIEW:
		client_view(c, s, list_current(&s->list));
		return 1;
	case ACT_BACK:
		if (c->depth > 1)
			client_pop(c);
		else
			client_say(c, "This is home: q quits.");
		return 1;
	case ACT_QUIT:
		if (c->depth > 1)
			client_pop(c);
		else
			c->quit = 1;
		return 1;
	case ACT_SEARCH:
		search_open(c, "");
		return 1;
	case ACT_PERSON:
		if (p == 0)
			client_say(c, "This line is about no one person.");
		else if (p == s->person && s->ops == &scr_person)
			client_say(c, "This is the person's summary.");
		else
			client_open_person(c, p);
		return 1;
	case ACT_COMMAND:
		client_ask(c, ":", "", command_answer, NULL);
		return 1;
	case ACT_GOTO:
		c->go_pending = 1;
		client_say(c, "Go to: h home, s search, f family, c chronology, "
		    "o forms, a who looked, l look, r returns");
		return 1;
	case ACT_HOME:
		client_home(c);
		return 1;
	case ACT_HELP:
		client_help(c, s);
		return 1;
	case ACT_REFRESH:
		client_refresh(c);
		client_say(c, "Read again.");
		return 1;
	case ACT_PLACEMENTS:
		if (p == 0)
			client_say(c, "Open a person first (/ to search).");
		else
			client_push(c, &scr_placements, p);
		return 1;
	case ACT_FAMILY:
	case ACT_CHRONO:
	case ACT_FORMS:
	case ACT_AUDIT:
	case ACT_NEW_FORM:
		if (p == 0) {
			client_say(c, "Open a person first (/ to search).");
			return 1;
		}
		if (a == ACT_NEW_FORM)
			newform_open(c, p);
		else
			client_push(c, a == ACT_FAMILY ? &scr_family : a ==
			    ACT_CHRONO ? &scr_chrono : a == ACT_FORMS ? &scr_forms :
			    &scr_audit, p);
		return 1;
	case ACT_NONE:
		return 0;
	default:
		client_say(c, "That key does nothing here: ? lists the keys "
		    "of this screen.");
		return 1;
	}
}

int
client_idle_ms(const struct client *c)
{
	const struct screen *s = &c->stack[c->depth - 1];

	return s->ops == &scr_search && s->built == (unsigned long)-1 ? 150 :
	    -1;
}

int
client_idle(struct client *c)
{
	struct screen *s = client_top(c);

	if (s->ops != &scr_search || s->built != (unsigned long)-1)
		return 0;
	client_build(c, s);
	return 1;
}

/* Rows the message needs (a long one wraps, up to three). */
static int
message_rows(const struct client *c)
{
	const char *p = c->msg;
	int rows = 0;

	if (c->asking || c->msg[0] == '\0')
		return 1;
	while (*p && rows < 3) {
		p += text_fit(p, COLS - 2, 1, NULL);
		p += strspn(p, " ");
		rows++;
	}
	return rows ? rows : 1;
}

/* The message from row y down, wrapped at words. */
void
client_draw_message(const struct client *c, int y, int rows)
{
	const char *p = c->msg;

	theme_on(c->msg_error ? THEME_ERROR : THEME_NONE);
	while (*p && rows-- > 0) {
		size_t n = text_fit(p, COLS - 2, 1, NULL);

		if (n == 0)
			n = 1;
		term_text_n(y++, 1, COLS - 2, p, n);
		p += n;
		p += strspn(p, " ");
	}
	theme_off();
}

void
client_draw(struct client *c)
{
	struct screen *s = client_top(c);
	int top = s->ops->list_row ? s->ops->list_row : 1;
	int mrows = message_rows(c);
	int rows = LINES - 1 - mrows - top, cut;
	char bar[400];

	if (!term_big_enough()) {
		term_draw_too_small();
		return;
	}
	if (c->pager != NULL) {
		pager_draw(c->pager, c->demo);
		return;
	}
	erase();
	term_bar(0, s->title, c->demo ? "DEMO - NOT REAL DATA" : NULL);
	if (s->ops->draw != NULL)
		s->ops->draw(c, s);
	cut = list_draw(&s->list, top, rows, COLS);
	if (c->asking) {
		int w = text_cells(c->prompt) + 1;

		if (w > COLS * 2 / 3) {
			/* A long question on its own row, the answer below. */
			term_text(LINES - 3, 1, COLS - 2, c->prompt);
			w = 0;
		} else
			term_text(LINES - 2, 1, w, c->prompt);
		theme_on(THEME_HEADING);
		theme_off();
		lineedit_draw(&c->answer, LINES - 2, 1 + w, COLS - 2 - w);
	} else {
		if (c->msg[0])
			client_draw_message(c, LINES - 1 - mrows, mrows);
		if (cut && s->list.n && text_cells(c->msg) < COLS - 16) {
			char where[32];

			snprintf(where, sizeof where, "%zu of %zu",
			    s->list.cur + 1, s->list.n);
			term_text(LINES - 2, COLS - 1 - (int)strlen(where),
			    (int)strlen(where), where);
		}
		if (s->ops->draw == NULL)
			term_cursor(-1, 0);
	}
	{
		const char *me = store_user_name(c->st);
		const char *role = role_id(store_user_role(c->st));

		/* "duty", not "duty (duty)": the demo's users are roles. */
		const char *hint = s->ops->hint ? s->ops->hint :
		    "/ search  Enter open  v read  Esc back  ? help";

		snprintf(bar, sizeof bar, "%s%s%s%s  %s", me, strcmp(me, role) ?
		    " (" : "", strcmp(me, role) ? role : "", strcmp(me, role) ?
		    ")" : "", hint);
		/* The keys matter more than who you are: they keep the room. */
		if (text_cells(bar) > COLS - (c->demo ? 7 : 2))
			snprintf(bar, sizeof bar, "%s", hint);
	}
	term_bar(LINES - 1, bar, c->demo ? "DEMO" : NULL);
	if (c->asking)
		lineedit_draw(&c->answer, LINES - 2, 1 + (text_cells(c->prompt)
		    + 1 > COLS * 2 / 3 ? 0 : text_cells(c->prompt) + 1), COLS -
		    2 - (text_cells(c->prompt) + 1 > COLS * 2 / 3 ? 0 :
		    text_cells(c->prompt) + 1));
	else if (s->ops->draw != NULL)
		s->ops->draw(c, s);	/* its cursor goes last */
}

void
client_free(struct client *c)
{
	if (c == NULL)
		return;
	while (c->depth > 0)
		screen_fini(&c->stack[--c->depth]);
	client_page(c, NULL);
	free(c);
}
