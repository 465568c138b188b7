/*
 * seccomp_fail prctl|rlimit|landlock-absent|landlock-restrict PROGRAM [ARG...]
 *
 * Make one of hardexec's self-hardening calls fail for real, then execve()
 * PROGRAM (a path) with the current environment:
 *
 *   prctl   prctl(PR_SET_DUMPABLE, ...) fails with EPERM   (hardexec: exit 5)
 *   rlimit  setrlimit/prlimit64 on RLIMIT_CORE fail with EPERM (exit 7)
 *   landlock-absent    landlock_create_ruleset fails with ENOSYS, as on a kernel
 *                      built without Landlock
 *   landlock-restrict  landlock_restrict_self fails with EPERM (exit 71)
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

/* libseccomp returns -errno. */
static void check(int rc, const char *what)
{
	if (rc < 0)
		fail(what, -rc);
}

int main(int argc, char **argv)
{
	static const char *const modes[] = { "prctl", "rlimit", "landlock-absent",
	                                     "landlock-restrict" };
	size_t mode = 0;
	while (argc >= 3 && mode < sizeof(modes) / sizeof(modes[0]) && strcmp(argv[1], modes[mode]) != 0)
		mode++;
	if (argc < 3 || mode == sizeof(modes) / sizeof(modes[0])) {
		dprintf(2, "usage: seccomp_fail prctl|rlimit|landlock-absent|landlock-restrict "
		        "PROGRAM [ARG...]\n");
		return EXIT_HELPER_ERROR;
	}

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
		fail("prctl(PR_SET_NO_NEW_PRIVS)", errno);

	scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ALLOW);
	if (ctx == NULL)
		fail("seccomp_init", ENOMEM);

	if (strcmp(argv[1], "prctl") == 0) {
		check(seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(prctl), 1,
				       SCMP_A0(SCMP_CMP_EQ, PR_SET_DUMPABLE)),
		      "seccomp_rule_add(prctl)");
	} else if (strcmp(argv[1], "landlock-absent") == 0) {
		check(seccomp_rule_add(ctx, SCMP_ACT_ERRNO(ENOSYS), SCMP_SYS(landlock_create_ruleset), 0),
		      "seccomp_rule_add(landlock_create_ruleset)");
	} else if (strcmp(argv[1], "landlock-restrict") == 0) {
		check(seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(landlock_restrict_self), 0),
		      "seccomp_rule_add(landlock_restrict_self)");
	} else {
		check(seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(setrlimit), 1,
				       SCMP_A0(SCMP_CMP_EQ, RLIMIT_CORE)),
		      "seccomp_rule_add(setrlimit)");
		check(seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(prlimit64), 2,
				       SCMP_A1(SCMP_CMP_EQ, RLIMIT_CORE),
				       SCMP_A2(SCMP_CMP_NE, 0)),
		      "seccomp_rule_add(prlimit64)");
	}
	check(seccomp_load(ctx), "seccomp_load");
	seccomp_release(ctx);

	execve(argv[2], argv + 2, environ);
	fail(argv[2], errno);
}
