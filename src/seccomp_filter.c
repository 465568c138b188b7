/*
 * System call filter, with libseccomp, loaded last (after no_new_privs,
 * which an unprivileged seccomp filter requires; seccomp(2)).
 *
 * The default profile allows by default and denies what a compromised
 * ordinary program has no business calling: tracing other processes,
 * kernel modules and kexec, bpf and perf, userfaultfd and io_uring (large
 * attack surfaces), keyrings, mounts and namespaces, swap, reboot, clocks,
 * raw I/O ports, obsolete calls. The strict profile denies by default and
 * allows a list of calls wide enough for ordinary programs (ls, cat, git,
 * python), none of them from the default profile's groups. In both,
 * execve and execveat stay allowed: the target must be able to run its
 * own children (and hardexec's own execveat is the next call).
 */
#include "seccomp_filter.h"
#include "config.h"
#include "report.h"

#include <errno.h>
#include <sched.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>

#if HAVE_SECCOMP
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <seccomp.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

/*
 * Named groups, each a list of system calls; the default profile is a
 * list of groups. seccomp-deny and seccomp-allow name them as @group.
 */
const struct seccomp_group seccomp_deny_groups[] = {
	/* pidfd_getfd takes a descriptor out of another process, with ptrace's permission */
	{ "@debug", (const char *const[]){ "ptrace", "process_vm_readv", "process_vm_writev",
	                                   "kcmp", "perf_event_open", "lookup_dcookie",
	                                   "pidfd_getfd", NULL } },
	{ "@module", (const char *const[]){ "init_module", "finit_module", "delete_module", NULL } },
	{ "@reboot", (const char *const[]){ "reboot", "kexec_load", "kexec_file_load", NULL } },
	{ "@swap", (const char *const[]){ "swapon", "swapoff", NULL } },
	/* (the *64 names are i386's and arm's 64-bit-time calls) */
	{ "@clock", (const char *const[]){ "settimeofday", "clock_settime", "adjtimex",
	                                   "clock_adjtime", "stime", "clock_settime64",
	                                   "clock_adjtime64", NULL } },
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
	                                   "open_tree_attr", "pivot_root", "mount_setattr",
	                                   "chroot", NULL } },
	{ "@namespaces", (const char *const[]){ "unshare", "setns", NULL } },
	{ "@io-uring", (const char *const[]){ "io_uring_setup", "io_uring_enter",
	                                     "io_uring_register", NULL } },
	{ "@bpf", (const char *const[]){ "bpf", NULL } },
	{ "@userfaultfd", (const char *const[]){ "userfaultfd", NULL } },
};
const size_t seccomp_deny_groups_len = sizeof(seccomp_deny_groups) / sizeof(seccomp_deny_groups[0]);

/*
 * Groups the default profile leaves allowed, for seccomp-deny to name.
 * @file-attributes: changing a file's mode, owner, times or extended
 * attributes, which Landlock has no right for: a root target under
 * Landlock could still make a file outside its paths set-user-ID.
 */
const struct seccomp_group seccomp_optional_groups[] = {
	{ "@file-attributes", (const char *const[]){ "chmod", "fchmod", "fchmodat", "fchmodat2",
	                                             "chown", "fchown", "lchown", "fchownat",
	                                             "chown32", "fchown32", "lchown32", "utime",
	                                             "utimes", "utimensat", "utimensat_time64",
	                                             "futimesat", "setxattr", "lsetxattr",
	                                             "fsetxattr", "removexattr", "lremovexattr",
	                                             "fremovexattr", "setxattrat", "removexattrat",
	                                             "file_setattr", NULL } },
};
const size_t seccomp_optional_groups_len =
	sizeof(seccomp_optional_groups) / sizeof(seccomp_optional_groups[0]);

/*
 * seccomp = strict allows these calls and nothing else (the rest gets the
 * seccomp-action), chosen from what glibc's loader and start-up, coreutils,
 * git and python call (strace -f), plus their close relatives, so that
 * ordinary programs run. No call of a default-profile group is here
 * (tests/test_seccomp_filter.c checks). Not here on purpose: set*id and
 * capset (hardexec sets the identity), mknod, System V and POSIX message
 * IPC, AIO, NUMA policy, memory protection keys, modify_ldt, pidfd_getfd
 * (it takes another process's descriptor), seccomp and Landlock. A name
 * that is not a call of the ABI being built (open on aarch64) is skipped.
 */
const struct seccomp_group seccomp_strict_classes[] = {
	/* the dynamic loader, libc start-up, threads' set-up and memory */
	{ "memory", (const char *const[]){ "brk", "mmap", "munmap", "mprotect", "mremap", "madvise",
	                                   "msync", "mincore", "mlock", "mlock2", "munlock",
	                                   "mlockall", "munlockall", "memfd_create", "membarrier",
	                                   "arch_prctl", "set_tid_address", "set_robust_list",
	                                   "rseq", "prlimit64", "getrlimit", "setrlimit",
	                                   "getrandom", NULL } },
	/* reading and writing through descriptors, and looking at files */
	{ "files", (const char *const[]){ "read", "write", "readv", "writev", "pread64", "pwrite64",
	                                  "preadv", "pwritev", "preadv2", "pwritev2", "open",
	                                  "openat", "openat2", "creat", "close", "close_range",
	                                  "lseek", "dup", "dup2", "dup3", "fcntl", "flock", "ioctl",
	                                  "pipe", "pipe2", "fstat", "stat", "lstat", "newfstatat",
	                                  "statx", "statfs", "fstatfs", "access", "faccessat",
	                                  "faccessat2", "readlink", "readlinkat", "getdents",
	                                  "getdents64", "getcwd", "chdir", "fchdir", "umask",
	                                  "fadvise64", "readahead", "fallocate", "truncate",
	                                  "ftruncate", "fsync", "fdatasync", "sync", "syncfs",
	                                  "sync_file_range", "sendfile", "copy_file_range",
	                                  "splice", "tee", "getxattr", "lgetxattr", "fgetxattr",
	                                  "listxattr", "llistxattr", "flistxattr", NULL } },
	/* creating, renaming and removing files; their modes, owners, times, attributes */
	{ "file-changes", (const char *const[]){ "mkdir", "mkdirat", "rmdir", "unlink", "unlinkat",
	                                         "rename", "renameat", "renameat2", "link", "linkat",
	                                         "symlink", "symlinkat", "chmod", "fchmod",
	                                         "fchmodat", "fchmodat2", "chown", "fchown",
	                                         "lchown", "fchownat", "utime", "utimes",
	                                         "futimesat", "utimensat", "setxattr",
	                                         "lsetxattr", "fsetxattr", "removexattr",
	                                         "lremovexattr", "fremovexattr", NULL } },
	/* waiting for descriptors, timers and file changes; clocks (read only) and sleeps */
	{ "events-and-time", (const char *const[]){ "poll", "ppoll", "select", "pselect6",
	                                            "epoll_create", "epoll_create1", "epoll_ctl",
	                                            "epoll_wait", "epoll_pwait", "epoll_pwait2",
	                                            "eventfd", "eventfd2", "signalfd", "signalfd4",
	                                            "timerfd_create", "timerfd_settime",
	                                            "timerfd_gettime", "inotify_init",
	                                            "inotify_init1", "inotify_add_watch",
	                                            "inotify_rm_watch", "clock_gettime",
	                                            "clock_getres", "clock_nanosleep", "nanosleep",
	                                            "gettimeofday", "time", "times", "alarm",
	                                            "getitimer", "setitimer", "timer_create",
	                                            "timer_settime", "timer_gettime",
	                                            "timer_getoverrun", "timer_delete", NULL } },
	/* threads: futexes and the scheduler (priorities can only be lowered without a capability) */
	{ "threads", (const char *const[]){ "futex", "futex_waitv", "gettid", "sched_yield",
	                                    "sched_getaffinity", "sched_setaffinity",
	                                    "sched_getparam", "sched_getscheduler",
	                                    "sched_get_priority_max", "sched_get_priority_min",
	                                    "sched_rr_get_interval", "sched_getattr", "getpriority",
	                                    "setpriority", "getcpu", NULL } },
	/*
	 * processes and signals: clone only without namespace flags and clone3
	 * ENOSYS (namespace_rules), personality only the default or the query
	 * (load_argument_filter)
	 */
	{ "processes", (const char *const[]){ "clone", "fork", "vfork", "execve", "execveat", "exit",
	                                      "exit_group", "wait4", "waitid", "kill", "tgkill",
	                                      "tkill", "pidfd_open", "pidfd_send_signal",
	                                      "rt_sigaction", "rt_sigprocmask", "rt_sigreturn",
	                                      "rt_sigpending", "rt_sigtimedwait", "rt_sigsuspend",
	                                      "rt_sigqueueinfo", "rt_tgsigqueueinfo", "sigaltstack",
	                                      "pause", "restart_syscall", "prctl", "personality",
	                                      "getpid", "getppid", "getpgid", "setpgid", "getpgrp",
	                                      "getsid", "setsid", "getrusage", NULL } },
	/* who am I and where: ids, capabilities and system information, read only */
	{ "identity", (const char *const[]){ "getuid", "geteuid", "getgid", "getegid", "getresuid",
	                                     "getresgid", "getgroups", "capget", "uname", "sysinfo",
	                                     NULL } },
	/* sockets of every family (Landlock restricts TCP ports) */
	{ "sockets", (const char *const[]){ "socket", "socketpair", "bind", "listen", "accept",
	                                    "accept4", "connect", "getsockname", "getpeername",
	                                    "sendto", "recvfrom", "sendmsg", "recvmsg", "sendmmsg",
	                                    "recvmmsg", "shutdown", "setsockopt", "getsockopt",
	                                    NULL } },
	/*
	 * the same calls under their 32-bit names (i386, arm; 64-bit time
	 * variants, which glibc tries first), for an ABI that seccomp-abi
	 * allows; none is a call of x86_64 or aarch64 but set_thread_area and
	 * get_thread_area (x86_64 has them, harmless and unused). Not socketcall:
	 * rule_add lets each socket call above through it by its first argument.
	 */
	{ "32-bit", (const char *const[]){ "mmap2", "_llseek", "fstat64", "stat64", "lstat64",
	                                   "fstatat64", "fcntl64", "statfs64", "fstatfs64",
	                                   "truncate64", "ftruncate64", "sendfile64",
	                                   "fadvise64_64", "arm_fadvise64_64", "getuid32",
	                                   "geteuid32", "getgid32", "getegid32", "getresuid32",
	                                   "getresgid32", "getgroups32", "chown32", "fchown32",
	                                   "lchown32", "ugetrlimit", "set_thread_area",
	                                   "get_thread_area", "set_tls", "cacheflush", "sigreturn",
	                                   "waitpid", "_newselect", "send", "recv",
	                                   "clock_gettime64", "clock_getres_time64",
	                                   "clock_nanosleep_time64", "futex_time64",
	                                   "ppoll_time64", "pselect6_time64", "utimensat_time64",
	                                   "recvmmsg_time64", "rt_sigtimedwait_time64",
	                                   "timer_settime64", "timer_gettime64",
	                                   "timerfd_settime64", "timerfd_gettime64",
	                                   "sched_rr_get_interval_time64", NULL } },
};
const size_t seccomp_strict_classes_len =
	sizeof(seccomp_strict_classes) / sizeof(seccomp_strict_classes[0]);

bool seccomp_parse_mode(const char *value, int *out, char *why, size_t why_size)
{
	static const struct {
		const char *name;
		int mode;
	} modes[] = {
		{ "default", SECCOMP_MODE_DEFAULT },
		{ "strict", SECCOMP_MODE_ALLOWLIST },
		{ "none", SECCOMP_MODE_NONE },
	};
	for (size_t i = 0; i < sizeof(modes) / sizeof(modes[0]); i++)
		if (strcmp(value, modes[i].name) == 0)
			return *out = modes[i].mode, true;
	return snprintf(why, why_size, "expected default, strict or none"), false;
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

/*
 * The other ABIs a 64-bit kernel runs beside its own, which seccomp-abi
 * can allow; the calls of any ABI not allowed fail with EPERM (kill with the
 * kill or log action). An x32
 * call reaches seccomp with x86_64's arch value and bit 30 set in its
 * number (__X32_SYSCALL_BIT); libseccomp tells the two apart once
 * SCMP_ARCH_X32 is added, and without it treats numbers with that bit as
 * the bad-architecture case.
 */
static const struct {
	const char *name;
	uint32_t native; /* the architecture it runs beside (SCMP_ARCH_*) */
	uint32_t token;  /* its SCMP_ARCH_* */
	uint32_t audit;  /* seccomp_data.arch of its calls */
} abi_table[] = {
	{ "i386", SCMP_ARCH_X86_64, SCMP_ARCH_X86, AUDIT_ARCH_I386 },
	{ "x32", SCMP_ARCH_X86_64, SCMP_ARCH_X32, AUDIT_ARCH_X86_64 },
	{ "arm", SCMP_ARCH_AARCH64, SCMP_ARCH_ARM, AUDIT_ARCH_ARM },
};

enum { ABI_COUNT = sizeof(abi_table) / sizeof(abi_table[0]) };

bool seccomp_parse_abi(const char *name, int *bit, char *why, size_t why_size)
{
	char buf[ESCAPED_MAX], here[64] = "";
	bool elsewhere = false;
	for (size_t i = 0; i < ABI_COUNT; i++) {
		bool native = abi_table[i].native == seccomp_arch_native();
		if (native && strcmp(name, abi_table[i].name) == 0)
			return *bit = 1 << i, true;
		elsewhere = elsewhere || strcmp(name, abi_table[i].name) == 0;
		if (native)
			snprintf(here + strlen(here), sizeof(here) - strlen(here), "%s%s",
			         here[0] ? ", " : "", abi_table[i].name);
	}
	return snprintf(why, why_size, "%s ABI '%s' (this architecture also runs: %s)",
	                elsewhere ? "another architecture's" : "unknown",
	                escape_str(buf, sizeof(buf), name), here[0] ? here : "nothing else"), false;
}

/* The @group NAME, of the default profile or optional; NULL if there is none. */
static const struct seccomp_group *group_find(const char *name)
{
	for (size_t i = 0; i < seccomp_deny_groups_len; i++)
		if (strcmp(seccomp_deny_groups[i].name, name) == 0)
			return &seccomp_deny_groups[i];
	for (size_t i = 0; i < seccomp_optional_groups_len; i++)
		if (strcmp(seccomp_optional_groups[i].name, name) == 0)
			return &seccomp_optional_groups[i];
	return NULL;
}

/*
 * Calls newer than the libseccomp hardexec is built with (Debian 12's 2.5.4
 * knows none of these), by number: the same on x86_64, i386, aarch64 and
 * arm (one numbering for new calls since Linux 5.1). Filtered in the
 * native ABI's part only: libseccomp would not translate the number.
 */
static const struct newer_call {
	const char *name;
	int nr;
} newer_calls[] = {
	{ "setxattrat", 463 },     /* Linux 6.13 */
	{ "removexattrat", 466 },
	{ "open_tree_attr", 467 }, /* 6.15: open_tree that also changes the copy's mount flags */
	{ "file_getattr", 468 },   /* 6.17: reads a file's xflags */
	{ "file_setattr", 469 },   /* 6.17: sets them (immutable, append-only, project id) */
};

static const struct newer_call *newer_call_find(const char *name)
{
	for (size_t i = 0; i < sizeof(newer_calls) / sizeof(newer_calls[0]); i++)
		if (strcmp(newer_calls[i].name, name) == 0)
			return &newer_calls[i];
	return NULL;
}

/* One word: a @group or a system call this architecture's libseccomp knows (or newer_calls). */
static bool name_valid(const char *w)
{
	if (w[0] == '@')
		return group_find(w) != NULL;
	return seccomp_syscall_resolve_name(w) != __NR_SCMP_ERROR || newer_call_find(w) != NULL;
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

typedef bool call_fn(const char *call, const void *arg);

/* FN for every call of a table; stops early when FN returns true (and returns true). */
static bool each_table_call(const struct seccomp_group *t, size_t len, call_fn *fn,
                            const void *arg)
{
	for (size_t g = 0; g < len; g++)
		for (const char *const *c = t[g].calls; *c != NULL; c++)
			if (fn(*c, arg))
				return true;
	return false;
}

/* FN for every call LIST names, directly or through a @group; stops like each_table_call. */
static bool each_listed_call(const char *list, call_fn *fn, const void *arg)
{
	if (list == NULL)
		return false;
	char *copy = strdup(list);
	if (copy == NULL)
		die(EXIT_CONFINE, "seccomp: out of memory");
	bool stop = false;
	for (char *save = NULL, *w = strtok_r(copy, " \t,", &save); !stop && w != NULL;
	     w = strtok_r(NULL, " \t,", &save)) {
		const struct seccomp_group *g = w[0] == '@' ? group_find(w) : NULL;
		stop = g != NULL ? each_table_call(g, 1, fn, arg) : fn(w, arg);
	}
	free(copy);
	return stop;
}

static bool same_call(const char *call, const void *name)
{
	return strcmp(call, name) == 0;
}

/* Is CALL named in LIST (directly or through a @group)? */
static bool listed(const char *list, const char *call)
{
	return each_listed_call(list, same_call, call);
}

/* The part of a filter for one ABI being built, and what it is built from. */
struct rules {
	scmp_filter_ctx ctx;
	uint32_t arch;   /* SCMP_ARCH_* of the ABI */
	uint32_t action; /* of a denied call */
	const struct seccomp_spec *spec;
};

/*
 * libseccomp's numbers for a name on one ABI: 0 and up, the call's own;
 * -101 to -299, a socket or System V IPC call that i386 also reaches
 * through the socketcall or ipc multiplexer (libseccomp then writes rules
 * for both ways in); -10000 and below, or -1, not a call of that ABI.
 */
enum { PNR_SOCKET_FIRST = -120, PNR_SOCKET_LAST = -101, PNR_IPC_FIRST = -299,
       PNR_IPC_LAST = -201, PNR_NOT_HERE = -10000 };

static void rule_add(const struct rules *r, uint32_t action, const char *call)
{
	int nr = seccomp_syscall_resolve_name(call);
	const struct newer_call *newer = nr == __NR_SCMP_ERROR ? newer_call_find(call) : NULL;
	if (newer != NULL) {
		int rc = r->arch != seccomp_arch_native() ? 0
		         : seccomp_rule_add(r->ctx, action, newer->nr, 0);
		if (rc != 0 && rc != -EEXIST)
			die(EXIT_CONFINE, "seccomp (%s): rule for %s: %s", r->spec->source, call,
			    strerror(-rc));
		return;
	}
	int here = seccomp_syscall_resolve_name_arch(r->arch, call);
	/*
	 * Not a call of this ABI (vm86 and mmap2 are not x86_64's): no rule,
	 * else libseccomp adds a comparison with its own number that never matches.
	 */
	if (nr == __NR_SCMP_ERROR || here == __NR_SCMP_ERROR || here <= PNR_NOT_HERE ||
	    (here < 0 && !(here >= PNR_SOCKET_FIRST && here <= PNR_SOCKET_LAST) &&
	     !(here >= PNR_IPC_FIRST && here <= PNR_IPC_LAST)))
		return;
	int rc = seccomp_rule_add(r->ctx, action, nr, 0);
	if (rc != 0 && rc != -EEXIST)
		die(EXIT_CONFINE, "seccomp (%s): rule for %s: %s", r->spec->source, call, strerror(-rc));
	/*
	 * libseccomp matches ipc's first argument exactly, but the kernel reads
	 * only its low 16 bits (the rest is a version): ipc(SHMGET | 1 << 16)
	 * would pass a rule for shmget. So denying one IPC call denies the
	 * whole multiplexer; the direct calls keep their own rules.
	 */
	if (here >= PNR_IPC_FIRST && here <= PNR_IPC_LAST && action != SCMP_ACT_ALLOW)
		rule_add(r, action, "ipc");
}

/* Default profile: deny CALL unless seccomp-allow takes it out. */
static bool deny_unless_allowed(const char *call, const void *arg)
{
	const struct rules *r = arg;
	if (!listed(r->spec->allow, call))
		rule_add(r, r->action, call);
	return false;
}

/* Strict: allow CALL; clone and clone3 have rules of their own (namespace_rules). */
static bool allow_call(const char *call, const void *arg)
{
	if (strcmp(call, "clone") != 0 && strcmp(call, "clone3") != 0)
		rule_add(arg, SCMP_ACT_ALLOW, call);
	return false;
}

/* Strict: allow CALL of the classes unless seccomp-deny takes it out. */
static bool allow_unless_denied(const char *call, const void *arg)
{
	const struct rules *r = arg;
	return listed(r->spec->deny, call) ? false : allow_call(call, arg);
}

/*
 * clone with a namespace flag creates a namespace like unshare(2);
 * clone3 passes its flags in memory, which seccomp cannot read, so it
 * returns ENOSYS and libc falls back to clone, which we can filter. The
 * default profile denies clone with any of the flags (one rule a flag:
 * libseccomp has no "masked value differs"); strict allows clone only
 * when none is set. Allowing unshare allows namespaces: clone passes as
 * it is, and clone3 too unless either is denied (clone3_open).
 */
static bool namespaces_allowed(const struct seccomp_spec *s)
{
	return listed(s->allow, "unshare");
}

/* Named in seccomp-deny and not in seccomp-allow (a name in both is allowed). */
static bool denied_by_list(const struct seccomp_spec *s, const char *call)
{
	return listed(s->deny, call) && !listed(s->allow, call);
}

/*
 * clone3 is let through as it is only when clone would be: namespaces
 * allowed and neither clone nor clone3 denied. Otherwise it returns ENOSYS
 * (libc falls back to clone, whose flags the filter reads), or is denied
 * when seccomp-deny names it.
 */
static bool clone3_open(const struct seccomp_spec *s)
{
	return namespaces_allowed(s) && !denied_by_list(s, "clone") && !denied_by_list(s, "clone3");
}

/* personality's argument is checked unless seccomp-allow names it. */
static bool personality_checked(const struct seccomp_spec *s)
{
	return !listed(s->allow, "personality");
}

static void namespace_rules(const struct rules *r, bool strict)
{
	static const unsigned long flags[] = { CLONE_NEWNS, CLONE_NEWUTS, CLONE_NEWIPC, CLONE_NEWUSER,
	                                       CLONE_NEWPID, CLONE_NEWNET, CLONE_NEWCGROUP,
	                                       0x00000080 /* CLONE_NEWTIME */ };
	const struct seccomp_spec *s = r->spec;
	bool namespaces = namespaces_allowed(s);
	bool clone_allowed = !strict || !denied_by_list(s, "clone");
	unsigned long all = 0;
	int rc = 0;
	for (size_t i = 0; i < sizeof(flags) / sizeof(flags[0]); i++) {
		all |= flags[i];
		if (!strict && !namespaces && rc == 0)
			rc = seccomp_rule_add(r->ctx, r->action, SCMP_SYS(clone), 1,
			                      SCMP_A0(SCMP_CMP_MASKED_EQ, flags[i], flags[i]));
	}
	if (strict && clone_allowed && rc == 0)
		rc = namespaces ? seccomp_rule_add(r->ctx, SCMP_ACT_ALLOW, SCMP_SYS(clone), 0)
		                : seccomp_rule_add(r->ctx, SCMP_ACT_ALLOW, SCMP_SYS(clone), 1,
		                                   SCMP_A0(SCMP_CMP_MASKED_EQ, all, 0));
	if (rc != 0)
		die(EXIT_CONFINE, "seccomp (%s): clone rule: %s", s->source, strerror(-rc));
	/* (the default profile's deny list already added a denied clone or clone3; strict's
	 * default action denies what is not allowed) */
	if (clone3_open(s) && strict)
		rc = seccomp_rule_add(r->ctx, SCMP_ACT_ALLOW, SCMP_SYS(clone3), 0);
	else if (!clone3_open(s) && !denied_by_list(s, "clone3"))
		rc = seccomp_rule_add(r->ctx, SCMP_ACT_ERRNO(ENOSYS), SCMP_SYS(clone3), 0);
	if (rc != 0)
		die(EXIT_CONFINE, "seccomp (%s): clone3 rule: %s", s->source, strerror(-rc));
}

/*
 * The argument checks, hand-written and put in front of the main program
 * so that the kernel attaches one filter (a second one, even of one
 * instruction, cost a launch about 15 us more in a microbenchmark here):
 *
 * personality(2): allow 0 (the default, PER_LINUX) and 0xffffffff (the
 * query); deny every other value, which could turn off ASLR or make reads
 * imply exec. libseccomp allows one comparison per argument and rule, so it
 * needs 62 masked comparisons for this, 40% of the default filter and of
 * the time the kernel spends attaching it; here it takes a few
 * instructions. Skipped when seccomp-allow names personality.
 *
 * ioctl(2) TIOCSTI and TIOCLINUX: deny. TIOCSTI pushes bytes into the input
 * of the terminal the target shares with its caller (the caller's shell
 * then runs them), and TIOCLINUX can paste a console selection; no
 * ordinary program needs either. Always, in every profile.
 *
 * Each allowed ABI has its own call numbers (personality is 136 on i386,
 * 0x40000087 on x32); calls of ABIs not allowed are the main program's to
 * refuse. The kernel reads both arguments as unsigned ints: only the low
 * 32 bits count. A call the checks let through goes on to the main
 * program, which may still deny it (seccomp-deny ioctl).
 */
enum arg_check { CHECK_PERSONALITY, CHECK_IOCTL };

enum { ARG_CHECKS_MAX = 4 * 2 * (1 + ABI_COUNT) + 11 };

/*
 * Write the argument checks into INSNS (room for ARG_CHECKS_MAX); their
 * length. Every way out but a deny jumps to the instruction just after
 * them, where the main program starts.
 */
static size_t argument_checks(struct sock_filter *insns, uint32_t action, int abis,
                              bool personality, const char *source)
{
	enum {
		ARG0_LO = offsetof(struct seccomp_data, args[0]) +
		          (__BYTE_ORDER__ == __ORDER_BIG_ENDIAN__ ? 4 : 0),
		ARG1_LO = offsetof(struct seccomp_data, args[1]) +
		          (__BYTE_ORDER__ == __ORDER_BIG_ENDIAN__ ? 4 : 0),
		ARCH = offsetof(struct seccomp_data, arch),
		NR = offsetof(struct seccomp_data, nr),
		MAX_CALLS = 2 * (1 + ABI_COUNT),
	};
	struct {
		uint32_t arch, nr;
		enum arg_check check;
	} calls[MAX_CALLS];
	size_t n = 0;
	for (size_t i = 0; i <= ABI_COUNT; i++) {
		bool native = i == ABI_COUNT;
		if (!native && (abis <= 0 || (abis & (1 << i)) == 0))
			continue;
		uint32_t token = native ? seccomp_arch_native() : abi_table[i].token;
		uint32_t audit = native ? seccomp_arch_native() : abi_table[i].audit;
		static const char *const names[] = { [CHECK_PERSONALITY] = "personality",
		                                     [CHECK_IOCTL] = "ioctl" };
		for (int c = personality ? CHECK_PERSONALITY : CHECK_IOCTL; c <= CHECK_IOCTL; c++) {
			int nr = seccomp_syscall_resolve_name_arch(token, names[c]);
			if (nr < 0)
				die(EXIT_CONFINE, "seccomp (%s): no %s call known for %s", source,
				    names[c], native ? "this architecture" : abi_table[i].name);
			calls[n].arch = audit;
			calls[n].nr = (uint32_t)nr;
			calls[n++].check = (enum arg_check)c;
		}
	}
	/*
	 * When a filter is attached the kernel runs it over every call number
	 * of every ABI, to learn which calls it always allows (its cache):
	 * each step on the common path costs a launch some 6 us here (bench/),
	 * so a call that is none of these leaves after a few steps:
	 *
	 *   ld nr; jeq NR1 -> block 1; jeq NR2 -> block 2; ...; ja main
	 *   block: ld arch; jeq ARCH -> its check (per call with NR); ja main
	 *   checks: personality, ioctl, the deny, then "ja 0" into main
	 */
	uint32_t nrs[MAX_CALLS];
	size_t distinct = 0;
	for (size_t i = 0; i < n; i++) {
		size_t j = 0;
		while (j < distinct && nrs[j] != calls[i].nr)
			j++;
		if (j == distinct)
			nrs[distinct++] = calls[i].nr;
	}
	size_t block_at[MAX_CALLS], at = distinct + 2;
	for (size_t j = 0; j < distinct; j++) {
		block_at[j] = at;
		at += 2;
		for (size_t i = 0; i < n; i++)
			at += calls[i].nr == nrs[j];
	}
	const size_t personality_at = at, ioctl_at = at + 4, main_at = at + 9;
	_Static_assert(ARG_CHECKS_MAX <= 256, "every jump fits in the 8 bits of jt");
#define JUMP_TO(from, to) ((uint8_t)((to) - (from) - 1))
	size_t len = 0;
	insns[len++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, NR);
	for (size_t j = 0; j < distinct; j++, len++)
		insns[len] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, nrs[j],
		                                          JUMP_TO(len, block_at[j]), 0);
	insns[len] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JA, JUMP_TO(len, main_at), 0, 0);
	len++;
	for (size_t j = 0; j < distinct; j++) {
		insns[len++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, ARCH);
		for (size_t i = 0; i < n; i++) {
			if (calls[i].nr != nrs[j])
				continue;
			size_t check = calls[i].check == CHECK_IOCTL ? ioctl_at : personality_at;
			insns[len] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K,
			                                          calls[i].arch, JUMP_TO(len, check), 0);
			len++;
		}
		insns[len] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JA, JUMP_TO(len, main_at), 0, 0);
		len++;
	}
#undef JUMP_TO
	const struct sock_filter checks[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, ARG0_LO),           /* personality */
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0, 6, 0),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0xffffffffu, 5, 0),
		BPF_JUMP(BPF_JMP | BPF_JA, 3, 0, 0),                   /* to the deny */
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, ARG1_LO),           /* ioctl */
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, TIOCSTI, 1, 0),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, TIOCLINUX, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, action),                     /* deny */
		BPF_JUMP(BPF_JMP | BPF_JA, 0, 0, 0),                   /* on to the main program */
	};
	_Static_assert(sizeof(checks) / sizeof(checks[0]) == 9, "main_at counts 9 more");
	if (len != personality_at)
		die(EXIT_CONFINE, "seccomp (%s): argument checks laid out wrong", source);
	memcpy(insns + len, checks, sizeof(checks));
	return len + sizeof(checks) / sizeof(checks[0]);
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

void seccomp_join_checks(const struct sock_filter *main, size_t len,
                         const struct seccomp_spec *s, struct seccomp_plan *plan)
{
	struct sock_filter *insns = malloc((ARG_CHECKS_MAX + len) * sizeof(*insns));
	if (insns == NULL)
		die(EXIT_CONFINE, "seccomp: out of memory");
	size_t n = argument_checks(insns, action_value(s->action), s->abis,
	                           personality_checked(s), s->source);
	if (n + len > BPF_MAXINSNS)
		die(EXIT_CONFINE, "seccomp (%s): the filter would have %zu instructions, more than "
		    "the kernel takes (%d)", s->source, n + len, BPF_MAXINSNS);
	memcpy(insns + n, main, len * sizeof(*insns));
	plan->insns = insns;
	plan->len = n + len;
}

/* The BPF program libseccomp made of CTX, and its length in instructions (*LEN). */
static struct sock_filter *export_program(scmp_filter_ctx ctx, size_t *len, const char *source)
{
	int fd = memfd_create("hardexec-seccomp", MFD_CLOEXEC);
	if (fd < 0)
		die(EXIT_CONFINE, "seccomp (%s): memfd_create: %s", source, strerror(errno));
	int rc = seccomp_export_bpf(ctx, fd);
	if (rc != 0)
		die(EXIT_CONFINE, "seccomp (%s): exporting the filter: %s", source, strerror(-rc));
	off_t size = lseek(fd, 0, SEEK_END);
	if (size <= 0 || size % (off_t)sizeof(struct sock_filter) != 0 ||
	    size > (off_t)(BPF_MAXINSNS * sizeof(struct sock_filter)))
		die(EXIT_CONFINE, "seccomp (%s): the exported filter has %lld bytes, not a whole "
		    "program of at most %d instructions", source, (long long)size, BPF_MAXINSNS);
	struct sock_filter *insns = malloc((size_t)size);
	if (insns == NULL)
		die(EXIT_CONFINE, "seccomp: out of memory");
	ssize_t got = pread(fd, insns, (size_t)size, 0);
	if (got != (ssize_t)size)
		die(EXIT_CONFINE, "seccomp (%s): reading the exported filter: %s", source,
		    got < 0 ? strerror(errno) : "short read");
	close(fd);
	*len = (size_t)size / sizeof(struct sock_filter);
	return insns;
}

/*
 * An empty filter for the ABI ARCH. Every ABI's part is built on its own
 * and merged (seccomp_merge needs the same attributes in each), so that
 * each part holds only its own ABI's calls.
 */
static scmp_filter_ctx part_new(uint32_t default_action, uint32_t badarch, uint32_t arch)
{
	scmp_filter_ctx ctx = seccomp_init(default_action);
	if (ctx == NULL)
		die(EXIT_CONFINE, "seccomp: seccomp_init failed");
	/* ABIs seccomp-abi does not name are not in the filter: see foreign_action(). */
	int rc = seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH, badarch);
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
	if (arch != seccomp_arch_native()) {
		rc = seccomp_arch_add(ctx, arch);
		if (rc == 0)
			rc = seccomp_arch_remove(ctx, SCMP_ARCH_NATIVE);
		if (rc != 0)
			die(EXIT_CONFINE, "seccomp: filter for another ABI: %s", strerror(-rc));
	}
	return ctx;
}

/* The rules of R's ABI: the default profile's denials, or strict's allowlist. */
static void rules_add(const struct rules *r, bool strict)
{
	const struct seccomp_spec *spec = r->spec;
	if (strict) {
		each_table_call(seccomp_strict_classes, seccomp_strict_classes_len,
		                allow_unless_denied, r);
		each_listed_call(spec->allow, allow_call, r);
	} else {
		each_table_call(seccomp_deny_groups, seccomp_deny_groups_len, deny_unless_allowed, r);
		each_listed_call(spec->deny, deny_unless_allowed, r);
	}
	namespace_rules(r, strict);
}

/*
 * A call of an ABI not allowed fails like a denied call (EPERM), or kills
 * with the kill action. Not with log: that action allows, and the filter
 * has no rule at all for such an ABI.
 */
static uint32_t foreign_action(int action)
{
	return action == SECCOMP_ACTION_KILL || action == SECCOMP_ACTION_LOG
		? SCMP_ACT_KILL_PROCESS : SCMP_ACT_ERRNO(EPERM);
}

/* The main filter of SPEC, built by libseccomp, not loaded. */
static scmp_filter_ctx seccomp_build(const struct seccomp_spec *spec)
{
	bool strict = spec->mode == SECCOMP_MODE_ALLOWLIST;
	uint32_t action = action_value(spec->action), badarch = foreign_action(spec->action);
	uint32_t default_action = strict ? action : SCMP_ACT_ALLOW;
	struct rules r = { .arch = seccomp_arch_native(), .action = action, .spec = spec };
	scmp_filter_ctx all = r.ctx = part_new(default_action, badarch, r.arch);
	rules_add(&r, strict);
	for (size_t i = 0; i < ABI_COUNT; i++) {
		if (spec->abis <= 0 || (spec->abis & (1 << i)) == 0)
			continue;
		r.arch = abi_table[i].token;
		r.ctx = part_new(default_action, badarch, r.arch);
		rules_add(&r, strict);
		int rc = seccomp_merge(all, r.ctx);
		if (rc != 0)
			die(EXIT_CONFINE, "seccomp (%s): adding the %s ABI: %s", spec->source,
			    abi_table[i].name, strerror(-rc));
	}
	return all;
}

struct sock_filter *seccomp_main_program(const struct seccomp_spec *spec, size_t *len)
{
	scmp_filter_ctx ctx = seccomp_build(spec);
	struct sock_filter *insns = export_program(ctx, len, spec->source);
	seccomp_release(ctx);
	return insns;
}

#ifndef HARDEXEC_SECCOMP_GEN
/*
 * The default and strict profiles as they are (nothing added, taken out or
 * another ABI) are the common cases, and libseccomp takes longer to build
 * them than the rest of a launch (bench/: 1.3 ms for strict). So the build
 * runs tools/seccomp_gen, which exports these very filters, for each
 * action, as BPF into seccomp_prebuilt.c, and a launch only loads that
 * program. tests/test_seccomp_filter.c checks that they equal what
 * libseccomp builds now.
 */
const struct seccomp_prebuilt *seccomp_prebuilt_find(const struct seccomp_spec *spec)
{
	int action = spec->action < 0 ? SECCOMP_ACTION_ERRNO : spec->action;
	if (spec->deny != NULL || spec->allow != NULL || spec->abis > 0)
		return NULL;
	for (size_t i = 0; i < seccomp_prebuilt_count; i++)
		if (seccomp_prebuilt_progs[i].mode == spec->mode &&
		    seccomp_prebuilt_progs[i].action == action)
			return &seccomp_prebuilt_progs[i];
	return NULL;
}
#endif

void seccomp_plan_prepare(const struct seccomp_spec *spec, struct seccomp_plan *plan)
{
	memset(plan, 0, sizeof(*plan));
	struct seccomp_spec s = *spec;
	if (s.mode == SECCOMP_MODE_UNSET)
		s.mode = SECCOMP_MODE_DEFAULT;
	if (s.source == NULL)
		s.source = "default";
	if (s.abis < 0)
		s.abis = 0;
	if (s.mode == SECCOMP_MODE_NONE) {
		if (s.deny != NULL || s.allow != NULL || s.abis != 0 || s.action >= 0)
			die(EXIT_CONFINE, "seccomp (%s): seccomp-deny, seccomp-allow, seccomp-abi and "
			    "seccomp-action need a filter, but seccomp = none", s.source);
		return;
	}
	const struct seccomp_prebuilt *prebuilt = NULL;
#ifndef HARDEXEC_SECCOMP_GEN
	prebuilt = seccomp_prebuilt_find(&s);
#endif
	plan->spec = s;
	if (prebuilt != NULL) {
		/* whole: its argument checks are the ones this spec would add */
		plan->insns = malloc(prebuilt->len * sizeof(*prebuilt->insns));
		if (plan->insns == NULL)
			die(EXIT_CONFINE, "seccomp: out of memory");
		memcpy(plan->insns, prebuilt->insns, prebuilt->len * sizeof(*prebuilt->insns));
		plan->len = prebuilt->len;
	} else {
		size_t len;
		struct sock_filter *insns = seccomp_main_program(&s, &len);
		seccomp_join_checks(insns, len, &s, plan);
		free(insns);
	}
}

void seccomp_plan_load(struct seccomp_plan *plan)
{
	if (plan->insns == NULL)
		return;
	const struct seccomp_spec *s = &plan->spec;
	struct sock_fprog prog = { .len = (unsigned short)plan->len, .filter = plan->insns };
	if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog) != 0)
		die(EXIT_CONFINE, "seccomp (%s): loading the filter: %s", s->source, strerror(errno));
	free(plan->insns);
	plan->insns = NULL;
	/* Read back, unless the filter itself now denies prctl (then the load's 0 is the answer). */
	if (!listed(s->deny, "prctl") && prctl(PR_GET_SECCOMP, 0, 0, 0, 0) != 2)
		die(EXIT_CONFINE, "seccomp: PR_GET_SECCOMP does not report a filter");
}

void seccomp_describe_arguments(const struct seccomp_spec *s, char *buf, size_t size)
{
	const char *clone = denied_by_list(s, "clone") ? "clone denied"
		: namespaces_allowed(s) ? "clone allowed with namespace flags (seccomp-allow unshare)"
		: "clone with namespace flags denied";
	const char *clone3 = clone3_open(s) ? "clone3 allowed"
		: denied_by_list(s, "clone3") ? "clone3 denied" : "clone3 ENOSYS";
	snprintf(buf, size, "%s, %s, ioctl TIOCSTI and TIOCLINUX denied, %s", clone, clone3,
	         personality_checked(s) ? "personality other than the default denied"
	                                : "personality allowed with any argument (seccomp-allow)");
}

void seccomp_describe_abis(int abis)
{
	fputs("[\"native\"", stdout);
	for (size_t i = 0; i < ABI_COUNT; i++)
		if (abis > 0 && (abis & (1 << i)))
			printf(", \"%s\"", abi_table[i].name);
	fputs("]", stdout);
}

#else /* !HAVE_SECCOMP */

bool seccomp_names_valid(const char *names, char *why, size_t why_size)
{
	(void)names;
	return snprintf(why, why_size, "built without libseccomp"), false;
}

bool seccomp_parse_abi(const char *name, int *bit, char *why, size_t why_size)
{
	(void)name;
	(void)bit;
	return snprintf(why, why_size, "built without libseccomp"), false;
}

/* Built with -Dseccomp=disabled: only seccomp = none can be honoured; --version says so. */
void seccomp_plan_prepare(const struct seccomp_spec *spec, struct seccomp_plan *plan)
{
	memset(plan, 0, sizeof(*plan));
	if (spec->mode != SECCOMP_MODE_NONE)
		die(EXIT_CONFINE, "seccomp (%s): built without libseccomp; say seccomp = none to run "
		    "without a filter", spec->source != NULL ? spec->source : "default");
}

void seccomp_plan_load(struct seccomp_plan *plan)
{
	(void)plan;
}

void seccomp_describe_arguments(const struct seccomp_spec *s, char *buf, size_t size)
{
	(void)s;
	snprintf(buf, size, "no argument checks (built without libseccomp)");
}

void seccomp_describe_abis(int abis)
{
	(void)abis;
	fputs("[\"native\"]", stdout);
}

#endif

void seccomp_describe_groups(const struct seccomp_group *groups, size_t len)
{
	fputs("[", stdout);
	for (size_t g = 0; g < len; g++) {
		printf("%s{\"group\": \"%s\", \"calls\": [", g ? ", " : "", groups[g].name);
		for (const char *const *c = groups[g].calls; *c != NULL; c++)
			printf("%s\"%s\"", c == groups[g].calls ? "" : ", ", *c);
		fputs("]}", stdout);
	}
	fputs("]", stdout);
}
