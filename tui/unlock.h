/* The unlock screen: user name, then passphrase, three tries. */
#ifndef CD_TUI_UNLOCK_H
#define CD_TUI_UNLOCK_H

#include "common/status.h"
#include "tui/app.h"

/* How many wrong passphrases before casedesk gives up. */
#define UNLOCK_TRIES 3

/*
 * Ask for the user name and passphrase until the database opens, the user
 * cancels (CD_ERR_CANCELLED) or the tries run out (CD_ERR_BADPASS). On
 * success t->st is the logged-in store.
 */
enum cd_status unlock_run(struct tui *t, struct cd_err *err);

#endif
