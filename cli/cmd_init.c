#include "config.h"

#include <errno.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cmd.h"
#include "cli/session.h"
#include "common/file.h"
#include "common/xmem.h"
#include "keys/dbkey.h"
#include "casework/demo.h"
#include "common/date.h"
#include "forms/formdef.h"
#include "store/session.h"
#include "store/user.h"
#include "tui/app.h"

/* The demo users: one per role, named after it, passphrase "demo". */
static const struct {
	const char *name;
	enum role role;
	const char *full_name;
	const char *team;
} demo_users[] = {
	{ "admin", ROLE_ADMIN, "Demo Administrator", "Systems" },
	{ "duty", ROLE_DUTY, "Demo Duty Worker", "Front Door" },
	{ "social", ROLE_SOCIAL, "Demo Social Worker", "Assessment Team 1" },
	{ "manager", ROLE_MANAGER, "Demo Team Manager", "Assessment Team 1" },
	{ "adoption", ROLE_ADOPTION, "Demo Adoption Worker", "Adoption" },
	{ "ooh", ROLE_OOH, "Demo Out-of-Hours Worker", "Emergency Duty" },
	{ "education", ROLE_EDUCATION, "Demo Education Partner",
	  "Virtual School" },
	{ "governance", ROLE_GOVERNANCE, "Demo Caldicott Officer",
	  "Information Governance" },
	{ "trainer", ROLE_TRAINER, "Demo Trainer", "Workforce Development" },
	{ "analyst", ROLE_ANALYST, "Demo Performance Analyst",
	  "Performance and Data" },
};
#define NDEMO (sizeof demo_users / sizeof demo_users[0])

/* Make the folder that will hold path (one level, mode 0700). */
static void
make_parent(const char *path)
{
	char *copy = xstrdup(path), *dir = dirname(copy);
	char *cmd_dir = xstrdup(dir), *p;

	/* mkdir -p, one component at a time */
	for (p = cmd_dir + 1; *p; p++) {
		if (*p == '/') {
			*p = '\0';
			mkdir(cmd_dir, 0700);
			*p = '/';
		}
	}
	mkdir(cmd_dir, 0700);
	free(cmd_dir);
	free(copy);
}

/* Remove a database and everything casedesk keeps beside it. */
static void
remove_db(const char *db)
{
	static const char *exts[] = { ".keys", ".anchor", ".failed",
	    ".building" };
	char *p;
	size_t i;

	unlink(db);
	p = xasprintf("%s-wal", db);
	unlink(p);
	free(p);
	p = xasprintf("%s-shm", db);
	unlink(p);
	free(p);
	for (i = 0; i < sizeof exts / sizeof exts[0]; i++) {
		p = file_sibling(db, exts[i]);
		unlink(p);
		free(p);
	}
}

/*
 * Create the database, its keyring (with the first administrator's entry)
 * and the administrator's user row. On failure nothing is left behind.
 */
static enum cd_status
create(struct cli *c, const char *db, const char *admin,
    const char *full_name, const char *team, const struct secret *pass,
    const struct kdf_params *kdf, int demo, struct keyring **kr, struct secret **dek, struct store **st,
    struct cd_err *err)
{
	char *krpath = store_session_keyring_path(db);
	struct dbkey key;
	enum cd_status code;

	*st = NULL;
	if (file_exists(db) || file_exists(krpath)) {
		code = cd_err_set(err, CD_ERR_EXISTS, "%s already exists; "
		    "casedesk will not overwrite a database or its keyring",
		    file_exists(db) ? db : krpath);
		free(krpath);
		return code;
	}
	/* A weak KDF makes a test database, marked so for good. */
	code = keyring_create(store_cipher_major(), STORE_PAGE_SIZE,
	    demo ? KEYRING_FLAG_DEMO : !kdf_is_strong(kdf) ? KEYRING_FLAG_TEST :
	    0, kr, dek, err);
	if (code == CD_OK)
		code = keyring_set_user(*kr, *dek, admin, pass, kdf, err);
	if (code == CD_OK)
		code = dbkey_make(*kr, *dek, &key, err);
	if (code != CD_OK) {
		free(krpath);
		return code;
	}
	make_parent(db);
	code = store_create(db, &key, demo, st, err);
	dbkey_fini(&key);
	if (code == CD_OK)
		store_set_origin(*st, &c->origin);
	if (code == CD_OK)
		code = store_user_add(*st, admin, full_name, ROLE_ADMIN, team,
		    err);
	/* The administrator installs the shipped forms: policy lives here. */
	if (code == CD_OK)
		code = store_login(*st, admin, &c->origin, err);
	if (code == CD_OK) {
		struct formset shipped;
		size_t changed;

		code = formdef_install_dir(*st, formdef_default_dir(NULL),
		    &shipped, &changed, err);
		formdef_set_fini(&shipped);
	}
	if (code == CD_OK)
		code = keyring_save(*kr, krpath, *dek, err);
	free(krpath);
	if (code != CD_OK) {
		store_close(st);
		remove_db(db);
	}
	return code;
}

int
cmd_init(struct cli *c)
{
	struct keyring *kr = NULL;
	struct secret *dek = NULL, *pass = NULL, *recovery = NULL;
	struct store *st = NULL;
	struct kdf_params kdf;
	struct cd_err err;
	enum cd_status code;
	char *krpath;

	if (c->db == NULL)
		return cli_fail(EXIT_USAGE, "init needs --db PATH");
	if (c->user == NULL)
		return cli_fail(EXIT_USAGE, "init needs --user NAME (the first "
		    "administrator)");
	if (store_user_name_check(c->user, &err) != CD_OK)
		return cli_fail(EXIT_USAGE, "%s", err.msg);
	krpath = store_session_keyring_path(c->db);
	if (file_exists(c->db) || file_exists(krpath)) {
		cli_fail(EXIT_ERROR, "%s already exists; casedesk will not "
		    "overwrite a database or its keyring",
		    file_exists(c->db) ? c->db : krpath);
		free(krpath);
		return EXIT_ERROR;
	}
	cli_kdf(c, &kdf);
	code = cli_new_passphrase(c, c->user, kdf_is_strong(&kdf), &pass, &err);
	if (code != CD_OK) {
		free(krpath);
		return cli_fail(cli_exit_for(code), "%s", err.msg);
	}
	code = create(c, c->db, c->user, "", "", pass, &kdf, 0, &kr, &dek, &st,
	    &err);
	secret_free(&pass);
	if (code == CD_OK) {
		code = keyring_make_recovery(kr, dek, &recovery, &err);
		if (code == CD_OK)
			code = keyring_save(kr, krpath, dek, &err);
		if (code != CD_OK) {
			store_close(&st);
			remove_db(c->db);	/* ours: made just now */
		}
	}
	if (code != CD_OK) {
		keyring_free(&kr);
		secret_free(&dek);
		free(krpath);
		return cli_fail(EXIT_ERROR, "%s", err.msg);
	}
	store_close(&st);
	if (kr->flags & KEYRING_FLAG_TEST)
		cli_printf("This is a TEST database: [security] kdf = %s wraps "
		    "passphrases weakly, and it stays marked as a test. Never "
		    "keep real records in it.\n", c->cfg.kdf);
	cli_printf("Created %s (encrypted) and its keyring %s.\n"
	    "Administrator: %s\n\n"
	    "Recovery key (shown this once; print it and lock it away, it "
	    "unlocks the\ndatabase if every passphrase is lost):\n\n    %s\n\n"
	    "Next: casedesk user add NAME --role ROLE --db %s --user %s\n",
	    c->db, krpath, c->user, (const char *)recovery->data, c->db,
	    c->user);
	secret_free(&recovery);
	keyring_free(&kr);
	secret_free(&dek);
	free(krpath);
	return EXIT_OK;
}

/* Build the demo database: one user per role, passphrase "demo". */
static enum cd_status
demo_create(struct cli *c, const char *db, long people, uint64_t seed,
    struct demo_stats *stats, struct cd_err *err)
{
	struct keyring *kr = NULL;
	struct secret *dek = NULL, *pass = NULL;
	struct store *st = NULL;
	struct kdf_params kdf;
	enum cd_status code;
	enum kdf_level level = KDF_INTERACTIVE;
	char *krpath = store_session_keyring_path(db);
	size_t i;
	int made;

	/* The demo passphrase is public: a strong KDF would only be slow. */
	if (kdf_level_parse(c->cfg.kdf, &level, NULL) == CD_OK &&
	    level != KDF_TEST)
		level = KDF_INTERACTIVE;
	kdf_level_params(level, &kdf);
	code = secret_dup("demo", 4, &pass, err);
	if (code == CD_OK)
		code = create(c, db, demo_users[0].name, demo_users[0].full_name,
		    demo_users[0].team, pass, &kdf, 1, &kr, &dek, &st, err);
	/* Only what this call made is removed on failure: a keyring that
	 * was already there (another database's NAME.keys) is not ours. */
	made = code == CD_OK;
	for (i = 1; code == CD_OK && i < NDEMO; i++) {
		code = store_user_add(st, demo_users[i].name,
		    demo_users[i].full_name, demo_users[i].role,
		    demo_users[i].team, err);
		if (code == CD_OK)
			code = keyring_set_user(kr, dek, demo_users[i].name,
			    pass, &kdf, err);
	}
	if (code == CD_OK)
		code = keyring_save(kr, krpath, dek, err);
	/* The borough is made by the trainer, through the store's own API. */
	if (code == CD_OK)
		code = store_login(st, "trainer", &c->origin, err);
	if (code == CD_OK) {
		struct demo_opts o;
		char now[DATE_TIME_LEN];

		date_now(now);
		now[10] = '\0';
		memset(&o, 0, sizeof o);
		o.people = people;
		o.seed = seed;
		o.postcodes = demo_default_postcodes();
		o.la_ons = c->cfg.la_ons;
		o.today = now;
		code = demo_generate(st, &o, stats, err);
	}
	store_close(&st);
	if (code != CD_OK && made)
		remove_db(db);
	secret_free(&pass);
	secret_free(&dek);
	keyring_free(&kr);
	free(krpath);
	return code;
}

/* A whole-number option, or def when absent; -1 when malformed. */
static long
long_opt(struct cli *c, const char *name, long def, long max)
{
	const char *v = cli_opt(c, name);
	char *end;
	long n;

	if (v == NULL)
		return def;
	n = strtol(v, &end, 10);
	return *v && *end == '\0' && n >= 0 && n <= max ? n : -1;
}

int
cmd_demo(struct cli *c)
{
	const char *db = cli_db_path(c, "demo.db");
	long people = long_opt(c, "people", 2000, 10000000);
	long seed = long_opt(c, "seed", 1, 2147483647L);
	struct demo_stats stats;
	struct cd_err err;
	int exists = file_exists(db);

	if (people < 0)
		return cli_fail(EXIT_USAGE, "--people needs a whole number");
	if (seed < 0)
		return cli_fail(EXIT_USAGE, "--seed needs a whole number");
	if (exists && !(store_session_flags(db) & KEYRING_FLAG_DEMO))
		return cli_fail(EXIT_ERROR, "%s is a live database (or its "
		    "keyring is missing): casedesk never puts demo data in a "
		    "live database", db);
	if (exists && cli_flag(c, "reset")) {
		remove_db(db);
		exists = 0;
	}
	if (!exists) {
		if (demo_create(c, db, people, (uint64_t)seed, &stats, &err) !=
		    CD_OK)
			return cli_fail(EXIT_ERROR, "%s", err.msg);
		size_t i;

		cli_eprintf("Made the demo borough %s (seed %ld): %ld "
		    "people in %ld families, %ld contacts (%ld waiting for a "
		    "decision), %ld referrals, %ld child protection plans, %ld "
		    "children looked after, %ld adopter households.\nUsers:",
		    db, seed, stats.people, stats.families, stats.contacts,
		    stats.contacts_waiting, stats.referrals, stats.cp_plans,
		    stats.looked_after, stats.adopter_households);
		for (i = 0; i < NDEMO; i++)
			cli_eprintf("%s %s", i == 0 ? "" : i + 1 == NDEMO ?
			    " and" : ",", demo_users[i].name);
		cli_eprintf("; passphrase \"demo\".\n");
	}
	if (cli_flag(c, "no-tui"))
		return EXIT_OK;
	c->db = db;
	return cmd_tui(c);
}

int
cmd_tui(struct cli *c)
{
	struct tui_opts o;
	struct cd_err err;
	enum cd_status code;

	cli_tui_opts(c, &o, cli_db_path(c, "casedesk.db"));
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return cli_fail(EXIT_USAGE, "the interactive client needs a "
		    "terminal (casedesk --help lists the other commands)");
	if (!file_exists(o.db_path))
		return cli_fail(EXIT_ERROR, "no database at %s (make one with "
		    "casedesk init --db PATH --user NAME, or try casedesk "
		    "demo)", o.db_path);
	code = tui_run(&o, &err);
	if (code == CD_ERR_CANCELLED)
		return EXIT_OK;
	if (code != CD_OK)
		return cli_fail(cli_exit_for(code), "%s", err.msg);
	return EXIT_OK;
}
