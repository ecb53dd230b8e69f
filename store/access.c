#include "config.h"

#include "store/access.h"

#include <string.h>

#include "common/buf.h"

#define ROLE_ROW(id, name, title) { name, title },
static const struct {
	const char *id;
	const char *title;
} roles[] = { ROLE_LIST(ROLE_ROW) };
#undef ROLE_ROW

/* Which roles hold which actions: one row per action, one bit per role. */
#define R(x) (1u << (x))
static const unsigned grants[ACCESS_ACTION_COUNT] = {
	[ACCESS_USER_ADMIN] = R(ROLE_ADMIN),
	[ACCESS_AUDIT_READ] = R(ROLE_GOVERNANCE) | R(ROLE_ADMIN),
	[ACCESS_AUDIT_VERIFY] = R(ROLE_GOVERNANCE) | R(ROLE_ADMIN) |
	    R(ROLE_MANAGER) | R(ROLE_TRAINER),
	[ACCESS_PERSON_MERGE] = R(ROLE_MANAGER) | R(ROLE_GOVERNANCE) |
	    R(ROLE_TRAINER),
	/* Pseudonymous returns: the performance team, managers, trainers. */
	[ACCESS_RETURNS] = R(ROLE_ANALYST) | R(ROLE_MANAGER) | R(ROLE_TRAINER),
	[ACCESS_BACKUP] = R(ROLE_ADMIN),
	/* Team managers allocate; the trainer shows it on a demo. */
	[ACCESS_ALLOCATE] = R(ROLE_MANAGER) | R(ROLE_TRAINER),
};
#undef R

const char *
role_id(enum role r)
{
	return (unsigned)r < ROLE_COUNT ? roles[r].id : "?";
}

const char *
role_title(enum role r)
{
	return (unsigned)r < ROLE_COUNT ? roles[r].title : "?";
}

enum cd_status
role_parse(const char *id, enum role *out, struct cd_err *err)
{
	struct buf valid = { 0 };
	enum cd_status st;
	int i;

	for (i = 0; i < ROLE_COUNT; i++) {
		if (strcmp(id, roles[i].id) == 0) {
			*out = (enum role)i;
			return CD_OK;
		}
	}
	for (i = 0; i < ROLE_COUNT; i++)
		buf_addf(&valid, "%s%s", i ? ", " : "", roles[i].id);
	st = cd_err_set(err, CD_ERR_INVALID, "unknown role \"%s\" (one of: %s)",
	    id, buf_str(&valid));
	buf_fini(&valid);
	return st;
}

int
access_allows(enum role r, enum access_action a)
{
	if ((unsigned)r >= ROLE_COUNT || (unsigned)a >= ACCESS_ACTION_COUNT)
		return 0;
	return (grants[a] >> r) & 1u;
}
