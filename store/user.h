/* Staff accounts: who may log in and in which role. */
#ifndef CD_STORE_USER_H
#define CD_STORE_USER_H

#include <stddef.h>
#include <stdint.h>

#include "common/status.h"
#include "store/access.h"

struct store;

struct store_user {
	int64_t id;
	char *name;
	char *full_name;
	char *team;
	enum role role;
	int disabled;
	char *created_at;
};

/* Whether name is an acceptable user name (a-z, 0-9, '.', '_', '-'). */
enum cd_status store_user_name_check(const char *name, struct cd_err *err);

/*
 * Add a user. Needs the user-admin grant, except for the very first user
 * of a new database. Audited as a create with the new values.
 */
enum cd_status store_user_add(struct store *st, const char *name,
    const char *full_name, enum role role, const char *team,
    struct cd_err *err);

/* Disable a user (never the last enabled administrator). Audited. */
enum cd_status store_user_disable(struct store *st, const char *name,
    struct cd_err *err);

/*
 * Record that name's passphrase was changed (the keyring holds it; the
 * database holds the fact). Users may change their own; admins anyone's.
 */
enum cd_status store_user_passwd_changed(struct store *st, const char *name,
    struct cd_err *err);

/*
 * Record that an ssh key (by fingerprint) was given to or taken from name
 * ("ssh-key-add", "ssh-key-remove"). Administrators only; a key is given
 * only to an enabled user. Call before changing authorized_keys.
 */
enum cd_status store_user_ssh_key(struct store *st, const char *name,
    const char *action, const char *fingerprint, struct cd_err *err);

/* Look up one user; CD_ERR_NOTFOUND if none. Free with store_user_fini. */
enum cd_status store_user_get(struct store *st, const char *name,
    struct store_user *out, struct cd_err *err);

/* All users by name. Needs user-admin or audit-read. */
enum cd_status store_user_list(struct store *st, struct store_user **out,
    size_t *n, struct cd_err *err);

void store_user_fini(struct store_user *u);

/*
 * A worker as colleagues know them, into out: "Sam Okafor (sokafor)" for
 * a user with a full name, else name as given (an agency worker's name).
 */
void store_user_display(struct store *st, const char *name, char *out,
    size_t len);
void store_user_list_free(struct store_user **list, size_t n);

#endif
