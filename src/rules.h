/* Deciding: may this program run with exactly these arguments? */
#ifndef HARDEXEC_RULES_H
#define HARDEXEC_RULES_H

#include "policy.h"
#include "resolve.h"

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* Command-line additions to the policy: --allow and --allow-risky PATHs. */
struct rules_extra {
	const char *const *allow;
	size_t allow_len;
	const char *const *allow_risky;
	size_t allow_risky_len;
};

struct decision {
	bool allowed;
	const struct rule *rule;     /* the matching [program] rule, or NULL */
	const struct rule *interp_rule; /* a #! script's: its interpreter's rule, or NULL; its
	                             * environment and confinement apply before the script's */
	char matched_by[PATH_MAX + 96]; /* "[program git] at FILE:LINE", "--allow PATH", ... */
	const char *risky_class;     /* NULL: not a risky binary */
	char reason[PATH_MAX + 256]; /* why denied, or why allowed */
	size_t bad_index;            /* offending argv index, 0 if none */
	long insert_double_dash;     /* argv index to insert "--" before, or -1 */
};

/* The risky class of a program by the basename of its canonical path, or NULL. */
const char *rules_risky_class(const char *canonical_path);

/*
 * Decide for TARGET run as ARGV by the user UID. Never exits for a
 * denial: the caller reports it (exit 77), or prints it (--check, --explain).
 */
void rules_decide(const struct policy *policy, const struct rules_extra *extra,
                  const struct target *target, char *const argv[], uid_t uid,
                  struct decision *out);

/*
 * After rules_decide, once the working directory DIR (NULL: unchanged) the
 * target will start in is known: a relative argv[0] with a '/' is read
 * from there, so it must lead to the file from there too. Denies in D.
 */
void rules_check_argv0_dir(struct decision *d, const struct target *t, const char *argv0,
                           const char *dir, uid_t uid);

/*
 * The argv the target gets: ARGV with "--" inserted where the rule's
 * double-dash asked for it. A new array; the strings are ARGV's.
 */
char **rules_final_argv(char *const argv[], const struct decision *d);

#endif
