#include "config.h"

#include "casework/retention.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>


#include "casework/calendar.h"
#include "common/buf.h"
#include "common/date.h"
#include "common/file.h"
#include "common/ini.h"
#include "common/xmem.h"


enum cd_status
retention_load(struct retention_rules *r, const char *file,
    const struct cfg *c, struct cd_err *err)
{
	struct buf p = { 0 };
	dictionary *d;
	enum cd_status code = CD_OK;
	int nsec, i;

	memset(r, 0, sizeof *r);
	if (!file_exists(file) || (d = iniparser_load(file)) == NULL)
		return cd_err_set(err, CD_ERR_CONFIG, "%s: cannot be read", file);
	nsec = iniparser_getnsec(d);
	for (i = 0; i < nsec; i++) {
		const char *sec = iniparser_getsecname(d, i);
		struct retention_class k;

		if (strncmp(sec, "class.", 6) != 0) {
			buf_addf(&p, "%s%s: [%s]: unknown section", p.len ? "; " :
			    "", file, sec);
			continue;
		}
		memset(&k, 0, sizeof k);
		k.name = xstrdup(sec + 6);
		k.title = ini_dup(d, sec, "title");
		k.from = ini_dup(d, sec, "from");
		k.rule = ini_dup(d, sec, "rule");
		k.years = ini_int(d, sec, "years", -1);
		k.floor_years = ini_int(d, sec, "floor_years", -1);
		if (k.title == NULL || k.from == NULL || k.rule == NULL ||
		    k.years <= 0 || k.floor_years <= 0 || k.years < k.floor_years)
			buf_addf(&p, "%s%s: [%s]: needs title, from, rule, years "
			    "and floor_years (years at least the floor)", p.len ?
			    "; " : "", file, sec);
		r->c = xreallocarray(r->c, r->n + 1, sizeof *r->c);
		r->c[r->n++] = k;
	}
	iniparser_freedict(d);
	/* A council may keep records longer, never shorter than the floor. */
	for (i = 0; c != NULL && (size_t)i < c->nretention; i++) {
		const struct cfg_bind *o = &c->retention[i];
		size_t k;
		int years = atoi(o->spec);

		for (k = 0; k < r->n; k++)
			if (strcmp(r->c[k].name, o->context) == 0)
				break;
		if (k == r->n || strcmp(o->action, "years") != 0)
			buf_addf(&p, "%s%s: [retention.%s] %s: no such class or "
			    "setting", p.len ? "; " : "", o->source, o->context,
			    o->action);
		else if (years < r->c[k].floor_years)
			buf_addf(&p, "%s%s: [retention.%s] years: %s would be "
			    "shorter than the %d years the law or the notice "
			    "requires", p.len ? "; " : "", o->source, o->context,
			    o->spec, r->c[k].floor_years);
		else
			r->c[k].years = years;
	}
	if (p.len)
		code = cd_err_set(err, CD_ERR_CONFIG, "%s", buf_str(&p));
	buf_fini(&p);
	return code;
}

const char *
retention_default_file(void)
{
	if (file_exists(CASEWORK_DATADIR "/retention.ini"))
		return CASEWORK_DATADIR "/retention.ini";
	return CASEWORK_SRCDIR "/retention.ini";
}

/* Consider one class counted from date (a YYYY-MM-DD string). */
static void
consider(const struct retention_rules *r, const char *name, const char *date,
    struct retention_due *out)
{
	size_t i;
	long day;
	int ok;

	for (i = 0; i < r->n; i++)
		if (strcmp(r->c[i].name, name) == 0)
			break;
	if (i == r->n || date == NULL)
		return;
	day = calendar_day(date, &ok);
	if (!ok)
		return;
	day = calendar_add_months(day, 12L * r->c[i].years);
	if (out->cls == NULL || day > out->until) {
		out->cls = &r->c[i];
		out->until = day;
	}
}

void
retention_date(const struct retention_rules *r,
    const struct retention_facts *f, struct retention_due *out)
{
	memset(out, 0, sizeof *out);
	out->held = f->held;
	/* An open case keeps the whole record. */
	out->open = f->cp_open || f->cin_open || f->adopter_open ||
	    (f->looked_after && f->dob == NULL);
	if (f->looked_after)
		consider(r, "looked-after", f->dob, out);
	if (f->adoption_order)
		consider(r, "adoption", f->adoption_order, out);
	if (f->cp_ever && !f->cp_open)
		consider(r, "child-protection", f->cp_end, out);
	if (f->cin_ever && !f->cin_open)
		consider(r, "child-in-need", f->cin_closed, out);
	if (f->adopter_left)
		consider(r, "adopter-unsuccessful", f->adopter_left, out);
}

void
retention_fini(struct retention_rules *r)
{
	size_t i;

	for (i = 0; i < r->n; i++) {
		free(r->c[i].name);
		free(r->c[i].title);
		free(r->c[i].from);
		free(r->c[i].rule);
	}
	free(r->c);
	memset(r, 0, sizeof *r);
}

/* Sort one person's facts into the schedule. */
static void
schedule_collect(const struct retention_facts *f, void *arg)
{
	void **a = arg;
	const struct retention_rules *r = a[0];
	struct retention_schedule *s = a[1];
	struct retention_due due;

	retention_date(r, f, &due);
	if (due.open) {
		s->open++;
		return;
	}
	if (due.cls == NULL)
		return;
	if (due.until > s->as_of) {
		s->later++;
		return;
	}
	if (due.held) {
		s->held++;
		return;
	}
	s->d = xreallocarray(s->d, s->n + 1, sizeof *s->d);
	s->d[s->n].person = f->person;
	s->d[s->n].cls = due.cls;
	s->d[s->n].until = due.until;
	s->n++;
}

enum cd_status
retention_schedule_read(struct store *st, const struct retention_rules *r,
    long as_of, struct retention_schedule *s, struct cd_err *err)
{
	void *a[2] = { (void *)r, s };

	memset(s, 0, sizeof *s);
	s->as_of = as_of;
	return store_retention_facts(st, schedule_collect, a, err);
}

enum cd_status
retention_apply(struct store *st, const struct retention_schedule *s,
    const char *path, const char *user, const char *db, size_t *done,
    struct cd_err *err)
{
	struct buf cert = { 0 }, failed = { 0 };
	char now[DATE_TIME_LEN], d[11];
	struct cd_err e;
	enum cd_status code;
	size_t i;

	*done = 0;
	date_now(now);
	buf_addf(&cert, "casedesk destruction certificate\n\nDate: %s\nBy: "
	    "%s (information governance)\nDatabase: %s\n\nRecords destroyed "
	    "under the retention schedule (record numbers only; no personal "
	    "data):\n", now, user, db ? db : "");
	for (i = 0; i < s->n; i++) {
		if (store_destroy_person(st, s->d[i].person, s->d[i].cls->name,
		    s->d[i].cls->rule, &e) != CD_OK) {
			buf_addf(&failed, "%s#%lld: %s", failed.len ? "; " : "",
			    (long long)s->d[i].person, e.msg);
			continue;
		}
		calendar_date(s->d[i].until, d);
		buf_addf(&cert, "  #%-8lld class %-22s due %s; %s\n",
		    (long long)s->d[i].person, s->d[i].cls->name, d,
		    s->d[i].cls->rule);
		(*done)++;
	}
	buf_addf(&cert, "\n%zu record%s destroyed. Deleted pages were "
	    "overwritten (secure_delete) and the database rebuilt (VACUUM), so "
	    "the data cannot be recovered from the file.\nThe audit trail keeps "
	    "one event per destruction, with no personal data.\n", *done,
	    *done == 1 ? "" : "s");
	code = store_compact(st, err);
	if (code == CD_OK)
		code = file_write_atomic(path, cert.data, cert.len, 0600, err);
	if (code == CD_OK && failed.len)
		code = cd_err_set(err, CD_ERR_DENIED, "not destroyed: %s",
		    buf_str(&failed));
	buf_fini(&cert);
	buf_fini(&failed);
	return code;
}

void
retention_schedule_fini(struct retention_schedule *s)
{
	free(s->d);
	memset(s, 0, sizeof *s);
}
