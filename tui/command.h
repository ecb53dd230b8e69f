/*
 * The client's : commands as a table, as the command line's and tmux's
 * are: the prompt runs them, and the help page and `casedesk keys` list
 * them from the same rows, so what is said and what works cannot drift.
 */
#ifndef CD_TUI_COMMAND_H
#define CD_TUI_COMMAND_H

#include <stddef.h>

struct client;

struct command {
	const char *name;
	const char *alias;	/* a short form, or NULL */
	const char *args;	/* what follows it, for the help */
	const char *help;
	void (*run)(struct client *c, const char *args);
};

/* The table, and how many rows it has. */
const struct command *command_table(size_t *n);

/* The row for a word (name or alias), or NULL. */
const struct command *command_find(const char *word);

#endif
