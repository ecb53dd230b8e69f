/*
 * The client's screens: home (work tray, duty view), search as you type,
 * the person summary, family, chronology, forms, the record, the returns'
 * checks, the quick look, help and the pager, on a stack with one back
 * key. Keys go in through client_key and client_draw paints the state, so
 * screen scripts can drive it in-process. The screens themselves are in
 * tui/scr_*.c behind tui/screen.h; callers see only this.
 */
#ifndef CD_TUI_CLIENT_H
#define CD_TUI_CLIENT_H

#include <stdint.h>

#include "casework/tasks.h"
#include "forms/formdef.h"
#include "tui/keymap.h"

struct cfg;
struct client;
struct store;

/* A client at the home screen of the logged-in user. */
struct client *client_new(struct store *st, const struct keymap *km,
    const struct formset *forms, struct lateness *late,
    const struct cfg *cfg, int demo);

/* Paint the top screen (no refresh). */
void client_draw(struct client *c);

/* Handle a key. Returns 1 when the screen must be redrawn. */
int client_key(struct client *c, int key);

/*
 * How long the caller may wait for a key before calling client_idle
 * (as-you-type search runs when typing pauses), or -1 for no limit.
 */
int client_idle_ms(const struct client *c);

/* Typing paused: run what waits for it. 1 when it must redraw. */
int client_idle(struct client *c);

/* Read the top screen again from the database (after a form, or r). */
void client_refresh(struct client *c);

/* Run by serve: the client then writes no file on the server. */
void client_set_served(struct client *c, int served);

/* The store changed under us (after a lock): keep the screens. */
void client_set_store(struct client *c, struct store *st);

/* A form the user chose to open (0 for none); taking it clears it. */
int64_t client_take_form(struct client *c);

/* Show a message on the message line (the anchor warning at start). */
void client_notice(struct client *c, const char *msg, int error);

/* Whether the user asked to quit. */
int client_done(const struct client *c);

void client_free(struct client *c);

#endif
