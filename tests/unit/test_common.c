/* Unit tests for common/: status messages, buffers, files, dates, config. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/buf.h"
#include "common/cfg.h"
#include "common/date.h"
#include "common/file.h"
#include "common/ini.h"
#include "common/status.h"
#include "common/words.h"
#include "common/xmem.h"

static char tmpdir[64];

static int
setup(void **state)
{
	strcpy(tmpdir, "/tmp/cdtest.XXXXXX");
	assert_non_null(mkdtemp(tmpdir));
	return 0;
}

static int
teardown(void **state)
{
	char *cmd = xasprintf("rm -rf '%s'", tmpdir);

	assert_int_equal(system(cmd), 0);
	free(cmd);
	return 0;
}

static void
status_messages(void **state)
{
	struct cd_err err;

	assert_string_equal(cd_status_str(CD_ERR_BADPASS), "wrong passphrase");
	assert_int_equal(cd_err_set(&err, CD_ERR_IO, "disk %d", 7), CD_ERR_IO);
	assert_string_equal(err.msg, "disk 7");
	cd_err_clear(&err);
	err.code = CD_ERR_DB_MISMATCH;
	assert_string_equal(cd_err_msg(&err),
	    "database does not match its keyring");
	assert_int_equal(cd_err_set(NULL, CD_ERR_NOMEM, "x"), CD_ERR_NOMEM);
}

static void
buf_fields_are_unambiguous(void **state)
{
	struct buf a = { 0 }, b = { 0 };

	buf_add_field(&a, "ab");
	buf_add_field(&a, "c");
	buf_add_field(&b, "a");
	buf_add_field(&b, "bc");
	assert_int_equal(a.len, b.len);
	assert_memory_not_equal(a.data, b.data, a.len);
	buf_reset(&a);
	buf_addf(&a, "%s-%d", "x", 42);
	assert_string_equal(buf_str(&a), "x-42");
	buf_add_u32(&a, 0x01020304u);
	assert_int_equal(a.data[4], 1);
	assert_int_equal(a.data[7], 4);
	buf_fini(&a);
	buf_fini(&b);
}

static void
atomic_write_is_private(void **state)
{
	char *path = xasprintf("%s/f.keys", tmpdir);
	unsigned char *data;
	size_t len;
	struct stat st;
	struct cd_err err;

	assert_int_equal(file_write_atomic(path, "one", 3, 0600, &err), CD_OK);
	assert_int_equal(file_write_atomic(path, "two!", 4, 0600, &err), CD_OK);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(file_read_all(path, 100, &data, &len, &err), CD_OK);
	assert_int_equal(len, 4);
	assert_string_equal((char *)data, "two!");
	free(data);
	assert_int_equal(file_read_all(path, 2, &data, &len, &err),
	    CD_ERR_INVALID);
	free(path);
	path = xasprintf("%s/missing", tmpdir);
	assert_int_equal(file_read_all(path, 100, &data, &len, &err),
	    CD_ERR_NOTFOUND);
	free(path);
	path = xasprintf("%s/no/such/dir/f", tmpdir);
	assert_int_equal(file_write_atomic(path, "x", 1, 0600, &err),
	    CD_ERR_IO);
	assert_non_null(strstr(err.msg, "cannot create"));
	free(path);
}

static void
sibling_paths(void **state)
{
	char *p;

	p = file_sibling("/a/b/demo.db", ".keys");
	assert_string_equal(p, "/a/b/demo.keys");
	free(p);
	p = file_sibling("/a.d/demo", ".keys");
	assert_string_equal(p, "/a.d/demo.keys");
	free(p);
	p = file_sibling("live.db", ".anchor");
	assert_string_equal(p, "live.anchor");
	free(p);
}

static void
dates(void **state)
{
	char now[DATE_TIME_LEN];

	assert_true(date_valid_iso("2024-02-29"));
	assert_false(date_valid_iso("2023-02-29"));
	assert_false(date_valid_iso("2023-13-01"));
	assert_false(date_valid_iso("2023-1-01"));
	assert_false(date_valid_iso("01/02/2023"));
	assert_false(date_valid_iso("2024-01-0x"));
	assert_false(date_valid_iso("+024-01-01"));
	assert_false(date_valid_iso("1799-12-31"));
	assert_true(date_valid_iso("1800-01-01"));
	assert_true(date_valid_iso("2026-12-31"));
	assert_false(date_valid_iso("2026-12-32"));
	setenv("CASEDESK_NOW", "2026-11-23T09:00:00.000Z", 1);
	date_now(now);
	assert_string_equal(now, "2026-11-23T09:00:00.000Z");
	unsetenv("CASEDESK_NOW");
	{
		/* The clock's time, as the C library would write it. */
		char before[32], after[32];
		time_t t0 = time(NULL), t1;
		struct tm tm;

		date_now(now);
		t1 = time(NULL);
		strftime(before, sizeof before, "%Y-%m-%dT%H:%M:%S",
		    gmtime_r(&t0, &tm));
		strftime(after, sizeof after, "%Y-%m-%dT%H:%M:%S",
		    gmtime_r(&t1, &tm));
		assert_true(strncmp(now, before, 19) == 0 ||
		    strncmp(now, after, 19) == 0);
	}
	assert_int_equal(strlen(now), DATE_TIME_LEN - 1);
	assert_int_equal(now[10], 'T');
	assert_true(now[19] == '.' && now[23] == 'Z');
	assert_true(now[20] >= '0' && now[20] <= '9' && now[22] >= '0' &&
	    now[22] <= '9');
}

/* Write text to a file in tmpdir and return its path. */
static char *
write_ini(const char *name, const char *text)
{
	char *path = xasprintf("%s/%s", tmpdir, name);
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	return path;
}

static void
config_reports_every_problem(void **state)
{
	struct cfg c;
	char *path = write_ini("bad.ini",
	    "[security]\nkdf = weak\nidle_lock_minutes = 0\n"
	    "[display]\nascii = perhaps\ncolor = yes\n"
	    "[nonsense]\nx = 1\n"
	    "[keys.global]\nquit = Q\n");
	size_t i;
	int found[4] = { 0 };

	cfg_init(&c);
	assert_string_equal(c.kdf, "moderate");
	assert_int_equal(c.idle_lock_minutes, 15);
	assert_int_equal(cfg_load(&c, path), CD_ERR_CONFIG);
	assert_int_equal(c.nproblems, 5);
	for (i = 0; i < c.nproblems; i++) {
		assert_non_null(strstr(c.problems[i], path));
		found[0] |= strstr(c.problems[i], "[security] kdf") != NULL;
		found[1] |= strstr(c.problems[i], "idle_lock_minutes") != NULL;
		found[2] |= strstr(c.problems[i], "[display] color: unknown")
		    != NULL;
		found[3] |= strstr(c.problems[i], "[nonsense]: unknown section")
		    != NULL;
	}
	assert_true(found[0] && found[1] && found[2] && found[3]);
	/* Bad values leave the defaults in place. */
	assert_string_equal(c.kdf, "moderate");
	assert_int_equal(c.nbinds, 1);
	assert_string_equal(c.binds[0].context, "global");
	assert_string_equal(c.binds[0].spec, "Q");
	cfg_fini(&c);
	free(path);
}

/*
 * iniparser keeps a section as an entry with no value, and a section
 * named "a:b" looks like key b of section a: neither is ever a value.
 */
static void
ini_sections_are_never_values(void **state)
{
	char *path = write_ini("nested.ini",
	    "[form]\ncode = x\n[form:version]\n[form:title]\nk = v\n"
	    "[codes]\na = A | one\n[codes:b]\n");
	dictionary *d = iniparser_load(path);
	const char **keys;
	int n, i;

	assert_non_null(d);
	/* The raw library hands back NULL for these... */
	assert_null(iniparser_getstring(d, "form:version", ""));
	/* ...the helpers never do. */
	assert_string_equal(ini_value(d, "form:version"), "");
	assert_null(ini_dup(d, "form", "title"));
	assert_int_equal(ini_int(d, "form", "version", 7), 7);
	keys = ini_keys(d, "form", &n);
	for (i = 0; i < n; i++)
		assert_non_null(iniparser_getstring(d, keys[i], NULL));
	assert_int_equal(n, 2);	/* form:code and form:title:k */
	free(keys);
	keys = ini_keys(d, "codes", &n);
	assert_int_equal(n, 1);
	assert_string_equal(keys[0], "codes:a");
	free(keys);
	iniparser_freedict(d);
	free(path);
}

/* The file from issue 20 that made check-config end with SIGSEGV. */
static void
config_hostile_file_reports_problems(void **state)
{
	struct cfg c;
	char *path = xasprintf("%s/tests/fuzz/corpus/config/"
	    "nested-section-null.ini", getenv("top_srcdir") ?
	    getenv("top_srcdir") : ".");
	size_t i;

	cfg_init(&c);
	(void)cfg_load(&c, path);
	/* Its bindings all name a context and action; none is NULL. */
	for (i = 0; i < c.nbinds; i++) {
		assert_non_null(c.binds[i].spec);
		assert_non_null(c.binds[i].action);
	}
	cfg_fini(&c);
	free(path);
}

/* casedesk.ini(5), read whole, and what the option table found missing. */
struct manpage {
	char *text;
	const char *section;	/* where the current section's text starts */
	const char *end;	/* and where the next begins */
	int missing;
};

/* One line of cfg_describe: a [section], or "; help\nkey = default". */
static void
man_line(const char *line, void *arg)
{
	struct manpage *m = arg;
	char want[256], key[64], def[128] = "";
	const char *nl;

	if (line[line[0] == '\n'] == '[') {
		snprintf(want, sizeof want, ".Ss %s\n", line + (line[0] == '\n'));
		m->section = strstr(m->text, want);
		m->end = m->section ? strstr(m->section + 1, "\n.Ss ") : NULL;
		if (m->section == NULL)
			fprintf(stderr, "# casedesk.ini.5 lacks %s", want);
		m->missing += m->section == NULL;
		return;
	}
	nl = strrchr(line, '\n');
	if (m->section == NULL || nl == NULL ||
	    sscanf(nl + 1, "%63s = %127[^\n]", key, def) < 1)
		return;
	/* ".It Cm kdf No = Cm moderate", or "No = Ar PATH" with no default */
	snprintf(want, sizeof want, ".It Cm %s No = %s%s", key, *def ? "Cm " :
	    "Ar", def);
	{
		const char *at = strstr(m->section, want);

		if (at == NULL || (m->end != NULL && at > m->end)) {
			fprintf(stderr, "# casedesk.ini.5 lacks \"%s\"\n", want);
			m->missing++;
		}
	}
}

/* casedesk.ini(5) documents every key of every section, with its default. */
static void
manpage_has_every_setting(void **state)
{
	struct manpage m = { NULL, NULL, NULL, 0 };
	char *path = xasprintf("%s/man/casedesk.ini.5", getenv("top_srcdir") ?
	    getenv("top_srcdir") : ".");
	unsigned char *data;
	size_t len;

	assert_int_equal(file_read_all(path, 1u << 20, &data, &len, NULL),
	    CD_OK);
	m.text = (char *)data;
	cfg_describe(man_line, &m);
	assert_int_equal(m.missing, 0);
	free(data);
	free(path);
}

static void
config_good_and_missing(void **state)
{
	struct cfg c;
	char *path = write_ini("good.ini", "[security]\nkdf = sensitive\n"
	    "idle_lock_minutes = 5\n[display]\nascii = yes\n");
	char *missing = xasprintf("%s/nope.ini", tmpdir);

	cfg_init(&c);
	(void)cfg_load(&c, path);
	assert_string_equal(c.kdf, "sensitive");
	assert_int_equal(c.idle_lock_minutes, 5);
	assert_int_equal(c.ascii, 1);
	cfg_fini(&c);
	cfg_init(&c);
	assert_int_equal(cfg_load(&c, missing), CD_ERR_CONFIG);
	assert_non_null(strstr(c.problems[0], "no such file"));
	cfg_fini(&c);
	free(path);
	free(missing);
}

/* Split line, expecting n words joined by '|' as want. */
static void
split_ok(const char *line, const char *want)
{
	struct buf b = { 0 };
	char **w;
	size_t n, i;

	assert_int_equal(words_split(line, &w, &n, NULL), CD_OK);
	for (i = 0; i < n; i++)
		buf_addf(&b, "%s%s", i ? "|" : "", w[i]);
	assert_string_equal(buf_str(&b), want);
	buf_fini(&b);
	words_free(w, n);
}

/* Expect line refused with a message containing why. */
static void
split_refused(const char *line, const char *why)
{
	struct cd_err err;
	char **w;
	size_t n;

	assert_int_equal(words_split(line, &w, &n, &err), CD_ERR_INVALID);
	if (strstr(err.msg, why) == NULL)
		fail_msg("\"%s\": %s", line, err.msg);
}

static void
words_are_split_without_a_shell(void **state)
{
	char big[WORDS_LINE_MAX + 8];

	(void)state;
	split_ok("export cin --year 2027 --out -",
	    "export|cin|--year|2027|--out|-");
	split_ok("  search   \"O'Brien Mary\"  ", "search|O'Brien Mary");
	split_ok("search 'a \"b\" c'", "search|a \"b\" c");
	split_ok("form set 12 kind=cp '#1'", "form|set|12|kind=cp|#1");
	split_ok("search Zo\xc3\xab", "search|Zo\xc3\xab");
	split_ok("search ab'cd'ef", "search|abcdef");
	split_ok("", "");
	split_refused("search x; sh", "';' (at 9) is not allowed");
	split_refused("search $(id)", "'$'");
	split_refused("search `id`", "'`'");
	split_refused("search x | sh", "'|'");
	split_refused("search x > /tmp/f", "'>'");
	split_refused("search x\nsh", "\\x0a");
	split_refused("search 'x\nsh'", "control character");
	split_refused("search 'unclosed", "never closed");
	split_refused("search ~root", "'~'");
	split_refused("a b c d e f g h i j k l m n o p q r s t u v w x y z "
	    "1 2 3 4 5 6 7", "more than 32 words");
	memset(big, 'a', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	split_refused(big, "longer than");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(status_messages),
		cmocka_unit_test(buf_fields_are_unambiguous),
		cmocka_unit_test(atomic_write_is_private),
		cmocka_unit_test(sibling_paths),
		cmocka_unit_test(dates),
		cmocka_unit_test(config_reports_every_problem),
		cmocka_unit_test(config_good_and_missing),
		cmocka_unit_test(words_are_split_without_a_shell),
		cmocka_unit_test(ini_sections_are_never_values),
		cmocka_unit_test(config_hostile_file_reports_problems),
		cmocka_unit_test(manpage_has_every_setting),
	};

	return cmocka_run_group_tests_name("common", tests, setup, teardown);
}
