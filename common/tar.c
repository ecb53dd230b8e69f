#include "config.h"

#include "common/tar.h"

#include <string.h>

#define BLOCK 512

/* Write v as size-1 octal digits and a NUL into field (v must fit). */
static void
octal(char *field, size_t size, unsigned long long v)
{
	size_t i = size - 1;

	field[i] = '\0';
	while (i-- > 0) {
		field[i] = (char)('0' + (v & 7));
		v >>= 3;
	}
}

/* Whether name is one ustar carries and no extractor puts elsewhere. */
static int
name_ok(const char *name)
{
	size_t n = strlen(name);

	return n > 0 && n <= TAR_NAME_MAX && name[0] != '/' &&
	    strcmp(name, "..") != 0 && strncmp(name, "../", 3) != 0 &&
	    strstr(name, "/../") == NULL && (n < 3 ||
	    strcmp(name + n - 3, "/..") != 0);
}

int
tar_add(struct buf *tar, const char *name, const void *data, size_t len,
    time_t mtime)
{
	unsigned char h[BLOCK];
	static const unsigned char zero[BLOCK];
	unsigned long sum = 0;
	size_t i;

	if (!name_ok(name) || len > 077777777777ULL)
		return -1;
	memset(h, 0, sizeof h);
	memcpy(h, name, strlen(name));			/* name[100] */
	octal((char *)h + 100, 8, 0600);		/* mode */
	octal((char *)h + 108, 8, 0);			/* uid */
	octal((char *)h + 116, 8, 0);			/* gid */
	octal((char *)h + 124, 12, len);		/* size */
	octal((char *)h + 136, 12, mtime > 0 ? (unsigned long long)mtime :
	    0);						/* mtime */
	memset(h + 148, ' ', 8);			/* chksum, as spaces */
	h[156] = '0';					/* a regular file */
	memcpy(h + 257, "ustar", 6);			/* magic, with NUL */
	memcpy(h + 263, "00", 2);			/* version */
	for (i = 0; i < BLOCK; i++)
		sum += h[i];
	octal((char *)h + 148, 7, sum);			/* then NUL, space */
	h[155] = ' ';
	buf_add(tar, h, BLOCK);
	buf_add(tar, data, len);
	if (len % BLOCK)
		buf_add(tar, zero, BLOCK - len % BLOCK);
	return 0;
}

void
tar_end(struct buf *tar)
{
	static const unsigned char zero[2 * BLOCK];

	buf_add(tar, zero, sizeof zero);
}
