#include "config.h"

#include "casework/look.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casework/returns.h"
#include "casework/rows.h"
#include "common/xmem.h"
#include "store/codes.h"
#include "store/record.h"
#include "store/user.h"

static void add(struct look *l, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Add a line, whole: the screen wraps it (never cut inside a word or a
 * number); the number of lines is the look's budget. */
static void
add(struct look *l, const char *fmt, ...)
{
	va_list ap;

	if (l->n == LOOK_LINES)
		return;
	va_start(ap, fmt);
	l->line = xreallocarray(l->line, l->n + 1, sizeof *l->line);
	l->line[l->n++] = xvasprintf(fmt, ap);
	va_end(ap);
}

/* A long note over as many lines as it needs, up to max. */
static void
add_note(struct look *l, const char *label, const char *text, int max)
{
	size_t width = LOOK_WIDTH - strlen(label) - 1, n;
	const char *p = text;
	int k;

	for (k = 0; *p && k < max; k++) {
		n = strlen(p);
		if (n > width) {
			n = width;
			while (n > width / 2 && p[n] != ' ')
				n--;
		}
		add(l, "%s %.*s", k == 0 ? label : "", (int)n, p);
		if (k == 0)
			label = "";
		p += n;
		while (*p == ' ')
			p++;
	}
}


void
look_masked(int64_t id, struct look *out)
{
	memset(out, 0, sizeof *out);
	add(out, "#%lld  (restricted record)", (long long)id);
	add(out, "Known to us, but restricted: open it in the client with a "
	    "reason (break-glass,");
	add(out, "audited and reviewed), or ask the duty manager.");
}

/* Alerts: CP plan, looked after, missing, restricted, risks. */
static void
alerts(struct look *l, const struct record *p, const struct rows *cp,
    const struct rows *ep, const struct rows *mi)
{
	const struct record *plan = rows_open(cp, "start_date", "end_date");
	const struct record *epi = rows_open(ep, "start_date", "end_date");
	const struct record *gone = rows_open(mi, "start_date", "end_date");
	char d[RT_DATE];

	if (plan != NULL)
		add(l, "!! CHILD PROTECTION PLAN since %s: %s",
		    returns_dmy(rows_val(plan, "start_date"), d), codes_label(
		    "abuse_category", rows_val(plan, "latest_category")[0] ?
		    rows_val(plan, "latest_category") : rows_val(plan,
		    "initial_category")));
	if (epi != NULL) {
		add(l, "!! LOOKED AFTER: %s %s", rows_val(epi, "legal_status"),
		    codes_label("legal_status", rows_val(epi, "legal_status")));
		add(l, "   Placed since %s: %s %s", returns_dmy(rows_val(epi,
		    "start_date"), d), rows_val(epi, "placement_type"),
		    codes_label("placement_type", rows_val(epi,
		    "placement_type")));
		add(l, "   Carer: %s  %s  %s", rows_val(epi, "carer")[0] ?
		    rows_val(epi, "carer") : "not recorded", rows_val(epi,
		    "carer_phone")[0] ? rows_val(epi, "carer_phone") :
		    "no number", rows_val(epi, "placement_postcode"));
	}
	if (gone != NULL)
		add(l, "!! MISSING since %s", returns_dmy(rows_val(gone, "start_date"),
		    d));
	if (rows_val(p, "restricted")[0] == '1')
		add(l, "!! RESTRICTED RECORD: share nothing without the duty "
		    "manager");
	if (rows_val(p, "risk_to_workers")[0])
		add_note(l, "!! RISK TO WORKERS:", rows_val(p, "risk_to_workers"),
		    2);
	l->alert = plan || epi || gone || rows_val(p, "risk_to_workers")[0];
}

/* The three latest significant events, newest first. */
static void
events(struct look *l, const struct rows *ch)
{
	const struct record *best[3];
	size_t i, n = rows_significant(ch, best);
	char d[RT_DATE];

	if (n > 0)
		add(l, "Last significant events:");
	for (i = 0; i < n; i++)
		add(l, "  %s %s", returns_dmy(rows_val(best[i], "event_date"), d),
		    rows_val(best[i], "summary"));
	if (n == 0)
		add(l, "No significant events recorded.");
}

enum cd_status
look_person(struct store *st, int64_t id, const char *day, struct look *out,
    struct cd_err *err)
{
	struct rows cp, ep, mi, al, ad, ch;
	const struct record *home, *w;
	struct record p;
	char d[RT_DATE];
	enum cd_status code;
	int age;

	memset(out, 0, sizeof *out);
	code = store_record_get(st, "person", id, &p, err);
	if (code != CD_OK)
		return code;
	rows_load(st, "cp_plan", id, &cp);
	rows_load(st, "care_episode", id, &ep);
	rows_load(st, "missing_episode", id, &mi);
	rows_load(st, "allocation", id, &al);
	rows_load(st, "address", id, &ad);
	rows_load(st, "chronology", id, &ch);
	age = returns_age(rows_val(&p, "dob")[0] ? rows_val(&p, "dob") : NULL,
	    day);
	if (age >= 0)
		add(out, "%s, %s  #%lld  %s  %d (born %s)", rows_val(&p,
		    "family_name"), rows_val(&p, "given_names"), (long long)id,
		    rows_val(&p, "sex"), age, returns_dmy(rows_val(&p, "dob"), d));
	else
		add(out, "%s, %s  #%lld  UNBORN, due %s", rows_val(&p,
		    "family_name"), rows_val(&p, "given_names"), (long long)id,
		    returns_dmy(rows_val(&p, "expected_dob"), d));
	home = rows_open(&ad, "start_date", "end_date");
	if (home != NULL)
		add(out, "Lives: %s%s%s %s", rows_val(home, "line1"),
		    rows_val(home, "town")[0] ? ", " : "", rows_val(home,
		    "town"), rows_val(home, "postcode"));
	else
		add(out, "Lives: no current address recorded");
	if (rows_val(&p, "ooh_instructions")[0])
		add_note(out, "IF CONTACTED OUT OF HOURS:", rows_val(&p,
		    "ooh_instructions"), 3);
	if (rows_val(&p, "safety_plan")[0])
		add_note(out, "SAFETY PLAN:", rows_val(&p, "safety_plan"), 3);
	alerts(out, &p, &cp, &ep, &mi);
	if (!out->alert && rows_val(&p, "restricted")[0] != '1')
		add(out, "No child protection plan, not looked after, not "
		    "missing.");
	w = rows_open(&al, "start_date", "end_date");
	if (w != NULL) {
		char who[200];

		store_user_display(st, rows_val(w, "worker"), who, sizeof who);
		add(out, "Worker: %s, %s, %s", who, rows_val(w, "team")[0] ?
		    rows_val(w, "team") : "no team", rows_val(w, "phone")[0] ?
		    rows_val(w, "phone") : "no number");
	} else
		add(out, "No allocated worker: the duty desk in the morning.");
	events(out, &ch);
	rows_fini(&cp);
	rows_fini(&ep);
	rows_fini(&mi);
	rows_fini(&al);
	rows_fini(&ad);
	rows_fini(&ch);
	store_record_fini(&p);
	return CD_OK;
}

void
look_fini(struct look *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->line[i]);
	free(l->line);
	memset(l, 0, sizeof *l);
}

void
look_count(size_t first, size_t shown, size_t total, char *out, size_t len)
{
	if (len == 0)
		return;
	out[0] = '\0';
	if (total <= shown)
		return;
	snprintf(out, len, "%zu of %zu shown (page %zu of %zu): add a date of "
	    "birth or postcode", shown, total, first / LOOK_PAGE + 1,
	    (total + LOOK_PAGE - 1) / LOOK_PAGE);
}
