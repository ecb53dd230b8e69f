/*
 * Configuration: the system file (cfg_system_file), then the user's
 * $XDG_CONFIG_HOME/casedesk/casedesk.ini, then --config FILE, each
 * overriding the last. Every problem is collected, never just the first.
 */
#ifndef CD_COMMON_CFG_H
#define CD_COMMON_CFG_H

#include <stddef.h>

#include "common/status.h"

/* One key binding from a [keys.CONTEXT] section: action = key specs. */
struct cfg_bind {
	char *context;
	char *action;
	char *spec;
	char *source;		/* file it came from */
};

struct cfg {
	char *db_path;		/* [database] path */
	char *kdf;		/* [security] kdf */
	char *forms_dir;	/* [forms] dir */
	char *head_log;		/* [audit] head_log */
	char *authorized_keys;	/* [service] authorized_keys */
	int idle_lock_minutes;	/* [security] idle_lock_minutes */
	int ascii;		/* [display] ascii: no line-drawing characters */
	int colour;		/* [display] colour */
	int escape_ms;		/* [display] escape_ms: the wait after Esc */
	struct cfg_bind *binds;
	size_t nbinds;
	struct cfg_bind *rules;	/* [rule.NAME] key = value: local timescales */
	size_t nrules;
	struct cfg_bind *retention;	/* [retention.CLASS] years = N */
	size_t nretention;
	struct cfg_bind *theme;	/* [colours] and [mono]: part = look */
	size_t ntheme;
	char *closures;		/* [calendar] closures */
	char *la_code;		/* [borough] dfe_code */
	char *la_ons;		/* [borough] ons_code */
	char *la_name;		/* [borough] name */
	int consent_age;	/* [information] consent_age */
	char *la_phone;		/* [borough] office_phone */
	char *la_ooh_phone;	/* [borough] ooh_phone */
	char *sar_contact;	/* [information] contact */
	char **sources;		/* files read, in order */
	size_t nsources;
	char **problems;	/* "FILE: [section] key: what is wrong" */
	size_t nproblems;
	char **warnings;
	size_t nwarnings;
};

/*
 * The system configuration file, the only one `casedesk serve` reads:
 * $(sysconfdir)/casedesk/casedesk.ini once installed (/etc/casedesk for
 * the Debian package), where make install puts the example beside it.
 * A program run from its build tree reads no host's file, so a test
 * suite on a configured server never takes the live settings; there it
 * is $CASEDESK_SYSTEM_CONFIG when set (for the tests), else none (NULL).
 */
const char *cfg_system_file(void);

/* Fill c with the built-in defaults. */
void cfg_init(struct cfg *c);

/*
 * Read the system file, the user's file and extra (if not NULL), in that
 * order. Missing system or user files are fine; a missing extra file is a
 * problem. Returns CD_ERR_CONFIG when any problem was recorded.
 */
enum cd_status cfg_load(struct cfg *c, const char *extra);

/* Read one file into c (used by config_load and by tests). */
void cfg_read_file(struct cfg *c, const char *path, int must_exist);

/* Record a problem or a warning against c. */
void cfg_problem(struct cfg *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void cfg_warning(struct cfg *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/*
 * The effective settings as sorted "section.key = value" lines (key
 * bindings as "keys.CONTEXT.action = keys"), for noticing changes. The
 * caller frees the result.
 */
char *cfg_canonical(const struct cfg *c);

/* Print the configuration table as documentation lines into a callback. */
void cfg_describe(void (*line)(const char *, void *), void *arg);

void cfg_fini(struct cfg *c);

#endif
