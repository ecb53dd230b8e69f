#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "casework/nextstep.h"
#include "casework/tasks.h"
#include "cli/cmd.h"
#include "cli/session.h"
#include "common/xmem.h"
#include "forms/fill.h"
#include "forms/formdef.h"
#include "store/form.h"
#include "tui/app.h"

/* Print every problem of a folder that did not load cleanly. */
static int
print_problems(const struct formset *set)
{
	size_t i;

	for (i = 0; i < set->nproblems; i++)
		cli_printf("error: %s\n", set->problems[i]);
	cli_printf("%zu problem%s found.\n", set->nproblems,
	    set->nproblems == 1 ? "" : "s");
	return EXIT_ERROR;
}

/* The definitions installed in the database, for a session (migrating). */
static int
load_installed(struct store *st, struct formset *set)
{
	struct cd_err err;

	if (formdef_load_installed(st, set, &err) != CD_OK)
		return cli_fail(cli_exit_for(err.code), "%s", err.msg);
	return EXIT_OK;
}

int
cmd_forms_list(struct cli *c)
{
	struct formset set;
	struct store *st;
	size_t i;
	int rc = cli_session(c, &st, NULL, NULL);

	if (rc != EXIT_OK)
		return rc;
	rc = load_installed(st, &set);
	if (rc == EXIT_OK)
		for (i = 0; i < set.nforms; i++)
			cli_printf("%-20s %-56s v%d %s\n",
			    set.forms[i].code,
			    set.forms[i].title, set.forms[i].version,
			    set.forms[i].subject);
	formdef_set_fini(&set);
	store_close(&st);
	return rc;
}

int
cmd_forms_check(struct cli *c)
{
	struct formset set;
	const char *dir = c->nargs ? c->args[0] :
	    formdef_default_dir(c->cfg.forms_dir);
	int rc = EXIT_OK;

	if (formdef_load(dir, &set) != CD_OK)
		rc = print_problems(&set);
	else
		cli_printf("%zu forms and %zu code lists in %s: no problems.\n",
		    set.nforms, set.nlists, dir);
	formdef_set_fini(&set);
	return rc;
}

int
cmd_forms_install(struct cli *c)
{
	struct formset set;
	const char *dir = c->nargs ? c->args[0] :
	    formdef_default_dir(c->cfg.forms_dir);
	struct store *st;
	struct cd_err err;
	size_t changed;
	int rc = cli_session(c, &st, NULL, NULL);

	if (rc != EXIT_OK)
		return rc;
	if (formdef_install_dir(st, dir, &set, &changed, &err) != CD_OK) {
		rc = set.nproblems ? print_problems(&set) :
		    cli_fail(cli_exit_for(err.code), "%s", err.msg);
	} else
		cli_printf("%zu definition%s installed from %s (%zu unchanged).\n",
		    changed, changed == 1 ? "" : "s", dir,
		    set.nforms + set.nlists - changed);
	formdef_set_fini(&set);
	store_close(&st);
	return rc;
}

static struct lateness late;

/* A session with the installed forms loaded. */
static int
form_session(struct cli *c, struct formset *set, struct store **st)
{
	int rc;

	if (!late.loaded && lateness_load(&late, &c->cfg, NULL) == CD_OK)
		fill_set_lateness(lateness_check, &late);
	memset(set, 0, sizeof *set);
	rc = cli_session(c, st, NULL, NULL);
	if (rc != EXIT_OK)
		return rc;
	rc = load_installed(*st, set);
	if (rc != EXIT_OK) {
		store_close(st);
		formdef_set_fini(set);
	}
	return rc;
}

/* Run the form editor on an open session (it takes the session over). */
static int
open_editor(struct cli *c, struct store *st, int64_t id)
{
	struct tui_opts o;
	struct cd_err err;
	enum cd_status code;

	cli_tui_opts(c, &o, store_path(st));
	o.st = st;
	o.form_id = id;
	code = tui_run(&o, &err);
	if (code == CD_ERR_CANCELLED)
		return EXIT_OK;
	if (code != CD_OK)
		return cli_fail(cli_exit_for(code), "%s", err.msg);
	return EXIT_OK;
}

/* Print a form and its answers. */
static void
print_form(const struct fill *f)
{
	size_t i;
	char *missing = fill_missing(f);

	cli_printf("Form #%lld: %s (%s, version %d) for person #%lld: %s\n",
	    (long long)f->instance, f->def->title, f->def->code, f->version,
	    (long long)f->person, f->status);
	if (f->comments)
		cli_printf("Comments: %s\n", f->comments);
	for (i = 0; i < f->def->nfields; i++) {
		const struct formfield *ff = &f->def->fields[i];
		int r, rows;

		if (ff->type == FF_TYPE_GROUP || ff->group != NULL)
			continue;
		if (!fill_visible(f, ff, 0))
			continue;
		cli_printf("  %-40s %s\n", ff->label, fill_get(f, ff->name, 0) ?
		    fill_get(f, ff->name, 0) : "");
		(void)r;
		(void)rows;
	}
	for (i = 0; i < f->def->nfields; i++) {
		const struct formfield *g = &f->def->fields[i];
		size_t j;
		int r;

		if (g->type != FF_TYPE_GROUP)
			continue;
		cli_printf("  %s\n", g->label);
		for (r = 1; r <= fill_rows(f, g->name); r++)
			for (j = 0; j < f->def->nfields; j++) {
				const struct formfield *ff = &f->def->fields[j];

				if (ff->group && strcmp(ff->group, g->name) == 0)
					cli_printf("    %d. %-35s %s\n", r, ff->label,
					    fill_get(f, ff->name, r) ?
					    fill_get(f, ff->name, r) : "");
			}
	}
	if (missing)
		cli_printf("Still to fill in: %s\n", missing);
	free(missing);
}

int
cmd_form_new(struct cli *c)
{
	struct formset set;
	struct store *st = NULL;
	struct fill f;
	struct cd_err err;
	int64_t person = cli_parse_id(cli_opt(c, "person")), id;
	int rc;

	if (person == 0)
		return cli_fail(EXIT_USAGE, "form new needs --person ID");
	rc = form_session(c, &set, &st);
	if (rc != EXIT_OK)
		return rc;
	if (fill_new(&f, st, &set, c->args[0], person, &err) != CD_OK) {
		store_close(&st);
		formdef_set_fini(&set);
		return cli_fail(cli_exit_for(err.code), "%s", err.msg);
	}
	id = f.instance;
	cli_printf("%lld\n", (long long)id);
	fflush(stdout);
	fill_close(&f);
	formdef_set_fini(&set);
	if (cli_flag(c, "no-tui") || !isatty(STDIN_FILENO) ||
	    !isatty(STDOUT_FILENO)) {
		store_close(&st);
		return EXIT_OK;
	}
	return open_editor(c, st, id);
}

/* Open form ID (args[0]) and run fn on it; fn returns an exit status. */
static int
with_form(struct cli *c, int (*fn)(struct cli *, struct fill *))
{
	struct formset set;
	struct store *st = NULL;
	struct fill f;
	struct cd_err err;
	int64_t id = cli_parse_id(c->args[0]);
	int rc;

	if (id == 0)
		return cli_fail(EXIT_USAGE, "needs a form number, not \"%s\"",
		    c->args[0]);
	rc = form_session(c, &set, &st);
	if (rc != EXIT_OK)
		return rc;
	if (fill_open(&f, st, &set, id, &err) != CD_OK)
		rc = cli_fail(cli_exit_for(err.code), "%s", err.msg);
	else {
		rc = fn(c, &f);
		fill_close(&f);
	}
	store_close(&st);
	formdef_set_fini(&set);
	return rc;
}

static int
show(struct cli *c, struct fill *f)
{
	(void)c;
	print_form(f);
	return EXIT_OK;
}

int
cmd_form_show(struct cli *c)
{
	return with_form(c, show);
}

/* FIELD=VALUE or FIELD[ROW]=VALUE arguments, each saved as it comes. */
static int
set_fields(struct cli *c, struct fill *f)
{
	struct cd_err err;
	size_t i;

	for (i = 1; i < c->nargs; i++) {
		const char *eq = strchr(c->args[i], '=');
		char name[128];
		int row = 0;

		if (eq == NULL || eq == c->args[i] ||
		    (size_t)(eq - c->args[i]) >= sizeof name)
			return cli_fail(EXIT_USAGE, "\"%s\" is not FIELD=VALUE",
			    c->args[i]);
		snprintf(name, sizeof name, "%.*s", (int)(eq - c->args[i]),
		    c->args[i]);
		if (strchr(name, '[') != NULL) {
			row = atoi(strchr(name, '[') + 1);
			*strchr(name, '[') = '\0';
		}
		if (fill_set(f, name, row, eq + 1, &err) != CD_OK)
			return cli_fail(cli_exit_for(err.code), "%s", err.msg);
	}
	cli_printf("Saved.\n");
	return EXIT_OK;
}

int
cmd_form_set(struct cli *c)
{
	return with_form(c, set_fields);
}

/* What the submission started, one line each. */
static void
say_started(struct cli *c, struct store *st)
{
	const struct workflow_step *w;
	struct lateness l;
	char line[400];
	size_t n = store_workflow_started(st, &w), i;

	if (n == 0 || lateness_load(&l, &c->cfg, NULL) != CD_OK)
		return;
	/* What was made or handed over first, then the clocks it started. */
	for (i = 0; i < 2 * n; i++) {
		const struct workflow_step *s = &w[i % n];

		if ((s->kind == STEP_CLOCK) != (i >= n))
			continue;
		nextstep_describe(s, &l.rules, &l.cal, line, sizeof line);
		cli_printf("%s\n", line);
	}
	lateness_fini(&l);
}

static int
submit(struct cli *c, struct fill *f)
{
	struct cd_err err;

	(void)c;
	if (fill_submit(f, &err) != CD_OK)
		return cli_fail(cli_exit_for(err.code), "%s", err.msg);
	cli_printf("Form #%lld is %s.\n", (long long)f->instance, f->status);
	say_started(c, f->st);
	return EXIT_OK;
}

int
cmd_form_submit(struct cli *c)
{
	return with_form(c, submit);
}

static int
authorise(struct cli *c, struct fill *f)
{
	struct cd_err err;
	const char *comments = cli_opt(c, "return");
	enum cd_status code = comments ?
	    store_form_return(f->st, f->instance, comments, &err) :
	    store_form_authorise(f->st, f->instance, &err);

	if (code != CD_OK)
		return cli_fail(cli_exit_for(code), "%s", err.msg);
	cli_printf("Form #%lld %s.\n", (long long)f->instance, comments ?
	    "returned with comments" : "authorised");
	return EXIT_OK;
}

int
cmd_form_authorise(struct cli *c)
{
	return with_form(c, authorise);
}

int
cmd_form_discard(struct cli *c)
{
	struct store *st = NULL;
	struct cd_err err;
	int64_t id = cli_parse_id(c->args[0]);
	int rc;

	if (id == 0)
		return cli_fail(EXIT_USAGE, "form discard needs a form number");
	rc = cli_session(c, &st, NULL, NULL);
	if (rc != EXIT_OK)
		return rc;
	if (store_form_discard(st, id, &err) != CD_OK)
		rc = cli_fail(cli_exit_for(err.code), "%s", err.msg);
	else
		cli_printf("Draft #%lld discarded (its answers stay on the audit "
		    "trail).\n", (long long)id);
	store_close(&st);
	return rc;
}

int
cmd_form_edit(struct cli *c)
{
	struct store *st = NULL;
	int64_t id = cli_parse_id(c->args[0]);
	int rc;

	if (id == 0)
		return cli_fail(EXIT_USAGE, "form edit needs a form number");
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return cli_fail(EXIT_USAGE, "form edit needs a terminal (form "
		    "set and form submit work without one)");
	rc = cli_session(c, &st, NULL, NULL);
	if (rc != EXIT_OK)
		return rc;
	return open_editor(c, st, id);
}
