#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casework/sarpack.h"
#include "cli/cmd.h"
#include "cli/session.h"
#include "common/buf.h"
#include "common/xmem.h"
#include "store/entity.h"
#include "store/family.h"
#include "store/person.h"
#include "store/record.h"


/* Print hits as a table (the same for search and duplicates). */
static void
print_hits(FILE *f, const struct person_hits *h)
{
	size_t i;

	for (i = 0; i < h->n; i++) {
		const struct person_hit *x = &h->h[i];

		cli_fprintf(f, "#%-7lld %-32s %-14s %-1s %-10s %-8s  %s\n",
		    (long long)x->id, x->name, x->dob ? x->dob : "",
		    x->sex ? x->sex : "", x->nhs ? x->nhs : "",
		    x->postcode ? x->postcode : "", x->why);
	}
}

int
cmd_search(struct cli *c)
{
	struct person_hits h;
	struct store *st = NULL;
	struct cd_err err;
	int rc;

	rc = cli_session(c, &st, NULL, NULL);
	if (rc != EXIT_OK)
		return rc;
	if (store_person_search(st, c->args[0], 50, &h, &err) != CD_OK) {
		store_close(&st);
		return cli_fail(cli_exit_for(err.code), "%s", err.msg);
	}
	if (h.n == 0)
		cli_printf("No one found for \"%s\".\n", c->args[0]);
	print_hits(stdout, &h);
	store_person_hits_fini(&h);
	store_close(&st);
	return EXIT_OK;
}

/* Command-line option names and the person fields they fill. */
static const char *const person_opts[][2] = {
	{ "family-name", "family_name" }, { "given-names", "given_names" },
	{ "dob", "dob" }, { "expected-dob", "expected_dob" },
	{ "sex", "sex" }, { "nhs", "nhs_number" }, { "upn", "upn" },
	{ "ethnicity", "ethnicity" }, { "gender", "gender" },
	{ "religion", "religion" }, { "language", "first_language" },
};
#define NPERSON_OPTS (sizeof person_opts / sizeof person_opts[0])

int
cmd_person_add(struct cli *c)
{
	struct field_value v[NPERSON_OPTS];
	struct person_hits dups;
	struct store *st = NULL;
	struct cd_err err;
	enum cd_status code;
	size_t n = 0, i;
	int64_t id;
	int rc;

	for (i = 0; i < NPERSON_OPTS; i++) {
		const char *val = cli_opt(c, person_opts[i][0]);

		if (val != NULL)
			v[n++] = (struct field_value){ person_opts[i][1], val };
	}
	if (cli_opt(c, "family-name") == NULL)
		return cli_fail(EXIT_USAGE, "person add needs --family-name");
	rc = cli_session(c, &st, NULL, NULL);
	if (rc != EXIT_OK)
		return rc;
	code = store_person_add(st, v, n, cli_opt(c, "postcode"),
	    cli_opt(c, "no-match"), &id, &dups, &err);
	if (code == CD_ERR_DUPLICATE) {
		cli_eprintf("casedesk: %s. Likely duplicates:\n", err.msg);
		print_hits(stderr, &dups);
		cli_eprintf("Use one of these, or add --no-match \"reason\" "
		    "to create a new record anyway.\n");
		store_person_hits_fini(&dups);
		store_close(&st);
		return EXIT_DUPLICATE;
	}
	store_person_hits_fini(&dups);
	store_close(&st);
	if (code != CD_OK)
		return cli_fail(cli_exit_for(code), "%s", err.msg);
	cli_printf("%lld\n", (long long)id);
	return EXIT_OK;
}

/* Print one record's filled fields, indented. */
static void
print_record(const struct record *r)
{
	struct buf b = { 0 };

	recordtext_append(&b, r);
	cli_print_lines("", buf_str(&b));
	buf_fini(&b);
}

static int
print_cb(const struct record *r, void *arg)
{
	int *count = arg;

	if ((*count)++ == 0)
		cli_printf("\n%s\n", r->def->title);
	print_record(r);
	return 0;
}

int
cmd_person_show(struct cli *c)
{
	int64_t id = cli_parse_id(c->args[0]);
	const struct entity_def *all;
	const char *reason = cli_opt(c, "reason");
	struct relation *rel = NULL;
	struct record p;
	struct store *st = NULL;
	struct cd_err err;
	enum cd_status code;
	size_t n, i, nrel = 0;
	int rc;

	if (id == 0)
		return cli_fail(EXIT_USAGE, "person show needs a record number, "
		    "not \"%s\"", c->args[0]);
	rc = cli_session(c, &st, NULL, NULL);
	if (rc != EXIT_OK)
		return rc;
	if (reason != NULL &&
	    store_person_break_glass(st, id, reason, &err) != CD_OK) {
		store_close(&st);
		return cli_fail(cli_exit_for(err.code), "%s", err.msg);
	}
	code = store_record_get(st, "person", id, &p, &err);
	if (code != CD_OK) {
		store_close(&st);
		if (code == CD_ERR_RESTRICTED)
			return cli_fail(EXIT_AUTH, "%s; give --reason \"why you "
			    "need it\"", err.msg);
		return cli_fail(cli_exit_for(code), "%s", err.msg);
	}
	cli_printf("Person #%lld (record version %lld)\n", (long long)id,
	    (long long)p.version);
	print_record(&p);
	store_record_fini(&p);
	if (store_person_relations(st, id, &rel, &nrel, NULL) == CD_OK &&
	    nrel > 0) {
		cli_printf("\nFamily and relationships\n");
		for (i = 0; i < nrel; i++)
			cli_printf("    %-14s #%-6lld %s%s%s%s\n", rel[i].kind,
			    (long long)rel[i].related_id, rel[i].name,
			    rel[i].dob ? "  " : "", rel[i].dob ? rel[i].dob :
			    "", rel[i].pr ? "  (parental responsibility)" : "");
	}
	store_person_relations_free(&rel, nrel);
	all = entity_all(&n);
	for (i = 0; i < n; i++) {
		int count = 0;

		if (!all[i].person_scoped)
			continue;
		/* Entities this role may not read are simply not shown. */
		store_record_list(st, all[i].name, id, print_cb, &count, NULL);
	}
	store_close(&st);
	return EXIT_OK;
}

int
cmd_person_relate(struct cli *c)
{
	int64_t a = cli_parse_id(c->args[0]), b = cli_parse_id(c->args[2]);
	struct store *st = NULL;
	struct cd_err err;
	enum cd_status code;
	int rc;

	if (a == 0 || b == 0)
		return cli_fail(EXIT_USAGE, "person relate needs two record "
		    "numbers: ID1 TYPE ID2 (ID1 is the TYPE of ID2)");
	rc = cli_session(c, &st, NULL, NULL);
	if (rc != EXIT_OK)
		return rc;
	code = store_person_relate(st, a, c->args[1], b, cli_flag(c, "pr"),
	    &err);
	store_close(&st);
	if (code != CD_OK)
		return cli_fail(cli_exit_for(code), "%s", err.msg);
	cli_printf("#%lld is the %s of #%lld%s.\n", (long long)a, c->args[1],
	    (long long)b, cli_flag(c, "pr") ? ", with parental "
	    "responsibility" : "");
	return EXIT_OK;
}

int
cmd_person_merge(struct cli *c)
{
	int64_t keep = cli_parse_id(c->args[0]), other = cli_parse_id(c->args[1]);
	struct store *st = NULL;
	struct cd_err err;
	enum cd_status code;
	int rc;

	if (keep == 0 || other == 0)
		return cli_fail(EXIT_USAGE, "person merge needs two record "
		    "numbers: KEEP OTHER");
	rc = cli_session(c, &st, NULL, NULL);
	if (rc != EXIT_OK)
		return rc;
	code = store_person_merge(st, keep, other, &err);
	store_close(&st);
	if (code != CD_OK)
		return cli_fail(cli_exit_for(code), "%s", err.msg);
	cli_printf("Merged #%lld into #%lld.\n", (long long)other, (long long)keep);
	return EXIT_OK;
}

int
cmd_person_link(struct cli *c)
{
	int64_t id = cli_parse_id(c->args[0]);
	const char *user = cli_opt(c, "to"), *kind = cli_opt(c, "as");
	struct store *st = NULL;
	struct cd_err err;
	enum cd_status code;
	int rc;

	if (id == 0 || user == NULL || kind == NULL)
		return cli_fail(EXIT_USAGE, "person link needs ID --to USER "
		    "--as restricted|education|self");
	rc = cli_session(c, &st, NULL, NULL);
	if (rc != EXIT_OK)
		return rc;
	code = store_person_link(st, id, user, kind, &err);
	store_close(&st);
	if (code != CD_OK)
		return cli_fail(cli_exit_for(code), "%s", err.msg);
	cli_printf("Linked %s to #%lld as %s.\n", user, (long long)id, kind);
	return EXIT_OK;
}

/* Split FIELD=VALUE arguments from index first on into v. */
static int
field_args(struct cli *c, size_t first, struct field_value *v, size_t *n)
{
	size_t i;

	*n = 0;
	for (i = first; i < c->nargs; i++) {
		const char *eq = strchr(c->args[i], '=');

		if (eq == NULL || eq == c->args[i])
			return cli_fail(EXIT_USAGE, "\"%s\" is not FIELD=VALUE",
			    c->args[i]);
		v[*n].name = xstrndup(c->args[i], (size_t)(eq - c->args[i]));
		v[*n].value = eq + 1;
		(*n)++;
	}
	return EXIT_OK;
}

static void
field_args_fini(struct field_value *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free((char *)v[i].name);
}

int
cmd_record_add(struct cli *c)
{
	const char *person = cli_opt(c, "person");
	struct field_value v[CLI_MAX_ARGS];
	struct store *st = NULL;
	struct cd_err err;
	enum cd_status code;
	int64_t pid = person ? cli_parse_id(person) : 0, id;
	size_t n;
	int rc;

	rc = field_args(c, 1, v, &n);
	if (rc != EXIT_OK)
		return rc;
	if (person != NULL && pid == 0) {
		field_args_fini(v, n);
		return cli_fail(EXIT_USAGE, "--person needs a record number");
	}
	rc = cli_session(c, &st, NULL, NULL);
	if (rc != EXIT_OK) {
		field_args_fini(v, n);
		return rc;
	}
	code = store_record_create(st, c->args[0], pid, v, n, &id, &err);
	field_args_fini(v, n);
	store_close(&st);
	if (code != CD_OK)
		return cli_fail(cli_exit_for(code), "%s", err.msg);
	cli_printf("%lld\n", (long long)id);
	return EXIT_OK;
}

int
cmd_record_update(struct cli *c)
{
	int64_t id = cli_parse_id(c->args[1]);
	struct field_value v[CLI_MAX_ARGS];
	struct field_change ch[CLI_MAX_ARGS];
	struct conflicts cf;
	struct record r;
	struct store *st = NULL;
	struct cd_err err;
	enum cd_status code;
	size_t n, i;
	int rc;

	if (id == 0)
		return cli_fail(EXIT_USAGE, "record update needs ENTITY ID "
		    "FIELD=VALUE...");
	rc = field_args(c, 2, v, &n);
	if (rc != EXIT_OK)
		return rc;
	rc = cli_session(c, &st, NULL, NULL);
	if (rc != EXIT_OK) {
		field_args_fini(v, n);
		return rc;
	}
	/* A script edits what is there now: read it, then change it. */
	code = store_record_get(st, c->args[0], id, &r, &err);
	for (i = 0; code == CD_OK && i < n; i++)
		ch[i] = (struct field_change){ v[i].name,
		    store_record_value(&r, v[i].name), v[i].value };
	if (code == CD_OK)
		code = store_record_update(st, c->args[0], id, ch, n, &cf,
		    &err);
	if (code == CD_ERR_CONFLICT)
		for (i = 0; i < cf.n; i++)
			cli_eprintf("  %s: now \"%s\", you wanted \"%s\"\n",
			    cf.c[i].field, cf.c[i].theirs ? cf.c[i].theirs : "",
			    cf.c[i].mine ? cf.c[i].mine : "");
	if (code == CD_OK || code == CD_ERR_CONFLICT)
		store_conflicts_fini(&cf);
	store_record_fini(&r);
	field_args_fini(v, n);
	store_close(&st);
	if (code != CD_OK)
		return cli_fail(cli_exit_for(code), "%s", err.msg);
	cli_printf("Updated %s #%lld.\n", c->args[0], (long long)id);
	return EXIT_OK;
}
