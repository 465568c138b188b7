/* The command line: what the operator asked for, checked and stored as given. */
#ifndef HARDEXEC_OPTIONS_H
#define HARDEXEC_OPTIONS_H

#include "confine.h"

#include <stdbool.h>
#include <stddef.h>

/* The fixed search path for bare program names (SPEC, "Embedded default"). */
#define DEFAULT_SECURE_PATH "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

enum options_action {
	ACTION_RUN,
	ACTION_HELP,
	ACTION_VERSION,
};

/* A list of strings pointing into argv; sized for the whole argv. */
struct strlist {
	const char **items;
	size_t len;
};

struct options {
	enum options_action action;
	bool env_clear;
	struct strlist keep_env;   /* NAME or PREFIX* */
	struct strlist set_env;    /* NAME=VALUE */
	struct strlist unset_env;  /* NAME or PREFIX* */
	const char *argv0;         /* NULL: PROGRAM as written */
	const char *secure_path;   /* never NULL after parsing */
	bool secure_path_given;    /* --secure-path was on the command line */
	int *keep_fds;
	size_t keep_fds_len;
	const char *policy_file;   /* --policy, or NULL */
	struct strlist allow;      /* --allow PATH */
	struct strlist allow_risky;/* --allow-risky PATH */
	bool check;                /* --check: decide, never exec */
	bool explain;              /* --explain: print the decision as JSON, never exec */
	struct confine_settings confine; /* --rlimit, --umask, --chdir, --pdeathsig, --no-new-privs */
	const char *program;       /* PROGRAM as written: what is resolved */
	char **target_argv;        /* argv for the target, NULL-terminated, inside argv;
	                            * [0] is --argv0 when given */
};

/*
 * Parse ARGV into OUT. Every usage error (unknown option, abbreviated long
 * option, missing argument, bad value, duplicate or contradictory options,
 * no PROGRAM unless --check) exits 64 with one line. Strings in OUT point
 * into ARGV.
 */
void options_parse(int argc, char **argv, struct options *out);

/* Release what options_parse() allocated. */
void options_free(struct options *opts);

#endif
