#include "config.h"

#include "store/codes.h"

#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/xmem.h"

/*
 * Code lists the statutory returns use, with the DfE values (see
 * ../shared/reference/statutory-returns.md). They are fixed by the
 * Department, so they are compiled in; lists a council may change belong
 * in forms/codes/.
 */
static const struct code_entry codes[] = {
#include "store/codes_table.inc"
};

int
codes_list_exists(const char *list)
{
	const struct code_entry *e;

	for (e = codes; e->list; e++)
		if (strcmp(e->list, list) == 0)
			return 1;
	return 0;
}

const struct code_entry *
codes_find(const char *list, const char *code)
{
	const struct code_entry *e;

	/* A linear table read for every coded value: test a byte first. */
	for (e = codes; e->list; e++)
		if (e->list[0] == list[0] && e->code[0] == code[0] &&
		    strcmp(e->list, list) == 0 && strcmp(e->code, code) == 0)
			return e;
	return NULL;
}

const char *
codes_label(const char *list, const char *code)
{
	const struct code_entry *e = codes_find(list, code);

	return e ? e->label : code;
}

void
codes_words(const char *list, const char *v, struct buf *b)
{
	char *copy = xstrdup(v), *tok, *save = NULL;
	int first = 1;

	for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",",
	    &save)) {
		buf_addf(b, "%s%s", first ? "" : ", ", codes_label(list, tok));
		first = 0;
	}
	free(copy);
}

enum cd_status
codes_check(const char *list, const char *field, const char *code,
    struct cd_err *err)
{
	const struct code_entry *e;
	struct buf valid = { 0 };
	enum cd_status st;
	int n = 0;

	if (codes_find(list, code) != NULL)
		return CD_OK;
	for (e = codes; e->list; e++) {
		if (strcmp(e->list, list) != 0)
			continue;
		if (n++ < 12)
			buf_addf(&valid, "%s%s", n > 1 ? ", " : "", e->code);
	}
	st = cd_err_set(err, CD_ERR_INVALID, "%s: \"%s\" is not a valid code "
	    "(%s%s)", field, code, buf_str(&valid), n > 12 ? ", ..." : "");
	buf_fini(&valid);
	return st;
}

void
codes_each(const char *list, void (*fn)(const struct code_entry *, void *),
    void *arg)
{
	const struct code_entry *e;

	for (e = codes; e->list; e++)
		if (strcmp(e->list, list) == 0)
			fn(e, arg);
}
