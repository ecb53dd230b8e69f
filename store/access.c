#include "config.h"

#include "store/access.h"

#include <string.h>

#include "common/buf.h"
#include "store/form.h"
#include "store/store_int.h"

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

int
access_may(const struct store *st, enum access_action a)
{
	return access_allows(st->role, a);
}

int
access_role_in(const struct store *st, unsigned mask)
{
	return (unsigned)st->role < ROLE_COUNT && ((mask >> st->role) & 1u);
}

enum cd_status
access_entity(const struct store *st, unsigned mask, int write,
    const char *title, struct cd_err *err)
{
	if (st->user_id == 0)
		return cd_err_set(err, CD_ERR_DENIED, "not logged in");
	if (!access_role_in(st, mask))
		return cd_err_set(err, CD_ERR_DENIED, "the %s role may not %s "
		    "%s records", role_title(st->role), write ? "change" :
		    "read", title);
	return access_demo_only(st, err);
}

enum cd_status
access_demo_only(const struct store *st, struct cd_err *err)
{
	if (st->role == ROLE_TRAINER && !st->demo)
		return cd_err_set(err, CD_ERR_DENIED, "the Trainer role works "
		    "only on a demo database");
	return CD_OK;
}

int
access_linked_only(const struct store *st)
{
	return st->role == ROLE_EDUCATION;
}

enum cd_status
access_search(const struct store *st, struct cd_err *err)
{
	if (access_linked_only(st))
		return cd_err_set(err, CD_ERR_DENIED, "the Education partner "
		    "role sees only the children linked to it, not search");
	return CD_OK;
}

enum cd_status
access_break_glass(const struct store *st, struct cd_err *err)
{
	if (access_linked_only(st))
		return cd_err_set(err, CD_ERR_DENIED, "the Education partner "
		    "role cannot break glass");
	return CD_OK;
}

enum cd_status
access_link_users(const struct store *st, struct cd_err *err)
{
	if (st->role == ROLE_ADMIN || st->role == ROLE_MANAGER ||
	    (st->role == ROLE_TRAINER && st->demo))
		return CD_OK;
	return cd_err_set(err, CD_ERR_DENIED, "only administrators and team "
	    "managers may link users to records");
}

int
access_audit_details(const struct store *st)
{
	return st->role == ROLE_GOVERNANCE;
}

int
access_flagged_details(const struct store *st)
{
	return st->role == ROLE_GOVERNANCE;
}

int
access_form(const struct store *st, const struct form_policy *p, int write)
{
	return access_role_in(st, write ? p->write_roles : p->read_roles);
}

int
access_form_authorise(const struct store *st, const struct form_policy *p)
{
	return access_role_in(st, p ? p->authorise_roles :
	    1u << ROLE_MANAGER);
}

enum cd_status
access_form_uninstalled(const struct store *st, const char *code, int write,
    struct cd_err *err)
{
	if (write && st->role == ROLE_GOVERNANCE)
		return cd_err_set(err, CD_ERR_DENIED, "information governance "
		    "writes only forms whose definition names it");
	if (access_linked_only(st) && !store_form_allowed_for_education(code))
		return cd_err_set(err, CD_ERR_DENIED, "the Education partner "
		    "role may not reach %s forms", code ? code : "these");
	return CD_OK;
}

/*
 * Restricting a record locks colleagues out of it, so it is a governed
 * act: team managers and information governance only (and the trainer on
 * a demo), each flagged for the Caldicott review.
 */
enum cd_status
access_restriction(const struct store *st, struct cd_err *err)
{
	if (st->role == ROLE_MANAGER || st->role == ROLE_GOVERNANCE ||
	    (st->role == ROLE_TRAINER && st->demo))
		return CD_OK;
	return cd_err_set(err, CD_ERR_DENIED, "only team managers and "
	    "information governance set or lift a record's restriction");
}

int
access_restriction_only(const struct store *st)
{
	return st->role == ROLE_GOVERNANCE;
}

enum cd_status
access_governance_only(const struct store *st, const char *what,
    struct cd_err *err)
{
	if (st->user_id == 0 || st->role != ROLE_GOVERNANCE)
		return cd_err_set(err, CD_ERR_DENIED, "only information "
		    "governance may %s", what);
	return CD_OK;
}

enum cd_status
access_intake_team(const struct store *st, struct cd_err *err)
{
	if (st->role == ROLE_ADMIN || st->role == ROLE_TRAINER)
		return CD_OK;
	return cd_err_set(err, CD_ERR_DENIED, "only an administrator sets the "
	    "team new referrals wait with");
}

enum cd_status
access_allocation_queue(const struct store *st, struct cd_err *err)
{
	if (st->role == ROLE_GOVERNANCE || st->role == ROLE_ANALYST)
		return cd_err_set(err, CD_ERR_DENIED, "the %s role has no "
		    "allocation queue", role_title(st->role));
	return CD_OK;
}
