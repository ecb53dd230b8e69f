/* ssh-key add|list|remove: staff keys in the service's authorized_keys. */
#include "config.h"

#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cmd.h"
#include "cli/session.h"
#include "common/file.h"
#include "common/xmem.h"
#include "keys/sshkey.h"
#include "store/user.h"

/* [service] authorized_keys, or the running account's own (not $HOME). */
static char *
keys_path(struct cli *c)
{
	struct passwd *pw;
	char *ssh;

	if (c->cfg.authorized_keys != NULL && *c->cfg.authorized_keys)
		return xstrdup(c->cfg.authorized_keys);
	pw = getpwuid(geteuid());
	if (pw == NULL || pw->pw_dir == NULL)
		return NULL;
	ssh = xasprintf("%s/.ssh", pw->pw_dir);
	mkdir(ssh, 0700);
	free(ssh);
	return xasprintf("%s/.ssh/authorized_keys", pw->pw_dir);
}

/* The forced command: this program, serve, and the database it serves. */
static char *
forced_command(struct cli *c)
{
	char exe[PATH_MAX], db[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);

	if (n <= 0 || realpath(cli_db_path(c, "casedesk.db"), db) == NULL)
		return NULL;
	exe[n] = '\0';
	return xasprintf("%s serve --db %s", exe, db);
}

/* Read the key from path, or standard input for "-". */
static int
read_key(const char *path, struct ssh_pubkey *k)
{
	unsigned char *data = NULL;
	size_t len = 0;
	struct cd_err err;
	enum cd_status code;

	if (strcmp(path, "-") == 0) {
		char line[9000];

		if (fgets(line, sizeof line, stdin) == NULL)
			return cli_fail(EXIT_USAGE, "no key on standard input");
		code = sshkey_parse(line, k, &err);
	} else {
		code = file_read_all(path, 16384, &data, &len, &err);
		if (code == CD_OK)
			code = sshkey_parse((const char *)data, k, &err);
		free(data);
	}
	if (code != CD_OK)
		return cli_fail(EXIT_USAGE, "%s: %s", path, err.msg);
	return EXIT_OK;
}

int
cmd_ssh_key_add(struct cli *c)
{
	struct ssh_pubkey k;
	struct store *st = NULL;
	struct cd_err err;
	char *path = NULL, *command = NULL;
	size_t changed;
	int rc = cli_session(c, &st, NULL, NULL);

	if (rc != EXIT_OK)
		return rc;
	rc = read_key(c->args[1], &k);
	if (rc == EXIT_OK && ((path = keys_path(c)) == NULL ||
	    (command = forced_command(c)) == NULL))
		rc = cli_fail(EXIT_ERROR, "cannot tell where authorized_keys or "
		    "this program and its database are");
	if (rc == EXIT_OK && store_user_ssh_key(st, c->args[0], "ssh-key-add",
	    k.fingerprint, &err) != CD_OK)
		rc = cli_fail(cli_exit_for(err.code), "%s", err.msg);
	if (rc == EXIT_OK && sshkey_file_set(path, command, c->args[0], &k,
	    &changed, &err) != CD_OK)
		rc = cli_fail(EXIT_ERROR, "%s (the key was not added)", err.msg);
	if (rc == EXIT_OK)
		cli_printf("%s may now reach casedesk over ssh with %s %s (in %s).\n",
		    c->args[0], k.type, k.fingerprint, path);
	sshkey_fini(&k);
	store_close(&st);
	free(path);
	free(command);
	return rc;
}

int
cmd_ssh_key_remove(struct cli *c)
{
	struct store *st = NULL;
	struct cd_err err;
	char *path;
	size_t changed = 0;
	int rc = cli_session(c, &st, NULL, NULL);

	if (rc != EXIT_OK)
		return rc;
	path = keys_path(c);
	if (path == NULL)
		rc = cli_fail(EXIT_ERROR, "cannot tell where authorized_keys is");
	else if (store_user_ssh_key(st, c->args[0], "ssh-key-remove", NULL,
	    &err) != CD_OK)
		rc = cli_fail(cli_exit_for(err.code), "%s", err.msg);
	else if (sshkey_file_set(path, "casedesk", c->args[0], NULL, &changed,
	    &err) != CD_OK)
		rc = cli_fail(EXIT_ERROR, "%s", err.msg);
	else
		cli_printf("%zu key%s of %s removed from %s.\n", changed,
		    changed == 1 ? "" : "s", c->args[0], path);
	store_close(&st);
	free(path);
	return rc;
}

int
cmd_ssh_key_list(struct cli *c)
{
	struct ssh_entry *e;
	struct store_user *users;
	struct store *st = NULL;
	struct cd_err err;
	size_t n, nusers, i;
	char *path;
	int rc = cli_session(c, &st, NULL, NULL);

	if (rc != EXIT_OK)
		return rc;
	/* Who may see the staff list: the store says (user admin, audit). */
	if (store_user_list(st, &users, &nusers, &err) != CD_OK) {
		store_close(&st);
		return cli_fail(cli_exit_for(err.code), "%s", err.msg);
	}
	store_user_list_free(&users, nusers);
	path = keys_path(c);
	if (path == NULL || sshkey_file_list(path, &e, &n, &err) != CD_OK)
		rc = cli_fail(EXIT_ERROR, "%s", path ? err.msg : "cannot tell "
		    "where authorized_keys is");
	else {
		for (i = 0; i < n; i++)
			cli_printf("%-16s %-20s %s %s\n", e[i].user, e[i].key.type,
			    e[i].key.fingerprint, e[i].key.comment);
		sshkey_entries_free(e, n);
	}
	store_close(&st);
	free(path);
	return rc;
}
