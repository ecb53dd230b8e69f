/* The governance and returns commands: :review, :export, :retention. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casework/cpisfile.h"
#include "casework/exports.h"
#include "casework/retention.h"
#include "casework/sarpack.h"
#include "common/cfg.h"
#include "common/date.h"
#include "store/audit.h"
#include "store/retention.h"
#include "store/store.h"
#include "tui/command_int.h"
#include "tui/screen.h"

/* :review SEQ OUTCOME NOTE closes a flagged event on the review list. */
void
run_review(struct client *c, const char *args)
{
	const char *rest;
	long long seq = command_id(args, &rest);
	char outcome[16];
	size_t n;
	struct cd_err err;

	if (seq == 0 || *rest == '\0') {
		command_usage(c, "review");
		return;
	}
	n = strcspn(rest, " ");
	snprintf(outcome, sizeof outcome, "%.*s", (int)(n < 15 ? n : 15), rest);
	rest += n + strspn(rest + n, " ");
	if (store_audit_review(c->st, seq, outcome, rest, &err) != CD_OK) {
		client_fail(c, &err);
		return;
	}
	client_changed(c);
	client_refresh(c);
	client_say(c, "Event %lld reviewed: %s.", seq, outcome);
}

/* :export cpis DIR makes the CP-IS upload, as the command line does. */
static void
export_cpis(struct client *c, const char *dir)
{
	struct cpisfile f;
	struct cd_err err;

	if (c->cfg == NULL) {
		client_error(c, "No configuration: use casedesk export cpis.");
		return;
	}
	if (cpisfile_export(c->st, c->cfg, dir, NULL, 0, NULL, &f, &err) != CD_OK)
		client_fail(c, &err);
	else if (f.sent == 0)
		client_say(c, "Nothing to upload (%ld unchanged, %zu waiting for "
		    "an NHS number).", f.unchanged, f.nheld);
	else
		client_say(c, "Upload %lld written (mode 0600): %zu sent, %zu "
		    "waiting for an NHS number; %s", (long long)f.seq, f.sent,
		    f.nheld, f.path);
	cpisfile_fini(&f);
}

/* :export ssda903 YEAR DIR, cin YEAR FILE, annex-a FILE (the returns). */
static void
export_return(struct client *c, const char *what, const char *args)
{
	struct exports_job job;
	struct exports_result res;
	struct cd_err err;
	char path[256], now[DATE_TIME_LEN];
	int year = 0, n;

	memset(&job, 0, sizeof job);
	job.kind = what[0] == 's' ? EXPORT_SSDA903 : what[0] == 'c' ?
	    EXPORT_CIN : EXPORT_ANNEXA;
	n = job.kind == EXPORT_ANNEXA ? sscanf(args, " %255s", path) :
	    sscanf(args, " %d %255s", &year, path);
	if (n != (job.kind == EXPORT_ANNEXA ? 1 : 2)) {
		command_usage(c, "export");
		return;
	}
	date_now(now);
	now[19] = '\0';
	job.year = year;
	job.out = path;
	job.now = now;
	job.la_code = c->cfg ? c->cfg->la_code : NULL;
	job.la_ons = c->cfg ? c->cfg->la_ons : NULL;
	job.cal = c->late && c->late->loaded ? &c->late->cal : NULL;
	if (exports_run(c->st, &job, &res, &err) != CD_OK) {
		client_fail(c, &err);
		return;
	}
	client_say(c, "%s written to %s (mode 0600)%s.", exports_name(job.kind),
	    path, job.kind == EXPORT_ANNEXA ? "" : "; g r lists what the "
	    "checks find");
	exports_result_fini(&res);
}

/* :export sar PERSON FILE [REQUEST], cpis DIR, or a return. */
void
run_export(struct client *c, const char *args)
{
	char what[12], who[256], path[256], rq[24];
	long long person, req = 0;
	const char *phones[3];
	struct sarpack_opts o;
	struct sarpack p;
	struct cd_err err;
	int n = sscanf(args, "%11s %255s %255s %23s", what, who, path, rq);

	if (client_no_files(c, "run  ssh casedesk@HOST export ... --out - > "
	    "FILE  on your side"))
		return;
	if (n == 2 && strcmp(what, "cpis") == 0) {
		export_cpis(c, who);
		return;
	}
	if (n >= 1 && (strcmp(what, "ssda903") == 0 || strcmp(what, "cin") ==
	    0 || strcmp(what, "annex-a") == 0)) {
		export_return(c, what, args + strspn(args, " ") + strlen(what));
		return;
	}
	person = n >= 3 ? command_id(who, NULL) : 0;
	if (n == 4)
		req = command_id(rq, NULL);
	if (n < 3 || strcmp(what, "sar") != 0 || person <= 0 || (n == 4 &&
	    req <= 0)) {
		command_usage(c, "export");
		return;
	}
	sarpack_opts_init(&o, c->cfg, phones);
	if (sarpack_export(c->st, person, n == 4 ? req : 0, &o, path, NULL,
	    store_user_name(c->st), &p, &err) != CD_OK) {
		client_fail(c, &err);
		return;
	}
	client_changed(c);
	client_refresh(c);
	client_say(c, "Pack for #%lld written (mode 0600, %ld redacted) to "
	    "%s%s.", person, p.redactions, path, n == 4 ? "; release logged" :
	    "");
}

/* :retention apply FILE [DESTROY]: the schedule, then destruction. */
static enum cd_status
retention_destroy(struct client *c, const char *file, int confirmed,
    struct cd_err *err)
{
	struct retention_rules r;
	struct retention_schedule rs;
	size_t done = 0;
	enum cd_status code;

	memset(&rs, 0, sizeof rs);
	code = retention_load(&r, retention_default_file(), c->cfg, err);
	if (code == CD_OK)
		code = retention_schedule_read(c->st, &r, client_today(), &rs,
		    err);
	if (code == CD_OK && rs.n == 0)
		client_say(c, "Nothing is due for destruction.");
	else if (code == CD_OK && !confirmed)
		client_say(c, "This destroys %zu record%s for good: type  "
		    ":retention apply %s DESTROY", rs.n, rs.n == 1 ? "" : "s",
		    file);
	else if (code == CD_OK) {
		code = retention_apply(c->st, &rs, file, store_user_name(c->st),
		    NULL, &done, err);
		if (code == CD_OK)
			client_say(c, "Destroyed %zu; certificate (mode 0600) in "
			    "%s", done, file);
	}
	retention_schedule_fini(&rs);
	retention_fini(&r);
	return code;
}

/*
 * :retention hold ID KIND REASON, lift ID, or apply CERTIFICATE DESTROY
 * (the word DESTROY is the confirmation the command line asks for).
 */
void
run_retention(struct client *c, const char *args)
{
	char verb[8], a1[256], a2[256];
	enum cd_status code;
	struct cd_err err;
	int n = sscanf(args, "%7s %255s %255s", verb, a1, a2);
	long long id = n >= 2 ? command_id(a1, NULL) : 0;

	if (n >= 3 && !strcmp(verb, "hold") && id > 0) {
		const char *reason = strstr(args, a2);

		reason += strcspn(reason, " ");
		reason += strspn(reason, " ");
		code = store_legal_hold(c->st, id, a2, reason, &err);
		if (code == CD_OK)
			client_say(c, "Legal hold placed on #%lld.", id);
	} else if (n == 2 && !strcmp(verb, "lift") && id > 0) {
		code = store_legal_hold_lift(c->st, id, &err);
		if (code == CD_OK)
			client_say(c, "Legal hold lifted on #%lld.", id);
	} else if (n >= 2 && !strcmp(verb, "apply")) {
		/* The certificate is a file: the service account applies. */
		if (client_no_files(c, "destruction and its certificate are "
		    "run on the machine (casedesk retention apply)"))
			return;
		code = retention_destroy(c, a1, n >= 3 && !strcmp(a2,
		    "DESTROY"), &err);
	} else {
		command_usage(c, "retention");
		return;
	}
	if (code != CD_OK) {
		client_fail(c, &err);
		return;
	}
	client_changed(c);
	client_refresh(c);
}
