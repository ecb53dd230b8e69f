/* What the : command files share (internal to tui/). */
#ifndef CD_TUI_COMMAND_INT_H
#define CD_TUI_COMMAND_INT_H

struct client;

/* A record number (digits, '#' allowed) or 0; *rest is what follows. */
long long command_id(const char *arg, const char **rest);

/* "Use: NAME ARGS" as an error on the message line. */
void command_usage(struct client *c, const char *name);

/* The governance commands (tui/command_govern.c). */
void run_review(struct client *c, const char *args);
void run_export(struct client *c, const char *args);
void run_retention(struct client *c, const char *args);

#endif
