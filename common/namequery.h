/*
 * What a search typed before "create" says about the new person: given
 * names, family name and date of birth, with an optional postcode and NHS
 * number. "Aurelia Kowalczyk 14/03/2019", "Kowalczyk, Aurelia" and
 * "Aurelia KOWALCZYK" all give the same names.
 */
#ifndef CD_COMMON_NAMEQUERY_H
#define CD_COMMON_NAMEQUERY_H

#include "common/status.h"

#define NAMEQUERY_MAX 128

struct name_query {
	char given[NAMEQUERY_MAX];	/* "" when none was typed */
	char family[NAMEQUERY_MAX];
	char dob[11];			/* YYYY-MM-DD or "" */
	char postcode[9];		/* "NW1 8XX" or "" */
	char nhs[11];			/* ten digits or "" */
};

/*
 * Parse q. The family name is the part before a comma, else the one word
 * in capitals (written back in title case), else the last word. A date,
 * postcode or NHS number that is there but wrong is an error naming it.
 */
enum cd_status namequery_parse(const char *q, struct name_query *out,
    struct cd_err *err);

#endif
