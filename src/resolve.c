/*
 * Finding and checking the target. Everything is checked through one
 * O_PATH descriptor and that same descriptor is exec'd (exec.c), so a
 * symlink or rename swapped in after the check changes nothing: the inode
 * that runs is the inode that was checked.
 */
#include "resolve.h"
#include "fds.h"
#include "report.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Why a candidate was rejected; the first reason is reported if none runs. */
struct rejection {
	int code;                /* 0: nothing rejected yet */
	char msg[PATH_MAX + 128];
};

static void reject(struct rejection *r, int code, const char *path, const char *why)
{
	char buf[ESCAPED_MAX];
	if (r->code != 0)
		return;
	r->code = code;
	snprintf(r->msg, sizeof(r->msg), "%s: %s", escape_str(buf, sizeof(buf), path), why);
}

/*
 * faccessat(2) with AT_EMPTY_PATH asks the kernel itself, including a
 * noexec mount. Kernels before 5.8 (no faccessat2) refuse the flag; then
 * the mode bits decide, as execve would for a process whose real and
 * effective ids are equal (ids.c made sure of that).
 */
static bool fd_executable(int fd, const struct stat *st)
{
	if (faccessat(fd, "", X_OK, AT_EMPTY_PATH) == 0)
		return true;
	if (errno != EINVAL && errno != ENOSYS)
		return false;
	if (geteuid() == 0)
		return (st->st_mode & (S_IXUSR | S_IXGRP | S_IXOTH)) != 0;
	if (st->st_uid == geteuid())
		return (st->st_mode & S_IXUSR) != 0;
	if (st->st_gid == getegid())
		return (st->st_mode & S_IXGRP) != 0;
	return (st->st_mode & S_IXOTH) != 0;
}

static bool spacetab(char c)
{
	return c == ' ' || c == '\t';
}

/* The first byte in [FIRST, LAST] (LAST included, as the kernel's helpers) that is not a
 * blank, or that ends a word (a blank or NUL); NULL if none. */
static const char *next_non_blank(const char *first, const char *last)
{
	for (; first <= last; first++)
		if (!spacetab(*first))
			return first;
	return NULL;
}

static const char *next_word_end(const char *first, const char *last)
{
	for (; first <= last; first++)
		if (spacetab(*first) || *first == '\0')
			return first;
	return NULL;
}

/*
 * Read the "#!" line of FD through /proc/self/fd, so the bytes come from
 * the checked inode. Returns false when FD is not a script. An unreadable
 * file cannot be a script anyone could run, so it is left to execveat.
 * The line is split as fs/binfmt_script.c splits it, step by step, in the
 * same 256-byte buffer (zero-filled past the end of the file): INTERP gets
 * the interpreter path, ARG the one optional argument and *HAS_ARG whether
 * there is one (it may be empty: blanks, then a NUL). Where the kernel
 * refuses (ENOEXEC) an interpreter name its buffer may have cut short, so
 * does hardexec (exit 126): the name cut here could be another file.
 */
static bool fd_script_interpreter(int fd, const char *path, char interp[static 257],
                                  char arg[static 257], bool *has_arg)
{
	char buf[256] = { 0 };
	int rfd = fds_reopen_readable(fd);
	if (rfd < 0)
		return false;
	ssize_t n = pread(rfd, buf, sizeof(buf), 0);
	close(rfd);
	if (n < 2 || buf[0] != '#' || buf[1] != '!')
		return false;
	const char *last = buf + sizeof(buf) - 1;
	const char *end = memchr(buf, '\n', sizeof(buf));
	if (end == NULL) {
		/* no newline: the name must end (a blank or NUL) within the buffer */
		const char *word = next_non_blank(buf + 2, last);
		if (word != NULL && next_word_end(word, last) == NULL)
			die(EXIT_CANNOT_EXEC, "%s: #! line: the interpreter's name does not end within "
			    "the 256 bytes the kernel reads of it, so it refuses the script",
			    escape_str((char[ESCAPED_MAX]){ 0 }, ESCAPED_MAX, path));
		end = last;   /* what remains ends at the buffer's last byte, left out */
	}
	while (spacetab(end[-1]))   /* buf[1] is '!': the loop stops there at the latest */
		end--;
	interp[0] = arg[0] = '\0';
	*has_arg = false;
	const char *name = next_non_blank(buf + 2, end);
	if (name == NULL || name == end)
		return true;   /* no name: the caller refuses "" as not absolute */
	const char *sep = next_word_end(name, end);
	const char *name_end = sep != NULL ? sep : end;
	memcpy(interp, name, (size_t)(name_end - name));
	interp[name_end - name] = '\0';
	if (sep != NULL && *sep != '\0') {
		const char *a = next_non_blank(sep, end);
		if (a != NULL && a < end) {   /* up to END or a NUL, whichever comes first: */
			size_t len = strnlen(a, (size_t)(end - a));
			memcpy(arg, a, len);
			arg[len] = '\0';
			*has_arg = true;          /* even empty (blanks, then a NUL), it is passed */
		}
	}
	return true;
}

/* The canonical path of FD, checked to name the same inode. */
static bool fd_canonical_path(int fd, const char *opened_as, const struct stat *st,
                              char out[static PATH_MAX])
{
	char proc[64];
	struct stat check;

	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", fd);
	ssize_t n = readlink(proc, out, PATH_MAX - 1);
	if (n > 0) {
		out[n] = '\0';
		if (stat(out, &check) == 0 && check.st_dev == st->st_dev && check.st_ino == st->st_ino)
			return true;
	}
	/* No /proc (a bare container): realpath, then the same inode check. */
	if (realpath(opened_as, out) != NULL && stat(out, &check) == 0 &&
	    check.st_dev == st->st_dev && check.st_ino == st->st_ino)
		return true;
	return false;
}

/*
 * Open PATH and check it. Returns the descriptor, or -1 with the reason
 * recorded in R (or errno left for the caller when the open failed).
 */
static int candidate_open(const char *path, struct target *out, struct rejection *r)
{
	struct stat st;
	int fd = open(path, O_PATH | O_CLOEXEC);
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) != 0) {
		reject(r, EXIT_CANNOT_EXEC, path, strerror(errno));
		close(fd);
		return -1;
	}
	const char *why = NULL;
	if (!S_ISREG(st.st_mode))
		why = S_ISDIR(st.st_mode) ? "is a directory, not a regular file"
		                          : "not a regular file";
	else if (!fd_executable(fd, &st))
		why = "no permission to execute (mode bits, ACL or a noexec mount)";
	else if (!fd_canonical_path(fd, path, &st, out->path))
		why = "cannot establish its canonical path (it changed while being checked)";
	if (why != NULL) {
		reject(r, EXIT_CANNOT_EXEC, path, why);
		close(fd);
		return -1;
	}
	out->st = st;
	snprintf(out->opened_as, sizeof(out->opened_as), "%s", path);
	return fd;
}

static _Noreturn void die_open_failed(const char *program, int err)
{
	char buf[ESCAPED_MAX];
	bool missing = err == ENOENT || err == ENOTDIR || err == ENAMETOOLONG;
	die(missing ? EXIT_NOT_FOUND : EXIT_CANNOT_EXEC, "%s: %s",
	    escape_str(buf, sizeof(buf), program), strerror(err));
}

static void resolve_path(const char *program, struct target *out)
{
	struct rejection r = { 0 };

	out->fd = candidate_open(program, out, &r);
	if (out->fd >= 0)
		return;
	if (r.code != 0)
		die(r.code, "%s", r.msg);
	die_open_failed(program, errno);
}

/*
 * execvp(3) semantics on a fixed list: the first candidate that can run
 * wins; a candidate that exists but cannot run (a directory, no x bit) is
 * skipped, and reported only if nothing later runs.
 */
static void resolve_bare_name(const char *name, const char *secure_path, struct target *out)
{
	struct rejection r = { 0 };
	char candidate[PATH_MAX];
	char buf[ESCAPED_MAX];
	const char *dir = secure_path;

	for (;;) {
		const char *end = strchrnul(dir, ':');
		int len = snprintf(candidate, sizeof(candidate), "%.*s/%s", (int)(end - dir), dir, name);
		if (len > 0 && (size_t)len < sizeof(candidate)) {
			out->fd = candidate_open(candidate, out, &r);
			if (out->fd >= 0)
				return;
			if (r.code == 0 && errno != ENOENT && errno != ENOTDIR && errno != ENAMETOOLONG)
				reject(&r, EXIT_CANNOT_EXEC, candidate, strerror(errno));
		}
		if (*end == '\0')
			break;
		dir = end + 1;
	}
	if (r.code != 0)
		die(r.code, "%s", r.msg);
	die(EXIT_NOT_FOUND, "%s: not found in the secure path %s", escape_str(buf, sizeof(buf), name),
	    escape_str((char[ESCAPED_MAX]){0}, ESCAPED_MAX, secure_path));
}

/*
 * A #! script runs its interpreter, which rules.c must judge too. The
 * interpreter must be an absolute path (the kernel does not search PATH)
 * and not a script itself: one level is all hardexec checks.
 */
static void resolve_interpreter(struct target *script)
{
	char interp[257], arg[257];
	char buf[ESCAPED_MAX];
	bool has_arg;

	if (!fd_script_interpreter(script->fd, script->path, interp, arg, &has_arg))
		return;
	escape_str(buf, sizeof(buf), script->path);
	if (interp[0] != '/')
		die(EXIT_CANNOT_EXEC, "%s: #! interpreter '%s' is not an absolute path", buf,
		    escape_str((char[ESCAPED_MAX]){ 0 }, ESCAPED_MAX, interp));
	struct target *it = calloc(1, sizeof(*it));
	if (it == NULL)
		die(EXIT_CANNOT_EXEC, "out of memory");
	struct rejection r = { 0 };
	it->fd = candidate_open(interp, it, &r);
	if (it->fd < 0 && r.code != 0)
		die(EXIT_CANNOT_EXEC, "%s: #! interpreter %s", buf, r.msg);
	if (it->fd < 0)
		die(EXIT_CANNOT_EXEC, "%s: #! interpreter %s: %s", buf,
		    escape_str((char[ESCAPED_MAX]){ 0 }, ESCAPED_MAX, interp), strerror(errno));
	char nested[257], nested_arg[257];
	bool nested_has_arg;
	if (fd_script_interpreter(it->fd, it->path, nested, nested_arg, &nested_has_arg))
		die(EXIT_CANNOT_EXEC, "%s: #! interpreter %s is itself a script", buf,
		    escape_str((char[ESCAPED_MAX]){ 0 }, ESCAPED_MAX, it->path));
	script->interpreter = it;
	memcpy(script->interp_path, interp, sizeof(interp));
	memcpy(script->interp_arg, arg, sizeof(arg));
	script->interp_has_arg = has_arg;
}

void target_resolve(const char *program, const char *secure_path, struct target *out)
{
	memset(out, 0, sizeof(*out));
	if (program[0] == '\0')
		die(EXIT_NOT_FOUND, "empty program name: not found");
	if (strchr(program, '/') != NULL)
		resolve_path(program, out);
	else
		resolve_bare_name(program, secure_path, out);
	resolve_interpreter(out);
}

void target_own_fds(const struct target *t, int own[2])
{
	own[0] = t->fd;
	own[1] = t->interpreter != NULL ? t->interpreter->fd : t->fd;
}

void target_free(struct target *t)
{
	free(t->interpreter);
	t->interpreter = NULL;
}
