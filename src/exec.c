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

	execveat(target->fd, "", argv, envp, AT_EMPTY_PATH);
	int err = errno;
	escape_str(buf, sizeof(buf), target->path);
	/*
	 * ENOENT for a file that is open: the kernel needed a path it could
	 * not reach, either a missing ELF interpreter (PT_INTERP) or a
	 * #!/binfmt_misc interpreter handed /dev/fd/N of our close-on-exec
	 * descriptor (execveat(2), NOTES).
	 */
	if (err == ENOENT)
		die(EXIT_CANNOT_EXEC, "execveat %s: %s (its ELF interpreter is missing, or it needs a "
		    "#! or binfmt_misc interpreter, which cannot run a close-on-exec descriptor)",
		    buf, strerror(err));
	die(EXIT_CANNOT_EXEC, "execveat %s: %s", buf, strerror(err));
}
