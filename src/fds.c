/*
 * Descriptors. A launcher that passes on whatever it inherited leaks the
 * caller's files, sockets and pipes into the target; hardexec passes 0-2,
 * what the operator names, and systemd's socket-activation range.
 */
#include "fds.h"
#include "report.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void fds_ensure_std(void)
{
	for (int fd = 0; fd <= 2; fd++) {
		if (fcntl(fd, F_GETFD) != -1)
			continue;
		if (errno != EBADF)
			die(EXIT_CONFINE, "fcntl(%d, F_GETFD): %s", fd, strerror(errno));
		/* The lowest free number is FD itself, as 0..fd-1 are open by now. */
		int null = open("/dev/null", O_RDWR | O_NOCTTY);
		if (null < 0)
			die(EXIT_CONFINE, "open /dev/null for descriptor %d: %s", fd, strerror(errno));
		if (null != fd)
			die(EXIT_CONFINE, "open /dev/null for descriptor %d returned %d", fd, null);
	}
}

static int int_cmp(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

/* FD's descriptor flags; exit 71 unless it is an inherited, open descriptor. */
static int inherited_flags(int fd, const char *who, const int *own, size_t own_len)
{
	for (size_t i = 0; i < own_len; i++)
		if (own[i] == fd)
			die(EXIT_CONFINE, "%s %d: descriptor is not open (not inherited)", who, fd);
	int flags = fcntl(fd, F_GETFD);
	if (flags == -1) {
		if (errno == EBADF)
			die(EXIT_CONFINE, "%s %d: descriptor is not open", who, fd);
		die(EXIT_CONFINE, "fcntl(%d, F_GETFD): %s", fd, strerror(errno));
	}
	return flags;
}

/* Clear close-on-exec on a descriptor the target must receive. */
static void keep_open(int fd, const char *who, const int *own, size_t own_len)
{
	int flags = inherited_flags(fd, who, own, own_len);
	if ((flags & FD_CLOEXEC) != 0 && fcntl(fd, F_SETFD, flags & ~FD_CLOEXEC) == -1)
		die(EXIT_CONFINE, "fcntl(%d, F_SETFD): %s", fd, strerror(errno));
}

void fds_check_kept(const int *keep, size_t keep_len, const int *own, size_t own_len)
{
	for (size_t i = 0; i < keep_len; i++)
		(void)inherited_flags(keep[i], "--keep-fd", own, own_len);
}

/* Kernels before 5.9 have no close_range(2): walk /proc/self/fd instead. */
static void close_span_by_proc(unsigned first, unsigned last)
{
	DIR *dir = opendir("/proc/self/fd");
	if (dir == NULL)
		die(EXIT_CONFINE, "close_range is not available and /proc/self/fd cannot be read: %s",
		    strerror(errno));
	struct dirent *d;
	errno = 0;
	while ((d = readdir(dir)) != NULL) {
		char *end;
		unsigned long fd = strtoul(d->d_name, &end, 10);
		if (d->d_name[0] < '0' || d->d_name[0] > '9' || *end != '\0' || fd < first || fd > last ||
		    (int)fd == dirfd(dir))
			continue;
		if (close((int)fd) != 0 && errno != EINTR)
			die(EXIT_CONFINE, "close(%lu): %s", fd, strerror(errno));
		errno = 0;
	}
	if (errno != 0)
		die(EXIT_CONFINE, "reading /proc/self/fd: %s", strerror(errno));
	closedir(dir);
}

/* Close every descriptor in [first, last]. */
static void close_span(unsigned first, unsigned last)
{
	if (first > last)
		return;
	if (close_range(first, last, 0) == 0)
		return;
	/* ENOSYS before Linux 5.9; EPERM or EINVAL from container seccomp profiles. */
	if (errno != ENOSYS && errno != EPERM && errno != EINVAL)
		die(EXIT_CONFINE, "close_range(%u, %u): %s", first, last, strerror(errno));
	close_span_by_proc(first, last);
}

/*
 * systemd passes sockets and FIFOs, opened. Anything else in the range is
 * not a hand-over we should honour: a forged LISTEN_PID (the environment is
 * attacker input, and PIDs can be guessed) must not carry the caller's
 * open files into the target. An O_PATH descriptor of a socket or FIFO file
 * fstat()s as one too, and reopens through /proc/self/fd without the
 * search permission its path would need: refused as well.
 */
static void check_listen_type(int fd)
{
	struct stat st;
	int flags = fcntl(fd, F_GETFL);
	if (flags < 0)
		die(EXIT_CONFINE, "socket activation: fcntl(%d): %s", fd, strerror(errno));
	if ((flags & O_PATH) != 0)
		die(EXIT_CONFINE, "socket activation: LISTEN_FDS descriptor %d is an O_PATH "
		    "descriptor, not an open socket or FIFO; refusing to pass it", fd);
	if (fstat(fd, &st) != 0)
		die(EXIT_CONFINE, "socket activation: fstat(%d): %s", fd, strerror(errno));
	if (!S_ISSOCK(st.st_mode) && !S_ISFIFO(st.st_mode))
		die(EXIT_CONFINE, "socket activation: LISTEN_FDS descriptor %d is not a socket or FIFO; "
		    "refusing to pass it (unset LISTEN_PID if this is not socket activation)", fd);
}

void fds_check_listen(int listen_fds, const int *own, size_t own_len)
{
	for (int i = 0; i < listen_fds; i++) {
		(void)inherited_flags(3 + i, "socket activation: LISTEN_FDS descriptor", own, own_len);
		check_listen_type(3 + i);
	}
}

void fds_close_inherited(const int *keep, size_t keep_len, int listen_fds, const int *own,
                         size_t own_len)
{
	size_t n = keep_len + own_len + (size_t)listen_fds;
	int *all = calloc(n, sizeof(*all));
	if (all == NULL)
		die(EXIT_CONFINE, "descriptors: out of memory");

	size_t m = 0;
	for (size_t i = 0; i < keep_len; i++) {
		keep_open(keep[i], "--keep-fd", own, own_len);
		all[m++] = keep[i];
	}
	for (int i = 0; i < listen_fds; i++) {
		keep_open(3 + i, "socket activation: LISTEN_FDS descriptor", own, own_len);
		check_listen_type(3 + i);
		all[m++] = 3 + i;
	}
	for (size_t i = 0; i < own_len; i++)
		all[m++] = own[i];
	qsort(all, m, sizeof(*all), int_cmp);

	/* Close the gaps between kept descriptors, then everything above. */
	unsigned next = 3;
	for (size_t i = 0; i < m; i++) {
		if ((unsigned)all[i] < next)
			continue; /* a duplicate: --keep-fd inside the LISTEN range */
		close_span(next, (unsigned)all[i] - 1);
		next = (unsigned)all[i] + 1;
	}
	if (next != 0)
		close_span(next, ~0U);
	free(all);
}

int fds_reopen_readable(int fd)
{
	char proc[32];
	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", fd);
	return open(proc, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
}
