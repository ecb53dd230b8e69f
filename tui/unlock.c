#include "config.h"

#include "tui/unlock.h"

#include <curses.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "keys/passphrase.h"
#include "keys/secret.h"
#include "store/access.h"
#include "store/session.h"
#include "tui/term.h"
#include "tui/theme.h"

#define NAME_MAX_BYTES 64
#define FIELD_COL 16
#define FIELD_WIDTH 40

struct unlock {
	char name[NAME_MAX_BYTES + 1];
	struct secret *pass;
	int focus;		/* 0 name, 1 passphrase */
	int tries;
	char msg[600];
	int msg_error;		/* msg says something went wrong */
};

/* Remove the last UTF-8 character of a byte string of length *len. */
static size_t
drop_last(const unsigned char *s, size_t len)
{
	while (len > 0 && (s[len - 1] & 0xc0) == 0x80)
		len--;
	return len > 0 ? len - 1 : 0;
}

static void
draw(struct tui *t, struct unlock *u)
{
	const char *db = t->opts->db_path;
	char line[160];
	int row = 2;

	erase();
	if (!term_big_enough()) {
		term_draw_too_small();
		return;
	}
	term_bar(0, t->locked_user ? "casedesk " PACKAGE_VERSION "  Locked" :
	    "casedesk " PACKAGE_VERSION "  Unlock", t->demo ? "DEMO" : NULL);
	snprintf(line, sizeof line, "Database: %s", db);
	term_text(row++, 2, COLS - 4, line);
	row++;
	if (t->locked_user) {
		snprintf(line, sizeof line, "The screen is locked. Type the "
		    "passphrase for %s to carry on.", t->locked_user);
		theme_on(THEME_HEADING);
		term_text(row++, 2, COLS - 4, line);
		theme_off();
		row++;
	} else if (t->demo) {
		char ids[160] = "";
		int r;

		/* One demo user per role, named after it (cli/cmd_init.c). */
		for (r = 0; r < ROLE_COUNT; r++)
			snprintf(ids + strlen(ids), sizeof ids - strlen(ids),
			    "%s%s", r ? " " : "", role_id((enum role)r));
		theme_on(THEME_DEMO);
		term_text(row++, 2, COLS - 4, "DEMO DATABASE: synthetic "
		    "training data only, no real people.");
		theme_off();
		term_text(row++, 2, COLS - 4, "Users are named after their "
		    "roles. Every passphrase is: demo");
		term_text(row++, 2, COLS - 4, ids);
		row++;
	}
	term_text(row, 2, 14, "User name:");
	theme_on(THEME_FIELD);
	mvhline(row, FIELD_COL, ' ', FIELD_WIDTH);
	term_text(row, FIELD_COL, FIELD_WIDTH, u->name);
	theme_off();
	term_text(row + 1, 2, 14, "Passphrase:");
	theme_on(THEME_FIELD);
	mvhline(row + 1, FIELD_COL, ' ', FIELD_WIDTH);
	theme_off();
	term_text(row + 1, FIELD_COL + FIELD_WIDTH + 2, 20, "(not shown)");
	if (u->msg[0]) {
		enum theme_part part = u->msg_error ? THEME_ERROR :
		    THEME_HEADING;

		theme_on(part);
		term_text(row + 3, 2, COLS - 4, u->msg);
		theme_off();
	}
	term_bar(LINES - 1, "Enter: next / unlock   Tab: switch field   "
	    "Esc: quit", NULL);
	if (u->focus == 0) {
		int w = (int)mbstowcs(NULL, u->name, 0);

		if (w < 0 || w > FIELD_WIDTH - 1)
			w = FIELD_WIDTH - 1;
		term_cursor(row, FIELD_COL + w);
	} else
		term_cursor(row + 1, FIELD_COL);
}

/* Append a typed character (a code point) to the focused field. */
static void
type_char(struct unlock *u, int key)
{
	char mb[MB_LEN_MAX];
	mbstate_t ps;
	size_t n;

	memset(&ps, 0, sizeof ps);
	n = wcrtomb(mb, (wchar_t)key, &ps);
	if (n == (size_t)-1)
		return;
	if (u->focus == 0) {
		size_t len = strlen(u->name);

		if (len + n <= NAME_MAX_BYTES) {
			memcpy(u->name + len, mb, n);
			u->name[len + n] = '\0';
		}
	} else if (u->pass->len + n <= PASSPHRASE_MAX) {
		memcpy(u->pass->data + u->pass->len, mb, n);
		u->pass->len += n;
		u->pass->data[u->pass->len] = '\0';
	}
	secret_wipe(mb, sizeof mb);
}

static void
backspace(struct unlock *u)
{
	if (u->focus == 0) {
		u->name[drop_last((unsigned char *)u->name,
		    strlen(u->name))] = '\0';
	} else {
		size_t len = drop_last(u->pass->data, u->pass->len);

		secret_wipe(u->pass->data + len, u->pass->len - len);
		u->pass->len = len;
	}
}

/* C-u: the focused field emptied, as a line editor's C-u does. */
static void
clear_field(struct unlock *u)
{
	if (u->focus == 0) {
		u->name[0] = '\0';
	} else {
		secret_wipe(u->pass->data, u->pass->len);
		u->pass->len = 0;
	}
}

/* Try the name and passphrase; returns 1 when finished (either way). */
static int
attempt(struct tui *t, struct unlock *u, enum cd_status *result,
    struct cd_err *err)
{
	struct cd_err e;
	enum cd_status code;

	if (u->name[0] == '\0') {
		snprintf(u->msg, sizeof u->msg, "Type your user name first.");
		u->msg_error = 1;
		u->focus = 0;
		return 0;
	}
	{
		/* After wrong passphrases the store makes the next try wait:
		 * say so, or the screen looks frozen. */
		int wait = store_login_backoff(t->opts->db_path, u->name);

		if (wait > 0)
			snprintf(u->msg, sizeof u->msg, "Unlocking: waiting %d s "
			    "after wrong passphrases for %s...", wait, u->name);
		else
			snprintf(u->msg, sizeof u->msg, "Unlocking...");
		u->msg_error = 0;
	}
	draw(t, u);
	term_flush(0);
	if (t->locked_user)
		code = store_session_resume(t->opts->db_path, u->name, u->pass,
		    &t->opts->origin, &t->st, &e);
	else
		code = store_session_open(t->opts->db_path, u->name, u->pass,
		    &t->opts->origin, &t->st, NULL, NULL, &e);
	secret_wipe(u->pass->data, u->pass->cap);
	u->pass->len = 0;
	if (code == CD_OK) {
		*result = CD_OK;
		return 1;
	}
	if (code == CD_ERR_BADPASS || code == CD_ERR_NOTFOUND ||
	    code == CD_ERR_DENIED) {
		u->tries++;
		if (u->tries >= UNLOCK_TRIES) {
			*result = cd_err_set(err, CD_ERR_BADPASS,
			    "%s; giving up after %d tries", e.msg,
			    UNLOCK_TRIES);
			return 1;
		}
		snprintf(u->msg, sizeof u->msg, "%s (try %d of %d).", e.msg,
		    u->tries, UNLOCK_TRIES);
		u->msg_error = 1;
		u->focus = code == CD_ERR_BADPASS ? 1 : 0;
		return 0;
	}
	/* Damaged keyring, mismatched database, newer schema: not a typo. */
	*result = cd_err_set(err, code, "%s", e.msg);
	return 1;
}

enum cd_status
unlock_run(struct tui *t, struct cd_err *err)
{
	struct unlock u;
	enum cd_status result = CD_ERR_CANCELLED;
	int key, done = 0;

	memset(&u, 0, sizeof u);
	if (secret_new(PASSPHRASE_MAX, &u.pass, err) != CD_OK)
		return CD_ERR_NOMEM;
	if (t->locked_user != NULL || t->opts->user != NULL) {
		snprintf(u.name, sizeof u.name, "%s", t->locked_user ?
		    t->locked_user : t->opts->user);
		u.focus = 1;
	}
	t->dirty = 1;
	while (!done && !tui_hangup) {
		if (t->dirty) {
			draw(t, &u);
			term_flush(t->full);
			t->dirty = t->full = 0;
		}
		if (!term_read_key(1000, &key))
			continue;
		t->dirty = 1;
		if (key == KEYMAP_FN(KEY_RESIZE)) {
			t->full = 1;
			continue;
		}
		if (!term_big_enough())
			continue;
		switch (keymap_lookup_in(&t->km, CTX_PROMPT, key)) {
		case ACT_NEXT:
		case ACT_PREV:
			if (t->locked_user == NULL && !t->opts->served)
				u.focus = !u.focus;	/* else the name is fixed */
			continue;
		case ACT_SUBMIT:
			if (u.focus == 0 && u.name[0] != '\0') {
				u.focus = 1;
				u.msg[0] = '\0';
			} else
				done = attempt(t, &u, &result, err);
			continue;
		case ACT_CANCEL:
			result = cd_err_set(err, CD_ERR_CANCELLED,
			    "unlock cancelled");
			done = 1;
			continue;
		default:
			break;
		}
		if (t->locked_user != NULL || t->opts->served)
			u.focus = 1;
		if (key >= ' ' && key < KEYMAP_FN_BASE && key != 127) {
			type_char(&u, key);
			continue;
		}
		if (keymap_canonical(key) == KEYMAP_FN(KEY_BACKSPACE)) {
			backspace(&u);
			continue;
		}
		if (key == 21) {	/* C-u */
			clear_field(&u);
			continue;
		}
		switch (keymap_lookup(&t->km, CTX_PROMPT, key)) {
		case ACT_QUIT:
			result = cd_err_set(err, CD_ERR_CANCELLED,
			    "unlock cancelled");
			done = 1;
			break;
		case ACT_REDRAW:
			t->full = 1;
			break;
		default:
			t->dirty = 0;
			break;
		}
	}
	secret_free(&u.pass);
	term_cursor(-1, 0);
	if (tui_hangup && !done)
		return cd_err_set(err, CD_ERR_CANCELLED, "hung up");
	return result;
}
