/*
 * Replay a fuzz target's corpus without libFuzzer, so plain `make check`
 * runs every input that ever found a problem, and the sanitizer build runs
 * them under AddressSanitizer, UBSan and LeakSanitizer. Each input runs in
 * a child process: a crash, a sanitizer report or a leak makes that input
 * "not ok" (its report is on standard error) and the replay fail. A last
 * line checks the target's memory is flat: a second pass over every input
 * must end with no more memory in use than the first.
 *
 * replay_TARGET [DIR...]: the folders default to tests/fuzz/corpus/TARGET
 * and TARGET's lines in tests/fuzz/seeds.
 */
#include "config.h"

#include "tests/fuzz/fuzz.h"

#include <dirent.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "common/file.h"

#if defined(__SANITIZE_ADDRESS__)
#define REPLAY_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define REPLAY_ASAN 1
#endif
#endif

#ifdef REPLAY_ASAN
#include <sanitizer/lsan_interface.h>
size_t __sanitizer_get_current_allocated_bytes(void);
#endif

#define LEAKED 23		/* a child's status when LeakSanitizer found a leak */

struct inputs {
	char **paths;
	size_t n;
};

/* Add a path to in. */
static void
add_path(struct inputs *in, const char *path)
{
	in->paths = realloc(in->paths, (in->n + 1) * sizeof *in->paths);
	in->paths[in->n++] = strdup(path);
}

/* Add a file, or every file of a folder (sorted, no dot files), to in. */
static void
add_dir(struct inputs *in, const char *dir)
{
	struct dirent **names;
	int n, i;

	if (!file_is_dir(dir)) {
		if (file_exists(dir))
			add_path(in, dir);
		return;
	}
	if ((n = scandir(dir, &names, NULL, alphasort)) < 0)
		return;
	for (i = 0; i < n; i++) {
		if (names[i]->d_name[0] != '.') {
			char p[1024];

			snprintf(p, sizeof p, "%s/%s", dir, names[i]->d_name);
			add_path(in, p);
		}
		free(names[i]);
	}
	free(names);
}

/* The target's corpus and its seed folders from tests/fuzz/seeds. */
static void
default_dirs(struct inputs *in, const char *target)
{
	const char *top = getenv("top_srcdir") ? getenv("top_srcdir") : ".";
	char path[1024], line[512], t[64], dir[400];
	FILE *f;

	snprintf(path, sizeof path, "%s/tests/fuzz/corpus/%s", top, target);
	add_dir(in, path);
	snprintf(path, sizeof path, "%s/tests/fuzz/seeds", top);
	if ((f = fopen(path, "r")) == NULL)
		return;
	while (fgets(line, sizeof line, f) != NULL)
		if (line[0] != '#' && sscanf(line, "%63s %399s", t, dir) == 2 &&
		    strcmp(t, target) == 0) {
			snprintf(path, sizeof path, "%s/%s", top, dir);
			add_dir(in, path);
		}
	fclose(f);
}

/* Run one input in this process; 0 unless it could not be read. */
static int
run(const char *path)
{
	unsigned char *data;
	size_t len;

	if (file_read_all(path, (size_t)1 << 24, &data, &len, NULL) != CD_OK)
		return -1;
	LLVMFuzzerTestOneInput(data, len);
	free(data);
	return 0;
}

/* Run one input in a child; 0 when it ended cleanly, else a reason. */
static const char *
run_child(const char *path, char *why, size_t len)
{
	pid_t pid;
	int status;

	fflush(stdout);
	if ((pid = fork()) < 0)
		return "cannot fork";
	if (pid == 0) {
		if (run(path) != 0)
			_exit(2);
#ifdef REPLAY_ASAN
		if (__lsan_do_recoverable_leak_check() != 0)
			_exit(LEAKED);
#endif
		_exit(0);
	}
	if (waitpid(pid, &status, 0) != pid)
		return "lost the child";
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return NULL;
	if (WIFSIGNALED(status))
		snprintf(why, len, "killed by signal %d", WTERMSIG(status));
	else if (WEXITSTATUS(status) == 2)
		snprintf(why, len, "unreadable");
	else if (WEXITSTATUS(status) == LEAKED)
		snprintf(why, len, "memory leaked");
	else
		snprintf(why, len, "exit status %d: a crash or sanitizer report",
		    WEXITSTATUS(status));
	return why;
}

/* A path as shown: without the top of the tree. */
static const char *
shown(const char *path)
{
	const char *top = getenv("top_srcdir");
	size_t n = top ? strlen(top) : 0;

	return n && strncmp(path, top, n) == 0 && path[n] == '/' ? path + n +
	    1 : path;
}

/* Bytes of heap in use now. */
static size_t
in_use(void)
{
#ifdef REPLAY_ASAN
	return __sanitizer_get_current_allocated_bytes();
#else
	return mallinfo2().uordblks;
#endif
}

/* Add ":value" (or "value") to an environment variable. */
static void
env_append(const char *name, const char *value)
{
	const char *o = getenv(name);
	char *v = malloc((o ? strlen(o) : 0) + strlen(value) + 2);

	sprintf(v, "%s%s%s", o ? o : "", o && *o ? ":" : "", value);
	setenv(name, v, 1);
	free(v);
}

int
main(int argc, char **argv)
{
	const char *me = strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 :
	    argv[0];
	struct inputs in = { NULL, 0 };
	size_t i, first, second;
	int failed = 0, k;

	/*
	 * Once, before anything runs: the suite turns leak checking off for
	 * the CLI, so turn it back on; without ASan, turn glibc's thread
	 * cache off, whose chunks mallinfo2 counts as in use.
	 */
	if (getenv("CD_REPLAY_SET") == NULL) {
#ifdef REPLAY_ASAN
		env_append("ASAN_OPTIONS", "detect_leaks=1");
#else
		env_append("GLIBC_TUNABLES", "glibc.malloc.tcache_count=0");
#endif
		setenv("CD_REPLAY_SET", "1", 1);
		execv("/proc/self/exe", argv);
		perror("replay: re-exec");
		return 1;
	}
	if (argc > 1)
		for (k = 1; k < argc; k++)
			add_dir(&in, argv[k]);
	else
		default_dirs(&in, strncmp(me, "replay_", 7) == 0 ? me + 7 : me);
	fuzz_dir();		/* one scratch folder, shared by the children */
	if (in.n == 0) {
		printf("1..0 # SKIP no corpus for %s\n", me);
		return 0;
	}
	printf("1..%zu\n", in.n + 1);
	for (i = 0; i < in.n; i++) {
		char why[96];
		const char *bad = run_child(in.paths[i], why, sizeof why);

		printf("%sok %zu - %s%s%s\n", bad ? "not " : "", i + 1,
		    shown(in.paths[i]), bad ? ": " : "", bad ? bad : "");
		failed |= bad != NULL;
	}
	/* Memory: after a warm-up pass, the next must end no higher. */
	if (!failed) {
		for (i = 0; i < in.n; i++)
			run(in.paths[i]);
		first = in_use();
		for (i = 0; i < in.n; i++)
			run(in.paths[i]);
		second = in_use();
		printf("%sok %zu - memory flat across passes (%zu bytes in use "
		    "after one, %zu after the next)\n", second > first ? "not " :
		    "", in.n + 1, first, second);
		failed |= second > first;
	} else
		printf("ok %zu - memory flat across passes # SKIP an input "
		    "failed\n", in.n + 1);
	for (i = 0; i < in.n; i++)
		free(in.paths[i]);
	free(in.paths);
	fuzz_dir_remove();
	return failed;
}
