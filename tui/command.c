#include "config.h"

#include "tui/command.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/ooh.h"
#include "tui/command_int.h"
#include "tui/home.h"
#include "tui/screen.h"

/* A record number: digits, with or without '#'; 0 when it is not one. */
long long
command_id(const char *arg, const char **rest)
{
	char *end;
	long long id;

	arg += strspn(arg, " ");
	id = strtoll(arg[0] == '#' ? arg + 1 : arg, &end, 10);
	if (end == arg || end == arg + (arg[0] == '#') || id <= 0 ||
	    (*end != '\0' && *end != ' '))
		return 0;
	if (rest != NULL)
		*rest = end + strspn(end, " ");
	return id;
}

/* Say how a command is used, as an error. */
void
command_usage(struct client *c, const char *name)
{
	const struct command *k = command_find(name);

	client_error(c, "Use: %s %s", name, k ? k->args : "");
}

static void
run_search(struct client *c, const char *args)
{
	search_open(c, args);
}

static void
run_person(struct client *c, const char *args)
{
	const char *rest;
	long long id = command_id(args, &rest);

	if (id == 0 || *rest)
		command_usage(c, "person");
	else
		client_open_person(c, id);
}

static void
run_form(struct client *c, const char *args)
{
	const char *rest;
	long long id = command_id(args, &rest);

	if (id == 0 || *rest)
		command_usage(c, "form");
	else
		client_open_form(c, id);
}

static void
run_home(struct client *c, const char *args)
{
	(void)args;
	client_home(c);
}

static void
run_team(struct client *c, const char *args)
{
	client_home(c);
	home_team(c, client_top(c), args);
}

static void
run_help(struct client *c, const char *args)
{
	(void)args;
	client_help(c, client_top(c));
}

static void
run_quit(struct client *c, const char *args)
{
	(void)args;
	c->quit = 1;
}

static void
run_look(struct client *c, const char *args)
{
	if (*args == '\0')
		command_usage(c, "look");
	else
		look_open(c, args, 0);
}

/* The handover: the one named, or the one highlighted. */
static void
run_accept(struct client *c, const char *args)
{
	struct screen *s = client_top(c);
	struct line *l = list_current(&s->list);
	long long id = *args ? command_id(args, NULL) : 0;
	struct cd_err err;

	if (*args == '\0' && l != NULL && l->kind == LN_HANDOVER)
		id = l->id;
	if (id <= 0) {
		command_usage(c, "accept");
		return;
	}
	if (store_ooh_accept(c->st, id, &err) != CD_OK) {
		client_fail(c, &err);
		return;
	}
	client_changed(c);
	client_refresh(c);
	client_say(c, "Accepted handover %lld for the day team.", id);
}

static void
run_check(struct client *c, const char *args)
{
	long long year = *args ? strtoll(args, NULL, 10) : 0;
	struct screen *s = client_top(c);

	if (*args && (year < 2000 || year > 2100 || strspn(args,
	    "0123456789") != strlen(args))) {
		command_usage(c, "check");
		return;
	}
	client_checks(c, s->person, (int)year);
}

static const struct command table[] = {
	{ "search", "s", "TERM", "Find a person (name, date of birth, NHS "
	    "number, UPN, postcode or #id)", run_search },
	{ "person", "p", "ID", "Open a person's summary", run_person },
	{ "form", NULL, "ID", "Open a form in the editor", run_form },
	{ "look", NULL, "TERM", "The quick look: plan, looked after, who to "
	    "call, for everyone a search finds", run_look },
	{ "accept", NULL, "[ID]", "Take a handover from out of hours for the "
	    "day team (the one highlighted, or ID)", run_accept },
	{ "check", NULL, "[YEAR]", "The returns' checks for this person, or "
	    "the borough from home (YEAR: a collection year, as 2027)",
	    run_check },
	{ "review", NULL, "SEQ appropriate|inappropriate|referred NOTE",
	    "Close a flagged access on the Caldicott review list", run_review },
	{ "export", NULL, "sar PERSON FILE [REQUEST] | cpis DIR | ssda903 YEAR "
	    "DIR | cin YEAR FILE | annex-a FILE", "Write a subject access "
	    "pack, the CP-IS upload or a statutory return (mode 0600, logged)",
	    run_export },
	{ "retention", NULL, "hold ID KIND REASON | lift ID | apply FILE "
	    "DESTROY", "Place or lift a legal hold; destroy what is due, with "
	    "a certificate", run_retention },
	{ "home", NULL, "", "Back to the home screen", run_home },
	{ "team", NULL, "[NAME | borough]", "A team manager's home for another "
	    "team, the borough, or (alone) their own team", run_team },
	{ "help", NULL, "", "This screen's keys and the commands", run_help },
	{ "quit", "q", "", "Leave casedesk", run_quit },
};

const struct command *
command_table(size_t *n)
{
	*n = sizeof table / sizeof table[0];
	return table;
}

const struct command *
command_find(const char *word)
{
	size_t i;

	for (i = 0; i < sizeof table / sizeof table[0]; i++)
		if (strcmp(table[i].name, word) == 0 || (table[i].alias &&
		    strcmp(table[i].alias, word) == 0))
			return &table[i];
	return NULL;
}

void
command_run(struct client *c, const char *line)
{
	char word[32];
	size_t n;
	const struct command *k;

	line += strspn(line, " ");
	n = strcspn(line, " ");
	snprintf(word, sizeof word, "%.*s", (int)(n < sizeof word ? n :
	    sizeof word - 1), line);
	k = command_find(word);
	if (k == NULL) {
		client_error(c, "Unknown command \"%.40s\": ? lists the "
		    "commands.", word);
		return;
	}
	line += n;
	k->run(c, line + strspn(line, " "));
}

void
command_help(struct pager *p)
{
	size_t i;

	pager_add(p, THEME_HEADING, "Commands (type : and then one)");
	for (i = 0; i < sizeof table / sizeof table[0]; i++) {
		pager_add(p, THEME_NONE, "  :%s %s", table[i].name,
		    table[i].args);
		pager_add(p, THEME_NONE, "      %s%s%s%s", table[i].help,
		    table[i].alias ? " (or :" : "", table[i].alias ?
		    table[i].alias : "", table[i].alias ? ")" : "");
	}
}
