/*
 * Search at scale: build a database of N people through the store API
 * (each with a name, date of birth and audit event), then time the kinds of
 * search a duty worker types. Prints medians and 95th percentiles.
 *
 *   make bench/bench_search && bench/bench_search 100000 /tmp/bench.db
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "common/xmem.h"
#include "keys/dbkey.h"
#include "keys/keyring.h"
#include "keys/secret.h"
#include "store/search.h"
#include "store/record.h"
#include "store/store.h"
#include "store/user.h"

static const char *families[] = { "Smith", "Jones", "Khan", "Taylor",
    "Brown", "Williams", "Wilson", "Johnson", "Davies", "Patel", "Robinson",
    "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green",
    "Hall", "Wood", "Ahmed", "Hussain", "Begum", "Ali", "Okafor", "Nowak",
    "Kowalski", "Murphy", "O'Brien", "Campbell" };
static const char *givens[] = { "Muhammad", "Oliver", "Amelia", "Olivia",
    "George", "Isla", "Noah", "Ava", "Harry", "Mia", "Leo", "Ivy", "Jack",
    "Freya", "Charlie", "Lily", "Oscar", "Florence", "Arthur", "Grace",
    "Catherine", "Kathryn", "Mohammed", "Zara", "Aisha", "Ibrahim" };

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int
cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

int
main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 10000, i;
	const char *path = argc > 2 ? argv[2] : "/tmp/casedesk-bench.db";
	static const char *terms[] = { "Khan", "Mohamed Khan", "smi",
	    "Kathryn Smith", "02/03/2015", "03/2015", "Okafor Grace" };
	struct kdf_params kdf;
	struct keyring *kr;
	struct secret *dek, *pw;
	struct dbkey key;
	struct store *st;
	struct cd_err err;
	double t0, t[50];
	size_t k, r;

	secret_init(NULL);
	{
		static const char *ext[] = { "", "-wal", "-shm" };
		char *anchor = xstrdup(path), *dot = strrchr(anchor, '.');

		for (k = 0; k < 3; k++) {
			char *p = xasprintf("%s%s", path, ext[k]);

			unlink(p);
			free(p);
		}
		if (dot)
			strcpy(dot, ".anchor");
		unlink(anchor);
		free(anchor);
	}
	kdf_level_params(KDF_TEST, &kdf);
	secret_dup("bench", 5, &pw, NULL);
	keyring_create(store_cipher_major(), STORE_PAGE_SIZE, KEYRING_FLAG_TEST,
	    &kr, &dek, NULL);
	keyring_set_user(kr, dek, "b", pw, &kdf, NULL);
	dbkey_make(kr, dek, &key, NULL);
	if (store_create(path, &key, 1, &st, &err) != CD_OK ||
	    store_user_add(st, "b", "", ROLE_ADMIN, "", &err) != CD_OK ||
	    store_login(st, "b", NULL, &err) != CD_OK ||
	    store_user_add(st, "t", "", ROLE_TRAINER, "", &err) != CD_OK) {
		fprintf(stderr, "%s\n", err.msg);
		return 1;
	}
	store_close(&st);
	store_open(path, &key, &st, NULL);
	store_login(st, "t", NULL, NULL);
	srand(42);
	t0 = now_ms();
	store_batch_begin(st, NULL);
	for (i = 0; i < n; i++) {
		char dob[32];
		struct field_value v[3];
		int64_t id;

		snprintf(dob, sizeof dob, "%04d-%02d-%02d", 2000 + rand() % 26,
		    1 + rand() % 12, 1 + rand() % 28);
		v[0] = (struct field_value){ "family_name",
		    families[rand() % 30] };
		v[1] = (struct field_value){ "given_names", givens[rand() % 26] };
		v[2] = (struct field_value){ "dob", dob };
		if (store_record_create(st, "person", 0, v, 3, &id, &err) !=
		    CD_OK) {
			fprintf(stderr, "%s\n", err.msg);
			return 1;
		}
		if (i % 10000 == 9999) {
			store_batch_commit(st, NULL);
			store_batch_begin(st, NULL);
		}
	}
	store_batch_commit(st, NULL);
	printf("created %ld people in %.1f s (%.0f per second)\n", n,
	    (now_ms() - t0) / 1e3, n / ((now_ms() - t0) / 1e3));
	for (k = 0; k < sizeof terms / sizeof terms[0]; k++) {
		size_t hits = 0;

		for (r = 0; r < 50; r++) {
			struct person_hits h;

			t0 = now_ms();
			store_person_search(st, terms[k], 50, &h, NULL);
			t[r] = now_ms() - t0;
			hits = h.n;
			store_person_hits_fini(&h);
		}
		qsort(t, 50, sizeof t[0], cmp);
		printf("search %-16s %3zu hits  median %7.2f ms  p95 %7.2f ms\n",
		    terms[k], hits, t[25], t[47]);
	}
	store_close(&st);
	dbkey_fini(&key);
	keyring_free(&kr);
	secret_free(&dek);
	secret_free(&pw);
	return 0;
}
