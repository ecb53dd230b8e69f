/* Small helpers over iniparser shared by every data-file loader. */
#ifndef CD_COMMON_INI_H
#define CD_COMMON_INI_H

#include <iniparser.h>

/* A copy of the value of sec:key, or NULL when missing or empty. */
char *ini_dup(dictionary *d, const char *sec, const char *key);

/* The whole-number value of sec:key, or def when missing. */
int ini_int(dictionary *d, const char *sec, const char *key, int def);

#endif
