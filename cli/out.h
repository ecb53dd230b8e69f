/*
 * The one way cli/ prints. Every %s (and %c) argument goes through the
 * sanitiser, text_visible(), so a name, note, reason or error message from
 * the database, a file or a user cannot act on the terminal; the format
 * itself is the program's own text and is printed as written. Nothing else
 * in cli/ calls printf, fputs or write (tests/hygiene.sh checks).
 */
#ifndef CD_CLI_OUT_H
#define CD_CLI_OUT_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

/* printf to standard output, to standard error, to f, to descriptor fd. */
void cli_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void cli_eprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void cli_fprintf(FILE *f, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void cli_vfprintf(FILE *f, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));
void cli_dprintf(int fd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/*
 * Multi-line text (a note, a rendered record) to standard output: its line
 * breaks kept, each later line after indent, everything else sanitised.
 */
void cli_print_lines(const char *indent, const char *s);

/*
 * A file format streamed as it is (an export with --out -): bytes for a
 * program or a file, not text for a terminal.
 */
void cli_print_data(const void *data, size_t len);

/* The same formatting into a new string, for a caller that lays it out. */
char *cli_format(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
