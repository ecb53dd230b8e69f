#include "config.h"

#include "tui/keymap.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/xmem.h"

#define ACTION_ROW(id, name, help) { name, help },
static const struct {
	const char *name;
	const char *help;
} actions[] = { ACTION_LIST(ACTION_ROW) };
#undef ACTION_ROW

#define CONTEXT_ROW(id, name, title) { name, title },
static const struct {
	const char *name;
	const char *title;
} contexts[] = { CONTEXT_LIST(CONTEXT_ROW) };
#undef CONTEXT_ROW

/*
 * The default bindings, written exactly as a user would write them in a
 * [keys.CONTEXT] section. F-keys are only ever extras: every action has a
 * plain letter or Ctrl binding for thin terminals.
 */
static const struct {
	const char *ctx;
	const char *action;
	const char *spec;
} defaults[] = {
	{ "global", "quit", "q C-q" },
	{ "global", "help", "? F1" },
	{ "global", "redraw", "C-l" },
	{ "global", "lock", "C-x" },
	{ "pager", "back", "q Esc" },
	{ "main", "up", "Up k C-p" },
	{ "main", "down", "Down j C-n" },
	{ "main", "page-up", "PgUp b" },
	{ "main", "page-down", "PgDn Space" },
	{ "main", "open", "Enter Right l" },
	{ "main", "back", "Esc Left Backspace" },
	{ "main", "search", "/ s" },
	{ "main", "goto", "g" },
	{ "main", "command", ":" },
	{ "main", "home", "H" },
	{ "main", "family", "f" },
	{ "main", "chronology", "c" },
	{ "main", "forms", "o" },
	{ "main", "new-form", "n" },
	{ "main", "audit", "a" },
	{ "main", "refresh", "r C-r" },
	{ "main", "filter", "t" },
	{ "main", "significant", "S" },
	{ "main", "since", "d" },
	{ "main", "sort", "O" },
	{ "prompt", "create", "C-o" },
	{ "pager", "up", "Up k C-p" },
	{ "pager", "down", "Down j C-n Enter" },
	{ "pager", "page-up", "PgUp b" },
	{ "pager", "page-down", "PgDn Space" },
	{ "pager", "top", "Home g" },
	{ "pager", "bottom", "End G" },
	{ "pager", "find", "/" },
	{ "pager", "find-next", "n" },
	{ "main", "view", "v" },
	{ "main", "person", "P" },
	{ "main", "next-page", "]" },
	{ "main", "prev-page", "[" },
	{ "main", "discard", "D" },
	{ "main", "placements", "p" },
	{ "main", "allocate", "A" },
	{ "main", "scope", "T" },
	{ "main", "prepare", "F" },
	{ "main", "redact", "X" },
	{ "main", "withhold", "w" },
	{ "main", "mark-read", "m" },
	{ "main", "approve", "Y" },
	{ "main", "release", "R" },
	{ "main", "close-sar", "C" },
	{ "main", "top", "Home" },
	{ "main", "bottom", "End" },
	{ "prompt", "next-field", "Tab Down C-n" },
	{ "prompt", "prev-field", "S-Tab Up C-p" },
	{ "prompt", "submit", "Enter" },
	{ "prompt", "cancel", "Esc C-c" },
	{ "prompt", "help", "F1 C-g" },
	/* In forms, letters are text: only Ctrl and named keys act. */
	{ "form", "next-field", "Tab Down C-n" },
	{ "form", "prev-field", "S-Tab Up C-p" },
	{ "form", "submit", "Enter" },
	{ "form", "save", "C-s F2" },
	{ "form", "submit-form", "C-t F10" },
	{ "form", "leave", "Esc C-q" },
	/* C-a, C-e, C-u, C-k and C-w are the line editor's (readline). */
	{ "form", "clear", "C-v" },
	{ "form", "add-row", "C-r" },
	{ "form", "remove-row", "C-d" },
	{ "form", "help", "F1 C-g" },
	{ "form", "authorise", "C-o" },
	{ "form", "return-form", "C-b" },
	{ "form", "page-up", "PgUp" },
	{ "form", "page-down", "PgDn" },
};

/* Named keys; single characters and C-x are handled in code. */
static const struct {
	const char *name;
	int key;
} named[] = {
	{ "Enter", KEYMAP_ENTER },
	{ "Esc", KEYMAP_ESC },
	{ "Tab", KEYMAP_TAB },
	{ "S-Tab", KEYMAP_FN(KEY_BTAB) },
	{ "Space", ' ' },
	{ "Backspace", KEYMAP_FN(KEY_BACKSPACE) },
	{ "Delete", KEYMAP_FN(KEY_DC) },
	{ "Insert", KEYMAP_FN(KEY_IC) },
	{ "Up", KEYMAP_FN(KEY_UP) },
	{ "Down", KEYMAP_FN(KEY_DOWN) },
	{ "Left", KEYMAP_FN(KEY_LEFT) },
	{ "Right", KEYMAP_FN(KEY_RIGHT) },
	{ "PgUp", KEYMAP_FN(KEY_PPAGE) },
	{ "PgDn", KEYMAP_FN(KEY_NPAGE) },
	{ "Home", KEYMAP_FN(KEY_HOME) },
	{ "End", KEYMAP_FN(KEY_END) },
};

int
keymap_parse_key(const char *name)
{
	size_t i, n = strlen(name);
	int f;
	char extra;

	for (i = 0; i < sizeof named / sizeof named[0]; i++)
		if (strcmp(name, named[i].name) == 0)
			return named[i].key;
	if (n == 1 && (unsigned char)name[0] > ' ' &&
	    (unsigned char)name[0] < 127)
		return (unsigned char)name[0];
	if (n == 3 && name[0] == 'C' && name[1] == '-') {
		char c = name[2];

		if (c >= 'a' && c <= 'z')
			return c - 'a' + 1;
		if (c >= 'A' && c <= 'Z')
			return c - 'A' + 1;
		return -1;
	}
	if (name[0] == 'F' && sscanf(name + 1, "%d%c", &f, &extra) == 1 &&
	    f >= 1 && f <= 12)
		return KEYMAP_FN(KEY_F(f));
	return -1;
}

void
keymap_format_key(int key, char *out, size_t len)
{
	size_t i;

	for (i = 0; i < sizeof named / sizeof named[0]; i++) {
		if (named[i].key == key) {
			snprintf(out, len, "%s", named[i].name);
			return;
		}
	}
	if (key >= 1 && key <= 26)
		snprintf(out, len, "C-%c", 'a' + key - 1);
	else if (key > ' ' && key < 127)
		snprintf(out, len, "%c", key);
	else if (key >= KEYMAP_FN(KEY_F(1)) && key <= KEYMAP_FN(KEY_F(12)))
		snprintf(out, len, "F%d", key - KEYMAP_FN(KEY_F(0)));
	else
		snprintf(out, len, "<%d>", key);
}

int
keymap_canonical(int key)
{
	switch (key) {
	case '\n':
	case KEYMAP_FN(KEY_ENTER):
		return KEYMAP_ENTER;
	case 127:
	case 8:
		return KEYMAP_FN(KEY_BACKSPACE);
	default:
		return key;
	}
}

/* Index of a name in a table of n rows, or -1. */
static int
find_action(const char *name)
{
	int i;

	for (i = 0; i < ACT_COUNT; i++)
		if (strcmp(actions[i].name, name) == 0)
			return i;
	return -1;
}

static int
find_context(const char *name)
{
	int i;

	for (i = 0; i < CTX_COUNT; i++)
		if (strcmp(contexts[i].name, name) == 0)
			return i;
	return -1;
}

/* Remove every binding of act in ctx. */
static void
unbind_action(struct keymap *km, enum context ctx, enum action act)
{
	size_t i, j = 0;

	for (i = 0; i < km->n; i++)
		if (!(km->b[i].ctx == ctx && km->b[i].act == act))
			km->b[j++] = km->b[i];
	km->n = j;
}

enum cd_status
keymap_bind(struct keymap *km, const char *ctxname, const char *action,
    const char *spec, struct cd_err *err)
{
	int ctx = find_context(ctxname), act = find_action(action);
	char *copy, *tok, *save = NULL;
	int keys[32];
	size_t nkeys = 0, i, k;

	if (ctx < 0)
		return cd_err_set(err, CD_ERR_CONFIG, "[keys.%s]: unknown "
		    "context (global, main, help, prompt or form)", ctxname);
	if (act < 0)
		return cd_err_set(err, CD_ERR_CONFIG, "[keys.%s] %s: unknown "
		    "action (casedesk keys lists them)", ctxname, action);
	copy = xstrdup(spec);
	for (tok = strtok_r(copy, " \t", &save); tok != NULL;
	    tok = strtok_r(NULL, " \t", &save)) {
		int key;

		if (strcmp(tok, "none") == 0)
			continue;
		key = keymap_parse_key(tok);
		if (key < 0) {
			cd_err_set(err, CD_ERR_CONFIG, "[keys.%s] %s: unknown "
			    "key name \"%s\"", ctxname, action, tok);
			free(copy);
			return CD_ERR_CONFIG;
		}
		if (nkeys < sizeof keys / sizeof keys[0])
			keys[nkeys++] = key;
	}
	free(copy);
	for (k = 0; k < nkeys; k++) {
		for (i = 0; i < km->n; i++) {
			if (km->b[i].ctx == (enum context)ctx &&
			    km->b[i].key == keys[k] &&
			    km->b[i].act != (enum action)act) {
				char name[32];

				keymap_format_key(keys[k], name, sizeof name);
				return cd_err_set(err, CD_ERR_CONFIG,
				    "[keys.%s] %s: \"%s\" is already bound to "
				    "%s", ctxname, action, name,
				    actions[km->b[i].act].name);
			}
		}
	}
	unbind_action(km, (enum context)ctx, (enum action)act);
	for (k = 0; k < nkeys; k++) {
		km->b = xreallocarray(km->b, km->n + 1, sizeof *km->b);
		km->b[km->n].ctx = (enum context)ctx;
		km->b[km->n].key = keys[k];
		km->b[km->n].act = (enum action)act;
		km->n++;
	}
	return CD_OK;
}

void
keymap_load(struct keymap *km, struct cfg *c)
{
	struct cd_err err;
	size_t i;
	char keys[64];

	memset(km, 0, sizeof *km);
	for (i = 0; i < sizeof defaults / sizeof defaults[0]; i++) {
		/* A failure here is a bug in the table; the test suite
		 * loads the defaults and fails on any problem. */
		if (keymap_bind(km, defaults[i].ctx, defaults[i].action,
		    defaults[i].spec, &err) != CD_OK && c != NULL)
			cfg_problem(c, "built-in keymap: %s", err.msg);
	}
	if (c == NULL)
		return;
	/* Clear each user-bound action first, so swapping keys works. */
	for (i = 0; i < c->nbinds; i++) {
		int ctx = find_context(c->binds[i].context);
		int act = find_action(c->binds[i].action);

		if (ctx >= 0 && act >= 0)
			unbind_action(km, (enum context)ctx, (enum action)act);
	}
	for (i = 0; i < c->nbinds; i++) {
		if (keymap_bind(km, c->binds[i].context, c->binds[i].action,
		    c->binds[i].spec, &err) != CD_OK)
			cfg_problem(c, "%s: %s", c->binds[i].source, err.msg);
	}
	keymap_keys_for(km, CTX_GLOBAL, ACT_QUIT, keys, sizeof keys);
	if (keys[0] == '\0')
		cfg_problem(c, "[keys.global] quit: no key left to quit");
	keymap_keys_for(km, CTX_GLOBAL, ACT_HELP, keys, sizeof keys);
	if (keys[0] == '\0')
		cfg_problem(c, "[keys.global] help: no key left for help");
}

enum action
keymap_lookup_in(const struct keymap *km, enum context ctx, int key)
{
	size_t i;

	key = keymap_canonical(key);
	for (i = 0; i < km->n; i++)
		if (km->b[i].ctx == ctx && km->b[i].key == key)
			return km->b[i].act;
	return ACT_NONE;
}

enum action
keymap_lookup(const struct keymap *km, enum context ctx, int key)
{
	enum action a = keymap_lookup_in(km, ctx, key);

	return a != ACT_NONE ? a : keymap_lookup_in(km, CTX_GLOBAL, key);
}

void
keymap_keys_for(const struct keymap *km, enum context ctx, enum action act,
    char *out, size_t len)
{
	struct buf b = { 0 };
	char name[32];
	size_t i;

	for (i = 0; i < km->n; i++) {
		if (km->b[i].ctx != ctx || km->b[i].act != act)
			continue;
		keymap_format_key(km->b[i].key, name, sizeof name);
		buf_addf(&b, "%s%s", b.len ? " " : "", name);
	}
	snprintf(out, len, "%s", buf_str(&b));
	buf_fini(&b);
}

const char *
keymap_action_name(enum action a)
{
	return (unsigned)a < ACT_COUNT ? actions[a].name : "none";
}

const char *
keymap_action_help(enum action a)
{
	return (unsigned)a < ACT_COUNT ? actions[a].help : "";
}

const char *
keymap_context_name(enum context c)
{
	return (unsigned)c < CTX_COUNT ? contexts[c].name : "?";
}

const char *
keymap_context_title(enum context c)
{
	return (unsigned)c < CTX_COUNT ? contexts[c].title : "?";
}

void
keymap_dump(const struct keymap *km, void (*line)(const char *, void *),
    void *arg)
{
	char keys[128], *s;
	int ctx, act, any;

	for (ctx = 0; ctx < CTX_COUNT; ctx++) {
		any = 0;
		for (act = 0; act < ACT_COUNT; act++) {
			keymap_keys_for(km, (enum context)ctx,
			    (enum action)act, keys, sizeof keys);
			if (keys[0] == '\0')
				continue;
			if (!any) {
				s = xasprintf("%s[keys.%s]", ctx ? "\n" : "",
				    contexts[ctx].name);
				line(s, arg);
				free(s);
				any = 1;
			}
			s = xasprintf("%-12s = %-20s ; %s", actions[act].name,
			    keys, actions[act].help);
			line(s, arg);
			free(s);
		}
	}
}

void
keymap_fini(struct keymap *km)
{
	free(km->b);
	km->b = NULL;
	km->n = 0;
}
