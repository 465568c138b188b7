/* The environment settings in force: [defaults], then the [program] rules, then the command line. */
#ifndef HARDEXEC_ENV_POLICY_H
#define HARDEXEC_ENV_POLICY_H

#include "env.h"
#include "options.h"
#include "policy.h"

/*
 * Fill SPEC from the policy's [defaults], the rule of a script's
 * interpreter (INTERP_RULE, may be NULL), the matching RULE (may be NULL)
 * and the command line. Precedence, most specific last: env mode and
 * secure-path are replaced, keep/unset lists are joined, env-set values
 * are replaced name by name. --env-clear always clears. --keep-env when
 * nothing clears the environment is a usage error (exit 64). The arrays
 * in SPEC are allocated; free them with env_spec_free().
 */
void env_spec_merge(const struct policy *policy, const struct rule *interp_rule,
                    const struct rule *rule, const struct options *opts, struct env_spec *spec);

void env_spec_free(struct env_spec *spec);

/* Where bare names are searched: --secure-path, else [defaults] secure-path, else the default. */
const char *env_resolution_path(const struct policy *policy, const struct options *opts);

#endif
