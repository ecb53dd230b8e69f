#include "config.h"

#include "store/session.h"

#include <stdlib.h>
#include <unistd.h>

#include "common/file.h"
#include "keys/dbkey.h"

char *
store_session_keyring_path(const char *db_path)
{
	return file_sibling(db_path, ".keys");
}

uint32_t
store_session_flags(const char *db_path)
{
	char *path = store_session_keyring_path(db_path);
	struct keyring *kr;
	uint32_t flags = 0;

	if (keyring_load(path, &kr, NULL) == CD_OK) {
		flags = kr->flags;
		keyring_free(&kr);
	}
	free(path);
	return flags;
}

/* Unlock and log in; resume records "unlock" rather than "login". */
static enum cd_status
session_open(const char *db_path, const char *user,
    const struct secret *pass, const struct store_origin *origin,
    int resume, struct store **out, struct keyring **krp,
    struct secret **dekp, struct cd_err *err)
{
	char *path = store_session_keyring_path(db_path);
	struct keyring *kr = NULL;
	struct secret *dek = NULL;
	struct dbkey key;
	enum cd_status code;

	*out = NULL;
	if (!file_exists(db_path)) {
		free(path);
		return cd_err_set(err, CD_ERR_NOTFOUND, "no database at %s "
		    "(make one with: casedesk init --db %s --user NAME)",
		    db_path, db_path);
	}
	code = keyring_load(path, &kr, err);
	free(path);
	if (code != CD_OK)
		return code;
	/* After wrong passphrases, the next try waits; never a lock-out. */
	{
		int wait = store_login_backoff(db_path, user);

		if (wait > 0)
			sleep((unsigned)wait);
	}
	code = keyring_unlock(kr, user, pass, &dek, err);
	if (code == CD_ERR_BADPASS || code == CD_ERR_NOTFOUND)
		store_note_failed_login(db_path, user, code == CD_ERR_BADPASS ?
		    "wrong passphrase" : "no such user", origin, NULL);
	if (code != CD_OK)
		goto done;
	code = dbkey_make(kr, dek, &key, err);
	if (code != CD_OK)
		goto done;
	code = store_open(db_path, &key, out, err);
	dbkey_fini(&key);
	if (code != CD_OK)
		goto done;
	code = resume ? store_resume(*out, user, origin, err) :
	    store_login(*out, user, origin, err);
	if (code != CD_OK)
		store_close(out);
done:
	if (code == CD_OK && krp != NULL && dekp != NULL) {
		*krp = kr;
		*dekp = dek;
		return CD_OK;
	}
	keyring_free(&kr);
	secret_free(&dek);
	return code;
}

enum cd_status
store_session_open(const char *db_path, const char *user,
    const struct secret *pass, const struct store_origin *origin,
    struct store **out, struct keyring **kr, struct secret **dek,
    struct cd_err *err)
{
	return session_open(db_path, user, pass, origin, 0, out, kr, dek, err);
}

enum cd_status
store_session_resume(const char *db_path, const char *user,
    const struct secret *pass, const struct store_origin *origin,
    struct store **out, struct cd_err *err)
{
	return session_open(db_path, user, pass, origin, 1, out, NULL, NULL,
	    err);
}
