/*
 * Ofsted's Annex A (ILACS) lists 1 to 11 from the record: one table per
 * list with the published column headings, lists 1 to 9 over the six
 * months before the reference date and lists 10 and 11 over twelve,
 * written as an .xlsx workbook (libxlsxwriter) or as CSV files.
 */
#ifndef CD_CASEWORK_ANNEXA_H
#define CD_CASEWORK_ANNEXA_H

#include <stddef.h>

#include "common/buf.h"
#include "common/status.h"

struct rt_set;

#define ANNEXA_NLISTS 11

/* One list: its title, headings and rows of cells (owned). */
struct annexa_list {
	const char *title;		/* "List 1 Contacts" */
	const char *file;		/* "list01_contacts.csv" */
	const char *const *cols;
	size_t ncols;
	char **cells;			/* nrows * ncols */
	unsigned char *kinds;		/* each cell's ANNEXA_TEXT, _NUMBER, _DATE */
	size_t nrows;
};

/* What a cell holds, so a workbook writes numbers and dates as such. */
enum { ANNEXA_TEXT, ANNEXA_NUMBER, ANNEXA_DATE };

struct pcmap;

/* What the lists need beyond the record. */
struct annexa_opts {
	const char *la_ons;		/* the borough (In/Out); NULL: unknown */
	const struct pcmap *postcodes;	/* postcode to LA; NULL: none */
};

struct annexa {
	struct annexa_list list[ANNEXA_NLISTS];
	char day[11];			/* the reference date */
};

/* Build every list as at day (YYYY-MM-DD). */
void annexa_build(const struct rt_set *s, const char *day, struct annexa *a);

/* The same, placing placements by postcode (list 8) as o says. */
void annexa_build_opts(const struct rt_set *s, const char *day,
    const struct annexa_opts *o, struct annexa *a);

/*
 * Write the workbook to path (an .xlsx, one sheet per list) or, when path
 * does not end in .xlsx, one CSV per list into the folder path. Every
 * file is 0600; the workbook is built in memory-backed scratch space
 * (/dev/shm when there is one) and renamed into place.
 */
enum cd_status annexa_write(const struct annexa *a, const char *path,
    struct cd_err *err);

/*
 * The workbook's bytes (as annexa_write makes FILE.xlsx) appended to out,
 * to stream it: made in scratch space readable only by this account
 * (/dev/shm when there is one, else /tmp) and removed at once.
 */
enum cd_status annexa_xlsx(const struct annexa *a, struct buf *out,
    struct cd_err *err);

void annexa_fini(struct annexa *a);

#endif
