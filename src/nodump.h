/*
 * Keep the target non-dumpable after execve, which resets the flag
 * (fs/exec.c): a short-lived helper traces hardexec across its execve and
 * makes the new program call prctl(PR_SET_DUMPABLE, 0) before its first
 * instruction, then detaches and exits.
 */
#ifndef HARDEXEC_NODUMP_H
#define HARDEXEC_NODUMP_H

#include <stdbool.h>
#include <stddef.h>

enum nodump_mode {
	NODUMP_UNSET = -1,
	NODUMP_OFF = 0,
	NODUMP_BEST_EFFORT,
	NODUMP_REQUIRED,
};

/* "required | best-effort | off"; false + WHY. */
bool nodump_parse_mode(const char *value, int *out, char *why, size_t why_size);

/* The mode's word ("required" for unset: the default). */
const char *nodump_mode_name(int mode);

/* The architecture the injection is written for, or NULL. */
const char *nodump_arch(void);

/*
 * Start the helper and let it attach (MODE unset means required). When
 * it cannot: required exits 5 before anything else runs, best-effort
 * says so once on stderr and goes on. From here until execve, any exit
 * of hardexec (die()) first makes the helper let go.
 */
void nodump_arm(int mode, const char *source);

#endif
