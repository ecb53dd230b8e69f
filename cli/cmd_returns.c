/* export ssda903, export cin, export annex-a: the statutory returns. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casework/exports.h"
#include "casework/tasks.h"
#include "cli/cmd.h"
#include "cli/session.h"
#include "common/date.h"

/* One line of the summary: a check and the DfE rule, how many. */
struct tally {
	const char *rule, *dfe;
	int query;
	size_t n;
};

static int
by_count(const void *a, const void *b)
{
	const struct tally *x = a, *y = b;

	return (x->n < y->n) - (x->n > y->n);
}

/*
 * The problems as lines: child, check and the DfE rule it breaks, where
 * to fix it, what is wrong; then how many by rule, and the totals.
 */
static void
print_problems(const struct exports_result *r, const char *what)
{
	struct tally *t = calloc(r->problems.n + 1, sizeof *t);
	size_t i, j, nt = 0;

	for (i = 0; i < r->problems.n; i++) {
		const struct problem *p = &r->problems.p[i];
		char where[64];

		if (p->entity != NULL)
			snprintf(where, sizeof where, "%s #%lld %s", p->entity,
			    (long long)p->row, p->field);
		else
			snprintf(where, sizeof where, "form %s", p->form);
		cli_printf("#%-7lld %-13s %-9s %-5s %-34s %s\n", (long long)p->person,
		    p->rule, *p->dfe ? p->dfe : "-", p->query ? "query" :
		    "error", where, p->msg);
		for (j = 0; t != NULL && j < nt; j++)
			if (strcmp(t[j].rule, p->rule) == 0 && strcmp(t[j].dfe,
			    p->dfe) == 0)
				break;
		if (t != NULL && j == nt)
			t[nt++] = (struct tally){ p->rule, p->dfe, p->query, 0 };
		if (t != NULL)
			t[j].n++;
	}
	if (nt > 0) {
		qsort(t, nt, sizeof *t, by_count);
		cli_printf("By rule:\n");
		for (i = 0; i < nt; i++)
			cli_printf("  %-13s %-9s %-5s %zu\n", t[i].rule, *t[i].dfe ?
			    t[i].dfe : "-", t[i].query ? "query" : "error",
			    t[i].n);
	}
	free(t);
	cli_printf("%s checks: %zu error%s and %zu quer%s for %zu children "
	    "checked.\n", what, r->errors, r->errors == 1 ? "" : "s",
	    r->queries, r->queries == 1 ? "y" : "ies", r->checked);
}

/* What a streamed return holds, on standard error (stdout is the file). */
static void
streamed(const struct exports_job *job, const struct exports_result *res)
{
	size_t i, rows = 0, files = 0;

	if (job->kind == EXPORT_CIN)
		cli_eprintf("CIN census %d/%02d: %zu children streamed.\n",
		    job->year - 1, job->year % 100, res->children);
	else if (job->kind == EXPORT_SSDA903) {
		for (i = 0; i < SSDA903_NTABLES; i++) {
			rows += res->rows[i];
			files += ssda903_in_year(i, job->year) != 0;
		}
		cli_eprintf("SSDA903 %d/%02d: %zu rows in %zu tables "
		    "streamed as a tar archive%s (tar -x unpacks them).\n",
		    job->year - 1, job->year % 100, rows, files, job->previous ?
		    ", the year before in its own folder" : "");
	} else {
		for (i = 0; i < ANNEXA_NLISTS; i++)
			rows += res->lists[i];
		cli_eprintf("Annex A: %zu rows in %d lists streamed as an "
		    ".xlsx workbook.\n", rows, ANNEXA_NLISTS);
	}
}

/* Run one export from the command line's options. */
static int
export(struct cli *c, enum exports_kind kind)
{
	struct exports_job job;
	struct exports_result res;
	struct buf stream = { 0 };
	struct lateness late;
	struct store *st = NULL;
	struct cd_err err;
	char now[DATE_TIME_LEN];
	const char *year = cli_opt(c, "year");
	enum cd_status code;
	size_t i;
	int rc;

	memset(&job, 0, sizeof job);
	job.kind = kind;
	job.out = cli_opt(c, "out");
	job.check = cli_flag(c, "check");
	job.previous = cli_flag(c, "previous");
	job.day = cli_opt(c, "date");
	job.la_code = c->cfg.la_code;
	job.la_ons = c->cfg.la_ons;
	date_now(now);
	now[19] = '\0';		/* xs:dateTime without the fraction */
	job.now = now;
	if (kind != EXPORT_ANNEXA && (year == NULL || (job.year =
	    atoi(year)) < 2000 || job.year > 2100))
		return cli_fail(EXIT_USAGE, "export %s needs --year YYYY, the "
		    "year the collection ends (2026 for 2025/26)", kind ==
		    EXPORT_CIN ? "cin" : "ssda903");
	if (job.out == NULL && !job.check)
		return cli_fail(EXIT_USAGE, "say where with --out, or run "
		    "only the checks with --check");
	/* --out -: the census's XML, the 903 tables as tar, a workbook. */
	if (job.out != NULL && strcmp(job.out, "-") == 0)
		job.stream = &stream;
	if (job.day != NULL && !date_valid_iso(job.day))
		return cli_fail(EXIT_USAGE, "--date needs YYYY-MM-DD, not "
		    "\"%s\"", job.day);
	if (lateness_load(&late, &c->cfg, &err) != CD_OK)
		return cli_fail(EXIT_ERROR, "%s", err.msg);
	job.cal = &late.cal;
	rc = cli_session(c, &st, NULL, NULL);
	if (rc == EXIT_OK) {
		code = exports_run(st, &job, &res, &err);
		store_close(&st);
		if (code != CD_OK)
			rc = cli_fail(cli_exit_for(code), "%s", err.msg);
	}
	if (rc != EXIT_OK) {
		buf_fini(&stream);
		lateness_fini(&late);
		return rc;
	}
	if (job.stream != NULL) {
		/* The return on standard output; what it holds on stderr. */
		cli_print_data(stream.data, stream.len);
		fflush(stdout);
		streamed(&job, &res);
	} else if (job.out != NULL && kind == EXPORT_SSDA903) {
		cli_printf("SSDA903 for %d/%02d written to %s (files mode 0600):\n",
		    job.year - 1, job.year % 100, job.out);
		for (i = 0; i < SSDA903_NTABLES; i++)
			if (ssda903_in_year(i, job.year))
				cli_printf("  %-26s %zu row%s\n", ssda903_file(i),
				    res.rows[i], res.rows[i] == 1 ? "" : "s");
		if (job.previous)
			cli_printf("and %d/%02d in %s/%d.\n", job.year - 2,
			    (job.year - 1) % 100, job.out, job.year - 1);
	} else if (job.out != NULL && kind == EXPORT_CIN)
		cli_printf("CIN census %d/%02d: %zu children written to %s "
		    "(mode 0600).\n", job.year - 1, job.year % 100,
		    res.children, job.out);
	else if (job.out != NULL) {
		cli_printf("Annex A written to %s (mode 0600):\n", job.out);
		for (i = 0; i < ANNEXA_NLISTS; i++)
			cli_printf("  list %-2zu %zu row%s\n", i + 1, res.lists[i],
			    res.lists[i] == 1 ? "" : "s");
	}
	if (job.check)
		print_problems(&res, exports_name(kind));
	rc = job.check && res.errors > 0 ? EXIT_ERROR : EXIT_OK;
	exports_result_fini(&res);
	buf_fini(&stream);
	lateness_fini(&late);
	return rc;
}

int
cmd_export_ssda903(struct cli *c)
{
	return export(c, EXPORT_SSDA903);
}

int
cmd_export_cin(struct cli *c)
{
	return export(c, EXPORT_CIN);
}

int
cmd_export_annexa(struct cli *c)
{
	return export(c, EXPORT_ANNEXA);
}
