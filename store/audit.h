/*
 * The tamper-evident audit trail: append-only events, each hashed with its
 * predecessor (BLAKE2b), and an anchor file beside the database holding the
 * latest sequence and hash under a MAC so a cut-off tail is detected.
 */
#ifndef CD_STORE_AUDIT_H
#define CD_STORE_AUDIT_H

#include <stddef.h>
#include <stdint.h>

#include "common/status.h"
#include "keys/hash.h"

struct store;

/* One field-level change (or, with old NULL, one detail such as a reason). */
struct audit_change {
	const char *field;
	const char *old;
	const char *new_;
};

/* An event to append; the store adds time, user, role and origin. */
struct audit_event {
	const char *action;	/* "login", "view", "update", ... */
	const char *entity;	/* "user", "person", ... or NULL */
	int64_t entity_id;	/* 0 for none */
	int64_t person_id;	/* the child or adult concerned, 0 for none */
	int flagged;		/* for the Caldicott review list */
	const struct audit_change *changes;
	size_t nchanges;
};

/* An event as read back. */
struct audit_row {
	int64_t seq;
	const char *at;
	const char *actor;
	const char *role;
	const char *terminal;
	const char *ssh_client;
	const char *action;
	const char *entity;
	int64_t entity_id;
	int64_t person_id;
	int flagged;
	int purged;		/* details removed by retention */
	int withheld;		/* details not shown to this session's role */
	/* The Caldicott review of a flagged event (NULL until reviewed). */
	const char *reviewed_by, *reviewed_at, *outcome, *review_note;
	struct audit_change *changes;
	size_t nchanges;
};

struct audit_filter {
	int64_t person_id;	/* 0: any */
	const char *actor;	/* NULL: any */
	const char *since;	/* YYYY-MM-DD, NULL: any */
	int64_t limit;		/* 0: no limit */
	int flagged;		/* 1: flagged events only; 2: those not reviewed */
};

/* How a verify walked the chain (audit_verify.walk). */
enum audit_walk {
	AUDIT_WALK_SERIAL,	/* on one thread */
	AUDIT_WALK_SPLIT,	/* on two, each walking half of the events */
	AUDIT_WALK_REWALKED	/* on two, then again by the store's own
				   connection from a half that found a
				   problem, or whose ends did not meet */
};

struct audit_verify {
	int64_t events;		/* events checked */
	int64_t from;		/* the walk began after this event, verified
				   before (0: from the first) */
	int64_t last;		/* the last event checked */
	int64_t bad_seq;	/* first bad event, 0 if none */
	int64_t anchor_seq;	/* what the anchor records */
	int state;		/* the chain holds but the tables disagree */
	int64_t heads;		/* heads checked against a head log */
	enum audit_walk walk;
	int resnapped;		/* snapshots taken again: a writer committed */
	char problem[256];
};

/*
 * Close a flagged event on the Caldicott review list with an outcome
 * (appropriate, inappropriate, referred) and a note. Information
 * governance only; once only; audited.
 */
enum cd_status store_audit_review(struct store *st, int64_t seq,
    const char *outcome, const char *note, struct cd_err *err);

/*
 * Append ev inside the caller's transaction (or its own when none is open).
 * The user and origin come from the session.
 */
enum cd_status store_audit_append(struct store *st,
    const struct audit_event *ev, struct cd_err *err);

/*
 * Call fn for each event matching f, oldest first. Needs the audit-read
 * grant, and is itself audited (a view of the trail, with the filter).
 * The trail is read under the rules of the record: an administrator gets
 * no details (field values, reasons, review notes); governance gets the
 * details of events about a person only while they may read that
 * person (a restricted one through break-glass). r->withheld says so.
 */
enum cd_status store_audit_list(struct store *st, const struct audit_filter *f,
    int (*fn)(const struct audit_row *, void *), void *arg,
    struct cd_err *err);

/*
 * Walk the whole chain and compare its end with the anchor, then what the
 * database holds with the events that made it: each user's role, team and
 * disabled flag, each Caldicott review, each purged detail, each installed
 * form. CD_OK when all hold; CD_ERR_AUDIT with v->problem naming the first
 * that does not (v->bad_seq the event concerned, v->state set when the
 * chain holds but a table disagrees with it).
 * Walks events and details side by side, in one pass; an intact walk
 * records the last event checked, with its hash, in the anchor (under its
 * MAC) as the checkpoint for store_audit_verify_since.
 */
enum cd_status store_audit_verify(struct store *st, struct audit_verify *v,
    struct cd_err *err);

/*
 * store_audit_verify from the anchor's checkpoint: the checkpoint event
 * must still hash as recorded, then only the events after it are walked
 * (v->from says where it began). Refused when the anchor's MAC fails.
 * Changes before the checkpoint need the full walk to be found.
 */
enum cd_status store_audit_verify_since(struct store *st,
    struct audit_verify *v, struct cd_err *err);

/*
 * Whether the anchor still agrees with the database (a cheap check made at
 * every login: one lookup, no chain walk). CD_ERR_AUDIT says why not.
 */
enum cd_status store_audit_anchor_check(struct store *st, struct cd_err *err);

/*
 * Where each session's closing head is appended (as well as syslog
 * authpriv): [audit] head_log, for the whole process. NULL or "" for none.
 */
void store_audit_head_log(const char *path);

/*
 * After store_audit_verify: check the chain against a head log (the
 * [audit] head_log file, or the syslog lines): every head it records for
 * this database must be an event with that hash, and none may be beyond
 * the chain's end, so a tail cut off and re-anchored is caught. A log with
 * no heads of this database is a failure too.
 */
enum cd_status store_audit_verify_heads(struct store *st, const char *path,
    struct audit_verify *v, struct cd_err *err);

/*
 * Parse an anchor file's text (NUL-terminated): the sequence and chain
 * head, the last verified event and its hash (0 when none is recorded)
 * and the MAC. 0 when it is well formed, -1 otherwise; the MAC is checked
 * by the caller, who holds the key.
 */
int store_anchor_parse(const char *text, int64_t *seq,
    unsigned char hash[HASH_BYTES], int64_t *checked,
    unsigned char checked_hash[HASH_BYTES], unsigned char mac[HASH_BYTES]);

/* Write the anchor file from the latest event. */
enum cd_status store_audit_anchor(struct store *st, struct cd_err *err);

#endif
