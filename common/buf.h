/* A growable byte buffer for building text and canonical byte strings. */
#ifndef CD_COMMON_BUF_H
#define CD_COMMON_BUF_H

#include <stddef.h>
#include <stdint.h>

struct buf {
	unsigned char *data;
	size_t len;
	size_t cap;
};

/* Append bytes; the buffer stays NUL-terminated after data[len]. */
void buf_add(struct buf *b, const void *p, size_t n);
void buf_addstr(struct buf *b, const char *s);
void buf_addf(struct buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Append a 32-bit big-endian integer. */
void buf_add_u32(struct buf *b, uint32_t v);
void buf_add_u64(struct buf *b, uint64_t v);
/* Append a field as a 32-bit length then its bytes (NULL is length 0xffffffff). */
void buf_add_field(struct buf *b, const char *s);
/* The length (1 to 4) of the well-formed UTF-8 character at s; 0 if none. */
int buf_utf8_len(const char *s);
/* Empty the buffer, keeping its memory. */
void buf_reset(struct buf *b);
/* Release the memory. */
void buf_fini(struct buf *b);
/* The contents as a C string (never NULL). */
const char *buf_str(const struct buf *b);

#endif
