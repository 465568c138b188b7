/*
 * One injected system call, per architecture. The tracee sits at the
 * syscall-exit stop of its execve: the new program is mapped, its first
 * instruction has not run, and the kernel has already stored execve's
 * return value (at the PTRACE_EVENT_EXEC stop it has not, and would
 * overwrite the register that selects our call). Only registers change:
 * the program counter is pointed at a system call instruction borrowed
 * from the vDSO, one step runs it, and the saved registers go back.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include "nodump_arch.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <link.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <unistd.h>

bool nodump_group_stop(int status)
{
	int sig = WSTOPSIG(status);
	return status >> 16 == PTRACE_EVENT_STOP &&
	       (sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU);
}

#if defined(__x86_64__)
const char *const nodump_arch_name = "x86_64";
/* syscall: 0f 05; number in rax, arguments in rdi, rsi, rdx, r10, r8, r9, result in rax. */
static const unsigned char syscall_insn[] = { 0x0f, 0x05 };
#define REG_PC(r) ((r).rip)
#define REG_SP(r) ((r).rsp)
#define REG_RESULT(r) ((r).rax)
static void set_call(struct user_regs_struct *r, long nr, long a0, long a1)
{
	r->rax = (unsigned long long)nr;
	r->rdi = (unsigned long long)a0;
	r->rsi = (unsigned long long)a1;
	r->rdx = r->r10 = r->r8 = 0;
}
#elif defined(__aarch64__)
const char *const nodump_arch_name = "aarch64";
/* svc #0, little-endian: d4000001; number in x8, arguments in x0..x5, result in x0. */
static const unsigned char syscall_insn[] = { 0x01, 0x00, 0x00, 0xd4 };
#define REG_PC(r) ((r).pc)
#define REG_SP(r) ((r).sp)
#define REG_RESULT(r) ((r).regs[0])
static void set_call(struct user_regs_struct *r, long nr, long a0, long a1)
{
	r->regs[8] = (unsigned long long)nr;
	r->regs[0] = (unsigned long long)a0;
	r->regs[1] = (unsigned long long)a1;
	r->regs[2] = r->regs[3] = r->regs[4] = 0;
}
#endif

#if defined(__x86_64__) || defined(__aarch64__)

enum { INSN_LEN = sizeof(syscall_insn), WORD = sizeof(long), MAX_STOPS = 64 };

/* Both the 64-bit register set, or false: a 32-bit program (its own set) is not handled. */
static bool get_regs(pid_t pid, struct user_regs_struct *r, char *why, size_t why_size)
{
	struct iovec iov = { r, sizeof(*r) };
	if (ptrace(PTRACE_GETREGSET, pid, (void *)NT_PRSTATUS, &iov) != 0)
		return snprintf(why, why_size, "reading registers: %s", strerror(errno)), false;
	if (iov.iov_len != sizeof(*r))
		return snprintf(why, why_size, "the new program is not a 64-bit %s program",
		                nodump_arch_name), false;
	return true;
}

static bool set_regs(pid_t pid, struct user_regs_struct *r, char *why, size_t why_size)
{
	struct iovec iov = { r, sizeof(*r) };
	if (ptrace(PTRACE_SETREGSET, pid, (void *)NT_PRSTATUS, &iov) != 0)
		return snprintf(why, why_size, "writing registers: %s", strerror(errno)), false;
	return true;
}

/* This process's vDSO: where it is mapped and how long its image is; false if none. */
static bool own_vdso(const unsigned char **base, size_t *len)
{
	const ElfW(Ehdr) *eh = (const ElfW(Ehdr) *)getauxval(AT_SYSINFO_EHDR);
	if (eh == NULL || memcmp(eh->e_ident, ELFMAG, SELFMAG) != 0)
		return false;
	const ElfW(Phdr) *ph = (const ElfW(Phdr) *)((const unsigned char *)eh + eh->e_phoff);
	for (int i = 0; i < eh->e_phnum; i++)
		if (ph[i].p_type == PT_LOAD) {
			*base = (const unsigned char *)eh;
			*len = ph[i].p_filesz;
			return true;
		}
	return false;
}

/* The offset of a system call instruction in the vDSO image, or -1. */
static long insn_offset(void)
{
	const unsigned char *base;
	size_t len;
	if (!own_vdso(&base, &len))
		return -1;
	/* aarch64 instructions are 4-byte aligned; on x86 any byte may start one. */
	size_t align = sizeof(syscall_insn) == 4 ? 4 : 1;
	for (size_t off = 0; off + INSN_LEN <= len; off += align)
		if (memcmp(base + off, syscall_insn, INSN_LEN) == 0)
			return (long)off;
	return -1;
}

/* AT_SYSINFO_EHDR in an auxiliary vector of N words, or 0. */
static uintptr_t vdso_in_auxv(const unsigned long *auxv, size_t n)
{
	for (size_t i = 0; i + 1 < n && auxv[i] != AT_NULL; i += 2)
		if (auxv[i] == AT_SYSINFO_EHDR)
			return auxv[i + 1];
	return 0;
}

/*
 * AT_SYSINFO_EHDR of the tracee, read from its new stack: argc, argv,
 * NULL, envp, NULL, then the auxiliary vector (the ELF ABI). First 4 KiB
 * (a usual launch's pointers fit), then 32 KiB; a stack with more
 * pointers than that, or a refused read, falls back to /proc/PID/auxv.
 */
static uintptr_t vdso_on_stack(pid_t pid, uintptr_t sp, unsigned long *words, size_t size)
{
	struct iovec local = { words, size }, remote = { (void *)sp, size };
	ssize_t got = process_vm_readv(pid, &local, 1, &remote, 1, 0);
	size_t n = got > 0 ? (size_t)got / sizeof(long) : 0, i = 1 + (n > 0 ? words[0] : 0) + 1;
	while (i < n && words[i] != 0) /* the environment */
		i++;
	return i + 1 < n ? vdso_in_auxv(words + i + 1, n - i - 1) : 0;
}

/* One word of the tracee by PTRACE_PEEKDATA; false when refused (errno says why). */
static bool peek(pid_t pid, uintptr_t addr, unsigned long *out)
{
	errno = 0;
	long w = ptrace(PTRACE_PEEKDATA, pid, (void *)addr, NULL);
	*out = (unsigned long)w;
	return errno == 0;
}

/*
 * The same walk one word per request. The tracer's own requests need only
 * the new program dumpable, while process_vm_readv and /proc/PID/auxv ask
 * for attach rights again: a helper without CAP_SYS_PTRACE (root under a
 * narrow bounding set) has lost them once the program runs as another user.
 */
static uintptr_t vdso_by_peek(pid_t pid, uintptr_t sp)
{
	enum { MAX_WORDS = 1 << 22, MAX_AUXV = 256 };
	unsigned long argc, w;
	if (!peek(pid, sp, &argc) || argc > MAX_WORDS)
		return 0;
	uintptr_t at = sp + (argc + 2) * WORD; /* past argc, argv and its NULL */
	for (size_t n = 0;; n++, at += WORD) { /* the environment */
		if (n > MAX_WORDS || !peek(pid, at, &w))
			return 0;
		if (w == 0)
			break;
	}
	at += WORD;
	for (size_t n = 0; n < MAX_AUXV; n++, at += 2 * WORD) {
		if (!peek(pid, at, &w) || w == AT_NULL)
			return 0;
		if (w == AT_SYSINFO_EHDR)
			return peek(pid, at + WORD, &w) ? (uintptr_t)w : 0;
	}
	return 0;
}

static uintptr_t vdso_of(pid_t pid, uintptr_t sp)
{
	static unsigned long words[4096];
	uintptr_t vdso = vdso_on_stack(pid, sp, words, 512 * sizeof(long));
	if (vdso == 0)
		vdso = vdso_on_stack(pid, sp, words, sizeof(words));
	if (vdso != 0)
		return vdso;
	ssize_t got = -1;
	char path[64];
	snprintf(path, sizeof(path), "/proc/%ld/auxv", (long)pid);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		got = read(fd, words, sizeof(words));
		close(fd);
	}
	vdso = got > 0 ? vdso_in_auxv(words, (size_t)got / sizeof(long)) : 0;
	return vdso != 0 ? vdso : vdso_by_peek(pid, sp);
}

/*
 * The address of a system call instruction in the tracee: the vDSO's
 * image is the same in every 64-bit process, only its address differs.
 * Borrowing one there means no byte of the program is written: after the
 * prctl an unprivileged tracer may no longer touch the tracee's memory
 * (ptrace_access_vm), only its registers, so written code could not be
 * put back.
 */
static bool find_insn(pid_t pid, uintptr_t sp, uintptr_t *addr, char *why, size_t why_size)
{
	long off = insn_offset();
	uintptr_t vdso = vdso_of(pid, sp);
	if (off < 0 || vdso == 0)
		return snprintf(why, why_size, "no vDSO with a system call instruction (booted "
		                "with vdso=0?)"), false;
	*addr = vdso + (uintptr_t)off;
	uintptr_t w = *addr & ~(uintptr_t)(WORD - 1);
	unsigned char b[2 * WORD];
	for (int i = 0; i < 2; i++) {
		errno = 0;
		long word = ptrace(PTRACE_PEEKTEXT, pid, (void *)(w + (uintptr_t)i * WORD), NULL);
		if (errno != 0)
			return snprintf(why, why_size, "reading the vDSO at %#jx: %s", (uintmax_t)w,
			                strerror(errno)), false;
		memcpy(b + i * WORD, &word, WORD);
	}
	if (memcmp(b + (*addr - w), syscall_insn, INSN_LEN) != 0)
		return snprintf(why, why_size, "the new program's vDSO is not this one (an x32 "
		                "program?)"), false;
	return true;
}

/*
 * Single-step until the program counter has passed the instruction at
 * PC. A signal that stops the tracee first is handed on with the next
 * step (delivered as it would have been); a group-stop is waited out.
 */
static enum inject_result step_over(pid_t pid, uintptr_t pc, struct user_regs_struct *after,
                                    char *why, size_t why_size)
{
	int deliver = 0;
	for (int stops = 0; stops < MAX_STOPS; stops++) {
		int status;
		if (ptrace(PTRACE_SINGLESTEP, pid, NULL, (void *)(long)deliver) != 0)
			return snprintf(why, why_size, "single-step: %s", strerror(errno)), INJECT_FAILED;
		deliver = 0;
		pid_t got;
		while ((got = waitpid(pid, &status, __WALL)) < 0 && errno == EINTR)
			;
		if (got < 0)
			return snprintf(why, why_size, "waiting: %s", strerror(errno)), INJECT_FAILED;
		if (WIFSIGNALED(status) && WTERMSIG(status) == SIGSYS)
			snprintf(why, why_size, "the program was killed by SIGSYS at the injected "
			         "prctl(PR_SET_DUMPABLE, 0) (does seccomp deny prctl?)");
		if (WIFEXITED(status) || WIFSIGNALED(status))
			return INJECT_GONE;
		int sig = WSTOPSIG(status);
		if (status >> 16 == PTRACE_EVENT_STOP) {
			if (!nodump_group_stop(status))
				continue; /* a SIGCONT's notice (SIGTRAP): step again */
			/* group-stop: stay stopped until SIGCONT, then step again */
			if (ptrace(PTRACE_LISTEN, pid, NULL, NULL) != 0)
				return snprintf(why, why_size, "listen: %s", strerror(errno)), INJECT_FAILED;
			while ((got = waitpid(pid, &status, __WALL)) < 0 && errno == EINTR)
				;
			if (got < 0 || WIFEXITED(status) || WIFSIGNALED(status))
				return INJECT_GONE;
			deliver = WSTOPSIG(status) == SIGTRAP ? 0 : WSTOPSIG(status);
			continue;
		}
		if (sig == SIGTRAP) {
			if (!get_regs(pid, after, why, why_size))
				return INJECT_FAILED;
			if (REG_PC(*after) == pc + INSN_LEN)
				return INJECT_OK;
			deliver = SIGTRAP; /* somebody else's SIGTRAP, before the step */
			continue;
		}
		deliver = sig;
	}
	return snprintf(why, why_size, "the program kept stopping"), INJECT_FAILED;
}

enum inject_result nodump_arch_inject(pid_t pid, char *why, size_t why_size)
{
	struct user_regs_struct saved, call, after;
	uintptr_t insn;

	if (!get_regs(pid, &saved, why, why_size))
		return INJECT_FAILED;
	/*
	 * The tracer may read a stopped tracee's memory unless its program is
	 * not dumpable (ptrace_access_vm), and the top of the new stack is
	 * always there: refused means the kernel has already made the program
	 * non-dumpable (a binary the user may execute but not read, or
	 * different real and effective ids), and there is nothing to inject.
	 */
	unsigned long top;
	if (!peek(pid, (uintptr_t)REG_SP(saved), &top) && errno == EIO)
		return INJECT_OK;
	if (!find_insn(pid, (uintptr_t)REG_SP(saved), &insn, why, why_size))
		return INJECT_FAILED;
	call = saved;
	REG_PC(call) = insn;
	set_call(&call, SYS_prctl, PR_SET_DUMPABLE, 0);
	enum inject_result r = INJECT_FAILED;
	if (set_regs(pid, &call, why, why_size))
		r = step_over(pid, insn, &after, why, why_size);
	if (r == INJECT_GONE)
		return r;
	/* Back to the entry point with execve's registers, whatever the step did. */
	char why2[128];
	if (!set_regs(pid, &saved, why2, sizeof(why2)))
		return snprintf(why, why_size, "restoring the registers: %s", why2), INJECT_BROKEN;
	if (r != INJECT_OK)
		return r;
	long result = (long)REG_RESULT(after);
	if (result != 0)
		return snprintf(why, why_size, "prctl(PR_SET_DUMPABLE, 0) in the new program failed: "
		                "%s", result < 0 && result > -4096 ? strerror((int)-result) :
		                "unexpected result"), INJECT_FAILED;
	return INJECT_OK;
}

#else

const char *const nodump_arch_name = NULL;

enum inject_result nodump_arch_inject(pid_t pid, char *why, size_t why_size)
{
	(void)pid;
	snprintf(why, why_size, "not written for this architecture");
	return INJECT_FAILED;
}

#endif
