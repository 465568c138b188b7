/* The exec itself: same PID, no shell, the inode that was checked. */
#include "exec.h"
#include "report.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/*
 * execveat(fd, "", ..., AT_EMPTY_PATH) runs exactly the inode resolve.c
 * opened and checked; execve(path) would look the path up again and could
 * run whatever a symlink swap put there in between. The descriptor is
 * close-on-exec, so the target does not inherit it.
 */
/*
 * A #! script: exec the interpreter descriptor that rules.c checked, the
 * way binfmt_script would (argv: interpreter as written, its optional
 * argument, the script, the script's arguments), instead of letting the
 * kernel look the #! path up again, which a swap could change. The script
 * is handed over as /proc/self/fd/N of its checked descriptor, which
 * therefore must survive the exec. Not /dev/fd/N, the kernel's name: perl
 * reads a script named /dev/fd/N from descriptor N itself, and ours is
 * O_PATH, so perl read nothing and exited 0; by the /proc name every
 * interpreter opens the script, with the target's own credentials.
 */
size_t exec_script_head(const struct target *t, const char *script, char *head[3])
{
	size_t k = 0;
	head[k++] = (char *)t->interp_path;
	if (t->interp_has_arg)
		head[k++] = (char *)t->interp_arg;
	head[k++] = (char *)script;
	return k;
}

char **exec_script_argv(const struct target *t, char *const argv[], char fdpath[32])
{
	size_t n = 0;
	while (argv[n] != NULL)
		n++;
	char **args = calloc(n + 3, sizeof(*args));
	if (args == NULL)
		die(EXIT_CANNOT_EXEC, "argv: out of memory");
	snprintf(fdpath, 32, "/proc/self/fd/%d", t->fd);
	size_t k = exec_script_head(t, fdpath, args);
	for (size_t i = 1; i < n; i++)
		args[k++] = argv[i];
	return args;
}

static void prepare_script(const struct target *t, char *const argv[], struct exec_plan *p)
{
	char **args = exec_script_argv(t, argv, p->fdpath);
	if (fcntl(t->fd, F_SETFD, 0) != 0)
		die(EXIT_CANNOT_EXEC, "fcntl(F_SETFD) on the script: %s", strerror(errno));
	p->fd = t->interpreter->fd;
	p->script_argv = args;
	p->argv = args;
}

void exec_prepare(const struct target *target, char *const argv[], struct exec_plan *out)
{
	memset(out, 0, sizeof(*out));
	out->target = target;
	out->fd = target->fd;
	out->argv = argv;
	if (target->interpreter != NULL)
		prepare_script(target, argv, out);
}

/* Under the seccomp filter from here: only the execveat, and its report if it fails. */
_Noreturn void exec_run(const struct exec_plan *p, char *const envp[])
{
	char buf[ESCAPED_MAX];
	const struct target *target = p->target;

	execveat(p->fd, "", p->argv, envp, AT_EMPTY_PATH);
	int err = errno;
	if (target->interpreter != NULL)
		die(EXIT_CANNOT_EXEC, "execveat %s (interpreter of %s): %s",
		    escape_str(buf, sizeof(buf), target->interpreter->path),
		    escape_str((char[ESCAPED_MAX]){ 0 }, ESCAPED_MAX, target->path), strerror(err));
	escape_str(buf, sizeof(buf), target->path);
	/*
	 * ENOENT for a file that is open: the kernel needed a path it could
	 * not reach: a missing ELF interpreter (PT_INTERP), or a #! script
	 * (one hardexec could not read, so it did not run the interpreter
	 * itself) or a binfmt_misc handler handed /dev/fd/N of our
	 * close-on-exec descriptor (execveat(2), NOTES).
	 */
	if (err == ENOENT)
		die(EXIT_CANNOT_EXEC, "execveat %s: %s (its ELF interpreter is missing, or it is a #! "
		    "script hardexec could not read or needs a binfmt_misc handler: neither can run "
		    "from a close-on-exec descriptor)", buf, strerror(err));
	die(EXIT_CANNOT_EXEC, "execveat %s: %s", buf, strerror(err));
}
