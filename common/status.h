/* Status codes and error messages shared by every layer. */
#ifndef CD_COMMON_STATUS_H
#define CD_COMMON_STATUS_H

#include <stdarg.h>

/*
 * Every status once: the enum, its name and its default message come from
 * this list. Fallible functions return enum cd_status and fill an optional
 * struct cd_err with a specific message.
 */
#define CD_STATUS_LIST(X) \
	X(CD_OK,           "ok") \
	X(CD_ERR_NOMEM,    "out of memory") \
	X(CD_ERR_IO,       "input/output error") \
	X(CD_ERR_INVALID,  "invalid input") \
	X(CD_ERR_BADPASS,  "wrong passphrase") \
	X(CD_ERR_KEYRING,  "keyring damaged or altered") \
	X(CD_ERR_DB_MISMATCH, "database does not match its keyring") \
	X(CD_ERR_CORRUPT,  "database damaged") \
	X(CD_ERR_NOTFOUND, "not found") \
	X(CD_ERR_EXISTS,   "already exists") \
	X(CD_ERR_DENIED,   "not permitted") \
	X(CD_ERR_RESTRICTED, "restricted record: needs a reason") \
	X(CD_ERR_BUSY,     "database busy") \
	X(CD_ERR_CONFIG,   "configuration error") \
	X(CD_ERR_VERSION,  "unsupported version") \
	X(CD_ERR_CONFLICT, "changed by someone else") \
	X(CD_ERR_AUDIT,    "audit chain broken") \
	X(CD_ERR_DB,       "database error") \
	X(CD_ERR_CANCELLED, "cancelled") \
	X(CD_ERR_DUPLICATE, "likely duplicates found")

#define CD_STATUS_ENUM(id, msg) id,
enum cd_status { CD_STATUS_LIST(CD_STATUS_ENUM) CD_STATUS_COUNT };
#undef CD_STATUS_ENUM

/* A status with its specific message; fixed size so errors never allocate. */
struct cd_err {
	enum cd_status code;
	char msg[512];
};

/* The default message for a status. */
const char *cd_status_str(enum cd_status code);

/*
 * Record code and a printf-style message in err (which may be NULL) and
 * return code, so callers can write: return cd_err_set(err, CD_ERR_IO, ...).
 */
enum cd_status cd_err_set(struct cd_err *err, enum cd_status code,
    const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Clear err to CD_OK with an empty message. */
void cd_err_clear(struct cd_err *err);

/* The message in err, or the default for its code when none was set. */
const char *cd_err_msg(const struct cd_err *err);

#endif
