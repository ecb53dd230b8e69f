/* The DfE code lists the record and the returns use. */
#ifndef CD_STORE_CODES_H
#define CD_STORE_CODES_H

#include <stddef.h>

#include "common/status.h"

struct buf;

struct code_entry {
	const char *list;
	const char *code;
	const char *label;
};

/* Whether list exists. */
int codes_list_exists(const char *list);

/* The entry for code in list, or NULL. */
const struct code_entry *codes_find(const char *list, const char *code);

/* The label for code in list, or the code itself if unknown. */
const char *codes_label(const char *list, const char *code);

/* Several comma-separated codes of list, their labels appended to b. */
void codes_words(const char *list, const char *v, struct buf *b);

/*
 * Check code against list; CD_ERR_INVALID names the field and lists up to
 * a dozen valid codes.
 */
enum cd_status codes_check(const char *list, const char *field,
    const char *code, struct cd_err *err);

/* Call fn for each entry of list, in order. */
void codes_each(const char *list, void (*fn)(const struct code_entry *,
    void *), void *arg);

#endif
