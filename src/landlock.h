/* Landlock: which files and TCP ports the target may use, and what it may signal or connect to. */
#ifndef HARDEXEC_LANDLOCK_H
#define HARDEXEC_LANDLOCK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

enum landlock_mode {
	LANDLOCK_MODE_UNSET = -1,
	LANDLOCK_MODE_OFF = 0,
	LANDLOCK_MODE_BEST_EFFORT,
	LANDLOCK_MODE_REQUIRED,
};

/* The lists a policy or the command line fills. */
enum landlock_list { LL_RO, LL_RW, LL_EXEC, LL_CONNECT, LL_BIND, LL_LISTS };

/* Scopes (landlock-scope); the values are the kernel's LANDLOCK_SCOPE_* bits. */
enum { LL_SCOPE_ABSTRACT_UNIX = 1u << 0, LL_SCOPE_SIGNALS = 1u << 1 };

struct landlock_items {
	bool set;            /* the key or option was given (possibly as "none") */
	bool owned;          /* items and the strings are heap copies (a policy level) */
	char **items;        /* absolute paths, or port numbers as decimal text */
	size_t len, cap;
	const char *source;  /* FILE:LINE or the option */
};

/* One level of Landlock settings ([defaults], a [program] rule, the command line). */
struct landlock_settings {
	int mode;                    /* enum landlock_mode */
	const char *mode_source;
	struct landlock_items lists[LL_LISTS];
	int scope;                   /* LL_SCOPE_* bits; -1: unset */
	const char *scope_source;
};

void landlock_settings_init(struct landlock_settings *s);
void landlock_settings_free_owned(struct landlock_settings *s);

/* True when S (one level) gives a Landlock list or scope. */
bool landlock_level_asks(const struct landlock_settings *s);

/* True when S (one level) says off beside a list or scope, which would do nothing. */
bool landlock_off_beside_rules(const struct landlock_settings *s);

/* Join levels: each list, the mode and the scope replace the earlier level's when set; a
 * level that gives a list or scope but no mode turns an earlier off back to the default,
 * without the lists and scope that off turned off. */
void landlock_merge(struct landlock_settings *into, const struct landlock_settings *from);

/* The key or option name of a list ("landlock-ro", ...). */
const char *landlock_list_name(enum landlock_list l);

/* Parsers shared by the policy file and the command line; false + WHY on error. */
bool landlock_parse_mode(const char *value, int *out, char *why, size_t why_size);
bool landlock_parse_scope(const char *value, int *out, char *why, size_t why_size);
/* One path (absolute, no "..") or port (0..65535) for list L. */
bool landlock_item_valid(enum landlock_list l, const char *item, char *why, size_t why_size);

/* Append ITEM to the list (copied when the list is owned). */
void landlock_items_add(struct landlock_items *list, const char *item);

/* Rights, grouped as the kernel takes them. */
struct landlock_rights {
	uint64_t fs, net, scope;
};

/* What the settings ask the kernel to restrict (all zero: Landlock is not used). */
struct landlock_rights landlock_wanted(const struct landlock_settings *s);

/* What a kernel with Landlock ABI version ABI (0: none) can restrict. */
struct landlock_rights landlock_supported(int abi);

/* Names of the rights set in R, blank separated, into BUF (for messages and --explain). */
const char *landlock_rights_names(struct landlock_rights r, char *buf, size_t size);

/* The running kernel's Landlock ABI version; 0 when Landlock is absent or disabled. */
int landlock_abi(void);

/*
 * A ruleset built before the identity switch (paths are opened while the
 * caller still can) and enforced after no_new_privs.
 */
struct landlock_plan {
	int ruleset_fd;   /* -1: nothing to enforce */
	int abi;
};

/*
 * Build the ruleset for S: detect the ABI, compare what is wanted with what
 * the kernel can do (mode required: exit 71 naming what cannot be enforced;
 * best-effort: one line on stderr), open every path and add the rules. A
 * path is resolved with trust_resolve (OWNER: the target's user; root is
 * trusted anyway). Any other failure exits 71 naming the step.
 */
void landlock_prepare(const struct landlock_settings *s, uid_t owner, struct landlock_plan *plan);

/* landlock_restrict_self(); needs no_new_privs (or CAP_SYS_ADMIN). Exits 71 on failure. */
void landlock_enforce(const struct landlock_plan *plan);

#endif
