/*
 * A subject access request from receipt to release, for information
 * governance: its state and what it still needs, the requester's checks
 * (Enter edits them on the record screen), consent, and the pack as
 * frozen for review with its redactions. The steps are keys that call
 * what the command line's sar verbs call (casework/sarpack.c and
 * store/sar.c), so the client and the command line cannot drift.
 */
#include "config.h"

#include "tui/screen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casework/sarpack.h"
#include "common/buf.h"
#include "common/xmem.h"
#include "forms/formdef.h"
#include "store/codes.h"
#include "store/sar.h"
#include "tui/theme.h"

struct sar_screen {
	int64_t req;
	struct sarpack_opts o;
	const char *phones[3];
	int prepared;		/* a pack is frozen */
	int item;		/* the item a question is about */
	int64_t mark;		/* the redaction a question is about */
	char exemption[32];	/* withhold: the code asked first */
	char status[16];	/* close: the status asked first */
};

/* One of the requester's checks, a line that edits its field. */
static void
check_line(struct screen *s, int64_t req, const char *field, const char *what,
    int done)
{
	struct line *l = list_add(&s->list, LN_RECORD, "  %-34s %s", what,
	    done ? "yes" : "NO: Enter records it");

	l->code = xstrdup("sar_request");
	l->id = req;
	l->field = xstrdup(field);
	if (!done)
		l->look = LOOK_ALERT;
}

/* What the request still needs before it can be released, in words. */
static void
needs_lines(struct client *c, struct screen *s, const struct sar_state *st,
    const struct sar_pack *pk)
{
	struct cd_err why;
	size_t i, unread = 0;

	list_add(&s->list, LN_HEAD, "BEFORE RELEASE");
	if (strcmp(st->status, "RELEASED") == 0 || strcmp(st->status,
	    "WITHDRAWN") == 0 || strcmp(st->status, "REFUSED") == 0) {
		list_add(&s->list, LN_TEXT, "  Nothing: the request is closed "
		    "(%s).", codes_label("sar_status", st->status));
		return;
	}
	if (store_sar_gates(st, &why) != CD_OK)
		list_add(&s->list, LN_TEXT, "  %s", why.msg)->look = LOOK_ALERT;
	else
		list_add(&s->list, LN_TEXT, "  The requester's checks and "
		    "consent are recorded.");
	if (!*st->prepared_by) {
		list_add(&s->list, LN_TEXT, "  No pack yet: F freezes it for "
		    "review.")->look = LOOK_ALERT;
		return;
	}
	if (st->requester_changed)
		list_add(&s->list, LN_TEXT, "  The requester changed since the "
		    "pack was prepared: F prepares it again.")->look =
		    LOOK_ALERT;
	for (i = 0; pk != NULL && i < pk->n; i++)
		if (pk->items[i].free_text && !pk->items[i].read_by &&
		    !pk->items[i].exemption)
			unread++;
	if (unread)
		list_add(&s->list, LN_TEXT, "  %zu free-text item%s to read (m "
		    "on each).", unread, unread == 1 ? "" : "s")->look =
		    LOOK_ALERT;
	if (*st->approved_by)
		list_add(&s->list, LN_TEXT, "  Approved by %s: R releases it.",
		    st->approved_by);
	else
		list_add(&s->list, LN_TEXT, "  Prepared by %s; a second person's "
		    "approval (Y) is needed.", st->prepared_by)->look =
		    LOOK_ALERT;
	(void)c;
}

/* The requester and their checks, then consent. */
static void
requester_lines(struct screen *s, const struct sar_state *st)
{
	int parent = !strcmp(st->relationship, "PARENT") ||
	    !strcmp(st->relationship, "CARER");
	struct line *l;

	list_add(&s->list, LN_HEAD, "THE REQUESTER'S CHECKS (Enter edits)");
	check_line(s, st->request, "identity_checked", "Identity checked",
	    st->identity_checked);
	if (parent)
		check_line(s, st->request, "pr_checked", "Parental "
		    "responsibility", st->pr_recorded);
	else if (strcmp(st->relationship, "SELF") != 0)
		check_line(s, st->request, "authority_checked", "Written "
		    "authority", st->authority_checked);
	l = list_add(&s->list, LN_RECORD, "  %-34s %s", "Requester's record",
	    st->requester ? "on the record" : "none: Enter links one");
	l->code = xstrdup("sar_request");
	l->id = st->request;
	l->field = xstrdup("requester_id");
	list_blank(&s->list);
	list_add(&s->list, LN_HEAD, "CONSENT");
	if (!st->needs_consent)
		list_add(&s->list, LN_TEXT, "  Not needed: %s.",
		    strcmp(st->relationship, "SELF") == 0 ? "the person asks "
		    "for their own record" : "the person is under the age "
		    "of consent");
	else {
		l = list_add(&s->list, LN_NEWFORM, "  %s", st->refused ?
		    "REFUSED for this requester: Enter records a new consent" :
		    st->consented ? "Given, naming this request or requester" :
		    "Needed and not recorded: Enter records it");
		l->code = xstrdup("consent");
		if (!st->consented || st->refused)
			l->look = LOOK_ALERT;
	}
	if (st->looked_after && strcmp(st->relationship, "SELF") != 0)
		list_add(&s->list, LN_TEXT, "  Looked after: the placement is "
		    "locked out of the pack.");
}

/* A redaction under its item: what it hides and whether it stands. */
static void
mark_line(struct screen *s, const struct sar_item *it,
    const struct sar_mark *m)
{
	size_t len = m->len < 40 ? m->len : 40;
	struct line *l;

	if (m->start + len > strlen(it->body))
		len = 0;
	if (m->removed_by)
		l = list_add(&s->list, LN_SAR_MARK, "      R%-4lld %-9s \"%.*s\"  "
		    "removed by %s: %s", (long long)m->id, m->cls, (int)len,
		    it->body + m->start, m->removed_by, m->removed_reason ?
		    m->removed_reason : "");
	else
		l = list_add(&s->list, LN_SAR_MARK, "      R%-4lld %-9s \"%.*s\"%s",
		    (long long)m->id, m->cls, (int)len, it->body + m->start,
		    m->locked ? "  locked" : m->added ? "  added" : "");
	l->id = m->id;
	l->person = it->seq;
}

/* The frozen pack: each item with its state, then its redactions. */
static void
pack_lines(struct screen *s, const struct sar_pack *pk)
{
	size_t i, j;
	const char *section = NULL;

	list_add(&s->list, LN_HEAD, "THE PACK (Enter reads an item or "
	    "toggles a redaction)");
	for (i = 0; i < pk->n; i++) {
		const struct sar_item *it = &pk->items[i];
		struct line *l;

		/* Each section once, whole, above its items. */
		if (section == NULL || strcmp(section, it->section) != 0)
			list_add(&s->list, LN_TEXT, "  %s", section =
			    it->section);
		l = list_add(&s->list, LN_SAR_ITEM, "%4d %s%s%s", it->seq,
		    it->exemption ? "WITHHELD " : it->free_text &&
		    !it->read_by ? "UNREAD " : it->free_text ? "read " : "",
		    it->heading, *it->heading ? "" : "(no heading)");
		l->id = it->seq;
		l->code = it->exemption ? xstrdup(it->exemption) : NULL;
		if (it->exemption || (it->free_text && !it->read_by))
			l->look = LOOK_ALERT;
		for (j = 0; j < it->nmarks; j++)
			mark_line(s, it, &it->marks[j]);
	}
}

static void
sar_build(struct client *c, struct screen *s)
{
	struct sar_screen *ss = s->state;
	struct sar_state st;
	struct sar_pack pk;
	struct cd_err err;
	int have_pack = 0;

	ss->prepared = 0;
	if (store_sar_state(c->st, ss->req, ss->o.consent_age, &st, &err) !=
	    CD_OK) {
		snprintf(s->title, sizeof s->title, "Subject access request #%lld",
		    (long long)ss->req);
		list_add(&s->list, LN_TEXT, "%s", err.msg);
		return;
	}
	s->person = st.subject;
	snprintf(s->title, sizeof s->title, "Subject access #%lld about #%lld: "
	    "%s", (long long)st.request, (long long)st.subject,
	    codes_label("sar_status", st.status));
	list_add(&s->list, LN_TEXT, "Received %s, due %s%s, from %s (%s)",
	    st.received, st.due, st.extended ? " (extended)" : "",
	    st.requester_name, codes_label("sar_requester", st.relationship));
	memset(&pk, 0, sizeof pk);
	if (*st.prepared_by) {
		ss->prepared = 1;
		if (store_sar_pack(c->st, ss->req, &pk, &err) == CD_OK)
			have_pack = 1;
	}
	list_blank(&s->list);
	needs_lines(c, s, &st, have_pack ? &pk : NULL);
	list_blank(&s->list);
	requester_lines(s, &st);
	list_blank(&s->list);
	if (have_pack)
		pack_lines(s, &pk);
	else if (ss->prepared)
		list_add(&s->list, LN_TEXT, "The pack: %s", err.msg);
	if (have_pack)
		store_sar_pack_fini(&pk);
}

/* The item numbered seq of the frozen pack, read into pk. */
static const struct sar_item *
item_of(struct client *c, struct sar_screen *ss, int seq,
    struct sar_pack *pk)
{
	struct cd_err err;
	size_t i;

	if (store_sar_pack(c->st, ss->req, pk, &err) != CD_OK) {
		client_fail(c, &err);
		return NULL;
	}
	for (i = 0; i < pk->n; i++)
		if (pk->items[i].seq == seq)
			return &pk->items[i];
	store_sar_pack_fini(pk);
	client_error(c, "Item %d is not in the pack: r reads it again.", seq);
	return NULL;
}

/* An item whole in the pager, each standing redaction as [Rn: text]. */
static void
item_page(struct client *c, struct sar_screen *ss, int seq)
{
	struct sar_pack pk;
	const struct sar_item *it = item_of(c, ss, seq, &pk);
	struct pager *p;
	struct buf b;
	char title[200];
	size_t at = 0, j, n;

	if (it == NULL)
		return;
	memset(&b, 0, sizeof b);
	n = strlen(it->body);
	for (j = 0; j < it->nmarks; j++) {
		const struct sar_mark *m = &it->marks[j];

		if (m->removed_by || m->start < at || m->start + m->len > n)
			continue;
		buf_add(&b, it->body + at, m->start - at);
		buf_addf(&b, "[R%lld: ", (long long)m->id);
		buf_add(&b, it->body + m->start, m->len);
		buf_addstr(&b, "]");
		at = m->start + m->len;
	}
	buf_addstr(&b, it->body + at);
	snprintf(title, sizeof title, "Item %d: %.80s", it->seq, it->heading);
	p = xmalloc(sizeof *p);
	pager_init(p, title);
	pager_add(p, THEME_HEADING, "%s", it->section);
	if (it->exemption)
		pager_add(p, THEME_ALERT, "Withheld under %s by %s: %s",
		    it->exemption, it->withheld_by ? it->withheld_by : "",
		    it->exemption_note ? it->exemption_note : "");
	if (it->free_text)
		pager_add(p, THEME_NONE, "Free text: %s", it->read_by ?
		    it->read_by : "not yet read (m marks it read)");
	pager_add(p, THEME_NONE, "%s", "");
	pager_add_text(p, THEME_NONE, 0, buf_str(&b));
	client_page(c, p);
	buf_fini(&b);
	store_sar_pack_fini(&pk);
}

/* After a step: say so, and read every screen again. */
static void
stepped(struct client *c, const struct cd_err *err, enum cd_status code,
    const char *done)
{
	if (code != CD_OK) {
		client_fail(c, err);
		return;
	}
	client_changed(c);
	client_refresh(c);
	client_say(c, "%s", done);
}

static void
unredact_answer(struct client *c, const char *reason, void *arg)
{
	struct sar_screen *ss = arg;
	struct cd_err err;
	char done[80];

	snprintf(done, sizeof done, "Redaction R%lld removed; the request is "
	    "in review.", (long long)ss->mark);
	stepped(c, &err, store_sar_unredact(c->st, ss->req, ss->mark, reason,
	    &err), done);
}

/* Enter on a redaction: ask why it goes, or put a removed one back. */
static void
mark_toggle(struct client *c, struct sar_screen *ss, const struct line *l)
{
	struct sar_pack pk;
	const struct sar_item *it = item_of(c, ss, (int)l->person, &pk);
	const struct sar_mark *m = NULL;
	struct cd_err err;
	int64_t id;
	size_t j;

	if (it == NULL)
		return;
	for (j = 0; j < it->nmarks; j++)
		if (it->marks[j].id == l->id)
			m = &it->marks[j];
	if (m == NULL)
		client_error(c, "Redaction R%lld is gone: r reads the pack "
		    "again.", (long long)l->id);
	else if (m->locked)
		client_error(c, "R%lld hides a looked-after child's placement: "
		    "it stays for anyone but the child.", (long long)m->id);
	else if (m->removed_by)
		stepped(c, &err, store_sar_redact(c->st, ss->req, it->seq,
		    m->start, m->len, m->cls, &id, &err), "Redacted again; "
		    "the request is in review.");
	else {
		ss->mark = m->id;
		client_ask(c, "Why is this not a third party's (the reason is "
		    "kept)? ", "", unredact_answer, ss);
	}
	store_sar_pack_fini(&pk);
}

static void
redact_answer(struct client *c, const char *text, void *arg)
{
	struct sar_screen *ss = arg;
	struct cd_err err;
	enum cd_status code;
	char done[96];
	long n = 0;

	if (*text == '\0') {
		client_say(c, "Nothing redacted.");
		return;
	}
	code = sarpack_redact_text(c->st, ss->req, ss->item, text, NULL, &n,
	    &err);
	snprintf(done, sizeof done, "%ld redaction%s added; the request is in "
	    "review.", n, n == 1 ? "" : "s");
	stepped(c, &err, code, done);
}

static void
withhold_note(struct client *c, const char *note, void *arg)
{
	struct sar_screen *ss = arg;
	struct cd_err err;
	char done[96];

	snprintf(done, sizeof done, "Item %d withheld under %s; the request is "
	    "in review.", ss->item, ss->exemption);
	stepped(c, &err, store_sar_withhold(c->st, ss->req, ss->item,
	    ss->exemption, note, &err), done);
}

static void
withhold_code(struct client *c, const char *code, void *arg)
{
	struct sar_screen *ss = arg;

	if (codes_find("sar_exemption", code) == NULL) {
		client_error(c, "Give an exemption: SERIOUS_HARM, THIRD_PARTY, "
		    "LEGAL_PRIVILEGE, CRIME, CHILD_ABUSE, COURT, ADOPTION or "
		    "REFERENCE.");
		return;
	}
	snprintf(ss->exemption, sizeof ss->exemption, "%s", code);
	client_ask(c, "Why it is withheld (the requester is told the "
	    "exemption): ", "", withhold_note, ss);
}

static void
release_answer(struct client *c, const char *path, void *arg)
{
	struct sar_screen *ss = arg;
	struct sarpack p;
	struct cd_err err;
	char done[600];

	if (*path == '\0') {
		client_say(c, "Not released.");
		return;
	}
	snprintf(done, sizeof done, "Released to %.300s (mode 0600); logged "
	    "and the request closed.", path);
	stepped(c, &err, sarpack_release(c->st, ss->req, &ss->o, path, &p,
	    &err), done);
}

static void
close_note(struct client *c, const char *note, void *arg)
{
	struct sar_screen *ss = arg;
	struct cd_err err;
	char done[80];

	snprintf(done, sizeof done, "Request #%lld closed as %s.",
	    (long long)ss->req, ss->status);
	stepped(c, &err, store_sar_close(c->st, ss->req, ss->status, note,
	    &err), done);
}

static void
close_status(struct client *c, const char *status, void *arg)
{
	struct sar_screen *ss = arg;

	snprintf(ss->status, sizeof ss->status, "%s", status);
	client_ask(c, "Note (why it closes without release): ", "", close_note,
	    ss);
}

static void
prepare_now(struct client *c, struct sar_screen *ss)
{
	struct sarpack p;
	struct cd_err err;
	enum cd_status code = sarpack_prepare(c->st, ss->req, &ss->o, &p, &err);

	stepped(c, &err, code, code == CD_OK ? p.what : "");
}

static void
prepare_again(struct client *c, const char *answer, void *arg)
{
	if (strcmp(answer, "yes") == 0)
		prepare_now(c, arg);
	else
		client_say(c, "The pack in review is kept.");
}

/* The item a key means: the item's line or a redaction's. */
static int
item_here(const struct line *l)
{
	if (l && l->kind == LN_SAR_ITEM)
		return (int)l->id;
	if (l && l->kind == LN_SAR_MARK)
		return (int)l->person;
	return 0;
}

/* Enter and v on the screen's own lines. */
static int
open_key(struct client *c, struct screen *s, struct sar_screen *ss,
    struct line *l, enum action a)
{
	char prefill[64];

	if (l == NULL)
		return 0;
	if (l->kind == LN_SAR_ITEM) {
		item_page(c, ss, (int)l->id);
		return 1;
	}
	if (a != ACT_OPEN)
		return 0;
	if (l->kind == LN_RECORD) {
		client_edit_record(c, l->code, l->id, l->field);
		return 1;
	}
	if (l->kind == LN_SAR_MARK) {
		mark_toggle(c, ss, l);
		return 1;
	}
	if (l->kind == LN_NEWFORM) {
		snprintf(prefill, sizeof prefill, "sar_request_id=%lld",
		    (long long)ss->req);
		client_start_form_with(c, l->code, s->person, prefill);
		return 1;
	}
	return 0;
}

static int
sar_key(struct client *c, struct screen *s, int key, enum action a)
{
	struct sar_screen *ss = s->state;
	struct line *l = list_current(&s->list);
	struct cd_err err;
	char q[96];

	(void)key;
	ss->item = item_here(l);
	switch (a) {
	case ACT_OPEN:
	case ACT_VIEW:
		return open_key(c, s, ss, l, a);
	case ACT_PREPARE:
		if (ss->prepared)
			client_ask(c, "Prepare again? Redactions and reading "
			    "start over (yes): ", "", prepare_again, ss);
		else
			prepare_now(c, ss);
		return 1;
	case ACT_REDACT:
		if (!ss->prepared) {
			client_error(c, "No pack yet: F freezes it for review.");
			return 1;
		}
		if (ss->item)
			snprintf(q, sizeof q, "Redact in item %d: ", ss->item);
		else
			snprintf(q, sizeof q, "Redact in every item: ");
		client_ask(c, q, "", redact_answer, ss);
		return 1;
	case ACT_WITHHOLD:
		if (ss->item == 0)
			client_error(c, "Choose an item of the pack first.");
		else if (l->kind == LN_SAR_ITEM && l->code != NULL)
			stepped(c, &err, store_sar_unwithhold(c->st, ss->req,
			    ss->item, &err), "Put back; the request is in "
			    "review.");
		else {
			snprintf(q, sizeof q, "Withhold item %d under (an "
			    "exemption code): ", ss->item);
			client_ask(c, q, "", withhold_code, ss);
		}
		return 1;
	case ACT_MARK_READ:
		if (ss->item == 0)
			client_error(c, "Choose an item of the pack first.");
		else
			stepped(c, &err, store_sar_read(c->st, ss->req, ss->item,
			    &err), "Marked read.");
		return 1;
	case ACT_APPROVE:
		snprintf(q, sizeof q, "Request #%lld approved for release.",
		    (long long)ss->req);
		stepped(c, &err, store_sar_approve(c->st, ss->req,
		    ss->o.consent_age, &err), q);
		return 1;
	case ACT_RELEASE:
		if (client_no_files(c, "release it to your side with  ssh "
		    "casedesk@HOST sar release REQUEST --out - > pack.txt"))
			return 1;
		client_ask(c, "Release to the file (written 0600; .html or .pdf "
		    "for print): ", "", release_answer, ss);
		return 1;
	case ACT_CLOSE_REQ:
		client_ask(c, "Close without release as WITHDRAWN or REFUSED: ",
		    "", close_status, ss);
		return 1;
	default:
		return 0;
	}
}

static void
sar_help(struct client *c, struct screen *s, struct pager *p)
{
	(void)c;
	(void)s;
	pager_add_key(p, "Enter on a check", "Edit it on the record screen "
	    "(identity, parental responsibility, written authority)");
	pager_add_key(p, "Enter on consent", "Record the person's consent "
	    "naming this request");
	pager_add_key(p, "Enter on an item", "Read it whole, redactions "
	    "marked [Rn: ...]");
	pager_add_key(p, "Enter on a redaction", "Remove it (a reason is "
	    "asked and kept), or put a removed one back");
	pager_add_key(p, "The steps", "prepare, then review (redact, "
	    "withhold, mark-read), approve by a second person, release; or "
	    "close-sar");
}

static void
sar_fini(struct screen *s)
{
	free(s->state);
}

/* Open request req's screen. */
void
sar_open(struct client *c, int64_t req)
{
	struct screen *s = client_push_unbuilt(c, &scr_sar, 0);
	struct sar_screen *ss;

	if (s == NULL)
		return;
	s->state = ss = xcalloc(1, sizeof *ss);
	ss->req = req;
	sarpack_opts_init(&ss->o, c->cfg, ss->phones);
	ss->o.words.form_title = formdef_title_of;
	ss->o.words.field_label = formdef_label_of;
	ss->o.words.answer_words = formdef_words_of;
	ss->o.words.arg = (void *)c->forms;
	client_build(c, s);
}

static const enum action sar_acts[] = { ACT_UP, ACT_DOWN, ACT_PAGE_UP,
    ACT_PAGE_DOWN, ACT_OPEN, ACT_VIEW, ACT_PREPARE, ACT_REDACT,
    ACT_WITHHOLD, ACT_MARK_READ, ACT_APPROVE, ACT_RELEASE, ACT_CLOSE_REQ,
    ACT_PERSON, ACT_REFRESH, ACT_BACK, ACT_NONE };

const struct screen_ops scr_sar = {
	.name = "subject access request",
	.about = "A subject access request from receipt to release: what it "
	    "still needs, the requester's checks, consent, and the pack frozen "
	    "for review with every proposed redaction. The steps are the "
	    "command line's sar verbs.",
	.build = sar_build,
	.key = sar_key,
	.help = sar_help,
	.fini = sar_fini,
	.acts = sar_acts,
	.hint = "F prep X redact w withhold m read Y approve R release ? help",
};
