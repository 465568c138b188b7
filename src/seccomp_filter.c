/*
 * System call filter, with libseccomp, loaded last (after no_new_privs,
 * which an unprivileged seccomp filter requires; seccomp(2)). The default
 * profile denies what a compromised ordinary program has no business
 * calling: tracing other processes, kernel modules and kexec, bpf and perf,
 * userfaultfd and io_uring (large attack surfaces), keyrings, mounts and
 * namespaces, swap, reboot, clocks, raw I/O ports, obsolete calls. execve
 * and execveat stay allowed: the target must be able to run its own
 * children (and hardexec's own execveat is the next call).
 */
#include "seccomp_filter.h"
#include "config.h"
#include "report.h"

#include <errno.h>
#include <sched.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>

#if HAVE_SECCOMP
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <seccomp.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

/* Named groups, each a list of system calls; the default profile is a list of groups. */
static const struct {
	const char *name;
	const char *const *calls;
} groups[] = {
	{ "@debug", (const char *const[]){ "ptrace", "process_vm_readv", "process_vm_writev",
	                                   "kcmp", "perf_event_open", "lookup_dcookie", NULL } },
	{ "@module", (const char *const[]){ "init_module", "finit_module", "delete_module", NULL } },
	{ "@reboot", (const char *const[]){ "reboot", "kexec_load", "kexec_file_load", NULL } },
	{ "@swap", (const char *const[]){ "swapon", "swapoff", NULL } },
	{ "@clock", (const char *const[]){ "settimeofday", "clock_settime", "adjtimex",
	                                   "clock_adjtime", "stime", NULL } },
	{ "@raw-io", (const char *const[]){ "iopl", "ioperm", "pciconfig_read", "pciconfig_write",
	                                    "pciconfig_iobase", NULL } },
	{ "@obsolete", (const char *const[]){ "uselib", "vm86", "vm86old", "nfsservctl", "_sysctl",
	                                      "sysfs", "ustat", "quotactl", "quotactl_fd",
	                                      "create_module", "get_kernel_syms", "query_module",
	                                      NULL } },
	{ "@privileged", (const char *const[]){ "acct", "open_by_handle_at", "name_to_handle_at",
	                                        "syslog", "vhangup", NULL } },
	{ "@keyring", (const char *const[]){ "keyctl", "add_key", "request_key", NULL } },
	{ "@mount", (const char *const[]){ "mount", "umount", "umount2", "fsopen", "fsmount",
	                                   "fsconfig", "fspick", "move_mount", "open_tree",
	                                   "pivot_root", "mount_setattr", "chroot", NULL } },
	{ "@namespaces", (const char *const[]){ "unshare", "setns", NULL } },
	{ "@io-uring", (const char *const[]){ "io_uring_setup", "io_uring_enter",
	                                     "io_uring_register", NULL } },
	{ "@bpf", (const char *const[]){ "bpf", NULL } },
	{ "@userfaultfd", (const char *const[]){ "userfaultfd", NULL } },
};

enum { GROUP_COUNT = sizeof(groups) / sizeof(groups[0]) };

bool seccomp_parse_mode(const char *value, int *out, char *why, size_t why_size)
{
	if (strcmp(value, "default") == 0)
		return *out = SECCOMP_MODE_DEFAULT, true;
	if (strcmp(value, "none") == 0)
		return *out = SECCOMP_MODE_NONE, true;
	if (strcmp(value, "strict") == 0)
		return snprintf(why, why_size, "strict (deny by default) is not implemented yet; use "
		                "default"), false;
	return snprintf(why, why_size, "expected default or none"), false;
}

bool seccomp_parse_action(const char *value, int *out, char *why, size_t why_size)
{
	static const char *const names[] = { "errno", "kill", "log" };
	for (int i = 0; i < 3; i++)
		if (strcmp(value, names[i]) == 0)
			return *out = i, true;
	return snprintf(why, why_size, "expected errno, kill or log"), false;
}

#if HAVE_SECCOMP

static int group_find(const char *name)
{
	for (int i = 0; i < GROUP_COUNT; i++)
		if (strcmp(groups[i].name, name) == 0)
			return i;
	return -1;
}

/* One word: a @group or a system call this architecture's libseccomp knows. */
static bool name_valid(const char *w)
{
	if (w[0] == '@')
		return group_find(w) >= 0;
	return seccomp_syscall_resolve_name(w) != __NR_SCMP_ERROR;
}

bool seccomp_names_valid(const char *names, char *why, size_t why_size)
{
	char buf[ESCAPED_MAX];
	char *copy = strdup(names);
	if (copy == NULL)
		return snprintf(why, why_size, "out of memory"), false;
	bool ok = true;
	size_t n = 0;
	for (char *save = NULL, *w = strtok_r(copy, " \t,", &save); ok && w != NULL;
	     w = strtok_r(NULL, " \t,", &save), n++)
		if (!name_valid(w)) {
			ok = false;
			snprintf(why, why_size, "unknown system call or group '%s'",
			         escape_str(buf, sizeof(buf), w));
		}
	free(copy);
	if (ok && n == 0)
		return snprintf(why, why_size, "expected system call names or @groups"), false;
	return ok;
}

/* Is CALL named in LIST (directly or through a @group)? */
static bool listed(const char *list, const char *call)
{
	if (list == NULL)
		return false;
	char *copy = strdup(list);
	if (copy == NULL)
		die(EXIT_CONFINE, "seccomp: out of memory");
	bool found = false;
	for (char *save = NULL, *w = strtok_r(copy, " \t,", &save); !found && w != NULL;
	     w = strtok_r(NULL, " \t,", &save)) {
		int g = w[0] == '@' ? group_find(w) : -1;
		if (g < 0)
			found = strcmp(w, call) == 0;
		for (const char *const *c = g >= 0 ? groups[g].calls : NULL; c != NULL && *c; c++)
			found = found || strcmp(*c, call) == 0;
	}
	free(copy);
	return found;
}

static void deny_call(scmp_filter_ctx ctx, uint32_t action, const char *call, const char *source)
{
	int nr = seccomp_syscall_resolve_name(call);
	if (nr == __NR_SCMP_ERROR)
		return; /* not a system call on this architecture */
	int rc = seccomp_rule_add(ctx, action, nr, 0);
	if (rc != 0 && rc != -EEXIST)
		die(EXIT_CONFINE, "seccomp (%s): rule for %s: %s", source, call, strerror(-rc));
}

/*
 * clone with a namespace flag creates a namespace like unshare(2);
 * clone3 passes its flags in memory, which seccomp cannot read, so it
 * returns ENOSYS and libc falls back to clone, which we can filter.
 */
static void deny_namespace_clones(scmp_filter_ctx ctx, uint32_t action, const char *source)
{
	static const unsigned long flags[] = { CLONE_NEWNS, CLONE_NEWUTS, CLONE_NEWIPC, CLONE_NEWUSER,
	                                       CLONE_NEWPID, CLONE_NEWNET, CLONE_NEWCGROUP,
	                                       0x00000080 /* CLONE_NEWTIME */ };
	for (size_t i = 0; i < sizeof(flags) / sizeof(flags[0]); i++) {
		int rc = seccomp_rule_add(ctx, action, SCMP_SYS(clone), 1,
		                          SCMP_A0(SCMP_CMP_MASKED_EQ, flags[i], flags[i]));
		if (rc != 0)
			die(EXIT_CONFINE, "seccomp (%s): clone rule: %s", source, strerror(-rc));
	}
	int rc = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(ENOSYS), SCMP_SYS(clone3), 0);
	if (rc != 0)
		die(EXIT_CONFINE, "seccomp (%s): clone3 rule: %s", source, strerror(-rc));
}

/*
 * personality(2): allow 0 (the default, PER_LINUX) and 0xffffffff (the
 * query); deny every other value, which could turn off ASLR or make reads
 * imply exec. libseccomp allows one comparison per argument and rule, so it
 * needs 62 masked comparisons for this, 40% of the default filter and of
 * the time the kernel spends attaching it. This small filter, stacked on
 * the main one (the kernel runs both and the stricter result wins,
 * seccomp(2)), says it in nine instructions. The kernel reads the argument
 * as an unsigned int: only the low 32 bits count.
 */
static void load_personality_filter(uint32_t action, const char *source)
{
	enum {
		ARG0_LO = offsetof(struct seccomp_data, args[0]) +
		          (__BYTE_ORDER__ == __ORDER_BIG_ENDIAN__ ? 4 : 0),
	};
	struct sock_filter insns[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
		/* another ABI: not this filter's business (the main filter kills it) */
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, seccomp_arch_native(), 0, 6),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_personality, 0, 4),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, ARG0_LO),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0, 2, 0),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0xffffffffu, 1, 0),
		BPF_STMT(BPF_RET | BPF_K, action),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = { .len = sizeof(insns) / sizeof(insns[0]), .filter = insns };
	if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog) != 0)
		die(EXIT_CONFINE, "seccomp (%s): loading the personality filter: %s", source,
		    strerror(errno));
}

static uint32_t action_value(int action)
{
	switch (action) {
	case SECCOMP_ACTION_KILL:
		return SCMP_ACT_KILL_PROCESS;
	case SECCOMP_ACTION_LOG:
		return SCMP_ACT_LOG;
	default:
		return SCMP_ACT_ERRNO(EPERM);
	}
}

scmp_filter_ctx seccomp_build(int action, const char *deny, const char *allow, const char *source)
{
	uint32_t act = action_value(action);
	scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ALLOW);
	if (ctx == NULL)
		die(EXIT_CONFINE, "seccomp: seccomp_init failed");
	/* Other ABIs (i386 and x32 on x86_64) are not in the filter: their calls kill. */
	int rc = seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH, SCMP_ACT_KILL_PROCESS);
	if (rc != 0)
		die(EXIT_CONFINE, "seccomp: bad-architecture action: %s", strerror(-rc));
	/*
	 * A binary tree of system call numbers instead of a list. When the filter
	 * is attached, the kernel walks it once per system call number to find
	 * the calls it always allows (seccomp_cache_prepare, kernel/seccomp.c):
	 * 28,000 steps for the list, 6,300 for the tree. The tree is 300
	 * instructions instead of 284, which the JIT pays for; measured (bench
	 * driver, 2,000 launches): 970 -> 929 us per launch.
	 */
	rc = seccomp_attr_set(ctx, SCMP_FLTATR_CTL_OPTIMIZE, 2);
	if (rc != 0)
		die(EXIT_CONFINE, "seccomp: binary tree optimization: %s", strerror(-rc));
	for (int g = 0; g < GROUP_COUNT; g++)
		for (const char *const *c = groups[g].calls; *c != NULL; c++)
			if (!listed(allow, *c))
				deny_call(ctx, act, *c, source);
	/* Every @group is in the profile already: only single names add to it. */
	if (deny != NULL) {
		char *copy = strdup(deny);
		if (copy == NULL)
			die(EXIT_CONFINE, "seccomp: out of memory");
		for (char *save = NULL, *w = strtok_r(copy, " \t,", &save); w != NULL;
		     w = strtok_r(NULL, " \t,", &save))
			if (w[0] != '@' && !listed(allow, w))
				deny_call(ctx, act, w, source);
		free(copy);
	}
	if (!listed(allow, "unshare"))
		deny_namespace_clones(ctx, act, source);
	return ctx;
}

#ifndef HARDEXEC_SECCOMP_GEN
/*
 * The default profile with the default action is the common case, and
 * libseccomp takes longer to build it than the rest of a launch (bench/).
 * So the build runs tools/seccomp_gen, which exports this very filter as
 * BPF into seccomp_default.c, and a launch only loads that program.
 * tests/test_confine.c checks that it equals what libseccomp builds now.
 */
static void load_prebuilt(void)
{
	struct sock_fprog prog = {
		.len = seccomp_default_len,
		.filter = (struct sock_filter *)seccomp_default_prog,
	};
	if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog) != 0)
		die(EXIT_CONFINE, "seccomp (default): loading the built-in filter: %s", strerror(errno));
}
#endif

void seccomp_apply(int mode, int action, const char *deny, const char *allow, const char *source)
{
	if (mode == SECCOMP_MODE_UNSET)
		mode = SECCOMP_MODE_DEFAULT;
	if (source == NULL)
		source = "default";
	if (mode == SECCOMP_MODE_NONE) {
		if (deny != NULL || allow != NULL)
			die(EXIT_CONFINE, "seccomp (%s): seccomp-deny and seccomp-allow need a filter, "
			    "but seccomp = none", source);
		return;
	}
#ifndef HARDEXEC_SECCOMP_GEN
	if (action <= SECCOMP_ACTION_ERRNO && deny == NULL && allow == NULL) {
		load_prebuilt();
	} else
#endif
	{
		scmp_filter_ctx ctx = seccomp_build(action, deny, allow, source);
		int rc = seccomp_load(ctx);
		seccomp_release(ctx);
		if (rc != 0)
			die(EXIT_CONFINE, "seccomp (%s): loading the filter: %s", source, strerror(-rc));
	}
	if (!listed(allow, "personality"))
		load_personality_filter(action_value(action), source);
	if (prctl(PR_GET_SECCOMP, 0, 0, 0, 0) != 2)
		die(EXIT_CONFINE, "seccomp: PR_GET_SECCOMP does not report a filter");
}

#else /* !HAVE_SECCOMP */

bool seccomp_names_valid(const char *names, char *why, size_t why_size)
{
	(void)names;
	return snprintf(why, why_size, "built without libseccomp"), false;
}

/* Built with -Dseccomp=disabled: only seccomp = none can be honoured; --version says so. */
void seccomp_apply(int mode, int action, const char *deny, const char *allow, const char *source)
{
	(void)action;
	(void)deny;
	(void)allow;
	if (mode != SECCOMP_MODE_NONE)
		die(EXIT_CONFINE, "seccomp (%s): built without libseccomp; say seccomp = none to run "
		    "without a filter", source != NULL ? source : "default");
}

#endif

void seccomp_describe_groups(void)
{
	fputs("[", stdout);
	for (int g = 0; g < GROUP_COUNT; g++) {
		printf("%s{\"group\": \"%s\", \"calls\": [", g ? ", " : "", groups[g].name);
		for (const char *const *c = groups[g].calls; *c != NULL; c++)
			printf("%s\"%s\"", c == groups[g].calls ? "" : ", ", *c);
		fputs("]}", stdout);
	}
	fputs("]", stdout);
}
