/* Dates as typed quickly: t, y, +3d, -2w, +1m, dd/mm, dd/mm/yy. */
#ifndef CD_FORMS_DATEIN_H
#define CD_FORMS_DATEIN_H

#include "common/status.h"

/*
 * Turn what was typed into YYYY-MM-DD, relative to today (YYYY-MM-DD):
 * "t" today, "y" yesterday, "+3d" / "-2w" / "+1m" days, weeks or months
 * from today, "dd/mm" (this year), "dd/mm/yy" (20yy, or 19yy when that
 * would be more than a year ahead), or any full date ident_date accepts.
 */
enum cd_status datein_date(const char *in, const char *today, char out[11],
    struct cd_err *err);

/*
 * A date and time: a date as above, then HH:MM ("t 14:30", "now").
 * out gets YYYY-MM-DDTHH:MM. now is YYYY-MM-DDTHH:MM.
 */
enum cd_status datein_datetime(const char *in, const char *now,
    char out[17], struct cd_err *err);

/* Add days to a YYYY-MM-DD date. */
void datein_add_days(const char *date, long days, char out[11]);

#endif
