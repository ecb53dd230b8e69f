#include "config.h"

#include "common/ini.h"

#include <stdio.h>

#include "common/xmem.h"

char *
ini_dup(dictionary *d, const char *sec, const char *key)
{
	char full[256];
	const char *v;

	snprintf(full, sizeof full, "%s:%s", sec, key);
	v = iniparser_getstring(d, full, NULL);
	return v && *v ? xstrdup(v) : NULL;
}

int
ini_int(dictionary *d, const char *sec, const char *key, int def)
{
	char full[256];

	snprintf(full, sizeof full, "%s:%s", sec, key);
	return iniparser_getint(d, full, def);
}
