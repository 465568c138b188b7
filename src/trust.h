/* Trust checks on files hardexec reads or runs: owner, mode, and every directory above. */
#ifndef HARDEXEC_TRUST_H
#define HARDEXEC_TRUST_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/*
 * The uid whose files are trusted as the caller's (besides root's): getuid(),
 * or 0 (root's alone) when that is the overflow uid, which a user namespace
 * shows for every owner it does not map, so that a file "of the caller's"
 * could be anyone's.
 */
uid_t trust_caller(void);

/* The same for UID, another user's (the target's, after a switch): UID, or 0 for the
 * overflow uid. */
uid_t trust_owner(uid_t uid);

/*
 * Open policy FILE for reading after resolving it with trust_resolve
 * (owner: the caller; CANONICAL gets the result) and check it can be
 * trusted: a regular file owned by root (or by the caller, when the caller
 * is not root), not writable by group or others; its directory likewise;
 * every directory above as trust_ancestors requires.
 * Exits 78 naming the file and the problem.
 */
int trust_open_policy(const char *file, char canonical[static PATH_MAX]);

/*
 * Open FILE (absolute), which hardexec takes the system's word from (the user
 * and group databases), if it passes what a policy file passes: else -1 and
 * WHY naming FILE.
 */
int trust_open_system_file(const char *file, char *why, size_t why_size);

/*
 * An include directory: whoever can add an entry chooses policy, so DIR
 * itself must pass what a policy file's directory passes (root- or
 * caller-owned, not group/other writable, trusted ancestors). CANONICAL
 * gets DIR without symlinks. False + WHY otherwise.
 */
bool trust_policy_dir(const char *dir, char canonical[static PATH_MAX], char *why,
                      size_t why_size);

/*
 * Check the directories above CANONICAL (an absolute path without
 * symlinks): each owned by root or OWNER, and not writable by its group
 * (unless root's group) or by others, unless sticky and root-owned. On
 * failure, writes the reason to WHY.
 */
bool trust_ancestors(const char *canonical, uid_t owner, char *why, size_t why_size);

/*
 * Resolve PATH (absolute, shorter than PATH_MAX) as the kernel would, one
 * name at a time, checking every directory a name is read from as
 * trust_ancestors checks them, refusing a proc file system, and in a
 * sticky directory others may write anything but a directory of root's or
 * OWNER's (a symlink's target is walked the same way, at most 40 links): a
 * name someone else may change could lead anywhere.
 * On success CANONICAL gets the path reached, without symlinks, . or ..;
 * otherwise false + WHY, and *UNTRUSTED says whether trust (not a missing
 * file or a loop) was the reason.
 */
bool trust_resolve(const char *path, uid_t owner, char canonical[static PATH_MAX], char *why,
                   size_t why_size, bool *untrusted);

#endif
