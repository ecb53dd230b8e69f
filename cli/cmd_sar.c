/*
 * Subject access from the command line: a request from receipt to
 * release (casework/sarpack.c builds and writes the packs, store/sar.c
 * holds the rules). export sar keeps its old shape for the client.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casework/sarpack.h"
#include "cli/cmd.h"
#include "cli/session.h"
#include "forms/formdef.h"
#include "store/codes.h"
#include "store/sar.h"

struct sar_cli {
	struct cli *c;
	struct store *st;
	struct formset forms;
	struct sarpack_opts o;
	const char *phones[3];
	int64_t req;
};

/* The request number (first argument), a session, and the pack's words. */
static int
sar_begin(struct cli *c, struct sar_cli *s, int need_request)
{
	int rc;

	memset(s, 0, sizeof *s);
	s->c = c;
	if (need_request) {
		s->req = cli_parse_id(c->nargs > 0 ? c->args[0] : NULL);
		if (s->req == 0)
			return cli_fail(EXIT_USAGE, "give the request's number, "
			    "not \"%s\"", c->nargs > 0 ? c->args[0] : "");
	}
	sarpack_opts_init(&s->o, &c->cfg, s->phones);
	rc = cli_session(c, &s->st, NULL, NULL);
	if (rc != EXIT_OK)
		return rc;
	/* The pack's words from the definitions installed in the database,
	 * as the client's (never a folder named at run time). */
	if (formdef_load_installed(s->st, &s->forms, NULL) == CD_OK) {
		s->o.words.form_title = formdef_title_of;
		s->o.words.field_label = formdef_label_of;
		s->o.words.answer_words = formdef_words_of;
		s->o.words.arg = &s->forms;
	}
	return rc;
}

/* Close the session; report err when code failed. */
static int
sar_end(struct sar_cli *s, enum cd_status code, const struct cd_err *err)
{
	store_close(&s->st);
	formdef_set_fini(&s->forms);
	if (code != CD_OK)
		return cli_fail(cli_exit_for(code), "%s", err->msg);
	return EXIT_OK;
}

/*
 * Where a pack goes: the file *path names, or with --out - standard
 * output, *path then a name that only says the format (--format text,
 * html or pdf) and *stream the buffer to fill. EXIT_OK or a usage error.
 */
static int
pack_target(struct cli *c, const char **path, struct buf *pack,
    struct buf **stream)
{
	const char *format = cli_opt(c, "format");

	*stream = NULL;
	if (*path == NULL || strcmp(*path, "-") != 0) {
		if (format != NULL)
			return cli_fail(EXIT_USAGE, "--format goes with --out -; "
			    "a file's name says its format (.html, .pdf)");
		return EXIT_OK;
	}
	*path = format == NULL || strcmp(format, "text") == 0 ? "pack.txt" :
	    strcmp(format, "html") == 0 ? "pack.html" : strcmp(format,
	    "pdf") == 0 ? "pack.pdf" : NULL;
	if (*path == NULL)
		return cli_fail(EXIT_USAGE, "--format is text, html or pdf, not "
		    "\"%s\"", format);
	*stream = pack;
	return EXIT_OK;
}

/* A pack made: streamed (what it is on stderr) or written to path. */
static void
pack_done(const struct buf *stream, const char *what, const char *path,
    const char *more)
{
	if (stream != NULL) {
		cli_print_data(stream->data, stream->len);
		fflush(stdout);
		cli_eprintf("%s streamed.%s\n", what, more);
	} else
		cli_printf("%s written to %s (mode 0600).%s\n", what, path, more);
}

static void
open_line(const struct sar_open *o, void *arg)
{
	(void)arg;
	cli_printf("#%-6lld about #%-8lld received %s%s  from %s\n",
	    (long long)o->request, (long long)o->subject, o->received,
	    o->extended ? " (extended)" : "", o->requester);
}

int
cmd_sar_list(struct cli *c)
{
	struct sar_cli s;
	struct cd_err err;
	int rc = sar_begin(c, &s, 0);

	if (rc != EXIT_OK)
		return rc;
	return sar_end(&s, store_sar_open(s.st, open_line, NULL, &err), &err);
}

static const char *
yes(int v)
{
	return v ? "yes" : "no";
}

int
cmd_sar_show(struct cli *c)
{
	struct sar_state st;
	struct sar_cli s;
	struct cd_err err, why;
	enum cd_status code;
	int rc = sar_begin(c, &s, 1);

	if (rc != EXIT_OK)
		return rc;
	code = store_sar_state(s.st, s.req, c->cfg.consent_age, &st, &err);
	if (code == CD_OK) {
		cli_printf("Request #%lld about #%lld: %s\n", (long long)st.request,
		    (long long)st.subject, codes_label("sar_status", st.status));
		cli_printf("  Received %s, due %s%s\n", st.received, st.due,
		    st.extended ? " (extended)" : "");
		cli_printf("  Requester: %s, %s%s\n", st.requester_name,
		    codes_label("sar_requester", st.relationship),
		    st.requester ? "" : " (no record of their own)");
		cli_printf("  Identity checked: %s; parental responsibility "
		    "recorded: %s; written authority: %s\n",
		    yes(st.identity_checked), yes(st.pr_recorded),
		    yes(st.authority_checked));
		if (st.needs_consent)
			cli_printf("  The person's consent: %s\n", st.refused ?
			    "REFUSED for this requester" : st.consented ?
			    "given, naming this request or requester" :
			    "needed and not recorded");
		if (st.looked_after && strcmp(st.relationship, "SELF") != 0)
			cli_printf("  Looked after: the placement is locked out of "
			    "the pack\n");
		if (*st.prepared_by)
			cli_printf("  Pack prepared by %s%s%s\n", st.prepared_by,
			    *st.approved_by ? ", approved by " : "",
			    st.approved_by);
		if (store_sar_gates(&st, &why) != CD_OK)
			cli_printf("  Before release: %s\n", why.msg);
	}
	return sar_end(&s, code, &err);
}

int
cmd_sar_prepare(struct cli *c)
{
	struct sarpack p;
	struct sar_cli s;
	struct cd_err err;
	enum cd_status code;
	int rc = sar_begin(c, &s, 1);

	if (rc != EXIT_OK)
		return rc;
	code = sarpack_prepare(s.st, s.req, &s.o, &p, &err);
	if (code == CD_OK)
		cli_printf("%s. Read it with: sar review %lld --out FILE\n", p.what,
		    (long long)s.req);
	return sar_end(&s, code, &err);
}

/* sar review and sar release (make: sarpack_review or sarpack_release):
 * the pack to --out FILE or streamed. */
static int
pack_command(struct cli *c, const char *verb, enum cd_status (*make)(
    struct store *, int64_t, const struct sarpack_opts *, const char *,
    struct sarpack *, struct cd_err *), const char *after)
{
	const char *out = cli_opt(c, "out");
	struct buf pack = { 0 }, *stream;
	struct sarpack p;
	struct sar_cli s;
	struct cd_err err;
	enum cd_status code;
	int rc;

	if (out == NULL)
		return cli_fail(EXIT_USAGE, "sar %s needs --out FILE (or "
		    "--out - to stream it)", verb);
	if ((rc = pack_target(c, &out, &pack, &stream)) != EXIT_OK)
		return rc;
	rc = sar_begin(c, &s, 1);
	if (rc != EXIT_OK)
		return rc;
	s.o.stream = stream;
	code = make(s.st, s.req, &s.o, out, &p, &err);
	if (code == CD_OK)
		pack_done(stream, p.what, out, after);
	buf_fini(&pack);
	return sar_end(&s, code, &err);
}

int
cmd_sar_review(struct cli *c)
{
	return pack_command(c, "review", sarpack_review, "");
}

/* An item number argument. */
static int
item_arg(const char *a)
{
	int64_t v = cli_parse_id(a);

	return v > 0 && v < 1000000 ? (int)v : 0;
}

int
cmd_sar_redact(struct cli *c)
{
	const char *text = cli_opt(c, "text"), *it = cli_opt(c, "item");
	struct sar_cli s;
	struct cd_err err;
	enum cd_status code;
	long n = 0;
	int rc, item = it ? item_arg(it) : 0;

	if (text == NULL || (it && item == 0))
		return cli_fail(EXIT_USAGE, "sar redact needs --text TEXT (and "
		    "--item N for one item only)");
	rc = sar_begin(c, &s, 1);
	if (rc != EXIT_OK)
		return rc;
	code = sarpack_redact_text(s.st, s.req, item, text, cli_opt(c,
	    "class"), &n, &err);
	if (code == CD_OK)
		cli_printf("%ld redaction%s added; the request is back in review.\n",
		    n, n == 1 ? "" : "s");
	return sar_end(&s, code, &err);
}

int
cmd_sar_unredact(struct cli *c)
{
	const char *m = c->nargs > 1 ? c->args[1] : NULL;
	int64_t mark = cli_parse_id(m && (*m == 'R' || *m == 'r') ? m + 1 : m);
	struct sar_cli s;
	struct cd_err err;
	enum cd_status code;
	int rc;

	if (mark == 0 || cli_opt(c, "reason") == NULL)
		return cli_fail(EXIT_USAGE, "sar unredact needs REQUEST MARK "
		    "--reason TEXT (MARK as R12 or 12)");
	rc = sar_begin(c, &s, 1);
	if (rc != EXIT_OK)
		return rc;
	code = store_sar_unredact(s.st, s.req, mark, cli_opt(c, "reason"),
	    &err);
	if (code == CD_OK)
		cli_printf("Redaction %lld removed; the request is back in review.\n",
		    (long long)mark);
	return sar_end(&s, code, &err);
}

int
cmd_sar_withhold(struct cli *c)
{
	int item = item_arg(c->nargs > 1 ? c->args[1] : NULL);
	const char *ex = cli_opt(c, "exemption"), *note = cli_opt(c, "note");
	struct sar_cli s;
	struct cd_err err;
	enum cd_status code;
	int rc;

	if (item == 0 || (ex == NULL && !cli_flag(c, "release")))
		return cli_fail(EXIT_USAGE, "sar withhold needs REQUEST ITEM "
		    "--exemption CODE --note TEXT, or REQUEST ITEM --release");
	rc = sar_begin(c, &s, 1);
	if (rc != EXIT_OK)
		return rc;
	if (cli_flag(c, "release"))
		code = store_sar_unwithhold(s.st, s.req, item, &err);
	else
		code = store_sar_withhold(s.st, s.req, item, ex, note, &err);
	if (code == CD_OK)
		cli_printf("Item %d %s; the request is back in review.\n", item,
		    cli_flag(c, "release") ? "put back" : "withheld");
	return sar_end(&s, code, &err);
}

int
cmd_sar_read(struct cli *c)
{
	struct sar_cli s;
	struct cd_err err;
	enum cd_status code = CD_OK;
	size_t i;
	int rc;

	if (c->nargs < 2)
		return cli_fail(EXIT_USAGE, "sar read needs REQUEST ITEM...");
	for (i = 1; i < c->nargs; i++)
		if (item_arg(c->args[i]) == 0)
			return cli_fail(EXIT_USAGE, "\"%s\" is not an item "
			    "number", c->args[i]);
	rc = sar_begin(c, &s, 1);
	if (rc != EXIT_OK)
		return rc;
	for (i = 1; code == CD_OK && i < c->nargs; i++)
		code = store_sar_read(s.st, s.req, item_arg(c->args[i]), &err);
	if (code == CD_OK)
		cli_printf("%zu item%s marked read.\n", c->nargs - 1, c->nargs == 2 ?
		    "" : "s");
	return sar_end(&s, code, &err);
}

int
cmd_sar_approve(struct cli *c)
{
	struct sar_cli s;
	struct cd_err err;
	enum cd_status code;
	int rc = sar_begin(c, &s, 1);

	if (rc != EXIT_OK)
		return rc;
	code = store_sar_approve(s.st, s.req, c->cfg.consent_age, &err);
	if (code == CD_OK)
		cli_printf("Request #%lld approved for release.\n",
		    (long long)s.req);
	return sar_end(&s, code, &err);
}

int
cmd_sar_release(struct cli *c)
{
	return pack_command(c, "release", sarpack_release, " The release is "
	    "logged and the request closed.");
}

int
cmd_sar_close(struct cli *c)
{
	struct sar_cli s;
	struct cd_err err;
	enum cd_status code;
	int rc = sar_begin(c, &s, 1);

	if (rc != EXIT_OK)
		return rc;
	code = store_sar_close(s.st, s.req, cli_opt(c, "status"), cli_opt(c,
	    "note"), &err);
	if (code == CD_OK)
		cli_printf("Request #%lld closed as %s.\n", (long long)s.req,
		    cli_opt(c, "status"));
	return sar_end(&s, code, &err);
}

static void
log_line(const struct sar_log *l, void *arg)
{
	(void)arg;
	cli_printf("request #%lld released %.16s by %s, approved by %s: %ld items, "
	    "%ld redactions, %ld withheld, %ld bytes\n", (long long)l->request,
	    l->released_at, l->released_by, l->approved_by, l->items,
	    l->redactions, l->withheld, l->bytes);
	if (l->withheld_list && *l->withheld_list) {
		cli_printf("  withheld:\n    ");
		cli_print_lines("    ", l->withheld_list);
	}
}

int
cmd_sar_log(struct cli *c)
{
	struct sar_cli s;
	struct cd_err err;
	int rc = sar_begin(c, &s, c->nargs > 0);

	if (rc != EXIT_OK)
		return rc;
	return sar_end(&s, store_sar_log(s.st, s.req, log_line, NULL, &err),
	    &err);
}

int
cmd_export_sar(struct cli *c)
{
	const char *out = cli_opt(c, "out"), *rq = cli_opt(c, "request");
	struct buf pack = { 0 }, *stream = NULL;
	int64_t id = cli_parse_id(cli_opt(c, "person") ? cli_opt(c, "person") :
	    ""), req = rq ? cli_parse_id(rq) : 0;
	const char *phones[3];
	struct sarpack_opts o;
	struct sarpack p;
	struct store *st = NULL;
	struct cd_err err;
	enum cd_status code;
	int rc;

	if (id == 0 || out == NULL || (rq && req == 0))
		return cli_fail(EXIT_USAGE, "export sar needs --person ID and "
		    "--out FILE (and --request ID, a request number)");
	if ((rc = pack_target(c, &out, &pack, &stream)) != EXIT_OK)
		return rc;
	rc = cli_session(c, &st, NULL, NULL);
	if (rc != EXIT_OK)
		return rc;
	sarpack_opts_init(&o, &c->cfg, phones);
	code = sarpack_export(st, id, req, &o, out, stream, c->user, &p, &err);
	store_close(&st);
	if (code != CD_OK) {
		buf_fini(&pack);
		return cli_fail(cli_exit_for(code), "%s", err.msg);
	}
	pack_done(stream, p.what, out, req ? " The release is logged and the "
	    "request closed." : "");
	buf_fini(&pack);
	return EXIT_OK;
}
