/*
 * nodump by the exec itself, for a hardexec that may change its uids.
 *
 * execve makes the new image dumpable, then installs the new credentials
 * (fs/exec.c, begin_new_exec); commit_creds sets the dumpable flag to
 * fs.suid_dumpable whenever the filesystem uid changes (kernel/cred.c).
 * execve sets the filesystem uid to the effective one. So a hardexec whose
 * filesystem uid is NODUMP_FSUID when it calls execveat gets a target
 * that is non-dumpable before its first instruction, with no helper, and
 * with no window: both happen under the exec's own lock, which
 * /proc/PID/mem and ptrace take too (exec_update_lock).
 *
 * What else that exec does, and why each is harmless or excluded:
 * - AT_SECURE: set when the effective ids change or the effective gid is
 *   not one of the caller's groups (security/commoncap.c); the filesystem
 *   uid is in neither, so the target's libc does not go into secure mode.
 * - The parent-death signal is cleared by the same commit_creds: the route
 *   is not taken when one is set or inherited.
 * - The exec's permission checks use the filesystem uid: the file is
 *   checked as "others", so it must be readable and executable by
 *   everyone and carry no ACL. The ELF interpreter (PT_INTERP) is looked
 *   up the same way; it is world-executable on every distribution.
 * - Performance counters attached to the process stop at the exec, as for
 *   any non-dumpable exec (perf_event_exit_task).
 *
 * Changing the filesystem uid later needs CAP_SETUID or an id the process
 * already holds, and the capability step drops CAP_SETUID: so the saved
 * uid is set to NODUMP_FSUID first (by ids_switch, through
 * nodump_saved_uid, when the user changes). While the saved uid differs
 * from the real one, no unprivileged process can ptrace or open the
 * memory of hardexec (__ptrace_may_access wants all three uids equal to
 * its own), so the commit may make hardexec dumpable for a moment, to see
 * the kernel reset the flag (with every signal held: no core of it either).
 */
#include "nodump_fsuid.h"
#include "fds.h"
#include "report.h"

#include <errno.h>
#include <fcntl.h>
#include <elf.h>
#include <limits.h>
#include <linux/capability.h>
#include <linux/magic.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <grp.h>
#include <sys/fsuid.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/xattr.h>
#include <unistd.h>

const char *nodump_fsuid_blocked(const struct nodump_facts *f)
{
	if (f->pdeathsig != 0)
		return "a parent-death signal is set, which that exec would clear";
	if ((f->exe->st_mode & 0555) != 0555)
		return "the file is not readable and executable by everyone";
	if (f->exe->st_uid == NODUMP_FSUID || f->target_uid == NODUMP_FSUID)
		return "the file or the target has uid 2147483646";
	if (f->target_uid == 0 && f->keeps_fs_caps)
		return "a root target keeps a file capability, which another filesystem uid clears";
	return NULL;
}

/* CAP_SETUID in hardexec's effective set (capget(2), version 3). */
static bool may_setuid(void)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct d[_LINUX_CAPABILITY_U32S_3];
	if (syscall(SYS_capget, &h, d) != 0)
		return false;
	return (d[CAP_SETUID / 32].effective >> (CAP_SETUID % 32)) & 1u;
}

/*
 * TracerPid from /proc/self/status: NULL when 0, or why not. Read even when
 * hardexec holds CAP_SYS_PTRACE: the kernel checks a tracer's rights when
 * it attaches, so one that attached while privileged and dropped them
 * since keeps the target (a review did that to the caller before it
 * exec'd hardexec); the helper's seize fails on any tracer instead.
 */
static const char *status_blocked(void)
{
	struct stat pid;
	/* in a nested PID namespace a tracer outside it shows as TracerPid 0 (PROC_PID_INIT_INO) */
	if (stat("/proc/self/ns/pid", &pid) != 0)
		return "/proc/self/ns/pid cannot be read (no /proc?)";
	if (pid.st_ino != 0xeffffffcu)
		return "hardexec is in a nested PID namespace, where a tracer outside it is not shown";
	long tracer = nodump_tracer_pid();
	return tracer == 0 ? NULL : tracer > 0 ? "hardexec is traced"
		: "/proc/self/status cannot be read (no /proc?)";
}

/* The start of a small /proc file into BUF (NUL-terminated); its length, or -1. */
static ssize_t read_small(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	ssize_t n = read(fd, buf, size - 1);
	close(fd);
	if (n < 0)
		return -1;
	buf[n] = '\0';
	return n;
}

long nodump_tracer_pid(void)
{
	char buf[4096];
	if (read_small("/proc/self/status", buf, sizeof(buf)) <= 0)
		return -1;
	const char *p = strstr(buf, "\nTracerPid:");
	return p != NULL ? strtol(p + 11, NULL, 10) : -1;
}

/*
 * Only the first user namespace (the kernel gives it a fixed inode number,
 * PROC_USER_INIT_INO): in another, 2147483646 may be mapped to a real user
 * outside, who could then signal hardexec (a saved uid counts for kill) and
 * whose uid the exec would check files with.
 */
static const char *userns_blocked(void)
{
	struct stat user;
	if (stat("/proc/self/ns/user", &user) != 0)
		return "/proc/self/ns/user cannot be read (no /proc?)";
	return user.st_ino != 0xeffffffdu ? "hardexec is in a user namespace" : NULL;
}

/* FUSE without allow_other admits only its owner's uid, euid and saved uid all three. */
static bool on_fuse(int fd, const char *path)
{
	struct statfs sf;
	int r = path != NULL ? statfs(path, &sf) : fstatfs(fd, &sf);
	return r != 0 || sf.f_type == FUSE_SUPER_MAGIC;
}

/*
 * The ELF interpreter (PT_INTERP) of the file open on IN into OUT, "" for
 * a static program; false when the file is not ELF (binfmt_misc would look
 * its handler up by path) or cannot be read. The program headers follow
 * the ELF header in any linker's output: one read of the first 4 KiB.
 */
static bool elf_interp(int in, char *out, size_t size)
{
	unsigned char b[4096];
	ssize_t got = pread(in, b, sizeof(b), 0);
	if (got < (ssize_t)sizeof(Elf64_Ehdr) || memcmp(b, ELFMAG, SELFMAG) != 0 ||
	    (b[EI_CLASS] != ELFCLASS64 && b[EI_CLASS] != ELFCLASS32))
		return false;
	bool is64 = b[EI_CLASS] == ELFCLASS64;
	Elf64_Ehdr h64;
	Elf32_Ehdr h32;
	memcpy(&h64, b, sizeof(h64));
	memcpy(&h32, b, sizeof(h32));
	uint64_t off = is64 ? h64.e_phoff : h32.e_phoff;
	uint64_t num = is64 ? h64.e_phnum : h32.e_phnum;
	uint64_t ent = is64 ? sizeof(Elf64_Phdr) : sizeof(Elf32_Phdr);
	if (off > (uint64_t)got || num > ((uint64_t)got - off) / ent)
		return false; /* not where every linker puts them: the helper, then */
	out[0] = '\0';
	for (uint64_t i = 0; i < num; i++) {
		Elf64_Phdr p64;
		Elf32_Phdr p32;
		memcpy(is64 ? (void *)&p64 : (void *)&p32, b + off + i * ent, ent);
		if ((is64 ? p64.p_type : p32.p_type) != PT_INTERP)
			continue;
		uint64_t at = is64 ? p64.p_offset : p32.p_offset;
		uint64_t len = is64 ? p64.p_filesz : p32.p_filesz;
		return len > 1 && len < size && pread(in, out, len, (off_t)at) == (ssize_t)len &&
		       out[len - 1] == '\0';
	}
	return true;
}

/* Every directory that leads to PATH (absolute) searchable by everyone: "others" may pass. */
static bool dirs_searchable(const char *path)
{
	char prefix[PATH_MAX];
	size_t len = strlen(path);
	if (path[0] != '/' || len >= sizeof(prefix))
		return false;
	for (size_t i = 1; i < len; i++) {
		if (path[i] != '/')
			continue;
		memcpy(prefix, path, i);
		prefix[i] = '\0';
		struct stat st;
		if (stat(prefix, &st) != 0 || !S_ISDIR(st.st_mode) || !(st.st_mode & S_IXOTH))
			return false;
	}
	return true;
}

/*
 * The file itself, opened for reading by its descriptor FD (O_PATH): no
 * ACL, not on FUSE, and an ELF interpreter that the exec, which looks it up
 * with the borrowed filesystem uid (as "others"), may reach and run.
 */
static const char *file_blocked(int fd, char interp[static PATH_MAX])
{
	char canon[PATH_MAX];
	struct stat st;
	int in = fds_reopen_readable(fd);
	if (in < 0)
		return "the file cannot be opened to read its ELF header";
	const char *no = NULL;
	if (fgetxattr(in, "system.posix_acl_access", NULL, 0) >= 0)
		no = "the file has an ACL";
	else if (errno != ENODATA && errno != EOPNOTSUPP)
		no = "the file's ACL cannot be read";
	else if (on_fuse(in, NULL))
		no = "the file is on FUSE, which checks the saved uid";
	else if (!elf_interp(in, interp, PATH_MAX))
		no = "the file is not an ELF program that can be read";
	close(in);
	if (no != NULL)
		return no;
	if (interp[0] == '\0')
		return NULL; /* static */
	/* the common cases, without changing any id; nodump_fsuid_take then asks the kernel */
	if (realpath(interp, canon) == NULL || stat(canon, &st) != 0 || !S_ISREG(st.st_mode) ||
	    (st.st_mode & 0555) != 0555 || !dirs_searchable(interp) || !dirs_searchable(canon) ||
	    on_fuse(-1, canon))
		return "its ELF interpreter, or a directory on the way, is not open to everyone";
	return NULL;
}

/* The checks that change nothing; INTERP gets the file's ELF interpreter ("" for none). */
static bool checks(const struct nodump_facts *f, char interp[static PATH_MAX], char *why,
                   size_t why_size)
{
	const char *no = nodump_fsuid_blocked(f);
	int inherited = 0;
	if (no == NULL && (prctl(PR_GET_PDEATHSIG, &inherited, 0, 0, 0) != 0 || inherited != 0))
		no = "a parent-death signal is inherited, which that exec would clear";
	/*
	 * A tracer attached before hardexec made itself non-dumpable would stay
	 * through this exec (the helper's seize fails on it instead).
	 */
	if (no == NULL)
		no = status_blocked();
	if (no == NULL)
		no = userns_blocked();
	interp[0] = '\0';
	if (no == NULL)
		no = file_blocked(f->exe_fd, interp);
	if (no != NULL)
		return snprintf(why, why_size, "%s", no), false;
	return true;
}

/* fs.suid_dumpable, the value commit_creds gives the flag, is 0; false + WHY. */
static bool suid_dumpable_zero(char *why, size_t why_size)
{
	char buf[16];
	if (read_small("/proc/sys/fs/suid_dumpable", buf, sizeof(buf)) != 2 || buf[1] != '\n' ||
	    buf[0] < '0' || buf[0] > '9')
		return snprintf(why, why_size, "fs.suid_dumpable cannot be read"), false;
	if (buf[0] != '0')
		return snprintf(why, why_size, "fs.suid_dumpable is %c, not 0", buf[0]), false;
	return true;
}

/* The saved uid that nodump_fsuid_hold puts back, when the route gave it up for a while. */
static uid_t held_from = (uid_t)-1;

/*
 * Whether the exec will reach INTERP with the filesystem uid NODUMP_FSUID
 * (and the saved uid, which FUSE checks): the kernel's own answer, through
 * symbolic links, mounts and ACLs, asked with the target's gid and groups
 * (a "chmod 701" directory of the target's is closed to its group) and no
 * effective capability (at the exec the target's, which the filesystem uid
 * change takes out anyway, unless SECBIT_NO_SETUID_FIXUP keeps them: then
 * this answer is the stricter one). Everything is put back afterwards; a
 * step that cannot be undone exits 5.
 */
static bool interp_reachable(const char *interp, const struct nodump_facts *f)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct caps[_LINUX_CAPABILITY_U32S_3], none[_LINUX_CAPABILITY_U32S_3];
	int ngroups = f->switching ? getgroups(0, NULL) : 0;
	gid_t *groups = ngroups > 0 ? calloc((size_t)ngroups, sizeof(*groups)) : NULL;
	if (ngroups < 0 || (ngroups > 0 && (groups == NULL ||
	                                    getgroups(ngroups, groups) != ngroups)) ||
	    syscall(SYS_capget, &h, caps) != 0) {
		free(groups);
		return false;
	}
	memcpy(none, caps, sizeof(none));
	for (int i = 0; i < _LINUX_CAPABILITY_U32S_3; i++)
		none[i].effective = 0;
	gid_t fsgid = (gid_t)setfsgid((gid_t)-1);
	uid_t fsuid = (uid_t)setfsuid((uid_t)-1);
	/* each change is undone only if it was made: a refused one (a filter) just means no */
	bool grouped = f->switching && setgroups(f->groups_len, f->groups) == 0;
	bool ok = !f->switching ||
	          (grouped && ((void)setfsgid(f->gid), (gid_t)setfsgid((gid_t)-1) == f->gid));
	bool capped = ok && syscall(SYS_capset, &h, none) == 0;
	ok = capped;
	if (ok) {
		(void)setfsuid(NODUMP_FSUID);
		ok = (uid_t)setfsuid((uid_t)-1) == NODUMP_FSUID &&
		     faccessat(AT_FDCWD, interp, R_OK | X_OK, AT_EACCESS) == 0;
		(void)setfsuid(fsuid);
	}
	if ((uid_t)setfsuid((uid_t)-1) != fsuid || (capped && syscall(SYS_capset, &h, caps) != 0) ||
	    (grouped && setgroups((size_t)ngroups, groups) != 0) ||
	    (f->switching && ((void)setfsgid(fsgid), (gid_t)setfsgid((gid_t)-1) != fsgid)))
		die(EXIT_DUMPABLE, "nodump: hardexec's ids or capabilities could not be put back "
		    "after checking the ELF interpreter");
	free(groups);
	return ok;
}

bool nodump_fsuid_take(const struct nodump_facts *f, char *why, size_t why_size)
{
	char interp[PATH_MAX];
	if (!checks(f, interp, why, why_size))
		return false;
	if (!suid_dumpable_zero(why, why_size))
		return false;
	/* A filter of the caller's that refuses setfsuid outright shows now, not at the commit. */
	if ((uid_t)setfsuid((uid_t)-1) != geteuid())
		return snprintf(why, why_size, "setfsuid refused"), false;
	uid_t r, e, s;
	if (getresuid(&r, &e, &s) != 0)
		return snprintf(why, why_size, "getresuid: %s", strerror(errno)), false;
	/* EPERM: no CAP_SETUID; EINVAL: the user namespace does not map it */
	if (setresuid((uid_t)-1, (uid_t)-1, NODUMP_FSUID) != 0)
		return snprintf(why, why_size, "saved uid %u: %s", (unsigned)NODUMP_FSUID,
		                strerror(errno)), false;
	/*
	 * With a user switch, the working directory is checked again after it
	 * (access, with the saved uid NODUMP_FSUID then): FUSE anywhere on its
	 * path refuses that, so ask now, as root with that saved uid.
	 */
	const char *no = interp[0] != '\0' && !interp_reachable(interp, f)
		? "its ELF interpreter cannot be reached with uid 2147483646"
		: f->switching && f->chdir != NULL && access(f->chdir, X_OK) != 0
		? "the working directory cannot be reached with the saved uid 2147483646 (FUSE)"
		: NULL;
	if (no != NULL) {
		if (setresuid((uid_t)-1, (uid_t)-1, s) != 0)
			die(EXIT_DUMPABLE, "nodump: setresuid back to saved uid %u: %s", (unsigned)s,
			    strerror(errno));
		return snprintf(why, why_size, "%s", no), false;
	}
	/*
	 * The working directory and Landlock's paths are entered and opened
	 * before the identity switch, and FUSE without allow_other refuses a
	 * saved uid that is not its owner's: the saved uid goes back until
	 * nodump_fsuid_hold, after them. (If it cannot, it stays: those steps
	 * then fail on their own, exit 71.)
	 */
	if ((f->opens_paths || f->chdir != NULL) && setresuid((uid_t)-1, (uid_t)-1, s) == 0)
		held_from = s;
	return true;
}

bool nodump_fsuid_hold(char *why, size_t why_size)
{
	uid_t r, e, s;
	if (held_from == (uid_t)-1)
		return true; /* still held since nodump_fsuid_take */
	if (setresuid((uid_t)-1, (uid_t)-1, NODUMP_FSUID) != 0)
		return snprintf(why, why_size, "saved uid %u: %s", (unsigned)NODUMP_FSUID,
		                strerror(errno)), false;
	if (getresuid(&r, &e, &s) != 0 || s != NODUMP_FSUID)
		return snprintf(why, why_size, "saved uid %u: not read back", (unsigned)NODUMP_FSUID),
		       false;
	return true;
}

bool nodump_fsuid_preview(const struct nodump_facts *f, char *why, size_t why_size)
{
	char interp[PATH_MAX];
	if (!checks(f, interp, why, why_size))
		return false;
	if (!may_setuid())
		return snprintf(why, why_size, "no CAP_SETUID, so no other filesystem uid"), false;
	if (!suid_dumpable_zero(why, why_size))
		return false;
	return true;
}

/*
 * Made dumpable first, so that the reset this change of the filesystem uid
 * makes shows: the kernel's own proof that the exec's change back will do
 * the same. The saved uid keeps unprivileged processes from attaching or
 * reading memory meanwhile; every signal that can be blocked is, so none
 * can make a core of hardexec then (a socket in core_pattern ignores
 * RLIMIT_CORE, and a pipe ignores 0; SIGSTOP only stops it, dumpable or not).
 */
bool nodump_fsuid_commit(char *why, size_t why_size)
{
	sigset_t all, old;
	sigfillset(&all);
	if (sigprocmask(SIG_SETMASK, &all, &old) != 0)
		return snprintf(why, why_size, "sigprocmask: %s", strerror(errno)), false;
	if (prctl(PR_SET_DUMPABLE, 1, 0, 0, 0) != 0) {
		int err = errno;
		if (sigprocmask(SIG_SETMASK, &old, NULL) != 0)
			die(EXIT_DUMPABLE, "nodump: sigprocmask: %s", strerror(errno));
		return snprintf(why, why_size, "prctl(PR_SET_DUMPABLE, 1): %s", strerror(err)), false;
	}
	(void)setfsuid(NODUMP_FSUID);
	bool moved = (uid_t)setfsuid((uid_t)-1) == NODUMP_FSUID;
	int flag = prctl(PR_GET_DUMPABLE, 0, 0, 0, 0);
	if (flag != 0 && prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0)
		die(EXIT_DUMPABLE, "prctl(PR_SET_DUMPABLE): %s", strerror(errno));
	/* the target would start with every signal blocked: never go on from here */
	if (sigprocmask(SIG_SETMASK, &old, NULL) != 0)
		die(EXIT_DUMPABLE, "nodump: sigprocmask: %s", strerror(errno));
	if (!moved)
		return snprintf(why, why_size, "setfsuid %u refused", (unsigned)NODUMP_FSUID), false;
	if (flag < 0)
		return snprintf(why, why_size, "prctl(PR_GET_DUMPABLE): %s", strerror(errno)), false;
	if (flag != 0)
		return snprintf(why, why_size, "the dumpable flag is %d after a change of the "
		                "filesystem uid, not 0 (fs.suid_dumpable)", flag), false;
	return true;
}

void nodump_fsuid_give_back(void)
{
	(void)setfsuid(geteuid()); /* returns the old value, never an error */
	if (setresuid((uid_t)-1, (uid_t)-1, getuid()) != 0)
		return; /* exiting anyway: only a tracer of hardexec's own would notice */
}
