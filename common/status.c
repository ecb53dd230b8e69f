#include "config.h"

#include "common/status.h"

#include <stdio.h>
#include <string.h>

#define CD_STATUS_MSG(id, msg) msg,
static const char *status_msgs[] = { CD_STATUS_LIST(CD_STATUS_MSG) };
#undef CD_STATUS_MSG

const char *
cd_status_str(enum cd_status code)
{
	if ((unsigned)code >= CD_STATUS_COUNT)
		return "unknown status";
	return status_msgs[code];
}

enum cd_status
cd_err_set(struct cd_err *err, enum cd_status code, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL)
		return code;
	err->code = code;
	if (fmt == NULL) {
		snprintf(err->msg, sizeof err->msg, "%s", cd_status_str(code));
		return code;
	}
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	va_end(ap);
	return code;
}

void
cd_err_clear(struct cd_err *err)
{
	if (err == NULL)
		return;
	err->code = CD_OK;
	err->msg[0] = '\0';
}

const char *
cd_err_msg(const struct cd_err *err)
{
	if (err->msg[0] != '\0')
		return err->msg;
	return cd_status_str(err->code);
}
