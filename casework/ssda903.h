/*
 * The SSDA903 (children looked after) return as the DfE's CSV tables:
 * exactly the published column set for each, dates DD/MM/YYYY, codes as
 * recorded, every table written even when it has no rows.
 */
#ifndef CD_CASEWORK_SSDA903_H
#define CD_CASEWORK_SSDA903_H

#include <stddef.h>
#include <stdint.h>

#include "common/buf.h"
#include "common/status.h"

struct rt_set;
struct rt_child;

#define SSDA903_NTABLES 12
#define SSDA903_CELL 24

/* The tables, in the order they are written. */
enum { SSDA903_HEADER, SSDA903_EPISODES, SSDA903_UASC, SSDA903_REVIEWS,
    SSDA903_OC2, SSDA903_OC3, SSDA903_AD1, SSDA903_PLACED,
    SSDA903_PREVPERM, SSDA903_MISSING, SSDA903_SW, SSDA903_DOLO };

/*
 * One row as it is written: the table, the child, the record it comes
 * from (of ssda903_entity(table)) and its cells, column by column.
 */
struct ssda903_row {
	int table;
	int64_t child, id;
	char cell[13][SSDA903_CELL];
};

struct ssda903_rows {
	struct ssda903_row *r;
	size_t n;
};

/*
 * Append the child's rows of every table for the year ending 31 March
 * year to out, exactly as ssda903_build writes them: the checks read
 * these, so what they judge is what is sent.
 */
void ssda903_child(const struct rt_child *c, int year,
    struct ssda903_rows *out);

void ssda903_rows_free(struct ssda903_rows *rs);

/* The index of column col in table t, or -1. */
int ssda903_col(int t, const char *col);

/* The cell of column col in row r ("" when the table has no such column). */
const char *ssda903_cell(const struct ssda903_row *r, const char *col);

/* The record a row of table t is written from ("care_episode", ...). */
const char *ssda903_entity(int t);

/* The record's field column col of table t comes from, or NULL if derived. */
const char *ssda903_field(int t, const char *col);

/* Whether the child is of an age for an SDQ in the year (rules 188, 189). */
int ssda903_sdq_age(const struct rt_child *c, int year);

/* The file name of table i ("header.csv", ...). */
const char *ssda903_file(size_t i);

/* Whether table i belongs to the return for year (DoLo from 2026/27). */
int ssda903_in_year(size_t i, int year);

/*
 * Build every table for the collection year ending 31 March year into
 * out[0..SSDA903_NTABLES-1] (header row first; empty for a table not in
 * that year's return); rows[i] gets the number of data rows.
 */
void ssda903_build(const struct rt_set *s, int year,
    struct buf out[SSDA903_NTABLES], size_t rows[SSDA903_NTABLES]);

/*
 * Write the tables into the folder dir (made 0700 if missing), each file
 * 0600 and replaced atomically.
 */
enum cd_status ssda903_write(const struct rt_set *s, int year,
    const char *dir, size_t rows[SSDA903_NTABLES], struct cd_err *err);

/*
 * The same tables as members of a ustar archive appended to tar, each
 * named prefix (such as "" or "2026/") and the file name; the caller ends
 * the archive. rows as ssda903_build.
 */
void ssda903_tar(const struct rt_set *s, int year, const char *prefix,
    struct buf *tar, size_t rows[SSDA903_NTABLES]);

/* Whether the child is looked after at some time between from and to. */
int ssda903_looked_after(const struct rt_child *c, const char *from,
    const char *to);

/*
 * Whether the child has been looked after continuously for at least 12
 * months at the end of the year (the OC2 cohort); short breaks excluded.
 */
int ssda903_oc2_cohort(const struct rt_child *c, int year);

/* Whether a legal status is short breaks (V3, V4): no period of care. */
int ssda903_short_break(const char *ls);

/* Whether a placement type takes no URN (rules 218 and 222). */
int ssda903_no_urn(const char *place);

/* The postcode of the child's home on day, or "". */
const char *ssda903_home_postcode(const struct rt_child *c, const char *day);

#endif
