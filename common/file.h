/* Whole-file reads and crash-safe rewrites. */
#ifndef CD_COMMON_FILE_H
#define CD_COMMON_FILE_H

#include <stddef.h>
#include <sys/types.h>

#include "common/status.h"

/*
 * Replace path with data atomically: write a temporary file beside it with
 * the given mode, fsync it, rename it over path and fsync the directory.
 */
enum cd_status file_write_atomic(const char *path, const void *data,
    size_t len, mode_t mode, struct cd_err *err);

/*
 * Replace path with a copy of the file from, streamed a block at a time,
 * the same way (temporary file, fsync, rename).
 */
enum cd_status file_copy_atomic(const char *from, const char *path,
    mode_t mode, struct cd_err *err);

/*
 * Read the whole of path into a new buffer (NUL-terminated; *len excludes
 * the NUL). Files larger than max are refused. The caller frees *out.
 */
enum cd_status file_read_all(const char *path, size_t max,
    unsigned char **out, size_t *len, struct cd_err *err);

/* path with its extension replaced by (or, without one, extended by) ext. */
char *file_sibling(const char *path, const char *ext);

/* Whether path exists. */
int file_exists(const char *path);

/*
 * Where a shipped data file is: source (in the source tree) when this
 * program runs from its build tree, otherwise installed (under the
 * package data folder). An installed program never reads the source tree,
 * which may be gone.
 */
const char *file_data_path(const char *installed, const char *source);

/*
 * Whether this process could append to path (creating it if missing),
 * following no link: CD_OK, or CD_ERR_IO saying why not.
 */
enum cd_status file_appendable(const char *path, struct cd_err *err);

/* Whether path is an existing directory. */
int file_is_dir(const char *path);

/* Make the folder path (mode 0700) unless it is one already. */
enum cd_status file_make_dir(const char *path, struct cd_err *err);

#endif
