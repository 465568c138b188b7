/*
 * Keep the target non-dumpable after execve, which resets the flag
 * (fs/exec.c): when hardexec may change its uids, by a filesystem uid the
 * exec itself changes back (nodump_fsuid.c); otherwise a short-lived
 * helper traces hardexec across its execve and makes the new program call
 * prctl(PR_SET_DUMPABLE, 0) before its first instruction, then detaches
 * and exits.
 */
#ifndef HARDEXEC_NODUMP_H
#define HARDEXEC_NODUMP_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "nodump_fsuid.h"

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
 * Choose how (MODE unset means required; SOURCE names where the mode was
 * set). When hardexec may change its uids and FACTS allow it, the exec
 * itself will leave the target non-dumpable (nodump_fsuid.h): the saved
 * uid changes now and nodump_commit finishes it. Otherwise the helper
 * starts; it attaches while hardexec goes on; nodump_arm waits for that.
 * When either cannot: required exits 5, best-effort says so once on
 * stderr and goes on. From nodump_start until execve, any exit of
 * hardexec (die()) first makes the helper let go.
 */
void nodump_start(int mode, const char *source, const struct nodump_facts *facts);

/*
 * Before the identity change: wait until the helper has attached (or exit
 * 5 / warn as above); on the fsuid route, set the saved uid unless
 * SWITCHING (ids_switch then sets it, from nodump_saved_uid).
 */
void nodump_arm(bool switching);

/* The saved uid an identity switch to UID must leave: UID, or the one this route holds. */
uid_t nodump_saved_uid(uid_t uid);

/* Last before the seccomp filter: the filesystem uid change the exec undoes (exit 5 / warn). */
void nodump_commit(void);

#endif
