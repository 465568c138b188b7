/*
 * nodump: the target stays non-dumpable after execve.
 *
 * When hardexec may change its uids, the exec itself does it and none of
 * what follows runs (nodump_fsuid.c); this file is the other route.
 *
 * execve makes a process dumpable again (fs/exec.c, begin_new_exec), so
 * a same-uid process could ptrace the target or read /proc/PID/mem. To
 * keep exec in place (same PID), a helper traces hardexec across the
 * execve and makes the new program itself call prctl(PR_SET_DUMPABLE, 0)
 * before its first instruction (nodump_arch.c), then detaches and exits.
 *
 *   hardexec                          helper (grandchild, reparented)
 *   nodump_start: vfork-clone ->      spawner clones helper, exits
 *   rlimits, umask, chdir, bounding   PTRACE_SEIZE(hardexec) at once
 *   nodump_arm: reap the spawner      -> SEIZED, or ERROR(errno)
 *   [EPERM: PR_SET_PTRACER(helper) for Yama,
 *    dumpable 1, TRY, dumpable 0]       -> SEIZED or ERROR(errno)
 *   ... confinement ... execveat      exec stop -> syscall-exit stop,
 *                                     inject, detach, exit
 *
 * Why a grandchild: a child would stay the target's child (SIGCHLD and a
 * zombie it never asked for). The spawner shares hardexec's memory, the
 * helper has a copy of it (see struct helper_start). Why forked before
 * confinement: the helper must not carry the target's rlimits, seccomp
 * filter or Landlock domain; the first confinement steps, which do not
 * concern it, run while it seizes (nodump_arm waits after them, before
 * the identity change, so that an unprivileged helper and hardexec still
 * have one user).
 * PTRACE_O_EXITKILL: if the helper dies before it lets go, hardexec (or
 * the target, before its first instruction) dies with it.
 *
 * The window: an unprivileged helper may trace a non-dumpable hardexec
 * only while hardexec is dumpable, so hardexec opens that for one round
 * trip. Whoever else attached in it would hold the tracer slot: the seize
 * fails and hardexec exits 5.
 */
#include "nodump.h"
#include "nodump_arch.h"
#include "nodump_fsuid.h"
#include "report.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sched.h>
#include <sys/mman.h>
#include <sys/ptrace.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef PR_SET_PTRACER
#define PR_SET_PTRACER 0x59616d61
#endif

enum { MSG_TRY = 'T', MSG_SEIZED = 'S', MSG_ERROR = 'E', MSG_QUIT = 'Q', MSG_LET_GO = 'D' };

struct msg {
	int tag;
	int pid;    /* the helper's, in its answers */
	int err;    /* with MSG_ERROR: why PTRACE_SEIZE failed */
};

static const char *const modes[] = { "off", "best-effort", "required" };

/*
 * The helper runs on a stack AddressSanitizer does not know; its check
 * before each call that does not return would print a warning there
 * (sanitizer builds only).
 */
#define HELPER_CODE __attribute__((no_sanitize("address")))

static int control = -1;  /* hardexec's end of the socket while the helper holds it */

bool nodump_parse_mode(const char *value, int *out, char *why, size_t why_size)
{
	for (int i = 0; i < 3; i++)
		if (strcmp(value, modes[i]) == 0)
			return *out = i, true;
	return snprintf(why, why_size, "expected required, best-effort or off"), false;
}

const char *nodump_mode_name(int mode)
{
	return mode >= 0 && mode < 3 ? modes[mode] : "required";
}

const char *nodump_arch(void)
{
	return nodump_arch_name;
}

static bool send_msg(int fd, int tag, int err)
{
	struct msg m = { tag, (int)getpid(), err };
	ssize_t n;
	while ((n = send(fd, &m, sizeof(m), MSG_NOSIGNAL)) < 0 && errno == EINTR)
		;
	return n == (ssize_t)sizeof(m);
}

/* One message; false on end of file or error. FLAGS: 0 or MSG_DONTWAIT. */
static bool recv_msg(int fd, struct msg *m, int flags)
{
	ssize_t n;
	while ((n = recv(fd, m, sizeof(*m), flags)) < 0 && errno == EINTR)
		;
	return n == (ssize_t)sizeof(*m);
}

static pid_t wait_for(pid_t pid, int *status)
{
	pid_t got;
	while ((got = waitpid(pid, status, __WALL)) < 0 && errno == EINTR)
		;
	return got;
}

/* ---- the helper ----------------------------------------------------- */

__attribute__((format(printf, 1, 2)))
static void helper_say(const char *fmt, ...)
{
	char msg[400];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	dprintf(2, "hardexec: %s\n", msg);
}

/*
 * Out of the way: terminal and service-manager signals go to the target,
 * not to a helper whose death would kill it (EXITKILL); no descriptor
 * but the socket and stderr, so no pipe stays open because of it.
 */
static void helper_quiet(int ctl)
{
	static const int ignored[] = { SIGINT, SIGQUIT, SIGTSTP, SIGTTIN, SIGTTOU, SIGHUP,
	                               SIGTERM, SIGPIPE, SIGUSR1, SIGUSR2 };
	for (size_t i = 0; i < sizeof(ignored) / sizeof(ignored[0]); i++)
		signal(ignored[i], SIG_IGN);
	(void)setpgid(0, 0); /* not a job of the caller's terminal; harmless if refused */
	if (ctl > 3) /* (close_range cannot fail here; no errno to look at) */
		(void)close_range(3, (unsigned)ctl - 1, 0);
	(void)close_range((unsigned)ctl + 1, ~0u, 0);
	int null = open("/dev/null", O_RDWR | O_CLOEXEC);
	if (null >= 0) {
		(void)dup2(null, 0);
		(void)dup2(null, 1);
		if (null > 2 && null != ctl)
			close(null);
	}
}

/* The tracee stopped for a group-stop or a signal: keep it running as it would. */
static void pass_stop(pid_t pid, int status)
{
	if (status >> 16 == PTRACE_EVENT_STOP) {
		(void)ptrace(nodump_group_stop(status) ? PTRACE_LISTEN : PTRACE_CONT, pid, NULL, NULL);
		return;
	}
	(void)ptrace(PTRACE_CONT, pid, NULL, (void *)(long)WSTOPSIG(status));
}

/*
 * After the exec stop: on to execve's syscall-exit stop (see nodump_arch.c).
 * False when the program ended, or (WHY set) when ptrace itself refused.
 */
static bool to_syscall_exit(pid_t pid, char *why, size_t why_size)
{
	int deliver = 0, status;
	for (;;) {
		if (ptrace(PTRACE_SYSCALL, pid, NULL, (void *)(long)deliver) != 0) {
			if (errno != ESRCH) /* e.g. a seccomp filter on the caller denies it */
				snprintf(why, why_size, "ptrace(PTRACE_SYSCALL): %s", strerror(errno));
			return false;
		}
		if (wait_for(pid, &status) < 0 || !WIFSTOPPED(status))
			return false;
		if (WSTOPSIG(status) == (SIGTRAP | 0x80))
			return true;
		deliver = status >> 16 == 0 ? WSTOPSIG(status) : 0;
	}
}

HELPER_CODE static _Noreturn void helper_after_exec(pid_t pid, int mode)
{
	char why[256] = "";
	enum inject_result r = to_syscall_exit(pid, why, sizeof(why))
		? nodump_arch_inject(pid, why, sizeof(why))
		: why[0] != '\0' ? INJECT_BROKEN : INJECT_GONE;
	if (r == INJECT_GONE) {
		/* it ended (or was killed) before running anything */
		if (why[0] != '\0')
			helper_say("nodump: %s", why);
		_exit(0);
	}
	if (r == INJECT_BROKEN || (r == INJECT_FAILED && mode == NODUMP_REQUIRED)) {
		kill(pid, SIGKILL);
		helper_say("nodump: %s; the program was killed before its first instruction%s", why,
		           r == INJECT_BROKEN ? "" : " (nodump = required)");
		_exit(1);
	}
	if (r == INJECT_FAILED)
		helper_say("warning: nodump: %s; the program runs dumpable (nodump = best-effort)",
		           why);
	if (ptrace(PTRACE_DETACH, pid, NULL, NULL) != 0) {
		kill(pid, SIGKILL);
		helper_say("nodump: detaching: %s; the program was killed", strerror(errno));
		_exit(1);
	}
	_exit(0);
}

/*
 * hardexec's own cue to let go: a SIGSTOP it sent itself (raise: tgkill,
 * SI_TKILL with its PID, which no other process can put in a signal)
 * and a LET_GO waiting on the socket. Not the socket alone: a process of
 * the same user can take a copy of hardexec's end while the window is
 * open (pidfd_getfd) and queue a LET_GO, then stop hardexec itself.
 */
HELPER_CODE static bool asked_to_let_go(pid_t pid, int ctl, int status)
{
	siginfo_t si;
	if (WSTOPSIG(status) != SIGSTOP || status >> 16 != 0 ||
	    ptrace(PTRACE_GETSIGINFO, pid, NULL, &si) != 0 || si.si_code != SI_TKILL ||
	    si.si_pid != pid)
		return false;
	struct msg m;
	while (recv_msg(ctl, &m, MSG_DONTWAIT)) /* what else was queued is not hardexec's */
		if (m.tag == MSG_LET_GO)
			return true;
	return false;
}

/* Traced: wait for hardexec's execve, its exit, or its request to let go. */
HELPER_CODE static _Noreturn void helper_trace(pid_t pid, int ctl, int mode)
{
	int status;
	for (;;) {
		if (wait_for(pid, &status) < 0 || !WIFSTOPPED(status))
			_exit(0); /* hardexec ended without exec: nothing to protect */
		if (status >> 8 == (SIGTRAP | (PTRACE_EVENT_EXEC << 8)))
			helper_after_exec(pid, mode);
		if (asked_to_let_go(pid, ctl, status)) {
			/* hardexec is about to exit: detach, swallowing its SIGSTOP */
			(void)ptrace(PTRACE_DETACH, pid, NULL, NULL);
			_exit(0);
		}
		pass_stop(pid, status);
	}
}

/* Seize at once (enough when privileged), then again each time hardexec says TRY. */
HELPER_CODE static _Noreturn void helper_main(int ctl, pid_t target, int mode)
{
	struct msg m;
	do {
		if (ptrace(PTRACE_SEIZE, target, NULL,
		           (void *)(long)(PTRACE_O_TRACEEXEC | PTRACE_O_EXITKILL |
		                          PTRACE_O_TRACESYSGOOD)) == 0) {
			if (!send_msg(ctl, MSG_SEIZED, 0))
				_exit(1); /* EXITKILL ends hardexec: it would wait forever */
			helper_quiet(ctl); /* while hardexec goes on */
			helper_trace(target, ctl, mode);
		}
		if (!send_msg(ctl, MSG_ERROR, errno))
			_exit(1);
	} while (recv_msg(ctl, &m, 0) && m.tag == MSG_TRY);
	_exit(0);
}

/* ---- hardexec's side ------------------------------------------------ */

/* Before exit: the helper detaches (the SIGSTOP is its cue and it swallows it) and exits. */
static void let_go(void)
{
	if (control < 0)
		return;
	if (send_msg(control, MSG_LET_GO, 0))
		raise(SIGSTOP);
	close(control);
	control = -1;
}

/* The helper's answer to a seize: 0 or its errno (EPIPE: no answer). */
static int answer(int ctl, char *why, size_t why_size)
{
	struct msg m;
	if (!recv_msg(ctl, &m, 0))
		return snprintf(why, why_size, "the helper did not answer"), EPIPE;
	if (m.tag == MSG_SEIZED)
		return 0;
	snprintf(why, why_size, "the helper cannot trace hardexec: %s", strerror(m.err));
	return m.err != 0 ? m.err : EIO;
}

static int try_seize(int ctl, char *why, size_t why_size)
{
	if (!send_msg(ctl, MSG_TRY, 0))
		return snprintf(why, why_size, "the helper stopped answering"), EPIPE;
	return answer(ctl, why, why_size);
}

/*
 * ERR is the helper's first attempt. A privileged helper (CAP_SYS_PTRACE)
 * is through; otherwise the kernel wants hardexec dumpable, and Yama
 * (ptrace_scope 1), which lets only ancestors trace, an exception. The
 * exception alone is not tried first: the kernel checks dumpability before
 * Yama (__ptrace_may_access), and a helper that passes that check on a
 * non-dumpable hardexec has CAP_SYS_PTRACE, which Yama accepts too.
 *
 * No read-back of TracerPid: SEIZED is the helper's own PTRACE_SEIZE
 * succeeding, a process has one tracer, only the helper (non-dumpable:
 * its memory is a copy made before any window) holds the other end of the
 * socket, and it lets go only on hardexec's own cue (asked_to_let_go),
 * which a copy of hardexec's end taken in the window cannot fake. /proc
 * may be missing or show another PID namespace, where PIDs differ.
 */
static bool seize(int ctl, pid_t helper, int err, char *why, size_t why_size)
{
	if (err != EPERM)
		return err == 0; /* attached at once (privileged), or an error no window changes */
	if (prctl(PR_SET_PTRACER, (unsigned long)helper, 0, 0, 0) != 0 && errno != EINVAL)
		return snprintf(why, why_size, "prctl(PR_SET_PTRACER): %s", strerror(errno)), false;
	if (prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) == 0) {
		/* Every signal that can be blocked is, while hardexec is dumpable: one that
		 * dumps core then would hand its memory to a core_pattern socket, which ignores
		 * RLIMIT_CORE. Held back, it comes once hardexec is not dumpable again. */
		sigset_t all, old;
		if (sigfillset(&all) != 0 || sigprocmask(SIG_SETMASK, &all, &old) != 0)
			return snprintf(why, why_size, "sigprocmask: %s", strerror(errno)), false;
		if (prctl(PR_SET_DUMPABLE, 1, 0, 0, 0) != 0) {
			snprintf(why, why_size, "prctl(PR_SET_DUMPABLE, 1): %s", strerror(errno));
			if (sigprocmask(SIG_SETMASK, &old, NULL) != 0)
				die(EXIT_DUMPABLE, "nodump: sigprocmask: %s", strerror(errno));
			return false;
		}
		err = try_seize(ctl, why, why_size);
		if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0 || prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) != 0)
			die(EXIT_DUMPABLE, "nodump: prctl(PR_SET_DUMPABLE, 0) after the helper attached: "
			    "%s", strerror(errno));
		if (sigprocmask(SIG_SETMASK, &old, NULL) != 0)
			die(EXIT_DUMPABLE, "nodump: sigprocmask: %s", strerror(errno));
	}
	if (prctl(PR_SET_PTRACER, 0, 0, 0, 0) != 0 && errno != EINVAL)
		return snprintf(why, why_size, "prctl(PR_SET_PTRACER, 0): %s", strerror(errno)), false;
	if (err == EPERM) {
		long tracer = nodump_tracer_pid();
		if (tracer > 0)
			snprintf(why, why_size, "hardexec is already traced by PID %ld", tracer);
	}
	return err == 0;
}

/*
 * The spawner shares hardexec's memory (CLONE_VM: nothing copied for a
 * process that only clones and exits) and hardexec waits while it runs
 * (CLONE_VFORK): the helper's copy is taken with hardexec stopped in
 * clone, never in the middle of a malloc or of anything else that the
 * helper's libc calls would trip on (tried: a copy taken while hardexec
 * ran on crashed the helper's malloc), and errno, which the spawner shares,
 * is not written under hardexec. The copy is made while hardexec is still
 * non-dumpable. Why not share with the helper too:
 * - an address space that another process still uses when hardexec execs
 *   makes the kernel look for its new owner (mm_update_next_owner, with
 *   memory cgroups), among hardexec's children and siblings first, which
 *   the helper is not, then through every process on the machine: bench/
 *   measured nodump at 410 us, and 900 us with 2,000 more processes;
 *   the copy costs some 60 us (copy-on-write faults) whatever runs;
 * - a copy stays non-dumpable while hardexec opens its window (seize), so
 *   a descriptor opened on hardexec's memory then cannot reach the helper.
 * The helper runs on its own stack (in its copy of the region below).
 */
struct helper_start {
	int ctl, other;   /* the helper's end of the socket; hardexec's end */
	pid_t target;
	int mode;
	char *stack_top;  /* for the helper (the spawner uses the low half) */
};

enum { HELPER_STACK = 128 * 1024 };

HELPER_CODE static int helper_entry(void *arg)
{
	const struct helper_start a = *(const struct helper_start *)arg;
	close(a.other);
	helper_main(a.ctl, a.target, a.mode);
}

/* The short-lived middle process: start the helper and exit, so it is not hardexec's child. */
HELPER_CODE static int spawner_entry(void *arg)
{
	struct helper_start *a = arg;
	return clone(helper_entry, a->stack_top, SIGCHLD, a) < 0 ? 1 : 0;
}

/* A helper on its way: nodump_start started it, nodump_arm reads its first answer. */
static struct {
	int fd;             /* hardexec's end of the socket; -1: none on its way */
	pid_t spawner;
	int mode;
	const char *source; /* where the mode was set, for messages */
} pending = { -1, 0, NODUMP_REQUIRED, "default" };

/* Start the spawner, which starts the helper as a grandchild; false + WHY. */
static bool start_helper(int mode, char *why, size_t why_size)
{
	int sv[2];
	if (nodump_arch_name == NULL)
		return snprintf(why, why_size, "not available on this architecture"), false;
	char *stack = mmap(NULL, HELPER_STACK, PROT_READ | PROT_WRITE,
	                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
	if (stack == MAP_FAILED)
		return snprintf(why, why_size, "helper stack: %s", strerror(errno)), false;
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) != 0) {
		snprintf(why, why_size, "socketpair: %s", strerror(errno));
		(void)munmap(stack, HELPER_STACK);
		return false;
	}
	/* The arguments sit at the bottom of the region; stacks grow down from each half's top. */
	struct helper_start *a = (struct helper_start *)stack;
	*a = (struct helper_start){ sv[1], sv[0], getpid(), mode, stack + HELPER_STACK };
	pid_t child = clone(spawner_entry, stack + HELPER_STACK / 2, CLONE_VM | CLONE_VFORK | SIGCHLD,
	                    a);
	int saved = errno;
	/*
	 * The spawner has its own copy of the descriptor table: closed here, the
	 * helper's end stays open only in the spawner and the helper, so a helper
	 * that never started is an end of file, not a wait forever.
	 */
	close(sv[1]);
	if (child < 0) {
		close(sv[0]);
		return snprintf(why, why_size, "clone: %s", strerror(saved)), false;
	}
	pending.fd = sv[0];
	pending.spawner = child;
	return true;
}

/* The helper's PID and first answer (*ERR), or -1 + WHY; the spawner is reaped. */
static pid_t first_answer(int fd, pid_t spawner, int *err, char *why, size_t why_size)
{
	struct msg m;
	ssize_t n;
	while ((n = recv(fd, &m, sizeof(m), 0)) < 0 && errno == EINTR)
		;
	int status;
	pid_t got = wait_for(spawner, &status);
	/* ECHILD: the caller left SIGCHLD ignored and the kernel reaped it; the socket tells. */
	if ((got < 0 && errno != ECHILD) || (got == spawner && (!WIFEXITED(status) ||
	                                                        WEXITSTATUS(status) != 0)))
		return snprintf(why, why_size, "the helper could not be started"), -1;
	if (n != (ssize_t)sizeof(m) || m.pid <= 0)
		return snprintf(why, why_size, "the helper did not start"), -1;
	*err = m.tag == MSG_SEIZED ? 0 : m.err != 0 ? m.err : EIO;
	if (*err != 0)
		snprintf(why, why_size, "the helper cannot trace hardexec: %s", strerror(*err));
	return (pid_t)m.pid;
}

/* The helper stops answering for good: it exits (a seized one on hardexec's exit). */
static void dismiss(int fd)
{
	(void)send_msg(fd, MSG_QUIT, 0);
	close(fd);
}

/*
 * die() while a helper is on its way: wait for its answer, so that a
 * helper that seized lets go before hardexec exits (LeakSanitizer's own
 * tracer must attach then), and one that did not is told to quit.
 */
static void abandon(void)
{
	char why[256];
	int err, fd = pending.fd;
	if (fd < 0)
		return;
	pending.fd = -1;
	if (first_answer(fd, pending.spawner, &err, why, sizeof(why)) > 0 && err == 0) {
		control = fd;
		let_go();
		return;
	}
	dismiss(fd);
}

static void failed(int mode, const char *source, const char *why)
{
	if (mode == NODUMP_REQUIRED)
		die(EXIT_DUMPABLE, "nodump (%s): %s; the target would be dumpable after exec "
		    "(nodump = best-effort or off runs it anyway)", source, why);
	dprintf(2, "hardexec: warning: nodump (%s): %s; the target will be dumpable after exec\n",
	        source, why);
}

/* Set when the exec itself keeps the target non-dumpable (nodump_fsuid.c): no helper. */
static bool by_fsuid;

void nodump_start(int mode, const char *source, const struct nodump_facts *facts)
{
	char why[256];
	if (mode == NODUMP_OFF)
		return;
	pending.mode = mode == NODUMP_UNSET ? NODUMP_REQUIRED : mode;
	pending.source = source;
	if (nodump_fsuid_take(facts, why, sizeof(why))) {
		by_fsuid = true;
		report_before_exit(nodump_fsuid_give_back);
		return;
	}
	if (start_helper(pending.mode, why, sizeof(why)))
		report_before_exit(abandon);
	else
		failed(pending.mode, source, why);
}

uid_t nodump_saved_uid(uid_t uid)
{
	return by_fsuid ? NODUMP_FSUID : uid;
}

void nodump_commit(void)
{
	char why[256];
	if (by_fsuid && !nodump_fsuid_commit(why, sizeof(why)))
		failed(pending.mode, pending.source, why);
}

void nodump_arm(bool switching)
{
	char why[256];
	if (by_fsuid) {
		if (!switching && !nodump_fsuid_hold(why, sizeof(why))) {
			by_fsuid = false;
			failed(pending.mode, pending.source, why);
		}
		return;
	}
	int err, fd = pending.fd;
	if (fd < 0)
		return; /* off, or best-effort that could not start */
	pending.fd = -1;
	report_before_exit(NULL);
	pid_t helper = first_answer(fd, pending.spawner, &err, why, sizeof(why));
	if (helper > 0 && seize(fd, helper, err, why, sizeof(why))) {
		control = fd;
		report_before_exit(let_go);
		return;
	}
	dismiss(fd);
	failed(pending.mode, pending.source, why);
}
