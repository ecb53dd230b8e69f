/* The subject access pack, for the command line and the client. */
#ifndef CD_CASEWORK_SARPACK_H
#define CD_CASEWORK_SARPACK_H

#include <stddef.h>
#include <stdint.h>

#include "common/status.h"

struct buf;
struct record;
struct store;

struct sarpack {
	long redactions;	/* places a third party's name was hidden */
	size_t bytes;
	char what[128];		/* a one-line description, as logged */
};

/* Append one record's filled fields, indented, as text. */
void recordtext_append(struct buf *b, const struct record *r);

/*
 * Write the pack for person to path (0600; printable HTML when the name
 * ends .html). With a request: as released to its requester, refused
 * without the consent it needs, and logged as a disclosure. Without: the
 * full pack for review, audited. Information governance only.
 */
enum cd_status sarpack_export(struct store *st, int64_t person,
    int64_t request, int consent_age, const char *path, const char *user,
    struct sarpack *out, struct cd_err *err);

#endif
