/*
 * The client's screens: home (work tray, duty view), search as you type,
 * the person summary, family, chronology, forms and audit, on a stack with
 * one back key. Like the form editor, keys go in through client_key and
 * client_draw paints the state, so screen scripts can drive it in-process.
 */
#ifndef CD_TUI_CLIENT_H
#define CD_TUI_CLIENT_H

#include <stddef.h>
#include <stdint.h>

#include "casework/tasks.h"
#include "forms/formdef.h"
#include "tui/keymap.h"

struct cfg;
struct store;

enum scr_kind { SCR_HOME, SCR_SEARCH, SCR_PERSON, SCR_FAMILY, SCR_CHRONO,
    SCR_FORMS, SCR_NEWFORM, SCR_AUDIT, SCR_HELP, SCR_RECORD, SCR_CHECKS,
    SCR_LOOK };

/* What a line opens. */
enum line_kind { LN_TEXT, LN_HEAD, LN_PERSON, LN_FORM, LN_NEWFORM,
    LN_CREATE, LN_RECORD, LN_PROBLEM, LN_FIELD };

struct cline {
	char *text;
	enum line_kind kind;
	int64_t id;		/* LN_RECORD, LN_PROBLEM: the row */
	char *code;		/* LN_NEWFORM: the form; LN_RECORD: the entity */
	char *field;		/* LN_FIELD, LN_PROBLEM: the field; or form */
	int64_t person;		/* LN_PROBLEM: whose */
	int bold;
};

struct scr {
	enum scr_kind kind;
	int64_t person;
	char title[160];
	struct cline *l;
	size_t n, cur, top;
	char query[128];	/* search */
	int searched;		/* the query has been run */
	char filter[32];	/* chronology kind, "" for all */
	char since[11];		/* chronology from this date, "" for all */
	int sort;		/* work tray: 0 due, 1 name, 2 worker */
	int significant;
	char entity[40];	/* SCR_RECORD: which row */
	int64_t row;
	char field[40];		/* SCR_RECORD: the field to start on */
	int year;		/* SCR_CHECKS: the collection year */
	enum context back_ctx;
};

/* A one-line question at the bottom (reasons, new person's details). */
enum ask { ASK_NONE, ASK_GLASS, ASK_FAMILY, ASK_GIVEN, ASK_DOB, ASK_SEX,
    ASK_NOMATCH, ASK_GOTO, ASK_COMMAND, ASK_SINCE, ASK_FIELD };

struct client {
	struct store *st;
	const struct keymap *km;
	const struct formset *forms;
	struct lateness *late;
	int demo;
	const struct cfg *cfg;	/* for exports: consent age, the LA's numbers */
	struct scr stack[12];
	int depth;
	char msg[600];
	int msg_error;
	enum ask ask;
	char answer[256];
	int64_t glass_for;	/* the restricted person asked about */
	char new_family[128], new_given[128], new_dob[32], new_sex[4];
	char edit_field[40];	/* ASK_FIELD: the field being changed */
	char *edit_seen;	/* and its value when the edit began */
	int64_t form_wanted;	/* set: the caller opens the form editor */
	int64_t form_person;
	int quit;
};

/* Start at the home screen for the logged-in user. */
void client_init(struct client *c, struct store *st, const struct keymap *km,
    const struct formset *forms, struct lateness *late, int demo);

/* Paint the top screen (no refresh). */
void client_draw(struct client *c);

/* Handle a key. Returns 1 when the screen must be redrawn. */
int client_key(struct client *c, int key);

/* Rebuild the top screen from the database (after a form, or refresh). */
void client_refresh(struct client *c);

/* The store changed under us (after a lock): keep the screens. */
void client_set_store(struct client *c, struct store *st);

void client_fini(struct client *c);

#endif
