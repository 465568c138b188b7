/*
 * hardexec: harden, check, scrub, exec. The order below is the pipeline in
 * SPEC.md; each step exits with its documented code on failure, so nothing
 * after a failed step ever runs.
 */
#include "env.h"
#include "exec.h"
#include "fds.h"
#include "harden.h"
#include "ids.h"
#include "options.h"
#include "report.h"
#include "resolve.h"
#include "version.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
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

int main(int argc, char **argv)
{
	struct options opts;
	struct target target;
	struct env_result env;

	harden_self();                      /* 1. before any input is read */
	fds_ensure_std();                   /*    0-2 open, so no later file becomes one */
	ids_refuse_setid();                 /*    never a privilege boundary */
	options_parse(argc, argv, &opts);   /* 2. options */
	if (opts.action == ACTION_HELP)
		return print_and_exit(print_help, &opts);
	if (opts.action == ACTION_VERSION)
		return print_and_exit(print_version, &opts);

	target_resolve(opts.program, opts.secure_path, &target);   /* 3. resolve */

	const struct env_spec spec = {                              /* 5. environment */
		.clear = opts.env_clear,
		.keep = opts.keep_env.items, .keep_len = opts.keep_env.len,
		.set = opts.set_env.items, .set_len = opts.set_env.len,
		.unset = opts.unset_env.items, .unset_len = opts.unset_env.len,
		.secure_path = opts.secure_path,
	};
	env_build(&spec, environ, getpid(), &env);

	fds_close_inherited(opts.keep_fds, opts.keep_fds_len,     /* 6. confine */
	                    env.listen_fds, target.fd);

	exec_target(&target, opts.target_argv, env.envp);           /* 7. exec */
}
