/* Capabilities of the target (libcap): none by default, or exactly the ones kept. */
#ifndef HARDEXEC_CAPS_H
#define HARDEXEC_CAPS_H

#include "ids.h"

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

enum { CAPS_MAX = 64 };

struct caps_plan {
	int keep[CAPS_MAX];
	size_t keep_len;
	unsigned last_cap;          /* the running kernel's (PR_CAPBSET_READ) */
	uid_t target_uid;
	bool have_setpcap;          /* CAP_SETPCAP effective now: the bounding set can be dropped */
	bool from_root;             /* switching from uid 0 to another uid */
	const char *source;
};

/* Check SPEC ("none", or capability names separated by blanks or commas); false + WHY. */
bool caps_spec_valid(const char *spec, char *why, size_t why_size);

/* Resolve SPEC (NULL: none) for a target running as TARGET_UID. Exits 71 on error. */
void caps_plan(const char *spec, const char *source, uid_t target_uid, struct caps_plan *out);

/*
 * Before the identity switch, while hardexec still has the caller's
 * capabilities: empty the bounding set except the kept ones, and when
 * switching away from root set securebits so the switch keeps them.
 */
void caps_before_switch(const struct caps_plan *plan, const struct id_plan *ids);

/*
 * After it: lock securebits (no-setuid-fixup, noroot, keep-caps off, all
 * locked) when switching from root, set permitted = effective = kept,
 * inheritable = kept for a non-root target (so they can be ambient),
 * ambient = kept for a non-root target, and read everything back. With
 * NO_NEW_PRIVS false and a bounding set that could not be dropped, exits
 * 71: a set-user-ID exec could then regain capabilities.
 */
void caps_apply(const struct caps_plan *plan, bool no_new_privs);

/* True when PLAN keeps capability C. */
bool caps_plan_keeps(const struct caps_plan *plan, int c);

/* True when SPEC (valid, see caps_spec_valid) names capability C; for --explain. */
bool caps_spec_keeps(const char *spec, int c);

/* Name of capability N without "cap_" (for messages and --explain). */
const char *caps_name(int n, char *buf, size_t size);

#endif
