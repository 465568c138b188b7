/* macOS self-hardening (not built on Linux). */
#include "platform/platform.h"
#include "report.h"

#include <errno.h>
#include <string.h>
#include <sys/types.h>
#include <sys/ptrace.h>

const char platform_name[] = "macos";

/*
 * PT_DENY_ATTACH makes later attach attempts fail and kills the process if
 * it is already traced (ptrace(2) on macOS). DYLD_* variables are removed
 * by the shared environment table in env_table.c.
 */
void platform_deny_debugger(void)
{
	if (ptrace(PT_DENY_ATTACH, 0, 0, 0) != 0)
		die(EXIT_DENY_ATTACH, "ptrace(PT_DENY_ATTACH): %s", strerror(errno));
}
