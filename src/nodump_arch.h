/*
 * The architecture-specific half of nodump: make a traced process that
 * just returned from execve call prctl(PR_SET_DUMPABLE, 0) before its
 * first instruction. Standalone (no config.h), so a cross compiler can
 * build it alone (.ci/run does for aarch64).
 */
#ifndef HARDEXEC_NODUMP_ARCH_H
#define HARDEXEC_NODUMP_ARCH_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* "x86_64", "aarch64", or NULL where injection is not written. */
extern const char *const nodump_arch_name;

enum inject_result {
	INJECT_OK,        /* the prctl ran and returned 0; registers and code restored */
	INJECT_FAILED,    /* the prctl or the mechanism failed, the program is as it was; WHY */
	INJECT_BROKEN,    /* the registers could not be put back: the program must not run */
	INJECT_GONE,      /* the tracee ended (a signal's default action) on the way */
};

/*
 * True when STATUS (waitpid's, of a PTRACE_SEIZEd tracee) is a group-stop,
 * which a tracer waits out with PTRACE_LISTEN. Other PTRACE_EVENT_STOPs
 * (the notice a SIGCONT or PTRACE_INTERRUPT leaves) are just resumed.
 */
bool nodump_group_stop(int status);

/*
 * PID is stopped at the syscall-exit stop of a successful execve (so the
 * kernel will not overwrite the return register any more). Point the
 * program counter at a system call instruction in the vDSO, set up
 * prctl(PR_SET_DUMPABLE, 0), single-step it, read the result, put the
 * registers back. No byte of the program's memory is written. Signals that arrive on
 * the way are delivered as they would have been (the new program has no
 * handlers yet). On INJECT_OK the tracee is stopped with its original
 * state, ready to be detached.
 */
enum inject_result nodump_arch_inject(pid_t pid, char *why, size_t why_size);

#endif
