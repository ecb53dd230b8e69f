/*
 * Producing the statutory returns and their checks from the store, for
 * the command line and the client alike: load the children in scope
 * once, then write the SSDA903 tables, the CIN census or Annex A, and/or
 * list what the DfE's checks would reject.
 */
#ifndef CD_CASEWORK_EXPORTS_H
#define CD_CASEWORK_EXPORTS_H

#include <stddef.h>
#include <stdint.h>

#include "casework/annexa.h"
#include "casework/checks.h"
#include "casework/ssda903.h"
#include "common/buf.h"
#include "common/status.h"

struct store;
struct calendar;

/* EXPORT_CHECKS: both returns' checks for a year, nothing written. */
enum exports_kind { EXPORT_SSDA903, EXPORT_CIN, EXPORT_ANNEXA,
    EXPORT_CHECKS };

struct exports_job {
	enum exports_kind kind;
	int year;		/* SSDA903 and CIN: the year ending 31 March */
	const char *day;	/* Annex A: the reference date (YYYY-MM-DD) */
	const char *out;	/* where to write; NULL to check only */
	struct buf *stream;	/* when set (out too), the return goes into
				 * here instead: the CIN census's XML, the
				 * SSDA903 tables as a tar archive, Annex A
				 * as a workbook */
	int previous;		/* SSDA903: the year before too, in out/YYYY */
	int check;		/* run the checks into result.problems */
	const char *la_code;	/* the 3-digit DfE LA code (CIN) */
	const char *now;	/* the file's DateTime (CIN) */
	const char *la_ons;	/* the borough's ONS code (Annex A In/Out);
				 * NULL: rule 1015 (own provision in the
				 * borough) not run */
	const struct calendar *cal;
};

struct exports_result {
	size_t rows[SSDA903_NTABLES];	/* SSDA903: rows per table */
	size_t children;		/* children in the return */
	size_t lists[ANNEXA_NLISTS];	/* Annex A: rows per list */
	struct problems problems;
	size_t errors, queries;
	size_t checked;			/* children the checks looked at */
};

/* The name of a kind ("SSDA903", "CIN census", "Annex A"). */
const char *exports_name(enum exports_kind k);

/* Run a job: write the return (when out is set) and check it. */
enum cd_status exports_run(struct store *st, const struct exports_job *job,
    struct exports_result *res, struct cd_err *err);

/*
 * Check one child's record for the year (read as a view of their
 * record, with the reader's own access).
 */
enum cd_status exports_check_person(struct store *st, int64_t person,
    int year, const char *today, const struct calendar *cal,
    struct problems *out, struct cd_err *err);

/* The collection year a date falls in (2026-11-23 is in 2027's). */
int exports_year_of(const char *day);

void exports_result_fini(struct exports_result *res);

#endif
