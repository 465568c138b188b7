/*
 * hardexec: harden, decide, scrub, exec. The order below is the pipeline
 * in SPEC.md; each step exits with its documented code on failure, so
 * nothing after a failed step ever runs.
 */
#include "audit.h"
#include "config.h"
#include "confine.h"
#include "env.h"
#include "env_policy.h"
#include "exec.h"
#include "explain.h"
#include "fds.h"
#include "harden.h"
#include "ids.h"
#include "options.h"
#include "policy.h"
#include "report.h"
#include "resolve.h"
#include "rules.h"
#include "trust.h"
#include "version.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

extern char **environ;

/*
 * hardexec never calls setlocale(): in the C locale libc loads no locale
 * data, message catalogs or gconv modules, so LOCPATH, NLSPATH and
 * GCONV_PATH in the (attacker's) environment cannot reach hardexec itself.
 */

/* --help and --version: print, and fail loudly if stdout cannot take it. */
static int print_and_exit(void (*print)(void), struct options *opts)
{
	options_free(opts);
	print();
	if (fflush(stdout) != 0 || ferror(stdout))
		die(EXIT_USAGE, "writing to standard output: %s", strerror(errno));
	return 0;
}

/* --policy FILE; else the system policy when it exists; else the embedded default. */
static void load_policy(const struct options *opts, struct policy *policy)
{
	struct stat st;
	policy_init(policy);
	if (opts->policy_file != NULL) {
		policy_load_file(policy, opts->policy_file);
	} else if (lstat(HARDEXEC_SYSTEM_POLICY, &st) == 0) {
		/* lstat: a dangling symlink is a policy that cannot be read (exit 78), not none */
		policy_load_file(policy, HARDEXEC_SYSTEM_POLICY);
	} else if (errno != ENOENT) {
		die(EXIT_POLICY, "%s: %s", HARDEXEC_SYSTEM_POLICY, strerror(errno));
	} else {
		policy_load_embedded(policy);
	}
}

/* The one-line denial: program, offending argument, rule. Exit 77. */
static _Noreturn void deny(const char *program, char *const argv[], const struct decision *d)
{
	char prog[ESCAPED_MAX], arg[ESCAPED_MAX];
	escape_str(prog, sizeof(prog), program);
	if (d->bad_index > 0)
		die(EXIT_DENIED, "denied: %s: argument %zu '%s': %s (%s)", prog, d->bad_index,
		    escape_str(arg, sizeof(arg), argv[d->bad_index]), d->reason, d->matched_by);
	if (d->rule != NULL)
		die(EXIT_DENIED, "denied: %s: %s (%s)", prog, d->reason, d->matched_by);
	die(EXIT_DENIED, "denied: %s: %s", prog, d->reason);
}

/*
 * What an allowed launch checks next, in its order, changing nothing: contradictions
 * between settings, kept descriptors, then users, capabilities and a resource limit
 * the kernel would not apply. Exit 71 where it would.
 */
static void check_as_launch(const struct options *opts, const struct target *t,
                            const struct confine_settings *confine)
{
	int own[2];
	confine_check(confine);
	target_own_fds(t, own);
	fds_check_kept(opts->keep_fds, opts->keep_fds_len, own, 2);
	confine_preview(confine);
}

/*
 * --check with PROGRAM, in the launch's order, running nothing: audit (78),
 * decision (77), then check_as_launch (71).
 */
static int explain_check(const struct policy *policy, const struct options *opts,
                         const struct target *t, const struct decision *d,
                         const struct confine_settings *confine)
{
	char **final_argv = rules_final_argv(opts->target_argv, d);   /* as the launch records it */
	audit_record(policy, opts->program, t, final_argv, d);
	free(final_argv);
	if (!d->allowed)
		deny(opts->program, opts->target_argv, d);
	check_as_launch(opts, t, confine);
	return explain_check_ok(opts->program, t, d);
}

int main(int argc, char **argv)
{
	struct options opts;
	struct policy policy;
	struct target target;
	struct decision decision;
	struct env_spec spec;
	struct env_result env;

	pid_t parent = getppid();           /*    for the parent-death signal check */

	harden_self();                      /* 1. before any input is read */
	fds_ensure_std();                   /*    0-2 open, so no later file becomes one */
	ids_refuse_setid();                 /*    never a privilege boundary */
	options_parse(argc, argv, &opts);   /* 2. options, then the policy */
	/* SIGPIPE, SIGXFSZ ignored: a closed stdout or stderr pipe, or an audit file over
	 * RLIMIT_FSIZE, fails a write and gets the documented exit code (stdout: 64). The
	 * modes that only print never exec and keep it so; a launch gives the caller's
	 * actions back just before the filter and the exec (confine_apply). */
	bool prints = opts.action != ACTION_RUN || opts.check || opts.explain;
	report_signals_hold(prints ? EXIT_USAGE : EXIT_CONFINE);
	if (opts.action == ACTION_HELP)
		return print_and_exit(print_help, &opts);
	if (opts.action == ACTION_VERSION)
		return print_and_exit(print_version, &opts);
	load_policy(&opts, &policy);
	if (opts.check && opts.program == NULL) {
		audit_check(&policy);   /* the target a launch would write to (78) */
		int status = explain_policy_ok(&policy);
		policy_free(&policy);
		options_free(&opts);
		return status;
	}

	target_resolve(opts.program, env_resolution_path(&policy, &opts), &target);   /* 3. resolve */
	if (opts.argv0 != NULL && target.interpreter != NULL) {
		char shown[ESCAPED_MAX];
		die(EXIT_USAGE, "--argv0: %s is a #! script, whose interpreter gets it as "
		    "/proc/self/fd/N: no argv[0] would reach it",
		    escape_str(shown, sizeof(shown), opts.program));
	}

	const struct rules_extra extra = {                                       /* 4. decide */
		.allow = opts.allow.items, .allow_len = opts.allow.len,
		.allow_risky = opts.allow_risky.items, .allow_risky_len = opts.allow_risky.len,
	};
	rules_decide(&policy, &extra, &target, opts.target_argv, trust_caller(), &decision);
	env_spec_merge(&policy, decision.interp_rule, decision.rule, &opts,       /* 5. environment */
	               &spec);
	struct confine_settings confine;                                         /* 6. confinement */
	confine_settings_init(&confine);
	confine_merge(&confine, &policy.confine);
	/* a script: its interpreter's rule, then its own (the more specific) over it */
	const struct rule *rules[2] = { decision.interp_rule, decision.rule };
	for (size_t i = 0; i < 2; i++)
		if (rules[i] != NULL && rules[i]->confine != NULL)
			confine_merge(&confine, rules[i]->confine);
	confine_merge(&confine, &opts.confine);
	/* a relative argv[0] is read from the directory the program starts in */
	rules_check_argv0_dir(&decision, &target, opts.target_argv[0], confine.chdir, trust_caller());
	if (opts.explain || opts.check) {                                       /*    or show it */
		if (opts.explain)   /* --check's exits, in its order: audit (78) first */
			audit_check(&policy);
		if (opts.explain && decision.allowed)   /* a denied launch exits 77 before them */
			check_as_launch(&opts, &target, &confine);
		int status = opts.explain
			? explain_json(&opts, &policy, &target, &decision, &spec, &confine, environ)
			: explain_check(&policy, &opts, &target, &decision, &confine);
		env_spec_free(&spec);
		target_free(&target);
		policy_free(&policy);
		options_free(&opts);
		return status;
	}
	/* the record names the argv the program gets (a "--" double-dash inserts included;
	 * a denial inserts none) */
	char **final_argv = decision.allowed ? rules_final_argv(opts.target_argv, &decision) : NULL;
	audit_record(&policy, opts.program, &target,
	             final_argv != NULL ? final_argv : opts.target_argv, &decision);
	if (!decision.allowed)
		deny(opts.program, opts.target_argv, &decision);
	confine_check(&confine);   /* contradictions between settings, as --check finds them */
	env_build(&spec, environ, getpid(), &env);

	int own[2];
	target_own_fds(&target, own);
	fds_close_inherited(opts.keep_fds, opts.keep_fds_len,                   /* 7. confine */
	                    env.listen_fds, own, 2);
	struct exec_plan plan;
	exec_prepare(&target, final_argv, &plan);   /* all but the execveat, before the filter */
	confine_apply(&confine, parent, &plan);

	exec_run(&plan, env.envp);                                               /* 8. exec */
}
