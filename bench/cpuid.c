/*
 * cpuid: how many cpuid instructions a program runs, and what one costs here
 * (x86-64 only; bench/run prints its result under the table).
 *
 *   cpuid PROGRAM [ARG...]
 *
 * Runs PROGRAM under ptrace one instruction at a time until it exits,
 * counting the instructions and the cpuid instructions among them, then
 * times cpuid itself. Prints "CPUIDS INSTRUCTIONS MICROSECONDS" on one line.
 *
 * Why: in a virtual machine every cpuid traps to the hypervisor, and static
 * glibc's start-up runs dozens of them (CPU features, then cache sizes:
 * leaves 2 and 4, again and again, on Intel). On a host where that trap is
 * slow, they are much of what a small static program's launch costs. The
 * floor pays two such start-ups (floor, then TARGET), as does every hardexec
 * case (hardexec, then TARGET), so the trap's price is in both sides of the
 * "× floor" ratio: the slower it is, the better the ratio looks, while the
 * "µs over floor" column does not move with it.
 *
 * Exits 1 with a message when ptrace or the program cannot be started.
 */
#include "sorted.h"

#include <cpuid.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum { TIMED_CPUIDS = 2000, ROUNDS = 9 };

static _Noreturn void die(const char *what)
{
	fprintf(stderr, "cpuid: %s: %s\n", what, strerror(errno));
	exit(1);
}

/* Without errno: PROGRAM WHAT (a child that did not start has said why on our stderr). */
static _Noreturn void quit(const char *program, const char *what)
{
	fprintf(stderr, "cpuid: %s %s\n", program, what);
	exit(1);
}

static pid_t wait_stop(pid_t pid, int *status)
{
	pid_t got;
	while ((got = waitpid(pid, status, 0)) < 0 && errno == EINTR)
		;
	if (got < 0)
		die("waitpid");
	return got;
}

/* The child: stdout to /dev/null (ours carries the result), stop for the tracer, exec. */
static _Noreturn void child(char *argv[])
{
	int null = open("/dev/null", O_WRONLY | O_CLOEXEC);
	if (null < 0 || dup2(null, 1) != 1)
		die("/dev/null");
	if (ptrace(PTRACE_TRACEME, 0, NULL, NULL) != 0)
		die("ptrace(PTRACE_TRACEME)");
	raise(SIGSTOP);
	execv(argv[0], argv);
	fprintf(stderr, "cpuid: %s: %s\n", argv[0], strerror(errno));
	_exit(127);
}

/* Is the instruction at the tracee's rip a cpuid (0f a2)? */
static bool at_cpuid(pid_t pid)
{
	struct user_regs_struct regs;
	if (ptrace(PTRACE_GETREGS, pid, NULL, &regs) != 0)
		die("ptrace(PTRACE_GETREGS)");
	errno = 0;
	long word = ptrace(PTRACE_PEEKTEXT, pid, (void *)regs.rip, NULL);
	if (errno != 0)
		die("ptrace(PTRACE_PEEKTEXT)");
	return (word & 0xffff) == 0xa20f;
}

/* Step PROGRAM from its exec to its exit; cpuid count and instruction count. */
static void count(char *argv[], long *cpuids, long *steps)
{
	int status;
	pid_t pid = fork();
	if (pid < 0)
		die("fork");
	if (pid == 0)
		child(argv);
	wait_stop(pid, &status);   /* its SIGSTOP, or its exit if PTRACE_TRACEME failed */
	if (!WIFSTOPPED(status))
		quit(argv[0], "did not start under ptrace");
	if (ptrace(PTRACE_SETOPTIONS, pid, NULL,
	           (void *)(long)(PTRACE_O_TRACEEXEC | PTRACE_O_EXITKILL)) != 0)
		die("ptrace(PTRACE_SETOPTIONS)");
	if (ptrace(PTRACE_CONT, pid, NULL, NULL) != 0)
		die("ptrace(PTRACE_CONT)");
	wait_stop(pid, &status);   /* the exec stop, or its exit if execv failed */
	if (!WIFSTOPPED(status) || status >> 8 != (SIGTRAP | (PTRACE_EVENT_EXEC << 8)))
		quit(argv[0], "did not start under ptrace");
	*cpuids = *steps = 0;
	for (;;) {
		if (at_cpuid(pid))
			(*cpuids)++;
		if (ptrace(PTRACE_SINGLESTEP, pid, NULL, NULL) != 0)
			die("ptrace(PTRACE_SINGLESTEP)");
		wait_stop(pid, &status);
		if (!WIFSTOPPED(status))
			return;  /* exited: the last step was its exit_group */
		if (WSTOPSIG(status) != SIGTRAP)
			quit(argv[0], "stopped for a signal");
		(*steps)++;
	}
}

static double now_us(void)
{
	struct timespec t;
	if (clock_gettime(CLOCK_MONOTONIC, &t) != 0)
		die("clock_gettime");
	return (double)t.tv_sec * 1e6 + (double)t.tv_nsec / 1e3;
}

/* Median over ROUNDS of the time of one cpuid (leaf 4, as glibc's cache probe). */
static double cpuid_us(void)
{
	double per[ROUNDS];
	unsigned a, b, c, d;
	for (int r = 0; r < ROUNDS; r++) {
		double start = now_us();
		for (int i = 0; i < TIMED_CPUIDS; i++)
			__cpuid_count(4, 0, a, b, c, d);
		per[r] = (now_us() - start) / TIMED_CPUIDS;
	}
	(void)a, (void)b, (void)c, (void)d;
	qsort(per, ROUNDS, sizeof(per[0]), cmp_double);
	return median(per, ROUNDS);
}

int main(int argc, char *argv[])
{
	if (argc < 2) {
		fputs("usage: cpuid PROGRAM [ARG...]\n", stderr);
		return 2;
	}
	long cpuids, steps;
	double us = cpuid_us();   /* first: single-stepping leaves the machine busy for a while */
	count(argv + 1, &cpuids, &steps);
	printf("%ld %ld %.2f\n", cpuids, steps, us);
	return fflush(stdout) == 0 && !ferror(stdout) ? 0 : 1;
}
