/* The interactive client: unlock, then the screens, until the user quits. */
#ifndef CD_TUI_APP_H
#define CD_TUI_APP_H

#include <signal.h>

#include "common/cfg.h"
#include "common/status.h"
#include "casework/tasks.h"
#include "forms/formdef.h"
#include "store/store.h"
#include "tui/keymap.h"

struct tui_opts {
	const char *db_path;
	const char *user;	/* pre-filled user name, or NULL */
	int served;		/* serve: the ssh key fixed the name, and no
				 * file is written on the server */
	struct cfg *cfg;
	struct store_origin origin;
	struct store *st;	/* already unlocked (form new/edit), or NULL */
	int64_t form_id;	/* open this form, then leave */
};

/* Shared state of the running client. */
struct tui {
	const struct tui_opts *opts;
	struct keymap km;
	struct store *st;
	int demo;
	int quit;
	int dirty;		/* something changed: draw before waiting */
	int full;		/* repaint everything (^L, resize) */
	int lock_now;		/* the lock key was pressed */
	const char *locked_user; /* set while the screen is locked */
	struct formset forms;	/* the form definitions */
	struct lateness late;	/* for "reason for delay" fields */
	char notice[600];	/* shown on the home screen (anchor warning) */
};

/* Set by SIGHUP and SIGTERM: the loop saves, closes and leaves. */
extern volatile sig_atomic_t tui_hangup;

/*
 * Run the client. Returns CD_OK when the user quit, or the status that
 * ended it (wrong passphrase three times, a database that will not open);
 * err says why, for the caller to print once the terminal is restored.
 */
enum cd_status tui_run(const struct tui_opts *o, struct cd_err *err);

#endif
