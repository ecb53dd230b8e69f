#include "config.h"

#include "common/csv.h"

#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/text.h"

/*
 * Quote a cell only when it holds a comma or quote. Control characters
 * (line breaks among them) are shown visibly by the one sanitiser: no
 * return holds them, and an export streamed over ssh may land on a
 * terminal rather than in a file.
 */
static void
cell(struct buf *b, const char *s)
{
	char *shown = NULL;

	if (s == NULL)
		return;
	if (text_needs_visible(s))
		s = shown = text_visible(s, 0);
	if (strpbrk(s, ",\"") == NULL)
		buf_addstr(b, s);
	else {
		buf_add(b, "\"", 1);
		for (; *s; s++) {
			if (*s == '"')
				buf_add(b, "\"", 1);
			buf_add(b, s, 1);
		}
		buf_add(b, "\"", 1);
	}
	free(shown);
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
