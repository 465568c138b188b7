/* Resource limits: names, values, and applying them. */
#ifndef HARDEXEC_RLIMITS_H
#define HARDEXEC_RLIMITS_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/resource.h>
#include <sys/types.h>

enum { LIMITS_COUNT = 14 };

/* One requested limit. */
struct limit_request {
	bool set;
	rlim_t soft;
	rlim_t hard;
	const char *source;      /* "FILE:LINE" or "--rlimit", for messages */
};

struct limit_set {
	struct limit_request req[LIMITS_COUNT];
};

/* Index of NAME (as, core, cpu, ...) in the table, or -1. */
int limits_index(const char *name, size_t len);

/* The table's name and resource for index I. */
const char *limits_name(int i);

/*
 * Parse "SOFT[:HARD]" for limit I: a number with an optional K, M or G
 * (powers of 1024) or "unlimited"; HARD defaults to SOFT; SOFT <= HARD.
 * The core limit may only be 0 or 1, which self-hardening's 1:1 already
 * says (limits_apply leaves it). On error, writes the reason
 * to WHY and returns false.
 */
bool limits_parse(int i, const char *value, struct limit_request *out, char *why, size_t why_size);

/*
 * Apply every set limit with setrlimit(2) and read it back. Exits 71
 * naming the limit when the kernel refuses (raising a hard limit needs
 * CAP_SYS_RESOURCE) or the value read back differs.
 */
void limits_apply(const struct limit_set *set);

/*
 * Exit 71 when nproc is set but would not bind the target: it runs as
 * TARGET_UID 0, or KEEPS_EXEMPTING_CAP (CAP_SYS_ADMIN or CAP_SYS_RESOURCE).
 */
void limits_check_target(const struct limit_set *set, uid_t target_uid, bool keeps_exempting_cap);

#endif
