#include "config.h"

#include "cli/cmd.h"

#include <errno.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/session.h"
#include "common/xmem.h"
#include "keys/secret.h"
#include "store/audit.h"
#include "store/store.h"
#include "tui/app.h"
#include "tui/term.h"

static int cmd_help(struct cli *c);
static int cmd_version(struct cli *c);

/* Every command: name, its options (NAME= takes a value), arguments, help. */
static const struct cli_command commands[] = {
	{ "", "", 0, 0, "[--db PATH] [--user NAME]",
	  "open the interactive client", cmd_tui },
	{ "init", "", 0, 0, "--db PATH --user NAME",
	  "make a new live database and its first administrator", cmd_init },
	{ "demo", "people= seed= reset no-tui", 0, 0,
	  "[--db PATH] [--people N] [--seed S] [--reset] "
	  "[--no-tui]",
	  "make (or reset) the demo database and open it", cmd_demo },
	{ "user add", "role= full-name= team=", 1, 1,
	  "NAME --role ROLE [--full-name TEXT] [--team TEXT]",
	  "add a user (administrators)", cmd_user_add },
	{ "user passwd", "recovery", 1, 1, "NAME [--recovery]",
	  "change a passphrase (with --recovery: using the recovery key)",
	  cmd_user_passwd },
	{ "user disable", "", 1, 1, "NAME",
	  "disable a user and remove their key (administrators)",
	  cmd_user_disable },
	{ "user list", "", 0, 0, "", "list users", cmd_user_list },
	{ "audit verify", "full heads=", 0, 0, "[--full] [--heads FILE]",
	  "check the audit chain, its anchor and what the tables hold, from "
	  "the last verified event (--full: every page and the whole chain; "
	  "--heads: against a head log too)", cmd_audit_verify },
	{ "audit show", "person= actor= since= limit= reason=", 0, 0,
	  "[--person ID [--reason TEXT]] [--actor NAME] [--since YYYY-MM-DD] "
	  "[--limit N]",
	  "list audit events", cmd_audit_show },
	{ "search", "", 1, 1, "TERM",
	  "find people by name, sound-alike, date of birth, NHS number, UPN, "
	  "postcode or #id", cmd_search },
	{ "person add", "family-name= given-names= dob= expected-dob= sex= "
	  "nhs= upn= postcode= ethnicity= gender= religion= language= "
	  "no-match=", 0, 0,
	  "--family-name NAME [--given-names NAMES] [--dob DATE] "
	  "[--expected-dob DATE] [--sex M|F|U] [--gender TEXT] [--nhs N] "
	  "[--upn UPN] [--postcode PC] [--ethnicity CODE] [--religion TEXT] "
	  "[--language TEXT] [--no-match REASON]",
	  "add a person after checking for duplicates; prints the new id",
	  cmd_person_add },
	{ "person show", "reason=", 1, 1, "ID [--reason TEXT]",
	  "the whole record as text (--reason opens a restricted record: "
	  "break-glass)", cmd_person_show },
	{ "summary", "placements", 1, 1, "ID [--placements]",
	  "what is open for a person, where they live, who has them, alerts, "
	  "the next three tasks and last three events (--placements: each "
	  "episode of care)", cmd_summary },
	{ "household", "", 1, 1, "ID",
	  "a prospective adopter household: stage and dates, members, the "
	  "children matched with it, the stage's clock", cmd_household },
	{ "person relate", "pr", 3, 3, "ID1 TYPE ID2 [--pr]",
	  "record that ID1 is the TYPE (mother, father, sibling, carer...) of "
	  "ID2; --pr: ID1 has parental responsibility", cmd_person_relate },
	{ "person merge", "", 2, 2, "KEEP OTHER",
	  "merge OTHER into KEEP, keeping every link", cmd_person_merge },
	{ "person link", "to= as=", 1, 1,
	  "ID --to USER --as restricted|education|self",
	  "put a user on a restricted record's list, link an education "
	  "partner to a child, or mark a user's own record", cmd_person_link },
	{ "record add", "person=", 1, CLI_MAX_ARGS,
	  "ENTITY [--person ID] FIELD=VALUE...",
	  "add a row of the record (contact, referral, visit, care_episode...)",
	  cmd_record_add },
	{ "record update", "", 3, CLI_MAX_ARGS, "ENTITY ID FIELD=VALUE...",
	  "change fields of a row", cmd_record_update },
	{ "forms list", "", 0, 0, "", "the form definitions installed in "
	  "the database: code, title, version, subject", cmd_forms_list },
	{ "forms check", "", 0, 1, "[DIR]", "load every definition and code "
	  "list (of DIR, laid out like forms/) and print every problem",
	  cmd_forms_check },
	{ "forms install", "", 0, 1, "[DIR]", "install every definition and "
	  "code list of DIR (default: the shipped forms) into the database "
	  "(administrators; each one audited)", cmd_forms_install },
	{ "form new", "person= no-tui", 1, 1, "CODE --person ID [--no-tui]",
	  "start a form for a person (prints its number) and open the editor",
	  cmd_form_new },
	{ "form edit", "", 1, 1, "ID", "open a form in the editor",
	  cmd_form_edit },
	{ "form show", "", 1, 1, "ID", "a form and its answers as text",
	  cmd_form_show },
	{ "form set", "", 2, CLI_MAX_ARGS, "ID FIELD=VALUE...",
	  "answer fields (FIELD[ROW]=VALUE in groups); saved as a draft",
	  cmd_form_set },
	{ "form submit", "", 1, 1, "ID", "submit a form (lists what is "
	  "missing first)", cmd_form_submit },
	{ "form discard", "", 1, 1, "ID",
	  "discard a draft you started (audited; its answers stay on the "
	  "audit trail)", cmd_form_discard },
	{ "form authorise", "return=", 1, 1, "ID [--return COMMENTS]",
	  "authorise a submitted form, or return it with comments",
	  cmd_form_authorise },
	{ "due", "age=", 2, 2, "RULE DATE [--age YEARS]",
	  "the due date for a timescale rule from its anchor date",
	  cmd_due },
	{ "workdays", "", 3, 3, "add DATE N | workdays between DATE DATE",
	  "working-day arithmetic (bank holidays and closures skipped)",
	  cmd_workdays },
	{ "rules", "", 0, 0, "", "the timescale rules in force", cmd_rules },
	{ "tasks", "worker= team= overdue borough by-worker", 0, 0,
	  "[--worker NAME] [--team NAME | --borough] [--overdue] [--by-worker]",
	  "the work tray as text: overdue, due within a week, coming up (a "
	  "team manager's is their team's; --by-worker counts per worker)",
	  cmd_tasks },
	{ "queue", "team= borough", 0, 0, "[--team NAME | --borough]",
	  "referrals and cases waiting for a worker (a manager's own team "
	  "unless told)", cmd_queue },
	{ "allocate", "worker= team= date=", 1, 1,
	  "ID --worker NAME [--team NAME] [--date DATE]",
	  "give a child's case to a worker of the team: it moves to their "
	  "tray (team managers)", cmd_allocate },
	{ "workers", "team=", 0, 0, "[--team NAME]",
	  "a team's workers with their numbers and open cases", cmd_workers },
	{ "intake-team", "", 0, 1, "[NAME]",
	  "the team new referrals wait with (administrators set it)",
	  cmd_intake_team },
	{ "export sar", "person= out= request= format=", 0, 0,
	  "--person ID --out FILE [--request ID] | --out - [--format html|pdf]",
	  "the whole record unredacted for governance, not for release (.html "
	  "prints); with --request, an approved request released (sar release); "
	  "--out - streams it (text, or --format)",
	  cmd_export_sar },
	{ "sar list", "", 0, 0, "",
	  "subject access requests not yet closed, oldest first", cmd_sar_list },
	{ "sar show", "", 1, 1, "REQUEST",
	  "a request's requester, checks, consent, clock and what it still "
	  "needs", cmd_sar_show },
	{ "sar prepare", "", 1, 1, "REQUEST",
	  "freeze the pack for review with redactions proposed for every "
	  "third party", cmd_sar_prepare },
	{ "sar review", "out= format=", 1, 1,
	  "REQUEST --out FILE | --out - [--format html|pdf]",
	  "the review copy: unredacted, items numbered, every redaction marked "
	  "(.html prints, .pdf is a PDF)", cmd_sar_review },
	{ "sar redact", "text= item= class=", 1, 1,
	  "REQUEST --text TEXT [--item N] [--class WHAT]",
	  "redact every occurrence of TEXT (in item N only)", cmd_sar_redact },
	{ "sar unredact", "reason=", 2, 2, "REQUEST MARK --reason TEXT",
	  "remove a proposed redaction, saying why (never a placement's)",
	  cmd_sar_unredact },
	{ "sar withhold", "exemption= note= release", 2, 2,
	  "REQUEST ITEM --exemption CODE --note TEXT | REQUEST ITEM --release",
	  "withhold an item under an exemption (SERIOUS_HARM THIRD_PARTY "
	  "LEGAL_PRIVILEGE CRIME CHILD_ABUSE COURT ADOPTION REFERENCE), or put "
	  "it back", cmd_sar_withhold },
	{ "sar read", "", 2, CLI_MAX_ARGS, "REQUEST ITEM...",
	  "record that free-text items were read for what they say about "
	  "others", cmd_sar_read },
	{ "sar approve", "", 1, 1, "REQUEST",
	  "approve the pack for release (a second person, not its reviewer)",
	  cmd_sar_approve },
	{ "sar release", "out= format=", 1, 1,
	  "REQUEST --out FILE | --out - [--format html|pdf]",
	  "write the approved pack with its covering letter and log the "
	  "release (.html prints, .pdf is a PDF)", cmd_sar_release },
	{ "sar close", "status= note=", 1, 1,
	  "REQUEST --status WITHDRAWN|REFUSED --note TEXT",
	  "close a request without release", cmd_sar_close },
	{ "sar log", "", 0, 1, "[REQUEST]",
	  "the release log: who released, who approved, what was withheld and "
	  "why", cmd_sar_log },
	{ "export cpis", "out= as-of= all", 0, 0,
	  "(--out DIR | --out -) [--as-of DATE] [--all]",
	  "the CP-IS upload of plans changed since the last one (--out - "
	  "streams the file); lists children without a verified NHS number",
	  cmd_export_cpis },
	{ "export ssda903", "year= out= previous check", 0, 0,
	  "--year YYYY (--out DIR|- [--previous] | --check)",
	  "the SSDA903 tables as CSV for the year ending 31 March YYYY (--out - "
	  "streams them as a tar archive); --previous adds the year before in "
	  "DIR/YYYY-1; --check lists what the DfE's checks would reject (exit "
	  "1 if errors)",
	  cmd_export_ssda903 },
	{ "export cin", "year= out= check", 0, 0,
	  "--year YYYY (--out FILE|- | --check)",
	  "the Children in Need census XML for the year ending 31 March YYYY "
	  "(--out - streams it); --check lists what the DfE's checks would "
	  "reject", cmd_export_cin },
	{ "export annex-a", "out= date= check", 0, 0,
	  "(--out FILE.xlsx | --out DIR | --out -) [--date DATE] [--check]",
	  "Ofsted's Annex A lists 1 to 11 as at DATE (today): a workbook, or "
	  "one CSV per list in DIR; --out - streams the workbook",
	  cmd_export_annexa },
	{ "look", "page=", 1, 1, "TERM [--page N]",
	  "the out-of-hours quick look: for each person found (5 at a time, "
	  "--page N for the rest), "
	  "alerts, placement and carer, worker, safety plan and the last "
	  "events, one screen each; audited", cmd_look },
	{ "handover list", "duty all", 0, 0, "[--duty | --all]",
	  "out-of-hours records waiting for the day team: yours, the duty "
	  "desk's, or all with those not accepted by 10:00 the next working "
	  "day", cmd_handover_list },
	{ "handover accept", "", 1, 1, "ID",
	  "accept an out-of-hours handover for the day team (audited)",
	  cmd_handover_accept },
	{ "backup", "out=", 0, 0, "--out FILE",
	  "a consistent, still-encrypted copy of the database while others "
	  "work, with FILE's .keys and .anchor beside it (administrator)",
	  cmd_backup },
	{ "backup verify", "", 1, 1, "FILE",
	  "prove a backup opens with its keyring and its audit chain holds",
	  cmd_backup_verify },
	{ "restore", "from= force", 0, 0, "--from FILE --db PATH --user ADMIN "
	  "[--force]", "put a backup in place (an administrator in the "
	  "backup; never while the database is open); an existing database "
	  "is replaced only with --force", cmd_restore },
	{ "caldicott list", "all", 0, 0, "[--all]",
	  "flagged accesses (break-glass, restricted, own or a relative's "
	  "record) not yet reviewed; --all with outcomes", cmd_caldicott_list },
	{ "caldicott close", "outcome= note=", 1, 1,
	  "SEQ --outcome appropriate|inappropriate|referred --note TEXT",
	  "close a flagged event with the review's outcome",
	  cmd_caldicott_close },
	{ "caldicott access", "", 1, 1, "ID",
	  "who has opened or changed a person's record, and when",
	  cmd_caldicott_access },
	{ "retention list", "as-of= kept", 0, 0, "[--as-of DATE] [--kept]",
	  "records due for destruction under the retention schedule, every "
	  "person counted; --kept lists relatives kept for another's record "
	  "(information governance)", cmd_retention_list },
	{ "retention apply", "as-of= confirm certificate= authoriser=", 0, 0,
	  "[--as-of DATE] [--certificate FILE] [--authoriser NAME] [--confirm]",
	  "destroy what is due, after confirmation, and write a certificate",
	  cmd_retention_apply },
	{ "retention hold", "kind= reason= lift", 1, 1,
	  "ID --reason TEXT [--kind litigation|inquiry|sar|other] | ID --lift",
	  "place or lift a legal hold, which stops destruction",
	  cmd_retention_hold },
	{ "serve", "", 0, 0, "--user NAME [--db PATH]", "the ssh forced "
	  "command: the client, or the one command in SSH_ORIGINAL_COMMAND "
	  "(no shell; the system configuration file alone)",
	  cmd_serve },
	{ "ssh-key add", "", 2, 2, "NAME FILE|-", "let NAME reach casedesk "
	  "over ssh with the public key in FILE (administrators)",
	  cmd_ssh_key_add },
	{ "ssh-key list", "", 0, 0, "", "the staff keys in the service "
	  "account's authorized_keys", cmd_ssh_key_list },
	{ "ssh-key remove", "", 1, 1, "NAME", "remove NAME's keys "
	  "(administrators)", cmd_ssh_key_remove },
	{ "check-config", "", 0, 0, "",
	  "report every problem in the configuration", cmd_check_config },
	{ "keys", "", 0, 0, "", "print the active key bindings", cmd_keys },
	{ "--version", "", 0, 0, "", "print the version", cmd_version },
	{ "help", "", 0, 3, "[COMMAND]", "the usage of one command (also "
	  "casedesk COMMAND --help), or of all", cmd_help },
	{ "--help", "", 0, 3, "[COMMAND]", "print this help", cmd_help },
};
#define NCOMMANDS (sizeof commands / sizeof commands[0])

const struct cli_command *
cli_commands(size_t *n)
{
	*n = NCOMMANDS;
	return commands;
}

const char *
cli_opt(const struct cli *c, const char *name)
{
	size_t i;

	for (i = 0; i < c->nopts; i++)
		if (strcmp(c->opt_name[i], name) == 0)
			return c->opt_value[i];
	return NULL;
}

int
cli_flag(const struct cli *c, const char *name)
{
	size_t i;

	for (i = 0; i < c->nopts; i++)
		if (strcmp(c->opt_name[i], name) == 0)
			return 1;
	return 0;
}

int
cli_fail(int status, const char *fmt, ...)
{
	va_list ap;

	/* Messages carry what a user typed or the database held: shown safe. */
	cli_eprintf("casedesk: ");
	va_start(ap, fmt);
	cli_vfprintf(stderr, fmt, ap);
	va_end(ap);
	cli_eprintf("\n");
	return status;
}

int64_t
cli_parse_id(const char *s)
{
	char *end;
	long long v;

	if (s == NULL)
		return 0;
	if (s[0] == '#')
		s++;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || *s == '\0' || *end != '\0' || v <= 0)
		return 0;
	return v;
}

void
cli_tui_opts(struct cli *c, struct tui_opts *o, const char *db)
{
	memset(o, 0, sizeof *o);
	o->db_path = db;
	o->user = c->user;
	o->served = c->served;
	o->cfg = &c->cfg;
	o->origin = c->origin;
}

int
cli_exit_for(enum cd_status code)
{
	switch (code) {
	case CD_OK:
		return EXIT_OK;
	case CD_ERR_BADPASS:
	case CD_ERR_DENIED:
	case CD_ERR_RESTRICTED:
		return EXIT_AUTH;
	case CD_ERR_INVALID:
		return EXIT_USAGE;
	default:
		return EXIT_ERROR;
	}
}

const char *
cli_db_path(struct cli *c, const char *default_name)
{
	const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
	char *dir;

	if (c->db != NULL)
		return c->db;
	if (c->cfg.db_path != NULL && c->cfg.db_path[0] != '\0' &&
	    strcmp(default_name, "demo.db") != 0)
		return c->cfg.db_path;
	if (xdg != NULL && xdg[0] == '/')
		dir = xasprintf("%s/casedesk", xdg);
	else
		dir = xasprintf("%s/.local/share/casedesk", home ? home : ".");
	free(c->db_default);
	c->db_default = xasprintf("%s/%s", dir, default_name);
	free(dir);
	return c->db_default;
}

/* Whether a command's option list has name; *takes_value says if NAME=. */
static int
has_option(const char *list, const char *name, int *takes_value)
{
	size_t n = strlen(name);
	const char *p = list;

	while ((p = strstr(p, name)) != NULL) {
		int start = p == list || p[-1] == ' ';
		char end = p[n];

		if (start && (end == '\0' || end == ' ' || end == '=')) {
			*takes_value = end == '=';
			return 1;
		}
		p += n;
	}
	return 0;
}

/* Parse a descriptor number for --passphrase-fd. */
static int
parse_fd(const char *s)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *s == '\0' || *end != '\0' || v < 0 || v > 1023)
		return -1;
	return (int)v;
}

static void
usage_line(const struct cli_command *cmd, FILE *f)
{
	cli_fprintf(f, "  casedesk %s%s%s\n", cmd->name,
	    *cmd->name && *cmd->usage ? " " : "", cmd->usage);
}

/*
 * The command named by the leading words of words[0..n), the longest
 * match; NULL if none. *used is how many words its name took.
 */
static const struct cli_command *
command_named(const char *const *words, size_t n, size_t *used)
{
	const struct cli_command *cmd = NULL;
	size_t best = 0, i;

	for (i = 0; i < NCOMMANDS; i++) {
		char *copy = xstrdup(commands[i].name), *tok, *save = NULL;
		size_t k = 0;
		int ok = *commands[i].name != '\0';

		for (tok = strtok_r(copy, " ", &save); tok;
		    tok = strtok_r(NULL, " ", &save), k++)
			if (k >= n || strcmp(words[k], tok) != 0)
				ok = 0;
		free(copy);
		if (ok && strlen(commands[i].name) > best) {
			best = strlen(commands[i].name);
			cmd = &commands[i];
			*used = k;
		}
	}
	return cmd;
}

/* One command's usage, for CMD --help and casedesk help CMD. */
static int
help_one(const struct cli_command *cmd)
{
	cli_printf("Usage:\n");
	usage_line(cmd, stdout);
	cli_printf("      %s\n\nCommon options: --db PATH, --user NAME, "
	    "--passphrase-fd N, --config FILE (casedesk --help says more)\n",
	    cmd->help);
	return EXIT_OK;
}

static int
cmd_help(struct cli *c)
{
	size_t i, used = 0;

	if (c->help_for != NULL)
		return help_one(c->help_for);
	if (c->nargs > 0) {
		const struct cli_command *cmd = command_named(c->args,
		    c->nargs, &used);

		if (cmd == NULL || used != c->nargs)
			return cli_fail(EXIT_USAGE, "no command \"%s\" "
			    "(casedesk --help lists them)", c->args[0]);
		return help_one(cmd);
	}
	cli_printf("casedesk %s: case management for children's social care\n\n"
	    "Usage:\n", PACKAGE_VERSION);
	for (i = 0; i < NCOMMANDS; i++) {
		usage_line(&commands[i], stdout);
		cli_printf("      %s\n", commands[i].help);
	}
	cli_printf("\nCommon options, before or after the command's arguments:\n"
	    "  --db PATH          the database (default: [database] path, or "
	    "$XDG_DATA_HOME/casedesk/casedesk.db)\n"
	    "  --user NAME        who you are\n"
	    "  --passphrase-fd N  read passphrases one per line from "
	    "descriptor N\n"
	    "  --config FILE      read FILE after the system and user "
	    "configuration\n");
	return EXIT_OK;
}

static int
cmd_version(struct cli *c)
{
	(void)c;
	cli_printf("casedesk %s\n%s, libsodium %s, %s\n", PACKAGE_VERSION,
	    store_library_version(), secret_library_version(),
	    term_library_version());
	return EXIT_OK;
}

/* Whether arg is one of the common options; *len is 1 for --x=v, else 2. */
static int
common_option(const char *arg, int *len)
{
	static const char *names[] = { "db", "user", "config",
	    "passphrase-fd" };
	size_t i, n;

	if (strncmp(arg, "--", 2) != 0)
		return 0;
	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		n = strlen(names[i]);
		if (strncmp(arg + 2, names[i], n) != 0)
			continue;
		if (arg[2 + n] == '\0') {
			*len = 2;
			return 1;
		}
		if (arg[2 + n] == '=') {
			*len = 1;
			return 1;
		}
	}
	return 0;
}

/* Set a common option from its name (without "--") and value. */
static int
set_common(struct cli *c, const char *arg, const char *value)
{
	if (!strncmp(arg, "--db", 4))
		c->db = value;
	else if (!strncmp(arg, "--user", 6))
		c->user = value;
	else if (!strncmp(arg, "--config", 8))
		c->config_path = value;
	else {
		c->passphrase_fd = parse_fd(value);
		if (c->passphrase_fd < 0)
			return cli_fail(EXIT_USAGE, "--passphrase-fd needs a "
			    "descriptor number, not \"%s\"", value);
	}
	return EXIT_OK;
}

/*
 * Take the common options out wherever they are, find the longest command
 * name matching the leading words left, then split the rest into the
 * command's options and its arguments.
 */
int
cli_parse(struct cli *c, int argc, char **argv, const struct cli_command **out)
{
	const struct cli_command *cmd = &commands[0];
	char **rest = xcalloc((size_t)argc + 1, sizeof *rest);
	size_t i;
	int nrest = 0, words = 0, a, len, rc = EXIT_OK;

	for (a = 1; a < argc; a++) {
		if (!common_option(argv[a], &len)) {
			rest[nrest++] = argv[a];
			continue;
		}
		if (len == 2 && a + 1 >= argc) {
			rc = cli_fail(EXIT_USAGE, "%s needs a value", argv[a]);
			goto done;
		}
		rc = set_common(c, argv[a], len == 2 ? argv[a + 1] :
		    strchr(argv[a], '=') + 1);
		if (rc != EXIT_OK)
			goto done;
		a += len - 1;
	}
	if (nrest > 0) {
		size_t used = 0;
		const struct cli_command *named = command_named(
		    (const char *const *)rest, (size_t)nrest, &used);

		if (named != NULL) {
			cmd = named;
			words = (int)used;
		}
	}
	if (cmd == &commands[0] && nrest > 0) {
		rc = rest[0][0] == '-' ?
		    cli_fail(EXIT_USAGE, "unknown option %s (casedesk --help "
		    "lists them)", rest[0]) :
		    cli_fail(EXIT_USAGE, "unknown command \"%s\" (casedesk "
		    "--help lists them)", rest[0]);
		goto done;
	}
	for (a = words; a < nrest; a++) {
		const char *arg = rest[a], *eq, *value = NULL;
		char name[64];
		int takes = 0;

		if (strncmp(arg, "--", 2) != 0 || arg[2] == '\0') {
			if (c->nargs == CLI_MAX_ARGS) {
				rc = cli_fail(EXIT_USAGE, "too many arguments");
				goto done;
			}
			c->args[c->nargs++] = arg;
			continue;
		}
		eq = strchr(arg, '=');
		snprintf(name, sizeof name, "%.*s", eq ? (int)(eq - arg - 2) :
		    (int)strlen(arg + 2), arg + 2);
		if (strcmp(name, "help") == 0 && eq == NULL &&
		    cmd != &commands[0] && cmd->run != cmd_help) {
			c->help_for = cmd;
			*out = command_named((const char *const[]){ "help" },
			    1, &i);
			goto done;
		}
		if (!has_option(cmd->options, name, &takes)) {
			rc = cli_fail(EXIT_USAGE, "%s: unknown option --%s",
			    cmd->name, name);
			goto done;
		}
		if (takes && eq)
			value = eq + 1;
		else if (takes && a + 1 < nrest)
			value = rest[++a];
		else if (takes) {
			rc = cli_fail(EXIT_USAGE, "--%s needs a value", name);
			goto done;
		} else if (eq) {
			rc = cli_fail(EXIT_USAGE, "--%s takes no value", name);
			goto done;
		}
		if (c->nopts == CLI_MAX_OPTS) {
			rc = cli_fail(EXIT_USAGE, "too many options");
			goto done;
		}
		snprintf(c->opt_name[c->nopts], sizeof c->opt_name[c->nopts],
		    "%s", name);
		c->opt_value[c->nopts++] = value;
	}
	if (c->nargs < cmd->min_args || c->nargs > cmd->max_args) {
		cli_eprintf("casedesk: wrong number of arguments; usage:\n");
		usage_line(cmd, stderr);
		rc = EXIT_USAGE;
		goto done;
	}
	*out = cmd;
done:
	free(rest);
	return rc;
}

int
cli_main(int argc, char **argv)
{
	const struct cli_command *cmd = NULL;
	struct cd_err err;
	struct cli c;
	int rc;

	setlocale(LC_ALL, "");
	umask(077);
	memset(&c, 0, sizeof c);
	c.passphrase_fd = -1;
	if (secret_init(&err) != CD_OK)
		return cli_fail(EXIT_ERROR, "%s", err.msg);
	rc = cli_parse(&c, argc, argv, &cmd);
	if (rc != EXIT_OK)
		return rc;
	cfg_init(&c.cfg);
	/* serve reads the system file alone, after cleaning the environment. */
	if (cmd->run != cmd_serve)
		cfg_load(&c.cfg, c.config_path);
	store_audit_head_log(c.cfg.head_log);
	cli_origin(&c);
	if (c.cfg.nproblems > 0 && cmd->run != cmd_check_config) {
		cli_eprintf("casedesk: the configuration has problems "
		    "(casedesk check-config lists them all):\n  %s\n",
		    c.cfg.problems[0]);
		cfg_fini(&c.cfg);
		return EXIT_ERROR;
	}
	rc = cmd->run(&c);
	cfg_fini(&c.cfg);
	free((char *)c.origin.terminal);
	free((char *)c.origin.ssh_client);
	free(c.db_default);
	return rc;
}
