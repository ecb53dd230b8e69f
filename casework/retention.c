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
	if (!file_exists(file) ||
	    (d = ini_load(file, ini_problem_to_buf, &p)) == NULL) {
		buf_fini(&p);
		return cd_err_set(err, CD_ERR_CONFIG, "%s: cannot be read", file);
	}
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
		/* 0 years: a class kept only while another needs it. */
		if (k.title == NULL || k.from == NULL || k.rule == NULL ||
		    k.years < 0 || k.floor_years < 0 || k.years < k.floor_years)
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
	return file_data_path(CASEWORK_DATADIR "/retention.ini",
	    CASEWORK_SRCDIR "/retention.ini");
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
	if (out->cls == NULL || calendar_add_months(day, 12L * r->c[i].years) >
	    out->until) {
		out->cls = &r->c[i];
		out->from = day;
		out->until = calendar_add_months(day, 12L * r->c[i].years);
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

/* Where each person with casework stands, for their relatives. */
enum standing { ST_DUE, ST_OPEN, ST_HELD, ST_LATER, ST_NONE };

struct stand {
	int64_t person;
	enum standing st;
	long until;
};

struct sched {
	const struct retention_rules *r;
	struct retention_schedule *s;
	struct stand *all;
	size_t nall;
	/* the relative being gathered (links come ordered by person) */
	int64_t cur;
	int cur_held, cur_staff, cur_cases;
	int64_t keep_for, last;
	long keep_until, due_until;
	int keep_open, keep_held, keep;
	const struct retention_class *relative;
};

/* Sort one person's facts into the schedule. */
static void
schedule_collect(const struct retention_facts *f, void *arg)
{
	struct sched *c = arg;
	struct retention_schedule *s = c->s;
	struct retention_due due;
	struct stand *a;

	retention_date(c->r, f, &due);
	s->people++;
	c->all = xreallocarray(c->all, c->nall + 1, sizeof *c->all);
	a = &c->all[c->nall++];
	a->person = f->person;
	a->until = due.until;
	if (due.open) {
		s->open++;
		a->st = ST_OPEN;
		return;
	}
	if (due.cls == NULL) {
		a->st = ST_NONE;
		return;
	}
	if (due.until > s->as_of) {
		s->later++;
		a->st = ST_LATER;
		return;
	}
	if (due.held) {
		s->held++;
		a->st = ST_HELD;
		return;
	}
	a->st = ST_DUE;
	s->d = xreallocarray(s->d, s->n + 1, sizeof *s->d);
	memset(&s->d[s->n], 0, sizeof s->d[s->n]);
	s->d[s->n].person = f->person;
	s->d[s->n].cls = due.cls;
	s->d[s->n].from = due.from;
	s->d[s->n].until = due.until;
	s->n++;
}

static int
stand_cmp(const void *a, const void *b)
{
	const struct stand *x = a, *y = b;

	return x->person < y->person ? -1 : x->person > y->person;
}

/* Decide the relative gathered so far: due with the last, or kept. */
static void
relative_done(struct sched *c)
{
	struct retention_schedule *s = c->s;

	if (c->cur == 0)
		return;
	s->people++;
	if (c->cur_staff)
		s->staff++;
	else if (c->cur_cases == 0)
		s->unattached++;
	else if (c->cur_held)
		s->held++;
	else if (c->keep) {
		struct retention_kept *k;

		s->kept = xreallocarray(s->kept, s->nkept + 1, sizeof *s->kept);
		k = &s->kept[s->nkept++];
		k->person = c->cur;
		k->needed_by = c->keep_for;
		k->until = c->keep_open || c->keep_held ? 0 : c->keep_until;
		k->open = c->keep_open;
		k->held = c->keep_held;
	} else if (c->relative != NULL) {
		s->d = xreallocarray(s->d, s->n + 1, sizeof *s->d);
		memset(&s->d[s->n], 0, sizeof s->d[s->n]);
		s->d[s->n].person = c->cur;
		s->d[s->n].cls = c->relative;
		s->d[s->n].from = c->due_until;
		s->d[s->n].until = c->due_until;
		s->d[s->n].with = c->last;
		s->n++;
		s->relatives++;
	}
	c->cur = 0;
}

/* One link of a person with no case: gather, then decide at the next. */
static void
link_collect(const struct retention_link *l, void *arg)
{
	struct sched *c = arg;
	struct stand key, *a;

	if (l->person != c->cur) {
		relative_done(c);
		c->cur = l->person;
		c->cur_held = l->held;
		c->cur_staff = l->staff;
		c->cur_cases = 0;
		c->keep = c->keep_open = c->keep_held = 0;
		c->keep_for = c->last = 0;
		c->keep_until = c->due_until = 0;
	}
	key.person = l->related;
	a = l->related && c->nall > 0 ? bsearch(&key, c->all, c->nall,
	    sizeof *c->all, stand_cmp) : NULL;
	if (a == NULL)
		return;		/* a relative's relative: no case of theirs */
	c->cur_cases++;
	if (a->st == ST_DUE) {
		if (a->until >= c->due_until) {
			c->due_until = a->until;
			c->last = a->person;
		}
		return;
	}
	/* Kept while this record is: the one kept longest is named. */
	if (!c->keep || a->st == ST_OPEN || a->st == ST_HELD ||
	    a->until > c->keep_until) {
		c->keep_for = a->person;
		c->keep_until = a->until;
	}
	c->keep = 1;
	c->keep_open |= a->st == ST_OPEN || a->st == ST_NONE;
	c->keep_held |= a->st == ST_HELD;
}

enum cd_status
retention_schedule_read(struct store *st, const struct retention_rules *r,
    long as_of, struct retention_schedule *s, struct cd_err *err)
{
	struct sched c;
	enum cd_status code;
	size_t i;

	memset(s, 0, sizeof *s);
	memset(&c, 0, sizeof c);
	s->as_of = as_of;
	c.r = r;
	c.s = s;
	for (i = 0; i < r->n; i++)
		if (strcmp(r->c[i].name, "relative") == 0)
			c.relative = &r->c[i];
	code = store_retention_facts(st, schedule_collect, &c, err);
	if (code == CD_OK) {
		if (c.nall > 1)
			qsort(c.all, c.nall, sizeof *c.all, stand_cmp);
		code = store_retention_links(st, link_collect, &c, err);
		relative_done(&c);
	}
	free(c.all);
	return code;
}

/* The backups and exports that may still hold a person, for the record. */
static void
copy_line(const struct retention_copy *k, void *arg)
{
	struct buf *b = arg;

	buf_addf(b, "      %s %s at %.16s (audit event %lld)\n", k->action,
	    k->what ? k->what : "", k->at, (long long)k->seq);
}

/* Count one destroyed record under its class. */
static void
class_count(const char **names, long *counts, size_t *n, const char *cls)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if (strcmp(names[i], cls) == 0)
			break;
	if (i == *n) {
		names[i] = cls;
		counts[i] = 0;
		(*n)++;
	}
	counts[i]++;
}

enum cd_status
retention_apply(struct store *st, const struct retention_schedule *s,
    const char *path, const char *user, const char *db, size_t *done,
    struct cd_err *err)
{
	return retention_apply_authorised(st, s, path, user, NULL, db, done,
	    err);
}

enum cd_status
retention_apply_authorised(struct store *st,
    const struct retention_schedule *s, const char *path, const char *user,
    const char *authoriser, const char *db, size_t *done,
    struct cd_err *err)
{
	struct buf cert = { 0 }, failed = { 0 }, copies = { 0 };
	const char *names[32];
	long counts[32];
	char now[DATE_TIME_LEN], d[11], f[11];
	struct cd_err e;
	enum cd_status code;
	size_t i, k, nclass = 0;
	int pass;

	*done = 0;
	date_now(now);
	calendar_date(s->as_of, d);
	buf_addf(&cert, "casedesk destruction certificate\n\nDate: %s\nBy: "
	    "%s (information governance)\n", now, user);
	if (authoriser)
		buf_addf(&cert, "Second authoriser: %s (information "
		    "governance)\n", authoriser);
	buf_addf(&cert, "Database: %s\nSchedule as of: %s\nLegal holds: "
	    "checked for each record at its destruction; none was in force "
	    "on those destroyed (%ld held record%s kept)\n\nRecords destroyed "
	    "under the retention schedule (record numbers only; no personal "
	    "data):\n", db ? db : "", d, s->held, s->held == 1 ? "" : "s");
	/* Case records first, then the relatives who go with them. */
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < s->n; i++) {
			const struct retention_item *it = &s->d[i];
			int64_t seq;

			if ((it->with != 0) != pass)
				continue;
			buf_reset(&copies);
			store_retention_copies(st, it->person, copy_line,
			    &copies, NULL);
			if (store_destroy_person(st, it->person, it->cls->name,
			    it->cls->rule, &e) != CD_OK) {
				buf_addf(&failed, "%s#%lld: %s", failed.len ?
				    "; " : "", (long long)it->person, e.msg);
				continue;
			}
			seq = store_destruction_event(st, it->person);
			calendar_date(it->from, f);
			calendar_date(it->until, d);
			if (it->with)
				buf_addf(&cert, "  #%-8lld class %s: with #%lld, "
				    "due %s; %s\n", (long long)it->person,
				    it->cls->name, (long long)it->with, d,
				    it->cls->rule);
			else
				buf_addf(&cert, "  #%-8lld class %s: %d years "
				    "from %s (%s), due %s; %s\n",
				    (long long)it->person, it->cls->name,
				    it->cls->years, f, it->cls->from, d,
				    it->cls->rule);
			buf_addf(&cert, "      audit event %lld\n", (long long)seq);
			if (copies.len)
				buf_addf(&cert, "    Copies made while the record "
				    "was held, which still hold it until they "
				    "expire or are destroyed:\n%s", buf_str(&copies));
			if (nclass < 32)
				class_count(names, counts, &nclass,
				    it->cls->name);
			(*done)++;
		}
	buf_addf(&cert, "\n%zu record%s destroyed", *done, *done == 1 ? "" :
	    "s");
	for (k = 0; k < nclass; k++)
		buf_addf(&cert, "%s%ld %s", k ? ", " : ": ", counts[k], names[k]);
	buf_addf(&cert, ". Deleted pages were overwritten (secure_delete) and "
	    "the database rebuilt (VACUUM), so the data cannot be recovered "
	    "from the file. Each destruction is on the tombstone list beside "
	    "the database, so a copy restored from before today loses them "
	    "again when it is opened.\nThe audit trail keeps one event per "
	    "destruction, with no personal data.\n");
	code = store_compact(st, err);
	if (code == CD_OK)
		code = file_write_atomic(path, cert.data, cert.len, 0600, err);
	if (code == CD_OK && failed.len)
		code = cd_err_set(err, CD_ERR_DENIED, "not destroyed: %s",
		    buf_str(&failed));
	buf_fini(&cert);
	buf_fini(&failed);
	buf_fini(&copies);
	return code;
}

void
retention_schedule_fini(struct retention_schedule *s)
{
	free(s->kept);
	free(s->d);
	memset(s, 0, sizeof *s);
}
