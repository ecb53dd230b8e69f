#include "config.h"

#include "keys/secret.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#ifdef HAVE_SYS_PRCTL_H
#include <sys/prctl.h>
#endif

#include "common/xmem.h"

enum cd_status
secret_init(struct cd_err *err)
{
	struct rlimit rl = { 0, 0 };

	if (sodium_init() < 0)
		return cd_err_set(err, CD_ERR_NOMEM, "libsodium failed to start");
	setrlimit(RLIMIT_CORE, &rl);
#if defined(HAVE_SYS_PRCTL_H) && defined(PR_SET_DUMPABLE)
	prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
#endif
	return CD_OK;
}

const char *
secret_library_version(void)
{
	return sodium_version_string();
}

enum cd_status
secret_new(size_t cap, struct secret **out, struct cd_err *err)
{
	struct secret *s = xcalloc(1, sizeof *s);

	s->data = sodium_malloc(cap + 1);
	if (s->data == NULL) {
		free(s);
		*out = NULL;
		return cd_err_set(err, CD_ERR_NOMEM,
		    "cannot allocate secure memory");
	}
	sodium_memzero(s->data, cap + 1);
	s->cap = cap;
	*out = s;
	return CD_OK;
}

enum cd_status
secret_dup(const void *p, size_t n, struct secret **out, struct cd_err *err)
{
	enum cd_status st = secret_new(n, out, err);

	if (st != CD_OK)
		return st;
	memcpy((*out)->data, p, n);
	(*out)->len = n;
	return CD_OK;
}

int
secret_equal(const struct secret *a, const struct secret *b)
{
	if (a->len != b->len)
		return 0;
	return sodium_memcmp(a->data, b->data, a->len) == 0;
}

void
secret_free(struct secret **s)
{
	if (*s == NULL)
		return;
	sodium_free((*s)->data);	/* wipes before unmapping */
	free(*s);
	*s = NULL;
}

void
secret_wipe(void *p, size_t n)
{
	sodium_memzero(p, n);
}

void
secret_random(void *p, size_t n)
{
	randombytes_buf(p, n);
}
