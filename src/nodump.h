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
 * Start the helper (MODE unset means required; SOURCE names where the
 * mode was set). It attaches while hardexec goes on; nodump_arm waits for
 * that. When either cannot: required exits 5, best-effort says so once on
 * stderr and goes on. From nodump_start until execve, any exit of
 * hardexec (die()) first makes the helper let go.
 */
void nodump_start(int mode, const char *source);

/* Wait until the helper has attached (or exit 5 / warn as above); before the identity change. */
void nodump_arm(void);

#endif
