/* export cpis: the CP-IS upload (casework/cpisfile.c writes it). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "casework/cpisfile.h"
#include "cli/cmd.h"
#include "cli/session.h"
#include "common/date.h"
#include "common/file.h"

int
cmd_export_cpis(struct cli *c)
{
	const char *dir = cli_opt(c, "out"), *as_of = cli_opt(c, "as-of");
	struct cpisfile f;
	struct buf file = { 0 };
	FILE *say;
	struct store *st = NULL;
	struct cd_err err;
	enum cd_status code;
	size_t i;
	int rc, stream = dir != NULL && strcmp(dir, "-") == 0;

	if (dir == NULL || (!stream && !file_is_dir(dir)))
		return cli_fail(EXIT_USAGE, "export cpis needs --out DIR, an "
		    "existing folder (or --out - to stream the file)");
	if (as_of && !date_valid_iso(as_of))
		return cli_fail(EXIT_USAGE, "--as-of needs a date as "
		    "YYYY-MM-DD, not \"%s\"", as_of);
	rc = cli_session(c, &st, NULL, NULL);
	if (rc != EXIT_OK)
		return rc;
	code = cpisfile_export(st, &c->cfg, dir, as_of, cli_flag(c, "all"),
	    stream ? &file : NULL, &f, &err);
	store_close(&st);
	if (code != CD_OK) {
		cpisfile_fini(&f);
		buf_fini(&file);
		return cli_fail(code == CD_ERR_CONFIG ? EXIT_ERROR :
		    cli_exit_for(code), "%s", err.msg);
	}
	/* Streamed, the file is standard output and this goes to stderr. */
	say = stream ? stderr : stdout;
	if (stream) {
		cli_print_data(file.data, file.len);
		fflush(stdout);
	}
	buf_fini(&file);
	for (i = 0; i < f.nheld; i++) {
		if (i == 0)
			cli_fprintf(say, "Not sent until the NHS number is recorded "
			    "and verified:\n");
		cli_fprintf(say, "  #%-8lld %-4s from %s  %s\n",
		    (long long)f.held[i].person, f.held[i].type,
		    f.held[i].start, f.held[i].has_nhs ? "NHS number not "
		    "verified" : "no NHS number");
	}
	if (f.sent == 0)
		cli_fprintf(say, "Nothing to upload: %ld in-scope plan%s unchanged "
		    "since the last upload.\n", f.unchanged, f.unchanged == 1 ?
		    "" : "s");
	else
		cli_fprintf(say, "Upload %lld: %zu record%s (%zu ending what was "
		    "sent before) %s %s%s; %ld unchanged, %zu waiting for an "
		    "NHS number.\n", (long long)f.seq, f.sent, f.sent == 1 ? "" :
		    "s", f.ended, stream ? "streamed as" : "written to", f.path,
		    stream ? "" : " (mode 0600)", f.unchanged, f.nheld);
	cpisfile_fini(&f);
	return EXIT_OK;
}
