/*
 * sdactivate [--other-pid | --bad-count | --listen-fds VALUE | --files | --opath FILE]
 *            N PROGRAM [ARG...]
 *
 * Imitate systemd socket activation (sd_listen_fds(3)): open N Unix sockets
 * at 3..3+N-1, set LISTEN_PID to this process, LISTEN_FDS=N and
 * LISTEN_FDNAMES=a:b:..., keep PATH, and execve() PROGRAM (a path). The PID
 * does not change across execve, so LISTEN_PID names PROGRAM as systemd would.
 *
 * One more descriptor is opened at 3+N+2, outside the activation range and
 * without close-on-exec: the launcher must close it.
 *
 *   --other-pid        LISTEN_PID is our parent's PID: the variables belong
 *                      to another process and must not be honoured.
 *   --bad-count        LISTEN_FDS is "<N>x", malformed.
 *   --listen-fds VALUE LISTEN_FDS is VALUE exactly.
 *   --files            the activation range holds /dev/null, not sockets: a
 *                      forged hand-over of the caller's open files.
 *   --opath FILE       the range holds O_PATH descriptors of FILE (a FIFO or a
 *                      socket file): they fstat() as one, but are not open.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include <errno.h>
#include <sys/socket.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { EXIT_HELPER_ERROR = 120, MAX_FDS = 64, FIRST_FD = 3 };

static _Noreturn void fail(const char *what)
{
	dprintf(2, "sdactivate: %s: %s\n", what, strerror(errno));
	_exit(EXIT_HELPER_ERROR);
}

static _Noreturn void usage(void)
{
	dprintf(2, "usage: sdactivate [--other-pid | --bad-count | --listen-fds VALUE | --files | "
		"--opath FILE] N PROGRAM [ARG...]\n");
	_exit(EXIT_HELPER_ERROR);
}

/* printf into a fresh heap string, checked. */
static char *format(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static char *format(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	int n = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (n < 0)
		fail("vasprintf");
	return s;
}

/* Put /dev/null at FD, without close-on-exec. */
static void null_at(int src, int fd)
{
	if (dup2(src, fd) != fd)
		fail("dup2");
}

int main(int argc, char **argv)
{
	enum { OWN_PID, OTHER_PID } pid_mode = OWN_PID;
	const char *fds_value = NULL;
	int bad_count = 0;
	int files = 0;
	const char *opath = NULL;
	int i = 1;

	if (i < argc && strcmp(argv[i], "--other-pid") == 0) {
		pid_mode = OTHER_PID;
		i++;
	} else if (i < argc && strcmp(argv[i], "--bad-count") == 0) {
		bad_count = 1;
		i++;
	} else if (i + 1 < argc && strcmp(argv[i], "--listen-fds") == 0) {
		fds_value = argv[i + 1];
		i += 2;
	} else if (i < argc && strcmp(argv[i], "--files") == 0) {
		files = 1;
		i++;
	} else if (i + 1 < argc && strcmp(argv[i], "--opath") == 0) {
		opath = argv[i + 1];
		i += 2;
	}
	if (argc - i < 2)
		usage();

	char *end;
	errno = 0;
	long n = strtol(argv[i], &end, 10);
	if (errno != 0 || end == argv[i] || *end != '\0' || n < 0 || n > MAX_FDS)
		usage();
	i++;

	/*
	 * Open above every descriptor we are about to place, so that dup2 never
	 * meets oldfd == newfd (which would leave close-on-exec set).
	 */
	int opened = open("/dev/null", O_RDWR | O_CLOEXEC);
	if (opened < 0)
		fail("open /dev/null");
	int src = fcntl(opened, F_DUPFD_CLOEXEC, FIRST_FD + (int)n + 3);
	if (src < 0)
		fail("fcntl(F_DUPFD_CLOEXEC)");
	if (close(opened) != 0)
		fail("close");
	int sock = opath != NULL ? open(opath, O_PATH | O_CLOEXEC)
	                         : socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (sock < 0)
		fail(opath != NULL ? "open O_PATH" : "socket");
	int sock_src = fcntl(sock, F_DUPFD_CLOEXEC, FIRST_FD + (int)n + 4);
	if (sock_src < 0 || close(sock) != 0)
		fail("fcntl(F_DUPFD_CLOEXEC) socket");
	for (int k = 0; k < n; k++)
		null_at(files ? src : sock_src, FIRST_FD + k);
	null_at(src, FIRST_FD + (int)n + 2);
	if (close(src) != 0 || close(sock_src) != 0)
		fail("close");

	char names[MAX_FDS * 4 + 1] = "";
	size_t used = 0;
	for (int k = 0; k < n; k++) {
		int w = snprintf(names + used, sizeof(names) - used, "%s%c",
				 k == 0 ? "" : ":", 'a' + k % 26);
		if (w < 0 || (size_t)w >= sizeof(names) - used) {
			errno = ENAMETOOLONG;
			fail("LISTEN_FDNAMES");
		}
		used += (size_t)w;
	}

	pid_t pid = pid_mode == OWN_PID ? getpid() : getppid();
	const char *path = getenv("PATH");
	char *envp[] = {
		format("LISTEN_PID=%ld", (long)pid),
		fds_value != NULL ? format("LISTEN_FDS=%s", fds_value)
			: format("LISTEN_FDS=%ld%s", n, bad_count ? "x" : ""),
		format("LISTEN_FDNAMES=%s", names),
		format("PATH=%s", path != NULL ? path : "/usr/bin:/bin"),
		NULL,
	};

	execve(argv[i], argv + i, envp);
	fail(argv[i]);
}
