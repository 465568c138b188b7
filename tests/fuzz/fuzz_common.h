/* Shared by the fuzz targets: die() returns here instead of exiting. */
#ifndef HARDEXEC_FUZZ_COMMON_H
#define HARDEXEC_FUZZ_COMMON_H

#include "report.h"

#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static jmp_buf fuzz_jump;

/* Called by die() in the fuzz build of the library (report.c). */
_Noreturn void fuzz_rejected(enum exit_code code);
_Noreturn void fuzz_rejected(enum exit_code code)
{
	longjmp(fuzz_jump, (int)code);
}

#endif
