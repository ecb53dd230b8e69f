/*
 * The SSDA903 (children looked after) return as the DfE's CSV tables:
 * exactly the published column set for each, dates DD/MM/YYYY, codes as
 * recorded, every table written even when it has no rows.
 */
#ifndef CD_CASEWORK_SSDA903_H
#define CD_CASEWORK_SSDA903_H

#include <stddef.h>

#include "common/buf.h"
#include "common/status.h"

struct rt_set;
struct rt_child;

#define SSDA903_NTABLES 12

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
