/*
 * A person's rows of one entity, read through the record engine (so each
 * read is access-checked and audited) and kept for building a screen or a
 * quick look.
 */
#ifndef CD_CASEWORK_ROWS_H
#define CD_CASEWORK_ROWS_H

#include <stddef.h>
#include <stdint.h>

#include "store/record.h"

struct store;

struct rows {
	struct record *r;
	size_t n;
};

/* Every row of entity for person, oldest first (none if not allowed). */
void rows_load(struct store *st, const char *entity, int64_t person,
    struct rows *rows);

/* The open row (end field empty) that started last, or NULL. */
const struct record *rows_open(const struct rows *rows, const char *start,
    const char *end);

/* A field's value, or "" (r may be NULL). */
const char *rows_val(const struct record *r, const char *field);

/* The (up to) three latest significant chronology rows, newest first. */
size_t rows_significant(const struct rows *ch, const struct record *best[3]);

void rows_fini(struct rows *rows);

#endif
