/*
 * A POSIX ustar archive built in memory: how a return made of several
 * files (the SSDA903 tables) streams over one standard output, to be
 * unpacked with tar on the other side. Regular files only, mode 0600.
 */
#ifndef CD_COMMON_TAR_H
#define CD_COMMON_TAR_H

#include <stddef.h>
#include <time.h>

#include "common/buf.h"

/* Longest member name tar_add takes (ustar's name field, no prefix). */
#define TAR_NAME_MAX 99

/*
 * Append a member called name (at most TAR_NAME_MAX bytes, relative,
 * no "..") holding len bytes of data, modified at mtime. 0, or -1 for a
 * name ustar cannot carry or that could land outside the folder.
 */
int tar_add(struct buf *tar, const char *name, const void *data, size_t len,
    time_t mtime);

/* End the archive (two zero blocks). */
void tar_end(struct buf *tar);

#endif
