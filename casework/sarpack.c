/*
 * The subject access pack as written: the review copy governance reads
 * (unredacted, every redaction marked) and the pack a family reads (a
 * covering letter with what a reply must say, then the record in plain
 * words), as text or printable HTML, 0600. Shared by the command line
 * and the client.
 */
#include "config.h"

#include "casework/sarpack.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "casework/sarpdf.h"
#include "common/buf.h"
#include "common/cfg.h"
#include "common/date.h"
#include "common/file.h"
#include "common/text.h"
#include "common/xmem.h"
#include "store/audit.h"
#include "store/codes.h"
#include "store/entity.h"
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

static int
ends(const char *path, const char *ext)
{
	size_t len = strlen(path), n = strlen(ext);

	return len > n && strcasecmp(path + len - n, ext) == 0;
}

static int
is_html(const char *path)
{
	return ends(path, ".html");
}

/*
 * Write b to path 0600 (into stream instead, when set): as it is, or laid
 * out as PDF for a .pdf name.
 */
static enum cd_status
write_pack(const char *path, struct buf *stream, const char *title,
    struct buf *b, size_t *bytes, struct cd_err *err)
{
	struct buf pdf = { 0 };
	enum cd_status code = CD_OK;

	if (ends(path, ".pdf")) {
		code = sarpdf_render(buf_str(b), title, &pdf, err);
		if (code == CD_OK) {
			buf_fini(b);
			*b = pdf;
		} else
			buf_fini(&pdf);
	}
	if (code == CD_OK) {
		*bytes = b->len;
		if (stream != NULL)
			buf_add(stream, b->data, b->len);
		else
			code = file_write_atomic(path, b->data, b->len, 0600,
			    err);
	}
	return code;
}

/* Text into b, escaped for HTML when html is set. */
static void
put(struct buf *b, int html, const char *text, size_t len)
{
	const char *end = text + len;

	/* Line by line, each through the sanitiser (tabs kept): a pack
	 * streamed over ssh may land on a terminal. */
	while (text < end) {
		const char *nl = memchr(text, '\n', (size_t)(end - text));
		size_t n = (size_t)((nl ? nl : end) - text), i;
		char *line = xstrndup(text, n), *shown = NULL;
		const char *s = line;

		if (text_needs_visible(line))
			s = shown = text_visible(line, 1);
		for (i = 0; s[i]; i++) {
			if (html && s[i] == '<')
				buf_addstr(b, "&lt;");
			else if (html && s[i] == '>')
				buf_addstr(b, "&gt;");
			else if (html && s[i] == '&')
				buf_addstr(b, "&amp;");
			else if (html && s[i] == '"')
				buf_addstr(b, "&quot;");
			else
				buf_add(b, &s[i], 1);
		}
		if (nl != NULL)
			buf_add(b, "\n", 1);
		free(shown);
		free(line);
		text += n + (nl != NULL);
	}
}

static void
puts_(struct buf *b, int html, const char *s)
{
	put(b, html, s, strlen(s));
}

/* A date (or date and time) in words: 3 March 2026. */
static void
date_words(const char *iso, char *out, size_t n)
{
	static const char *const month[] = { "January", "February", "March",
		"April", "May", "June", "July", "August", "September",
		"October", "November", "December" };
	int y, m, d;

	if (iso && sscanf(iso, "%4d-%2d-%2d", &y, &m, &d) == 3 && m >= 1 &&
	    m <= 12)
		snprintf(out, n, "%d %s %d", d, month[m - 1], y);
	else
		snprintf(out, n, "%s", iso ? iso : "");
}

/* What a release shows in place of a redaction of cls. */
static const char *
withheld_word(const char *cls)
{
	return strcmp(cls, "placement") == 0 ? "[withheld: where the child "
	    "lives]" : "[withheld: third party]";
}

/* A short name for an exemption, for the family's pack. */
static const char *
exemption_word(const char *code)
{
	static const char *const w[][2] = {
		{ "SERIOUS_HARM", "risk of serious harm" },
		{ "THIRD_PARTY", "third party" },
		{ "LEGAL_PRIVILEGE", "legal advice" },
		{ "CRIME", "crime prevention" },
		{ "CHILD_ABUSE", "child's best interests" },
		{ "COURT", "court proceedings" },
		{ "ADOPTION", "adoption records" },
		{ "REFERENCE", "confidential reference" },
	};
	size_t i;

	for (i = 0; i < sizeof w / sizeof w[0]; i++)
		if (strcmp(w[i][0], code) == 0)
			return w[i][1];
	return "exemption";
}

/* One item's body: review marks every redaction; release replaces it. */
static long
body_put(struct buf *b, int html, const struct sar_item *it, int review)
{
	const char *s = it->body;
	size_t at = 0, k;
	long n = 0;

	for (k = 0; k < it->nmarks; k++) {
		const struct sar_mark *m = &it->marks[k];

		if (m->start < at || m->start + m->len > strlen(s))
			continue;	/* overlapping: the earlier stands */
		if (!review && m->removed_by != NULL)
			continue;
		put(b, html, s + at, m->start - at);
		if (review) {
			char tag[160];

			snprintf(tag, sizeof tag, "%s%s R%lld %s%s%s: ", html ?
			    "" : "{{", m->removed_by ? "KEPT" : "REDACT",
			    (long long)m->id, m->cls, m->locked ? ", locked" :
			    "", m->added ? ", added" : "");
			if (html)
				buf_addf(b, "<mark class=\"%s\" title=\"", m->removed_by ?
				    "kept" : "redact");
			puts_(b, html, tag);
			if (html)
				buf_addstr(b, "\">");
			put(b, html, s + m->start, m->len);
			if (m->removed_by) {
				snprintf(tag, sizeof tag, " (kept by %s: ",
				    m->removed_by);
				puts_(b, html, tag);
				puts_(b, html, m->removed_reason ?
				    m->removed_reason : "");
				puts_(b, html, ")");
			}
			buf_addstr(b, html ? "</mark>" : "}}");
		} else {
			puts_(b, html, withheld_word(m->cls));
			n++;
		}
		at = m->start + m->len;
		/* Neighbouring redactions of one kind read as one. */
		while (!review && k + 1 < it->nmarks) {
			const struct sar_mark *x = &it->marks[k + 1];
			size_t gap;

			if (x->removed_by != NULL || x->start < at ||
			    strcmp(withheld_word(x->cls), withheld_word(m->cls)))
				break;
			for (gap = at; gap < x->start && s[gap] == ' '; gap++)
				;
			if (gap != x->start)
				break;
			at = x->start + x->len;
			k++;
		}
	}
	put(b, html, s + at, strlen(s) - at);
	return n;
}

static void
html_head(struct buf *b, const char *title)
{
	buf_addstr(b, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta "
	    "charset=\"utf-8\"><title>");
	puts_(b, 1, title);
	buf_addstr(b, "</title>\n<style>body{font-family:serif;margin:2em;"
	    "max-width:44em}h1{font-size:16pt}h2{font-size:13pt;margin-top:"
	    "1.5em}h3{font-size:11pt;margin-bottom:0}pre{white-space:pre-wrap;"
	    "font-family:serif;font-size:11pt;margin-top:.2em}mark.redact{"
	    "background:#fd8}mark.kept{background:#cec}.record{page-break-"
	    "before:always}@page{margin:2cm}</style></head><body>\n");
}

/* Each heading once: the record's sections, in the order they came. */
static void
sections(const struct sar_pack *p, struct buf *b)
{
	size_t i, j;

	for (i = 0; i < p->n; i++) {
		for (j = 0; j < i; j++)
			if (strcmp(p->items[j].section, p->items[i].section) == 0)
				break;
		if (j == i)
			buf_addf(b, "%s%s", b->len ? ", " : "",
			    p->items[i].section);
	}
}

static void
para(struct buf *b, int html, const char *text)
{
	if (html)
		buf_addstr(b, "<p>");
	puts_(b, html, text);
	buf_addstr(b, html ? "</p>\n" : "\n\n");
}

static void
heading(struct buf *b, int html, int level, const char *text)
{
	if (html)
		buf_addf(b, "<h%d>", level);
	puts_(b, html, text);
	if (html)
		buf_addf(b, "</h%d>\n", level);
	else
		buf_addf(b, "\n%s\n", level == 1 ? "====" : "----");
}

/* The letter: who we are, what we hold, why, and the requester's rights. */
static void
letter(struct buf *b, int html, const struct sarpack_opts *o,
    const struct sar_state *s, const struct sar_pack *p, long withheld)
{
	const char *council = o && o->council ? o->council : "The council";
	char today[DATE_TIME_LEN], line[512], day[32], received[32], asat[32];
	struct buf cats = { 0 };
	size_t i;

	date_now(today);
	date_words(today, day, sizeof day);
	date_words(s->received, received, sizeof received);
	date_words(p->prepared_at, asat, sizeof asat);
	heading(b, html, 1, council);
	/* A setting left empty is left out, not written as ", telephone ,". */
	snprintf(line, sizeof line, "Information governance%s%s%s%s",
	    o && o->phone && *o->phone ? ", telephone " : "", o && o->phone ?
	    o->phone : "", o && o->contact && *o->contact ? ", " : "", o &&
	    o->contact ? o->contact : "");
	para(b, html, line);
	snprintf(line, sizeof line, "Date: %s", day);
	para(b, html, line);
	snprintf(line, sizeof line, "Dear %s,", s->requester_name);
	para(b, html, line);
	snprintf(line, sizeof line, "You asked on %s for the information we "
	    "hold about %s. This is our reply under Article 15 of the UK "
	    "General Data Protection Regulation. The record follows this "
	    "letter, in the order we hold it, as it stood on %s.",
	    received, strcmp(s->relationship, "SELF") == 0 ? "you" :
	    "the child or young person named in your request", asat);
	para(b, html, line);
	heading(b, html, 2, "What we hold and why");
	sections(p, &cats);
	para(b, html, "Why we hold it: to provide children's social care "
	    "under the Children Act 1989 and 2004 - assessing need, "
	    "safeguarding and protecting children, looking after children in "
	    "care and supporting care leavers - as a public task (UK GDPR "
	    "Article 6(1)(e)), and for health and social care and social "
	    "protection law (Article 9(2)(b) and (h)).");
	snprintf(line, sizeof line, "What kinds of information: %s.",
	    buf_str(&cats));
	para(b, html, line);
	para(b, html, "Who we share it with: other agencies that protect "
	    "children (the police, health services, schools), the courts, "
	    "the NHS's Child Protection Information Sharing service for "
	    "children on a plan or in care, and the Department for Education "
	    "and Ofsted in statistical returns. Each sharing about this "
	    "person is listed in the record under Disclosure.");
	para(b, html, "Where it came from: from the family, from the child, "
	    "and from professionals and others who contacted us (the record "
	    "says who, where it can).");
	para(b, html, "How long we keep it: child in need records for 25 "
	    "years after the case closes, child protection records for 35 "
	    "years, records of a child in care until their 75th birthday (100 "
	    "years from birth under our local policy), adoption records for "
	    "100 years from the adoption order.");
	heading(b, html, 2, "What we have left out, and why");
	para(b, html, "Where the record names or identifies other people - "
	    "their names, dates of birth, addresses, telephone numbers, NHS "
	    "numbers and the like - we have replaced it with \"[withheld: "
	    "third party]\", because the law protects their information too "
	    "(Data Protection Act 2018, Schedule 2 Part 3). \"[withheld: "
	    "where the child lives]\" marks the details of a child's "
	    "placement, which we do not give to anyone but the child.");
	if (withheld > 0) {
		snprintf(line, sizeof line, "We have withheld %ld part%s of the "
		    "record under the exemptions the law allows:", withheld,
		    withheld == 1 ? "" : "s");
		para(b, html, line);
		for (i = 0; i < p->n; i++)
			if (p->items[i].exemption != NULL) {
				snprintf(line, sizeof line, "- %s, %s: %s",
				    p->items[i].section, p->items[i].heading,
				    codes_label("sar_exemption",
				    p->items[i].exemption));
				para(b, html, line);
			}
	} else
		para(b, html, "We have not withheld any other part of the "
		    "record.");
	heading(b, html, 2, "Your rights");
	para(b, html, "You may ask us to correct anything that is wrong "
	    "(rectification), to delete or restrict information we should not "
	    "hold (erasure, restriction), and to stop using it in some cases "
	    "(objection). Write to us at the address above.");
	para(b, html, "If you are unhappy with our reply you may complain to "
	    "the Information Commissioner's Office: ico.org.uk/make-a-"
	    "complaint, telephone 0303 123 1113.");
	snprintf(line, sizeof line, "Yours sincerely, Information governance, "
	    "%s", council);
	para(b, html, line);
	buf_fini(&cats);
}

/* The record: sections, headings, bodies (redacted unless review). */
static long
record_put(struct buf *b, int html, const struct sar_pack *p, int review)
{
	const char *last = "";
	long n = 0;
	size_t i;

	if (html)
		buf_addstr(b, "<div class=\"record\">\n");
	heading(b, html, 1, "The record");
	for (i = 0; i < p->n; i++) {
		const struct sar_item *it = &p->items[i];
		char h[256];

		if (strcmp(it->section, last) != 0)
			heading(b, html, 2, it->section);
		last = it->section;
		if (review)
			snprintf(h, sizeof h, "[item %d] %s%s%s%s", it->seq,
			    it->heading, it->free_text ? (it->read_by ?
			    "  (free text, read by " : "  (FREE TEXT: READ IT "
			    "FOR WHAT IT SAYS ABOUT OTHERS") : "",
			    it->free_text && it->read_by ? it->read_by : "",
			    it->free_text ? ")" : "");
		else
			snprintf(h, sizeof h, "%s", it->heading);
		if (*h) {
			if (html)
				buf_addstr(b, "<h3>");
			puts_(b, html, h);
			buf_addstr(b, html ? "</h3>\n" : "\n");
		}
		buf_addstr(b, html ? "<pre>" : "");
		if (it->exemption && review) {
			snprintf(h, sizeof h, "WITHHELD by %s under %s: ",
			    it->withheld_by ? it->withheld_by : "",
			    it->exemption);
			puts_(b, html, h);
			puts_(b, html, it->exemption_note ? it->exemption_note :
			    "");
			puts_(b, html, "\n");
		}
		if (it->exemption && !review) {
			snprintf(h, sizeof h, "[withheld: %s]\n",
			    exemption_word(it->exemption));
			puts_(b, html, h);
		} else
			n += body_put(b, html, it, review);
		buf_addstr(b, html ? "</pre>\n" : "\n");
	}
	if (html)
		buf_addstr(b, "</div>\n");
	return n;
}

static void
counts(const struct sar_pack *p, struct sarpack *out)
{
	size_t i, k;

	out->items = (long)p->n;
	for (i = 0; i < p->n; i++) {
		out->withheld += p->items[i].exemption != NULL;
		out->unread += p->items[i].free_text && !p->items[i].read_by;
		for (k = 0; k < p->items[i].nmarks; k++)
			out->redactions += p->items[i].marks[k].removed_by ==
			    NULL;
	}
}

enum cd_status
sarpack_prepare(struct store *st, int64_t request,
    const struct sarpack_opts *o, struct sarpack *out, struct cd_err *err)
{
	struct sar_build b;
	struct sar_state s;
	enum cd_status code;
	size_t i;

	memset(out, 0, sizeof *out);
	code = store_sar_state(st, request, o ? o->consent_age : 13, &s, err);
	if (code == CD_OK)
		code = sarbuild_items(st, &s, o ? &o->words : NULL, &b, err);
	if (code != CD_OK)
		return code;
	code = store_sar_prepare(st, request, b.items, b.n, err);
	out->items = (long)b.n;
	out->redactions = b.marks;
	for (i = 0; i < b.n; i++)
		out->unread += b.items[i].free_text;
	snprintf(out->what, sizeof out->what, "Pack for request #%lld "
	    "prepared: %ld items, %ld redactions proposed, %ld of free text "
	    "to read", (long long)request, out->items, out->redactions,
	    out->unread);
	sarbuild_fini(&b);
	return code;
}

enum cd_status
sarpack_review(struct store *st, int64_t request,
    const struct sarpack_opts *o, const char *path, struct sarpack *out,
    struct cd_err *err)
{
	struct sar_state s;
	struct sar_pack p;
	struct buf b = { 0 };
	struct cd_err why;
	enum cd_status code;
	int html = is_html(path);
	char line[512];

	memset(out, 0, sizeof *out);
	code = store_sar_state(st, request, o ? o->consent_age : 13, &s, err);
	if (code == CD_OK)
		code = store_sar_pack(st, request, &p, err);
	if (code != CD_OK)
		return code;
	counts(&p, out);
	if (html)
		html_head(&b, "Subject access review copy");
	heading(&b, html, 1, "REVIEW COPY - NOT FOR RELEASE");
	snprintf(line, sizeof line, "Request #%lld about #%lld, received %s, "
	    "due %s%s. Requester: %s (%s). Status: %s. Prepared by %s at "
	    "%.16s%s%s.", (long long)request, (long long)s.subject, s.received,
	    s.due, s.extended ? " (extended)" : "", s.requester_name,
	    codes_label("sar_requester", s.relationship), s.status,
	    s.prepared_by, p.prepared_at, *s.approved_by ? "; approved by " :
	    "", s.approved_by);
	para(&b, html, line);
	if (store_sar_gates(&s, &why) != CD_OK) {
		puts_(&b, html, "NOT YET RELEASABLE: ");
		para(&b, html, why.msg);
	}
	snprintf(line, sizeof line, "%ld items; %ld redactions standing, "
	    "marked {{REDACT Rn class: text}}; removed ones are marked KEPT; "
	    "%ld items withheld; %ld items of free text still to read.",
	    out->items, out->redactions, out->withheld, out->unread);
	para(&b, html, line);
	record_put(&b, html, &p, 1);
	if (html)
		buf_addstr(&b, "</body></html>\n");
	code = write_pack(path, o ? o->stream : NULL, "Subject access review "
	    "copy", &b, &out->bytes, err);
	snprintf(out->what, sizeof out->what, "Review copy of request #%lld "
	    "(%ld items, %ld redactions, %ld withheld, %ld to read)",
	    (long long)request, out->items, out->redactions, out->withheld,
	    out->unread);
	buf_fini(&b);
	store_sar_pack_fini(&p);
	return code;
}

/* The first case-insensitive occurrence of needle (n bytes) in s. */
static const char *
find_nocase(const char *s, const char *needle, size_t n)
{
	for (; *s; s++)
		if (strncasecmp(s, needle, n) == 0)
			return s;
	return NULL;
}

enum cd_status
sarpack_redact_text(struct store *st, int64_t request, int item,
    const char *text, const char *cls, long *count, struct cd_err *err)
{
	struct sar_pack p;
	enum cd_status code;
	size_t i, n = text ? strlen(text) : 0;

	*count = 0;
	if (n == 0)
		return cd_err_set(err, CD_ERR_INVALID, "give the text to redact");
	code = store_sar_pack(st, request, &p, err);
	if (code != CD_OK)
		return code;
	for (i = 0; code == CD_OK && i < p.n; i++) {
		const char *b = p.items[i].body, *q;

		if (item != 0 && p.items[i].seq != item)
			continue;
		for (q = b; code == CD_OK && (q = find_nocase(q, text, n)) != NULL;
		    q += n) {
			code = store_sar_redact(st, request, p.items[i].seq,
			    (size_t)(q - b), n, cls, NULL, err);
			if (code == CD_OK)
				(*count)++;
		}
	}
	store_sar_pack_fini(&p);
	if (code == CD_OK && *count == 0)
		code = cd_err_set(err, CD_ERR_NOTFOUND, "\"%s\" is not in %s",
		    text, item ? "that item" : "the pack");
	return code;
}

struct release {
	const char *path;
	const struct sarpack_opts *o;
	struct sarpack *out;
};

/* The writer store_sar_release calls inside its transaction. */
static enum cd_status
release_write(const struct sar_state *s, const struct sar_pack *p,
    struct sar_written *w, void *arg, struct cd_err *err)
{
	struct release *r = arg;
	struct buf b = { 0 };
	int html = is_html(r->path);
	enum cd_status code;

	counts(p, r->out);
	if (html)
		html_head(&b, "Your subject access request");
	letter(&b, html, r->o, s, p, r->out->withheld);
	w->redactions = record_put(&b, html, p, 0);
	if (html)
		buf_addstr(&b, "</body></html>\n");
	code = write_pack(r->path, r->o ? r->o->stream : NULL, "Your subject "
	    "access request", &b, &w->bytes, err);
	w->withheld = r->out->withheld;
	r->out->redactions = w->redactions;
	r->out->bytes = w->bytes;
	buf_fini(&b);
	return code;
}

enum cd_status
sarpack_release(struct store *st, int64_t request,
    const struct sarpack_opts *o, const char *path, struct sarpack *out,
    struct cd_err *err)
{
	struct release r;
	enum cd_status code;
	int existed = file_exists(path);

	memset(out, 0, sizeof *out);
	r.path = path;
	r.o = o;
	r.out = out;
	code = store_sar_release(st, request, o ? o->consent_age : 13,
	    release_write, &r, err);
	/* Not logged, so not released: take the file back. */
	if (code != CD_OK && (o == NULL || o->stream == NULL) && !existed &&
	    file_exists(path))
		unlink(path);
	snprintf(out->what, sizeof out->what, "Subject access pack for "
	    "request #%lld (%zu bytes, %ld redactions, %ld withheld)",
	    (long long)request, out->bytes, out->redactions, out->withheld);
	return code;
}

/* The whole record, unredacted, for governance: no request, no release. */
static enum cd_status
whole_record(struct store *st, int64_t person, const char *path,
    struct buf *stream, const char *user, struct sarpack *out,
    struct cd_err *err)
{
	struct audit_event ev = { 0 };
	struct sar_state s;
	struct sar_build bld;
	struct sar_pack p;
	struct buf b = { 0 };
	char now[DATE_TIME_LEN], line[256];
	enum cd_status code;
	int html = is_html(path);
	size_t i;

	memset(&s, 0, sizeof s);
	s.subject = person;
	s.requester = person;
	snprintf(s.relationship, sizeof s.relationship, "SELF");
	code = store_sar_may_pack(st, err);
	if (code == CD_OK)
		code = sarbuild_items(st, &s, NULL, &bld, err);
	if (code != CD_OK)
		return code;
	/* Shown as a pack with no marks: nobody is to receive this. */
	memset(&p, 0, sizeof p);
	p.items = xcalloc(bld.n ? bld.n : 1, sizeof *p.items);
	p.n = bld.n;
	for (i = 0; i < bld.n; i++) {
		p.items[i].seq = (int)i + 1;
		p.items[i].section = (char *)bld.items[i].section;
		p.items[i].heading = (char *)bld.items[i].heading;
		p.items[i].body = (char *)bld.items[i].body;
		p.items[i].free_text = bld.items[i].free_text;
	}
	date_now(now);
	if (html)
		html_head(&b, "Whole record for information governance");
	heading(&b, html, 1, "WHOLE RECORD FOR INFORMATION GOVERNANCE: NOT FOR "
	    "RELEASE");
	snprintf(line, sizeof line, "Record #%lld, prepared %.10s by %s. "
	    "Nothing is redacted. To answer a request, record it (sar_request) "
	    "and prepare its pack (sar prepare).", (long long)person, now,
	    user ? user : "");
	para(&b, html, line);
	record_put(&b, html, &p, 1);
	if (html)
		buf_addstr(&b, "</body></html>\n");
	memset(out, 0, sizeof *out);
	out->items = (long)p.n;
	/* Streamed, the caller sends it only once the event is written. */
	code = write_pack(path, stream, "Whole record for information "
	    "governance", &b, &out->bytes, err);
	if (code == CD_OK) {
		ev.action = "export";
		ev.entity = "sar-pack";
		ev.person_id = person;
		code = store_audit_append(st, &ev, err);
		if (code != CD_OK && stream == NULL)
			unlink(path);
	}
	snprintf(out->what, sizeof out->what, "Whole record of #%lld for "
	    "review (%zu bytes)", (long long)person, out->bytes);
	free(p.items);
	sarbuild_fini(&bld);
	buf_fini(&b);
	return code;
}

enum cd_status
sarpack_export(struct store *st, int64_t id, int64_t req,
    const struct sarpack_opts *opts, const char *out, struct buf *stream,
    const char *user, struct sarpack *res, struct cd_err *err)
{
	struct sarpack_opts o = *opts;
	struct sar_state s;
	enum cd_status code;

	if (req == 0)
		return whole_record(st, id, out, stream, user, res, err);
	code = store_sar_state(st, req, o.consent_age, &s, err);
	if (code == CD_OK && s.subject != id)
		return cd_err_set(err, CD_ERR_INVALID, "request #%lld is about "
		    "#%lld, not #%lld", (long long)req, (long long)s.subject,
		    (long long)id);
	if (code != CD_OK)
		return code;
	o.stream = stream;
	return sarpack_release(st, req, &o, out, res, err);
}

void
sarpack_opts_init(struct sarpack_opts *o, const struct cfg *cfg,
    const char *phones[3])
{
	memset(o, 0, sizeof *o);
	o->consent_age = 13;
	phones[0] = phones[1] = phones[2] = NULL;
	if (cfg == NULL)
		return;
	phones[0] = cfg->la_phone;
	phones[1] = phones[0] ? cfg->la_ooh_phone : NULL;
	o->words.council_phones = phones;
	o->council = cfg->la_name;
	o->phone = cfg->la_phone;
	o->contact = cfg->sar_contact;
	o->consent_age = cfg->consent_age;
}
