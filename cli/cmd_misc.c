#include "config.h"

#include <stdio.h>

#include "cli/cmd.h"
#include "common/file.h"
#include "tui/command.h"
#include "tui/keymap.h"
#include "tui/theme.h"

/* Print a line to stdout (callback for the dump functions). */
static void
put_line(const char *line, void *arg)
{
	(void)arg;
	cli_print_lines("", line);
	cli_printf("\n");
}

int
cmd_check_config(struct cli *c)
{
	struct keymap km;
	struct theme th;
	struct cd_err err;
	size_t i, bad = 0;

	keymap_load(&km, &c->cfg);
	keymap_fini(&km);
	theme_load(&th, &c->cfg);
	for (i = 0; i < c->cfg.nwarnings; i++)
		cli_printf("warning: %s\n", c->cfg.warnings[i]);
	for (i = 0; i < c->cfg.nproblems; i++)
		cli_printf("error: %s\n", c->cfg.problems[i]);
	/* A head log this account cannot write would be lost unseen. */
	if (c->cfg.head_log != NULL && *c->cfg.head_log &&
	    file_appendable(c->cfg.head_log, &err) != CD_OK) {
		cli_printf("error: [audit] head_log: %s\n", err.msg);
		bad++;
	}
	if (c->cfg.nproblems + bad > 0) {
		cli_printf("%zu problem%s found.\n", c->cfg.nproblems + bad,
		    c->cfg.nproblems + bad == 1 ? "" : "s");
		return EXIT_ERROR;
	}
	if (c->cfg.nsources == 0)
		cli_printf("No configuration files; using the defaults.\n");
	for (i = 0; i < c->cfg.nsources; i++)
		cli_printf("read %s\n", c->cfg.sources[i]);
	cli_printf("Configuration OK.\n");
	return EXIT_OK;
}

int
cmd_keys(struct cli *c)
{
	struct keymap km;

	keymap_load(&km, &c->cfg);
	cli_printf("; casedesk key bindings in configuration syntax: copy a section "
	    "into\n; casedesk.ini and change the keys. \"none\" unbinds.\n\n");
	keymap_dump(&km, put_line, NULL);
	keymap_fini(&km);
	{
		size_t n, i;
		const struct command *k = command_table(&n);

		cli_printf("\n; The client's : commands (type : then one).\n");
		for (i = 0; i < n; i++)
			cli_printf(";   :%s%s%s\n;       %s\n", k[i].name,
			    k[i].args[0] ? " " : "", k[i].args, k[i].help);
	}
	return EXIT_OK;
}
