/*
 * nodump without a helper, when hardexec may change its uids: the exec
 * itself leaves the target non-dumpable (see nodump_fsuid.c).
 */
#ifndef HARDEXEC_NODUMP_FSUID_H
#define HARDEXEC_NODUMP_FSUID_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>
#include <sys/types.h>

/*
 * The saved and filesystem uid hardexec holds until the exec on this
 * route: one no process or file should have (and no signal sender: the
 * kernel lets a process signal another whose saved uid is its own).
 */
#define NODUMP_FSUID ((uid_t)0x7ffffffe)

/* What the route depends on that hardexec knows before confinement. */
struct nodump_facts {
	const struct stat *exe;  /* the file execveat will run (a script's interpreter) */
	int exe_fd;              /* its descriptor (O_PATH), for its ACL */
	uid_t target_uid;        /* the uid the target runs as */
	int pdeathsig;           /* the parent-death signal hardexec will set, or 0 */
	bool keeps_fs_caps;      /* it keeps dac_override, dac_read_search or mac_override */
	const char *chdir;       /* the working directory hardexec will enter, or NULL */
	bool opens_paths;        /* Landlock opens paths before the identity switch */
	bool switching;          /* an identity switch to these: */
	gid_t gid;
	const gid_t *groups;
	size_t groups_len;
};

/*
 * The checks that need no system call: why this route cannot be taken, or
 * NULL. The file must be readable and executable by everyone (with the
 * filesystem uid NODUMP_FSUID the exec checks it as "others"), and neither
 * it nor the target may have NODUMP_FSUID; a parent-death signal would be
 * cleared by the exec; a root target's file capabilities leave the
 * effective set when the filesystem uid leaves 0, so the exec could not
 * use them.
 */
const char *nodump_fsuid_blocked(const struct nodump_facts *f);

/*
 * All the checks (also: not traced, the first user namespace, not on FUSE,
 * no ACL, an ELF interpreter everyone may reach, fs.suid_dumpable 0,
 * setfsuid not refused), then the saved uid becomes NODUMP_FSUID (given
 * back until nodump_fsuid_hold when OPENS_PATHS). True: the route is
 * taken; false + WHY and nothing changed (the caller starts the helper).
 */
bool nodump_fsuid_take(const struct nodump_facts *f, char *why, size_t why_size);

/*
 * The saved uid NODUMP_FSUID again, if take gave it back (FUSE without
 * allow_other refuses a saved uid that is not its owner's, so it is kept
 * off while Landlock opens its paths); before the identity switch, which
 * keeps it (nodump_saved_uid). False + WHY.
 */
bool nodump_fsuid_hold(char *why, size_t why_size);

/*
 * The same checks without changing anything, for --explain: true, or
 * false + WHY. CAP_SETUID and fs.suid_dumpable are read instead of tried.
 */
bool nodump_fsuid_preview(const struct nodump_facts *f, char *why, size_t why_size);

/*
 * Just before the seccomp filter: hardexec makes itself dumpable, its
 * filesystem uid becomes NODUMP_FSUID, and the flag must read back 0, the
 * kernel's reset. The exec then sets the filesystem uid back to the
 * effective one, and that change sets the new program's flag to
 * fs.suid_dumpable (0) inside execve. False + WHY when the kernel did not
 * go along (hardexec is non-dumpable again either way).
 */
bool nodump_fsuid_commit(char *why, size_t why_size);

/*
 * On an exit before the exec (die()): the saved and filesystem uids go back
 * to the real and effective ones (allowed without privilege), so that a
 * tracer of hardexec's own, such as LeakSanitizer's, may attach again.
 */
void nodump_fsuid_give_back(void);

/* TracerPid from /proc/self/status; -1 when it cannot be read. */
long nodump_tracer_pid(void);

#endif
