/* The target's system call filter (libseccomp). */
#ifndef HARDEXEC_SECCOMP_FILTER_H
#define HARDEXEC_SECCOMP_FILTER_H

#include "config.h"

#include <stdbool.h>
#include <stddef.h>

enum seccomp_mode { SECCOMP_MODE_UNSET = -1, SECCOMP_MODE_NONE = 0, SECCOMP_MODE_DEFAULT = 1 };
enum seccomp_action { SECCOMP_ACTION_UNSET = -1, SECCOMP_ACTION_ERRNO = 0, SECCOMP_ACTION_KILL,
                      SECCOMP_ACTION_LOG };

/* Parse "default | none" ("strict" is not built yet and is refused); false + WHY. */
bool seccomp_parse_mode(const char *value, int *out, char *why, size_t why_size);

/* Parse "errno | kill | log"; false + WHY. */
bool seccomp_parse_action(const char *value, int *out, char *why, size_t why_size);

/* Check a list of system call names and @groups (blank or comma separated); false + WHY. */
bool seccomp_names_valid(const char *names, char *why, size_t why_size);

/*
 * Build and load the filter, the last step before exec: MODE default
 * denies the default profile plus DENY, minus ALLOW; none loads nothing
 * (DENY or ALLOW with none is refused). Reads back PR_GET_SECCOMP == 2.
 * Exits 71 naming the step on any failure.
 */
void seccomp_apply(int mode, int action, const char *deny, const char *allow, const char *source);

#if HAVE_SECCOMP
#include <linux/filter.h>
#include <seccomp.h>

/*
 * The filter of the default profile with ACTION, DENY and ALLOW, not loaded
 * (seccomp_apply loads it; tools/seccomp_gen exports the default one at build time).
 */
scmp_filter_ctx seccomp_build(int action, const char *deny, const char *allow, const char *source);

/* The default profile with the errno action, exported as BPF at build time. */
extern const struct sock_filter seccomp_default_prog[];
extern const unsigned short seccomp_default_len;
#endif

/* Write the groups and their members as JSON array text (for --explain). */
void seccomp_describe_groups(void);

#endif
