#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "common/file.h"
#include "common/xmem.h"
#include "fixture.h"
#include "store/record.h"
#include "store/session.h"
#include "store/user.h"

static const struct store_origin origin = { "test", NULL };

void
fixture_make(struct fixture *f)
{
	struct kdf_params fast;
	struct secret *p;

	memset(f, 0, sizeof *f);
	assert_int_equal(secret_init(NULL), CD_OK);
	strcpy(f->dir, "/tmp/cdstore.XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	f->db = xasprintf("%s/t.db", f->dir);
	f->keys = store_session_keyring_path(f->db);
	kdf_level_params(KDF_TEST, &fast);
	assert_int_equal(secret_dup("pass", 4, &p, NULL), CD_OK);
	assert_int_equal(keyring_create(store_cipher_major(), STORE_PAGE_SIZE,
	    KEYRING_FLAG_TEST, &f->kr, &f->dek, NULL), CD_OK);
	assert_int_equal(keyring_set_user(f->kr, f->dek, "admin", p, &fast,
	    NULL), CD_OK);
	assert_int_equal(keyring_set_user(f->kr, f->dek, "sam", p, &fast,
	    NULL), CD_OK);
	assert_int_equal(keyring_save(f->kr, f->keys, f->dek, NULL), CD_OK);
	secret_free(&p);
	assert_int_equal(dbkey_make(f->kr, f->dek, &f->key, NULL), CD_OK);
	assert_int_equal(store_create(f->db, &f->key, 0, &f->st, NULL), CD_OK);
	assert_int_equal(store_user_add(f->st, "admin", "Ada Admin",
	    ROLE_ADMIN, "IT", NULL), CD_OK);
	assert_int_equal(store_login(f->st, "admin", &origin, NULL), CD_OK);
	assert_int_equal(store_user_add(f->st, "sam", "Sam Social",
	    ROLE_SOCIAL, "Team 1", NULL), CD_OK);
}

struct store *
fixture_open_as(struct fixture *f, const char *name)
{
	struct store *st;
	struct cd_err err;

	assert_int_equal(store_open(f->db, &f->key, &st, &err), CD_OK);
	assert_int_equal(store_login(st, name, &origin, &err), CD_OK);
	return st;
}

void
fixture_free(struct fixture *f)
{
	char *cmd = xasprintf("rm -rf '%s'", f->dir);

	store_close(&f->st);
	dbkey_fini(&f->key);
	keyring_free(&f->kr);
	secret_free(&f->dek);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(f->db);
	free(f->keys);
}

int
fixture_file_contains(const char *path, const void *needle, size_t n)
{
	unsigned char *data;
	size_t len, i;
	int found = 0;

	if (file_read_all(path, 1u << 30, &data, &len, NULL) != CD_OK)
		return 0;
	for (i = 0; i + n <= len && !found; i++)
		found = memcmp(data + i, needle, n) == 0;
	free(data);
	return found;
}

int64_t
fixture_row(struct store *st, const char *entity, int64_t person, ...)
{
	struct field_value v[24];
	struct cd_err err;
	size_t n = 0;
	int64_t id;
	va_list ap;
	const char *name;

	va_start(ap, person);
	while ((name = va_arg(ap, const char *)) != NULL && n < 24) {
		v[n].name = name;
		v[n++].value = va_arg(ap, const char *);
	}
	va_end(ap);
	if (store_record_create(st, entity, person, v, n, &id, &err) != CD_OK)
		fail_msg("%s: %s", entity, err.msg);
	return id;
}

void
fixture_update(struct store *st, const char *entity, int64_t id, ...)
{
	struct field_change c[24];
	struct conflicts cf;
	struct record r;
	struct cd_err err;
	size_t n = 0;
	va_list ap;
	const char *name;

	if (store_record_get(st, entity, id, &r, &err) != CD_OK)
		fail_msg("%s #%lld: %s", entity, (long long)id, err.msg);
	va_start(ap, id);
	while ((name = va_arg(ap, const char *)) != NULL && n < 24) {
		c[n].name = name;
		c[n].seen = store_record_value(&r, name);
		c[n++].value = va_arg(ap, const char *);
	}
	va_end(ap);
	if (store_record_update(st, entity, id, c, n, &cf, &err) != CD_OK)
		fail_msg("%s #%lld: %s", entity, (long long)id, err.msg);
	store_conflicts_fini(&cf);
	store_record_fini(&r);
}

int64_t
fixture_last_step(struct store *st, enum step_kind kind)
{
	const struct workflow_step *w;
	size_t n = store_workflow_started(st, &w);

	while (n-- > 0)
		if (w[n].kind == kind)
			return w[n].id;
	return 0;
}
