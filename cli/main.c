#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli/cmd.h"

int
main(int argc, char **argv)
{
	/*
	 * Past a file-size limit a write should fail (EFBIG), to be reported
	 * and rolled back like a full disk, not kill us mid-save.
	 */
	signal(SIGXFSZ, SIG_IGN);
#ifdef CASEDESK_PLAIN_SQLITE
	/* Nothing is encrypted in this build: for the benchmarks alone. */
	if (getenv("CASEDESK_PLAIN_BENCHMARK") == NULL) {
		cli_eprintf("casedesk: this is the unencrypted benchmark build "
		    "(--with-plain-sqlite); it never holds real data\n");
		return 1;
	}
#endif
	return cli_main(argc, argv);
}
