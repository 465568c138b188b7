/* The last step: exec the descriptor that was checked. */
#ifndef HARDEXEC_EXEC_H
#define HARDEXEC_EXEC_H

#include "resolve.h"

#include <stddef.h>

/* What execveat gets, worked out before confinement (see exec_prepare). */
struct exec_plan {
	const struct target *target;
	int fd;                 /* the descriptor to execute: the target's, or its interpreter's */
	char *const *argv;
	char **script_argv;     /* a #! script's interpreter argv (owned), or NULL */
	char fdpath[32];        /* "/proc/self/fd/N" of the script */
};

/*
 * Everything the exec needs, done before the seccomp filter is loaded so
 * that a deny list cannot break hardexec's own steps: a script's
 * interpreter argv is built and its descriptor made to survive the exec.
 * Exits 126 on failure.
 */
void exec_prepare(const struct target *target, char *const argv[], struct exec_plan *out);

/*
 * The first words of a #! script's interpreter argv, in HEAD: the
 * interpreter as written, the #! line's optional argument, and SCRIPT (the
 * name the script is given by); their number, 2 or 3. exec_script_argv
 * starts with them, and rules.c checks them against the interpreter's rule.
 */
size_t exec_script_head(const struct target *t, const char *script, char *head[3]);

/*
 * The argv a #! script's interpreter gets (the interpreter as written, its
 * optional argument, FDPATH = "/proc/self/fd/N" of the script, ARGV[1..]): a new
 * array, ARGV's strings. For exec_prepare and --explain.
 */
char **exec_script_argv(const struct target *t, char *const argv[], char fdpath[32]);

/* execveat the checked descriptor in place; never returns (exit 126 on failure). */
_Noreturn void exec_run(const struct exec_plan *plan, char *const envp[]);

#endif
