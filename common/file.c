#include "config.h"

#include "common/file.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/xmem.h"

/* Write all of len bytes, retrying short writes. */
static int
write_all(int fd, const unsigned char *p, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, p, len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* fsync the directory holding path so a rename survives a crash. */
static void
sync_dir(const char *path)
{
	char *copy = xstrdup(path);
	int fd = open(dirname(copy), O_RDONLY | O_DIRECTORY);

	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	free(copy);
}

/*
 * Replace path: fill writes the contents into a temporary file beside it
 * (mode), which is synced and renamed over path, and the folder synced.
 * fill returns 0, or -1 with errno set.
 */
static enum cd_status
replace(const char *path, mode_t mode, int (*fill)(int, void *), void *arg,
    struct cd_err *err)
{
	char *tmp = xasprintf("%s.tmp%ld", path, (long)getpid());
	int fd, saved;

	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
	if (fd < 0) {
		saved = errno;
		free(tmp);
		return cd_err_set(err, CD_ERR_IO, "cannot create %s: %s",
		    path, strerror(saved));
	}
	if (fchmod(fd, mode) != 0 || fill(fd, arg) != 0 || fsync(fd) != 0) {
		saved = errno;
		close(fd);
		unlink(tmp);
		free(tmp);
		return cd_err_set(err, CD_ERR_IO, "cannot write %s: %s",
		    path, strerror(saved));
	}
	if (close(fd) != 0 || rename(tmp, path) != 0) {
		saved = errno;
		unlink(tmp);
		free(tmp);
		return cd_err_set(err, CD_ERR_IO, "cannot replace %s: %s",
		    path, strerror(saved));
	}
	free(tmp);
	sync_dir(path);
	return CD_OK;
}

struct bytes {
	const void *data;
	size_t len;
};

static int
fill_bytes(int fd, void *arg)
{
	const struct bytes *b = arg;

	return write_all(fd, b->data, b->len);
}

enum cd_status
file_write_atomic(const char *path, const void *data, size_t len,
    mode_t mode, struct cd_err *err)
{
	struct bytes b = { data, len };

	return replace(path, mode, fill_bytes, &b, err);
}

/* Copy from the open descriptor in *arg, a block at a time. */
static int
fill_copy(int fd, void *arg)
{
	unsigned char block[65536];
	int from = *(int *)arg;
	ssize_t n;

	while ((n = read(from, block, sizeof block)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 || write_all(fd, block, (size_t)n) != 0)
			return -1;
	}
	return 0;
}

enum cd_status
file_copy_atomic(const char *from, const char *path, mode_t mode,
    struct cd_err *err)
{
	int fd = open(from, O_RDONLY | O_CLOEXEC);
	enum cd_status code;

	if (fd < 0)
		return cd_err_set(err, CD_ERR_IO, "cannot read %s: %s", from,
		    strerror(errno));
	code = replace(path, mode, fill_copy, &fd, err);
	close(fd);
	return code;
}

enum cd_status
file_read_all(const char *path, size_t max, unsigned char **out, size_t *len,
    struct cd_err *err)
{
	struct stat st;
	unsigned char *p;
	size_t got = 0;
	int fd, saved;

	*out = NULL;
	*len = 0;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		saved = errno;
		return cd_err_set(err, saved == ENOENT ? CD_ERR_NOTFOUND :
		    CD_ERR_IO, "cannot open %s: %s", path, strerror(saved));
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return cd_err_set(err, CD_ERR_IO, "%s is not a regular file",
		    path);
	}
	if ((size_t)st.st_size > max) {
		close(fd);
		return cd_err_set(err, CD_ERR_INVALID,
		    "%s is too large (%lld bytes, at most %zu)", path,
		    (long long)st.st_size, max);
	}
	p = xmalloc((size_t)st.st_size + 1);
	while (got < (size_t)st.st_size) {
		ssize_t n = read(fd, p + got, (size_t)st.st_size - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	close(fd);
	p[got] = '\0';
	*out = p;
	*len = got;
	return CD_OK;
}

char *
file_sibling(const char *path, const char *ext)
{
	const char *slash = strrchr(path, '/');
	const char *dot = strrchr(path, '.');

	if (dot == NULL || (slash != NULL && dot < slash) || dot == path ||
	    (slash != NULL && dot == slash + 1))
		return xasprintf("%s%s", path, ext);
	return xasprintf("%.*s%s", (int)(dot - path), path, ext);
}

/* Whether the running program lives under the build tree. */
static int
in_build_tree(void)
{
	static int known = -1;
	char exe[PATH_MAX], top[PATH_MAX];
	ssize_t n;

	if (known >= 0)
		return known;
	known = 0;
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0 && realpath(CD_BUILDDIR, top) != NULL) {
		size_t k = strlen(top);

		exe[n] = '\0';
		known = strncmp(exe, top, k) == 0 && exe[k] == '/';
	}
	return known;
}

const char *
file_data_path(const char *installed, const char *source)
{
	return in_build_tree() ? source : installed;
}

int
file_exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

enum cd_status
file_appendable(const char *path, struct cd_err *err)
{
	char *dir;
	int fd = open(path, O_WRONLY | O_APPEND | O_NOFOLLOW | O_CLOEXEC);
	enum cd_status code = CD_OK;

	if (fd >= 0) {
		close(fd);
		return CD_OK;
	}
	if (errno != ENOENT)
		return cd_err_set(err, CD_ERR_IO, "%s cannot be appended to by "
		    "this account (uid %ld): %s", path, (long)geteuid(),
		    strerror(errno));
	/* Missing: it is made on first use, in a folder we may write. */
	dir = xstrdup(path);
	if (strrchr(dir, '/') != NULL)
		*strrchr(dir, '/') = '\0';
	else
		strcpy(dir, ".");
	if (access(*dir ? dir : "/", W_OK | X_OK) != 0)
		code = cd_err_set(err, CD_ERR_IO, "%s cannot be made by this "
		    "account (uid %ld) in %s: %s", path, (long)geteuid(),
		    *dir ? dir : "/", strerror(errno));
	free(dir);
	return code;
}

int
file_is_dir(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

enum cd_status
file_make_dir(const char *path, struct cd_err *err)
{
	if (file_is_dir(path))
		return CD_OK;
	if (mkdir(path, 0700) != 0)
		return cd_err_set(err, CD_ERR_IO, "cannot make the folder %s: %s",
		    path, strerror(errno));
	return CD_OK;
}
