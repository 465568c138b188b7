/* The target's environment: built as a new array, never edited in place. */
#ifndef HARDEXEC_ENV_H
#define HARDEXEC_ENV_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* What the operator asked for; strings are borrowed from the caller. */
struct env_spec {
	bool clear;                 /* start empty instead of inheriting */
	const char *const *keep;    /* NAME or PREFIX*, used only when clear */
	size_t keep_len;
	const char *const *set;     /* NAME=VALUE, added last, exactly once */
	size_t set_len;
	const char *const *unset;   /* NAME or PREFIX* */
	size_t unset_len;
	const char *secure_path;    /* PATH in clear mode unless kept or set */
	bool explain;               /* record why each entry was removed (--explain) */
};

/* A caller entry that did not reach the target, and why (--explain). */
struct env_note {
	const char *entry;
	const char *why;
};

struct env_result {
	char **envp;                /* NULL-terminated; entries borrowed or owned */
	size_t len;
	int listen_fds;             /* socket activation: fds 3..3+n-1 to keep, or 0 */
	char *path_entry;           /* owned "PATH=..." when it was added, else NULL */
	struct env_note *removed;   /* with spec->explain: every caller entry dropped */
	size_t removed_len;
};

/* True when NAME (LEN bytes) is [A-Za-z_][A-Za-z0-9_]*. */
bool env_name_valid(const char *name, size_t len);

/* True when PATTERN is a valid name, or a valid name followed by one '*'. */
bool env_pattern_valid(const char *pattern);

/* True when NAME (LEN bytes) matches PATTERN (exact, or prefix before '*'). */
bool env_pattern_match(const char *pattern, const char *name, size_t len);

/* True when keeping KEEP and unsetting UNSET (both patterns) contradict each other. */
bool env_keep_contradicts_unset(const char *keep, const char *unset);

/* True when NAME (LEN bytes) is in the always-removed table (env_table.c). */
bool env_name_dangerous(const char *name, size_t len);

/*
 * Build the target environment from ENVIRON (the caller's, read only) and
 * SPEC. SELF_PID decides whether LISTEN_PID names this process. Exits 71
 * on a malformed LISTEN_FDS addressed to us, or when memory runs out.
 */
void env_build(const struct env_spec *spec, char *const *environ_in, pid_t self_pid,
               struct env_result *out);

void env_result_free(struct env_result *res);

#endif
