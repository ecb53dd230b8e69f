/*
 * Test-only: run SQL on a database as a user, past every check of the
 * store, to plant what a hostile backup, an old version or someone with
 * a passphrase and SQLCipher could have written. The passphrase is read
 * from descriptor 3. Never installed; links libcdstoretest.a.
 *
 *   plant DB USER SQL...
 */
#include "config.h"

#include <stdio.h>

#include "keys/passphrase.h"
#include "keys/secret.h"
#include "store/session.h"
#include "store/store.h"
#include "store/testing.h"

int
main(int argc, char **argv)
{
	struct store_origin origin = { "plant", NULL };
	struct secret *pass = NULL;
	struct store *st = NULL;
	struct cd_err err;
	int i;

	if (argc < 4) {
		fputs("usage: plant DB USER SQL...\n", stderr);
		return 2;
	}
	if (secret_init(&err) != CD_OK || passphrase_read(3, &pass, &err) !=
	    CD_OK || store_session_open(argv[1], argv[2], pass, &origin, &st,
	    NULL, NULL, &err) != CD_OK) {
		fprintf(stderr, "plant: %s\n", err.msg);
		return 1;
	}
	secret_free(&pass);
	for (i = 3; i < argc; i++)
		if (store_test_exec(st, argv[i], &err) != CD_OK) {
			fprintf(stderr, "plant: %s: %s\n", argv[i], err.msg);
			store_close(&st);
			return 1;
		}
	store_close(&st);
	return 0;
}
