/* The last step: exec the descriptor that was checked. */
#ifndef HARDEXEC_EXEC_H
#define HARDEXEC_EXEC_H

#include "resolve.h"

/* execveat the checked descriptor in place; never returns (exit 126 on failure). */
_Noreturn void exec_target(const struct target *target, char *const argv[], char *const envp[]);

#endif
