/*
 * serve: the ssh forced command. One line per staff key in the service
 * account's authorized_keys runs `casedesk serve --user NAME`; with no
 * command that is the client, otherwise SSH_ORIGINAL_COMMAND is split
 * without a shell into one of the allowed verbs. Nothing the user supplies
 * (configuration files, XDG paths, environment, file paths) reaches it,
 * and no other program is ever started.
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cmd.h"
#include "common/file.h"
#include "common/words.h"
#include "common/xmem.h"
#include "store/audit.h"

/*
 * The verbs a served user may run, and whether each may stream to
 * standard output (--out -). Everything else (init, demo, backup,
 * restore, forms check and install, serve itself) is the service
 * account's, run on the machine.
 */
static const struct {
	const char *name;
	int streams;
} allowed[] = {
	{ "search", 0 }, { "look", 0 },
	{ "person add", 0 }, { "person show", 0 }, { "person relate", 0 },
	{ "person merge", 0 }, { "person link", 0 },
	{ "record add", 0 }, { "record update", 0 },
	{ "forms list", 0 },
	{ "form new", 0 }, { "form edit", 0 }, { "form show", 0 },
	{ "form set", 0 }, { "form submit", 0 }, { "form authorise", 0 },
	{ "due", 0 }, { "workdays", 0 }, { "rules", 0 }, { "tasks", 0 },
	{ "export cin", 1 }, { "export ssda903", 1 }, { "export annex-a", 1 },
	{ "export cpis", 1 }, { "export sar", 1 },
	{ "sar list", 0 }, { "sar show", 0 }, { "sar prepare", 0 },
	{ "sar review", 1 }, { "sar redact", 0 }, { "sar unredact", 0 },
	{ "sar withhold", 0 }, { "sar read", 0 }, { "sar approve", 0 },
	{ "sar release", 1 }, { "sar close", 0 }, { "sar log", 0 },
	{ "handover list", 0 }, { "handover accept", 0 },
	{ "caldicott list", 0 }, { "caldicott close", 0 },
	{ "caldicott access", 0 },
	{ "retention list", 0 }, { "retention hold", 0 },
	{ "audit verify", 0 }, { "audit show", 0 },
	{ "user add", 0 }, { "user passwd", 0 }, { "user disable", 0 },
	{ "user list", 0 },
	{ "ssh-key add", 0 }, { "ssh-key list", 0 }, { "ssh-key remove", 0 },
	{ "keys", 0 }, { "check-config", 0 }, { "--version", 0 },
	{ "--help", 0 }, { "help", 0 },
};
#define NALLOWED (sizeof allowed / sizeof allowed[0])

/* Options that name a file or folder on the server: never from a user. */
static const char *const path_options[] = { "out", "heads", "from",
	"certificate", NULL };

/* The allowed entry for a command name, or -1. */
static int
allowed_index(const char *name)
{
	size_t i;

	for (i = 0; i < NALLOWED; i++)
		if (strcmp(allowed[i].name, name) == 0)
			return (int)i;
	return -1;
}

/*
 * Keep only what the session needs from the environment: the terminal
 * type (checked), the ssh connection (for the audit trail). Everything
 * else, CASEDESK_NOW and XDG paths included, goes.
 */
static void
clean_environment(void)
{
	const char *keep[] = { "TERM", "SSH_CLIENT", "SSH_CONNECTION" };
	char *saved[3];
	size_t i;

	for (i = 0; i < 3; i++) {
		const char *v = getenv(keep[i]);

		saved[i] = v ? xstrdup(v) : NULL;
	}
	clearenv();
	for (i = 0; i < 3; i++) {
		if (saved[i] != NULL && strlen(saved[i]) < 128 &&
		    strspn(saved[i], "abcdefghijklmnopqrstuvwxyz"
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.:_+- ") ==
		    strlen(saved[i]))
			setenv(keep[i], saved[i], 1);
		free(saved[i]);
	}
	setenv("PATH", "/usr/bin:/bin", 1);
	setenv("LANG", "C.UTF-8", 1);
	setlocale(LC_ALL, "");
}

/* The database folder must be the service account's alone (0700). */
static int
check_folder(const char *db)
{
	char *copy = xstrdup(db), *slash = strrchr(copy, '/');
	struct stat sb;
	int rc = EXIT_OK;

	if (slash == copy)
		slash[1] = '\0';
	else if (slash != NULL)
		*slash = '\0';
	else
		strcpy(copy, ".");
	if (stat(copy, &sb) != 0)
		rc = cli_fail(EXIT_ERROR, "serve: the database folder %s cannot "
		    "be read", copy);
	else if (sb.st_uid != geteuid() || (sb.st_mode & 077) != 0)
		rc = cli_fail(EXIT_ERROR, "serve: the database folder %s must "
		    "belong to this service account with mode 0700 (chmod 700 "
		    "%s)", copy, copy);
	free(copy);
	return rc;
}

/* Refuse what a served command line may not carry; EXIT_OK if fine. */
static int
check_served(const struct cli *in, const struct cli_command *cmd)
{
	int k = allowed_index(cmd->name);
	size_t i, j;

	if (*cmd->name == '\0')
		return cli_fail(EXIT_USAGE, "serve: say a command, or none for "
		    "the client");
	if (k < 0)
		return cli_fail(EXIT_USAGE, "serve: \"%s\" is not allowed over "
		    "ssh (casedesk --help lists the commands; the service "
		    "account runs the rest)", cmd->name);
	if (in->config_path != NULL || in->db != NULL || in->user != NULL)
		return cli_fail(EXIT_USAGE, "serve: --%s is not allowed over "
		    "ssh: the service's own configuration, database and your "
		    "user name apply", in->config_path ? "config" : in->db ?
		    "db" : "user");
	if (in->passphrase_fd > 0)
		return cli_fail(EXIT_USAGE, "serve: only --passphrase-fd 0 "
		    "(standard input) is allowed over ssh");
	for (i = 0; i < in->nopts; i++)
		for (j = 0; path_options[j] != NULL; j++) {
			if (strcmp(in->opt_name[i], path_options[j]) != 0)
				continue;
			if (strcmp(path_options[j], "out") == 0 &&
			    allowed[k].streams && in->opt_value[i] != NULL &&
			    strcmp(in->opt_value[i], "-") == 0)
				continue;
			return cli_fail(EXIT_USAGE, "serve: --%s names a file "
			    "on the server and is not allowed over ssh%s",
			    path_options[j], allowed[k].streams ? " (use "
			    "--out - to stream to your side)" : "");
		}
	if (strcmp(cmd->name, "ssh-key add") == 0 && in->nargs == 2 &&
	    strcmp(in->args[1], "-") != 0)
		return cli_fail(EXIT_USAGE, "serve: ssh-key add reads the key "
		    "from standard input over ssh: NAME -");
	return EXIT_OK;
}

int
cmd_serve(struct cli *c)
{
	const struct cli_command *cmd;
	const char *line = getenv("SSH_ORIGINAL_COMMAND");
	char *copy = line ? xstrdup(line) : NULL, **words = NULL, **argv;
	/* Taken before the environment goes (it names a test's file). */
	char *system = cfg_system_file() ? xstrdup(cfg_system_file()) : NULL;
	struct cli in;
	struct cd_err err;
	size_t n = 0, i;
	int rc;

	if (c->config_path != NULL) {
		free(copy);
		free(system);
		return cli_fail(EXIT_USAGE, "serve reads the system "
		    "configuration file alone: no --config");
	}
	if (c->user == NULL) {
		free(copy);
		free(system);
		return cli_fail(EXIT_USAGE, "serve needs --user NAME (in the "
		    "key's line of authorized_keys)");
	}
	clean_environment();
	/* Only the system file: no XDG, no user file, no --config. */
	cfg_fini(&c->cfg);
	cfg_init(&c->cfg);
	if (system != NULL)
		cfg_read_file(&c->cfg, system, 0);
	free(system);
	store_audit_head_log(c->cfg.head_log);
	if (c->cfg.nproblems > 0) {
		free(copy);
		return cli_fail(EXIT_ERROR, "the service's configuration has "
		    "problems: %s", c->cfg.problems[0]);
	}
	c->db = cli_db_path(c, "casedesk.db");
	if ((rc = check_folder(c->db)) != EXIT_OK) {
		free(copy);
		return rc;
	}
	c->served = 1;
	if (copy == NULL || copy[strspn(copy, " \t")] == '\0') {
		free(copy);
		return cmd_tui(c);
	}
	if (words_split(copy, &words, &n, &err) != CD_OK) {
		free(copy);
		return cli_fail(EXIT_USAGE, "serve: %s", err.msg);
	}
	free(copy);
	argv = xcalloc(n + 2, sizeof *argv);
	argv[0] = words[0];	/* skipped by cli_parse */
	for (i = 0; i < n; i++)
		argv[i + 1] = words[i];
	memset(&in, 0, sizeof in);
	in.passphrase_fd = -1;
	rc = cli_parse(&in, (int)n + 1, argv, &cmd);
	if (rc == EXIT_OK)
		rc = check_served(&in, cmd);
	if (rc == EXIT_OK) {
		/* The served command runs with the service's settings. */
		in.user = c->user;
		in.served = 1;
		in.db = c->db;
		/* With no terminal, the passphrase comes on standard input. */
		if (in.passphrase_fd < 0 && !isatty(STDIN_FILENO))
			in.passphrase_fd = STDIN_FILENO;
		in.cfg = c->cfg;
		in.origin = c->origin;
		rc = cmd->run(&in);
		c->cfg = in.cfg;
		free(in.db_default);
	}
	free(argv);
	words_free(words, n);
	return rc;
}
