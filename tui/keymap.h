/*
 * Key bindings as data. The defaults are a table of INI-style values parsed
 * by the same code as the user's [keys.CONTEXT] sections, so the shipped
 * map exercises the parser every time casedesk starts.
 */
#ifndef CD_TUI_KEYMAP_H
#define CD_TUI_KEYMAP_H

#include <stddef.h>

#include "common/cfg.h"
#include "common/status.h"
#include "tui/actions.h"

/* Function keys are stored above the Unicode range. */
#define KEYMAP_FN_BASE 0x110000
#define KEYMAP_FN(k) (KEYMAP_FN_BASE + (k))
#define KEYMAP_ENTER 13
#define KEYMAP_ESC 27
#define KEYMAP_TAB 9

struct keymap_binding {
	enum context ctx;
	int key;
	enum action act;
};

struct keymap {
	struct keymap_binding *b;
	size_t n;
};

/* Parse one key name ("q", "C-x", "Enter", "F1"); -1 if unknown. */
int keymap_parse_key(const char *name);

/* Write a key's name into out (the inverse of keymap_parse_key). */
void keymap_format_key(int key, char *out, size_t len);

/* Map terminal variants (LF, KEY_ENTER, DEL, ^H) to one canonical key. */
int keymap_canonical(int key);

/*
 * Build the map: the defaults, then the user's bindings from c (which
 * replace an action's default keys in that context). Problems (unknown
 * context, action or key name, a key bound twice in one context, quit or
 * help left without a key) are added to c's problem list.
 */
void keymap_load(struct keymap *km, struct cfg *c);

/* Bind action to the keys in spec ("q C-q", "none") in ctx. */
enum cd_status keymap_bind(struct keymap *km, const char *ctx,
    const char *action, const char *spec, struct cd_err *err);

/* The action for key in ctx, falling back to the global context. */
enum action keymap_lookup(const struct keymap *km, enum context ctx, int key);

/* The action for key in ctx only, without the global fallback. */
enum action keymap_lookup_in(const struct keymap *km, enum context ctx,
    int key);

/* The keys bound to act in ctx, as text ("q C-q"), into out. */
void keymap_keys_for(const struct keymap *km, enum context ctx,
    enum action act, char *out, size_t len);

/* Names and help texts. */
const char *keymap_action_name(enum action a);
const char *keymap_action_help(enum action a);
const char *keymap_context_name(enum context c);
const char *keymap_context_title(enum context c);

/* The active map in configuration syntax, one line at a time. */
void keymap_dump(const struct keymap *km,
    void (*line)(const char *, void *), void *arg);

void keymap_fini(struct keymap *km);

#endif
