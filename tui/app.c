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
#include "tui/client.h"
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

/*
 * Keys every screen shares: a resize or C-l repaints, the lock key locks,
 * and nothing else reaches a screen too small to use. 1 when handled.
 */
static int
session_key(struct tui *t, int key)
{
	enum action a = keymap_lookup_in(&t->km, CTX_GLOBAL, key);

	if (key == KEYMAP_FN(KEY_RESIZE) || a == ACT_REDRAW) {
		t->dirty = t->full = 1;
		return 1;
	}
	if (a == ACT_LOCK) {
		t->lock_now = 1;
		return 1;
	}
	return !term_big_enough();
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
	e.late = &t->late;
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
		if (session_key(t, key))
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

/* The client's screens until the user quits or the line drops. */
static enum cd_status
run_client(struct tui *t, struct cd_err *err)
{
	struct client *c;
	enum cd_status code = CD_OK;
	double last_key = now_seconds();
	int key;

	c = client_new(t->st, &t->km, &t->forms, &t->late, t->opts->cfg,
	    t->demo);
	client_set_served(c, t->opts->served);
	if (t->notice[0])
		client_notice(c, t->notice, 1);
	t->dirty = t->full = 1;
	while (!client_done(c) && !tui_hangup) {
		int idle = client_idle_ms(c);
		int64_t form;

		if (t->lock_now || idle_too_long(t, last_key)) {
			t->lock_now = 0;
			code = lock_session(t, err);
			if (code != CD_OK)
				break;
			client_set_store(c, t->st);
			if (store_login_failures(t->st) > 0) {
				char msg[160];

				snprintf(msg, sizeof msg, "%d failed login%s as you "
				    "while the screen was locked.",
				    store_login_failures(t->st),
				    store_login_failures(t->st) == 1 ? "" : "s");
				client_notice(c, msg, 1);
			}
			last_key = now_seconds();
		}
		if (t->dirty) {
			client_draw(c);
			term_flush(t->full);
			t->dirty = t->full = 0;
		}
		/* As-you-type search runs when typing pauses. */
		if (!term_read_key(idle >= 0 ? idle : 1000, &key)) {
			if (idle >= 0 && client_idle(c))
				t->dirty = 1;
			continue;
		}
		last_key = now_seconds();
		if (session_key(t, key))
			continue;
		t->dirty = client_key(c, key) || t->dirty;
		if ((form = client_take_form(c)) != 0) {
			code = run_form(t, form, err);
			if (code != CD_OK && code != CD_ERR_CANCELLED) {
				client_notice(c, err->msg, 1);
				code = CD_OK;
			}
			client_set_store(c, t->st);
			client_refresh(c);
			t->dirty = t->full = 1;
		}
	}
	client_free(c);
	return code;
}

enum cd_status
tui_run(const struct tui_opts *o, struct cd_err *err)
{
	struct sigaction sa;
	struct tui t;
	enum cd_status code;

	memset(&t, 0, sizeof t);
	t.opts = o;
	keymap_load(&t.km, o->cfg);
	t.demo = (store_session_flags(o->db_path) & KEYRING_FLAG_DEMO) != 0;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_hangup;
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);

	lateness_load(&t.late, o->cfg, NULL);
	fill_set_lateness(lateness_check, &t.late);
	term_start(o->cfg);
	if (o->st != NULL) {
		t.st = o->st;
		code = CD_OK;
	} else
		code = unlock_run(&t, err);
	if (code == CD_OK)	/* the installed forms, never a folder */
		code = formdef_load_installed(t.st, &t.forms, err);
	if (code != CD_OK) {
		term_stop();
		store_close(&t.st);
		keymap_fini(&t.km);
		formdef_set_fini(&t.forms);
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
	if (store_login_failures(t.st) > 0)	/* issue 15: shown once */
		snprintf(t.notice, sizeof t.notice, "%d failed login%s as you "
		    "since your last: see the audit trail",
		    store_login_failures(t.st),
		    store_login_failures(t.st) == 1 ? "" : "s");
	if (store_audit_anchor_check(t.st, err) != CD_OK)
		snprintf(t.notice, sizeof t.notice, "Warning: %s", err->msg);
	if (o->form_id != 0) {
		code = run_form(&t, o->form_id, err);
		term_stop();
		store_close(&t.st);
		keymap_fini(&t.km);
		formdef_set_fini(&t.forms);
		lateness_fini(&t.late);
		return code;
	}
	code = run_client(&t, err);
	term_stop();
	store_close(&t.st);
	keymap_fini(&t.km);
	formdef_set_fini(&t.forms);
	lateness_fini(&t.late);
	return code == CD_ERR_CANCELLED ? CD_OK : code;
}
