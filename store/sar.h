/*
 * Subject access requests: the month's clock, the consent a child of 13 or
 * over must give before a parent sees their record, and the release log.
 */
#ifndef CD_STORE_SAR_H
#define CD_STORE_SAR_H

#include <stdint.h>

#include "common/status.h"

struct store;

struct sar_state {
	int64_t request;
	int64_t subject;	/* whose record it is */
	int64_t requester;	/* the requester's record, 0 if none */
	char relationship[16];	/* SELF, PARENT, CARER, SOLICITOR, OTHER */
	char received[11];
	char due[11];		/* one calendar month; three if extended */
	int extended;
	int age;		/* the subject's age when received; -1 unknown */
	int needs_consent;	/* someone else asks about a child of consent age */
	int consented;		/* the child's consent is recorded, in force */
	char status[16];
};

/*
 * Read a request's state; from consent_age (13 unless the council says)
 * the person's own consent is needed. Information governance only.
 */
enum cd_status store_sar_state(struct store *st, int64_t request,
    int consent_age, struct sar_state *out, struct cd_err *err);

/* An open request, for the governance work list. */
struct sar_open {
	int64_t request, subject;
	const char *received, *requester;
	int extended;
};

/* Call fn for each open request, oldest first. Governance only. */
enum cd_status store_sar_open(struct store *st,
    void (*fn)(const struct sar_open *, void *), void *arg,
    struct cd_err *err);

/* CD_OK when the user may build subject access packs (governance). */
enum cd_status store_sar_may_pack(struct store *st, struct cd_err *err);

/*
 * CD_OK when the request's pack may go to the requester; CD_ERR_DENIED
 * naming the missing consent otherwise.
 */
enum cd_status store_sar_may_release(struct store *st,
    const struct sar_state *s, struct cd_err *err);

/*
 * Log a release: a disclosure to the requester (UK GDPR Art. 6(1)(c)),
 * what describing the pack, and the request closed as released.
 */
enum cd_status store_sar_released(struct store *st,
    const struct sar_state *s, const char *what, struct cd_err *err);

#endif
