/*
 * preload_marker.so: when the dynamic loader injects this object (LD_PRELOAD),
 * its constructor appends the path of the injected executable to the file
 * named by $HARDEXEC_TEST_MARKER. A test that finds the file, or finds a
 * given program in it, knows the injection happened.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { EXIT_MARKER_ERROR = 97 };

static _Noreturn void fail(const char *what)
{
	dprintf(2, "preload_marker: %s: %s\n", what, strerror(errno));
	_exit(EXIT_MARKER_ERROR);
}

__attribute__((constructor)) static void preload_marker_record(void)
{
	const char *marker = getenv("HARDEXEC_TEST_MARKER");
	if (marker == NULL)
		return;

	char exe[PATH_MAX + 1];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n < 0)
		fail("readlink /proc/self/exe");
	exe[n] = '\n';

	int fd = open(marker, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
	if (fd < 0)
		fail(marker);
	/* One write with O_APPEND: lines from several processes do not mix. */
	ssize_t w = write(fd, exe, (size_t)n + 1);
	if (w < 0)
		fail("write");
	if (w != n + 1) {
		errno = EIO;
		fail("short write");
	}
	if (close(fd) != 0)
		fail("close");
}
