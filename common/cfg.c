#include "config.h"

#include "common/cfg.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/buf.h"
#include "common/file.h"
#include "common/ini.h"
#include "common/xmem.h"

enum option_type { OPT_STRING, OPT_INT, OPT_BOOL, OPT_CHOICE };

/* The configuration schema: every known option, its type and its help. */
static const struct option {
	const char *section;
	const char *key;
	enum option_type type;
	size_t offset;
	const char *def;
	const char *choices;	/* OPT_CHOICE: words separated by '|' */
	int min, max;		/* OPT_INT */
	const char *help;
} options[] = {
	{ "database", "path", OPT_STRING, offsetof(struct cfg, db_path),
	  "", NULL, 0, 0, "database used when --db is not given" },
	{ "security", "kdf", OPT_CHOICE, offsetof(struct cfg, kdf),
	  "moderate", "interactive|moderate|sensitive|insecure-test", 0, 0,
	  "Argon2id strength for new and changed passphrases" },
	{ "security", "idle_lock_minutes", OPT_INT,
	  offsetof(struct cfg, idle_lock_minutes), "15", NULL, 1, 240,
	  "lock the screen after this many idle minutes" },
	{ "forms", "dir", OPT_STRING, offsetof(struct cfg, forms_dir), "",
	  NULL, 0, 0, "the forms folder (defs/ and codes/) if not the shipped "
	  "one" },
	{ "audit", "head_log", OPT_STRING, offsetof(struct cfg, head_log),
	  "", NULL, 0, 0, "a file each session's closing audit head is "
	  "appended to (as well as syslog): keep it off this machine's "
	  "control, and check with audit verify --heads" },
	{ "service", "authorized_keys", OPT_STRING, offsetof(struct cfg,
	  authorized_keys), "", NULL, 0, 0, "the service account's "
	  "authorized_keys that ssh-key maintains (default: its "
	  "~/.ssh/authorized_keys)" },
	{ "calendar", "closures", OPT_STRING, offsetof(struct cfg, closures),
	  "", NULL, 0, 0, "the council's own closure days (YYYY-MM-DD ...)" },
	{ "borough", "name", OPT_STRING, offsetof(struct cfg, la_name),
	  "Camden", NULL, 0, 0, "the local authority's name" },
	{ "borough", "dfe_code", OPT_STRING, offsetof(struct cfg, la_code),
	  "202", NULL, 0, 0, "the DfE three-digit local authority code" },
	{ "borough", "ons_code", OPT_STRING, offsetof(struct cfg, la_ons),
	  "E09000007", NULL, 0, 0, "the ONS local authority code" },
	{ "borough", "office_phone", OPT_STRING, offsetof(struct cfg,
	  la_phone), "", NULL, 0, 0, "children's services' office-hours "
	  "number, sent to CP-IS" },
	{ "borough", "ooh_phone", OPT_STRING, offsetof(struct cfg,
	  la_ooh_phone), "", NULL, 0, 0, "the out-of-hours (emergency duty) "
	  "number, sent to CP-IS" },
	{ "information", "consent_age", OPT_INT, offsetof(struct cfg,
	  consent_age), "13", NULL, 12, 16, "from this age a person's own "
	  "consent is needed before a parent or anyone else receives their "
	  "record (councils use 12 or 13)" },
	{ "information", "contact", OPT_STRING, offsetof(struct cfg,
	  sar_contact), "", NULL, 0, 0, "where people write about their "
	  "information (the data protection officer's address or e-mail), "
	  "printed on subject access letters" },
	{ "display", "ascii", OPT_BOOL, offsetof(struct cfg, ascii), "no",
	  NULL, 0, 0, "draw lines with ASCII characters only" },
	{ "display", "colour", OPT_BOOL, offsetof(struct cfg, colour),
	  "yes", NULL, 0, 0, "use colour where the terminal has it" },
	{ "display", "escape_ms", OPT_INT, offsetof(struct cfg, escape_ms),
	  "300", NULL, 25, 2000, "milliseconds to wait after Esc for the rest "
	  "of a key's sequence (long enough for a slow ssh link; Esc Esc "
	  "acts at once)" },
};
#define NOPTIONS (sizeof options / sizeof options[0])

static void vadd(char ***list, size_t *n, const char *fmt, va_list ap)
    __attribute__((format(printf, 3, 0)));

static void
vadd(char ***list, size_t *n, const char *fmt, va_list ap)
{
	va_list copy;
	int len;
	char *s;

	va_copy(copy, ap);
	len = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	if (len < 0)
		return;
	s = xmalloc((size_t)len + 1);
	vsnprintf(s, (size_t)len + 1, fmt, ap);
	while (len > 0 && s[len - 1] == '\n')
		s[--len] = '\0';
	*list = xreallocarray(*list, *n + 1, sizeof **list);
	(*list)[(*n)++] = s;
}

void
cfg_problem(struct cfg *c, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vadd(&c->problems, &c->nproblems, fmt, ap);
	va_end(ap);
}

void
cfg_warning(struct cfg *c, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vadd(&c->warnings, &c->nwarnings, fmt, ap);
	va_end(ap);
}

/* A syntax error from iniparser: a problem against the file being read. */
static void
syntax_problem(const char *path, const char *msg, void *c)
{
	cfg_problem(c, "%s: %s", path, msg);
}

/* Set one option's value from text, recording a problem if it is bad. */
static void
set_option(struct cfg *c, const struct option *o, const char *value,
    const char *source)
{
	char *end;
	long v;
	int b;

	switch (o->type) {
	case OPT_STRING:
		free(*(char **)((char *)c + o->offset));
		*(char **)((char *)c + o->offset) = xstrdup(value);
		return;
	case OPT_INT:
		errno = 0;
		v = strtol(value, &end, 10);
		if (errno || *value == '\0' || *end != '\0' || v < o->min ||
		    v > o->max) {
			cfg_problem(c, "%s: [%s] %s: \"%s\" is not a whole "
			    "number from %d to %d", source, o->section, o->key,
			    value, o->min, o->max);
			return;
		}
		*(int *)((char *)c + o->offset) = (int)v;
		return;
	case OPT_BOOL:
		if (!strcasecmp(value, "yes") || !strcasecmp(value, "true") ||
		    !strcmp(value, "1") || !strcasecmp(value, "on"))
			b = 1;
		else if (!strcasecmp(value, "no") ||
		    !strcasecmp(value, "false") || !strcmp(value, "0") ||
		    !strcasecmp(value, "off"))
			b = 0;
		else {
			cfg_problem(c, "%s: [%s] %s: \"%s\" is not yes or "
			    "no", source, o->section, o->key, value);
			return;
		}
		*(int *)((char *)c + o->offset) = b;
		return;
	case OPT_CHOICE: {
		const char *p = o->choices;
		size_t n = strlen(value);

		while (p != NULL) {
			const char *bar = strchr(p, '|');
			size_t len = bar ? (size_t)(bar - p) : strlen(p);

			if (len == n && strncmp(p, value, n) == 0) {
				set_option(c, &(struct option){ .type =
				    OPT_STRING, .offset = o->offset }, value,
				    source);
				return;
			}
			p = bar ? bar + 1 : NULL;
		}
		cfg_problem(c, "%s: [%s] %s: \"%s\" is not one of %s",
		    source, o->section, o->key, value, o->choices);
		return;
	}
	}
}

void
cfg_init(struct cfg *c)
{
	size_t i;

	memset(c, 0, sizeof *c);
	for (i = 0; i < NOPTIONS; i++)
		set_option(c, &options[i], options[i].def, "defaults");
}

/* Look up an option by section and key (both lower case). */
static const struct option *
find_option(const char *section, const char *key)
{
	size_t i;

	for (i = 0; i < NOPTIONS; i++)
		if (!strcmp(options[i].section, section) &&
		    !strcmp(options[i].key, key))
			return &options[i];
	return NULL;
}

/* Whether any option lives in section. */
static int
known_section(const char *section)
{
	size_t i;

	for (i = 0; i < NOPTIONS; i++)
		if (!strcmp(options[i].section, section))
			return 1;
	return 0;
}

/* Read the keys of one section of d into c. */
static void
read_section(struct cfg *c, dictionary *d, const char *sec,
    const char *path)
{
	int nkeys, i;
	const char **keys;
	int is_keys = strncmp(sec, "keys.", 5) == 0;
	int is_rule = strncmp(sec, "rule.", 5) == 0;
	int is_ret = strncmp(sec, "retention.", 10) == 0;
	int is_theme = !strcmp(sec, "colours") || !strcmp(sec, "mono");

	if (!is_keys && !is_rule && !is_ret && !is_theme &&
	    !known_section(sec)) {
		cfg_problem(c, "%s: [%s]: unknown section", path, sec);
		return;
	}
	keys = ini_keys(d, sec, &nkeys);
	for (i = 0; i < nkeys; i++) {
		const char *full = keys[i];
		const char *key = full + strlen(sec) + 1;
		const char *value = ini_value(d, full);
		const struct option *o;

		if (is_keys || is_rule || is_ret || is_theme) {
			struct cfg_bind **list = is_theme ? &c->theme :
			    is_ret ? &c->retention : is_rule ? &c->rules :
			    &c->binds;
			size_t *n = is_theme ? &c->ntheme : is_ret ?
			    &c->nretention : is_rule ? &c->nrules : &c->nbinds;
			struct cfg_bind *b;

			*list = xreallocarray(*list, *n + 1, sizeof **list);
			b = &(*list)[(*n)++];
			b->context = xstrdup(sec + (is_theme ? 0 : is_ret ?
			    10 : 5));
			b->action = xstrdup(key);
			b->spec = xstrdup(value);
			b->source = xstrdup(path);
			continue;
		}
		o = find_option(sec, key);
		if (o == NULL) {
			cfg_problem(c, "%s: [%s] %s: unknown setting", path,
			    sec, key);
			continue;
		}
		set_option(c, o, value, path);
		if (o->type == OPT_CHOICE && !strcmp(o->key, "kdf") &&
		    !strcmp(value, "insecure-test"))
			cfg_warning(c, "%s: [security] kdf = insecure-test "
			    "makes passphrases easy to guess; it is meant for "
			    "the test suite only", path);
	}
	free(keys);
}

void
cfg_read_file(struct cfg *c, const char *path, int must_exist)
{
	dictionary *d;
	int nsec, i;
	size_t before = c->nproblems;

	if (!file_exists(path)) {
		if (must_exist)
			cfg_problem(c, "%s: no such file", path);
		return;
	}
	d = ini_load(path, syntax_problem, c);
	if (d == NULL) {
		if (c->nproblems == before)
			cfg_problem(c, "%s: cannot be read", path);
		return;
	}
	c->sources = xreallocarray(c->sources, c->nsources + 1,
	    sizeof *c->sources);
	c->sources[c->nsources++] = xstrdup(path);
	nsec = iniparser_getnsec(d);
	for (i = 0; i < nsec; i++)
		read_section(c, d, iniparser_getsecname(d, i), path);
	iniparser_freedict(d);
}

const char *
cfg_system_file(void)
{
	return file_data_path(CD_SYSCONFDIR "/casedesk/casedesk.ini",
	    getenv("CASEDESK_SYSTEM_CONFIG"));
}

enum cd_status
cfg_load(struct cfg *c, const char *extra)
{
	const char *xdg = getenv("XDG_CONFIG_HOME");
	const char *home = getenv("HOME");
	char *user = NULL;

	if (cfg_system_file() != NULL)
		cfg_read_file(c, cfg_system_file(), 0);
	if (xdg != NULL && *xdg == '/')
		user = xasprintf("%s/casedesk/casedesk.ini", xdg);
	else if (home != NULL && *home)
		user = xasprintf("%s/.config/casedesk/casedesk.ini", home);
	if (user != NULL)
		cfg_read_file(c, user, 0);
	free(user);
	if (extra != NULL)
		cfg_read_file(c, extra, 1);
	return c->nproblems ? CD_ERR_CONFIG : CD_OK;
}

/* qsort comparison of two strings. */
static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Add "PREFIXcontext.action = spec" lines for a list; the new count. */
static size_t
canonical_binds(char **lines, size_t k, const char *prefix,
    const struct cfg_bind *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		lines[k++] = xasprintf("%s%s.%s = %s", prefix, list[i].context,
		    list[i].action, list[i].spec);
	return k;
}

char *
cfg_canonical(const struct cfg *c)
{
	size_t n = NOPTIONS + c->nbinds + c->nrules + c->nretention +
	    c->ntheme, i, k = 0;
	char **lines = xcalloc(n, sizeof *lines);
	struct buf b = { 0 };
	char *out;

	for (i = 0; i < NOPTIONS; i++) {
		const struct option *o = &options[i];
		const char *at = (const char *)c + o->offset;

		if (o->type == OPT_STRING || o->type == OPT_CHOICE)
			lines[k++] = xasprintf("%s.%s = %s", o->section, o->key,
			    *(char *const *)at ? *(char *const *)at : "");
		else
			lines[k++] = xasprintf("%s.%s = %d", o->section, o->key,
			    *(const int *)at);
	}
	k = canonical_binds(lines, k, "keys.", c->binds, c->nbinds);
	k = canonical_binds(lines, k, "rule.", c->rules, c->nrules);
	k = canonical_binds(lines, k, "retention.", c->retention,
	    c->nretention);
	k = canonical_binds(lines, k, "", c->theme, c->ntheme);
	if (k > 1)
		qsort(lines, k, sizeof *lines, cmp_str);
	for (i = 0; i < k; i++) {
		buf_addf(&b, "%s\n", lines[i]);
		free(lines[i]);
	}
	free(lines);
	out = xstrdup(buf_str(&b));
	buf_fini(&b);
	return out;
}

void
cfg_describe(void (*line)(const char *, void *), void *arg)
{
	const char *section = NULL;
	size_t i;

	for (i = 0; i < NOPTIONS; i++) {
		const struct option *o = &options[i];
		char *s;

		if (section == NULL || strcmp(section, o->section) != 0) {
			s = xasprintf("%s[%s]", section ? "\n" : "",
			    o->section);
			line(s, arg);
			free(s);
			section = o->section;
		}
		s = xasprintf("; %s%s%s\n%s = %s", o->help,
		    o->choices ? ": " : "", o->choices ? o->choices : "",
		    o->key, o->def);
		line(s, arg);
		free(s);
	}
}

/* Free a list of strings. */
static void
free_list(char ***list, size_t *n)
{
	size_t i;

	for (i = 0; i < *n; i++)
		free((*list)[i]);
	free(*list);
	*list = NULL;
	*n = 0;
}

/* Free a list of section entries. */
static void
free_binds(struct cfg_bind **list, size_t *n)
{
	size_t i;

	for (i = 0; i < *n; i++) {
		free((*list)[i].context);
		free((*list)[i].action);
		free((*list)[i].spec);
		free((*list)[i].source);
	}
	free(*list);
	*list = NULL;
	*n = 0;
}

void
cfg_fini(struct cfg *c)
{
	free(c->db_path);
	free(c->kdf);
	free(c->forms_dir);
	free(c->head_log);
	free(c->authorized_keys);
	free_binds(&c->binds, &c->nbinds);
	free_binds(&c->rules, &c->nrules);
	free_binds(&c->retention, &c->nretention);
	free_binds(&c->theme, &c->ntheme);
	free(c->closures);
	free(c->la_code);
	free(c->la_ons);
	free(c->la_name);
	free(c->la_phone);
	free(c->la_ooh_phone);
	free(c->sar_contact);
	free_list(&c->sources, &c->nsources);
	free_list(&c->problems, &c->nproblems);
	free_list(&c->warnings, &c->nwarnings);
	memset(c, 0, sizeof *c);
}
