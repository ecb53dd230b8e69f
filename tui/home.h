/* The parts of the home screen that live in their own files. */
#ifndef CD_TUI_HOME_H
#define CD_TUI_HOME_H

#include "casework/tasks.h"

struct client;
struct list;
struct screen;

/* What a task line shows besides its due date and lateness. */
#define TASK_NAME 1u		/* whose it is */
#define TASK_TITLE 2u		/* what is due */
#define TASK_WORKER 4u		/* whose work it is */

/* A task as one line of a list. */
void home_task_line(struct list *li, const struct task *t, unsigned what);

/*
 * A manager's home for another team (NULL or "" for their own, "borough"
 * for the whole borough's); says why not to anyone else.
 */
void home_team(struct client *c, struct screen *s, const char *team);

/* Information governance's home: reviews, requests, retention. */
void home_govern(struct client *c, struct screen *s);

/* The performance analyst's home: the returns. */
void home_returns(struct client *c, struct screen *s);

#endif
