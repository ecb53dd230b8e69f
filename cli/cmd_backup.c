/* backup, backup verify, restore: copies that open and prove themselves. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd.h"
#include "cli/session.h"
#include "common/xmem.h"
#include "keys/dbkey.h"
#include "store/audit.h"
#include "store/backup.h"

int
cmd_backup(struct cli *c)
{
	const char *out = cli_opt(c, "out");
	struct backup_info info;
	struct keyring *kr = NULL;
	struct secret *dek = NULL;
	struct store *st = NULL;
	struct dbkey key;
	struct cd_err err;
	enum cd_status code;
	int rc;

	if (out == NULL)
		return cli_fail(EXIT_USAGE, "backup needs --out FILE");
	rc = cli_session(c, &st, &kr, &dek);
	if (rc != EXIT_OK)
		return rc;
	code = dbkey_make(kr, dek, &key, &err);
	if (code == CD_OK) {
		code = store_backup(st, &key, out, &info, &err);
		dbkey_fini(&key);
	}
	store_close(&st);
	keyring_free(&kr);
	secret_free(&dek);
	if (code != CD_OK)
		return cli_fail(cli_exit_for(code), "%s", err.msg);
	cli_printf("Backed up to %s with its keyring and audit anchor beside it "
	    "(mode 0600, still encrypted): %lld pages, %lld audit events, "
	    "chain intact.\n", out, (long long)info.pages,
	    (long long)info.events);
	return EXIT_OK;
}

int
cmd_backup_verify(struct cli *c)
{
	struct audit_verify v;
	struct store *st = NULL;
	struct cd_err err;
	enum cd_status code;
	int rc;

	c->db = c->args[0];	/* opened as a database in its own right */
	rc = cli_session(c, &st, NULL, NULL);
	if (rc != EXIT_OK)
		return rc;
	code = store_integrity(st, &err);
	if (code == CD_OK)
		code = store_audit_verify(st, &v, &err);
	store_close(&st);
	if (code != CD_OK)
		return cli_fail(cli_exit_for(code), "the backup %s does not "
		    "verify: %s", c->args[0], err.msg);
	cli_printf("The backup %s opens, every page reads and checks, and its "
	    "audit chain is intact (%lld events).\n", c->args[0],
	    (long long)v.events);
	return EXIT_OK;
}

int
cmd_restore(struct cli *c)
{
	const char *from = cli_opt(c, "from");
	struct secret *pass = NULL;
	struct cd_err err;
	enum cd_status code;
	char *prompt, *back = NULL;

	if (from == NULL || c->db == NULL)
		return cli_fail(EXIT_USAGE, "restore needs --from FILE and --db "
		    "PATH");
	if (c->user == NULL)
		return cli_fail(EXIT_USAGE, "restore is an administrator's act: "
		    "say who you are with --user NAME (an administrator in the "
		    "backup)");
	prompt = xasprintf("Passphrase for %s (in the backup's keyring): ",
	    c->user);
	code = cli_passphrase(c, prompt, 0, &pass, &err);
	free(prompt);
	if (code == CD_OK)
		code = store_restore(from, c->db, cli_flag(c, "force"), c->user,
		    pass, &c->origin, &back, &err);
	secret_free(&pass);
	if (code != CD_OK)
		return cli_fail(cli_exit_for(code), "%s", err.msg);
	cli_printf("Restored %s to %s (with its keyring and audit anchor); "
	    "casedesk backup verify %s proves it.\n", from, c->db, c->db);
	if (*back)
		cli_printf("The backup enables users disabled or absent since it "
		    "was taken: %s. Disable any who have left again (casedesk "
		    "user disable NAME).\n", back);
	free(back);
	return EXIT_OK;
}
