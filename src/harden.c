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
	 * Core size 0, soft and hard: the hard limit stops the target from
	 * raising it again, and rlimits survive execve (SPEC, "What survives").
	 */
	const struct rlimit zero = { .rlim_cur = 0, .rlim_max = 0 };
	if (setrlimit(RLIMIT_CORE, &zero) != 0)
		die(EXIT_RLIMIT_CORE, "setrlimit(RLIMIT_CORE): %s", strerror(errno));
}
