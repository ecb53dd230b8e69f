/* The libFuzzer entry point every target defines (see tests/fuzz/README). */
#ifndef CD_TESTS_FUZZ_H
#define CD_TESTS_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Write data to a fresh file under a private temporary folder; its path. */
const char *fuzz_file(const char *name, const uint8_t *data, size_t size);

#endif
