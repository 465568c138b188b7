/* Errors and exit codes: the one way hardexec ends before exec. */
#ifndef HARDEXEC_REPORT_H
#define HARDEXEC_REPORT_H

#include <stddef.h>

/* Exit codes, exactly as the table in SPEC.md and hardexec(1). */
enum exit_code {
	EXIT_DUMPABLE = 5,     /* prctl(PR_SET_DUMPABLE) failed */
	EXIT_DENY_ATTACH = 6,  /* ptrace(PT_DENY_ATTACH) failed (macOS) */
	EXIT_RLIMIT_CORE = 7,  /* setrlimit(RLIMIT_CORE) failed */
	EXIT_USAGE = 64,       /* usage error on the command line */
	EXIT_CONFINE = 71,     /* a confinement step could not be applied */
	EXIT_DENIED = 77,      /* denied by policy */
	EXIT_POLICY = 78,      /* policy file error */
	EXIT_CANNOT_EXEC = 126,/* found but could not be executed */
	EXIT_NOT_FOUND = 127,  /* not found */
};

/* Print "hardexec: MESSAGE" as one line on stderr and exit with CODE. */
_Noreturn void die(enum exit_code code, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * Run FN in die() just before it exits (one hook; NULL removes it). nodump
 * uses it to make its helper let go of hardexec before hardexec ends.
 */
void report_before_exit(void (*fn)(void));

/*
 * Write S (LEN bytes) into OUT (size OUTSZ, >= 8) printable: bytes outside
 * 0x20..0x7e and the backslash become \xNN, and anything past MAX_SHOWN
 * input bytes is cut and marked with "...". Attacker bytes never reach the
 * terminal raw. Returns OUT.
 */
char *escape_bytes(char *out, size_t outsz, const char *s, size_t len);

/*
 * The LEN bytes at S into OUT (OUTSZ bytes, at least 1) as escape_bytes()
 * writes them, also escaping the characters in ALSO, without shortening
 * (but never past OUTSZ); returns the length written.
 */
size_t escape_into(char *out, size_t outsz, const char *s, size_t len, const char *also);

/* escape_bytes() for a NUL-terminated string. */
char *escape_str(char *out, size_t outsz, const char *s);

/* Buffer size that holds any escaped, shortened string. */
enum { ESCAPED_MAX = 64 * 4 + 4 };

/*
 * SIGPIPE and SIGXFSZ ignored from here until report_signals_release(), the
 * caller's actions kept: a closed pipe on stdout or stderr, or a file over
 * RLIMIT_FSIZE (the audit file), then makes a write fail (EPIPE, EFBIG) and
 * hardexec exit with its documented code instead of dying by the signal.
 * Exit CODE if an action cannot be changed.
 */
void report_signals_hold(enum exit_code code);

/* The caller's actions back, for the target (dispositions survive exec). */
void report_signals_release(void);

#endif
