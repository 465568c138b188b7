/* Argument rules: is this argv exactly what a [program] rule allows? */
#ifndef HARDEXEC_ARGS_H
#define HARDEXEC_ARGS_H

#include "policy.h"

#include <stdbool.h>
#include <stddef.h>

struct args_verdict {
	bool allowed;
	size_t bad_index;          /* argv index of the offending argument, 0 if none */
	char reason[256];
	long insert_double_dash;   /* argv index to insert "--" before, or -1 */
};

/*
 * Check ARGV (ARGV[0] is the program name, not checked) against RULE.
 * Arguments are judged exactly as written: an abbreviation of an allowed
 * long flag is a different, unknown flag.
 */
void args_check(const struct rule *rule, char *const argv[], struct args_verdict *v);

/*
 * args_check for an argv hardexec does not edit (a #! script's interpreter
 * gets it from the kernel's layout): no "--" is inserted, so with
 * double-dash = yes only the caller's own "--" ends the flags, and a flag
 * after a positional is still judged as a flag.
 */
void args_check_exact(const struct rule *rule, char *const argv[], struct args_verdict *v);

#endif
