/*
 * Unlocking: keyring, passphrase, data key, database and login in one
 * step, shared by the terminal client and every CLI command.
 */
#ifndef CD_STORE_SESSION_H
#define CD_STORE_SESSION_H

#include <stdint.h>

#include "common/status.h"
#include "keys/keyring.h"
#include "keys/secret.h"
#include "store/store.h"

/* The keyring path for a database path (NAME.keys beside NAME.db). */
char *store_session_keyring_path(const char *db_path);

/*
 * Unlock db_path as user with passphrase and log in. Wrong passphrases and
 * unknown users are noted as failed logins. With kr and dek not NULL the
 * keyring and data key are handed back (for commands that change the
 * keyring); otherwise the data key is wiped before returning.
 */
enum cd_status store_session_open(const char *db_path, const char *user,
    const struct secret *passphrase, const struct store_origin *origin,
    struct store **out, struct keyring **kr, struct secret **dek,
    struct cd_err *err);

/* As store_session_open, for a session resumed after a lock. */
enum cd_status store_session_resume(const char *db_path, const char *user,
    const struct secret *passphrase, const struct store_origin *origin,
    struct store **out, struct cd_err *err);

/* The keyring's flags (KEYRING_FLAG_DEMO) before unlocking; 0 if unreadable. */
uint32_t store_session_flags(const char *db_path);

#endif
