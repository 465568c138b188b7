/* Policy files: parsed strictly into plain data; deciding is rules.c's job. */
#ifndef HARDEXEC_POLICY_H
#define HARDEXEC_POLICY_H

#include "confine.h"
#include "strset.h"

#include <stdbool.h>
#include <stdint.h>
#include <stddef.h>
#include <sys/types.h>

/* Where a setting came from, for messages and --explain. */
struct policy_loc {
	const char *file;          /* owned by the policy */
	unsigned line;             /* 0: not set */
};

struct strvec {
	char **items;
	size_t len;
	size_t cap;
};

enum tristate { TRI_UNSET = 0, TRI_NO, TRI_YES };
enum env_mode { ENV_MODE_UNSET = 0, ENV_MODE_INHERIT, ENV_MODE_CLEAR };
enum trust_owner { TRUST_OWNER_ROOT = 0, TRUST_OWNER_SELF };

/* Keys valid in [defaults] and in [program]. */
struct env_settings {
	enum env_mode mode;
	struct policy_loc mode_at;
	struct strvec keep;        /* NAME or PREFIX* */
	struct strvec set;         /* NAME=VALUE */
	struct strvec unset;       /* NAME or PREFIX* */
	char *secure_path;
	struct policy_loc secure_path_at;
};

/* What follows a flag: nothing; a value, attached or the next argument (--name=); or a value
 * only when attached (--name[=]: getopt's optional argument, GNU --color[=WHEN], sed
 * -i[SUFFIX]). */
enum flag_value { FLAG_NO_VALUE, FLAG_VALUE, FLAG_OPTIONAL_VALUE };

/* One allowed flag: "--name", "-n" or "-name", without its '=' or '[=]'. */
struct flag {
	char *name;
	enum flag_value value;
};

/* One path = line of a rule. */
struct rule_path {
	const char *path;          /* absolute, as written; in the kept text (policy->texts) */
	unsigned line;
	unsigned rule;             /* index of its rule in policy->rules */
};

/* A rule's argument keys (struct rule holds them only when one is set). */
struct arg_rules {
	struct strvec subcommands;
	struct flag *flags;
	size_t flags_len;
	long positional_min;       /* 0 when unset */
	long positional_max;       /* -1: no limit */
	struct strvec args_deny;   /* fnmatch(3) patterns */
	enum tristate double_dash;
};

/*
 * A [program] rule. The parts most rules leave unset are behind pointers,
 * NULL until the rule sets one of their keys: a 10,000-rule policy writes
 * every byte of the array at every launch, and each fresh page of it costs
 * a page fault (80 bytes a rule instead of 160: 200 pages fewer).
 */
struct rule {
	char *label;
	struct policy_loc at;      /* the [program LABEL] line */
	size_t paths_at;           /* its paths are policy->paths[paths_at .. + paths_len]: one */
	size_t paths_len;          /* array for every rule, so a rule costs no allocation */
	enum tristate risky;
	enum trust_owner trust_owner;
	bool no_arg_limits;        /* arguments = any: no argument rules */
	uint32_t label_len;        /* strlen(label), known when it is read (in the padding) */
	struct arg_rules *args;    /* see rule_args() */
	struct env_settings *env;
	struct confine_settings *confine;
};

enum audit_kind { AUDIT_UNSET = 0, AUDIT_NONE, AUDIT_STDERR, AUDIT_SYSLOG, AUDIT_FILE };

struct policy {
	const char *source;        /* file name, or "<embedded default>" */
	bool embedded;
	bool defaults_seen;
	struct env_settings env;   /* [defaults] */
	struct confine_settings confine; /* [defaults] */
	enum tristate allow_trusted_dirs;
	struct strvec trusted_dirs;
	enum audit_kind audit;
	char *audit_file;
	struct policy_loc audit_at;
	struct rule *rules;
	size_t rules_len;
	size_t rules_cap;
	struct rule_path *paths;   /* every rule's paths, a rule's next to each other */
	size_t paths_len;
	size_t paths_cap;
	struct strset path_index;  /* each path as written -> its index in paths; made by
	                            * policy_check (see policy_path_find) */
	struct strvec files;       /* every file read, owned; policy_loc.file points here */
	struct strvec texts;       /* the parsed text of each file, edited in place and kept:
	                            * rule labels and paths point into it (no copy per rule) */
};

/*
 * Parse TEXT (LEN bytes, from FILE) into POLICY, appending rules. Exits 78
 * with "FILE:LINE: ..." on any error. ALLOW_INCLUDE is false for files read
 * through include, and MAY_HAVE_DEFAULTS false after a [defaults] was seen.
 */
void policy_parse_text(struct policy *policy, const char *file, const char *text, size_t len,
                       bool allow_include);

/*
 * Load FILE after checking that it can be trusted (owner and mode of the
 * file and its directories, see policy_trust_file), following include.
 */
void policy_load_file(struct policy *policy, const char *file);

/* The embedded default (SPEC): trusted directories, risky binaries need a rule. */
void policy_load_embedded(struct policy *policy);

/*
 * Checks across the whole policy, after every file was read: labels and
 * paths unique. Exits 78 naming both places. Keeps the index of paths that
 * policy_path_find reads.
 */
void policy_check(struct policy *policy);

/* The index in POLICY->paths of the rule path written exactly as PATH; -1 if none.
 * Needs policy_check to have run (an internal error otherwise, when there are rules). */
long policy_path_find(const struct policy *policy, const char *path);

/* The paths of R, a rule of P: R->paths_len of them. */
static inline const struct rule_path *rule_paths(const struct policy *p, const struct rule *r)
{
	return p->paths + r->paths_at;
}

/* R's argument keys: the defaults (no flag, no subcommand, any number of positional
 * arguments) when it set none. */
static inline const struct arg_rules *rule_args(const struct rule *r)
{
	static const struct arg_rules none = { .positional_max = -1 };
	return r->args != NULL ? r->args : &none;
}

void policy_init(struct policy *policy);
void policy_free(struct policy *policy);

#endif
