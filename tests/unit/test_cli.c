/*
 * The command table and its parser: every option a command takes is in
 * its usage line, and COMMAND --help or help COMMAND gives that usage.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "cli/cmd.h"

/* Each "name" or "name=" of options, with "--name" in usage. */
static void
every_option_is_in_its_usage_line(void **state)
{
	size_t n, i;
	const struct cli_command *cmds = cli_commands(&n);

	(void)state;
	assert_true(n > 50);
	for (i = 0; i < n; i++) {
		const char *o = cmds[i].options;

		while (*o != '\0') {
			char want[80];
			size_t len = strcspn(o, " =");

			snprintf(want, sizeof want, "--%.*s", (int)len, o);
			if (strstr(cmds[i].usage, want) == NULL)
				fail_msg("casedesk %s takes %s but its usage "
				    "\"%s\" does not say so", cmds[i].name,
				    want, cmds[i].usage);
			o += len;
			o += strspn(o, " =");
		}
	}
}

/* Parse a command line of words; the exit status. */
static int
parse(struct cli *c, const struct cli_command **out, const char *const *w)
{
	char *argv[12];
	int argc = 0;

	argv[argc++] = (char *)"casedesk";
	while (*w != NULL)
		argv[argc++] = (char *)*w++;
	argv[argc] = NULL;
	memset(c, 0, sizeof *c);
	c->passphrase_fd = -1;
	*out = NULL;
	return cli_parse(c, argc, argv, out);
}

static void
help_after_a_command_names_that_command(void **state)
{
	const struct cli_command *cmd;
	struct cli c;

	(void)state;
	/* Before the arguments a command needs, and after its options. */
	assert_int_equal(parse(&c, &cmd, (const char *const[]){ "allocate",
	    "--help", NULL }), 0);
	assert_non_null(cmd);
	assert_string_equal(cmd->name, "help");
	assert_non_null(c.help_for);
	assert_string_equal(c.help_for->name, "allocate");
	assert_int_equal(parse(&c, &cmd, (const char *const[]){ "user", "add",
	    "bob", "--role", "duty", "--help", NULL }), 0);
	assert_string_equal(c.help_for->name, "user add");
	/* help COMMAND takes the command as its arguments. */
	assert_int_equal(parse(&c, &cmd, (const char *const[]){ "help", "user",
	    "add", NULL }), 0);
	assert_string_equal(cmd->name, "help");
	assert_null(c.help_for);
	assert_int_equal(c.nargs, 2);
	/* --help=x is not a request for help: it is an unknown option. */
	assert_int_not_equal(parse(&c, &cmd, (const char *const[]){ "demo",
	    "--help=x", NULL }), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_option_is_in_its_usage_line),
		cmocka_unit_test(help_after_a_command_names_that_command),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
