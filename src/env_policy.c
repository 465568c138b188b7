/* Joining the environment settings of the policy and the command line. */
#include "env_policy.h"
#include "env.h"
#include "report.h"

#include <stdlib.h>
#include <string.h>

struct list {
	const char **items;
	size_t len;
};

static void list_add(struct list *l, const char *const *items, size_t n)
{
	if (n == 0)
		return;
	const char **grown = realloc(l->items, (l->len + n + 1) * sizeof(*grown));
	if (grown == NULL)
		die(EXIT_CONFINE, "environment: out of memory");
	l->items = grown;
	memcpy(l->items + l->len, items, n * sizeof(*items));
	l->len += n;
	l->items[l->len] = NULL;
}

static size_t name_len(const char *assignment)
{
	return (size_t)(strchr(assignment, '=') - assignment);
}

/* Add NAME=VALUE entries, replacing an earlier level's value for the same name. */
static void set_add(struct list *l, const char *const *items, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		size_t len = name_len(items[i]);
		size_t j = 0;
		while (j < l->len && !(name_len(l->items[j]) == len && memcmp(l->items[j], items[i], len) == 0))
			j++;
		if (j < l->len)
			l->items[j] = items[i];
		else
			list_add(l, &items[i], 1);
	}
}

/*
 * Add unset patterns, taking out what an earlier level set for a name they
 * match: a later level comes after (a rule's env-unset after [defaults]'
 * env-set, --unsetenv after both), as its --setenv replaces their values.
 */
static void unset_add(struct list *unset, struct list *set, const char *const *items, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		size_t k = 0;
		for (size_t j = 0; j < set->len; j++)
			if (!env_pattern_match(items[i], set->items[j], name_len(set->items[j])))
				set->items[k++] = set->items[j];
		set->len = k;
		if (set->items != NULL)
			set->items[k] = NULL;
	}
	list_add(unset, items, n);
}

/* --keep-env of a name the policy's env-unset removes anyway (removal wins in env_build): a
 * usage error rather than an option that does nothing. */
static void keep_env_check(const struct list *unset, const struct options *opts)
{
	for (size_t i = 0; i < opts->keep_env.len; i++)
		for (size_t j = 0; j < unset->len; j++)
			if (env_keep_contradicts_unset(opts->keep_env.items[i], unset->items[j]))
				die(EXIT_USAGE, "--keep-env '%s' contradicts env-unset '%s' in the policy, "
				    "which removes it anyway", opts->keep_env.items[i], unset->items[j]);
}

void env_spec_merge(const struct policy *policy, const struct rule *interp_rule,
                    const struct rule *rule, const struct options *opts, struct env_spec *spec)
{
	/* [defaults], the interpreter's rule, the rule: each level over the one before */
	const struct env_settings *levels[3] = {
		&policy->env,
		interp_rule != NULL ? interp_rule->env : NULL,
		rule != NULL ? rule->env : NULL,
	};
	struct list keep = { 0 }, set = { 0 }, unset = { 0 };
	enum env_mode mode = ENV_MODE_UNSET;
	const char *secure_path = opts->secure_path;

	/* within a level, a name both set and unset is an error (policy.c, options.c) */
	for (size_t i = 0; i < 3; i++) {
		const struct env_settings *e = levels[i];
		if (e == NULL)
			continue;
		if (e->mode != ENV_MODE_UNSET)
			mode = e->mode;
		if (e->secure_path != NULL && !opts->secure_path_given)
			secure_path = e->secure_path;
		/* a less specific level's env-unset removes a name a more specific one keeps:
		 * removal wins (hardexec.conf(5)) */
		list_add(&keep, (const char *const *)e->keep.items, e->keep.len);
		unset_add(&unset, &set, (const char *const *)e->unset.items, e->unset.len);
		set_add(&set, (const char *const *)e->set.items, e->set.len);
	}
	bool clear = opts->env_clear || mode == ENV_MODE_CLEAR;
	if (opts->keep_env.len > 0 && !clear)
		die(EXIT_USAGE, "--keep-env '%s' needs --env-clear or env = clear in the policy (without "
		    "it the environment is inherited and --unsetenv removes variables)",
		    opts->keep_env.items[0]);
	keep_env_check(&unset, opts);
	list_add(&keep, opts->keep_env.items, opts->keep_env.len);
	unset_add(&unset, &set, opts->unset_env.items, opts->unset_env.len);
	set_add(&set, opts->set_env.items, opts->set_env.len);

	*spec = (struct env_spec){
		.clear = clear,
		.keep = keep.items, .keep_len = keep.len,
		.set = set.items, .set_len = set.len,
		.unset = unset.items, .unset_len = unset.len,
		.secure_path = secure_path,
	};
}

void env_spec_free(struct env_spec *spec)
{
	free((void *)spec->keep);
	free((void *)spec->set);
	free((void *)spec->unset);
	memset(spec, 0, sizeof(*spec));
}

const char *env_resolution_path(const struct policy *policy, const struct options *opts)
{
	if (!opts->secure_path_given && policy->env.secure_path != NULL)
		return policy->env.secure_path;
	return opts->secure_path;
}
