/*
 * The product's own timings on a demo database, for bench/REPORT.md (run
 * by bench/run, built in both the encrypted and the plain SQLite tree so
 * the two can be compared). Prints one line per measure:
 *
 *   NAME <tab> MEDIAN_MS <tab> P95_MS <tab> RUNS
 *
 *   bench_casedesk DB USER PASSPHRASE [--exports] [--only PART,...]
 *   bench_casedesk --startup CASEDESK DB     start-up to the unlock screen
 */
#include "config.h"

#include <fcntl.h>
#include <pty.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "casework/calendar.h"
#include "casework/exports.h"
#include "casework/summary.h"
#include "casework/tasks.h"
#include "common/cfg.h"
#include "common/date.h"
#include "common/xmem.h"
#include "forms/fill.h"
#include "forms/formdef.h"
#include "keys/dbkey.h"
#include "keys/keyring.h"
#include "keys/secret.h"
#include "store/audit.h"
#include "store/casefacts.h"
#include "store/search.h"
#include "store/store.h"
#include "store/workflow.h"
#include "tui/client.h"
#include "tui/keymap.h"
#include "tui/term.h"

#define MAXRUNS 4096

struct sample {
	double t[MAXRUNS];
	size_t n;
};


/* Make sure the database has the shipped forms installed (its migration). */
static enum cd_status
forms_ready(struct store *st)
{
	struct formset s;
	enum cd_status code = formdef_load_installed(st, &s, NULL);

	formdef_set_fini(&s);
	return code;
}

/* This process's CPU time: what a figure costs, whatever the load. */
static double
cpu_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int
by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static void
add(struct sample *s, double ms)
{
	if (s->n < MAXRUNS)
		s->t[s->n++] = ms;
}

/* Print a measure: median and 95th percentile of its runs. */
static void
report(const char *name, struct sample *s)
{
	if (s->n == 0)
		return;
	qsort(s->t, s->n, sizeof s->t[0], by_value);
	printf("%s\t%.3f\t%.3f\t%zu\n", name, s->t[s->n / 2],
	    s->t[(s->n * 95 + 99) / 100 - 1], s->n);
	fflush(stdout);
}

static void
die(const char *what, const struct cd_err *err)
{
	fprintf(stderr, "bench_casedesk: %s: %s\n", what, err ? err->msg : "");
	exit(1);
}

/* Start-up: from exec to "Passphrase:" on a pseudo-terminal, 15 times. */
static int
startup(const char *bin, const char *db)
{
	struct sample s = { .n = 0 };
	int i;

	for (i = 0; i < 15; i++) {
		char buf[4096], seen[16384] = "";
		double t0 = now_ms();
		int fd;
		pid_t pid = forkpty(&fd, NULL, NULL, NULL);

		if (pid == 0) {
			setenv("TERM", "vt100", 1);
			execl(bin, bin, "--db", db, "--user", "trainer",
			    (char *)NULL);
			_exit(127);
		}
		if (pid < 0)
			return 1;
		for (;;) {
			ssize_t n = read(fd, buf, sizeof buf - 1);

			if (n <= 0)
				break;
			buf[n] = '\0';
			if (strlen(seen) + (size_t)n < sizeof seen)
				strcat(seen, buf);
			if (strstr(seen, "Passphrase") != NULL)
				break;
		}
		add(&s, now_ms() - t0);
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
		close(fd);
	}
	report("start-up to the unlock screen", &s);
	return 0;
}

/* Argon2id at the default parameters: wrap once, unwrap five times. */
static void
unlock_kdf(void)
{
	struct sample s = { .n = 0 };
	struct keyring *kr;
	struct secret *dek, *pass, *got;
	struct kdf_params p;
	enum kdf_level level = KDF_MODERATE;
	struct cfg c;
	int i;

	cfg_init(&c);
	kdf_level_parse(c.kdf, &level, NULL);
	kdf_level_params(level, &p);
	if (keyring_create(store_cipher_major(), 4096, 0, &kr, &dek, NULL) !=
	    CD_OK || secret_dup("a long bench passphrase", 23, &pass, NULL) !=
	    CD_OK || keyring_set_user(kr, dek, "bench", pass, &p, NULL) != CD_OK)
		die("keyring", NULL);
	for (i = 0; i < 5; i++) {
		double t0 = now_ms();

		if (keyring_unlock(kr, "bench", pass, &got, NULL) != CD_OK)
			die("unlock", NULL);
		add(&s, now_ms() - t0);
		secret_free(&got);
	}
	report("unlock (Argon2id, default parameters)", &s);
	keyring_free(&kr);
	secret_free(&dek);
	secret_free(&pass);
	cfg_fini(&c);
}

/* Open the database and log in as user, timed. */
static struct store *
open_db(const char *db, const char *user, const char *pass,
    struct sample *s, struct dbkey *key)
{
	char *kpath = xasprintf("%.*s.keys", (int)(strrchr(db, '.') ?
	    strrchr(db, '.') - db : (long)strlen(db)), db);
	struct keyring *kr;
	struct secret *pw, *dek;
	struct store *st;
	struct cd_err err;
	double t0 = now_ms();

	if (keyring_load(kpath, &kr, &err) != CD_OK)
		die(kpath, &err);
	if (secret_dup(pass, strlen(pass), &pw, &err) != CD_OK ||
	    keyring_unlock(kr, user, pw, &dek, &err) != CD_OK ||
	    dbkey_make(kr, dek, key, &err) != CD_OK ||
	    store_open(db, key, &st, &err) != CD_OK ||
	    store_login(st, user, NULL, &err) != CD_OK)
		die("open", &err);
	if (s)
		add(s, now_ms() - t0);
	keyring_free(&kr);
	secret_free(&pw);
	secret_free(&dek);
	free(kpath);
	return st;
}

/* The hits a search asks for: what the client asks for at 80x24. */
#define SEARCH_HITS 20

/* What kind of term a search keystroke is, for its own figure. */
static const char *
term_kind(const char *t)
{
	size_t n = strlen(t);

	if (strchr(t, '/') != NULL)
		return "a date";
	if (strspn(t, "0123456789") == n)
		return "a number";
	if (strchr(t, ' ') != NULL)
		return "two words";
	if (t[0] >= 'A' && t[0] <= 'Z' && t[1] >= '0' && t[1] <= '9')
		return "a postcode";
	return n <= 2 ? "first letters" : "a name";
}

/*
 * Search as a duty worker types: every prefix of names, dates, numbers.
 * Each keystroke is timed whole (its audit event committed, as the
 * client's screen transaction does) and up to that commit, so the report
 * can say how much of a keystroke is the disk's. Then the same keystrokes
 * again, their pages now in SQLite's cache: what is left of the first
 * pass above the second is pages read and decrypted for the first time.
 */
static void
search(struct store *st)
{
	static const char *const typed[] = { "Begum", "Smith", "Khan",
	    "Nowak", "Okafor", "Kowalski", "Mohamed", "Ahmed Khan",
	    "Murphy", "Taylor", "Amelia Begum", "01/02/2015", "943",
	    "9434765919", "NW5", "Ahmed Kh", "Mohammed Ali" };
	static const char *const kinds[] = { "first letters", "a name",
	    "two words", "a date", "a number", "a postcode" };
	struct sample s = { .n = 0 }, by[6], work[6], again[6];
	struct person_hits h;
	char prefix[64], name[96];
	size_t i, k, j;
	int grouped, pass;

	memset(by, 0, sizeof by);
	memset(work, 0, sizeof work);
	memset(again, 0, sizeof again);
	for (pass = 0; pass < 2; pass++)
	for (i = 0; i < sizeof typed / sizeof typed[0]; i++)
		for (k = 1; k <= strlen(typed[i]); k++) {
			double t0, t1, ms;

			snprintf(prefix, sizeof prefix, "%.*s", (int)k,
			    typed[i]);
			t0 = now_ms();
			store_screen_begin(st, &grouped, NULL);
			if (store_person_search(st, prefix, SEARCH_HITS, &h,
			    NULL) == CD_OK)
				store_person_hits_fini(&h);
			t1 = now_ms();
			store_screen_end(st, grouped, NULL);
			ms = now_ms() - t0;
			if (pass == 0)
				add(&s, ms);
			for (j = 0; j < 6; j++)
				if (strcmp(kinds[j], term_kind(prefix)) != 0)
					continue;
				else if (pass == 1)
					add(&again[j], ms);
				else {
					add(&by[j], ms);
					add(&work[j], t1 - t0);
				}
		}
	report("search as you type (one keystroke)", &s);
	for (j = 0; j < 6; j++) {
		snprintf(name, sizeof name, "search keystroke: %s", kinds[j]);
		report(name, &by[j]);
	}
	for (j = 0; j < 6; j++) {
		snprintf(name, sizeof name, "search keystroke before its "
		    "commit: %s", kinds[j]);
		report(name, &work[j]);
	}
	for (j = 0; j < 6; j++) {
		snprintf(name, sizeof name, "search keystroke typed again "
		    "(pages cached): %s", kinds[j]);
		report(name, &again[j]);
	}
}

/* Whether a search for term finds want among its first results. */
static void
search_finds(struct store *st, const char *term, const char *want)
{
	struct person_hits h;
	size_t i;
	int found = 0;

	if (store_person_search(st, term, SEARCH_HITS, &h, NULL) != CD_OK)
		return;
	for (i = 0; i < h.n && i < 10; i++)
		if (strstr(h.h[i].name, want) != NULL)
			found = 1;
	printf("# search \"%s\" finds %s in its first ten: %s (%zu hits)\n",
	    term, want, found ? "yes" : "NO", h.n);
	store_person_hits_fini(&h);
}

/*
 * The disk's floor under every audited action: one page written and
 * fdatasync'd beside the database, as a commit of one audit event is.
 */
static void
disk_sync(const char *db)
{
	struct sample s = { .n = 0 };
	char page[4096], *path = xasprintf("%s.sync-probe", db);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600), i;

	memset(page, 0, sizeof page);
	for (i = 0; fd >= 0 && i < 50; i++) {
		double t0 = now_ms();

		if (pwrite(fd, page, sizeof page, (off_t)i * sizeof page) !=
		    (ssize_t)sizeof page || fdatasync(fd) != 0)
			break;
		add(&s, now_ms() - t0);
	}
	if (fd >= 0)
		close(fd);
	unlink(path);
	free(path);
	report("disk: one page written and fdatasync'd", &s);
}

/* Feed a string of keys to the client. */
static void
keys(struct client *c, const char *k)
{
	for (; *k; k++)
		client_key(c, (unsigned char)*k);
}

/* The person summary in the client: Enter on :person ID, drawn. */
static void
summary(struct store *st, const struct formset *forms, struct lateness *late)
{
	struct sample s = { .n = 0 };
	struct keymap km;
	struct client *c;
	char cmd[32];
	int i;

	if (term_start_headless(24, 80) != 0)
		die("a headless terminal", NULL);
	keymap_load(&km, NULL);
	c = client_new(st, &km, forms, late, NULL, 1);
	for (i = 0; i < 60; i++) {
		double t0;

		snprintf(cmd, sizeof cmd, ":person %d", 3 + i * 7);
		keys(c, cmd);
		t0 = now_ms();
		client_key(c, '\r');
		client_draw(c);
		add(&s, now_ms() - t0);
		keys(c, "\033");
	}
	report("open a person summary (read and draw)", &s);
	client_free(c);
	keymap_fini(&km);
	term_stop_headless();
}

static int
count_item(const struct queue_item *q, void *arg)
{
	(void)q;
	++*(long *)arg;
	return 0;
}

/*
 * Work that flows: the borough's tray, a team's, the allocation queue and
 * the summary model a screen draws from.
 */
static void
flow(struct store *st, struct lateness *late)
{
	struct sample borough = { .n = 0 }, team = { .n = 0 },
	    queue = { .n = 0 }, model = { .n = 0 };
	struct tasks t;
	struct summary sm;
	char day[DATE_TIME_LEN];
	long today, n;
	int i, ok;

	date_now(day);
	day[10] = '\0';
	today = calendar_day(day, &ok);
	for (i = 0; i < 5; i++) {
		double t0 = now_ms();

		if (tasks_collect(st, &late->rules, &late->cal, today, NULL,
		    NULL, &t, NULL) != CD_OK)
			die("tray", NULL);
		add(&borough, now_ms() - t0);
		tasks_fini(&t);
		t0 = now_ms();
		if (tasks_collect(st, &late->rules, &late->cal, today, NULL,
		    "Assessment Team 1", &t, NULL) != CD_OK)
			die("tray", NULL);
		add(&team, now_ms() - t0);
		tasks_fini(&t);
		n = 0;
		t0 = now_ms();
		if (store_queue(st, NULL, count_item, &n, NULL) != CD_OK)
			die("queue", NULL);
		add(&queue, now_ms() - t0);
	}
	for (i = 0; i < 60; i++) {
		double t0 = now_ms();

		if (summary_build(st, &late->rules, &late->cal, today, 3 + i * 7,
		    &sm, NULL) == CD_OK)
			add(&model, now_ms() - t0);
		summary_fini(&sm);
	}
	report("the borough's work tray", &borough);
	report("a team's work tray", &team);
	report("the borough's allocation queue", &queue);
	report("a person summary's model (casework/summary.c)", &model);
}

/*
 * Back to home, as user (a worker, or a manager with a team): open a
 * summary untimed, then Esc, timed with the home's redraw. Also the first
 * read of the tray, timed through casework (worker, team and borough).
 */
static void
home(const char *db, const char *user, const char *pass,
    const struct formset *forms, struct lateness *late, const char *label)
{
	struct sample back = { .n = 0 }, again = { .n = 0 };
	struct keymap km;
	struct client *c;
	struct dbkey key;
	struct store *st = open_db(db, user, pass, NULL, &key);
	char cmd[32], name[96];
	int i;

	if (forms_ready(st) != CD_OK)
		die("forms", NULL);
	if (term_start_headless(24, 80) != 0)
		die("a headless terminal", NULL);
	keymap_load(&km, NULL);
	c = client_new(st, &km, forms, late, NULL, 1);
	for (i = 0; i < 30; i++) {
		double t0;

		snprintf(cmd, sizeof cmd, ":person %d\r", 3 + i * 11);
		keys(c, cmd);
		client_draw(c);
		t0 = now_ms();
		keys(c, "\033");
		client_draw(c);
		add(&back, now_ms() - t0);
		/* Read again (r): the tray brought up to date and drawn. */
		t0 = now_ms();
		keys(c, "r");
		client_draw(c);
		add(&again, now_ms() - t0);
	}
	snprintf(name, sizeof name, "back to home (Esc), %s", label);
	report(name, &back);
	snprintf(name, sizeof name, "home read again (r), %s", label);
	report(name, &again);
	client_free(c);
	keymap_fini(&km);
	term_stop_headless();
	store_close(&st);
	dbkey_fini(&key);
}

/*
 * The borough's view as the client reads it: a page of 20 open cases
 * (the first, and the eleventh), and its open work counted.
 */
static void
borough_pages(struct store *st, struct lateness *late, long today)
{
	struct sample first = { .n = 0 }, later = { .n = 0 },
	    counts = { .n = 0 };
	struct open_counts oc;
	int64_t after = 0;
	int i;

	for (i = 0; i < 10; i++) {
		struct tasks t;

		if (tasks_page(st, &late->rules, &late->cal, today, after, 20,
		    &t, NULL) != CD_OK)
			die("a page of the borough's tray", NULL);
		after = t.next;
		tasks_fini(&t);
	}
	for (i = 0; i < 10; i++) {
		struct tasks t;
		double t0 = now_ms();

		if (tasks_page(st, &late->rules, &late->cal, today, 0, 20, &t,
		    NULL) != CD_OK)
			die("a page of the borough's tray", NULL);
		add(&first, now_ms() - t0);
		tasks_fini(&t);
		t0 = now_ms();
		if (tasks_page(st, &late->rules, &late->cal, today, after, 20,
		    &t, NULL) != CD_OK)
			die("a page of the borough's tray", NULL);
		add(&later, now_ms() - t0);
		tasks_fini(&t);
		t0 = now_ms();
		if (store_open_counts(st, &oc, NULL) != CD_OK)
			die("the borough's counts", NULL);
		add(&counts, now_ms() - t0);
	}
	report("the borough's work, a page (20 open cases): the first", &first);
	report("the borough's work, a page (20 open cases): the eleventh",
	    &later);
	report("the borough's open work counted", &counts);
}

/* The first read of a tray for a worker, a team and the borough. */
static void
trays(struct store *st, struct lateness *late)
{
	static const struct {
		const char *worker, *team, *name;
		int contacts;
	} what[] = {
		{ "social", NULL, "work tray, first read: a worker's", 0 },
		{ NULL, "Assessment Team 1", "work tray, first read: a team's",
		  1 },
		{ NULL, NULL, "work tray, first read: the borough's", 1 },
	};
	size_t k;
	int i, ok;
	long today = calendar_day("2026-11-23", &ok);

	for (k = 0; k < sizeof what / sizeof what[0]; k++) {
		struct sample s = { .n = 0 };

		for (i = 0; i < 3; i++) {
			struct tasks t;
			double t0 = now_ms();

			if (tasks_tray(st, &late->rules, &late->cal,
			    today, what[k].worker, what[k].team,
			    what[k].contacts, &t, NULL) != CD_OK)
				die("tray", NULL);
			add(&s, now_ms() - t0);
			tasks_fini(&t);
		}
		report(what[k].name, &s);
	}
	borough_pages(st, late, today);
}

/* A contact form: each field saved as the worker leaves it, and submitted. */
static void
form_save(struct store *st, const struct formset *forms)
{
	static const char *const fields[][2] = {
		{ "caller", "PC Bench" }, { "source", "6" },
		{ "concerns", "A benchmark contact." }, { "decision", "NFA" },
		{ "decision_reason", "Benchmark." },
		{ "decision_date", "2026-11-23" },
	};
	struct sample field = { .n = 0 }, submit = { .n = 0 };
	struct cd_err err;
	size_t k;
	int i;

	for (i = 0; i < 20; i++) {
		struct fill f;
		double t0;

		if (fill_new(&f, st, forms, "contact", 3 + i, &err) != CD_OK)
			die("form", &err);
		for (k = 0; k < sizeof fields / sizeof fields[0]; k++) {
			t0 = now_ms();
			if (fill_set(&f, fields[k][0], 0, fields[k][1], &err) !=
			    CD_OK)
				die("field", &err);
			add(&field, now_ms() - t0);
		}
		t0 = now_ms();
		if (fill_submit(&f, &err) != CD_OK)
			die("submit", &err);
		add(&submit, now_ms() - t0);
		fill_close(&f);
	}
	report("save a form field (draft and audit event)", &field);
	report("submit a form (record and audit events)", &submit);
}

static void
verify(struct store *st)
{
	struct sample s = { .n = 0 };
	struct audit_verify v;
	int i;

	struct sample per = { .n = 0 }, since = { .n = 0 }, cpu = { .n = 0 };

	for (i = 0; i < 3; i++) {
		double t0 = now_ms(), c0 = cpu_ms(), ms, c;

		if (store_audit_verify(st, &v, NULL) != CD_OK)
			die("verify", NULL);
		ms = now_ms() - t0;
		c = cpu_ms() - c0;
		add(&s, ms);
		add(&per, ms * 1e6 / (double)(v.events ? v.events : 1));
		add(&cpu, c * 1e6 / (double)(v.events ? v.events : 1));
	}
	report("verify the audit chain (the whole walk)", &s);
	report("verify the audit chain, per million events", &per);
	report("verify the audit chain, CPU per million events", &cpu);
	printf("# audit events\t%lld\n", (long long)v.events);
	printf("# audit verify threads\t%d\n", v.walk == AUDIT_WALK_SERIAL ?
	    1 : 2);
	for (i = 0; i < 3; i++) {
		double t0 = now_ms();

		if (store_audit_verify_since(st, &v, NULL) != CD_OK)
			die("verify since", NULL);
		add(&since, now_ms() - t0);
	}
	report("verify from the last verified event", &since);
}

static void
exports(struct store *st, struct lateness *late)
{
	static const struct {
		enum exports_kind kind;
		const char *name, *out;
	} what[] = {
		{ EXPORT_SSDA903, "export SSDA903 (this year)", "903" },
		{ EXPORT_CIN, "export CIN census (this year)", "cin.xml" },
		{ EXPORT_ANNEXA, "export Annex A (workbook)", "annexa.xlsx" },
		{ EXPORT_CHECKS, "check both returns (this year)", NULL },
	};
	char dir[] = "/tmp/cdbench.XXXXXX";
	size_t k;
	int i;

	if (mkdtemp(dir) == NULL)
		return;
	for (k = 0; k < sizeof what / sizeof what[0]; k++) {
		struct sample s = { .n = 0 };

		for (i = 0; i < 3; i++) {
			struct exports_job job = { 0 };
			struct exports_result res;
			struct cd_err err;
			char *out = what[k].out ? xasprintf("%s/%d%s", dir, i,
			    what[k].out) : NULL;
			double t0;

			job.kind = what[k].kind;
			job.year = 2027;
			job.out = out;
			job.check = out == NULL;
			job.la_code = "202";
			job.now = "2026-11-23T10:00:00";
			job.cal = &late->cal;
			t0 = now_ms();
			if (exports_run(st, &job, &res, &err) != CD_OK)
				die(what[k].name, &err);
			add(&s, now_ms() - t0);
			exports_result_fini(&res);
			free(out);
		}
		report(what[k].name, &s);
	}
}

/* Whether the part named runs: all of them unless --only listed some. */
static int
part(const char *only, const char *name)
{
	size_t n = strlen(name);
	const char *p;

	if (only == NULL)
		return 1;
	for (p = only; (p = strstr(p, name)) != NULL; p += n)
		if ((p == only || p[-1] == ',') && (p[n] == ',' ||
		    p[n] == '\0'))
			return 1;
	return 0;
}

int
main(int argc, char **argv)
{
	struct sample opens = { .n = 0 };
	struct lateness late;
	struct formset forms;
	struct dbkey key;
	struct store *st;
	const char *only = NULL;
	int i, want_exports = 0;

	if (argc == 4 && strcmp(argv[1], "--startup") == 0)
		return startup(argv[2], argv[3]);
	for (i = 4; i < argc; i++) {
		if (strcmp(argv[i], "--exports") == 0)
			want_exports = 1;
		else if (strcmp(argv[i], "--only") == 0 && i + 1 < argc)
			only = argv[++i];
		else
			argc = 0;
	}
	if (argc < 4) {
		fprintf(stderr, "usage: bench_casedesk DB USER PASSPHRASE "
		    "[--exports] [--only open,search,summary,flow,trays,home,"
		    "form,verify] | --startup CASEDESK DB\n");
		return 2;
	}
	setenv("CASEDESK_NOW", "2026-11-23T10:00:00.000Z", 0);
	if (secret_init(NULL) != CD_OK)
		die("libsodium", NULL);
	memset(&forms, 0, sizeof forms);
	formdef_load(FORMS_SRCDIR, &forms);
	if (lateness_load(&late, NULL, NULL) != CD_OK)
		die("rules", NULL);
	printf("# %s\n", store_library_version());
	if (part(only, "open")) {
		unlock_kdf();
		for (i = 0; i < 4; i++) {
			st = open_db(argv[1], argv[2], argv[3], &opens, &key);
			store_close(&st);
			dbkey_fini(&key);
		}
		report("open the database and log in (demo keyring)", &opens);
	}
	st = open_db(argv[1], argv[2], argv[3], NULL, &key);
	if (forms_ready(st) != CD_OK)
		die("forms", NULL);
	if (part(only, "search")) {
		search(st);
		search_finds(st, "Aisha Kh", "Khan, Aisha");
		search_finds(st, "Aisha Kha", "Khan, Aisha");
		search_finds(st, "Kw Ahmed", "Ahmed, Kwame");
		disk_sync(argv[1]);
	}
	if (part(only, "summary"))
		summary(st, &forms, &late);
	if (part(only, "flow"))
		flow(st, &late);
	if (part(only, "trays"))
		trays(st, &late);
	if (part(only, "home")) {
		home(argv[1], "social", argv[3], &forms, &late, "a worker");
		home(argv[1], "manager", argv[3], &forms, &late,
		    "a team manager");
		home(argv[1], "trainer", argv[3], &forms, &late,
		    "the trainer (the borough's page)");
	}
	if (part(only, "form"))
		form_save(st, &forms);
	if (part(only, "verify"))
		verify(st);
	if (want_exports)
		exports(st, &late);
	store_close(&st);
	dbkey_fini(&key);
	lateness_fini(&late);
	formdef_set_fini(&forms);
	return 0;
}
