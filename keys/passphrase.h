/* Reading passphrases into secret memory, from a terminal or a descriptor. */
#ifndef CD_KEYS_PASSPHRASE_H
#define CD_KEYS_PASSPHRASE_H

#include "common/status.h"
#include "keys/secret.h"

/* The longest passphrase accepted, in bytes. */
#define PASSPHRASE_MAX 1024

/*
 * Read one line from fd into a new secret, without the newline. When fd is
 * a terminal, echo is off while reading. Reads a byte at a time so several
 * passphrases can come one per line from the same descriptor. Returns
 * CD_ERR_CANCELLED at end of file with nothing read.
 */
enum cd_status passphrase_read(int fd, struct secret **out,
    struct cd_err *err);

/* The shortest passphrase accepted for any new or changed entry. */
#define PASSPHRASE_MIN 10

/*
 * Check a new or changed passphrase for user. Always at least
 * PASSPHRASE_MIN characters; for a live keyring (live set) also Debian's
 * libpwquality checks (dictionary words, palindromes, the user's name,
 * too few different characters), refused with its reason.
 */
enum cd_status passphrase_quality(const struct secret *p, const char *user,
    int live, struct cd_err *err);

#endif
