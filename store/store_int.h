/* Internals shared by the files of store/. Not for use outside store/. */
#ifndef CD_STORE_STORE_INT_H
#define CD_STORE_STORE_INT_H

#include <sqlite3.h>
#include <stdarg.h>
#include <stdint.h>

#include "common/status.h"
#include "keys/secret.h"
#include "store/access.h"
#include "store/entity.h"
#include "store/form.h"
#include "store/stmt.h"

struct store {
	sqlite3 *db;
	char *path;
	char *anchor_path;
	struct secret *anchor_key;
	struct secret *key_spec;	/* the database key, for a reader */
	uint32_t cipher_format;		/* (store_open_reader) */
	uint32_t page_size;
	int demo;
	int appended;		/* audit events written by this connection */
	int64_t user_id;	/* 0 until store_login */
	char *user_name;
	enum role role;
	char *terminal;
	char *ssh_client;
	int64_t self_person_id;	/* the user's own record, if they have one */
	int depth;		/* nesting of store_begin */
	int savepoints;		/* nested begins are savepoints (a screen) */
	int relaxed;		/* synchronous = NORMAL (a draft's commit) */
	/*
	 * A screen's transaction starts relaxed; anything in it but a draft's
	 * part (a nested begin, an audit event outside one) sets screen_sync,
	 * and the log is then synced after its commit.
	 */
	int screen_sync;
	int draft_at;		/* depth of the draft's part inside it, or 0 */
	int64_t head_seq;	/* the audit chain's head, known inside a */
	unsigned char head_hash[32];	/* write transaction (head_seq > 0) */
	struct stmt_cache *stmts;	/* store_stmt(): kept until close */
	struct form_policy *policies;	/* from the installed definitions */
	size_t npolicies;
	int policies_loaded;
	int failures;		/* failed logins of this user since their last */
	int64_t *glass;		/* restricted people opened by break-glass */
	size_t nglass;
	struct workflow_step *steps;	/* what the last change started */
	size_t nsteps;
	char **bulk_sql;	/* indexes a bulk build dropped, to make again */
	int bulk_unjournaled;	/* and it runs without a journal */
	int split;		/* verify's walk: 0 by size, 1 always, -1 never */
	void (*split_race)(void *);	/* tests: run between the snapshots */
	void *split_race_arg;
};

/*
 * Whether the session may reach person_id's record (to write when write
 * is set): restricted records need the user on their list or a
 * break-glass this session; education partners need a link to the child.
 * *flag is set when the person is the user or a relative of theirs.
 */
enum cd_status store_access_person(struct store *st, int64_t person_id,
    int write, int *flag, struct cd_err *err);

/* Whether the session's role may read (or write) entity e at all. */
enum cd_status store_access_entity(struct store *st,
    const struct entity_def *e, int write, struct cd_err *err);

struct record;

/*
 * Read row id of entity and check that the session may read it (or write
 * it); *flag is set for the user's own or a relative's record. No audit.
 */
enum cd_status store_record_access(struct store *st, const char *entity,
    int64_t id, int write, struct record *out, int *flag,
    struct cd_err *err);

/*
 * SELECT id, version, created_at, updated_at, person_id and every field of
 * e FROM e, followed by where (which may bind parameters).
 */
sqlite3_stmt *store_select_rows(struct store *st, const struct entity_def *e,
    const char *where, struct cd_err *err);
/* Fill r from the current row of a store_select_rows() statement. */
void store_row_from(sqlite3_stmt *s, const struct entity_def *e,
    struct record *r);

/*
 * Step s (from store_select_rows) to its end, calling fn for each row the
 * session may see; fn returns non-zero to stop. Finalises s.
 */
enum cd_status store_rows_each(struct store *st, sqlite3_stmt *s,
    const struct entity_def *e, int (*fn)(const struct record *, void *),
    void *arg, struct cd_err *err);

/*
 * After a row of e is created (before is NULL) or updated (workflow.c):
 * start what the statutory workflow says comes next, in the same
 * transaction, and note what was started.
 */
enum cd_status store_workflow_after(struct store *st,
    const struct entity_def *e, int64_t id, const struct record *before,
    struct cd_err *err);

struct workflow_step;
/* Note a step started by the change in progress (workflow.c). */
struct workflow_step *store_workflow_note(struct store *st, int kind,
    const char *entity, int64_t id, int64_t person, const char *rule,
    const char *date);

/* Send the chain's head to syslog and the head log (heads.c). */
void store_audit_head_publish(struct store *st);

/* Write the anchor for the chain's head as it is (a fresh copy's). */
enum cd_status store_anchor_write(struct store *st, struct cd_err *err);

struct dbkey;
/* Open path with key (creating it when create is set), pragmas applied. */
enum cd_status store_open_keyed(const char *path, const struct dbkey *key,
    int create, struct store **out, struct cd_err *err);

/*
 * A second, read-only connection to st's database, opened as st's was
 * (the key copied from secure memory, never through SQL), for another
 * thread to read with: it is not logged in and must not write.
 */
enum cd_status store_open_reader(struct store *st, struct store **out,
    struct cd_err *err);

/* Whether two possibly-NULL strings are equal (record.c). */
int store_text_same(const char *a, const char *b);

/* Keep a person's old name as a previous name (search still finds it). */
enum cd_status store_person_keep_name(struct store *st, int64_t id,
    const char *family, const char *given, struct cd_err *err);

/*
 * The installed policy for a form code, or NULL when no definition of it is
 * installed (formdefs.c: read from form_def once per session).
 */
const struct form_policy *store_form_policy_find(struct store *st,
    const char *code);

/* Role ids separated by spaces, and back (unknown ids are ignored). */
void store_roles_text(unsigned mask, char *out, size_t len);
unsigned store_roles_parse(const char *text);

/* The form codes an education partner may reach. */
int store_form_allowed_for_education(const char *code);

/* Copy the connection's error into err with a prefix, mapping the code. */
enum cd_status store_db_err(struct store *st, struct cd_err *err,
    const char *what);

/* Prepare sql or set err; NULL on failure. Most callers want store_stmt(). */
sqlite3_stmt *store_prepare(struct store *st, const char *sql,
    struct cd_err *err);

/*
 * BEGIN IMMEDIATE / COMMIT / ROLLBACK. They nest: the outermost begin and
 * commit are the transaction. Inside a screen's transaction
 * (store_screen_begin) a nested begin is a savepoint, so a nested failure
 * undoes only its own part; elsewhere any rollback undoes the whole
 * transaction (callers return the error upwards).
 */
enum cd_status store_begin(struct store *st, struct cd_err *err);

/*
 * What is written now must be durable when its transaction commits: a
 * screen's transaction then syncs the log after its commit. A draft's
 * part of a screen (store_begin_draft inside it) does not.
 */
void store_needs_sync(struct store *st);
/*
 * store_begin for a draft's field: when it starts the transaction, its
 * commit is written to the write-ahead log without waiting for the disk
 * (synchronous = NORMAL). A crash of the program loses nothing; a power
 * cut may lose the last drafts, never a submitted, authorised or audited
 * act (those commits sync, and so every draft written before them).
 */
enum cd_status store_begin_draft(struct store *st, struct cd_err *err);

enum cd_status store_commit(struct store *st, struct cd_err *err);
void store_rollback(struct store *st);

/* Commit when code is CD_OK, otherwise roll back; returns the outcome. */
enum cd_status store_end(struct store *st, enum cd_status code,
    struct cd_err *err);

struct audit_event;
/* store_end, appending ev first when code is CD_OK (one transaction). */
enum cd_status store_end_audited(struct store *st, enum cd_status code,
    const struct audit_event *ev, struct cd_err *err);

struct audit_change;
/* An event's detail body as a new array of changes (NULL when malformed). */
struct audit_change *store_audit_decode(const unsigned char *body,
    size_t len, size_t *n);
void store_audit_changes_free(struct audit_change *c, size_t n);

struct audit_verify;
/* Record the first problem verify finds (later ones are not reported). */
void store_verify_vproblem(struct audit_verify *v, int64_t seq,
    const char *fmt, va_list ap);

/*
 * Check what the database holds against the events that should have made
 * it (verify.c): each user's role, team and disabled flag, each Caldicott
 * review, each purged detail, each installed form. Fills v's problem.
 */
enum cd_status store_verify_state(struct store *st, struct audit_verify *v,
    struct cd_err *err);
/* The chain head is read again after the transaction ends. */
void store_audit_forget_head(struct store *st);

/* Run the migrations up to STORE_SCHEMA_VERSION. */
enum cd_status schema_migrate(struct store *st, struct cd_err *err);

/*
 * Refuse a database holding a table, index, trigger or view the schema
 * does not define (or a trigger or view changed or missing), naming it.
 */
enum cd_status schema_check(struct store *st, struct cd_err *err);

/* Read and write the meta table. */
enum cd_status store_meta_set(struct store *st, const char *key,
    const char *value, struct cd_err *err);
char *store_meta_get(struct store *st, const char *key);

/* Bind text, or NULL when s is NULL. */
void store_bind_text(sqlite3_stmt *s, int i, const char *s_text);
/*
 * The same without copying, for text that outlives the statement's step
 * (store_stmt_done clears the binding): the audit trail and the record
 * engine's rows, where the copies were a few per cent of a demo.
 */
void store_bind_kept(sqlite3_stmt *s, int i, const char *text);
/* A column as a new string, NULL for SQL NULL. */
char *store_column_dup(sqlite3_stmt *s, int i);
/* access_governance_only, then store_begin. */
enum cd_status store_governance_begin(struct store *st, const char *what,
    struct cd_err *err);
/* The first column of the first row of sql with ?1 bound to id, or NULL. */
char *store_one_text(struct store *st, const char *sql, int64_t id);

/*
 * The people with an open case: anyone with a clock running (a contact
 * waiting, an open referral, plan, period of care, or a care leaver).
 */
#define STORE_OPEN_CASES_SQL \
    "SELECT person_id FROM contact WHERE decision IS NULL " \
    "UNION SELECT person_id FROM referral WHERE closure_date IS NULL " \
    "UNION SELECT person_id FROM cp_plan WHERE end_date IS NULL " \
    "UNION SELECT person_id FROM care_period WHERE end_date IS NULL " \
    "UNION SELECT person_id FROM cin_plan WHERE end_date IS NULL " \
    "UNION SELECT person_id FROM care_leaver"

#endif
