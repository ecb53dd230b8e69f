#include "config.h"

#include "common/namequery.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "common/ident.h"

#define WORDS 16

/* Append word to out with a space between words. */
static void
append(char *out, const char *word)
{
	size_t n = strlen(out);

	if (n > 0 && n + 1 < NAMEQUERY_MAX)
		out[n++] = ' ', out[n] = '\0';
	snprintf(out + n, NAMEQUERY_MAX - n, "%s", word);
}

static int
has_digit(const char *w)
{
	for (; *w; w++)
		if (isdigit((unsigned char)*w))
			return 1;
	return 0;
}

/* A word of two or more letters, all capitals (ASCII letters only). */
static int
shouting(const char *w)
{
	int letters = 0;

	for (; *w; w++) {
		if (islower((unsigned char)*w))
			return 0;
		letters += isupper((unsigned char)*w) != 0;
	}
	return letters >= 2;
}

/* KOWALCZYK to Kowalczyk, O'BRIEN to O'Brien, SMITH-JONES to Smith-Jones. */
static void
title_case(char *w)
{
	int start = 1;

	for (; *w; w++) {
		if (isalpha((unsigned char)*w)) {
			*w = (char)(start ? toupper((unsigned char)*w) :
			    tolower((unsigned char)*w));
			start = 0;
		} else if ((unsigned char)*w < 0x80)
			start = 1;
	}
}

/* Identifiers among the words: date, NHS number, postcode. Names stay. */
static enum cd_status
identifiers(char **w, int *n, struct name_query *out, struct cd_err *err)
{
	char digits[16], joined[24];
	int i, j, k;

	for (i = 0; i < *n; i++) {
		if (w[i] == NULL || !has_digit(w[i]))
			continue;
		/* An NHS number, perhaps typed 3 3 4. */
		digits[0] = '\0';
		for (j = i; j < *n && w[j] != NULL &&
		    strspn(w[j], "0123456789") ==
		    strlen(w[j]) && strlen(digits) + strlen(w[j]) < 11; j++)
			strcat(digits, w[j]);
		if (strlen(digits) == 10) {
			if (ident_nhs(digits, out->nhs, err) != CD_OK)
				return cd_err_set(err, CD_ERR_INVALID, "%s is not "
				    "a valid NHS number (its check digit is "
				    "wrong)", digits);
			for (k = i; k < j; k++)
				w[k] = NULL;
			continue;
		}
		if (strchr(w[i], '/') || strchr(w[i], '-') ||
		    strspn(w[i], "0123456789.") == strlen(w[i])) {
			if (ident_date(w[i], out->dob, NULL) != CD_OK)
				return cd_err_set(err, CD_ERR_INVALID, "%s is not "
				    "a date of birth (type DD/MM/YYYY)", w[i]);
			w[i] = NULL;
			continue;
		}
		/* A postcode: one word, or the outward and inward parts. */
		if (i + 1 < *n && w[i + 1] != NULL) {
			snprintf(joined, sizeof joined, "%s %s", w[i], w[i + 1]);
			if (ident_postcode(joined, out->postcode, NULL) ==
			    CD_OK) {
				w[i] = w[i + 1] = NULL;
				continue;
			}
		}
		if (ident_postcode(w[i], out->postcode, NULL) == CD_OK) {
			w[i] = NULL;
			continue;
		}
		return cd_err_set(err, CD_ERR_INVALID, "%s is not a name, date "
		    "of birth, postcode or NHS number", w[i]);
	}
	for (i = j = 0; i < *n; i++)
		if (w[i] != NULL)
			w[j++] = w[i];
	*n = j;
	return CD_OK;
}

enum cd_status
namequery_parse(const char *q, struct name_query *out, struct cd_err *err)
{
	char buf[512], *w[WORDS], *save = NULL, *t, *comma;
	int n = 0, i, caps = -1, ncaps = 0;
	enum cd_status code;

	memset(out, 0, sizeof *out);
	if (q == NULL || strlen(q) >= sizeof buf)
		return cd_err_set(err, CD_ERR_INVALID, "the search is too long "
		    "to make a person from");
	snprintf(buf, sizeof buf, "%s", q);
	/* "Kowalczyk, Aurelia": the words before the comma are the family. */
	if ((comma = strchr(buf, ',')) != NULL)
		*comma = ' ';
	for (t = strtok_r(buf, " \t", &save); t && n < WORDS;
	    t = strtok_r(NULL, " \t", &save))
		w[n++] = t;
	code = identifiers(w, &n, out, err);
	if (code != CD_OK)
		return code;
	for (i = 0; i < n; i++)
		if (shouting(w[i]))
			caps = i, ncaps++;
	if (comma != NULL) {
		/* Words before the comma's place in buf are the family. */
		for (i = 0; i < n; i++) {
			if (w[i] >= comma)
				break;
			append(out->family, w[i]);
		}
		for (; i < n; i++)
			append(out->given, w[i]);
	} else if (ncaps == 1 && n > 1) {
		title_case(w[caps]);
		for (i = 0; i < n; i++)
			append(i == caps ? out->family : out->given, w[i]);
	} else if (n > 0) {
		for (i = 0; i < n - 1; i++)
			append(out->given, w[i]);
		append(out->family, w[n - 1]);
	}
	for (t = out->family; *t; t++)
		if (*t == '\x1b' || (unsigned char)*t < 0x20)
			*t = ' ';
	if (out->family[0] != '\0' && shouting(out->family))
		title_case(out->family);
	return CD_OK;
}
