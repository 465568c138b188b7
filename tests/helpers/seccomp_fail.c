/*
 * seccomp_fail MODE PROGRAM [ARG...]
 *
 * Make one of hardexec's system calls fail for real, then execve() PROGRAM
 * (a path) with the current environment. MODE is one of:
 *
 *   prctl              prctl(PR_SET_DUMPABLE, ...) fails with EPERM (hardexec: exit 5)
 *   rlimit             setrlimit/prlimit64 on RLIMIT_CORE fail with EPERM (exit 7)
 *   landlock-absent    landlock_create_ruleset fails with ENOSYS, as on a kernel
 *                      built without Landlock
 *   landlock-restrict  landlock_restrict_self fails with EPERM
 *   call:NAME          the system call NAME fails with EPERM
 *   call:NAME:aN=V     only when its argument N (0-5) equals V (decimal)
 *
 * Everything else is allowed. The filter needs no_new_privs (seccomp(2)),
 * which is set first. glibc's setrlimit() is prlimit64(0, resource, new,
 * old), so prlimit64 is matched on its second argument, and only when it sets
 * a limit (new != NULL): reading RLIMIT_CORE still works.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include <errno.h>
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

enum { EXIT_HELPER_ERROR = 120 };

extern char **environ;

static _Noreturn void fail(const char *what, int err)
{
	dprintf(2, "seccomp_fail: %s: %s\n", what, strerror(err));
	_exit(EXIT_HELPER_ERROR);
}

static _Noreturn void usage(void)
{
	dprintf(2, "usage: seccomp_fail prctl|rlimit|landlock-absent|landlock-restrict|"
	        "call:NAME[:aN=VALUE] PROGRAM [ARG...]\n");
	_exit(EXIT_HELPER_ERROR);
}

/* libseccomp returns -errno. */
static void check(int rc, const char *what)
{
	if (rc < 0)
		fail(what, -rc);
}

/* call:NAME or call:NAME:aN=VALUE */
static void add_call_rule(scmp_filter_ctx ctx, const char *spec)
{
	char name[64];
	const char *colon = strchr(spec, ':');
	size_t len = colon != NULL ? (size_t)(colon - spec) : strlen(spec);
	if (len == 0 || len >= sizeof(name))
		usage();
	memcpy(name, spec, len);
	name[len] = '\0';
	int nr = seccomp_syscall_resolve_name(name);
	if (nr == __NR_SCMP_ERROR)
		fail(name, EINVAL);
	if (colon == NULL) {
		check(seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), nr, 0), name);
		return;
	}
	char *end;
	if (colon[1] != 'a' || colon[2] < '0' || colon[2] > '5' || colon[3] != '=')
		usage();
	unsigned long long value = strtoull(colon + 4, &end, 10);
	if (*end != '\0' || end == colon + 4)
		usage();
	check(seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), nr, 1,
	                       SCMP_CMP((unsigned)(colon[2] - '0'), SCMP_CMP_EQ, value)), name);
}

int main(int argc, char **argv)
{
	if (argc < 3)
		usage();
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
		fail("prctl(PR_SET_NO_NEW_PRIVS)", errno);

	scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ALLOW);
	if (ctx == NULL)
		fail("seccomp_init", ENOMEM);

	const char *mode = argv[1];
	if (strcmp(mode, "prctl") == 0) {
		check(seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(prctl), 1,
				       SCMP_A0(SCMP_CMP_EQ, PR_SET_DUMPABLE)),
		      "seccomp_rule_add(prctl)");
	} else if (strcmp(mode, "rlimit") == 0) {
		check(seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(setrlimit), 1,
				       SCMP_A0(SCMP_CMP_EQ, RLIMIT_CORE)),
		      "seccomp_rule_add(setrlimit)");
		check(seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(prlimit64), 2,
				       SCMP_A1(SCMP_CMP_EQ, RLIMIT_CORE),
				       SCMP_A2(SCMP_CMP_NE, 0)),
		      "seccomp_rule_add(prlimit64)");
	} else if (strcmp(mode, "landlock-absent") == 0) {
		check(seccomp_rule_add(ctx, SCMP_ACT_ERRNO(ENOSYS), SCMP_SYS(landlock_create_ruleset), 0),
		      "seccomp_rule_add(landlock_create_ruleset)");
	} else if (strcmp(mode, "landlock-restrict") == 0) {
		check(seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(landlock_restrict_self), 0),
		      "seccomp_rule_add(landlock_restrict_self)");
	} else if (strncmp(mode, "call:", 5) == 0) {
		add_call_rule(ctx, mode + 5);
	} else {
		usage();
	}
	check(seccomp_load(ctx), "seccomp_load");
	seccomp_release(ctx);

	execve(argv[2], argv + 2, environ);
	fail(argv[2], errno);
}
