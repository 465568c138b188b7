/* Confinement of the target: the steps between deciding and exec, in a fixed order. */
#ifndef HARDEXEC_CONFINE_H
#define HARDEXEC_CONFINE_H

#include "landlock.h"
#include "rlimits.h"

#include <stdbool.h>
#include <sys/types.h>

/* One level of settings ([defaults], a [program] rule, or the command line). */
struct confine_settings {
	struct limit_set limits;
	int umask;                 /* -1: unset */
	const char *umask_source;
	char *chdir;               /* NULL: unset */
	const char *chdir_source;
	int pdeathsig;             /* 0: unset */
	const char *pdeathsig_source;
	int no_new_privs;          /* -1: unset, 0: no, 1: yes */
	const char *no_new_privs_source;
	const char *user;          /* name or number; NULL: unset */
	const char *group;
	const char *groups;        /* blank-separated names or numbers; "" is none */
	const char *user_source;   /* each of the three merges on its own */
	const char *group_source;
	const char *groups_source;
	const char *caps;          /* "none" or a list of capability names; NULL: unset */
	const char *caps_source;
	int seccomp_mode;          /* enum seccomp_mode; -1: unset (default profile) */
	const char *seccomp_mode_source;
	int seccomp_action;        /* enum seccomp_action; -1: unset (errno EPERM) */
	const char *seccomp_deny;  /* extra names and @groups; NULL: none */
	const char *seccomp_allow; /* names and @groups taken out of the profile */
	int seccomp_abis;          /* bits of seccomp_parse_abi; -1: unset (native only) */
	const char *seccomp_source;
	struct landlock_settings landlock;
	int nodump;                /* enum nodump_mode; -1: unset (required) */
	const char *nodump_source;
};

/* Everything unset. */
void confine_settings_init(struct confine_settings *c);

/*
 * Contradictions between settings that need no system state (no_new_privs
 * off with a filter or an id switch, seccomp lists without a filter): exit
 * 71. Run after the decision (a denied program exits 77, audited), and for
 * --check and --explain too, so they exit as the launch would.
 */
void confine_check(const struct confine_settings *c);

/* seccomp = none beside seccomp-deny, -allow, -abi or -action, which need a filter. */
bool confine_seccomp_lists_without_filter(const struct confine_settings *c);

/*
 * For --check and --explain: the checks of the launch that only read
 * (users and groups, capabilities hardexec has, a resource limit the
 * kernel would not apply to the target), exiting 71 as the launch would.
 */
void confine_preview(const struct confine_settings *c);

/* "user from SOURCE, group from SOURCE" for the id keys C sets, into BUF. */
void confine_ids_sources(const struct confine_settings *c, char *buf, size_t size);

/* Free the strings a policy level owns (chdir, user, group, groups, caps, Landlock lists). */
void confine_settings_free_owned(struct confine_settings *c);

/* Join levels, most specific last: each set field replaces the earlier one. */
void confine_merge(struct confine_settings *into, const struct confine_settings *from);

/* Parse helpers shared by the policy file and the command line; false + WHY on error. */
bool confine_parse_umask(const char *value, int *out, char *why, size_t why_size);
bool confine_parse_signal(const char *value, int *out, char *why, size_t why_size);

/* The signal's name without "SIG", for messages and --explain. */
const char *confine_signal_name(int sig);

struct exec_plan;
struct id_plan;
struct nodump_facts;
struct target;

/* C's user, group and groups looked up in /etc/passwd and /etc/group; false + WHY. */
bool confine_ids_plan(const struct confine_settings *c, struct id_plan *plan, char *why,
                      size_t why_size);

/*
 * What nodump's fsuid route needs to know of a launch of T (its file, or a
 * script's interpreter) under C, with IDS planned (ids_plan): for the launch
 * and for --explain alike.
 */
void confine_nodump_facts(const struct confine_settings *c, const struct target *t,
                          const struct id_plan *ids, struct nodump_facts *out);

/*
 * Apply the settings to this process, which then execs EXEC's file, in the
 * order SPEC and the confinement issue fix: nodump (its helper, if it needs
 * one, forked first, so it carries none of what follows), rlimits, umask, working
 * directory, user and groups (keeping the capabilities to keep),
 * capabilities, parent-death signal, no_new_privs, Landlock, nodump's
 * filesystem uid (when the exec keeps the target non-dumpable), seccomp. Each
 * step is read back
 * where the kernel allows; any failure exits 71 naming the step.
 * PARENT is the parent PID seen at start (a parent-death signal set after
 * the parent died would never fire).
 */
void confine_apply(const struct confine_settings *c, pid_t parent, const struct exec_plan *exec);

#endif
