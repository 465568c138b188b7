/* --check and --explain: the decision shown, never exec'd. */
#ifndef HARDEXEC_EXPLAIN_H
#define HARDEXEC_EXPLAIN_H

#include "confine.h"
#include "env.h"
#include "options.h"
#include "policy.h"
#include "resolve.h"
#include "rules.h"

/*
 * --check without PROGRAM: every rule path must exist (exit 78 naming
 * FILE:LINE otherwise); prints a summary line on stdout. Returns 0.
 */
int explain_policy_ok(const struct policy *policy);

/* --check with an allowed PROGRAM: one line on stdout. Returns 0. */
int explain_check_ok(const char *program, const struct target *target, const struct decision *d);

/*
 * --explain: one JSON object on stdout with the requested program, the
 * resolved path, the matching rule, the decision and its reason, the
 * environment (kept, removed with the reason, set) and every hardening
 * step, including what still holds after exec. Returns 0 when allowed;
 * exits 77 with the usual line when denied (after printing).
 */
int explain_json(const struct options *opts, const struct policy *policy,
                 const struct target *target, const struct decision *d,
                 const struct env_spec *spec, const struct confine_settings *confine,
                 char *const *environ_in);

#endif
