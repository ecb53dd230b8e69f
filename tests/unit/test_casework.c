/* Unit tests for casework/: the working-day calendar and the timescales. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "casework/calendar.h"
#include "casework/retention.h"
#include "casework/tasks.h"
#include "casework/timescale.h"
#include "common/cfg.h"
#include "common/xmem.h"

static struct calendar cal;

static char *
data(const char *name)
{
	return xasprintf("%s/casework/data/%s", getenv("top_srcdir") ?
	    getenv("top_srcdir") : ".", name);
}

static long
day(const char *d)
{
	int ok;
	long n = calendar_day(d, &ok);

	assert_true(ok);
	return n;
}

/* The holidays of a year as "MM-DD MM-DD ...". */
static void
year(int y, char *out, size_t len)
{
	long h[32];
	size_t n = calendar_year(&cal, y, h, 32), i;
	char d[11];

	out[0] = '\0';
	for (i = 0; i < n; i++) {
		calendar_date(h[i], d);
		snprintf(out + strlen(out), len - strlen(out), "%s%s",
		    i ? " " : "", d + 5);
	}
}

static void
bank_holidays_by_year(void **state)
{
	static const struct {
		int year;
		const char *days;
	} want[] = {
		{ 2020, "01-01 04-10 04-13 05-08 05-25 08-31 12-25 12-28" },
		{ 2021, "01-01 04-02 04-05 05-03 05-31 08-30 12-27 12-28" },
		{ 2022, "01-03 04-15 04-18 05-02 06-02 06-03 08-29 09-19 12-26 "
		    "12-27" },
		{ 2023, "01-02 04-07 04-10 05-01 05-08 05-29 08-28 12-25 12-26" },
		{ 2026, "01-01 04-03 04-06 05-04 05-25 08-31 12-25 12-28" },
		{ 2027, "01-01 03-26 03-29 05-03 05-31 08-30 12-27 12-28" },
		{ 2011, "01-03 04-22 04-25 04-29 05-02 05-30 08-29 12-26 12-27" },
	};
	char got[256];
	size_t i;

	for (i = 0; i < sizeof want / sizeof want[0]; i++) {
		year(want[i].year, got, sizeof got);
		if (strcmp(got, want[i].days) != 0)
			fail_msg("%d: got %s", want[i].year, got);
	}
}

static void
working_day_arithmetic(void **state)
{
	char out[11];

	/* The example: referral Monday 2 March 2026, 45 days. */
	calendar_date(calendar_add_workdays(&cal, day("2026-03-02"), 45), out);
	assert_string_equal(out, "2026-05-07");
	/* Over a weekend. */
	calendar_date(calendar_add_workdays(&cal, day("2026-11-20"), 1), out);
	assert_string_equal(out, "2026-11-23");
	/* Over Christmas with a substitute Boxing Day. */
	calendar_date(calendar_add_workdays(&cal, day("2026-12-24"), 1), out);
	assert_string_equal(out, "2026-12-29");
	calendar_date(calendar_add_workdays(&cal, day("2026-12-29"), -1), out);
	assert_string_equal(out, "2026-12-24");
	assert_int_equal(calendar_workdays_between(&cal, day("2025-12-24"),
	    day("2026-01-02")), 4);
	assert_int_equal(calendar_workdays_between(&cal, day("2026-01-02"),
	    day("2025-12-24")), -4);
	assert_false(calendar_is_workday(&cal, day("2022-09-19")));
	assert_true(calendar_is_workday(&cal, day("2020-05-04")));
}

static void
closures_from_configuration(void **state)
{
	struct calendar c;
	struct cd_err err;
	char *file = data("holidays.ini"), out[11];

	assert_int_equal(calendar_load(&c, file, "2026-12-24 2026-12-31",
	    &err), CD_OK);
	calendar_date(calendar_add_workdays(&c, day("2026-12-23"), 1), out);
	assert_string_equal(out, "2026-12-29");
	assert_false(calendar_is_workday(&c, day("2026-12-31")));
	calendar_fini(&c);
	assert_int_equal(calendar_load(&c, file, "2026-12-24 Xmas", &err),
	    CD_ERR_CONFIG);
	assert_non_null(strstr(err.msg, "\"Xmas\" is not a date"));
	calendar_fini(&c);
	free(file);
}

static void
every_timescale_worked(void **state)
{
	static const struct {
		const char *rule, *anchor;
		int age;
		const char *due;
	} cases[] = {
		{ "contact-decision", "2026-12-24", -1, "2026-12-29" },
		{ "assessment", "2026-03-02", -1, "2026-05-07" },
		{ "icpc", "2026-04-01", -1, "2026-04-24" },
		{ "cp-review-first", "2026-01-31", -1, "2026-04-30" },
		{ "cp-review-next", "2026-02-10", -1, "2026-08-10" },
		{ "cp-visit", "2026-11-20", -1, "2026-12-04" },
		{ "lac-review-first", "2026-12-01", -1, "2026-12-31" },
		{ "lac-review-second", "2026-12-31", -1, "2027-03-31" },
		{ "lac-review-next", "2027-03-31", -1, "2027-09-30" },
		{ "lac-visit-first", "2026-11-23", -1, "2026-11-30" },
		{ "lac-visit-next", "2026-11-23", -1, "2027-01-04" },
		{ "lac-visit-permanent", "2026-11-23", -1, "2027-02-23" },
		{ "health-initial", "2026-03-02", -1, "2026-03-30" },
		{ "health-review", "2026-01-10", 3, "2026-07-10" },
		{ "health-review", "2026-01-10", 7, "2027-01-10" },
		{ "pep", "2026-09-15", -1, "2027-01-15" },
		{ "pathway-plan", "2026-05-31", -1, "2026-11-30" },
		{ "adopter-stage1", "2026-01-30", -1, "2026-03-30" },
		{ "adopter-stage2", "2026-06-15", -1, "2026-10-15" },
		{ "sar", "2026-01-31", -1, "2026-02-28" },
	};
	char *file = data("rules.ini"), out[11];
	struct ruleset rs;
	struct cd_err err;
	size_t i;

	assert_int_equal(ruleset_load(&rs, file, NULL, &err), CD_OK);
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const struct rule *r = ruleset_find(&rs, cases[i].rule);

		assert_non_null(r);
		calendar_date(rule_due(r, &cal, day(cases[i].anchor),
		    cases[i].age), out);
		if (strcmp(out, cases[i].due) != 0)
			fail_msg("%s from %s: got %s, want %s", cases[i].rule,
			    cases[i].anchor, out, cases[i].due);
	}
	ruleset_fini(&rs);
	free(file);
}

/* Add a [rule.NAME] key = value override to c, as if read from a file. */
static void
override(struct cfg *c, const char *rule, const char *key, const char *value)
{
	struct cfg_bind *b;

	c->rules = xreallocarray(c->rules, c->nrules + 1, sizeof *c->rules);
	b = &c->rules[c->nrules++];
	b->context = xstrdup(rule);
	b->action = xstrdup(key);
	b->spec = xstrdup(value);
	b->source = xstrdup("casedesk.ini");
}

static void
only_local_rules_change_locally(void **state)
{
	char *file = data("rules.ini"), out[11];
	struct ruleset rs;
	struct cd_err err;
	struct cfg c;

	cfg_init(&c);
	override(&c, "cp-visit", "offset", "15");
	assert_int_equal(ruleset_load(&rs, file, &c, &err), CD_OK);
	calendar_date(rule_due(ruleset_find(&rs, "cp-visit"), &cal,
	    day("2026-11-20"), -1), out);
	assert_string_equal(out, "2026-12-11");
	assert_true(ruleset_find(&rs, "cp-visit")->changed);
	ruleset_fini(&rs);
	override(&c, "assessment", "offset", "40");
	override(&c, "nonsense", "offset", "4");
	assert_int_equal(ruleset_load(&rs, file, &c, &err), CD_ERR_CONFIG);
	assert_non_null(strstr(err.msg, "[rule.assessment]: a WT rule is set "
	    "by law or guidance"));
	assert_non_null(strstr(err.msg, "[rule.nonsense]: no such rule"));
	/* The refused override left the statutory timescale alone. */
	assert_int_equal(ruleset_find(&rs, "assessment")->offset, 45);
	ruleset_fini(&rs);
	cfg_fini(&c);
	free(file);
}

static void
lateness_from_the_rules(void **state)
{
	struct lateness l;

	assert_int_equal(lateness_load(&l, NULL, NULL), CD_OK);
	/* 45 working days from 2 March 2026 is 7 May. */
	assert_false(lateness_check("assessment", "2026-03-02", "2026-05-07",
	    &l));
	assert_true(lateness_check("assessment", "2026-03-02", "2026-05-08",
	    &l));
	assert_false(lateness_check("no-such-rule", "2026-03-02", "2027-01-01",
	    &l));
	lateness_fini(&l);
}

/* The retention date of facts f under r, as YYYY-MM-DD ("open" if kept). */
static const char *
kept_until(const struct retention_rules *r, const struct retention_facts *f,
    const char **cls)
{
	static char out[11];
	struct retention_due d;

	retention_date(r, f, &d);
	*cls = d.cls ? d.cls->name : "";
	if (d.open)
		return "open";
	if (d.cls == NULL)
		return "none";
	calendar_date(d.until, out);
	return out;
}

/* Each class's period, counted from its event; the latest date decides. */
static void
retention_dates_worked(void **state)
{
	char *file = data("retention.ini");
	struct retention_rules r;
	struct retention_facts f;
	struct cd_err err;
	const char *cls;

	(void)state;
	assert_int_equal(retention_load(&r, file, NULL, &err), CD_OK);
	memset(&f, 0, sizeof f);
	f.cin_ever = 1;
	f.cin_closed = "2001-01-15";
	assert_string_equal(kept_until(&r, &f, &cls), "2026-01-15");
	assert_string_equal(cls, "child-in-need");
	/* A CP plan that ended later keeps the record 35 years from its end. */
	f.cp_ever = 1;
	f.cp_end = "2000-03-10";
	assert_string_equal(kept_until(&r, &f, &cls), "2035-03-10");
	assert_string_equal(cls, "child-protection");
	/* Looked after: 100 years from birth, even a leap-day birth. */
	f.looked_after = 1;
	f.dob = "2008-02-29";
	assert_string_equal(kept_until(&r, &f, &cls), "2108-02-29");
	assert_string_equal(cls, "looked-after");
	/* Any open part keeps the whole record. */
	f.cin_open = 1;
	assert_string_equal(kept_until(&r, &f, &cls), "open");
	memset(&f, 0, sizeof f);
	f.adopter_left = "2016-02-29";
	assert_string_equal(kept_until(&r, &f, &cls), "2026-02-28");
	assert_string_equal(cls, "adopter-unsuccessful");
	f.adoption_order = "2012-07-01";
	assert_string_equal(kept_until(&r, &f, &cls), "2112-07-01");
	memset(&f, 0, sizeof f);
	assert_string_equal(kept_until(&r, &f, &cls), "none");
	retention_fini(&r);
	free(file);
}

/* A council may keep records longer than the schedule, never shorter. */
static void
retention_only_lengthens_locally(void **state)
{
	char *file = data("retention.ini"), ini[] = "/tmp/cdretXXXXXX";
	struct retention_rules r;
	struct retention_facts f;
	struct cd_err err;
	const char *cls;
	struct cfg c;
	FILE *fp;
	int fd;

	(void)state;
	assert_true((fd = mkstemp(ini)) >= 0);
	assert_non_null(fp = fdopen(fd, "w"));
	fputs("[retention.child-in-need]\nyears = 30\n", fp);
	fclose(fp);
	cfg_init(&c);
	cfg_read_file(&c, ini, 1);
	assert_int_equal(retention_load(&r, file, &c, &err), CD_OK);
	memset(&f, 0, sizeof f);
	f.cin_ever = 1;
	f.cin_closed = "2001-01-15";
	assert_string_equal(kept_until(&r, &f, &cls), "2031-01-15");
	retention_fini(&r);
	cfg_fini(&c);

	assert_non_null(fp = fopen(ini, "w"));
	fputs("[retention.child-protection]\nyears = 20\n"
	    "[retention.shoebox]\nyears = 99\n", fp);
	fclose(fp);
	cfg_init(&c);
	cfg_read_file(&c, ini, 1);
	assert_int_equal(retention_load(&r, file, &c, &err), CD_ERR_CONFIG);
	assert_non_null(strstr(err.msg, "[retention.child-protection] years: "
	    "20 would be shorter than the 35 years"));
	assert_non_null(strstr(err.msg, "[retention.shoebox] years: no such "
	    "class"));
	/* The refused change left the schedule's period alone. */
	f.cp_ever = 1;
	f.cp_end = "2000-03-10";
	assert_string_equal(kept_until(&r, &f, &cls), "2035-03-10");
	retention_fini(&r);
	cfg_fini(&c);
	unlink(ini);
	free(file);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(bank_holidays_by_year),
		cmocka_unit_test(working_day_arithmetic),
		cmocka_unit_test(closures_from_configuration),
		cmocka_unit_test(every_timescale_worked),
		cmocka_unit_test(only_local_rules_change_locally),
		cmocka_unit_test(lateness_from_the_rules),
		cmocka_unit_test(retention_dates_worked),
		cmocka_unit_test(retention_only_lengthens_locally),
	};
	char *file = data("holidays.ini");
	int rc;

	assert_int_equal(calendar_load(&cal, file, NULL, NULL), CD_OK);
	free(file);
	rc = cmocka_run_group_tests_name("casework", tests, NULL, NULL);
	calendar_fini(&cal);
	return rc;
}
