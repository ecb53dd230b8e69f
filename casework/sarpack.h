/*
 * The subject access pack, for the command line and the client: prepared
 * for review with redactions proposed, read by governance unredacted
 * with every redaction marked, and released (after a second person's
 * approval) as a letter and the record in plain words.
 */
#ifndef CD_CASEWORK_SARPACK_H
#define CD_CASEWORK_SARPACK_H

#include <stddef.h>
#include <stdint.h>

#include "casework/sarbuild.h"
#include "common/buf.h"
#include "common/status.h"

struct buf;
struct cfg;
struct record;
struct store;

struct sarpack {
	long items;
	long redactions;	/* standing (proposed or added) */
	long withheld;		/* items withheld under an exemption */
	long unread;		/* free-text items not yet read */
	size_t bytes;
	char what[160];		/* a one-line description */
};

/* What the letter says about the council, and the words for forms. */
struct sarpack_opts {
	struct sar_words words;
	const char *council;	/* [borough] name */
	const char *phone;	/* [borough] office_phone */
	const char *contact;	/* [information] contact: address, e-mail */
	int consent_age;
	struct buf *stream;	/* set: the pack goes into here, not to the
				 * path, which then only names its format */
};

/*
 * The options from the configuration (council, phones, contact, consent
 * age); phones (three slots) holds the phones never redacted. The caller
 * sets words' form callbacks.
 */
void sarpack_opts_init(struct sarpack_opts *o, const struct cfg *cfg,
    const char *phones[3]);

/* Append one record's filled fields, indented, as text. */
void recordtext_append(struct buf *b, const struct record *r);

/* Prepare (or prepare again) request's pack with proposed redactions. */
enum cd_status sarpack_prepare(struct store *st, int64_t request,
    const struct sarpack_opts *o, struct sarpack *out, struct cd_err *err);

/*
 * Write the review copy (0600; HTML when path ends .html): every item
 * numbered, unredacted, each redaction marked with its number and what
 * it hides, withheld items with their exemption, free text flagged, and
 * what the request still lacks before it can be released.
 */
enum cd_status sarpack_review(struct store *st, int64_t request,
    const struct sarpack_opts *o, const char *path, struct sarpack *out,
    struct cd_err *err);

/* Redact every occurrence of text in item (0: every item). */
enum cd_status sarpack_redact_text(struct store *st, int64_t request,
    int item, const char *text, const char *cls, long *count,
    struct cd_err *err);

/*
 * Release an approved request: the covering letter and the record in
 * plain words, redactions shown as [withheld: ...], written 0600 (HTML
 * when path ends .html) and logged in the same transaction.
 */
enum cd_status sarpack_release(struct store *st, int64_t request,
    const struct sarpack_opts *o, const char *path, struct sarpack *out,
    struct cd_err *err);

/*
 * The client's and the command line's one call: with a request, release
 * it (refused unless approved); without, write the whole record
 * unredacted for information governance, marked not for release, and
 * audit it. Information governance only. With stream set the pack is
 * appended to it and path (such as "pack.html") only names its format.
 */
enum cd_status sarpack_export(struct store *st, int64_t person,
    int64_t request, const struct sarpack_opts *o, const char *path,
    struct buf *stream, const char *user, struct sarpack *out,
    struct cd_err *err);

#endif
