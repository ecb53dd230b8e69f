#include "config.h"

#include "cli/session.h"

#include "cli/out.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/xmem.h"
#include "forms/formdef.h"
#include "keys/passphrase.h"
#include "store/audit.h"
#include "store/form.h"
#include "store/session.h"

/* Print prompt on the terminal and read a passphrase from it. */
static enum cd_status
from_tty(const char *prompt, struct secret **out, struct cd_err *err)
{
	enum cd_status code;
	int fd = open("/dev/tty", O_RDWR | O_CLOEXEC);

	if (fd < 0)
		return cd_err_set(err, CD_ERR_INVALID, "no terminal to ask for "
		    "a passphrase: use --passphrase-fd N");
	cli_dprintf(fd, "%s", prompt);
	code = passphrase_read(fd, out, err);
	cli_dprintf(fd, "\n");
	close(fd);
	return code;
}

enum cd_status
cli_passphrase(struct cli *c, const char *prompt, int confirm,
    struct secret **out, struct cd_err *err)
{
	struct secret *again = NULL;
	enum cd_status code;

	*out = NULL;
	/*
	 * Over ssh with no terminal the passphrase comes on standard input:
	 * say so on stderr, or the user sees a command that seems to hang.
	 */
	if (c->served && c->passphrase_fd == STDIN_FILENO &&
	    !isatty(STDIN_FILENO)) {
		cli_eprintf("%s", prompt);
		fflush(stderr);
		code = passphrase_read(STDIN_FILENO, out, err);
		cli_eprintf("\n");
		return code;
	}
	if (c->passphrase_fd >= 0)
		return passphrase_read(c->passphrase_fd, out, err);
	code = from_tty(prompt, out, err);
	if (code != CD_OK || !confirm)
		return code;
	code = from_tty("Repeat it: ", &again, err);
	if (code == CD_OK && !secret_equal(*out, again))
		code = cd_err_set(err, CD_ERR_INVALID,
		    "the two passphrases differ; nothing was changed");
	secret_free(&again);
	if (code != CD_OK)
		secret_free(out);
	return code;
}

enum cd_status
cli_new_passphrase(struct cli *c, const char *name, int live,
    struct secret **out, struct cd_err *err)
{
	char *prompt = xasprintf("New passphrase for %s: ", name);
	enum cd_status code = cli_passphrase(c, prompt, 1, out, err);

	free(prompt);
	if (code == CD_OK)
		code = passphrase_quality(*out, name, live, err);
	if (code != CD_OK)
		secret_free(out);
	return code;
}

int
cli_session(struct cli *c, struct store **st, struct keyring **kr,
    struct secret **dek)
{
	const char *db = cli_db_path(c, "casedesk.db");
	struct secret *pass = NULL;
	struct cd_err err;
	enum cd_status code;
	char *prompt;

	if (c->user == NULL)
		return cli_fail(EXIT_USAGE, "say who you are with --user NAME");
	prompt = xasprintf("Passphrase for %s: ", c->user);
	code = cli_passphrase(c, prompt, 0, &pass, &err);
	free(prompt);
	if (code != CD_OK)
		return cli_fail(cli_exit_for(code), "%s", err.msg);
	code = store_session_open(db, c->user, pass, &c->origin, st, kr, dek,
	    &err);
	secret_free(&pass);
	/* An older database gets the shipped forms at its first session. */
	if (code == CD_OK && store_forms_count(*st) == 0) {
		struct formset shipped;
		size_t changed;

		code = formdef_install_dir(*st, formdef_default_dir(NULL),
		    &shipped, &changed, &err);
		formdef_set_fini(&shipped);
		if (code != CD_OK) {
			store_close(st);
			if (kr)
				keyring_free(kr);
			if (dek)
				secret_free(dek);
		}
	}
	if (code == CD_OK && store_login_failures(*st) > 0)
		cli_eprintf("casedesk: %d failed login%s as %s since your "
		    "last (casedesk audit show lists them)\n",
		    store_login_failures(*st), store_login_failures(*st) == 1 ?
		    "" : "s", c->user);
	if (code == CD_OK && store_audit_anchor_check(*st, &err) != CD_OK)
		cli_eprintf("casedesk: warning: %s\n", err.msg);
	if (code == CD_OK) {
		char *canon = cfg_canonical(&c->cfg);

		code = store_note_config(*st, canon, &err);
		free(canon);
		if (code != CD_OK) {
			store_close(st);
			if (kr)
				keyring_free(kr);
			if (dek)
				secret_free(dek);
		}
	}
	if (code != CD_OK)
		return cli_fail(code == CD_ERR_NOTFOUND &&
		    strstr(err.msg, "no user") ? EXIT_AUTH :
		    cli_exit_for(code), "%s", err.msg);
	return EXIT_OK;
}

void
cli_kdf(struct cli *c, struct kdf_params *p)
{
	enum kdf_level level = KDF_MODERATE;

	kdf_level_parse(c->cfg.kdf, &level, NULL);
	kdf_level_params(level, p);
}

void
cli_origin(struct cli *c)
{
	const char *ssh = getenv("SSH_CLIENT");
	const char *tty = isatty(STDIN_FILENO) ? ttyname(STDIN_FILENO) : NULL;

	c->origin.terminal = xstrdup(tty ? tty : "cli");
	if (ssh != NULL && *ssh) {
		size_t n = strcspn(ssh, " ");

		c->origin.ssh_client = xstrndup(ssh, n);
	}
}
