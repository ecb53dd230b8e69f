#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd.h"
#include "cli/session.h"
#include "common/xmem.h"
#include "keys/dbkey.h"
#include "keys/keyring.h"
#include "store/session.h"
#include "store/user.h"

/* Save the keyring beside the open database. */
static enum cd_status
save_keyring(struct store *st, struct keyring *kr, struct secret *dek,
    struct cd_err *err)
{
	char *path = store_session_keyring_path(store_path(st));
	enum cd_status code = keyring_save(kr, path, dek, err);

	free(path);
	return code;
}

/* Close everything a keyring-changing command opened. */
static int
finish(struct store **st, struct keyring **kr, struct secret **dek, int rc)
{
	store_close(st);
	keyring_free(kr);
	secret_free(dek);
	return rc;
}

int
cmd_user_add(struct cli *c)
{
	const char *name = c->args[0], *role_s = cli_opt(c, "role");
	struct keyring *kr = NULL;
	struct secret *dek = NULL, *pass = NULL;
	struct store *st = NULL;
	struct kdf_params kdf;
	struct cd_err err;
	enum cd_status code;
	enum role role;
	int rc;

	if (role_s == NULL)
		return cli_fail(EXIT_USAGE, "user add needs --role ROLE");
	if (role_parse(role_s, &role, &err) != CD_OK ||
	    store_user_name_check(name, &err) != CD_OK)
		return cli_fail(EXIT_USAGE, "%s", err.msg);
	rc = cli_session(c, &st, &kr, &dek);
	if (rc != EXIT_OK)
		return rc;
	if (keyring_has_user(kr, name))
		return finish(&st, &kr, &dek, cli_fail(EXIT_ERROR, "there is "
		    "already a user \"%s\" in the keyring", name));
	if (!access_allows(store_user_role(st), ACCESS_USER_ADMIN))
		return finish(&st, &kr, &dek, cli_fail(EXIT_AUTH, "only an "
		    "administrator may add users"));
	code = cli_new_passphrase(c, name, !(kr->flags &
	    (KEYRING_FLAG_DEMO | KEYRING_FLAG_TEST)), &pass, &err);
	if (code == CD_OK) {
		cli_kdf(c, &kdf);
		code = store_user_add(st, name, cli_opt(c, "full-name"), role,
		    cli_opt(c, "team"), &err);
	}
	if (code == CD_OK)
		code = keyring_set_user(kr, dek, name, pass, &kdf, &err);
	if (code == CD_OK)
		code = save_keyring(st, kr, dek, &err);
	secret_free(&pass);
	if (code != CD_OK)
		return finish(&st, &kr, &dek, cli_fail(cli_exit_for(code),
		    "%s", err.msg));
	cli_printf("Added %s (%s).\n", name, role_title(role));
	return finish(&st, &kr, &dek, EXIT_OK);
}

/* user passwd NAME --recovery: unlock with the recovery key instead. */
static int
passwd_recovery(struct cli *c, const char *name)
{
	const char *db = cli_db_path(c, "casedesk.db");
	char *path = store_session_keyring_path(db);
	struct keyring *kr = NULL;
	struct secret *dek = NULL, *rk = NULL, *pass = NULL;
	struct store *st = NULL;
	struct kdf_params kdf;
	struct dbkey key;
	struct cd_err err;
	enum cd_status code;

	code = keyring_load(path, &kr, &err);
	free(path);
	if (code == CD_OK)
		code = cli_passphrase(c, "Recovery key: ", 0, &rk, &err);
	if (code == CD_OK)
		code = keyring_unlock_recovery(kr, (const char *)rk->data,
		    &dek, &err);
	secret_free(&rk);
	if (code == CD_OK && (code = dbkey_make(kr, dek, &key, &err)) ==
	    CD_OK) {
		code = store_open(db, &key, &st, &err);
		dbkey_fini(&key);
	}
	if (code == CD_OK)
		code = store_login(st, name, &c->origin, &err);
	if (code == CD_OK)
		code = cli_new_passphrase(c, name, !(kr->flags &
		    (KEYRING_FLAG_DEMO | KEYRING_FLAG_TEST)), &pass, &err);
	cli_kdf(c, &kdf);
	/* Wrap first: a refused KDF must not be recorded as a change. */
	if (code == CD_OK)
		code = keyring_set_user(kr, dek, name, pass, &kdf, &err);
	if (code == CD_OK)
		code = store_user_passwd_changed(st, name, &err);
	if (code == CD_OK)
		code = save_keyring(st, kr, dek, &err);
	secret_free(&pass);
	if (code != CD_OK)
		return finish(&st, &kr, &dek, cli_fail(cli_exit_for(code),
		    "%s", err.msg));
	cli_printf("Changed the passphrase for %s using the recovery key.\n", name);
	return finish(&st, &kr, &dek, EXIT_OK);
}

int
cmd_user_passwd(struct cli *c)
{
	const char *name = c->args[0];
	struct keyring *kr = NULL;
	struct secret *dek = NULL, *pass = NULL;
	struct store *st = NULL;
	struct kdf_params kdf;
	struct cd_err err;
	enum cd_status code;
	int rc;

	if (cli_flag(c, "recovery"))
		return passwd_recovery(c, name);
	if (c->user == NULL)
		c->user = name;
	rc = cli_session(c, &st, &kr, &dek);
	if (rc != EXIT_OK)
		return rc;
	if (strcmp(name, c->user) != 0 &&
	    !access_allows(store_user_role(st), ACCESS_USER_ADMIN))
		return finish(&st, &kr, &dek, cli_fail(EXIT_AUTH, "only an "
		    "administrator may change another user's passphrase"));
	code = cli_new_passphrase(c, name, !(kr->flags &
	    (KEYRING_FLAG_DEMO | KEYRING_FLAG_TEST)), &pass, &err);
	cli_kdf(c, &kdf);
	/* Wrap first: a refused KDF must not be recorded as a change. */
	if (code == CD_OK)
		code = keyring_set_user(kr, dek, name, pass, &kdf, &err);
	if (code == CD_OK)
		code = store_user_passwd_changed(st, name, &err);
	if (code == CD_OK)
		code = save_keyring(st, kr, dek, &err);
	secret_free(&pass);
	if (code != CD_OK)
		return finish(&st, &kr, &dek, cli_fail(cli_exit_for(code),
		    "%s", err.msg));
	cli_printf("Changed the passphrase for %s.\n", name);
	return finish(&st, &kr, &dek, EXIT_OK);
}

int
cmd_user_disable(struct cli *c)
{
	const char *name = c->args[0];
	struct keyring *kr = NULL;
	struct secret *dek = NULL;
	struct store *st = NULL;
	struct cd_err err;
	enum cd_status code;
	int rc;

	rc = cli_session(c, &st, &kr, &dek);
	if (rc != EXIT_OK)
		return rc;
	code = store_user_disable(st, name, &err);
	if (code == CD_OK && keyring_has_user(kr, name))
		code = keyring_remove_user(kr, name, &err);
	if (code == CD_OK)
		code = save_keyring(st, kr, dek, &err);
	if (code != CD_OK)
		return finish(&st, &kr, &dek, cli_fail(cli_exit_for(code),
		    "%s", err.msg));
	cli_printf("Disabled %s and removed their key from the keyring.\n", name);
	return finish(&st, &kr, &dek, EXIT_OK);
}

int
cmd_user_list(struct cli *c)
{
	struct store_user *users = NULL;
	struct store *st = NULL;
	struct cd_err err;
	size_t n = 0, i;
	int rc;

	rc = cli_session(c, &st, NULL, NULL);
	if (rc != EXIT_OK)
		return rc;
	if (store_user_list(st, &users, &n, &err) != CD_OK) {
		store_close(&st);
		return cli_fail(cli_exit_for(err.code), "%s", err.msg);
	}
	cli_printf("%-16s %-11s %-8s %-24s %s\n", "NAME", "ROLE", "STATUS",
	    "FULL NAME", "TEAM");
	for (i = 0; i < n; i++)
		cli_printf("%-16s %-11s %-8s %-24s %s\n", users[i].name,
		    role_id(users[i].role), users[i].disabled ? "disabled" :
		    "active", users[i].full_name,
		    users[i].team);
	store_user_list_free(&users, n);
	store_close(&st);
	return EXIT_OK;
}
