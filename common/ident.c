#include "config.h"

#include "common/ident.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "common/date.h"

enum cd_status
ident_nhs(const char *in, char out[11], struct cd_err *err)
{
	int digits[10], n = 0, sum = 0, check, i;
	const char *p;

	for (p = in; *p; p++) {
		if (*p == ' ' || *p == '-')
			continue;
		if (!isdigit((unsigned char)*p) || n == 10)
			return cd_err_set(err, CD_ERR_INVALID, "NHS number "
			    "\"%s\" must be 10 digits", in);
		digits[n++] = *p - '0';
	}
	if (n != 10)
		return cd_err_set(err, CD_ERR_INVALID, "NHS number \"%s\" must "
		    "be 10 digits", in);
	for (i = 0; i < 9; i++)
		sum += digits[i] * (10 - i);
	check = 11 - sum % 11;
	if (check == 11)
		check = 0;
	if (check == 10 || check != digits[9])
		return cd_err_set(err, CD_ERR_INVALID, "NHS number \"%s\" fails "
		    "its check digit (a digit mistyped?)", in);
	for (i = 0; i < 10; i++)
		out[i] = (char)('0' + digits[i]);
	out[10] = '\0';
	return CD_OK;
}

enum cd_status
ident_upn(const char *in, char out[14], struct cd_err *err)
{
	static const char letters[] = "ABCDEFGHJKLMNPQRTUVWXYZ";
	size_t n = strlen(in), i;
	int sum = 0;
	char c13;

	if (n == 3 && toupper((unsigned char)in[0]) == 'U' &&
	    toupper((unsigned char)in[1]) == 'N' && in[2] >= '1' &&
	    in[2] <= '7') {
		snprintf(out, 14, "UN%c", in[2]);
		return CD_OK;
	}
	if (n != 13)
		return cd_err_set(err, CD_ERR_INVALID, "UPN \"%s\" must be 13 "
		    "characters (or UN1 to UN7 when unknown)", in);
	for (i = 0; i < 13; i++)
		out[i] = (char)toupper((unsigned char)in[i]);
	out[13] = '\0';
	c13 = out[12];
	if (!isalpha((unsigned char)out[0]))
		return cd_err_set(err, CD_ERR_INVALID, "UPN \"%s\" must start "
		    "with its check letter", in);
	for (i = 1; i < 12; i++)
		if (!isdigit((unsigned char)out[i]))
			return cd_err_set(err, CD_ERR_INVALID, "UPN \"%s\": "
			    "characters 2 to 12 must be digits", in);
	if (!isdigit((unsigned char)c13) && (!isalpha((unsigned char)c13) ||
	    c13 == 'I' || c13 == 'O' || c13 == 'S'))
		return cd_err_set(err, CD_ERR_INVALID, "UPN \"%s\": the last "
		    "character must be a digit or a letter other than I, O, S",
		    in);
	for (i = 1; i < 13; i++) {
		int v;

		if (isdigit((unsigned char)out[i]))
			v = out[i] - '0';
		else	/* a letter in position 13: its index in the list */
			v = (int)(strchr(letters, out[i]) ?
			    strchr(letters, out[i]) - letters : 0);
		sum += v * (int)(i + 1);
	}
	if (letters[sum % 23] != out[0])
		return cd_err_set(err, CD_ERR_INVALID, "UPN \"%s\" fails its "
		    "check letter (expected %c)", in, letters[sum % 23]);
	return CD_OK;
}

void
ident_postcode_key(const char *in, char out[9])
{
	size_t n = 0;

	for (; *in && n < 8; in++)
		if (isalnum((unsigned char)*in))
			out[n++] = (char)toupper((unsigned char)*in);
	out[n] = '\0';
}

enum cd_status
ident_postcode(const char *in, char out[9], struct cd_err *err)
{
	char k[9];
	size_t n, outward, i;

	ident_postcode_key(in, k);
	n = strlen(k);
	if (strlen(in) > 10 || n < 5 || n > 7)
		goto bad;
	outward = n - 3;
	/* Inward code: a digit then two letters. */
	if (!isdigit((unsigned char)k[outward]) ||
	    !isalpha((unsigned char)k[outward + 1]) ||
	    !isalpha((unsigned char)k[outward + 2]))
		goto bad;
	/* Outward code: 1-2 letters, a digit, then a digit or letter. */
	if (!isalpha((unsigned char)k[0]))
		goto bad;
	i = isalpha((unsigned char)k[1]) ? 2 : 1;
	if (i >= outward || !isdigit((unsigned char)k[i]))
		goto bad;
	if (outward - i > 2)
		goto bad;
	snprintf(out, 9, "%.*s %s", (int)outward, k, k + outward);
	return CD_OK;
bad:
	return cd_err_set(err, CD_ERR_INVALID, "postcode \"%s\" is not the "
	    "shape of a UK postcode (like SM1 1EA)", in);
}

void
ident_format_date(char out[11], int y, int m, int d)
{
	char t[48];

	snprintf(t, sizeof t, "%04d-%02d-%02d", y, m, d);
	memcpy(out, t, 10);
	out[10] = '\0';
}

enum cd_status
ident_date(const char *in, char out[11], struct cd_err *err)
{
	int d, m, y, n = 0;
	char tmp[48];

	if (sscanf(in, "%4d-%2d-%2d%n", &y, &m, &d, &n) == 3 &&
	    in[n] == '\0' && n == 10 && y >= 0 && m >= 0 && d >= 0) {
		snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", y, m, d);
	} else if ((sscanf(in, "%2d/%2d/%4d%n", &d, &m, &y, &n) == 3 ||
	    sscanf(in, "%2d-%2d-%4d%n", &d, &m, &y, &n) == 3) &&
	    in[n] == '\0' && y >= 1000 && m >= 0 && d >= 0) {
		snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", y, m, d);
	} else
		return cd_err_set(err, CD_ERR_INVALID, "\"%s\" is not a date "
		    "(use DD/MM/YYYY or YYYY-MM-DD)", in);
	snprintf(out, 11, "%.10s", tmp);
	if (strlen(tmp) != 10 || !date_valid_iso(out))
		return cd_err_set(err, CD_ERR_INVALID, "\"%s\" is not a real "
		    "date", in);
	return CD_OK;
}

int
ident_date_range(const char *in, char from[11], char to[11])
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	int y, m, n = 0, last;

	if (ident_date(in, from, NULL) == CD_OK) {
		memcpy(to, from, 11);
		return 0;
	}
	if (sscanf(in, "%4d%n", &y, &n) == 1 && n == 4 && in[4] == '\0' &&
	    y >= 1800 && y <= 9999) {
		ident_format_date(from, y, 1, 1);
		ident_format_date(to, y, 12, 31);
		return 0;
	}
	if (!((sscanf(in, "%2d/%4d%n", &m, &y, &n) == 2 && in[n] == '\0') ||
	    (sscanf(in, "%4d-%2d%n", &y, &m, &n) == 2 && in[n] == '\0' &&
	    n == 7)) || m < 1 || m > 12 || y < 1800 || y > 9999)
		return -1;
	last = mdays[m - 1];
	if (m == 2 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		last = 28;
	ident_format_date(from, y, m, 1);
	ident_format_date(to, y, m, last);
	return 0;
}

/* Fold a two-byte UTF-8 Latin-1 letter to its base letter, or 0. */
static char
fold_latin1(unsigned char b1, unsigned char b2)
{
	/* U+00C0..U+00FF: rows of the Latin-1 supplement. */
	static const char map[] =
	    "AAAAAAACEEEEIIII" "DNOOOOO*OUUUUYTs"
	    "aaaaaaaceeeeiiii" "dnooooo/ouuuuyty";
	unsigned cp;

	if (b1 != 0xC3 || (b2 & 0xC0) != 0x80)
		return 0;
	cp = 0xC0 + (b2 & 0x3F);
	if (cp < 0xC0 || cp > 0xFF)
		return 0;
	return map[cp - 0xC0];
}

void
ident_name_key(const char *name, char out[IDENT_KEY_MAX])
{
	const unsigned char *p = (const unsigned char *)name;
	size_t n = 0;

	while (*p && n < IDENT_KEY_MAX - 1) {
		char c = 0;

		if (*p < 0x80) {
			if (isalpha(*p))
				c = (char)toupper(*p);
			p++;
		} else if (p[1] != '\0' && (c = fold_latin1(p[0], p[1])) != 0) {
			c = isalpha((unsigned char)c) ?
			    (char)toupper((unsigned char)c) : 0;
			p += 2;
		} else {
			p++;	/* other scripts: skip the byte */
			while ((*p & 0xC0) == 0x80)
				p++;
		}
		if (c)
			out[n++] = c;
	}
	out[n] = '\0';
}

/* Soundex digit of an upper-case letter; '0' for vowels and H, W, Y. */
static char
soundex_digit(char c)
{
	static const char codes[] = "01230120022455012623010202";

	return codes[c - 'A'];
}

void
ident_name_sound(const char *name, char out[8])
{
	char k[IDENT_KEY_MAX], first, last;
	const char *p;
	size_t n = 1;

	ident_name_key(name, k);
	if (k[0] == '\0') {
		out[0] = '\0';
		return;
	}
	p = k;
	/* Sound classes for the first letter, which Soundex keeps as is. */
	if (p[0] == 'P' && p[1] == 'H') {
		first = 'F';
		p++;
	} else if (p[0] == 'K' && p[1] == 'N') {
		first = 'N';
		p++;
	} else if (p[0] == 'W' && p[1] == 'R') {
		first = 'R';
		p++;
	} else if (p[0] == 'C' || p[0] == 'K' || p[0] == 'Q')
		first = 'K';
	else if (p[0] == 'Z')
		first = 'S';
	else
		first = p[0];
	out[0] = first;
	last = soundex_digit(p[0]);
	for (p++; *p && n < 4; p++) {
		char d = soundex_digit(*p);

		if (*p == 'H' || *p == 'W')
			continue;	/* do not separate equal codes */
		if (d != '0' && d != last)
			out[n++] = d;
		last = d;
	}
	while (n < 4)
		out[n++] = '0';
	out[n] = '\0';
}
