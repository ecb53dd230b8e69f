/* export sar: the subject access pack (casework/sarpack.c builds it). */
#include "config.h"

#include <stdio.h>

#include "casework/sarpack.h"
#include "cli/cmd.h"
#include "cli/session.h"

int
cmd_export_sar(struct cli *c)
{
	const char *out = cli_opt(c, "out"), *rq = cli_opt(c, "request");
	int64_t id = cli_parse_id(cli_opt(c, "person") ? cli_opt(c, "person") :
	    ""), req = rq ? cli_parse_id(rq) : 0;
	struct sarpack p;
	struct store *st = NULL;
	struct cd_err err;
	enum cd_status code;
	int rc;

	if (id == 0 || out == NULL || (rq && req == 0))
		return cli_fail(EXIT_USAGE, "export sar needs --person ID and "
		    "--out FILE (and --request ID, a request number)");
	rc = cli_session(c, &st, NULL, NULL);
	if (rc != EXIT_OK)
		return rc;
	code = sarpack_export(st, id, req, c->cfg.consent_age, out, c->user,
	    &p, &err);
	store_close(&st);
	if (code != CD_OK)
		return cli_fail(cli_exit_for(code), "%s", err.msg);
	printf("%s written to %s (mode 0600).%s\n", p.what, out, req ?
	    " The release is logged as a disclosure and the request closed." :
	    "");
	return EXIT_OK;
}
