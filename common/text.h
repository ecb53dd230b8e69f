/*
 * The one sanitiser for text that reaches a terminal: every string the
 * command line or the client prints that came from the database, a file
 * or a user goes through text_visible() first, so no escape sequence,
 * control character or broken UTF-8 can act on the terminal.
 */
#ifndef CD_COMMON_TEXT_H
#define CD_COMMON_TEXT_H

#include <stddef.h>

/*
 * A new copy of s with control characters (C0, DEL and the C1 range) and
 * bytes that are not valid UTF-8 shown visibly as \xNN (so making text
 * visible twice changes nothing more). Tabs too, unless keep_tabs. NULL
 * becomes "".
 */
char *text_visible(const char *s, int keep_tabs);

/* Whether s needs text_visible (holds anything it would change). */
int text_needs_visible(const char *s);

/*
 * text_visible into a small rotating set of static buffers, for one
 * printf call with a few arguments: valid until eight more calls.
 */
const char *text_safe(const char *s);

#endif
