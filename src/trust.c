/*
 * Trust checks. A policy file or a binary is only as safe as the people who
 * can change it: its owner, anyone who can write it, and anyone who can
 * write or own a directory above it (they can rename it away and put
 * another file in its place).
 */
#include "trust.h"
#include "report.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/magic.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/xattr.h>
#include <unistd.h>

/*
 * The overflow uid: what the kernel shows for an id the user namespace does
 * not map (kernel.overflowuid, 65534 unless changed), read once; the default
 * when /proc cannot say.
 */
static uid_t overflow_uid(void)
{
	static uid_t value = (uid_t)-1;
	if (value != (uid_t)-1)
		return value;
	value = 65534;
	int fd = open("/proc/sys/kernel/overflowuid", O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd >= 0) {
		char text[16];
		ssize_t n = read(fd, text, sizeof(text) - 1);
		(void)close(fd);   /* read-only */
		if (n > 0) {
			text[n] = '\0';
			char *end;
			unsigned long v = strtoul(text, &end, 10);
			if (end != text && (*end == '\n' || *end == '\0') && v < (uid_t)-1)
				value = (uid_t)v;
		}
	}
	return value;
}

uid_t trust_owner(uid_t uid)
{
	/* every owner the namespace does not map shows as the overflow uid: a user that is
	 * that uid would take anyone's files for its own */
	return uid != 0 && uid == overflow_uid() ? 0 : uid;
}

uid_t trust_caller(void)
{
	return trust_owner(getuid());
}

static bool owner_ok(uid_t file_owner, uid_t owner)
{
	return file_owner == 0 || file_owner == owner;
}

/* Someone other than the owner, root and root's group may write directory ST. */
static bool others_may_write(const char *dir, const struct stat *st)
{
	if ((st->st_mode & S_IWOTH) != 0 || ((st->st_mode & S_IWGRP) != 0 && st->st_gid != 0))
		return true;
	/* with an access ACL the group bits are its mask: a named user or group may write;
	 * only "no such attribute" or "no ACLs here" says there is none */
	if ((st->st_mode & S_IWGRP) == 0)
		return false;
	if (getxattr(dir, "system.posix_acl_access", NULL, 0) >= 0)
		return true;
	return errno != ENODATA && errno != ENOTSUP && errno != EOPNOTSUPP;
}

/*
 * A directory someone else cannot change: owned by root or OWNER, and not
 * writable by its group (unless that is root's group), by an ACL's named
 * users or groups, or by others; any of which is tolerable when the
 * directory is sticky and root's, where no one can rename an entry they do
 * not own (trust_resolve then accepts only a directory of root's or the
 * owner's there). False + WHY naming DIR.
 */
static bool dir_trusted(const char *dir, const struct stat *st, uid_t owner, char *why,
                        size_t why_size)
{
	char buf[ESCAPED_MAX];
	bool sticky_root = (st->st_mode & S_ISVTX) != 0 && st->st_uid == 0;
	if (!owner_ok(st->st_uid, owner))
		return snprintf(why, why_size, "directory %s is owned by uid %u",
		                escape_str(buf, sizeof(buf), dir), (unsigned)st->st_uid), false;
	if (sticky_root || !others_may_write(dir, st))
		return true;
	if ((st->st_mode & S_IWOTH) != 0)
		return snprintf(why, why_size, "directory %s is writable by others",
		                escape_str(buf, sizeof(buf), dir)), false;
	if (st->st_gid != 0)
		return snprintf(why, why_size, "directory %s is writable by its group (gid %u)",
		                escape_str(buf, sizeof(buf), dir), (unsigned)st->st_gid), false;
	return snprintf(why, why_size, "directory %s has an ACL that lets others write it",
	                escape_str(buf, sizeof(buf), dir)), false;
}

bool trust_ancestors(const char *canonical, uid_t owner, char *why, size_t why_size)
{
	char dir[PATH_MAX];
	char buf[ESCAPED_MAX];
	size_t len = strlen(canonical);

	if (len >= sizeof(dir) || canonical[0] != '/')
		return snprintf(why, why_size, "not an absolute path"), false;
	memcpy(dir, canonical, len + 1);
	for (;;) {
		char *slash = strrchr(dir, '/');
		if (slash == dir)
			slash[1] = '\0';   /* the root directory itself */
		else
			*slash = '\0';
		struct stat st;
		if (stat(dir, &st) != 0)
			return snprintf(why, why_size, "directory %s: %s", escape_str(buf, sizeof(buf), dir),
			                strerror(errno)), false;
		if (!dir_trusted(dir, &st, owner, why, why_size))
			return false;
		if (slash == dir)
			return true;
	}
}

/* Append NAME (LEN bytes) to the absolute path CUR as a new last component. */
static bool path_push(char cur[static PATH_MAX], const char *name, size_t len)
{
	size_t used = strlen(cur);
	size_t sep = used > 1 ? 1 : 0;   /* "/" + name, or "/dir" + "/" + name */
	if (used + sep + len >= PATH_MAX)
		return false;
	if (sep)
		cur[used++] = '/';
	memcpy(cur + used, name, len);
	cur[used + len] = '\0';
	return true;
}

/* Drop CUR's last component ("/" stays "/"). */
static void path_pop(char cur[static PATH_MAX])
{
	char *slash = strrchr(cur, '/');
	if (slash == cur)
		slash[1] = '\0';
	else if (slash != NULL)
		*slash = '\0';
}

/* CUR must be a directory to go on from (ENOTDIR as the kernel says it); false + WHY. */
static bool walk_dir(const char *cur, struct stat *st, char *why, size_t why_size)
{
	char buf[ESCAPED_MAX];
	if (stat(cur, st) != 0)
		return snprintf(why, why_size, "%s: %s", escape_str(buf, sizeof(buf), cur),
		                strerror(errno)), false;
	if (!S_ISDIR(st->st_mode))
		return snprintf(why, why_size, "%s: %s", escape_str(buf, sizeof(buf), cur),
		                strerror(ENOTDIR)), false;
	return true;
}

bool trust_resolve(const char *path, uid_t owner, char canonical[static PATH_MAX], char *why,
                   size_t why_size, bool *untrusted)
{
	char buf[ESCAPED_MAX];
	char todo[PATH_MAX * 2];      /* what is still to walk, a symlink's target in front */
	int links = 0;
	*untrusted = false;
	if (path[0] != '/' || strlen(path) >= PATH_MAX)
		return snprintf(why, why_size, "not an absolute path shorter than PATH_MAX"), false;
	memcpy(todo, path, strlen(path) + 1);
	strcpy(canonical, "/");
	size_t at = 0;
	struct stat st;
	while (todo[at] != '\0') {
		size_t slashes = at;
		while (todo[at] == '/')
			at++;
		size_t len = strcspn(todo + at, "/");
		/* a name, ".", ".." or a trailing "/" go on from CANONICAL: it must be a directory */
		if ((len > 0 || at > slashes) && !walk_dir(canonical, &st, why, why_size))
			return false;
		if (len == 0)
			break;
		const char *name = todo + at;
		at += len;
		if (len == 1 && name[0] == '.')
			continue;
		if (len == 2 && name[0] == '.' && name[1] == '.') {
			path_pop(canonical);
			continue;
		}
		/* the directory the name is read from */
		if (!dir_trusted(canonical, &st, owner, why, why_size))
			return *untrusted = true, false;
		/* /proc/self/..., /dev/fd/N: names whatever file the caller has open */
		struct statfs fs;
		if (statfs(canonical, &fs) != 0)
			return snprintf(why, why_size, "directory %s: statfs: %s",
			                escape_str(buf, sizeof(buf), canonical), strerror(errno)), false;
		if (fs.f_type == PROC_SUPER_MAGIC)
			return *untrusted = true, snprintf(why, why_size, "directory %s is on a proc "
			                                   "file system, where a name leads to whatever "
			                                   "the caller opened",
			                                   escape_str(buf, sizeof(buf), canonical)), false;
		/* in a sticky one others may write, only a directory that root or the owner made:
		 * a file or symlink there could be anyone's (hard-linked, renamed in) */
		bool shared = others_may_write(canonical, &st);
		char next[PATH_MAX];
		memcpy(next, canonical, strlen(canonical) + 1);
		if (!path_push(next, name, len))
			return snprintf(why, why_size, "path too long"), false;
		if (lstat(next, &st) != 0)
			return snprintf(why, why_size, "%s: %s", escape_str(buf, sizeof(buf), next),
			                strerror(errno)), false;
		if (shared && (!S_ISDIR(st.st_mode) || !owner_ok(st.st_uid, owner)))
			return *untrusted = true, snprintf(why, why_size, "%s is in a sticky directory "
			                                   "others may write, and %s",
			                                   escape_str(buf, sizeof(buf), next),
			                                   S_ISDIR(st.st_mode) ? "not root's or the owner's"
			                                   : "not a directory"), false;
		if (!S_ISLNK(st.st_mode)) {
			memcpy(canonical, next, strlen(next) + 1);
			continue;
		}
		char target[PATH_MAX];
		ssize_t n = readlink(next, target, sizeof(target) - 1);
		if (n < 0)
			return snprintf(why, why_size, "%s: readlink: %s",
			                escape_str(buf, sizeof(buf), next), strerror(errno)), false;
		if (++links > 40)
			return snprintf(why, why_size, "%s: too many symbolic links",
			                escape_str(buf, sizeof(buf), path)), false;
		target[n] = '\0';
		/* the rest of the walk: the link's target, then what followed the link (empty,
		 * or starting with '/': a trailing '/' stays one, and asks for a directory) */
		size_t rest = strlen(todo + at);
		if ((size_t)n + rest >= sizeof(todo))
			return snprintf(why, why_size, "path too long"), false;
		memmove(todo + n, todo + at, rest + 1);
		memcpy(todo, target, (size_t)n);
		at = 0;
		if (target[0] == '/')
			strcpy(canonical, "/");
	}
	return true;
}

/*
 * Owner and mode of a policy file or directory (WHAT names it in WHY): root
 * or the caller, no group/other write.
 */
static bool owner_mode_ok(const char *what, const struct stat *st, uid_t uid, char *why,
                          size_t why_size)
{
	if (!owner_ok(st->st_uid, uid))
		return snprintf(why, why_size, "%s is owned by uid %u (expected root%s)", what,
		                (unsigned)st->st_uid, uid == 0 ? "" : " or the caller"), false;
	if ((st->st_mode & (S_IWGRP | S_IWOTH)) != 0)
		return snprintf(why, why_size, "%s is writable by %s", what,
		                (st->st_mode & S_IWOTH) != 0 ? "others" : "its group"), false;
	return true;
}

bool trust_policy_dir(const char *dir, char canonical[static PATH_MAX], char *why,
                      size_t why_size)
{
	uid_t uid = trust_caller();
	struct stat st;
	bool untrusted;
	char problem[PATH_MAX + 128];
	/* resolved through trusted directories only: a name on the way could be swapped */
	if (!trust_resolve(dir, uid, canonical, problem, sizeof(problem), &untrusted))
		return snprintf(why, why_size, "%s%s", untrusted ? "untrusted: " : "", problem), false;
	if (stat(canonical, &st) != 0)
		return snprintf(why, why_size, "%s", strerror(errno)), false;
	if (!S_ISDIR(st.st_mode))
		return snprintf(why, why_size, "not a directory"), false;
	/* the directories above were each checked as trust_resolve read a name from them */
	if (!owner_mode_ok("the include directory", &st, uid, problem, sizeof(problem)))
		return snprintf(why, why_size, "untrusted: %s", problem), false;
	return true;
}

/*
 * Open the absolute path FILE if it passes what a policy file passes (see
 * trust.h), CANONICAL getting it resolved; else -1, WHY, and *UNTRUSTED when
 * trust (not a missing file) was the reason.
 */
static int open_trusted(const char *file, uid_t uid, char canonical[static PATH_MAX], char *why,
                        size_t why_size, bool *untrusted)
{
	if (!trust_resolve(file, uid, canonical, why, why_size, untrusted))
		return -1;
	/* O_NOFOLLOW: CANONICAL has no symlinks now; one appearing later is an attack. */
	int fd = open(canonical, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NOCTTY | O_NONBLOCK);
	if (fd < 0)
		return snprintf(why, why_size, "%s", strerror(errno)), -1;
	struct stat st, dst;
	char dir[PATH_MAX];
	memcpy(dir, canonical, strlen(canonical) + 1);
	path_pop(dir);
	bool ok = false;
	if (fstat(fd, &st) != 0)
		snprintf(why, why_size, "fstat: %s", strerror(errno));
	else if (!S_ISREG(st.st_mode))
		snprintf(why, why_size, "not a regular file");
	else if (!owner_mode_ok("the file", &st, uid, why, why_size))
		*untrusted = true;
	else if (stat(dir, &dst) != 0)
		snprintf(why, why_size, "directory: %s", strerror(errno));
	else if (!owner_mode_ok("its directory", &dst, uid, why, why_size))
		*untrusted = true;
	else
		ok = true;   /* the directories above were each checked as trust_resolve went */
	if (!ok) {
		(void)close(fd);   /* read-only and never read: nothing to lose */
		return -1;
	}
	return fd;
}

int trust_open_policy(const char *file, char canonical[static PATH_MAX])
{
	char buf[ESCAPED_MAX];
	escape_str(buf, sizeof(buf), file);
	char absolute[PATH_MAX], why[PATH_MAX + 128];
	bool untrusted;
	/* a relative FILE from the working directory (getcwd: no symlinks), walked as written */
	if (file[0] != '/') {
		if (getcwd(absolute, sizeof(absolute)) == NULL)
			die(EXIT_POLICY, "%s: getcwd: %s", buf, strerror(errno));
		size_t used = strlen(absolute);
		if (used + 1 + strlen(file) >= sizeof(absolute))
			die(EXIT_POLICY, "%s: path too long", buf);
		absolute[used] = '/';
		memcpy(absolute + used + 1, file, strlen(file) + 1);
	}
	int fd = open_trusted(file[0] == '/' ? file : absolute, trust_caller(), canonical, why,
	                      sizeof(why), &untrusted);
	if (fd < 0)
		die(EXIT_POLICY, "%s: %s%s", buf, untrusted ? "untrusted policy: " : "", why);
	return fd;
}

int trust_open_system_file(const char *file, char *why, size_t why_size)
{
	char canonical[PATH_MAX], problem[PATH_MAX + 128], buf[ESCAPED_MAX];
	bool untrusted;
	int fd = open_trusted(file, trust_caller(), canonical, problem, sizeof(problem), &untrusted);
	if (fd < 0)
		snprintf(why, why_size, "%s: %s%s", escape_str(buf, sizeof(buf), file),
		         untrusted ? "untrusted: " : "", problem);
	return fd;
}
