/*
 * Small helpers over iniparser shared by every data-file loader. iniparser
 * keeps sections as entries whose value is NULL, and a section named
 * "a:b" looks like key b of section a: these helpers never hand such an
 * entry on as a value, so no loader sees NULL where it expects text.
 */
#ifndef CD_COMMON_INI_H
#define CD_COMMON_INI_H

#include <iniparser.h>

/*
 * Load path with iniparser's syntax errors passed to problem (one call per
 * message, newlines folded, with the path being read) instead of standard
 * error. NULL if unreadable.
 */
dictionary *ini_load(const char *path,
    void (*problem)(const char *path, const char *msg, void *arg), void *arg);

/* A problem callback for ini_load: appends msg to a struct buf, "; " between. */
void ini_problem_to_buf(const char *path, const char *msg, void *buf);

/* The value of a full "sec:key" name; "" when missing or not a value. */
const char *ini_value(dictionary *d, const char *full);

/*
 * The full "sec:key" names of sec's keys that hold values (never a nested
 * section's entry), in file order; *n is how many. The caller frees the
 * array (not the names, which belong to d). NULL when there are none.
 */
const char **ini_keys(dictionary *d, const char *sec, int *n);

/* A copy of the value of sec:key, or NULL when missing or empty. */
char *ini_dup(dictionary *d, const char *sec, const char *key);

/* The whole-number (decimal) value of sec:key; def when missing or not one. */
int ini_int(dictionary *d, const char *sec, const char *key, int def);

#endif
