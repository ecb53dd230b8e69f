/* Passphrases and sessions for the non-interactive commands. */
#ifndef CD_CLI_SESSION_H
#define CD_CLI_SESSION_H

#include "cli/cmd.h"
#include "keys/keyring.h"
#include "keys/secret.h"
#include "store/store.h"

/*
 * Read a passphrase: the next line of --passphrase-fd, or from the
 * terminal without echo after printing prompt. With confirm, the terminal
 * asks twice and the two must match (a descriptor is read once).
 */
enum cd_status cli_passphrase(struct cli *c, const char *prompt, int confirm,
    struct secret **out, struct cd_err *err);

/*
 * A new passphrase for name, checked (passphrase_quality): its length, and
 * for a live keyring libpwquality's checks.
 */
enum cd_status cli_new_passphrase(struct cli *c, const char *name, int live,
    struct secret **out, struct cd_err *err);

/*
 * Ask for --user's passphrase and open the database as them. kr and dek may
 * be NULL; when given they receive the keyring and data key.
 */
int cli_session(struct cli *c, struct store **st, struct keyring **kr,
    struct secret **dek);

/* The KDF parameters configured for new wraps. */
void cli_kdf(struct cli *c, struct kdf_params *p);

/* Fill c->origin from the controlling terminal and SSH_CLIENT. */
void cli_origin(struct cli *c);

#endif
