/*
 * The subject access pack: everything held about one person, with other
 * people's identities redacted, written 0600 as text or printable HTML,
 * and its release logged. Shared by the command line and the client.
 */
#include "config.h"

#include "casework/sarpack.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "common/buf.h"
#include "common/date.h"
#include "common/file.h"
#include "common/xmem.h"
#include "store/audit.h"
#include "store/codes.h"
#include "store/entity.h"
#include "store/form.h"
#include "store/person.h"
#include "store/record.h"
#include "store/sar.h"

/* Append one record's filled fields, indented, as text. */
void
recordtext_append(struct buf *b, const struct record *r)
{
	size_t i;

	buf_addf(b, "  %s #%lld\n", r->def->title, (long long)r->id);
	for (i = 0; i < r->def->nfields; i++) {
		const struct field_def *f = &r->def->fields[i];
		const char *v = r->values[i];

		if (v == NULL)
			continue;
		if (f->type == FT_BOOL && *v != '1')
			continue;	/* only what is so */
		if (f->type == FT_CODE)
			buf_addf(b, "    %-30s %s (%s)\n", f->label, v,
			    codes_label(f->list, v));
		else if (f->type == FT_BOOL)
			buf_addf(b, "    %-30s yes\n", f->label);
		else
			buf_addf(b, "    %-30s %s\n", f->label, v);
	}
}

struct words {
	char **w;
	size_t n;
};

/* Add each word of text (two letters or more) to l, once. */
static void
words_add(struct words *l, const char *text)
{
	char *copy, *tok, *save = NULL;
	size_t i;

	if (text == NULL)
		return;
	copy = xstrdup(text);
	for (tok = strtok_r(copy, " ,-'", &save); tok; tok = strtok_r(NULL,
	    " ,-'", &save)) {
		if (strlen(tok) < 2)
			continue;
		for (i = 0; i < l->n; i++)
			if (strcasecmp(l->w[i], tok) == 0)
				break;
		if (i == l->n) {
			l->w = xreallocarray(l->w, l->n + 1, sizeof *l->w);
			l->w[l->n++] = xstrdup(tok);
		}
	}
	free(copy);
}

static int
words_has(const struct words *l, const char *w)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (strcasecmp(l->w[i], w) == 0)
			return 1;
	return 0;
}

static void
words_fini(struct words *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->w[i]);
	free(l->w);
	memset(l, 0, sizeof *l);
}

/* Replace every whole-word, any-case occurrence of word in b; count them. */
static void
redact(struct buf *b, const char *word, long *count)
{
	struct buf out = { 0 };
	const char *s = buf_str(b), *p = s;
	size_t n = strlen(word);

	while (*p) {
		if (strncasecmp(p, word, n) == 0 && (p == s ||
		    !isalnum((unsigned char)p[-1])) &&
		    !isalnum((unsigned char)p[n])) {
			buf_add(&out, "[third party]", 13);
			p += n;
			(*count)++;
		} else
			buf_add(&out, p++, 1);
	}
	buf_reset(b);
	buf_add(b, buf_str(&out), out.len);
	buf_fini(&out);
}

struct section {
	struct store *st;
	struct buf *b;
	long n;
};

/* One record (and a form's answers) into the pack, under its heading. */
static int
section_cb(const struct record *r, void *arg)
{
	struct section *s = arg;
	struct form_answer *a;
	size_t n, i;

	if (s->n++ == 0)
		buf_addf(s->b, "\n%s\n", r->def->title);
	recordtext_append(s->b, r);
	if (strcmp(r->def->name, "form_instance") != 0 ||
	    store_form_answers(s->st, r->id, &a, &n, NULL) != CD_OK)
		return 0;
	for (i = 0; i < n; i++)
		buf_addf(s->b, "    %s%s%.0d: %s\n", a[i].field, a[i].row ?
		    " row " : "", a[i].row, a[i].value ? a[i].value : "");
	store_form_answers_free(&a, n);
	return 0;
}

/* The whole pack as text; third-party names into *third. */
static enum cd_status
pack_build(struct store *st, int64_t id, int64_t requester,
    struct buf *b, struct words *third, struct cd_err *err)
{
	const struct entity_def *all;
	struct words own = { 0 };
	struct relation *rel = NULL;
	struct section sec;
	struct record p;
	size_t n, i, nrel = 0;
	enum cd_status code;

	code = store_record_get(st, "person", id, &p, err);
	if (code != CD_OK)
		return code;
	words_add(&own, store_record_value(&p, "family_name"));
	words_add(&own, store_record_value(&p, "given_names"));
	buf_addf(b, "\nThe person\n");
	recordtext_append(b, &p);
	store_record_fini(&p);
	code = store_person_relations(st, id, &rel, &nrel, err);
	if (code != CD_OK) {
		words_fini(&own);
		return code;
	}
	if (nrel > 0)
		buf_addf(b, "\nFamily and relationships\n");
	for (i = 0; i < nrel; i++) {
		if (rel[i].related_id == requester) {
			words_add(&own, rel[i].name);
			buf_addf(b, "    %-14s %s (the requester)\n", rel[i].kind,
			    rel[i].name);
			continue;
		}
		buf_addf(b, "    %-14s [third party]%s\n", rel[i].kind,
		    rel[i].pr ? "  (parental responsibility)" : "");
	}
	/* Third parties' names, bar words the person's own name shares. */
	for (i = 0; i < nrel; i++) {
		struct words w = { 0 };
		size_t k;

		if (rel[i].related_id == requester)
			continue;
		words_add(&w, rel[i].name);
		for (k = 0; k < w.n; k++)
			if (!words_has(&own, w.w[k]))
				words_add(third, w.w[k]);
		words_fini(&w);
	}
	store_person_relations_free(&rel, nrel);
	words_fini(&own);
	all = entity_all(&n);
	for (i = 0; i < n; i++) {
		if (!all[i].person_scoped || strcmp(all[i].name,
		    "sar_request") == 0)
			continue;
		sec.st = st;
		sec.b = b;
		sec.n = 0;
		code = store_record_list(st, all[i].name, id, section_cb, &sec,
		    err);
		if (code != CD_OK && code != CD_ERR_DENIED)
			return code;
	}
	return CD_OK;
}

/* Text as a printable HTML page (the same words, escaped, in a <pre>). */
static void
html_wrap(struct buf *out, const char *title, const char *text)
{
	const char *p;

	buf_addf(out, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta "
	    "charset=\"utf-8\"><title>%s</title>\n<style>body{font-family:"
	    "serif;margin:2em}pre{white-space:pre-wrap;font-size:11pt}"
	    "@page{margin:2cm}</style></head><body><pre>\n", title);
	for (p = text; *p; p++) {
		if (*p == '<')
			buf_addf(out, "&lt;");
		else if (*p == '>')
			buf_addf(out, "&gt;");
		else if (*p == '&')
			buf_addf(out, "&amp;");
		else
			buf_add(out, p, 1);
	}
	buf_addf(out, "</pre></body></html>\n");
}

enum cd_status
sarpack_export(struct store *st, int64_t id, int64_t req, int consent_age,
    const char *out, const char *user, struct sarpack *res,
    struct cd_err *err)
{
	struct words third = { 0 };
	struct buf body = { 0 }, doc = { 0 };
	struct audit_event ev = { 0 };
	struct sar_state s;
	char now[DATE_TIME_LEN];
	enum cd_status code;
	size_t i, len;

	memset(res, 0, sizeof *res);
	memset(&s, 0, sizeof s);
	if (req) {
		code = store_sar_state(st, req, consent_age, &s, err);
		if (code == CD_OK && s.subject != id)
			code = cd_err_set(err, CD_ERR_INVALID, "request #%lld "
			    "is about #%lld, not #%lld", (long long)req,
			    (long long)s.subject, (long long)id);
		if (code == CD_OK)
			code = store_sar_may_release(st, &s, err);
	} else
		code = store_sar_may_pack(st, err);
	if (code == CD_OK)
		code = pack_build(st, id, s.requester, &body, &third, err);
	if (code != CD_OK)
		goto done;
	for (i = 0; i < third.n; i++)
		redact(&body, third.w[i], &res->redactions);
	date_now(now);
	buf_addf(&doc, "Subject access disclosure pack\n\nRecord: #%lld\n"
	    "Prepared: %.10s by %s\n", (long long)id, now, user);
	if (req)
		buf_addf(&doc, "Request: #%lld, received %s, due %s%s\n"
		    "Released to: the requester named on the request (%s)\n",
		    (long long)req, s.received, s.due, s.extended ?
		    " (extended)" : "", codes_label("sar_requester",
		    s.relationship));
	else
		buf_addf(&doc, "FULL PACK FOR INFORMATION GOVERNANCE REVIEW: "
		    "NOT FOR RELEASE\n");
	buf_addf(&doc, "Other people's identities are shown as [third party] "
	    "(%ld place%s).\n", res->redactions, res->redactions == 1 ? "" :
	    "s");
	buf_add(&doc, buf_str(&body), body.len);
	len = strlen(out);
	if (len > 5 && strcasecmp(out + len - 5, ".html") == 0) {
		struct buf html = { 0 };

		html_wrap(&html, "Subject access disclosure pack", buf_str(&doc));
		buf_fini(&doc);
		doc = html;
	}
	res->bytes = doc.len;
	snprintf(res->what, sizeof res->what, "Subject access pack for #%lld "
	    "(%zu bytes, %ld redaction%s)", (long long)id, doc.len,
	    res->redactions, res->redactions == 1 ? "" : "s");
	code = file_write_atomic(out, doc.data, doc.len, 0600, err);
	/* The release log: a disclosure for a request, else an audit event. */
	if (code == CD_OK && req)
		code = store_sar_released(st, &s, res->what, err);
	else if (code == CD_OK) {
		ev.action = "export";
		ev.entity = "sar-pack";
		ev.person_id = id;
		code = store_audit_append(st, &ev, err);
	}
	/* Unlogged, so not released: take the file back. */
	if (code != CD_OK && file_exists(out))
		unlink(out);
done:
	words_fini(&third);
	buf_fini(&body);
	buf_fini(&doc);
	return code;
}
