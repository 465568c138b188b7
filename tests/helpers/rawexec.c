/*
 * rawexec ENVFILE PROGRAM [ARG...]
 *
 * execve() PROGRAM with exactly the environment in ENVFILE: NUL-separated
 * entries of arbitrary bytes, passed through untouched (duplicates, entries
 * without '=', non-UTF-8 names). No libc or language runtime can build such
 * an envp, so tests use this to hand hardexec what an attacker could.
 * PROGRAM is a path; PATH is not searched. argv[0] of PROGRAM is PROGRAM.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { EXIT_HELPER_ERROR = 120 };

static _Noreturn void fail(const char *what)
{
	dprintf(2, "rawexec: %s: %s\n", what, strerror(errno));
	_exit(EXIT_HELPER_ERROR);
}

/* Read the whole file; *len gets its size. The buffer is NUL-terminated. */
static char *read_file(const char *path, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		fail(path);

	size_t cap = 65536, used = 0;
	char *buf = malloc(cap + 1);
	if (buf == NULL)
		fail("malloc");
	for (;;) {
		if (used == cap) {
			cap *= 2;
			char *grown = realloc(buf, cap + 1);
			if (grown == NULL)
				fail("realloc");
			buf = grown;
		}
		ssize_t n = read(fd, buf + used, cap - used);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			fail(path);
		}
		if (n == 0)
			break;
		used += (size_t)n;
	}
	if (close(fd) != 0)
		fail("close");
	buf[used] = '\0';
	*len = used;
	return buf;
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		dprintf(2, "usage: rawexec ENVFILE PROGRAM [ARG...]\n");
		return EXIT_HELPER_ERROR;
	}

	size_t len;
	char *data = read_file(argv[1], &len);

	/* Every NUL ends an entry; a last entry without a NUL counts too. */
	size_t count = 0;
	for (size_t i = 0; i < len; i++)
		if (data[i] == '\0' || i + 1 == len)
			count++;

	char **envp = calloc(count + 1, sizeof(*envp));
	if (envp == NULL)
		fail("calloc");
	size_t n = 0;
	for (size_t start = 0; start < len; n++) {
		envp[n] = data + start;
		start += strlen(data + start) + 1;
	}
	envp[n] = NULL;

	execve(argv[2], argv + 2, envp);
	fail(argv[2]);
}
