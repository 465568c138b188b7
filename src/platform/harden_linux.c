/* Linux self-hardening. */
#include "platform/platform.h"
#include "report.h"

#include <errno.h>
#include <string.h>
#include <sys/prctl.h>

const char platform_name[] = "linux";

/*
 * A non-dumpable process cannot be ptrace-attached by the same uid, its
 * /proc/PID/mem and friends are root-only, and it never dumps core
 * (prctl(2), ptrace(2) "ptrace access mode checking"). The kernel resets the
 * flag at execve (fs/exec.c, begin_new_exec), so this protects hardexec only,
 * not the target it execs.
 */
void platform_deny_debugger(void)
{
	if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0)
		die(EXIT_DUMPABLE, "prctl(PR_SET_DUMPABLE): %s", strerror(errno));
}
