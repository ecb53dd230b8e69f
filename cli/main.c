#include "config.h"

#include <signal.h>

#include "cli/cmd.h"

int
main(int argc, char **argv)
{
	/*
	 * Past a file-size limit a write should fail (EFBIG), to be reported
	 * and rolled back like a full disk, not kill us mid-save.
	 */
	signal(SIGXFSZ, SIG_IGN);
	return cli_main(argc, argv);
}
