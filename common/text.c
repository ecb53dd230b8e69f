#include "config.h"

#include "common/text.h"

#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/xmem.h"

/* The length of the valid UTF-8 sequence at p (0 if it is not one). */
static size_t
utf8_len(const unsigned char *p)
{
	size_t n, i;
	unsigned cp;

	if (p[0] < 0x80)
		return 1;
	if (p[0] >= 0xc2 && p[0] <= 0xdf)
		n = 2, cp = p[0] & 0x1f;
	else if (p[0] >= 0xe0 && p[0] <= 0xef)
		n = 3, cp = p[0] & 0x0f;
	else if (p[0] >= 0xf0 && p[0] <= 0xf4)
		n = 4, cp = p[0] & 0x07;
	else
		return 0;
	for (i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (p[i] & 0x3f);
	}
	/* Overlong forms, surrogates, beyond U+10FFFF, and C1 controls. */
	if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff ||
	    (cp >= 0x80 && cp <= 0x9f))
		return 0;
	return n;
}

/* Whether the byte at p is shown as it is. */
static size_t
plain_len(const unsigned char *p, int keep_tabs)
{
	if (*p < 0x20)
		return keep_tabs && *p == '\t' ? 1 : 0;
	if (*p == 0x7f)
		return 0;
	return utf8_len(p);
}

char *
text_visible(const char *s, int keep_tabs)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	struct buf b = { 0 };
	char *out;

	buf_addstr(&b, "");
	while (*p) {
		size_t n = plain_len(p, keep_tabs);

		if (n > 0) {
			buf_add(&b, p, n);
			p += n;
		} else {
			char esc[4] = { '\\', 'x', hex[*p >> 4], hex[*p & 15] };

			buf_add(&b, esc, 4);
			p++;
		}
	}
	out = xstrdup(buf_str(&b));
	buf_fini(&b);
	return out;
}

int
text_needs_visible(const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");

	while (*p) {
		size_t n = plain_len(p, 0);

		if (n == 0)
			return 1;
		p += n;
	}
	return 0;
}

const char *
text_safe(const char *s)
{
	static char *ring[8];
	static unsigned next;
	unsigned i = next++ % 8;

	free(ring[i]);
	ring[i] = text_visible(s, 0);
	return ring[i];
}
