/*
 * Subject access requests as a case with steps, enforced here whoever
 * calls: received (requester, relationship, identity, parental
 * responsibility or written authority checked), the month's clock, the
 * consent that names the request or the requester, the pack frozen for
 * review with its redactions marked, withheld items with their
 * exemption, approval by a second person, and the release log.
 */
#ifndef CD_STORE_SAR_H
#define CD_STORE_SAR_H

#include <stddef.h>
#include <stdint.h>

#include "common/status.h"

struct store;

struct sar_state {
	int64_t request;
	int64_t subject;	/* whose record it is */
	int64_t requester;	/* the requester's record, 0 if none */
	char relationship[16];	/* SELF, PARENT, CARER, SOLICITOR, OTHER */
	char requester_name[128];
	char received[11];
	char due[11];		/* one calendar month; three if extended */
	int extended;
	int age;		/* the subject's age when received; -1 unknown */
	int not_self;		/* SELF, but the requester is someone else's record */
	int needs_consent;	/* someone else asks about a person of consent age */
	int consented;		/* a consent naming this request or requester */
	int refused;		/* a refusal naming them, in force */
	int identity_checked;
	int pr_recorded;	/* on the request, or the relationship's flag */
	int authority_checked;
	int looked_after;	/* the subject has ever been looked after */
	char status[16];	/* OPEN, REVIEW, APPROVED, RELEASED, ... */
	char prepared_by[64];
	char approved_by[64];
	int requester_changed;	/* since the pack was prepared for them */
};

/*
 * Read a request's state; from consent_age (13 unless the council says)
 * the person's own consent, naming this request or this requester, is
 * needed. Information governance only.
 */
enum cd_status store_sar_state(struct store *st, int64_t request,
    int consent_age, struct sar_state *out, struct cd_err *err);

/* An open request, for the governance work list. */
struct sar_open {
	int64_t request, subject;
	const char *received, *requester;
	int extended;
};

/* Call fn for each request not yet closed, oldest first. Governance only. */
enum cd_status store_sar_open(struct store *st,
    void (*fn)(const struct sar_open *, void *), void *arg,
    struct cd_err *err);

/* CD_OK when the user may build subject access packs (governance). */
enum cd_status store_sar_may_pack(struct store *st, struct cd_err *err);

/*
 * CD_OK when everything the law asks of the requester is recorded: the
 * identity check; for a parent or carer, parental responsibility; for a
 * solicitor or anyone else, written authority; and for a subject of
 * consent age, their consent naming this request or requester and no
 * refusal naming them. CD_ERR_DENIED naming the first thing missing.
 */
enum cd_status store_sar_gates(const struct sar_state *s, struct cd_err *err);

/* The gates, governance, and the request approved by a second person. */
enum cd_status store_sar_may_release(struct store *st,
    const struct sar_state *s, struct cd_err *err);

/* ---- the pack as reviewed -------------------------------------------- */

/* A redaction on an item's body: bytes [start, start + len). */
struct sar_mark {
	int64_t id;
	size_t start, len;
	char *cls;		/* "name", "phone", "placement", ... */
	int added;		/* by a reviewer, not proposed */
	int locked;		/* may not be removed (a placement) */
	char *removed_by;	/* NULL while it stands */
	char *removed_reason;
	char *by;
};

/* One record row (or form) of the pack. */
struct sar_item {
	int seq;
	char *section;		/* "Contacts", "Family history", ... */
	char *heading;		/* the row's date and kind, in words */
	char *body;		/* "Label: value" lines, unredacted */
	int free_text;		/* holds text only a person can judge */
	char *read_by;		/* who read it for review */
	char *exemption;	/* withheld under this (sar_exemption) */
	char *exemption_note;
	char *withheld_by;
	struct sar_mark *marks;	/* by start */
	size_t nmarks;
};

struct sar_pack {
	struct sar_item *items;
	size_t n;
	char prepared_at[32];
};

/* What the pack builder proposes, for store_sar_prepare. */
struct sar_mark_in {
	size_t start, len;
	const char *cls;
	int locked;
};

struct sar_item_in {
	const char *section;
	const char *heading;
	const char *body;
	int free_text;
	const struct sar_mark_in *marks;
	size_t nmarks;
};

/*
 * Freeze the pack for review: the items as built now, with the proposed
 * redactions. Replaces an earlier pack (and so any approval) unless the
 * request is closed. The request goes to REVIEW. Governance only.
 */
enum cd_status store_sar_prepare(struct store *st, int64_t request,
    const struct sar_item_in *items, size_t n, struct cd_err *err);

/* The frozen pack, unredacted, with every mark (audited as a view). */
enum cd_status store_sar_pack(struct store *st, int64_t request,
    struct sar_pack *out, struct cd_err *err);
void store_sar_pack_fini(struct sar_pack *p);

/*
 * Review: add a redaction (cls names what it hides), remove one with a
 * reason (never a locked one), withhold a whole item under an exemption
 * (a code of sar_exemption, with a note), put a withheld item back, and
 * mark a free-text item read. Each is audited and sends an approved
 * request back to review.
 */
enum cd_status store_sar_redact(struct store *st, int64_t request,
    int item, size_t start, size_t len, const char *cls, int64_t *id,
    struct cd_err *err);
enum cd_status store_sar_unredact(struct store *st, int64_t request,
    int64_t mark, const char *reason, struct cd_err *err);
enum cd_status store_sar_withhold(struct store *st, int64_t request,
    int item, const char *exemption, const char *note, struct cd_err *err);
enum cd_status store_sar_unwithhold(struct store *st, int64_t request,
    int item, struct cd_err *err);
enum cd_status store_sar_read(struct store *st, int64_t request, int item,
    struct cd_err *err);

/*
 * Approve the pack as it stands for release: a second person, not the
 * one who prepared it nor anyone who changed its redactions, with the
 * gates met and every free-text item read. Governance only.
 */
enum cd_status store_sar_approve(struct store *st, int64_t request,
    int consent_age, struct cd_err *err);

/* Close a request without release: WITHDRAWN or REFUSED, with a note. */
enum cd_status store_sar_close(struct store *st, int64_t request,
    const char *status, const char *note, struct cd_err *err);

/* What a release wrote, filled in by the writer. */
struct sar_written {
	size_t bytes;
	long redactions;
	long withheld;
};

/*
 * Release an approved request: the gates are checked again, then write
 * (the caller's renderer, given only the frozen pack) runs inside the
 * transaction that logs the release (sar_release with what was withheld
 * and why, a disclosure to the requester under Art. 6(1)(c), the request
 * closed), so a pack that fails to write is not logged and one that is
 * not logged is not released.
 */
enum cd_status store_sar_release(struct store *st, int64_t request,
    int consent_age, enum cd_status (*write)(const struct sar_state *,
    const struct sar_pack *, struct sar_written *, void *, struct cd_err *),
    void *arg, struct cd_err *err);

/* One release, as logged. */
struct sar_log {
	int64_t request;
	const char *released_at, *released_by, *approved_by;
	long items, redactions, withheld;
	long bytes;
	const char *withheld_list;	/* "heading: exemption (note)" lines */
};

/* Call fn for each release of request (0: every one). Governance only. */
enum cd_status store_sar_log(struct store *st, int64_t request,
    void (*fn)(const struct sar_log *, void *), void *arg,
    struct cd_err *err);

/* ---- what the pack builder needs to know ----------------------------- */

/*
 * Whether word (one word of a name) is a family or given name, or a
 * previous name, of anyone on the database other than the people in
 * except (n ids). Read-only, for proposing redactions.
 */
int store_sar_name_known(struct store *st, const char *word,
    const int64_t *except, size_t n);

#endif
