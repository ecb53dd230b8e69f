/*
 * Search as you type: the query is typed on the screen's own line and
 * runs when typing pauses; Enter opens a person; the last line creates
 * one, asking for the details the query did not give, through the
 * store's duplicate check.
 */
#include "config.h"

#include "tui/screen.h"

#include <ctype.h>
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/ident.h"
#include "common/namequery.h"
#include "common/xmem.h"
#include "store/person.h"
#include "store/record.h"
#include "tui/term.h"

struct search_state {
	struct lineedit query;
	int pending;		/* typed since the last search */
	int want;		/* hits to ask for: a screenful, more on demand */
	int more;		/* the last search filled want: there may be more */
	/* The person being created, asked one field at a time. */
	char family[128], given[128], dob[32], sex[4], postcode[12], nhs[16];
};

/* The hits that fit below the query: what a search asks for at first. */
static int
screenful(void)
{
	int rows = LINES - 4;	/* title, query, status bar, the create line */

	return rows < 10 ? 10 : rows > 100 ? 100 : rows;
}

static void
search_build(struct client *c, struct screen *s)
{
	struct search_state *ss = s->state;
	const char *q = lineedit_text(&ss->query);
	struct person_hits h;
	struct cd_err err;
	size_t i;

	snprintf(s->title, sizeof s->title, "Search: %s", q);
	ss->pending = 0;
	if (q[0] == '\0') {
		list_add(&s->list, LN_TEXT, "Type a name, a date of birth, an "
		    "NHS number, a UPN, a postcode or #id.");
		return;
	}
	if (ss->want == 0)
		ss->want = screenful();
	if (store_person_search(c->st, q, (size_t)ss->want, &h, &err) !=
	    CD_OK) {
		list_add(&s->list, LN_TEXT, "%s", err.msg);
		return;
	}
	ss->more = h.n == (size_t)ss->want;
	for (i = 0; i < h.n; i++) {
		struct line *l = list_add(&s->list, LN_PERSON, "#%-7lld %-28s "
		    "%-10s %-1s %-8s %s", (long long)h.h[i].id, h.h[i].name,
		    h.h[i].dob ? h.h[i].dob : "", h.h[i].sex ? h.h[i].sex : "",
		    h.h[i].postcode ? h.h[i].postcode : "", h.h[i].why);

		l->id = h.h[i].id;
	}
	if (h.n == 0)
		list_add(&s->list, LN_TEXT, "No one found for \"%s\".", q);
	list_add(&s->list, LN_CREATE, "+ Create a new person (checks for "
	    "duplicates first)");
	store_person_hits_fini(&h);
}

static void ask_given(struct client *, const char *, void *);
static void ask_dob(struct client *, const char *, void *);
static void ask_sex(struct client *, const char *, void *);
static void ask_postcode(struct client *, const char *, void *);
static void ask_nhs(struct client *, const char *, void *);
static void create(struct client *, struct screen *, const char *);

static void
ask_family(struct client *c, const char *answer, void *arg)
{
	struct screen *s = arg;
	struct search_state *ss = s->state;

	if (answer[0] == '\0') {
		client_ask(c, "A family name is needed (Esc to stop). Family "
		    "name:", "", ask_family, s);
		return;
	}
	snprintf(ss->family, sizeof ss->family, "%s", answer);
	client_ask(c, "Given names (Enter for none):", ss->given, ask_given, s);
}

static void
ask_given(struct client *c, const char *answer, void *arg)
{
	struct screen *s = arg;
	struct search_state *ss = s->state;

	snprintf(ss->given, sizeof ss->given, "%s", answer);
	client_ask(c, "Date of birth (DD/MM/YYYY, Enter if unknown):", ss->dob,
	    ask_dob, s);
}

static void
ask_dob(struct client *c, const char *answer, void *arg)
{
	struct screen *s = arg;
	struct search_state *ss = s->state;
	char iso[11];
	struct cd_err err;

	if (answer[0] && ident_date(answer, iso, &err) != CD_OK) {
		char *prompt = xasprintf("%s. Date of birth (DD/MM/YYYY):",
		    err.msg);

		client_ask(c, prompt, answer, ask_dob, s);
		free(prompt);
		return;
	}
	/* Kept as the record holds dates, whichever way it was typed. */
	snprintf(ss->dob, sizeof ss->dob, "%s", answer[0] ? iso : "");
	client_ask(c, "Sex: M, F or U:", "", ask_sex, s);
}

static void
ask_sex(struct client *c, const char *answer, void *arg)
{
	struct screen *s = arg;
	struct search_state *ss = s->state;

	if (answer[0] && strchr("MFUmfu", answer[0]) == NULL) {
		client_ask(c, "M, F or U (unknown). Sex:", "", ask_sex, s);
		return;
	}
	snprintf(ss->sex, sizeof ss->sex, "%c", answer[0] ?
	    toupper((unsigned char)answer[0]) : 'U');
	client_ask(c, "Home postcode (Enter if not known):", ss->postcode,
	    ask_postcode, s);
}

/* A postcode or an NHS number is optional, but checked when given. */
static void
ask_postcode(struct client *c, const char *answer, void *arg)
{
	struct screen *s = arg;
	struct search_state *ss = s->state;
	struct cd_err err;
	char pc[9] = "";

	if (answer[0] && ident_postcode(answer, pc, &err) != CD_OK) {
		char *prompt = xasprintf("%s. Home postcode (Enter if not "
		    "known):", err.msg);

		client_ask(c, prompt, answer, ask_postcode, s);
		free(prompt);
		return;
	}
	snprintf(ss->postcode, sizeof ss->postcode, "%s", pc);
	client_ask(c, "NHS number (Enter if not known):", ss->nhs, ask_nhs, s);
}

static void
ask_nhs(struct client *c, const char *answer, void *arg)
{
	struct screen *s = arg;
	struct search_state *ss = s->state;
	struct cd_err err;
	char nhs[11] = "";

	if (answer[0] && ident_nhs(answer, nhs, &err) != CD_OK) {
		char *prompt = xasprintf("%s. NHS number (Enter if not known):",
		    err.msg);

		client_ask(c, prompt, answer, ask_nhs, s);
		free(prompt);
		return;
	}
	snprintf(ss->nhs, sizeof ss->nhs, "%s", nhs);
	create(c, s, NULL);
}

static void
ask_reason(struct client *c, const char *answer, void *arg)
{
	if (answer[0] == '\0') {
		client_ask(c, "A reason is needed. Why is this a new person?",
		    "", ask_reason, arg);
		return;
	}
	create(c, arg, answer);
}

/* Make the person; with no reason, the store's duplicate check first. */
static void
create(struct client *c, struct screen *s, const char *reason)
{
	struct search_state *ss = s->state;
	struct field_value v[5];
	struct person_hits d;
	struct cd_err err;
	size_t n = 0, i;
	int64_t id;
	enum cd_status code;

	v[n++] = (struct field_value){ "family_name", ss->family };
	if (ss->given[0])
		v[n++] = (struct field_value){ "given_names", ss->given };
	if (ss->dob[0])
		v[n++] = (struct field_value){ "dob", ss->dob };
	v[n++] = (struct field_value){ "sex", ss->sex };
	if (ss->nhs[0])
		v[n++] = (struct field_value){ "nhs_number", ss->nhs };
	code = store_person_add(c->st, v, n, ss->postcode[0] ? ss->postcode :
	    NULL, reason, &id, &d, &err);
	if (code == CD_ERR_DUPLICATE) {
		list_clear(&s->list);
		snprintf(s->title, sizeof s->title, "Likely duplicates of %.60s, "
		    "%.60s", ss->family, ss->given);
		for (i = 0; i < d.n; i++) {
			struct line *l = list_add(&s->list, LN_PERSON, "#%-7lld "
			    "%-28s %-10s %s", (long long)d.h[i].id, d.h[i].name,
			    d.h[i].dob ? d.h[i].dob : "", d.h[i].why);

			l->id = d.h[i].id;
		}
		list_add(&s->list, LN_CREATE_ANYWAY, "+ None of these: create "
		    "anyway (asks why)");
		list_home(&s->list, 0);
		store_person_hits_fini(&d);
		client_say(c, "Check these first: Enter opens one.");
		return;
	}
	store_person_hits_fini(&d);
	if (code != CD_OK) {
		client_fail(c, &err);
		return;
	}
	client_changed(c);
	client_push(c, &scr_person, id);
	client_say(c, "Created #%lld. Press n to start a contact record.",
	    (long long)id);
}

/*
 * Start creating from what was searched: "Aurelia Kowalczyk 14/03/2019",
 * "Kowalczyk, Aurelia" and "Aurelia KOWALCZYK" give the names and date of
 * birth (casework's reading of a query); each is asked, filled in.
 */
static void
create_start(struct client *c, struct screen *s)
{
	struct search_state *ss = s->state;
	struct name_query q;
	struct cd_err err;

	if (namequery_parse(lineedit_text(&ss->query), &q, &err) != CD_OK) {
		memset(&q, 0, sizeof q);
		client_error(c, "%s: ask for it below.", err.msg);
	}
	snprintf(ss->given, sizeof ss->given, "%s", q.given);
	/* Offered as the question asks for it, DD/MM/YYYY. */
	if (strlen(q.dob) == 10 && q.dob[4] == '-')
		snprintf(ss->dob, sizeof ss->dob, "%.2s/%.2s/%.4s", q.dob + 8,
		    q.dob + 5, q.dob);
	else
		snprintf(ss->dob, sizeof ss->dob, "%s", q.dob);
	snprintf(ss->postcode, sizeof ss->postcode, "%s", q.postcode);
	snprintf(ss->nhs, sizeof ss->nhs, "%s", q.nhs);
	client_ask(c, "Family name:", q.family, ask_family, s);
}

static int
search_key(struct client *c, struct screen *s, int key, enum action a)
{
	struct search_state *ss = s->state;
	enum action p = keymap_lookup_in(c->km, CTX_PROMPT, key);
	struct line *l;

	if (key == KEYMAP_FN(KEY_DOWN) || key == KEYMAP_FN(KEY_NPAGE)) {
		/* Moving past the hits shown asks for a screenful more. */
		size_t last = s->list.n > 0 ? s->list.n - 1 : 0;
		size_t step = key == KEYMAP_FN(KEY_NPAGE) ? (size_t)screenful() :
		    1;

		if (ss->more && !ss->pending && ss->want < 500 &&
		    s->list.cur + step >= last) {
			ss->want += screenful();
			client_build(c, s);
		}
		return 0;	/* the list's */
	}
	if (key == KEYMAP_FN(KEY_UP) || key == KEYMAP_FN(KEY_PPAGE))
		return 0;	/* the list's */
	if (p == ACT_SUBMIT) {
		if (ss->pending)
			client_build(c, s);
		l = list_current(&s->list);
		if (l != NULL && l->kind == LN_CREATE)
			create_start(c, s);
		else if (l != NULL && l->kind == LN_CREATE_ANYWAY)
			client_ask(c, "Why is this a new person? (for the audit "
			    "trail)", "", ask_reason, s);
		else
			client_open_line(c, s, l);
		return 1;
	}
	if (p == ACT_CANCEL) {
		client_pop(c);
		return 1;
	}
	if (p == ACT_CREATE) {
		create_start(c, s);
		return 1;
	}
	if (p == ACT_HELP) {
		client_help(c, s);
		return 1;
	}
	(void)a;
	switch (lineedit_key(&ss->query, key)) {
	case LINEEDIT_CHANGED:
		ss->pending = 1;
		ss->want = 0;	/* a new search: a screenful again */
		s->built = (unsigned long)-1;	/* run when typing pauses */
		return 1;
	case LINEEDIT_MOVED:
		return 1;
	default:
		return keymap_lookup_in(c->km, CTX_GLOBAL, key) == ACT_NONE;
	}
}

static void
search_draw(struct client *c, struct screen *s)
{
	struct search_state *ss = s->state;

	(void)c;
	term_text(1, 1, 6, "Find: ");
	lineedit_draw(&ss->query, 1, 7, COLS - 8);
}

static void
search_help(struct client *c, struct screen *s, struct pager *p)
{
	char keys[64];

	(void)s;
	pager_add_key(p, "letters", "Type the search: "
	    "it runs as you pause");
	pager_add_key(p, "Left Right C-a C-e",
	    "Move in the query; C-u C-k C-w Backspace Delete edit it");
	pager_add_key(p, "Up Down PgUp PgDn",
	    "Choose a person (past the last, a screenful more is found)");
	keymap_keys_for(c->km, CTX_PROMPT, ACT_SUBMIT, keys, sizeof keys);
	pager_add_key(p, keys, "Open the person (or "
	    "create, on the last line)");
	keymap_keys_for(c->km, CTX_PROMPT, ACT_CREATE, keys, sizeof keys);
	pager_add_key(p, keys, "Create a person from "
	    "the query (checks for duplicates first)");
	keymap_keys_for(c->km, CTX_PROMPT, ACT_CANCEL, keys, sizeof keys);
	pager_add_key(p, keys, "Close the search");
}

static void
search_fini(struct screen *s)
{
	free(s->state);
}

void
search_open(struct client *c, const char *query)
{
	struct screen *s = client_push_unbuilt(c, &scr_search, 0);
	struct search_state *ss;

	if (s == NULL)
		return;
	s->state = ss = xcalloc(1, sizeof *ss);
	lineedit_init(&ss->query, 127);
	lineedit_set(&ss->query, query);
	client_build(c, s);
}

static const enum action search_acts[] = { ACT_NONE };

const struct screen_ops scr_search = {
	.name = "search",
	.about = "Find a person before recording anything: by name (sounds-"
	    "alike too), date of birth, NHS number, UPN, postcode or #id.",
	.build = search_build,
	.key = search_key,
	.help = search_help,
	.draw = search_draw,
	.fini = search_fini,
	.acts = search_acts,
	.list_row = 2,
	.hint = "type to find  Enter open  C-o create  Esc back  F1 help",
};
