#include "config.h"

#include "common/ini.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/xmem.h"

/* iniparser reports syntax errors through one global callback. */
static void (*loading_problem)(const char *, const char *, void *);
static const char *loading_path;
static void *loading_arg;

static int ini_error(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));

/* iniparser's error callback: one message, newlines folded, passed on. */
static int
ini_error(const char *fmt, ...)
{
	char buf[1024], *p;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	for (p = buf; *p; p++)
		if (*p == '\n')
			*p = ' ';
	while (p > buf && p[-1] == ' ')
		*--p = '\0';
	if (loading_problem != NULL)
		loading_problem(loading_path, buf, loading_arg);
	return 0;
}

dictionary *
ini_load(const char *path,
    void (*problem)(const char *, const char *, void *), void *arg)
{
	dictionary *d;

	loading_problem = problem;
	loading_path = path;
	loading_arg = arg;
	iniparser_set_error_callback(ini_error);
	d = iniparser_load(path);
	loading_problem = NULL;
	loading_arg = NULL;
	return d;
}

void
ini_problem_to_buf(const char *path, const char *msg, void *arg)
{
	struct buf *b = arg;

	(void)path;		/* iniparser's messages name the file */
	buf_addf(b, "%s%s", b->len ? "; " : "", msg);
}

const char *
ini_value(dictionary *d, const char *full)
{
	const char *v = iniparser_getstring(d, full, NULL);

	return v != NULL ? v : "";
}

const char **
ini_keys(dictionary *d, const char *sec, int *n)
{
	int count = iniparser_getsecnkeys(d, sec), i, k = 0;
	const char **keys;

	*n = 0;
	if (count <= 0)
		return NULL;
	keys = xcalloc((size_t)count, sizeof *keys);
	if (iniparser_getseckeys(d, sec, keys) == NULL) {
		free(keys);
		return NULL;
	}
	for (i = 0; i < count; i++)
		if (keys[i] != NULL &&
		    iniparser_getstring(d, keys[i], NULL) != NULL)
			keys[k++] = keys[i];
	if (k == 0) {
		free(keys);
		return NULL;
	}
	*n = k;
	return keys;
}

/* The value of sec:key (a section name of any length); "" if none. */
static const char *
value_of(dictionary *d, const char *sec, const char *key)
{
	char *full = xasprintf("%s:%s", sec, key);
	const char *v = ini_value(d, full);

	free(full);
	return v;
}

char *
ini_dup(dictionary *d, const char *sec, const char *key)
{
	const char *v = value_of(d, sec, key);

	return *v ? xstrdup(v) : NULL;
}

int
ini_int(dictionary *d, const char *sec, const char *key, int def)
{
	const char *v = value_of(d, sec, key);
	char *end;
	long n;

	errno = 0;
	n = strtol(v, &end, 10);
	if (*v == '\0' || *end != '\0' || errno || n < INT_MIN || n > INT_MAX)
		return def;
	return (int)n;
}
