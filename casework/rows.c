#include "config.h"

#include "casework/rows.h"

#include <stdlib.h>
#include <string.h>

#include "common/xmem.h"

/* Keep a deep copy of each row the engine hands over. */
static int
keep_row(const struct record *r, void *arg)
{
	struct rows *rows = arg;
	struct record *copy;
	size_t i;

	rows->r = xreallocarray(rows->r, rows->n + 1, sizeof *rows->r);
	copy = &rows->r[rows->n++];
	*copy = *r;
	copy->values = xcalloc(r->def->nfields, sizeof *copy->values);
	for (i = 0; i < r->def->nfields; i++)
		copy->values[i] = r->values[i] ? xstrdup(r->values[i]) : NULL;
	copy->created_at = r->created_at ? xstrdup(r->created_at) : NULL;
	copy->updated_at = r->updated_at ? xstrdup(r->updated_at) : NULL;
	return 0;
}

void
rows_load(struct store *st, const char *entity, int64_t person,
    struct rows *rows)
{
	memset(rows, 0, sizeof *rows);
	store_record_list(st, entity, person, keep_row, rows, NULL);
}

const struct record *
rows_open(const struct rows *rows, const char *start, const char *end)
{
	const struct record *best = NULL;
	size_t i;

	for (i = 0; i < rows->n; i++) {
		const char *s = store_record_value(&rows->r[i], start);

		if (store_record_value(&rows->r[i], end) != NULL)
			continue;
		if (best == NULL || (s && strcmp(s, rows_val(best, start)) > 0))
			best = &rows->r[i];
	}
	return best;
}

const char *
rows_val(const struct record *r, const char *field)
{
	const char *v = r ? store_record_value(r, field) : NULL;

	return v ? v : "";
}

void
rows_fini(struct rows *rows)
{
	size_t i;

	for (i = 0; i < rows->n; i++)
		store_record_fini(&rows->r[i]);
	free(rows->r);
	memset(rows, 0, sizeof *rows);
}

size_t
rows_significant(const struct rows *ch, const struct record *best[3])
{
	const struct record *b[4] = { NULL, NULL, NULL, NULL };
	size_t i, n = 0;
	int k;

	for (i = 0; i < ch->n; i++) {
		const struct record *r = &ch->r[i];

		if (rows_val(r, "significant")[0] != '1')
			continue;
		for (k = 0; k < 3; k++)
			if (b[k] == NULL || strcmp(rows_val(r, "event_date"),
			    rows_val(b[k], "event_date")) >= 0) {
				memmove(&b[k + 1], &b[k], (size_t)(2 - k) *
				    sizeof b[0]);
				b[k] = r;
				break;
			}
	}
	for (k = 0; k < 3; k++)
		if ((best[k] = b[k]) != NULL)
			n++;
	return n;
}
