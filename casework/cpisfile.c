/*
 * The CP-IS upload: the in-scope plans that changed since the last upload,
 * as one XML file carrying the data items of the CP-IS Local Authority
 * Upload. It is not the certified HL7 v3 message (see README.md). Shared
 * by the command line and the client.
 */
#include "config.h"

#include "casework/cpisfile.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/date.h"
#include "common/file.h"
#include "common/text.h"
#include "common/xmem.h"

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
	c->reason = r->reason ? xstrdup(r->reason) : NULL;
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
		free((char *)u->p[i].r.reason);
	}
	free(u->p);
}

/* Append text with XML's five characters escaped. */
static void
xml_text(struct buf *b, const char *text)
{
	/* Control characters shown visibly: XML cannot hold them, and a
	 * streamed upload may land on a terminal. */
	char *shown = text && text_needs_visible(text) ? text_visible(text, 0) :
	    NULL;
	const char *s = shown ? shown : text;

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
	free(shown);
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
	const struct cfg *cfg;
	const char *dir;
	struct buf *stream;	/* instead of a file in dir, when set */
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
	const struct cfg *cf = w->cfg;
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

		/* What it ends as well as what it starts or changes. */
		buf_addf(&b, "  <Record template=\"%s\" change=\"%s\">\n",
		    r->type, r->withdraw ? "end" : r->end ? "update" : "start");
		if (r->withdraw) {
			buf_addf(&b, "    <!-- withdrawn: ");
			xml_text(&b, r->reason);
			buf_addf(&b, " -->\n");
		}
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
	w->path = xasprintf("%s%sCPIS_%s_%06lld.xml", w->stream ? "" : w->dir,
	    w->stream ? "" : "/", cf->la_code ? cf->la_code : "LA",
	    (long long)seq);
	if (w->stream != NULL) {
		buf_add(w->stream, b.data, b.len);
		code = CD_OK;
	} else
		code = file_write_atomic(w->path, b.data, b.len, 0600, err);
	buf_fini(&b);
	return code;
}

enum cd_status
cpisfile_export(struct store *st, const struct cfg *cfg, const char *dir,
    const char *as_of, int all, struct buf *stream, struct cpisfile *out,
    struct cd_err *err)
{
	const struct cpis_record **send = NULL;
	struct upload u = { 0 };
	struct writer w = { 0 };
	char today[DATE_TIME_LEN];
	enum cd_status code;
	size_t i;

	memset(out, 0, sizeof *out);
	if (stream == NULL && (dir == NULL || !file_is_dir(dir)))
		return cd_err_set(err, CD_ERR_INVALID, "the CP-IS upload needs "
		    "an existing folder, not \"%s\"", dir ? dir : "");
	if (!cfg->la_phone || !*cfg->la_phone || !cfg->la_ooh_phone ||
	    !*cfg->la_ooh_phone)
		return cd_err_set(err, CD_ERR_CONFIG, "CP-IS tells clinicians "
		    "whom to call: set [borough] office_phone and ooh_phone in "
		    "the configuration first");
	date_now(today);
	today[10] = '\0';
	u.all = all;
	code = store_cpis_scope(st, as_of ? as_of : today, collect, &u, err);
	if (code != CD_OK)
		goto done;
	send = xcalloc(u.n + 1, sizeof *send);
	for (i = 0; i < u.n; i++) {
		const struct cpis_record *r = &u.p[i].r;
		struct cpisfile_held *h;

		/* An end goes under the number it was sent with, verified. */
		if (r->nhs != NULL && (r->verified || r->withdraw)) {
			send[out->sent++] = r;
			out->ended += r->withdraw != 0;
			continue;
		}
		out->held = xreallocarray(out->held, out->nheld + 1,
		    sizeof *out->held);
		h = &out->held[out->nheld++];
		h->person = r->person;
		snprintf(h->type, sizeof h->type, "%s", r->type);
		snprintf(h->start, sizeof h->start, "%s", r->start);
		h->has_nhs = r->nhs != NULL;
	}
	out->unchanged = u.unchanged;
	if (out->sent == 0)
		goto done;
	w.cfg = cfg;
	w.dir = dir;
	w.stream = stream;
	w.send = send;
	w.n = out->sent;
	code = store_cpis_sent(st, send, out->sent, write_upload, &w,
	    &out->seq, err);
	if (code == CD_OK && w.path)
		snprintf(out->path, sizeof out->path, "%s", w.path);
done:
	free(w.path);
	free(send);
	upload_fini(&u);
	return code;
}

void
cpisfile_fini(struct cpisfile *f)
{
	free(f->held);
	memset(f, 0, sizeof *f);
}
