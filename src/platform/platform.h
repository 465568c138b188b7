/*
 * The small interface each platform implements, one file per platform:
 * harden_linux.c (built here), harden_macos.c and harden_bsd.c (written for
 * the ports; not built or tested on this machine).
 */
#ifndef HARDEXEC_PLATFORM_H
#define HARDEXEC_PLATFORM_H

/* Keep debuggers and same-uid memory readers away from this process, or die. */
void platform_deny_debugger(void);

/* Short name for --version. */
extern const char platform_name[];

#endif
