/* Unit tests for store/: opening, migrations, users and the audit chain. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "common/file.h"
#include "common/xmem.h"
#include "fixture.h"
#include "keys/hash.h"
#include "store/audit.h"
#include "store/backup.h"
#include "store/form.h"
#include "store/session.h"
#include "store/testing.h"
#include "store/user.h"

static int
setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);

	fixture_make(f);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	fixture_free(f);
	free(f);
	return 0;
}

static void
migrated_from_empty(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(store_schema_version(f->st), STORE_SCHEMA_VERSION);
	assert_false(store_is_demo(f->st));
	assert_string_equal(store_user_name(f->st), "admin");
	assert_int_equal(store_user_role(f->st), ROLE_ADMIN);
}

static void
wrong_data_key_is_a_mismatch(void **state)
{
	struct fixture *f = *state;
	struct keyring *other;
	struct secret *dek;
	struct dbkey key;
	struct store *st;
	struct cd_err err;

	assert_int_equal(keyring_create(3, 4096, 0, &other, &dek, NULL), CD_OK);
	assert_int_equal(dbkey_make(other, dek, &key, NULL), CD_OK);
	assert_int_equal(store_open(f->db, &key, &st, &err),
	    CD_ERR_DB_MISMATCH);
	assert_non_null(strstr(err.msg, "does not match its keyring"));
	assert_null(strstr(err.msg, "passphrase is wrong"));
	dbkey_fini(&key);
	keyring_free(&other);
	secret_free(&dek);
}

static void
newer_schema_refused(void **state)
{
	struct fixture *f = *state;
	struct store *st;
	struct cd_err err;

	assert_int_equal(store_test_exec(f->st, "PRAGMA user_version = 99",
	    NULL), CD_OK);
	assert_int_equal(store_open(f->db, &f->key, &st, &err),
	    CD_ERR_VERSION);
	assert_non_null(strstr(err.msg, "schema version 99"));
	{
		char want[32], put[48];

		snprintf(want, sizeof want, "(version %d)",
		    STORE_SCHEMA_VERSION);
		snprintf(put, sizeof put, "PRAGMA user_version = %d",
		    STORE_SCHEMA_VERSION);
		assert_non_null(strstr(err.msg, want));
		assert_int_equal(store_test_exec(f->st, put, NULL), CD_OK);
	}
}

static void
audit_rows_cannot_change(void **state)
{
	struct fixture *f = *state;
	struct cd_err err;

	assert_int_equal(store_test_exec(f->st, "UPDATE audit_event SET "
	    "actor = 'mallory' WHERE seq = 1", &err), CD_ERR_DB);
	assert_non_null(strstr(err.msg, "append-only"));
	assert_int_equal(store_test_exec(f->st, "DELETE FROM audit_event "
	    "WHERE seq = 1", &err), CD_ERR_DB);
	assert_non_null(strstr(err.msg, "append-only"));
	assert_int_equal(store_test_exec(f->st, "DELETE FROM audit_detail",
	    &err), CD_ERR_DB);
	assert_int_equal(store_test_exec(f->st, "UPDATE audit_detail SET "
	    "body = x'00'", &err), CD_ERR_DB);
	/* Retention may purge a detail body; the chain still verifies. */
	assert_int_equal(store_test_exec(f->st, "UPDATE audit_detail SET "
	    "body = NULL WHERE seq = 1", &err), CD_OK);
}

/* Verify and return the first bad event (0 when intact). */
static int64_t
verify(struct store *st, char *problem, size_t len)
{
	struct audit_verify v;
	enum cd_status code = store_audit_verify(st, &v, NULL);

	if (problem)
		snprintf(problem, len, "%s", v.problem);
	if (code == CD_OK)
		return 0;
	assert_int_equal(code, CD_ERR_AUDIT);
	return v.bad_seq ? v.bad_seq : -1;
}

static void
drop_guards(struct store *st)
{
	assert_int_equal(store_test_exec(st, "DROP TRIGGER "
	    "audit_event_no_update; DROP TRIGGER audit_event_no_delete;", NULL),
	    CD_OK);
}

static void
verify_intact_after_workload(void **state)
{
	struct fixture *f = *state;
	struct store *sam = fixture_open_as(f, "sam");
	struct audit_verify v;
	struct cd_err err;

	assert_int_equal(store_user_disable(sam, "admin", &err), CD_ERR_DENIED);
	assert_int_equal(store_audit_verify(sam, &v, &err), CD_ERR_DENIED);
	store_close(&sam);
	assert_int_equal(store_user_passwd_changed(f->st, "sam", NULL), CD_OK);
	assert_int_equal(verify(f->st, NULL, 0), 0);
	assert_int_equal(store_audit_verify(f->st, &v, NULL), CD_OK);
	/* create admin, login, create sam, login sam, logout sam, passwd */
	assert_int_equal(v.events, 6);
	assert_int_equal(v.anchor_seq, 5);
}

static void
verify_detects_changed_event(void **state)
{
	struct fixture *f = *state;
	char why[256];

	drop_guards(f->st);
	assert_int_equal(store_test_exec(f->st, "UPDATE audit_event SET "
	    "actor = 'mallory' WHERE seq = 2", NULL), CD_OK);
	assert_int_equal(verify(f->st, why, sizeof why), 2);
	assert_non_null(strstr(why, "event 2 has been altered"));
}

static void
verify_detects_changed_detail(void **state)
{
	struct fixture *f = *state;
	char why[256];

	assert_int_equal(store_test_exec(f->st, "DROP TRIGGER "
	    "audit_detail_purge_only; UPDATE audit_detail SET body = "
	    "replace(body, 'Sam Social', 'Sam Socia1') WHERE seq = 3", NULL),
	    CD_OK);
	assert_int_equal(verify(f->st, why, sizeof why), 3);
	assert_non_null(strstr(why, "details have been altered"));
}

static void
verify_detects_deleted_event(void **state)
{
	struct fixture *f = *state;
	char why[256];

	drop_guards(f->st);
	/* An event with details cannot go: its detail row holds it. */
	assert_int_equal(store_test_exec(f->st, "DELETE FROM audit_event "
	    "WHERE seq = 3", NULL), CD_ERR_DB);
	assert_int_equal(store_test_exec(f->st, "DELETE FROM audit_event "
	    "WHERE seq = 2", NULL), CD_OK);
	assert_int_equal(verify(f->st, why, sizeof why), 2);
	assert_non_null(strstr(why, "event 2 is missing"));
}

static void
verify_detects_reordered_events(void **state)
{
	struct fixture *f = *state;
	char why[256];

	drop_guards(f->st);
	/* Swap events 2 and 4 (both without details), keeping their hashes. */
	assert_int_equal(store_test_exec(f->st,
	    "UPDATE audit_event SET seq = -2 WHERE seq = 2;"
	    "UPDATE audit_event SET seq = 2 WHERE seq = 4;"
	    "UPDATE audit_event SET seq = 4 WHERE seq = -2;", NULL), CD_OK);
	assert_int_equal(verify(f->st, why, sizeof why), 2);
}

static void
verify_detects_cut_off_tail(void **state)
{
	struct fixture *f = *state;
	struct cd_err err;
	char why[256];

	struct store *sam = fixture_open_as(f, "sam");

	/* Closing writes the anchor: it records events 1 to 5. */
	store_close(&sam);
	drop_guards(f->st);
	assert_int_equal(store_test_exec(f->st, "DELETE FROM audit_event "
	    "WHERE seq >= 4", NULL), CD_OK);
	assert_int_not_equal(verify(f->st, why, sizeof why), 0);
	assert_non_null(strstr(why, "cut off"));
	/* The anchor is evidence: it is not overwritten to match. */
	assert_int_equal(store_audit_anchor(f->st, &err), CD_ERR_AUDIT);
	assert_non_null(strstr(err.msg, "kept as evidence"));
}

static void
verify_detects_missing_or_forged_anchor(void **state)
{
	struct fixture *f = *state;
	char *anchor = file_sibling(f->db, ".anchor"), why[256];
	const char *forged = "casedesk audit anchor 1\nseq 1\nhash "
	    "0000000000000000000000000000000000000000000000000000000000000000"
	    "\nmac "
	    "0000000000000000000000000000000000000000000000000000000000000000"
	    "\n";

	assert_int_equal(file_write_atomic(anchor, forged, strlen(forged),
	    0600, NULL), CD_OK);
	assert_int_equal(verify(f->st, why, sizeof why), -1);
	assert_non_null(strstr(why, "altered"));
	unlink(anchor);
	assert_int_equal(verify(f->st, why, sizeof why), -1);
	assert_non_null(strstr(why, "missing"));
	free(anchor);
}

/* A session as sam, opened and closed: more events, the anchor rewritten. */
static void
sam_session(struct fixture *f)
{
	struct store *sam = fixture_open_as(f, "sam");

	store_close(&sam);
}

/*
 * The incremental walk starts after the last verified event, kept with its
 * hash in the MAC'd anchor: it finds a change after that event, leaves one
 * before it to the full walk (which finds it), and refuses a checkpoint
 * whose MAC fails.
 */
static void
verify_from_the_last_verified_event(void **state)
{
	struct fixture *f = *state;
	char *anchor = file_sibling(f->db, ".anchor"), *p;
	struct audit_verify v;
	struct cd_err err;
	unsigned char *data;
	char sql[160];
	size_t len;
	int64_t cp;

	sam_session(f);
	assert_int_equal(store_audit_verify(f->st, &v, NULL), CD_OK);
	assert_int_equal(v.from, 0);
	cp = v.last;
	sam_session(f);
	assert_int_equal(store_audit_verify_since(f->st, &v, NULL), CD_OK);
	assert_int_equal(v.from, cp);
	assert_int_equal(v.events, v.last - cp);
	assert_true(v.events > 0);
	cp = v.last;

	/* Events after the checkpoint, made before anything is tampered with. */
	sam_session(f);
	drop_guards(f->st);

	/* A change after it: the incremental walk names it. */
	snprintf(sql, sizeof sql, "UPDATE audit_event SET actor = actor || 'x' "
	    "WHERE seq = %lld", (long long)cp + 1);
	assert_int_equal(store_test_exec(f->st, sql, NULL), CD_OK);
	assert_int_equal(store_audit_verify_since(f->st, &v, NULL),
	    CD_ERR_AUDIT);
	assert_int_equal(v.bad_seq, cp + 1);
	assert_int_equal(verify(f->st, NULL, 0), cp + 1);
	snprintf(sql, sizeof sql, "UPDATE audit_event SET actor = substr(actor, "
	    "1, length(actor) - 1) WHERE seq = %lld", (long long)cp + 1);
	assert_int_equal(store_test_exec(f->st, sql, NULL), CD_OK);

	/* A change before the checkpoint: only the full walk sees it. */
	assert_int_equal(store_test_exec(f->st, "UPDATE audit_event SET actor "
	    "= actor || 'x' WHERE seq = 2", NULL), CD_OK);
	assert_int_equal(store_audit_verify_since(f->st, &v, NULL), CD_OK);
	assert_int_equal(v.from, cp);
	assert_int_equal(verify(f->st, NULL, 0), 2);

	/* A checkpoint moved back by hand fails the anchor's MAC. */
	assert_int_equal(file_read_all(anchor, 4096, &data, &len, NULL), CD_OK);
	p = strstr((char *)data, "checked ");
	assert_non_null(p);
	p[8] = p[8] == '1' ? '2' : '1';
	assert_int_equal(file_write_atomic(anchor, data, len, 0600, NULL),
	    CD_OK);
	free(data);
	assert_int_equal(store_audit_verify_since(f->st, &v, &err),
	    CD_ERR_AUDIT);
	assert_non_null(strstr(err.msg, "MAC does not match"));
	assert_non_null(strstr(err.msg, "cannot be trusted"));
	free(anchor);
}

/* Events with details and without, enough for two halves of a walk. */
static void
split_workload(struct fixture *f)
{
	static int made;
	char name[16];
	int i;

	for (i = 0; i < 6; i++) {
		snprintf(name, sizeof name, "user%d", made++);
		assert_int_equal(store_user_add(f->st, name, "A User",
		    ROLE_SOCIAL, "Team 1", NULL), CD_OK);
		sam_session(f);
	}
}

/*
 * Verify (from the checkpoint when since is set) on one thread and on two,
 * the second half on its own connection: both must find the same. Returns
 * the bad event (0 when intact, -1 for a problem without one) and the
 * two-thread walk's kind in *walk.
 */
static int64_t
verify_both(struct store *st, int since, enum audit_walk *walk)
{
	struct audit_verify one, two;
	enum cd_status c1, c2;

	store_test_verify_split(st, -1);
	c1 = since ? store_audit_verify_since(st, &one, NULL) :
	    store_audit_verify(st, &one, NULL);
	store_test_verify_split(st, 1);
	c2 = since ? store_audit_verify_since(st, &two, NULL) :
	    store_audit_verify(st, &two, NULL);
	store_test_verify_split(st, 0);
	assert_int_equal(one.walk, AUDIT_WALK_SERIAL);
	assert_int_equal(c1, c2);
	assert_int_equal(one.bad_seq, two.bad_seq);
	assert_string_equal(one.problem, two.problem);
	assert_int_equal(one.events, two.events);
	assert_int_equal(one.from, two.from);
	assert_int_equal(one.last, two.last);
	*walk = two.walk;
	if (c1 == CD_OK)
		return 0;
	assert_int_equal(c1, CD_ERR_AUDIT);
	return one.bad_seq ? one.bad_seq : -1;
}

enum tamper { ALTER_EVENT, ALTER_DETAIL, DROP_DETAIL, DROP_EVENT };

/*
 * Tamper with one event after lo and at most hi (one with details for the
 * detail kinds, one without for a removal: its details would hold it);
 * returns the event.
 */
static int64_t
tamper(struct store *st, enum tamper how, int64_t lo, int64_t hi)
{
	static const char *const pick[] = {
		"audit_event e WHERE 1",
		"audit_detail e WHERE body IS NOT NULL",
		"audit_detail e WHERE body IS NOT NULL",
		"audit_event e WHERE NOT EXISTS (SELECT 1 FROM audit_detail d "
		    "WHERE d.seq = e.seq)",
	};
	static const char *const sql[] = {
		"UPDATE audit_event SET actor = 'mallory'",
		"UPDATE audit_detail SET body = x'00' || body",
		"DELETE FROM audit_detail",
		"DELETE FROM audit_event",
	};
	char q[256];
	long seq;

	snprintf(q, sizeof q, "SELECT min(seq) FROM %s AND seq > %lld AND "
	    "seq <= %lld", pick[how], (long long)lo, (long long)hi);
	seq = store_test_count(st, q);
	assert_true(seq > lo && seq <= hi);
	assert_int_equal(store_test_exec(st, "DROP TRIGGER IF EXISTS "
	    "audit_event_no_update; DROP TRIGGER IF EXISTS "
	    "audit_event_no_delete; DROP TRIGGER IF EXISTS "
	    "audit_detail_no_delete; DROP TRIGGER IF EXISTS "
	    "audit_detail_purge_only", NULL), CD_OK);
	snprintf(q, sizeof q, "%s WHERE seq = %lld", sql[how], (long long)seq);
	assert_int_equal(store_test_exec(st, q, NULL), CD_OK);
	return seq;
}

/*
 * The walk on two threads finds what the walk on one finds, in either
 * half, in the full walk and in the incremental one: an altered event, an
 * altered detail body, a detail removed, an event removed. The half that
 * finds one is walked again by the store's own connection, which names it.
 */
static void
split_walk_finds_what_one_thread_finds(void **state)
{
	enum audit_walk walk;
	int how, half, since;

	(void)state;
	for (since = 0; since <= 1; since++)
		for (how = ALTER_EVENT; how <= DROP_EVENT; how++)
			for (half = 0; half <= 1; half++) {
				struct fixture f;
				struct audit_verify v;
				int64_t from = 0, last, mid, bad;

				fixture_make(&f);
				split_workload(&f);
				if (since) {
					assert_int_equal(store_audit_verify(
					    f.st, &v, NULL), CD_OK);
					from = v.last;
					split_workload(&f);
				}
				last = store_test_audit_head(f.st);
				mid = from + (last - from) / 2;
				bad = half == 0 ?
				    tamper(f.st, how, from + 1, mid - 1) :
				    tamper(f.st, how, mid + 1, last);
				assert_int_equal(verify_both(f.st, since,
				    &walk), bad);
				assert_int_equal(walk, AUDIT_WALK_REWALKED);
				fixture_free(&f);
			}
}

/* Intact, the halves are joined and count what one walk counts. */
static void
split_walk_joins_an_intact_chain(void **state)
{
	struct fixture *f = *state;
	char *anchor = file_sibling(f->db, ".anchor");
	enum audit_walk walk;
	struct audit_verify one, two;
	unsigned char *data;
	size_t len;

	split_workload(f);
	assert_int_equal(verify_both(f->st, 0, &walk), 0);
	assert_int_equal(walk, AUDIT_WALK_SPLIT);
	split_workload(f);
	/* Each incremental walk moves the checkpoint: start both at one. */
	assert_int_equal(file_read_all(anchor, 4096, &data, &len, NULL), CD_OK);
	store_test_verify_split(f->st, -1);
	assert_int_equal(store_audit_verify_since(f->st, &one, NULL), CD_OK);
	assert_int_equal(file_write_atomic(anchor, data, len, 0600, NULL),
	    CD_OK);
	store_test_verify_split(f->st, 1);
	assert_int_equal(store_audit_verify_since(f->st, &two, NULL), CD_OK);
	assert_int_equal(one.walk, AUDIT_WALK_SERIAL);
	assert_int_equal(two.walk, AUDIT_WALK_SPLIT);
	assert_true(one.from > 0);
	assert_int_equal(one.from, two.from);
	assert_int_equal(one.events, two.events);
	assert_int_equal(one.last, two.last);
	free(data);
	free(anchor);
}

/* A writer racing a verify, from its own connection. */
struct racer {
	struct fixture *f;
	struct store *other;
	int times;		/* how many of the calls act */
	int calls;
	const char *sql;	/* what it runs; NULL: a session starts */
};

static void
race(void *arg)
{
	struct racer *r = arg;

	if (r->calls++ >= r->times)
		return;
	if (r->sql != NULL) {
		assert_int_equal(store_test_exec(r->other, r->sql, NULL),
		    CD_OK);
		return;
	}
	store_close(&r->other);
	r->other = fixture_open_as(r->f, "sam");
}

/*
 * A commit between the two connections' snapshots is noticed and both are
 * taken again, so the halves read one database: an event altered in the
 * second half just then is found, and new events are walked (and the
 * anchor the racing session wrote is kept). A writer that keeps
 * committing sends the walk back to one thread.
 */
static void
split_walk_takes_one_snapshot(void **state)
{
	struct fixture *f = *state;
	struct racer r = { .f = f };
	struct audit_verify v, w;
	int64_t last;

	split_workload(f);
	store_test_verify_split(f->st, 1);
	r.other = fixture_open_as(f, "sam");
	store_test_verify_race(f->st, race, &r);

	r.times = 1;
	assert_int_equal(store_audit_verify(f->st, &v, NULL), CD_OK);
	assert_int_equal(v.walk, AUDIT_WALK_SPLIT);
	assert_int_equal(v.last, store_test_audit_head(f->st));
	assert_int_equal(v.resnapped, 1);
	/* The anchor the racing session moved on as it closed stays moved. */
	assert_int_equal(store_audit_verify_since(f->st, &w, NULL), CD_OK);
	assert_true(w.anchor_seq > v.anchor_seq);

	r.calls = 0;
	r.times = 100;
	assert_int_equal(store_audit_verify(f->st, &v, NULL), CD_OK);
	assert_int_equal(v.walk, AUDIT_WALK_SERIAL);
	assert_int_equal(v.resnapped, 3);
	assert_int_equal(v.last, store_test_audit_head(f->st));

	drop_guards(f->st);
	last = store_test_audit_head(f->st);
	r.calls = 0;
	r.times = 1;
	r.sql = "UPDATE audit_event SET actor = 'mallory' WHERE seq = "
	    "(SELECT max(seq) FROM audit_event)";
	assert_int_equal(store_audit_verify(f->st, &v, NULL), CD_ERR_AUDIT);
	assert_int_equal(v.bad_seq, last);
	assert_int_equal(v.walk, AUDIT_WALK_REWALKED);
	assert_int_equal(v.resnapped, 1);
	store_test_verify_race(f->st, NULL, NULL);
	store_close(&r.other);
}

static void
users_and_access(void **state)
{
	struct fixture *f = *state;
	struct store_user *list, u;
	struct cd_err err;
	size_t n;

	assert_int_equal(store_user_add(f->st, "sam", "", ROLE_DUTY, "", &err),
	    CD_ERR_EXISTS);
	assert_int_equal(store_user_add(f->st, "Bad Name", "", ROLE_DUTY, "",
	    &err), CD_ERR_INVALID);
	assert_int_equal(store_user_disable(f->st, "admin", &err),
	    CD_ERR_INVALID);
	assert_non_null(strstr(err.msg, "last enabled administrator"));
	assert_int_equal(store_user_disable(f->st, "sam", &err), CD_OK);
	assert_int_equal(store_user_disable(f->st, "sam", &err),
	    CD_ERR_INVALID);
	assert_int_equal(store_user_get(f->st, "sam", &u, NULL), CD_OK);
	assert_true(u.disabled);
	assert_int_equal(u.role, ROLE_SOCIAL);
	assert_string_equal(u.team, "Team 1");
	store_user_fini(&u);
	assert_int_equal(store_user_list(f->st, &list, &n, NULL), CD_OK);
	assert_int_equal(n, 2);
	assert_string_equal(list[0].name, "admin");
	store_user_list_free(&list, n);
}

/* Count events with a given action through the public listing. */
static int
count_action(const struct audit_row *r, void *arg)
{
	void **a = arg;

	if (strcmp(r->action, a[0]) == 0)
		(*(int *)a[1])++;
	return 0;
}

static void
disabled_and_failed_logins_are_audited(void **state)
{
	struct fixture *f = *state;
	struct store *st;
	struct secret *bad;
	struct cd_err err;
	struct store_origin o = { "pts/9", "10.0.0.9" };
	int failed = 0;
	void *arg[2] = { (void *)"login-failed", &failed };

	assert_int_equal(store_user_disable(f->st, "sam", NULL), CD_OK);
	assert_int_equal(store_open(f->db, &f->key, &st, NULL), CD_OK);
	assert_int_equal(store_login(st, "sam", &o, &err), CD_ERR_DENIED);
	assert_non_null(strstr(err.msg, "disabled"));
	store_close(&st);
	/* A wrong passphrase cannot reach the database: it is noted
	 * beside it and moved into the trail at the next login. */
	assert_int_equal(secret_dup("nope", 4, &bad, NULL), CD_OK);
	assert_int_equal(store_session_open(f->db, "admin", bad, &o, &st, NULL,
	    NULL, &err), CD_ERR_BADPASS);
	secret_free(&bad);
	st = fixture_open_as(f, "admin");
	assert_int_equal(store_audit_list(st, NULL, count_action, arg, NULL),
	    CD_OK);
	assert_int_equal(failed, 2);
	assert_int_equal(verify(st, NULL, 0), 0);
	store_close(&st);
}

static void
failed_logins_back_off_and_are_counted(void **state)
{
	struct fixture *f = *state;
	struct store_origin o = { "pts/3", NULL };
	char *failed = file_sibling(f->db, ".failed");
	char *target = xasprintf("%s/target", f->dir);
	unsigned char *data;
	size_t len;
	struct store *st;
	int i, w;

	assert_int_equal(store_login_backoff(f->db, "sam"), 0);
	assert_int_equal(store_note_failed_login(f->db, "sam", "wrong "
	    "passphrase", &o, NULL), CD_OK);
	w = store_login_backoff(f->db, "sam");
	assert_true(w >= 0 && w <= 1);
	for (i = 0; i < 2; i++)
		assert_int_equal(store_note_failed_login(f->db, "sam", "wrong "
		    "passphrase", &o, NULL), CD_OK);
	w = store_login_backoff(f->db, "sam");
	assert_true(w >= 3 && w <= 4);
	for (i = 0; i < 3; i++)
		assert_int_equal(store_note_failed_login(f->db, "sam", "wrong "
		    "passphrase", &o, NULL), CD_OK);
	/* Never more than 30 s, and never a lock-out. */
	w = store_login_backoff(f->db, "sam");
	assert_true(w >= 25 && w <= 30);
	for (i = 0; i < 10; i++)
		assert_int_equal(store_note_failed_login(f->db, "sam", "wrong "
		    "passphrase", &o, NULL), CD_OK);
	assert_true(store_login_backoff(f->db, "sam") <= 30);
	/* Per user name: someone else's tries do not hold admin up. */
	assert_int_equal(store_login_backoff(f->db, "admin"), 0);
	assert_int_equal(store_note_failed_login(f->db, "admin", "wrong "
	    "passphrase", &o, NULL), CD_OK);
	/* sam's next login says how many failed, and clears only sam's. */
	st = fixture_open_as(f, "sam");
	assert_int_equal(store_login_failures(st), 16);
	store_close(&st);
	assert_int_equal(store_login_backoff(f->db, "sam"), 0);
	assert_true(store_login_backoff(f->db, "admin") <= 1);
	st = fixture_open_as(f, "sam");
	assert_int_equal(store_login_failures(st), 0);
	store_close(&st);
	st = fixture_open_as(f, "admin");
	assert_int_equal(store_login_failures(st), 1);
	assert_int_equal(verify(st, NULL, 0), 0);
	store_close(&st);
	/* A name with a terminal escape is written down visibly. */
	assert_int_equal(store_note_failed_login(f->db, "\x1b]2;pwned\x07x",
	    "no such user", &o, NULL), CD_OK);
	assert_int_equal(file_read_all(failed, 1 << 20, &data, &len, NULL),
	    CD_OK);
	assert_null(memchr(data, 0x1b, len));
	assert_non_null(strstr((char *)data, "\\x1b]2;pwned\\x07x"));
	free(data);
	/* The file is never reached through a link. */
	unlink(failed);
	assert_int_equal(symlink(target, failed), 0);
	assert_int_equal(store_note_failed_login(f->db, "sam", "wrong "
	    "passphrase", &o, NULL), CD_ERR_IO);
	assert_false(file_exists(target));
	unlink(failed);
	free(failed);
	free(target);
}

/* A flagged event, as break-glass would write it. */
static int64_t
flagged_event(struct store *st)
{
	struct audit_event ev = { 0 };
	struct audit_verify v;

	ev.action = "break-glass";
	ev.entity = "person";
	ev.flagged = 1;
	assert_int_equal(store_audit_append(st, &ev, NULL), CD_OK);
	store_audit_verify(st, &v, NULL);
	return v.events;
}

static void
verify_reports_a_role_changed_with_sql(void **state)
{
	struct fixture *f = *state;
	struct audit_verify v;
	char why[256];

	/* The insider's move: their own role, with the data key and SQL. */
	assert_int_equal(store_test_exec(f->st, "UPDATE users SET role = "
	    "'governance' WHERE name = 'sam'", NULL), CD_OK);
	assert_int_not_equal(verify(f->st, why, sizeof why), 0);
	assert_non_null(strstr(why, "user \"sam\" has the role governance"));
	assert_int_equal(store_audit_verify(f->st, &v, NULL), CD_ERR_AUDIT);
	assert_true(v.state);
	assert_int_equal(store_test_exec(f->st, "UPDATE users SET role = "
	    "'social', team = 'Elsewhere' WHERE name = 'sam'", NULL), CD_OK);
	assert_int_not_equal(verify(f->st, why, sizeof why), 0);
	assert_non_null(strstr(why, "in team \"Elsewhere\""));
	assert_int_equal(store_test_exec(f->st, "UPDATE users SET team = "
	    "'Team 1', disabled = 1 WHERE name = 'sam'", NULL), CD_OK);
	assert_non_null(strstr((verify(f->st, why, sizeof why), why),
	    "is disabled but"));
	/* Disabling through the store is what the events say: intact. */
	assert_int_equal(store_test_exec(f->st, "UPDATE users SET disabled = 0 "
	    "WHERE name = 'sam'", NULL), CD_OK);
	assert_int_equal(store_user_disable(f->st, "sam", NULL), CD_OK);
	assert_int_equal(verify(f->st, NULL, 0), 0);
	assert_int_equal(store_test_exec(f->st, "INSERT INTO users (name, "
	    "full_name, role, team, created_at) VALUES ('mallory', '', 'admin', "
	    "'', 'now')", NULL), CD_OK);
	assert_non_null(strstr((verify(f->st, why, sizeof why), why),
	    "\"mallory\" has no event recording their creation"));
}

static void
verify_reports_a_forged_caldicott_review(void **state)
{
	struct fixture *f = *state;
	struct store *gov;
	char why[256], sql[160];
	int64_t a, b;

	assert_int_equal(store_user_add(f->st, "gov", "", ROLE_GOVERNANCE, "",
	    NULL), CD_OK);
	a = flagged_event(f->st);
	b = flagged_event(f->st);
	gov = fixture_open_as(f, "gov");
	assert_int_equal(store_audit_review(gov, a, "appropriate", "checked "
	    "with the manager", NULL), CD_OK);
	assert_int_equal(verify(gov, NULL, 0), 0);
	/* Closing one's own break-glass with a row and no review event. */
	snprintf(sql, sizeof sql, "INSERT INTO caldicott_review (seq, "
	    "reviewed_by, reviewed_at, outcome, note) VALUES (%lld, 'gov', "
	    "'now', 'appropriate', 'fine')", (long long)b);
	assert_int_equal(store_test_exec(gov, sql, NULL), CD_OK);
	assert_int_equal(verify(gov, why, sizeof why), b);
	assert_non_null(strstr(why, "has no review event"));
	snprintf(sql, sizeof sql, "DELETE FROM caldicott_review WHERE seq = "
	    "%lld; UPDATE caldicott_review SET outcome = 'referred'",
	    (long long)b);
	assert_int_equal(store_test_exec(gov, sql, NULL), CD_OK);
	assert_non_null(strstr((verify(gov, why, sizeof why), why),
	    "is not what its review event"));
	store_close(&gov);
}

static void
verify_reports_a_purge_without_a_destruction(void **state)
{
	struct fixture *f = *state;
	char why[256];

	/* The triggers allow a purge; only a destruction may make one. */
	assert_int_equal(store_test_exec(f->st, "UPDATE audit_detail SET "
	    "body = NULL WHERE seq = 3", NULL), CD_OK);
	assert_int_equal(verify(f->st, why, sizeof why), 3);
	assert_non_null(strstr(why, "purged without a destruction"));
}

static void
verify_reports_a_form_definition_put_in_with_sql(void **state)
{
	struct fixture *f = *state;
	struct form_install fi;
	size_t changed;
	char why[256];

	memset(&fi, 0, sizeof fi);
	fi.kind = "form";
	fi.name = "visit";
	fi.version = 1;
	fi.body = "[form]\ncode = visit\n";
	fi.len = strlen(fi.body);
	fi.policy.read_roles = fi.policy.write_roles = 1u << ROLE_SOCIAL;
	assert_int_equal(store_forms_install(f->st, &fi, 1, &changed, NULL),
	    CD_OK);
	assert_int_equal(changed, 1);
	assert_int_equal(verify(f->st, NULL, 0), 0);
	assert_int_equal(store_test_exec(f->st, "INSERT INTO form_def (kind, "
	    "name, version, body, hash, read_roles, write_roles, "
	    "authorise_roles, needs_authorisation, installed_at, installed_by) "
	    "VALUES ('form', 'visit', 2, 'x', x'00', 'education', 'education', "
	    "'', 0, 'now', 'sam')", NULL), CD_OK);
	assert_int_not_equal(verify(f->st, why, sizeof why), 0);
	assert_non_null(strstr(why, "\"visit\" has no install event"));
}

static void
planted_schema_objects_are_refused_at_open(void **state)
{
	struct fixture *f = *state;
	struct store *st;
	struct cd_err err;

	/* A trigger that closes every future break-glass review. */
	assert_int_equal(store_test_exec(f->st, "CREATE TRIGGER close_reviews "
	    "AFTER INSERT ON audit_event WHEN NEW.flagged = 1 BEGIN INSERT INTO "
	    "caldicott_review (seq, reviewed_by, reviewed_at, outcome, note) "
	    "VALUES (NEW.seq, 'gov', NEW.at, 'appropriate', 'ok'); END", NULL),
	    CD_OK);
	assert_int_equal(store_open(f->db, &f->key, &st, &err),
	    CD_ERR_CORRUPT);
	assert_non_null(strstr(err.msg, "trigger \"close_reviews\""));
	assert_int_equal(store_test_exec(f->st, "DROP TRIGGER close_reviews; "
	    "CREATE VIEW v AS SELECT 1", NULL), CD_OK);
	assert_int_equal(store_open(f->db, &f->key, &st, &err),
	    CD_ERR_CORRUPT);
	assert_non_null(strstr(err.msg, "view \"v\""));
	/* An append-only guard removed, or weakened under its own name. */
	assert_int_equal(store_test_exec(f->st, "DROP VIEW v; DROP TRIGGER "
	    "audit_event_no_delete", NULL), CD_OK);
	assert_int_equal(store_open(f->db, &f->key, &st, &err),
	    CD_ERR_CORRUPT);
	assert_non_null(strstr(err.msg, "lacks the trigger "
	    "\"audit_event_no_delete\""));
	assert_int_equal(store_test_exec(f->st, "CREATE TRIGGER "
	    "audit_event_no_delete BEFORE DELETE ON audit_event WHEN 0 BEGIN "
	    "SELECT 1; END", NULL), CD_OK);
	assert_int_equal(store_open(f->db, &f->key, &st, &err),
	    CD_ERR_CORRUPT);
	assert_non_null(strstr(err.msg, "\"audit_event_no_delete\" is not "
	    "the one"));
	/* As made, the database opens. */
	assert_int_equal(store_test_exec(f->st, "DROP TRIGGER "
	    "audit_event_no_delete; CREATE TRIGGER audit_event_no_delete BEFORE "
	    "DELETE ON audit_event   BEGIN SELECT RAISE(ABORT, 'audit_event is "
	    "append-only'); END", NULL), CD_OK);
	assert_int_equal(store_open(f->db, &f->key, &st, &err), CD_OK);
	store_close(&st);
}

static void
head_log_catches_a_cut_off_tail_with_a_fresh_anchor(void **state)
{
	struct fixture *f = *state;
	char *log = xasprintf("%s/heads.log", f->dir), why[256];
	struct audit_verify v;
	struct store *st;
	struct cd_err err;
	int i;

	store_audit_head_log(log);
	for (i = 0; i < 3; i++) {
		st = fixture_open_as(f, "sam");
		store_close(&st);
	}
	st = fixture_open_as(f, "admin");
	assert_int_equal(store_audit_verify(st, &v, NULL), CD_OK);
	assert_int_equal(store_audit_verify_heads(st, log, &v, &err), CD_OK);
	assert_int_equal(v.heads, 3);
	/*
	 * The insider with the data key: cut the newest events off, forget
	 * the anchor was ever written and write a fresh one. The chain and
	 * the anchor agree again; the head log does not.
	 */
	assert_int_equal(store_test_exec(st, "DROP TRIGGER "
	    "audit_event_no_delete; DELETE FROM audit_event WHERE seq > 6; "
	    "DELETE FROM meta WHERE key = 'anchor_written'", NULL), CD_OK);
	{
		char *anchor = file_sibling(f->db, ".anchor");

		unlink(anchor);
		free(anchor);
	}
	assert_int_equal(store_audit_anchor(st, NULL), CD_OK);
	assert_int_equal(verify(st, NULL, 0), 0);
	assert_int_equal(store_audit_verify(st, &v, NULL), CD_OK);
	assert_int_equal(store_audit_verify_heads(st, log, &v, &err),
	    CD_ERR_AUDIT);
	snprintf(why, sizeof why, "%s", v.problem);
	assert_non_null(strstr(why, "cut off"));
	/* A log that names other databases only proves nothing: refused. */
	assert_int_equal(store_test_exec(st, "UPDATE meta SET value = 'x' "
	    "WHERE key = 'database_id'", NULL), CD_OK);
	assert_int_equal(store_audit_verify(st, &v, NULL), CD_OK);
	assert_int_equal(store_audit_verify_heads(st, log, &v, &err),
	    CD_ERR_AUDIT);
	assert_non_null(strstr(v.problem, "holds no heads of this database"));
	store_close(&st);
	store_audit_head_log(NULL);
	free(log);
}

/* Run store_restore in a child process (locks are per process). */
static int
restore_in_child(struct fixture *f, int *in_use)
{
	pid_t child;
	int status;

	child = fork();
	assert_true(child >= 0);
	if (child == 0) {
		struct secret *p;
		struct cd_err err;
		char *back = NULL;
		long pid;
		int busy = store_in_use(f->db, &pid);

		secret_dup("pass", 4, &p, NULL);
		if (store_restore(f->db, f->db, 1, "admin", p, NULL, &back,
		    &err) == CD_ERR_BUSY && strstr(err.msg, "open in another "
		    "session") != NULL && back == NULL)
			_exit(busy ? 3 : 2);
		_exit(busy ? 1 : 0);
	}
	assert_int_equal(waitpid(child, &status, 0), child);
	*in_use = WEXITSTATUS(status) & 1;
	return WEXITSTATUS(status) >= 2;
}

static void
restore_refused_while_the_database_is_open(void **state)
{
	struct fixture *f = *state;
	int busy;

	/* The fixture's own session holds the database open. */
	assert_true(restore_in_child(f, &busy));
	assert_true(busy);
	store_close(&f->st);
	restore_in_child(f, &busy);
	assert_false(busy);
}

static void
nothing_readable_on_disk(void **state)
{
	struct fixture *f = *state;
	char *wal = xasprintf("%s-wal", f->db);
	const char *marker = "Zebedee Quartermaine-Marker";

	assert_int_equal(store_user_add(f->st, "zq", marker, ROLE_DUTY,
	    "Marker Team", NULL), CD_OK);
	/* Before and after a checkpoint: WAL, database and keyring. */
	assert_false(fixture_file_contains(wal, marker, strlen(marker)));
	assert_false(fixture_file_contains(f->db, marker, strlen(marker)));
	assert_int_equal(store_test_exec(f->st, "PRAGMA wal_checkpoint(FULL)",
	    NULL), CD_OK);
	assert_false(fixture_file_contains(f->db, marker, strlen(marker)));
	assert_false(fixture_file_contains(f->db, "SQLite format 3", 15));
	assert_false(fixture_file_contains(f->keys, marker, strlen(marker)));
	assert_false(fixture_file_contains(f->db, f->dek->data, 32));
	assert_false(fixture_file_contains(wal, f->dek->data, 32));
	assert_false(fixture_file_contains(f->keys, f->dek->data, 32));
	free(wal);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
		T(migrated_from_empty),
		T(wrong_data_key_is_a_mismatch),
		T(newer_schema_refused),
		T(audit_rows_cannot_change),
		T(verify_intact_after_workload),
		T(verify_detects_changed_event),
		T(verify_detects_changed_detail),
		T(verify_detects_deleted_event),
		T(verify_detects_reordered_events),
		T(verify_detects_cut_off_tail),
		T(verify_detects_missing_or_forged_anchor),
		T(verify_from_the_last_verified_event),
		T(split_walk_joins_an_intact_chain),
		T(split_walk_takes_one_snapshot),
		cmocka_unit_test(split_walk_finds_what_one_thread_finds),
		T(users_and_access),
		T(disabled_and_failed_logins_are_audited),
		T(failed_logins_back_off_and_are_counted),
		T(nothing_readable_on_disk),
		T(verify_reports_a_role_changed_with_sql),
		T(verify_reports_a_forged_caldicott_review),
		T(verify_reports_a_purge_without_a_destruction),
		T(verify_reports_a_form_definition_put_in_with_sql),
		T(planted_schema_objects_are_refused_at_open),
		T(head_log_catches_a_cut_off_tail_with_a_fresh_anchor),
		T(restore_refused_while_the_database_is_open),
#undef T
	};

	return cmocka_run_group_tests_name("store", tests, NULL, NULL);
}
