/* Process identities: refusing set-id installs, and switching user and groups. */
#ifndef HARDEXEC_IDS_H
#define HARDEXEC_IDS_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/*
 * hardexec is never a privilege boundary for its caller: refuse (exit 71)
 * when installed setuid, setgid or with file capabilities.
 */
void ids_refuse_setid(void);

enum { IDS_MAX_GROUPS = 64 };

/* The identity to switch to, resolved to numbers. */
struct id_plan {
	bool switch_ids;
	uid_t uid;
	uid_t suid;     /* the saved uid setresuid leaves: uid, unless nodump needs its own */
	gid_t gid;
	gid_t groups[IDS_MAX_GROUPS];
	size_t groups_len;
};

/* True when GROUPS (a --groups / groups = value) holds separators only. */
bool ids_groups_empty(const char *groups);

/*
 * Resolve USER, GROUP and GROUPS (names or numbers; any may be NULL) by
 * reading PASSWD and GROUP_FILE directly: the binary is static and must
 * not use NSS. Without GROUP, the user's primary group from PASSWD;
 * without GROUPS, no supplementary groups. On error writes WHY, returns false.
 */
bool ids_plan(const char *user, const char *group, const char *groups, const char *passwd,
              const char *group_file, struct id_plan *out, char *why, size_t why_size);

/*
 * setgroups, setresgid, setresuid, in that order, each read back with
 * getgroups, getresgid, getresuid. Exits 71 naming the step.
 */
void ids_switch(const struct id_plan *plan);

#endif
