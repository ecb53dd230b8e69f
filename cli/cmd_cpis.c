/*
 * The CP-IS upload: the in-scope plans that changed since the last upload,
 * as one XML file carrying the data items of the CP-IS Local Authority
 * Upload. It is not the certified HL7 v3 message (see README.md).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd.h"
#include "cli/session.h"
#include "common/buf.h"
#include "common/date.h"
#include "common/file.h"
#include "common/xmem.h"
#include "store/cpis.h"

struct plan {
	struct cpis_record r;	/* strings owned here */
};

struct upload {
	struct plan *p;
	size_t n;
	int all;		/* every in-scope plan, not only changes */
	long unchanged;
};

static void
collect(const struct cpis_record *r, void *arg)
{
	struct upload *u = arg;
	struct cpis_record *c;

	if (!r->changed && !u->all) {
		u->unchanged++;
		return;
	}
	u->p = xreallocarray(u->p, u->n + 1, sizeof *u->p);
	c = &u->p[u->n++].r;
	*c = *r;
	c->nhs = r->nhs ? xstrdup(r->nhs) : NULL;
	c->type = xstrdup(r->type);
	c->start = xstrdup(r->start);
	c->end = r->end ? xstrdup(r->end) : NULL;
}

static void
upload_fini(struct upload *u)
{
	size_t i;

	for (i = 0; i < u->n; i++) {
		free((char *)u->p[i].r.nhs);
		free((char *)u->p[i].r.type);
		free((char *)u->p[i].r.start);
		free((char *)u->p[i].r.end);
	}
	free(u->p);
}

/* Append text with XML's five characters escaped. */
static void
xml_text(struct buf *b, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '<': buf_addf(b, "&lt;"); break;
		case '>': buf_addf(b, "&gt;"); break;
		case '&': buf_addf(b, "&amp;"); break;
		case '"': buf_addf(b, "&quot;"); break;
		case '\'': buf_addf(b, "&apos;"); break;
		default: buf_add(b, s, 1);
		}
	}
}

static void
xml_elem(struct buf *b, const char *indent, const char *name, const char *v)
{
	if (v == NULL || *v == '\0')
		return;
	buf_addf(b, "%s<%s>", indent, name);
	xml_text(b, v);
	buf_addf(b, "</%s>\n", name);
}

struct writer {
	struct cli *c;
	const char *dir;
	const struct cpis_record *const *send;
	size_t n;
	char *path;
};

/* Write the upload file for sequence number seq (inside the store's
 * transaction, so a failed write records nothing). */
static enum cd_status
write_upload(int64_t seq, void *arg, struct cd_err *err)
{
	struct writer *w = arg;
	const struct cfg *cf = &w->c->cfg;
	struct buf b = { 0 };
	char now[DATE_TIME_LEN], n[24], name[32];
	enum cd_status code;
	size_t i;

	date_now(now);
	snprintf(n, sizeof n, "%zu", w->n);
	snprintf(name, sizeof name, "%lld", (long long)seq);
	buf_addf(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<!-- casedesk CP-IS upload: the data items of the CP-IS Local "
	    "Authority Upload (REPC_MT000002GB01), not the certified HL7 v3 "
	    "message. -->\n<CPISUpload>\n  <Header>\n");
	xml_elem(&b, "    ", "CreationTime", now);
	xml_elem(&b, "    ", "SequenceId", name);
	xml_elem(&b, "    ", "RecordCount", n);
	xml_elem(&b, "    ", "SendingOrganisation", cf->la_ons);
	xml_elem(&b, "    ", "LocalAuthorityName", cf->la_name);
	xml_elem(&b, "    ", "OfficeHoursPhone", cf->la_phone);
	xml_elem(&b, "    ", "OutOfHoursPhone", cf->la_ooh_phone);
	buf_addf(&b, "  </Header>\n");
	for (i = 0; i < w->n; i++) {
		const struct cpis_record *r = w->send[i];
		const char *t = strcmp(r->type, "UCPP") == 0 ? "UCP" : r->type;
		char tag[32];

		buf_addf(&b, "  <Record template=\"%s\">\n", r->type);
		xml_elem(&b, "    ", "NHSNumber", r->nhs);
		snprintf(tag, sizeof tag, "%sStartDate", t);
		xml_elem(&b, "    ", tag, r->start);
		snprintf(tag, sizeof tag, "%sEndDate", t);
		xml_elem(&b, "    ", tag, r->end);
		snprintf(tag, sizeof tag, "%sDeleteDate", t);
		xml_elem(&b, "    ", tag, r->delete_date);
		buf_addf(&b, "  </Record>\n");
	}
	buf_addf(&b, "</CPISUpload>\n");
	w->path = xasprintf("%s/CPIS_%s_%06lld.xml", w->dir, cf->la_code ?
	    cf->la_code : "LA", (long long)seq);
	code = file_write_atomic(w->path, b.data, b.len, 0600, err);
	buf_fini(&b);
	return code;
}

int
cmd_export_cpis(struct cli *c)
{
	const char *dir = cli_opt(c, "out"), *as_of = cli_opt(c, "as-of");
	const struct cpis_record **send = NULL;
	struct upload u = { 0 };
	struct writer w = { 0 };
	struct store *st = NULL;
	struct cd_err err;
	char today[DATE_TIME_LEN];
	size_t i, nsend = 0, nfix = 0;
	int64_t seq = 0;
	int rc;

	if (dir == NULL || !file_is_dir(dir))
		return cli_fail(EXIT_USAGE, "export cpis needs --out DIR, an "
		    "existing folder");
	if (!c->cfg.la_phone || !*c->cfg.la_phone || !c->cfg.la_ooh_phone ||
	    !*c->cfg.la_ooh_phone)
		return cli_fail(EXIT_ERROR, "CP-IS tells clinicians whom to "
		    "call: set [borough] office_phone and ooh_phone in the "
		    "configuration first");
	date_now(today);
	today[10] = '\0';
	if (as_of && !date_valid_iso(as_of))
		return cli_fail(EXIT_USAGE, "--as-of needs a date as "
		    "YYYY-MM-DD, not \"%s\"", as_of);
	rc = cli_session(c, &st, NULL, NULL);
	if (rc != EXIT_OK)
		return rc;
	u.all = cli_flag(c, "all");
	if (store_cpis_scope(st, as_of ? as_of : today, collect, &u, &err) !=
	    CD_OK) {
		rc = cli_fail(cli_exit_for(err.code), "%s", err.msg);
		goto out;
	}
	send = xcalloc(u.n + 1, sizeof *send);
	for (i = 0; i < u.n; i++) {
		const struct cpis_record *r = &u.p[i].r;

		if (r->nhs != NULL && r->verified) {
			send[nsend++] = r;
			continue;
		}
		if (nfix++ == 0)
			printf("Not sent until the NHS number is %s:\n",
			    "recorded and verified");
		printf("  #%-8lld %-4s from %s  %s\n", (long long)r->person,
		    r->type, r->start, r->nhs ? "NHS number not verified" :
		    "no NHS number");
	}
	if (nsend == 0) {
		printf("Nothing to upload: %ld in-scope plan%s unchanged since "
		    "the last upload.\n", u.unchanged, u.unchanged == 1 ? "" :
		    "s");
		goto out;
	}
	w.c = c;
	w.dir = dir;
	w.send = send;
	w.n = nsend;
	if (store_cpis_sent(st, send, nsend, write_upload, &w, &seq, &err) !=
	    CD_OK) {
		rc = cli_fail(cli_exit_for(err.code), "%s", err.msg);
		goto out;
	}
	printf("Upload %lld: %zu record%s written to %s (mode 0600); %ld "
	    "unchanged, %zu waiting for an NHS number.\n", (long long)seq,
	    nsend, nsend == 1 ? "" : "s", w.path, u.unchanged, nfix);
out:
	free(w.path);
	free(send);
	upload_fini(&u);
	store_close(&st);
	return rc;
}
