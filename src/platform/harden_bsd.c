/* FreeBSD and OpenBSD self-hardening (not built on Linux). */
#include "platform/platform.h"

const char platform_name[] = "bsd";

/*
 * On the BSDs hardexec relies on RLIMIT_CORE (harden.c) and on removing LD_*
 * (env_table.c); a tracing control is left to a later port (FreeBSD has
 * procctl(PROC_TRACE_CTL), OpenBSD has none for unprivileged processes).
 */
void platform_deny_debugger(void)
{
}
