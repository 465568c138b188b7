/* The target's system call filter (libseccomp). */
#ifndef HARDEXEC_SECCOMP_FILTER_H
#define HARDEXEC_SECCOMP_FILTER_H

#include "config.h"

#include <stdbool.h>
#include <stddef.h>

/* seccomp = strict is SECCOMP_MODE_ALLOWLIST: <linux/seccomp.h> defines SECCOMP_MODE_STRICT. */
enum seccomp_mode { SECCOMP_MODE_UNSET = -1, SECCOMP_MODE_NONE = 0, SECCOMP_MODE_DEFAULT = 1,
                    SECCOMP_MODE_ALLOWLIST = 2 };
enum seccomp_action { SECCOMP_ACTION_UNSET = -1, SECCOMP_ACTION_ERRNO = 0, SECCOMP_ACTION_KILL,
                      SECCOMP_ACTION_LOG };

/* The filter asked for, gathered from the policy levels and the command line. */
struct seccomp_spec {
	int mode;           /* enum seccomp_mode; UNSET: the default profile */
	int action;         /* enum seccomp_action; UNSET: errno EPERM */
	const char *deny;   /* names and @groups; NULL: none */
	const char *allow;  /* names and @groups; NULL: none */
	int abis;           /* bits from seccomp_parse_abi: ABIs allowed beside the native one */
	const char *source; /* where the settings come from, for messages */
};

/* A named list of system calls: a group of the default profile or a class of strict. */
struct seccomp_group {
	const char *name;
	const char *const *calls; /* NULL-terminated */
};

/*
 * The default profile's groups (denied), the groups it leaves allowed that
 * seccomp-deny can name, and strict's classes (allowed).
 */
extern const struct seccomp_group seccomp_deny_groups[];
extern const size_t seccomp_deny_groups_len;
extern const struct seccomp_group seccomp_optional_groups[];
extern const size_t seccomp_optional_groups_len;
extern const struct seccomp_group seccomp_strict_classes[];
extern const size_t seccomp_strict_classes_len;

/* Parse "default | strict | none"; false + WHY. */
bool seccomp_parse_mode(const char *value, int *out, char *why, size_t why_size);

/* Parse "errno | kill | log"; false + WHY. */
bool seccomp_parse_action(const char *value, int *out, char *why, size_t why_size);

/* Check a list of system call names and @groups (blank or comma separated); false + WHY. */
bool seccomp_names_valid(const char *names, char *why, size_t why_size);

/*
 * One ABI this architecture also runs (i386 or x32 on x86_64, arm on
 * aarch64) into its bit for seccomp_spec.abis; false + WHY for an unknown
 * name or one of another architecture.
 */
bool seccomp_parse_abi(const char *name, int *bit, char *why, size_t why_size);

/*
 * The filter, in two steps. seccomp_plan_prepare builds the whole program
 * (memory, a memfd for libseccomp's export) while resource limits do not
 * apply yet: mode default allows by default and denies the default profile
 * plus DENY, minus ALLOW; strict denies by default and allows its classes
 * minus DENY, plus ALLOW; none builds nothing (DENY, ALLOW or ABIs with
 * none are refused). seccomp_plan_load attaches it, the last step before
 * exec, and reads back PR_GET_SECCOMP == 2. Both exit 71 naming the step.
 */
struct seccomp_plan {
	struct seccomp_spec spec;  /* with the defaults filled in */
	void *insns;               /* struct sock_filter[len]; NULL: nothing to load */
	size_t len;
};
void seccomp_plan_prepare(const struct seccomp_spec *spec, struct seccomp_plan *plan);
void seccomp_plan_load(struct seccomp_plan *plan);

#if HAVE_SECCOMP
#include <linux/filter.h>
#include <seccomp.h>

/*
 * The main filter of SPEC as libseccomp builds it, exported as BPF (the
 * argument checks not in front): its instructions (free them), their
 * number in *LEN; exits 71 on failure. seccomp_plan_prepare uses it at a
 * launch, tools/seccomp_gen for the default and strict profiles at build
 * time.
 */
struct sock_filter *seccomp_main_program(const struct seccomp_spec *spec, size_t *len);

/* A main filter exported as BPF at build time (tools/seccomp_gen). */
struct seccomp_prebuilt {
	int mode, action;
	const struct sock_filter *insns;
	unsigned short len;
};

/*
 * The argument checks SPEC asks for (clone, ioctl, personality) followed by
 * the main program MAIN (LEN instructions), as one filter, into PLAN
 * (seccomp_plan_load attaches it).
 */
void seccomp_join_checks(const struct sock_filter *main, size_t len,
                         const struct seccomp_spec *spec, struct seccomp_plan *plan);

/*
 * The default and strict profiles with every action, whole: argument checks
 * and main program, as tools/seccomp_gen rewrote them (tools/bpf_compact.c).
 */
extern const struct seccomp_prebuilt seccomp_prebuilt_progs[];
extern const size_t seccomp_prebuilt_count;

/* The prebuilt filter of SPEC, or NULL when SPEC adds, takes out or allows another ABI. */
const struct seccomp_prebuilt *seccomp_prebuilt_find(const struct seccomp_spec *spec);
#endif

/* Write GROUPS (LEN of them) and their calls as a JSON array (for --explain). */
void seccomp_describe_groups(const struct seccomp_group *groups, size_t len);

/* The argument checks SPEC's filter makes (clone, ioctl, personality), as one phrase. */
void seccomp_describe_arguments(const struct seccomp_spec *spec, char *buf, size_t size);

/* Write the ABIs a filter with ABIS lets through as a JSON array (for --explain). */
void seccomp_describe_abis(int abis);

#endif
