/*
 * A strict word splitter for a command line that arrives as one string
 * (ssh's SSH_ORIGINAL_COMMAND): words separated by spaces, optionally in
 * single or double quotes taken literally. No shell: nothing is expanded,
 * and any character a shell would treat specially outside quotes is an
 * error, not a separator.
 */
#ifndef CD_COMMON_WORDS_H
#define CD_COMMON_WORDS_H

#include <stddef.h>

#include "common/status.h"

/* At most this many words, each at most this long, the line this long. */
#define WORDS_MAX 32
#define WORDS_LINE_MAX 4096

/*
 * Split line into a new array of new strings (*out, *n). CD_ERR_INVALID
 * naming the offending character (shown visibly) and its position when
 * the line holds a control character, a shell metacharacter outside
 * quotes, an unterminated quote, or too many or too long words.
 */
enum cd_status words_split(const char *line, char ***out, size_t *n,
    struct cd_err *err);

void words_free(char **words, size_t n);

#endif
