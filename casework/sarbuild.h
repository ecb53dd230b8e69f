/*
 * Building a subject access pack for review: every row of the subject's
 * record as an item in plain words, and the redactions proposed on it
 * for everyone but the subject and the requester.
 */
#ifndef CD_CASEWORK_SARBUILD_H
#define CD_CASEWORK_SARBUILD_H

#include <stddef.h>
#include <stdint.h>

#include "common/status.h"
#include "store/sar.h"

struct store;

/*
 * Words for a form's answers, from its definition (the caller may know
 * it; casework cannot reach forms/). Either may be NULL: the pack then
 * says "Form" and makes words from the field's name.
 */
struct sar_words {
	const char *(*form_title)(const char *code, void *arg);
	const char *(*field_label)(const char *code, const char *field,
	    void *arg);
	/* An answer in words: SAR_WORDS_OURS with words in out (yes, no,
	 * a code's label), SAR_WORDS_PERSON when it is a person's record
	 * number, SAR_WORDS_UNKNOWN to read it as written. */
	int (*answer_words)(const char *code, const char *field,
	    const char *value, char *out, size_t n, void *arg);
	void *arg;
	const char *const *council_phones;	/* never redacted; NULL-ended */
};

#define SAR_WORDS_UNKNOWN 0
#define SAR_WORDS_OURS 1
#define SAR_WORDS_PERSON 2

/* Items with their proposed marks (owned). */
struct sar_build {
	struct sar_item_in *items;
	size_t n;
	long marks;
};

/*
 * Build the pack of request s: the subject's record as items, with
 * proposed redactions of every third party's names, dates of birth, NHS
 * numbers, UPNs, addresses and postcodes, phone numbers, e-mail
 * addresses and record numbers, and (locked) a looked-after child's
 * placement for anyone but the child. Free text is flagged for a person
 * to read.
 */
enum cd_status sarbuild_items(struct store *st, const struct sar_state *s,
    const struct sar_words *w, struct sar_build *out, struct cd_err *err);

void sarbuild_fini(struct sar_build *b);

#endif
