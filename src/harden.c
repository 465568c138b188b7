/* Self-hardening, common to every platform. */
#include "harden.h"
#include "platform/platform.h"
#include "report.h"

#include <errno.h>
#include <string.h>
#include <sys/resource.h>

void harden_self(void)
{
	/* Debugger first: nothing of hardexec should be readable from outside. */
	platform_deny_debugger();

	/*
	 * Core size 1, soft and hard: the hard limit stops the target from
	 * raising it again, and rlimits survive execve (SPEC, "What survives").
	 * 1, not 0: a core_pattern that pipes to a program ("|...") ignores a
	 * limit of 0 and hands the handler the whole memory (Debian's
	 * systemd-coredump is given a fixed limit, not the process's, and
	 * stores it), but the kernel refuses a piped dump when the limit is 1
	 * (fs/coredump.c: "RLIMIT_CORE is set to 1, aborting core"), and one
	 * byte is below the smallest core file it writes. A caller whose hard
	 * limit is already 0 cannot raise it without CAP_SYS_RESOURCE: then
	 * 0:0, the lowest it can have.
	 */
	const struct rlimit one = { .rlim_cur = 1, .rlim_max = 1 };
	const struct rlimit zero = { .rlim_cur = 0, .rlim_max = 0 };
	if (setrlimit(RLIMIT_CORE, &one) != 0 &&
	    (errno != EPERM || setrlimit(RLIMIT_CORE, &zero) != 0))
		die(EXIT_RLIMIT_CORE, "setrlimit(RLIMIT_CORE): %s", strerror(errno));
}
