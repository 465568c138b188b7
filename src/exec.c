/* The exec itself: same PID, no shell, the inode that was checked. */
#include "exec.h"
#include "report.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

/*
 * execveat(fd, "", ..., AT_EMPTY_PATH) runs exactly the inode resolve.c
 * opened and checked; execve(path) would look the path up again and could
 * run whatever a symlink swap put there in between. The descriptor is
 * close-on-exec, so the target does not inherit it.
 */
_Noreturn void exec_target(const struct target *target, char *const argv[], char *const envp[])
{
	char buf[ESCAPED_MAX];

	/*
	 * A #! script is read by its interpreter through /dev/fd/N, which the
	 * kernel passes as the script's path (binfmt_script); with
	 * close-on-exec that descriptor would be gone and exec fails with
	 * ENOENT. rules.c has judged both the script and its interpreter.
	 */
	if (target->interpreter != NULL && fcntl(target->fd, F_SETFD, 0) != 0)
		die(EXIT_CANNOT_EXEC, "fcntl(F_SETFD) on the script: %s", strerror(errno));
	execveat(target->fd, "", argv, envp, AT_EMPTY_PATH);
	int err = errno;
	escape_str(buf, sizeof(buf), target->path);
	/*
	 * ENOENT for a file that is open: the kernel needed a path it could
	 * not reach: a missing ELF interpreter (PT_INTERP), or a binfmt_misc
	 * handler handed /dev/fd/N of our close-on-exec descriptor
	 * (execveat(2), NOTES).
	 */
	if (err == ENOENT)
		die(EXIT_CANNOT_EXEC, "execveat %s: %s (its ELF interpreter is missing, or it needs a "
		    "binfmt_misc handler, which cannot read a close-on-exec descriptor)",
		    buf, strerror(err));
	die(EXIT_CANNOT_EXEC, "execveat %s: %s", buf, strerror(err));
}
