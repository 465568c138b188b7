/*
 * probe: the target that integration tests run through hardexec. It reports
 * the kernel's view of the process it became, so tests read real state
 * instead of trusting what hardexec says it did.
 *
 *   probe environ      /proc/self/environ, raw (the envp the kernel received)
 *   probe limits       /proc/self/limits
 *   probe status       /proc/self/status (ids, NoNewPrivs, Seccomp, ...)
 *   probe fds          open descriptor numbers, one a line
 *   probe fdpath N     readlink of /proc/self/fd/N
 *   probe argv         every argv element, argv[0] included, NUL-terminated
 *   probe exit N       exit with status N
 *   probe kill SIGNUM  raise SIGNUM with its default disposition
 *   probe bind PORT    bind a TCP socket to 127.0.0.1:PORT (exit 0, or 98 with the error)
 *   probe syscall NAME make one raw system call (see raw_call) and print "ok" or the
 *                      errno name (EPERM, ENOSYS, ...); on x86_64, i386-* names are calls
 *                      of the i386 ABI (int $0x80) and x32-* ones of the x32 ABI
 *   probe try OP ARG   one operation, printing "ok" or the errno name: read PATH, write PATH
 *                      (create or truncate), connect PORT / bind PORT (TCP, 127.0.0.1),
 *                      signal PID (signal 0), abstract NAME (connect to the abstract
 *                      unix socket "\0NAME"), unix PATH (connect to a pathname unix
 *                      socket), mkfifo PATH (mknodat), chmod PATH (to 0600),
 *                      truncate PATH (to 0 bytes)
 *   probe dumpable     print prctl(PR_GET_DUMPABLE) as "dumpable=N"
 *   probe hold         allow any ptracer under Yama (so only the dumpable flag decides),
 *                      print "ready dumpable=N", then copy stdin to stdout until EOF
 *   probe child        fork; the child execs "probe exit 3"; wait for SIGCHLD and the
 *                      child, print "sigchld from child, exit 3"
 *   probe forks N      fork up to N children that sleep; print how many forks worked and
 *                      the errno name of the first failure ("forked 12 EAGAIN"), or
 *                      "forked N ok"; the children are then killed and reaped
 *   probe grow PATH MB write MB MiB to PATH (SIGXFSZ left at its default, which ends the
 *                      probe); print "ok" or the errno name of the failed write
 *   probe alloc MB     mmap MB MiB of anonymous memory; print "ok" or the errno name
 *   probe spin         loop on the CPU until a signal ends the probe
 *   probe ids          print "ruid euid suid" (getresuid)
 *   probe secure       print getauxval(AT_SECURE) and the parent-death signal as
 *                      "secure=N pdeathsig=N"
 *   anything else      create $HARDEXEC_TEST_MARKER (if set) and exit 99:
 *                      proof that a binary that must never run did run.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stdint.h>
#include <sched.h>
#include <stddef.h>
#include <sys/auxv.h>
#include <sys/ioctl.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

enum { EXIT_PROBE_ERROR = 98, EXIT_NO_SUBCOMMAND = 99 };

static _Noreturn void fail(const char *what)
{
	dprintf(2, "probe: %s: %s\n", what, strerror(errno));
	_exit(EXIT_PROBE_ERROR);
}

static _Noreturn void usage(const char *msg)
{
	dprintf(2, "probe: %s\n", msg);
	_exit(EXIT_PROBE_ERROR);
}

static void write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;

	while (len > 0) {
		ssize_t n = write(fd, p, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			fail("write");
		}
		p += n;
		len -= (size_t)n;
	}
}

static void copy_file_to_stdout(const char *path)
{
	char buf[65536];
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		fail(path);
	for (;;) {
		ssize_t n = read(fd, buf, sizeof(buf));
		if (n < 0) {
			if (errno == EINTR)
				continue;
			fail(path);
		}
		if (n == 0)
			break;
		write_all(1, buf, (size_t)n);
	}
	if (close(fd) != 0)
		fail("close");
}

static int parse_int(const char *s, long min, long max)
{
	char *end;

	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v < min || v > max)
		usage("expected a decimal number in range");
	return (int)v;
}

static void list_fds(void)
{
	DIR *dir = opendir("/proc/self/fd");
	if (dir == NULL)
		fail("opendir /proc/self/fd");
	int self = dirfd(dir);
	if (self < 0)
		fail("dirfd");

	for (;;) {
		errno = 0;
		struct dirent *de = readdir(dir);
		if (de == NULL) {
			if (errno != 0)
				fail("readdir /proc/self/fd");
			break;
		}
		if (de->d_name[0] == '.')
			continue;
		int fd = parse_int(de->d_name, 0, INT_MAX);
		if (fd == self)
			continue;
		char line[32];
		int len = snprintf(line, sizeof(line), "%d\n", fd);
		if (len < 0 || (size_t)len >= sizeof(line))
			usage("snprintf");
		write_all(1, line, (size_t)len);
	}
	if (closedir(dir) != 0)
		fail("closedir");
}

static void print_fd_path(int fd)
{
	char link[64], target[PATH_MAX + 1];
	int len = snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);

	if (len < 0 || (size_t)len >= sizeof(link))
		usage("snprintf");
	ssize_t n = readlink(link, target, sizeof(target) - 1);
	if (n < 0)
		fail(link);
	target[n] = '\n';
	write_all(1, target, (size_t)n + 1);
}

static void print_argv(int argc, char **argv)
{
	for (int i = 0; i < argc; i++)
		write_all(1, argv[i], strlen(argv[i]) + 1);
}

static _Noreturn void raise_default(int sig)
{
	sigset_t set;

	/* SIGKILL and SIGSTOP cannot be caught; signal(2) refuses them. */
	if (sig != SIGKILL && sig != SIGSTOP && signal(sig, SIG_DFL) == SIG_ERR)
		fail("signal");
	if (sigemptyset(&set) != 0 || sigaddset(&set, sig) != 0)
		fail("sigset");
	if (sigprocmask(SIG_UNBLOCK, &set, NULL) != 0)
		fail("sigprocmask");
	if (raise(sig) != 0)
		fail("raise");
	usage("signal did not terminate the process");
}

static _Noreturn void must_not_run(void)
{
	const char *marker = getenv("HARDEXEC_TEST_MARKER");

	if (marker != NULL) {
		int fd = open(marker, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
		if (fd < 0)
			fail(marker);
		if (close(fd) != 0)
			fail("close");
	}
	_exit(EXIT_NO_SUBCOMMAND);
}

#if defined(__x86_64__)
/*
 * A call of the i386 ABI from this 64-bit process: int $0x80 enters the
 * kernel's ia32 entry, so seccomp sees AUDIT_ARCH_I386 and the i386
 * number. Only 32-bit values pass (no pointers).
 */
static long i386_call(long nr, long arg)
{
	long rax = nr;
	__asm__ volatile("int $0x80" : "+a"(rax) : "b"(arg) : "rcx", "r8", "r9", "r10", "r11",
	                 "memory", "cc");
	int r = (int)rax;
	if (r < 0 && r > -4096) {
		errno = -r;
		return -1;
	}
	return 0;
}

/* An x32 call: the x86_64 entry with __X32_SYSCALL_BIT in the number. */
static long x32_call(long nr, long arg)
{
	return syscall(0x40000000L | nr, arg);
}
#endif

#if defined(__x86_64__)
/* An i386 call with four arguments; its result (-1 and errno on failure). */
static long i386_call4(long nr, long a, long b, long c, long d)
{
	long rax = nr;
	__asm__ volatile("int $0x80" : "+a"(rax) : "b"(a), "c"(b), "d"(c), "S"(d)
	                 : "r8", "r9", "r10", "r11", "memory", "cc");
	int r = (int)rax;
	if (r < 0 && r > -4096) {
		errno = -r;
		return -1;
	}
	return r;
}

/*
 * i386 socket and System V IPC calls, both ways in: the direct call, and
 * the socketcall / ipc multiplexer (its arguments in memory below 4 GiB,
 * which is all an i386 call can point at). The descriptor or segment made
 * is removed again.
 */
static long i386_multiplexed(const char *name)
{
	enum { I386_SOCKET = 359, I386_SOCKETCALL = 102, I386_IPC = 117, I386_SHMGET = 395,
	       SOCKETCALL_SOCKET = 1, IPC_SHMGET = 23 };
	long r;
	if (strcmp(name, "i386-socket") == 0) {
		r = i386_call4(I386_SOCKET, AF_UNIX, SOCK_STREAM, 0, 0);
	} else if (strcmp(name, "i386-socketcall-socket") == 0) {
		uint32_t *args = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
		                      MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);
		if (args == MAP_FAILED)
			return -1;
		args[0] = AF_UNIX, args[1] = SOCK_STREAM, args[2] = 0;
		r = i386_call4(I386_SOCKETCALL, SOCKETCALL_SOCKET, (long)(uintptr_t)args, 0, 0);
	} else if (strcmp(name, "i386-shmget") == 0) {
		r = i386_call4(I386_SHMGET, IPC_PRIVATE, 4096, IPC_CREAT | 0600, 0);
		if (r >= 0)
			shmctl((int)r, IPC_RMID, NULL);
		return r < 0 ? -1 : 0;
	} else if (strcmp(name, "i386-ipc-shmget-version1") == 0) {
		/* the kernel reads the call from the low 16 bits; the rest is a version */
		r = i386_call4(I386_IPC, IPC_SHMGET | 1L << 16, IPC_PRIVATE, 4096, IPC_CREAT | 0600);
		if (r >= 0)
			shmctl((int)r, IPC_RMID, NULL);
		return r < 0 ? -1 : 0;
	} else {
		return -2;
	}
	if (r >= 0)
		close((int)r);
	return r < 0 ? -1 : 0;
}

#endif

static long raw_call(const char *name)
{
#if defined(__x86_64__)
	if (strcmp(name, "i386-getpid") == 0)
		return i386_call(20, 0);
	if (strcmp(name, "i386-unshare-user") == 0)
		return i386_call(310, CLONE_NEWUSER);
	if (strcmp(name, "i386-personality-noaslr") == 0)
		return i386_call(136, 0x0040000);
	if (strcmp(name, "i386-personality-query") == 0)
		return i386_call(136, 0xffffffffL);
	if (strcmp(name, "i386-clock_settime64") == 0) /* NULL time: EFAULT when it gets through */
		return i386_call4(404, CLOCK_REALTIME, 0, 0, 0) < 0 ? -1 : 0;
	if (strcmp(name, "i386-clock_adjtime64") == 0)
		return i386_call4(405, CLOCK_REALTIME, 0, 0, 0) < 0 ? -1 : 0;
	long multiplexed = i386_multiplexed(name);
	if (multiplexed != -2)
		return multiplexed;
	if (strcmp(name, "x32-getpid") == 0)
		return x32_call(SYS_getpid, 0) < 0 ? -1 : 0;
	if (strcmp(name, "x32-personality-noaslr") == 0)
		return x32_call(SYS_personality, 0x0040000) < 0 ? -1 : 0;
#endif
	if (strcmp(name, "unshare-user") == 0)
		return syscall(SYS_unshare, CLONE_NEWUSER);
	if (strcmp(name, "clone-newuser") == 0) {
		long pid = syscall(SYS_clone, CLONE_NEWUSER | SIGCHLD, 0, 0, 0, 0);
		if (pid == 0)
			_exit(0);
		if (pid > 0)
			waitpid((pid_t)pid, NULL, 0);
		return pid < 0 ? -1 : 0;
	}
	if (strcmp(name, "clone3") == 0)
		return syscall(SYS_clone3, NULL, 0);
	if (strcmp(name, "personality-noaslr") == 0)
		return syscall(SYS_personality, 0x0040000);
	if (strcmp(name, "personality-query") == 0)
		return syscall(SYS_personality, 0xffffffffUL) < 0 ? -1 : 0;
	if (strcmp(name, "personality-default") == 0)
		return syscall(SYS_personality, 0) < 0 ? -1 : 0;
	if (strcmp(name, "mount") == 0)
		return syscall(SYS_mount, "none", "/nonexistent-hx-probe", "tmpfs", 0, NULL);
	if (strcmp(name, "ptrace") == 0)
		return syscall(SYS_ptrace, 16 /* PTRACE_ATTACH */, 999999999, 0, 0);
	if (strcmp(name, "io_uring_setup") == 0)
		return syscall(SYS_io_uring_setup, 1, NULL);
	if (strcmp(name, "bpf") == 0)
		return syscall(SYS_bpf, 0, NULL, 0);
	if (strcmp(name, "userfaultfd") == 0)
		return syscall(SYS_userfaultfd, 0);
	if (strcmp(name, "pidfd_getfd") == 0) /* a bad pidfd: EBADF when it gets through */
		return syscall(SYS_pidfd_getfd, -1, 0, 0);
	if (strcmp(name, "keyctl") == 0)
		return syscall(SYS_keyctl, 0, 0, 0, 0, 0);
	if (strcmp(name, "tiocsti") == 0) /* on stdin; ENOTTY when it is no terminal */
		return syscall(SYS_ioctl, 0, TIOCSTI, "x");
	if (strcmp(name, "tiocgwinsz") == 0) {
		struct winsize ws;
		return syscall(SYS_ioctl, 0, TIOCGWINSZ, &ws);
	}
	if (strcmp(name, "getpid") == 0)
		return syscall(SYS_getpid) < 0 ? -1 : 0;
	if (strcmp(name, "setxattrat") == 0) /* Linux 6.13, 463 on x86_64: EBADF when it gets through */
		return syscall(463, -1, NULL, 0, NULL, NULL, 0);
	/* Linux 6.15 and 6.17, 467 and 469 (as on every ABI since 5.1): EBADF or EFAULT when
	 * they get through, ENOSYS on an older kernel */
	if (strcmp(name, "open_tree_attr") == 0)
		return syscall(467, -1, NULL, 0, NULL, 0);
	if (strcmp(name, "file_setattr") == 0)
		return syscall(469, -1, NULL, NULL, 0, 0);
	usage("unknown syscall name");
}

/* The name of ERR among those the tests expect; NULL for any other. */
static const char *errno_name(int err)
{
	static const struct { int err; const char *name; } names[] = {
		{ EPERM, "EPERM" }, { ENOSYS, "ENOSYS" }, { EINVAL, "EINVAL" }, { EFAULT, "EFAULT" },
		{ EACCES, "EACCES" }, { ESRCH, "ESRCH" }, { ENOENT, "ENOENT" }, { EBADF, "EBADF" },
		{ ECONNREFUSED, "ECONNREFUSED" }, { EADDRINUSE, "EADDRINUSE" }, { ENOTTY, "ENOTTY" },
		{ EAGAIN, "EAGAIN" }, { EFBIG, "EFBIG" }, { ENOMEM, "ENOMEM" },
	};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (names[i].err == err)
			return names[i].name;
	return NULL;
}

/* "ok" when RC >= 0, else the name of errno. */
static void print_outcome(long rc)
{
	if (rc >= 0) {
		puts("ok");
		return;
	}
	const char *name = errno_name(errno);
	if (name != NULL)
		puts(name);
	else
		printf("errno %d\n", errno);
}

static void try_syscall(const char *name)
{
	errno = 0;
	print_outcome(raw_call(name));
}

static long tcp_to(const char *how, int port)
{
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		fail("socket");
	struct sockaddr_in addr = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	long rc = strcmp(how, "connect") == 0 ? connect(fd, (struct sockaddr *)&addr, sizeof(addr))
	                                      : bind(fd, (struct sockaddr *)&addr, sizeof(addr));
	int saved = errno;
	close(fd);
	errno = saved;
	return rc;
}

/* Connect to the UNIX socket NAME: abstract (a leading NUL) when ABSTRACT, else a path. */
static long unix_connect(const char *name, bool abstract)
{
	struct sockaddr_un addr = { .sun_family = AF_UNIX };
	size_t len = strlen(name), at = abstract ? 1 : 0;
	if (len + 1 > sizeof(addr.sun_path))
		usage("socket name too long");
	memcpy(addr.sun_path + at, name, len);
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		fail("socket");
	long rc = connect(fd, (struct sockaddr *)&addr,
	                  (socklen_t)(offsetof(struct sockaddr_un, sun_path) + at + len));
	int saved = errno;
	close(fd);
	errno = saved;
	return rc;
}

static long open_close(const char *path, int flags)
{
	int fd = open(path, flags | O_CLOEXEC, 0644);
	if (fd >= 0)
		close(fd);
	return fd;
}

static void try_op(const char *op, const char *arg)
{
	long rc;
	errno = 0;
	if (strcmp(op, "read") == 0)
		rc = open_close(arg, O_RDONLY);
	else if (strcmp(op, "write") == 0)
		rc = open_close(arg, O_WRONLY | O_CREAT | O_TRUNC);
	else if (strcmp(op, "connect") == 0 || strcmp(op, "bind") == 0)
		rc = tcp_to(op, parse_int(arg, 0, 65535));
	else if (strcmp(op, "signal") == 0)
		rc = kill((pid_t)parse_int(arg, 1, INT_MAX), 0);
	else if (strcmp(op, "abstract") == 0)
		rc = unix_connect(arg, true);
	else if (strcmp(op, "unix") == 0)
		rc = unix_connect(arg, false);
	else if (strcmp(op, "mkfifo") == 0)
		rc = mkfifo(arg, 0600);
	else if (strcmp(op, "chmod") == 0)
		rc = chmod(arg, 0600);
	else if (strcmp(op, "truncate") == 0)
		rc = truncate(arg, 0);
	else
		usage("unknown try operation");
	print_outcome(rc);
}

static void bind_port(int port)
{
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		fail("socket");
	struct sockaddr_in addr = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	int one = 1;
	if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) != 0)
		fail("setsockopt");
	if (bind(fd, (struct sockaddr *)&addr, sizeof(addr)) != 0)
		fail("bind");
	close(fd);
}

static void print_dumpable(const char *prefix)
{
	int d = prctl(PR_GET_DUMPABLE, 0, 0, 0, 0);
	if (d < 0)
		fail("prctl(PR_GET_DUMPABLE)");
	printf("%sdumpable=%d\n", prefix, d);
	if (fflush(stdout) != 0)
		fail("stdout");
}

/* A long-running target for attach tests; it ends when its stdin does. */
static void hold(void)
{
	char buf[4096];
	/* Yama (ptrace_scope 1) would stop a non-ancestor attacker on its own. */
	if (prctl(PR_SET_PTRACER, PR_SET_PTRACER_ANY, 0, 0, 0) != 0 && errno != EINVAL)
		fail("prctl(PR_SET_PTRACER)");
	print_dumpable("ready ");
	for (;;) {
		ssize_t n = read(0, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			fail("read");
		if (n == 0)
			return;
		write_all(1, buf, (size_t)n);
	}
}

/* The target's own fork, exec and SIGCHLD work as without hardexec. */
static void child(void)
{
	sigset_t set;
	siginfo_t info;
	int status;
	if (sigemptyset(&set) != 0 || sigaddset(&set, SIGCHLD) != 0 ||
	    sigprocmask(SIG_BLOCK, &set, NULL) != 0)
		fail("sigprocmask");
	pid_t pid = fork();
	if (pid < 0)
		fail("fork");
	if (pid == 0) {
		execl("/proc/self/exe", "probe", "exit", "3", (char *)NULL);
		fail("exec");
	}
	if (sigwaitinfo(&set, &info) != SIGCHLD)
		fail("sigwaitinfo");
	if (info.si_pid != pid)
		usage("SIGCHLD from another process");
	if (waitpid(pid, &status, 0) != pid)
		fail("waitpid");
	if (!WIFEXITED(status))
		usage("the child did not exit");
	printf("sigchld from child, exit %d\n", WEXITSTATUS(status));
}

/* RLIMIT_NPROC: fork until it fails; the children wait to be killed. */
static void forks(long n)
{
	pid_t *kids = calloc((size_t)n, sizeof(*kids));
	if (kids == NULL)
		fail("calloc");
	long made = 0;
	int err = 0;
	while (made < n) {
		pid_t pid = fork();
		if (pid < 0) {
			err = errno;
			break;
		}
		if (pid == 0) {
			pause();
			_exit(0);
		}
		kids[made++] = pid;
	}
	for (long i = 0; i < made; i++)
		if (kill(kids[i], SIGKILL) != 0 || waitpid(kids[i], NULL, 0) != kids[i])
			fail("killing a child");
	free(kids);
	const char *why = err == 0 ? "ok" : errno_name(err);
	printf("forked %ld %s\n", made, why != NULL ? why : "other-errno");
}

/* RLIMIT_FSIZE: write MB MiB; SIGXFSZ keeps its default action (the kernel's answer). */
static void grow(const char *path, long mb)
{
	static char block[1 << 20];
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		fail("open");
	long rc = 0;
	for (long i = 0; i < mb && rc == 0; i++)
		if (write(fd, block, sizeof(block)) != (ssize_t)sizeof(block))
			rc = -1;
	int saved = errno;
	close(fd);
	errno = saved;
	print_outcome(rc);
}

/* RLIMIT_AS: map MB MiB (not touched: the limit is on the address space). */
static void alloc(long mb)
{
	void *p = mmap(NULL, (size_t)mb << 20, PROT_READ | PROT_WRITE,
	               MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	print_outcome(p == MAP_FAILED ? -1 : 0);
}

/* RLIMIT_CPU: burn CPU until SIGXCPU (soft limit) or SIGKILL (hard limit) ends the probe. */
static _Noreturn void spin(void)
{
	for (volatile unsigned long i = 0;; i++)
		;
}

static void ids(void)
{
	uid_t r, e, s;
	if (getresuid(&r, &e, &s) != 0)
		fail("getresuid");
	printf("%u %u %u\n", (unsigned)r, (unsigned)e, (unsigned)s);
}

static void secure(void)
{
	int sig = -1;
	if (prctl(PR_GET_PDEATHSIG, &sig, 0, 0, 0) != 0)
		sig = -1;
	printf("secure=%lu pdeathsig=%d\n", getauxval(AT_SECURE), sig);
}

int main(int argc, char **argv)
{
	const char *cmd = argc > 1 ? argv[1] : "";

	if (strcmp(cmd, "environ") == 0 && argc == 2)
		copy_file_to_stdout("/proc/self/environ");
	else if (strcmp(cmd, "limits") == 0 && argc == 2)
		copy_file_to_stdout("/proc/self/limits");
	else if (strcmp(cmd, "status") == 0 && argc == 2)
		copy_file_to_stdout("/proc/self/status");
	else if (strcmp(cmd, "fds") == 0 && argc == 2)
		list_fds();
	else if (strcmp(cmd, "fdpath") == 0 && argc == 3)
		print_fd_path(parse_int(argv[2], 0, INT_MAX));
	else if (strcmp(cmd, "argv") == 0)
		print_argv(argc, argv);
	else if (strcmp(cmd, "exit") == 0 && argc == 3)
		_exit(parse_int(argv[2], 0, 255));
	else if (strcmp(cmd, "kill") == 0 && argc == 3)
		raise_default(parse_int(argv[2], 1, 64));
	else if (strcmp(cmd, "bind") == 0 && argc == 3)
		bind_port(parse_int(argv[2], 1, 65535));
	else if (strcmp(cmd, "syscall") == 0 && argc == 3)
		try_syscall(argv[2]);
	else if (strcmp(cmd, "dumpable") == 0 && argc == 2)
		print_dumpable("");
	else if (strcmp(cmd, "hold") == 0 && argc == 2)
		hold();
	else if (strcmp(cmd, "child") == 0 && argc == 2)
		child();
	else if (strcmp(cmd, "try") == 0 && argc == 4)
		try_op(argv[2], argv[3]);
	else if (strcmp(cmd, "forks") == 0 && argc == 3)
		forks(parse_int(argv[2], 1, 100000));
	else if (strcmp(cmd, "grow") == 0 && argc == 4)
		grow(argv[2], parse_int(argv[3], 1, 4096));
	else if (strcmp(cmd, "alloc") == 0 && argc == 3)
		alloc(parse_int(argv[2], 1, 1 << 20));
	else if (strcmp(cmd, "spin") == 0 && argc == 2)
		spin();
	else if (strcmp(cmd, "ids") == 0 && argc == 2)
		ids();
	else if (strcmp(cmd, "secure") == 0 && argc == 2)
		secure();
	else
		must_not_run();
	return 0;
}
