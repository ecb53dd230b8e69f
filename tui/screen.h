/*
 * What the client's screens share, as tig's views do: each screen is a
 * table of operations (build its lines from the store, take its own keys,
 * add to its help, free its own state) and one file of its own; the client
 * keeps the stack, the message line, the prompt and the drawing.
 * Internal to tui/: app.c sees only tui/client.h.
 */
#ifndef CD_TUI_SCREEN_H
#define CD_TUI_SCREEN_H

#include <stddef.h>
#include <stdint.h>

#include "casework/tasks.h"
#include "common/status.h"
#include "forms/formdef.h"
#include "tui/client.h"
#include "tui/keymap.h"
#include "tui/lineedit.h"
#include "tui/list.h"
#include "tui/pager.h"

struct cfg;
struct store;
struct screen;

struct screen_ops {
	const char *name;	/* for the help page's title */
	const char *about;	/* one line saying what the screen is */
	/* Read the screen's lines from the store (first open, r, a save). */
	void (*build)(struct client *c, struct screen *s);
	/* A key before the common list keys; 1 when it was the screen's. */
	int (*key)(struct client *c, struct screen *s, int key,
	    enum action a);
	/* Extra lines for the help page (keys the keymap does not name). */
	void (*help)(struct client *c, struct screen *s, struct pager *p);
	/* Draw what the list does not (search's query line). */
	void (*draw)(struct client *c, struct screen *s);
	/* Free the screen's own state. */
	void (*fini)(struct screen *s);
	/* The actions that work here (ACT_NONE ends it), for the help. */
	const enum action *acts;
	int list_row;		/* the list's first row (1 unless drawn) */
	const char *hint;	/* the status line's keys, if not the usual */
};

struct screen {
	const struct screen_ops *ops;
	struct list list;
	char title[160];
	int64_t person;		/* whom the screen is about, or 0 */
	unsigned long built;	/* the client's change count when read */
	void *state;		/* the screen's own, freed by ops->fini */
};

/* The one-line question on the message line. */
typedef void (*client_answer_fn)(struct client *c, const char *answer,
    void *arg);

#define CLIENT_DEPTH 16

struct client {
	struct store *st;
	const struct keymap *km;
	const struct formset *forms;
	struct lateness *late;
	const struct cfg *cfg;
	int demo;
	int served;		/* under serve: nothing written on the server */
	struct screen stack[CLIENT_DEPTH];
	int depth;
	unsigned long changes;	/* saves so far: screens below re-read */
	char msg[600];
	int msg_error;
	/* The prompt, while one is asked. */
	int asking;
	char prompt[200];
	struct lineedit answer;
	client_answer_fn answer_fn;
	void *answer_arg;
	int go_pending;		/* g pressed: the next key says where */
	struct pager *pager;	/* the pager, while one is open */
	int64_t form_wanted;	/* set: the caller opens the form editor */
	int quit;
};

/* The top screen. */
struct screen *client_top(struct client *c);

/* Open a screen on top and read it; NULL when the stack is full. */
struct screen *client_push(struct client *c, const struct screen_ops *ops,
    int64_t person);

/* The same without reading it (to set its state first), then build it. */
struct screen *client_push_unbuilt(struct client *c,
    const struct screen_ops *ops, int64_t person);
void client_build(struct client *c, struct screen *s);

/* Close the top screen; the one below is shown as it was read, unless
 * something was saved since. */
void client_pop(struct client *c);

/* Back to the home screen. */
void client_home(struct client *c);

/* Something was saved: screens read before it read again when shown. */
void client_changed(struct client *c);

/* The message line: information, or an error saying what to do next. */
void client_say(struct client *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void client_error(struct client *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void client_fail(struct client *c, const struct cd_err *err);

/*
 * Under serve no file is written on the server (it would land among the
 * service account's own, its keyring and authorized_keys): 1, with the
 * message saying how to stream what to the user's side instead; else 0.
 */
int client_no_files(struct client *c, const char *what);

/* Ask a one-line question; fn gets the answer on Enter (Esc cancels). */
void client_ask(struct client *c, const char *prompt, const char *initial,
    client_answer_fn fn, void *arg);

/* Open a person's summary (asks for a reason when it is restricted). */
void client_open_person(struct client *c, int64_t id);

/* Open a row of the record, at field when given (and editing it). */
void client_open_record(struct client *c, const char *entity, int64_t row,
    const char *field);
void client_edit_record(struct client *c, const char *entity, int64_t row,
    const char *field);

/* What the last save or submit started, said on the message line (after
 * what the caller says first). */
void client_say_started(struct client *c, const char *first);

/* Ask the caller to open the form editor on a form. */
void client_open_form(struct client *c, int64_t id);

/* Start a new form of code for person, then open it; prefill is
 * "field=value,field=value" to start it with, or NULL. */
void client_start_form(struct client *c, const char *code, int64_t person);
void client_start_form_with(struct client *c, const char *code,
    int64_t person, const char *prefill);

/* The returns' checks for a person (0: the borough) and year (0: now). */
void client_checks(struct client *c, int64_t person, int year);

/* Show p (allocated, filled) in the pager; the client frees it. */
void client_page(struct client *c, struct pager *p);
/* The message (hint or error) wrapped over rows lines from row y. */
void client_draw_message(const struct client *c, int y, int rows);

/* Read a line whole: its record, its form, or its text. */
void client_view(struct client *c, struct screen *s, const struct line *l);

/* The help page of a screen, in the pager. */
void client_help(struct client *c, struct screen *s);

/* Enter on a line: what its kind opens, or why nothing does. */
void client_open_line(struct client *c, struct screen *s, struct line *l);

/* Today as a calendar day number. */
long client_today(void);

/* Run a : command line (tui/command.c). */
void command_run(struct client *c, const char *line);

/* The : commands for a help page. */
void command_help(struct pager *p);

/* The screens, one file each. */
extern const struct screen_ops scr_home, scr_search, scr_person, scr_family,
    scr_chrono, scr_forms, scr_newform, scr_audit, scr_record, scr_checks,
    scr_look, scr_allocate, scr_placements, scr_household, scr_sar;

/* A subject access request, from receipt to release (governance). */
void sar_open(struct client *c, int64_t request);

/* Choose a worker of team for person's case (name: whose, for the title). */
void allocate_open(struct client *c, int64_t person, const char *name,
    const char *team);

/* Open search with a query already typed (and run it). */
void search_open(struct client *c, const char *query);

/* Ask for the outcome of a flagged access and close its review. */
void review_ask(struct client *c, int64_t seq);

/* The form picker for a person. */
void newform_open(struct client *c, int64_t person);

/* Open the quick look for a search term or a person. */
void look_open(struct client *c, const char *query, int64_t person);

/* The whole of a record's row, or of a form, for the pager. */
struct pager *record_pager(struct client *c, const char *entity, int64_t row,
    struct cd_err *err);
struct pager *form_pager(struct client *c, int64_t instance,
    struct cd_err *err);

#endif
