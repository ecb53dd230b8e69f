#include "config.h"

#include "common/csv.h"

#include <string.h>

#include "common/buf.h"

/* Quote a cell only when it holds a comma, quote or line break. */
static void
cell(struct buf *b, const char *s)
{
	if (s == NULL)
		return;
	if (strpbrk(s, ",\"\r\n") == NULL) {
		buf_addstr(b, s);
		return;
	}
	buf_add(b, "\"", 1);
	for (; *s; s++) {
		if (*s == '"')
			buf_add(b, "\"", 1);
		buf_add(b, s, 1);
	}
	buf_add(b, "\"", 1);
}

void
csv_row(struct buf *b, const char *const *cells, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (i)
			buf_add(b, ",", 1);
		cell(b, cells[i]);
	}
	buf_add(b, "\r\n", 2);
}
