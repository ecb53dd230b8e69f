/*
 * Identifiers and names: NHS numbers, UPNs, postcodes, dates as typed, and
 * the normalised and sound-alike keys that make name search indexable.
 */
#ifndef CD_COMMON_IDENT_H
#define CD_COMMON_IDENT_H

#include <stddef.h>

#include "common/status.h"

#define IDENT_KEY_MAX 64

/*
 * Check an NHS number (10 digits, spaces allowed, modulus 11 check digit)
 * and write its 10 digits into out (11 bytes).
 */
enum cd_status ident_nhs(const char *in, char out[11], struct cd_err *err);

/*
 * Check a UPN: a letter, 11 digits and a digit or letter (not I, O, S),
 * with the DfE check letter; or UN1 to UN7 (the "unknown" codes).
 * Writes the upper-cased UPN into out (14 bytes).
 */
enum cd_status ident_upn(const char *in, char out[14], struct cd_err *err);

/* Check a UK postcode's shape; out gets "AB1 2CD" form (9 bytes). */
enum cd_status ident_postcode(const char *in, char out[9], struct cd_err *err);

/* The postcode without spaces, upper case, for indexed prefix search. */
void ident_postcode_key(const char *in, char out[9]);

/*
 * A date as people type it: DD/MM/YYYY, D/M/YYYY, DD-MM-YYYY or
 * YYYY-MM-DD. out gets YYYY-MM-DD (11 bytes).
 */
enum cd_status ident_date(const char *in, char out[11], struct cd_err *err);

/* Write y-m-d as YYYY-MM-DD into out (11 bytes). */
void ident_format_date(char out[11], int y, int m, int d);

/*
 * A partial date for search: "2015", "03/2015" or "2015-03" give the range
 * of dates it covers (from and to, YYYY-MM-DD); a full date gives itself.
 * Returns 0 on success, -1 if in is not a date at all.
 */
int ident_date_range(const char *in, char from[11], char to[11]);

/*
 * The search key of a name: letters only, upper case, common accented
 * Latin letters folded to their base letter ("O'Brien" -> "OBRIEN").
 */
void ident_name_key(const char *name, char out[IDENT_KEY_MAX]);

/*
 * The sound-alike key of a name: Soundex over the name key, with the first
 * letter put in a sound class too (C/K/Q, PH/F, ...), so that Catherine and
 * Kathryn, and Mohammed, Muhammad and Mohamed, share a key. "" for no
 * letters.
 */
void ident_name_sound(const char *name, char out[8]);

#endif
