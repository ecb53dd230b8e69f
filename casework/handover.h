/*
 * When the day team must have accepted an out-of-hours handover: by 10:00
 * on their next working day (bank holidays and closures skipped), judged
 * in local time. A record made before 08:00 on a working day is for that
 * day's team; anything later waits for the next working day.
 */
#ifndef CD_CASEWORK_HANDOVER_H
#define CD_CASEWORK_HANDOVER_H

struct calendar;

#define HANDOVER_DUE_LEN 17	/* "YYYY-MM-DDT10:00" */

/*
 * The local time by which a handover that arrived at arrived (an ISO
 * date-time in UTC, as the store records it) must be accepted; 0 on a bad
 * time.
 */
int handover_due(const struct calendar *cal, const char *arrived,
    char out[HANDOVER_DUE_LEN]);

/* Whether it is late at now (ISO UTC date-time). */
int handover_late(const struct calendar *cal, const char *arrived,
    const char *now);

/* An ISO UTC date-time as local "DD/MM HH:MM" for a tray line. */
void handover_local(const char *iso, char out[16]);

#endif
