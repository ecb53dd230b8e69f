/* The CP-IS upload file, for the command line and the client. */
#ifndef CD_CASEWORK_CPISFILE_H
#define CD_CASEWORK_CPISFILE_H

#include <stddef.h>
#include <stdint.h>

#include "common/buf.h"
#include "common/cfg.h"
#include "common/status.h"
#include "store/cpis.h"

/* A plan held back until its NHS number is recorded and verified. */
struct cpisfile_held {
	int64_t person;
	char type[8];
	char start[11];
	int has_nhs;
};

struct cpisfile {
	int64_t seq;		/* the upload's number; 0 when nothing sent */
	size_t sent;		/* records in the file, ends included */
	size_t ended;		/* of them, withdrawals of what was sent */
	long unchanged;
	char path[512];
	struct cpisfile_held *held;
	size_t nheld;
};

/*
 * Write DIR/CPIS_<dfe>_<seq>.xml (0600) with the plans new or changed since
 * the last upload (every in-scope plan with all), as of as_of (NULL:
 * today), and record the upload; with stream set, append the file to it
 * instead (dir unused; out->path is then the file's name alone).
 * Information governance only; refused until the LA's office-hours and
 * out-of-hours numbers are configured.
 */
enum cd_status cpisfile_export(struct store *st, const struct cfg *cfg,
    const char *dir, const char *as_of, int all, struct buf *stream,
    struct cpisfile *out, struct cd_err *err);

void cpisfile_fini(struct cpisfile *f);

#endif
