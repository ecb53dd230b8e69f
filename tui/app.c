#include "config.h"

#include "tui/app.h"

#include <curses.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common/xmem.h"
#include "store/audit.h"
#include "store/session.h"
#include "store/user.h"
#include "tui/term.h"
#include "tui/formedit.h"
#include "tui/unlock.h"
#include "forms/fill.h"
#include "casework/tasks.h"
#include "store/record.h"

volatile sig_atomic_t tui_hangup;

static void
on_hangup(int sig)
{
	(void)sig;
	tui_hangup = 1;
}

/* The screens of this first slice: main and help. */
enum view_screen { SCREEN_MAIN, SCREEN_HELP };

struct view {
	enum view_screen screen;
	enum view_screen help_from;
	int help_top;		/* first help line shown */
	struct store_user me;
};

/* Title bar: what this is, who is signed in, and the DEMO banner. */
static void
draw_title(struct tui *t, const char *title)
{
	char left[128];

	snprintf(left, sizeof left, "casedesk  %s", title);
	term_bar(0, left, t->demo ? "DEMO - NOT REAL DATA" : NULL);
}

/* Status line: user, role, database. */
static void
draw_status(struct tui *t)
{
	char left[256], right[64], help[32];

	snprintf(left, sizeof left, "%s (%s)  %s", store_user_name(t->st),
	    role_title(store_user_role(t->st)), store_path(t->st));
	keymap_keys_for(&t->km, CTX_GLOBAL, ACT_HELP, help, sizeof help);
	help[strcspn(help, " ")] = '\0';
	snprintf(right, sizeof right, "%s%s: help", t->demo ? "DEMO  " : "",
	    help);
	term_bar(LINES - 1, left, right);
}

static void
draw_main(struct tui *t, struct view *v)
{
	char line[256], quit[32];
	int row = 2;

	draw_title(t, "Home");
	snprintf(line, sizeof line, "Signed in as %s (%s)", v->me.full_name &&
	    v->me.full_name[0] ? v->me.full_name : store_user_name(t->st),
	    store_user_name(t->st));
	term_text(row++, 2, COLS - 4, line);
	snprintf(line, sizeof line, "Role: %s%s%s",
	    role_title(store_user_role(t->st)), v->me.team && v->me.team[0] ?
	    "    Team: " : "", v->me.team ? v->me.team : "");
	term_text(row++, 2, COLS - 4, line);
	row++;
	if (t->demo) {
		attron(A_BOLD);
		term_text(row++, 2, COLS - 4, "This is a DEMO database: every "
		    "person in it is invented, for training.");
		attroff(A_BOLD);
		row++;
	}
	if (t->notice[0]) {
		attron(A_BOLD);
		term_text(row++, 2, COLS - 4, t->notice);
		attroff(A_BOLD);
		row++;
	}
	term_text(row++, 2, COLS - 4, "Every view and change of a record is "
	    "written to the audit trail.");
	keymap_keys_for(&t->km, CTX_GLOBAL, ACT_QUIT, quit, sizeof quit);
	snprintf(line, sizeof line, "Press ? for the keys; %s to quit.",
	    quit);
	term_text(row + 1, 2, COLS - 4, line);
	draw_status(t);
}

/*
 * The help lines: the keys of the screen help was opened from, the global
 * ones, then how to move about and leave help itself. Empty groups are
 * left out.
 */
static int
help_lines(struct tui *t, enum context ctx, char lines[][160], int max)
{
	enum context order[3] = { ctx, CTX_GLOBAL, CTX_HELP };
	char keys[64];
	int n = 0, c, a, head;

	for (c = 0; c < 3; c++) {
		if (c > 0 && order[c] == ctx)
			continue;
		head = n;
		if (n < max)
			snprintf(lines[n++], 160, "%s",
			    keymap_context_title(order[c]));
		for (a = 0; a < ACT_COUNT && n < max; a++) {
			keymap_keys_for(&t->km, order[c], (enum action)a,
			    keys, sizeof keys);
			if (keys[0] == '\0')
				continue;
			snprintf(lines[n++], 160, "  %-18s %s", keys,
			    keymap_action_help((enum action)a));
		}
		if (n == head + 1)
			n = head;	/* nothing bound: drop the heading */
		else if (n < max)
			lines[n++][0] = '\0';
	}
	return n;
}

static enum context
screen_context(enum view_screen s)
{
	return s == SCREEN_HELP ? CTX_HELP : CTX_MAIN;
}

static void
draw_help(struct tui *t, struct view *v)
{
	char lines[64][160];
	int n = help_lines(t, screen_context(v->help_from), lines, 64);
	int rows = LINES - 3, i;

	if (v->help_top > n - rows)
		v->help_top = n - rows > 0 ? n - rows : 0;
	draw_title(t, "Help: keys");
	for (i = 0; i < rows && v->help_top + i < n; i++)
		term_text(2 + i, 2, COLS - 4, lines[v->help_top + i]);
	draw_status(t);
}

static void
draw(struct tui *t, struct view *v)
{
	erase();
	if (!term_big_enough()) {
		term_draw_too_small();
		return;
	}
	if (v->screen == SCREEN_HELP)
		draw_help(t, v);
	else
		draw_main(t, v);
}

/* Seconds on a clock that never jumps. */
static double
now_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/*
 * Lock: record it, close the database (SQLCipher's copy of the key goes
 * with the connection), hide the screen and ask for the passphrase again.
 */
static enum cd_status
lock_session(struct tui *t, struct cd_err *err)
{
	char *name = xstrdup(store_user_name(t->st));
	enum cd_status code;

	store_lock(&t->st);
	t->locked_user = name;
	code = unlock_run(t, err);
	t->locked_user = NULL;
	free(name);
	if (code == CD_OK)
		code = fill_register(t->st, &t->forms, err);
	t->dirty = t->full = 1;
	return code;
}

/* Whether the session has been idle long enough to lock. */
static int
idle_too_long(const struct tui *t, double last_key)
{
	return now_seconds() - last_key >= 60.0 *
	    t->opts->cfg->idle_lock_minutes;
}

/* "KHAN, Muhammad (#12)" for the form's title bar, or "#12". */
static char *
person_label(struct tui *t, int64_t id)
{
	struct record r;
	char *s;

	if (store_record_get(t->st, "person", id, &r, NULL) != CD_OK)
		return xasprintf("person #%lld", (long long)id);
	s = xasprintf("%s, %s (#%lld)", store_record_value(&r, "family_name"),
	    store_record_value(&r, "given_names") ?
	    store_record_value(&r, "given_names") : "", (long long)id);
	store_record_fini(&r);
	return s;
}

/*
 * The form editor as a screen of its own: draw, read a key, hand it over;
 * locks and hangups save the field being typed first.
 */
static enum cd_status
run_form(struct tui *t, int64_t id, struct cd_err *err)
{
	struct formedit e;
	struct fill f;
	enum cd_status code;
	double last_key = now_seconds();
	char *who;
	int key;

	code = fill_open(&f, t->st, &t->forms, id, err);
	if (code != CD_OK)
		return code;
	who = person_label(t, f.person);
	formedit_init(&e, &f, &t->km, who, t->demo);
	t->dirty = t->full = 1;
	while (!e.done && !tui_hangup) {
		if (t->lock_now || idle_too_long(t, last_key)) {
			t->lock_now = 0;
			formedit_flush(&e);
			code = lock_session(t, err);
			if (code != CD_OK)
				break;
			f.st = t->st;
			last_key = now_seconds();
		}
		if (t->dirty) {
			formedit_draw(&e);
			term_flush(t->full);
			t->dirty = t->full = 0;
		}
		if (!term_read_key(1000, &key))
			continue;
		last_key = now_seconds();
		if (key == KEYMAP_FN(KEY_RESIZE) || keymap_lookup_in(&t->km,
		    CTX_GLOBAL, key) == ACT_REDRAW) {
			t->dirty = t->full = 1;
			continue;
		}
		if (keymap_lookup_in(&t->km, CTX_GLOBAL, key) == ACT_LOCK) {
			t->lock_now = 1;
			continue;
		}
		if (!term_big_enough())
			continue;
		t->dirty = formedit_key(&e, key) || t->dirty;
	}
	if (tui_hangup)
		formedit_flush(&e);	/* a dropped line keeps the field too */
	formedit_fini(&e);
	fill_close(&f);
	free(who);
	return code;
}

/* Act on one key; sets t->dirty when the screen must change. */
static void
handle(struct tui *t, struct view *v, int key)
{
	enum action a = keymap_lookup(&t->km, screen_context(v->screen), key);

	t->dirty = 1;
	switch (a) {
	case ACT_QUIT:
		if (v->screen == SCREEN_MAIN)
			t->quit = 1;
		else
			v->screen = SCREEN_MAIN;
		break;
	case ACT_HELP:
		if (v->screen == SCREEN_HELP) {
			v->screen = v->help_from;
			break;
		}
		v->help_from = v->screen;
		v->help_top = 0;
		v->screen = SCREEN_HELP;
		break;
	case ACT_BACK:
		v->screen = v->help_from;
		break;
	case ACT_REDRAW:
		t->full = 1;
		break;
	case ACT_LOCK:
		t->lock_now = 1;
		break;
	case ACT_UP:
		v->help_top = v->help_top > 0 ? v->help_top - 1 : 0;
		break;
	case ACT_DOWN:
		v->help_top++;
		break;
	case ACT_PAGE_UP:
		v->help_top = v->help_top > LINES - 4 ? v->help_top -
		    (LINES - 4) : 0;
		break;
	case ACT_PAGE_DOWN:
		v->help_top += LINES - 4;
		break;
	default:
		t->dirty = 0;	/* unbound key: nothing to redraw */
		break;
	}
}

enum cd_status
tui_run(const struct tui_opts *o, struct cd_err *err)
{
	struct sigaction sa;
	struct tui t;
	struct view v;
	enum cd_status code;
	double last_key;
	int key;

	memset(&t, 0, sizeof t);
	memset(&v, 0, sizeof v);
	t.opts = o;
	keymap_load(&t.km, o->cfg);
	t.demo = (store_session_flags(o->db_path) & KEYRING_FLAG_DEMO) != 0;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_hangup;
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);

	formdef_load(formdef_default_dir(o->cfg->forms_dir), &t.forms);
	lateness_load(&t.late, o->cfg, NULL);
	fill_set_lateness(lateness_check, &t.late);
	term_start(o->cfg->colour);
	if (o->st != NULL) {
		t.st = o->st;
		code = CD_OK;
	} else
		code = unlock_run(&t, err);
	if (code == CD_OK)
		code = fill_register(t.st, &t.forms, err);
	if (code != CD_OK) {
		term_stop();
		store_close(&t.st);
		keymap_fini(&t.km);
		formdef_set_free(&t.forms);
		lateness_fini(&t.late);
		return code;
	}
	t.demo = store_is_demo(t.st);
	{
		char *canon = cfg_canonical(o->cfg);

		code = store_note_config(t.st, canon, err);
		free(canon);
		if (code != CD_OK) {
			term_stop();
			store_close(&t.st);
			keymap_fini(&t.km);
			return code;
		}
	}
	store_user_get(t.st, store_user_name(t.st), &v.me, NULL);
	if (store_audit_anchor_check(t.st, err) != CD_OK)
		snprintf(t.notice, sizeof t.notice, "Warning: %s", err->msg);
	if (o->form_id != 0) {
		code = run_form(&t, o->form_id, err);
		term_stop();
		store_user_fini(&v.me);
		store_close(&t.st);
		keymap_fini(&t.km);
		formdef_set_free(&t.forms);
		lateness_fini(&t.late);
		return code;
	}
	t.dirty = t.full = 1;
	last_key = now_seconds();
	while (!t.quit && !tui_hangup) {
		if (t.lock_now || idle_too_long(&t, last_key)) {
			t.lock_now = 0;
			code = lock_session(&t, err);
			if (code != CD_OK) {
				term_stop();
				store_user_fini(&v.me);
				keymap_fini(&t.km);
				formdef_set_free(&t.forms);
				lateness_fini(&t.late);
				return code == CD_ERR_CANCELLED ? CD_OK : code;
			}
			last_key = now_seconds();
		}
		if (t.dirty) {
			draw(&t, &v);
			term_flush(t.full);
			t.dirty = t.full = 0;
		}
		if (!term_read_key(1000, &key))
			continue;
		last_key = now_seconds();
		if (key == KEYMAP_FN(KEY_RESIZE)) {
			t.dirty = t.full = 1;
			continue;
		}
		if (!term_big_enough())
			continue;
		handle(&t, &v, key);
	}
	term_stop();
	store_user_fini(&v.me);
	store_close(&t.st);
	keymap_fini(&t.km);
	formdef_set_free(&t.forms);
	lateness_fini(&t.late);
	return CD_OK;
}
