#include "config.h"

#include "cli/out.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/buf.h"
#include "common/text.h"
#include "common/xmem.h"

/* One conversion is handed to snprintf with a format built here. */
#pragma GCC diagnostic ignored "-Wformat-nonliteral"

/* Append one conversion of spec (e.g. "%-28.28s") of value (a variable). */
#define ADD_CONV(b, spec, value) do { \
	char one_[512]; \
	int n_ = snprintf(one_, sizeof one_, (spec), (value)); \
	if (n_ >= (int)sizeof one_) { \
		char *big_ = xmalloc((size_t)n_ + 1); \
		snprintf(big_, (size_t)n_ + 1, (spec), (value)); \
		buf_add((b), big_, (size_t)n_); \
		free(big_); \
	} else if (n_ > 0) \
		buf_add((b), one_, (size_t)n_); \
} while (0)

/* The same with the next argument, read once, of type t. */
#define ADD_ARG(b, spec, t) do { \
	t v_ = va_arg(ap, t); \
	ADD_CONV(b, spec, v_); \
} while (0)

/*
 * Format fmt into b as vprintf would, but with each string argument made
 * visible first. Widths and precisions given as * are read here and put
 * into the conversion as numbers.
 */
static void
format_visible(struct buf *b, const char *fmt, va_list ap)
{
	const char *p = fmt;

	buf_addstr(b, "");
	while (*p) {
		char spec[64], len[3] = "";
		size_t k = 0;
		int part;

		if (*p != '%') {
			const char *q = strchr(p, '%');
			size_t n = q ? (size_t)(q - p) : strlen(p);

			buf_add(b, p, n);
			p += n;
			continue;
		}
		spec[k++] = *p++;
		if (*p == '%') {
			buf_add(b, "%", 1);
			p++;
			continue;
		}
		while (*p && strchr("-+ #0", *p) && k < 8)
			spec[k++] = *p++;
		for (part = 0; part < 2; part++) {	/* width, precision */
			if (part == 1) {
				if (*p != '.')
					break;
				spec[k++] = *p++;
			}
			if (*p == '*') {
				k += (size_t)snprintf(spec + k, 16, "%d",
				    va_arg(ap, int));
				p++;
			} else
				while (*p >= '0' && *p <= '9' && k < 40)
					spec[k++] = *p++;
		}
		while (*p && strchr("hlzjtL", *p) && strlen(len) < 2) {
			len[strlen(len)] = *p;
			spec[k++] = *p++;
		}
		spec[k++] = *p;
		spec[k] = '\0';
		switch (*p) {
		case 'd': case 'i':
			if (!strcmp(len, "l"))
				ADD_ARG(b, spec, long);
			else if (!strcmp(len, "ll"))
				ADD_ARG(b, spec, long long);
			else if (!strcmp(len, "z"))
				ADD_ARG(b, spec, size_t);
			else if (!strcmp(len, "j"))
				ADD_ARG(b, spec, intmax_t);
			else if (!strcmp(len, "t"))
				ADD_ARG(b, spec, ptrdiff_t);
			else
				ADD_ARG(b, spec, int);
			break;
		case 'u': case 'o': case 'x': case 'X':
			if (!strcmp(len, "l"))
				ADD_ARG(b, spec, unsigned long);
			else if (!strcmp(len, "ll"))
				ADD_ARG(b, spec, unsigned long long);
			else if (!strcmp(len, "z"))
				ADD_ARG(b, spec, size_t);
			else if (!strcmp(len, "j"))
				ADD_ARG(b, spec, uintmax_t);
			else if (!strcmp(len, "t"))
				ADD_ARG(b, spec, ptrdiff_t);
			else
				ADD_ARG(b, spec, unsigned);
			break;
		case 'f': case 'F': case 'e': case 'E': case 'g': case 'G':
		case 'a': case 'A':
			if (!strcmp(len, "L"))
				ADD_ARG(b, spec, long double);
			else
				ADD_ARG(b, spec, double);
			break;
		case 'p':
			ADD_ARG(b, spec, void *);
			break;
		case 'c': {
			char one[2] = { (char)va_arg(ap, int), '\0' };
			char *shown = text_visible(one, 0);

			spec[k - 1] = 's';
			ADD_CONV(b, spec, shown);
			free(shown);
			break;
		}
		case 's': {
			char *shown = text_visible(va_arg(ap, const char *), 0);

			ADD_CONV(b, spec, shown);
			free(shown);
			break;
		}
		default:
			/* %n and anything unknown: the program's mistake. */
			abort();
		}
		p++;
	}
}

void
cli_vfprintf(FILE *f, const char *fmt, va_list ap)
{
	struct buf b = { 0 };

	format_visible(&b, fmt, ap);
	fwrite(b.data, 1, b.len, f);
	buf_fini(&b);
}

void
cli_fprintf(FILE *f, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cli_vfprintf(f, fmt, ap);
	va_end(ap);
}

void
cli_printf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cli_vfprintf(stdout, fmt, ap);
	va_end(ap);
}

void
cli_eprintf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cli_vfprintf(stderr, fmt, ap);
	va_end(ap);
}

void
cli_dprintf(int fd, const char *fmt, ...)
{
	struct buf b = { 0 };
	size_t off = 0;
	va_list ap;

	va_start(ap, fmt);
	format_visible(&b, fmt, ap);
	va_end(ap);
	while (off < b.len) {
		ssize_t n = write(fd, b.data + off, b.len - off);

		if (n <= 0)
			break;
		off += (size_t)n;
	}
	buf_fini(&b);
}

char *
cli_format(const char *fmt, ...)
{
	struct buf b = { 0 };
	va_list ap;
	char *s;

	va_start(ap, fmt);
	format_visible(&b, fmt, ap);
	va_end(ap);
	s = xstrdup(buf_str(&b));
	buf_fini(&b);
	return s;
}

void
cli_print_lines(const char *indent, const char *s)
{
	const char *p = s ? s : "";

	for (;;) {
		size_t n = strcspn(p, "\n");
		char *line = xstrndup(p, n), *shown = text_visible(line, 1);

		fputs(shown, stdout);
		free(shown);
		free(line);
		if (p[n] == '\0')
			break;
		fputs("\n", stdout);
		if (p[n + 1] != '\0')
			fputs(indent ? indent : "", stdout);
		p += n + 1;
	}
}

void
cli_print_data(const void *data, size_t len)
{
	if (len > 0)	/* an empty buffer may have no data at all */
		fwrite(data, 1, len, stdout);
}
