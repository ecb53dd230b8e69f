/*
 * The libFuzzer entry point every target defines, and the helpers targets
 * share. Each target is also linked with replay.c into replay_TARGET,
 * which `make check` runs over tests/fuzz/corpus/TARGET.
 */
#ifndef CD_TESTS_FUZZ_H
#define CD_TESTS_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A private temporary folder, made on first use, for the whole run. */
const char *fuzz_dir(void);

/* Remove that folder and everything in it (the replay does, at the end). */
void fuzz_dir_remove(void);

/*
 * Write data to NAME under fuzz_dir() (making NAME's folder); the path,
 * in a static buffer that the next call overwrites.
 */
const char *fuzz_file(const char *name, const uint8_t *data, size_t size);

/* data as a fresh NUL-terminated string (embedded NULs end it early). */
char *fuzz_text(const uint8_t *data, size_t size);

#endif
