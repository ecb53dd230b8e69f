#include "config.h"

#include "common/buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/xmem.h"

/* Make room for n more bytes plus the terminating NUL. */
static void
grow(struct buf *b, size_t n)
{
	size_t want = b->len + n + 1;

	if (want <= b->cap)
		return;
	if (b->cap == 0)
		b->cap = 64;
	while (b->cap < want)
		b->cap *= 2;
	b->data = xrealloc(b->data, b->cap);
}

void
buf_add(struct buf *b, const void *p, size_t n)
{
	grow(b, n);
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void
buf_addstr(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void
buf_addf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n <= 0)
		return;
	grow(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf((char *)b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

/* Put v big-endian at p. */
static void
put_u32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

void
buf_add_u32(struct buf *b, uint32_t v)
{
	grow(b, 4);
	put_u32(b->data + b->len, v);
	b->len += 4;
	b->data[b->len] = '\0';
}

void
buf_add_u64(struct buf *b, uint64_t v)
{
	grow(b, 8);
	put_u32(b->data + b->len, (uint32_t)(v >> 32));
	put_u32(b->data + b->len + 4, (uint32_t)v);
	b->len += 8;
	b->data[b->len] = '\0';
}

/* The audit trail's canonical bytes are made of these: keep them cheap. */
void
buf_add_field(struct buf *b, const char *s)
{
	size_t n;

	if (s == NULL) {
		buf_add_u32(b, 0xffffffffu);
		return;
	}
	n = strlen(s);
	grow(b, 4 + n);
	put_u32(b->data + b->len, (uint32_t)n);
	memcpy(b->data + b->len + 4, s, n);
	b->len += 4 + n;
	b->data[b->len] = '\0';
}

void
buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

void
buf_fini(struct buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

const char *
buf_str(const struct buf *b)
{
	return b->data ? (const char *)b->data : "";
}

int
buf_utf8_len(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	int n, i;

	if (*p < 0x80)
		return *p ? 1 : 0;
	if ((*p & 0xE0) == 0xC0 && *p >= 0xC2)
		n = 1;
	else if ((*p & 0xF0) == 0xE0)
		n = 2;
	else if ((*p & 0xF8) == 0xF0 && *p <= 0xF4)
		n = 3;
	else
		return 0;
	for (i = 1; i <= n; i++)
		if ((p[i] & 0xC0) != 0x80)
			return 0;
	return n + 1;
}
