#include "config.h"

#include "cli/cmd.h"

int
main(int argc, char **argv)
{
	return cli_main(argc, argv);
}
