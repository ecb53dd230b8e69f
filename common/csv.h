/* Writing CSV: RFC 4180 quoting, one row at a time into a buffer. */
#ifndef CD_COMMON_CSV_H
#define CD_COMMON_CSV_H

#include <stddef.h>

struct buf;

/* Append one row of n cells (NULL is an empty cell), ending in CRLF. */
void csv_row(struct buf *b, const char *const *cells, size_t n);

#endif
