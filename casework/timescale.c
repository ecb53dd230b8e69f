#include "config.h"

#include "casework/timescale.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>


#include "common/buf.h"
#include "common/file.h"
#include "common/ini.h"
#include "common/xmem.h"

static const char *const unit_names[] = {
	[UNIT_WORKDAYS] = "workdays", [UNIT_DAYS] = "days",
	[UNIT_WEEKS] = "weeks", [UNIT_MONTHS] = "months",
};

static int
unit_parse(const char *s)
{
	size_t i;

	for (i = 0; i < sizeof unit_names / sizeof unit_names[0]; i++)
		if (s && strcmp(s, unit_names[i]) == 0)
			return (int)i;
	return -1;
}


/* Parse a whole number in 0..1000; -1 if it is not one. */
static int
number(const char *s)
{
	char *end;
	long v;

	if (s == NULL || *s == '\0')
		return -1;
	v = strtol(s, &end, 10);
	return *end == '\0' && v >= 0 && v <= 1000 ? (int)v : -1;
}

static void
apply_overrides(struct ruleset *rs, const struct cfg *c, struct buf *p)
{
	size_t i;

	for (i = 0; c != NULL && i < c->nrules; i++) {
		const struct cfg_bind *o = &c->rules[i];
		struct rule *r = (struct rule *)ruleset_find(rs, o->context);
		int v;

		if (r == NULL) {
			buf_addf(p, "%s%s: [rule.%s]: no such rule", p->len ?
			    "; " : "", o->source, o->context);
			continue;
		}
		if (strcmp(r->status, "Local") != 0) {
			buf_addf(p, "%s%s: [rule.%s]: a %s rule is set by law or "
			    "guidance and cannot be changed locally", p->len ?
			    "; " : "", o->source, o->context, r->status);
			continue;
		}
		if (strcmp(o->action, "offset") == 0 &&
		    (v = number(o->spec)) > 0)
			r->offset = v;
		else if (strcmp(o->action, "unit") == 0 &&
		    (v = unit_parse(o->spec)) >= 0)
			r->unit = (enum rule_unit)v;
		else {
			buf_addf(p, "%s%s: [rule.%s] %s: \"%s\" is not a valid "
			    "offset or unit", p->len ? "; " : "", o->source,
			    o->context, o->action, o->spec);
			continue;
		}
		r->changed = 1;
	}
}

enum cd_status
ruleset_load(struct ruleset *rs, const char *file, const struct cfg *c,
    struct cd_err *err)
{
	struct buf p = { 0 };
	dictionary *d;
	enum cd_status code = CD_OK;
	int nsec, i;

	memset(rs, 0, sizeof *rs);
	if (!file_exists(file) ||
	    (d = ini_load(file, ini_problem_to_buf, &p)) == NULL) {
		buf_fini(&p);
		return cd_err_set(err, CD_ERR_CONFIG, "%s: cannot be read", file);
	}
	nsec = iniparser_getnsec(d);
	for (i = 0; i < nsec; i++) {
		const char *sec = iniparser_getsecname(d, i);
		struct rule r;
		char *v;
		int u;

		if (strncmp(sec, "rule.", 5) != 0) {
			buf_addf(&p, "%s%s: [%s]: unknown section", p.len ? "; " :
			    "", file, sec);
			continue;
		}
		memset(&r, 0, sizeof r);
		r.name = xstrdup(sec + 5);
		r.title = ini_dup(d, sec, "title");
		r.anchor = ini_dup(d, sec, "anchor");
		r.status = ini_dup(d, sec, "status");
		r.source = ini_dup(d, sec, "source");
		v = ini_dup(d, sec, "offset");
		r.offset = number(v);
		free(v);
		v = ini_dup(d, sec, "unit");
		u = unit_parse(v);
		free(v);
		v = ini_dup(d, sec, "under_age");
		r.under_age = v ? number(v) : 0;
		free(v);
		v = ini_dup(d, sec, "offset_under");
		r.offset_under = v ? number(v) : 0;
		free(v);
		if (r.title == NULL || r.anchor == NULL || r.status == NULL ||
		    r.offset < 0 || u < 0 || r.under_age < 0 ||
		    r.offset_under < 0 || (strcmp(r.status, "Reg") &&
		    strcmp(r.status, "WT") && strcmp(r.status, "SG") &&
		    strcmp(r.status, "Local")))
			buf_addf(&p, "%s%s: [%s]: needs title, anchor, a whole "
			    "offset, a unit (workdays, days, weeks, months) and "
			    "a status (Reg, WT, SG, Local)", p.len ? "; " : "",
			    file, sec);
		r.unit = u < 0 ? UNIT_DAYS : (enum rule_unit)u;
		rs->r = xreallocarray(rs->r, rs->n + 1, sizeof *rs->r);
		rs->r[rs->n++] = r;
	}
	iniparser_freedict(d);
	apply_overrides(rs, c, &p);
	if (p.len)
		code = cd_err_set(err, CD_ERR_CONFIG, "%s", buf_str(&p));
	buf_fini(&p);
	return code;
}

const char *
ruleset_default_file(void)
{
	return file_data_path(CASEWORK_DATADIR "/rules.ini",
	    CASEWORK_SRCDIR "/rules.ini");
}

const struct rule *
ruleset_find(const struct ruleset *rs, const char *name)
{
	size_t i;

	for (i = 0; i < rs->n; i++)
		if (strcmp(rs->r[i].name, name) == 0)
			return &rs->r[i];
	return NULL;
}

long
rule_due(const struct rule *r, const struct calendar *cal, long anchor,
    int age)
{
	int offset = r->offset;

	if (r->under_age > 0 && age >= 0 && age < r->under_age)
		offset = r->offset_under;
	switch (r->unit) {
	case UNIT_WORKDAYS:
		return calendar_add_workdays(cal, anchor, offset);
	case UNIT_DAYS:
		return anchor + offset;
	case UNIT_WEEKS:
		return anchor + 7L * offset;
	case UNIT_MONTHS:
		return calendar_add_months(anchor, offset);
	}
	return anchor;
}

void
rule_describe(const struct rule *r, char *out, size_t len)
{
	static const char *const words[] = { "working days", "days", "weeks",
	    "months" };
	int n = snprintf(out, len, "%d %s", r->offset, words[r->unit]);

	if (r->under_age > 0 && n > 0 && (size_t)n < len)
		snprintf(out + n, len - (size_t)n, " (%d %s under %d)",
		    r->offset_under, words[r->unit], r->under_age);
}

void
ruleset_fini(struct ruleset *rs)
{
	size_t i;

	for (i = 0; i < rs->n; i++) {
		free(rs->r[i].name);
		free(rs->r[i].title);
		free(rs->r[i].anchor);
		free(rs->r[i].status);
		free(rs->r[i].source);
	}
	free(rs->r);
	memset(rs, 0, sizeof *rs);
}
