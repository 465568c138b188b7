/*
 * The benchmark's floor: the least a launcher that execs in place can do.
 * It opens its argument O_PATH and execveat()s that descriptor, the same
 * final step hardexec takes, with nothing before it: no checks, no new
 * environment. hardexec's cost is measured against this.
 */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

int main(int argc, char *argv[], char *envp[])
{
	if (argc < 2) {
		fputs("usage: floor PROGRAM [ARG...]\n", stderr);
		return 64;
	}
	int fd = open(argv[1], O_PATH | O_CLOEXEC);
	if (fd < 0) {
		perror(argv[1]);
		return 127;
	}
	execveat(fd, "", argv + 1, envp, AT_EMPTY_PATH);
	perror("execveat");
	return 126;
}
