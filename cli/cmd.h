/* The command line: options common to every command, and the command table. */
#ifndef CD_CLI_CMD_H
#define CD_CLI_CMD_H

#include <stddef.h>
#include <stdint.h>

#include "common/cfg.h"
#include "common/status.h"
#include "cli/out.h"
#include "store/store.h"

/* Exit statuses, documented in README.md. */
enum cli_exit {
	EXIT_OK = 0,
	EXIT_ERROR = 1,		/* the command failed; the message says why */
	EXIT_USAGE = 2,		/* bad command line */
	EXIT_DUPLICATE = 3,	/* likely duplicates found (person add) */
	EXIT_AUTH = 4,		/* wrong passphrase, unknown or disabled user */
};

#define CLI_MAX_ARGS 16
#define CLI_MAX_OPTS 16

struct cli {
	/* Common options. */
	const char *db;
	const char *user;
	const char *config_path;
	int passphrase_fd;	/* -1: ask on the terminal */
	int served;		/* under serve: the user name is fixed */
	/* The command's own options and positional arguments. */
	char opt_name[CLI_MAX_OPTS][64];
	const char *opt_value[CLI_MAX_OPTS];	/* NULL for flags */
	size_t nopts;
	const char *args[CLI_MAX_ARGS];
	size_t nargs;
	struct cfg cfg;
	struct store_origin origin;
	char *db_default;	/* owned path when --db was not given */
	const struct cli_command *help_for;	/* CMD --help: its usage */
};

struct cli_command {
	const char *name;	/* "user add" */
	const char *options;	/* "role= full-name= team= recovery" */
	size_t min_args, max_args;
	const char *usage;	/* "NAME --role ROLE [--full-name TEXT]" */
	const char *help;
	int (*run)(struct cli *);
};

/* A command's option value, or NULL; cli_flag for options without one. */
const char *cli_opt(const struct cli *c, const char *name);
int cli_flag(const struct cli *c, const char *name);

/* Print "casedesk: message" to stderr and return the exit status. */
int cli_fail(int status, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* A record number ("12" or "#12"), or 0 if s is not one. */
int64_t cli_parse_id(const char *s);

/* Fill o to run the terminal client for this command line. */
struct tui_opts;
void cli_tui_opts(struct cli *c, struct tui_opts *o, const char *db);

/* The exit status for a failed status code. */
int cli_exit_for(enum cd_status code);

/* The database path: --db, then [database] path, then the XDG default. */
const char *cli_db_path(struct cli *c, const char *default_name);

/*
 * Parse argv (argv[0] is the program) into c: the common options, the
 * command and its options and arguments. EXIT_OK with *out set, or the
 * exit status after saying what is wrong.
 */
int cli_parse(struct cli *c, int argc, char **argv,
    const struct cli_command **out);

/* Run the program. */
int cli_main(int argc, char **argv);

/* The command table, for --help and for tests. */
const struct cli_command *cli_commands(size_t *n);

/* The commands, defined in the cmd_*.c files. */
int cmd_init(struct cli *c);
int cmd_demo(struct cli *c);
int cmd_tui(struct cli *c);
int cmd_user_add(struct cli *c);
int cmd_user_passwd(struct cli *c);
int cmd_user_disable(struct cli *c);
int cmd_user_list(struct cli *c);
int cmd_audit_verify(struct cli *c);
int cmd_audit_show(struct cli *c);
int cmd_check_config(struct cli *c);
int cmd_search(struct cli *c);
int cmd_person_add(struct cli *c);
int cmd_person_show(struct cli *c);
int cmd_person_relate(struct cli *c);
int cmd_person_merge(struct cli *c);
int cmd_person_link(struct cli *c);
int cmd_record_add(struct cli *c);
int cmd_record_update(struct cli *c);
int cmd_forms_list(struct cli *c);
int cmd_due(struct cli *c);
int cmd_workdays(struct cli *c);
int cmd_rules(struct cli *c);
int cmd_tasks(struct cli *c);
/*
 * The session user's team (a team manager's, or with managers 0 also a
 * social worker's), or NULL. The caller frees it.
 */
struct store;
char *cli_own_team(struct store *st, int managers);
int cmd_queue(struct cli *c);
int cmd_workers(struct cli *c);
int cmd_allocate(struct cli *c);
int cmd_intake_team(struct cli *c);
int cmd_summary(struct cli *c);
int cmd_household(struct cli *c);
int cmd_export_sar(struct cli *c);
int cmd_sar_list(struct cli *c);
int cmd_sar_show(struct cli *c);
int cmd_sar_prepare(struct cli *c);
int cmd_sar_review(struct cli *c);
int cmd_sar_redact(struct cli *c);
int cmd_sar_unredact(struct cli *c);
int cmd_sar_withhold(struct cli *c);
int cmd_sar_read(struct cli *c);
int cmd_sar_approve(struct cli *c);
int cmd_sar_release(struct cli *c);
int cmd_sar_close(struct cli *c);
int cmd_sar_log(struct cli *c);
int cmd_export_cpis(struct cli *c);
int cmd_export_ssda903(struct cli *c);
int cmd_export_cin(struct cli *c);
int cmd_export_annexa(struct cli *c);
int cmd_look(struct cli *c);
int cmd_backup(struct cli *c);
int cmd_backup_verify(struct cli *c);
int cmd_restore(struct cli *c);
int cmd_handover_list(struct cli *c);
int cmd_handover_accept(struct cli *c);
int cmd_caldicott_list(struct cli *c);
int cmd_caldicott_close(struct cli *c);
int cmd_caldicott_access(struct cli *c);
int cmd_retention_list(struct cli *c);
int cmd_retention_apply(struct cli *c);
int cmd_retention_hold(struct cli *c);
int cmd_forms_check(struct cli *c);
int cmd_forms_install(struct cli *c);
int cmd_form_new(struct cli *c);
int cmd_form_edit(struct cli *c);
int cmd_form_show(struct cli *c);
int cmd_form_set(struct cli *c);
int cmd_form_submit(struct cli *c);
int cmd_form_authorise(struct cli *c);
int cmd_form_discard(struct cli *c);
int cmd_keys(struct cli *c);
int cmd_serve(struct cli *c);
int cmd_ssh_key_add(struct cli *c);
int cmd_ssh_key_list(struct cli *c);
int cmd_ssh_key_remove(struct cli *c);

#endif
