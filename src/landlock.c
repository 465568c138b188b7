/*
 * Landlock (Documentation/userspace-api/landlock.rst): an unprivileged
 * process restricts itself, and everything it execs, to the files and TCP
 * ports its rules allow. The ruleset names every right this kernel knows
 * ("handled"), so a right no rule grants is denied everywhere; rules then
 * grant rights beneath the listed paths and on the listed ports.
 *
 * The kernel grew rights version by version (its "ABI"); the version is
 * read from the kernel (landlock_create_ruleset(NULL, 0, VERSION)), never
 * from headers. Debian 12's headers stop at ABI 2, so the constants below
 * are the kernel's uapi values (include/uapi/linux/landlock.h), which are
 * fixed forever once released.
 */
#include "landlock.h"
#include "report.h"
#include "trust.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef SYS_landlock_create_ruleset
#define SYS_landlock_create_ruleset 444
#define SYS_landlock_add_rule 445
#define SYS_landlock_restrict_self 446
#endif

enum {
	CREATE_RULESET_VERSION = 1u << 0,
	RULE_PATH_BENEATH = 1,
	RULE_NET_PORT = 2,
};

/* Filesystem rights (LANDLOCK_ACCESS_FS_*). */
#define FS_EXECUTE     (1ull << 0)
#define FS_WRITE_FILE  (1ull << 1)
#define FS_READ_FILE   (1ull << 2)
#define FS_READ_DIR    (1ull << 3)
#define FS_REMOVE_DIR  (1ull << 4)
#define FS_REMOVE_FILE (1ull << 5)
#define FS_MAKE_CHAR   (1ull << 6)
#define FS_MAKE_DIR    (1ull << 7)
#define FS_MAKE_REG    (1ull << 8)
#define FS_MAKE_SOCK   (1ull << 9)
#define FS_MAKE_FIFO   (1ull << 10)
#define FS_MAKE_BLOCK  (1ull << 11)
#define FS_MAKE_SYM    (1ull << 12)
#define FS_REFER       (1ull << 13)
#define FS_TRUNCATE    (1ull << 14)
#define FS_IOCTL_DEV   (1ull << 15)
/* TCP rights (LANDLOCK_ACCESS_NET_*). */
#define NET_BIND_TCP    (1ull << 0)
#define NET_CONNECT_TCP (1ull << 1)

/* The rights a rule on a file (not a directory) may carry; others are EINVAL. */
#define FS_FILE_RIGHTS (FS_EXECUTE | FS_WRITE_FILE | FS_READ_FILE | FS_TRUNCATE | FS_IOCTL_DEV)

/* What each list grants beneath its paths. Creating device nodes is never granted. */
static const uint64_t list_fs_rights[] = {
	[LL_RO] = FS_READ_FILE | FS_READ_DIR,
	[LL_EXEC] = FS_EXECUTE | FS_READ_FILE | FS_READ_DIR,
	[LL_RW] = FS_READ_FILE | FS_READ_DIR | FS_WRITE_FILE | FS_REMOVE_DIR | FS_REMOVE_FILE |
	          FS_MAKE_DIR | FS_MAKE_REG | FS_MAKE_SOCK | FS_MAKE_FIFO | FS_MAKE_SYM | FS_REFER |
	          FS_TRUNCATE | FS_IOCTL_DEV,
};

static const char *const list_names[LL_LISTS] = {
	[LL_RO] = "landlock-ro", [LL_RW] = "landlock-rw", [LL_EXEC] = "landlock-exec",
	[LL_CONNECT] = "landlock-connect", [LL_BIND] = "landlock-bind",
};

enum right_kind { KIND_FS, KIND_NET, KIND_SCOPE };

/* Every right hardexec handles, and the first ABI version that has it. */
static const struct {
	const char *name;
	enum right_kind kind;
	uint64_t bit;
	int abi;
} rights[] = {
	{ "execute", KIND_FS, FS_EXECUTE, 1 },
	{ "write_file", KIND_FS, FS_WRITE_FILE, 1 },
	{ "read_file", KIND_FS, FS_READ_FILE, 1 },
	{ "read_dir", KIND_FS, FS_READ_DIR, 1 },
	{ "remove_dir", KIND_FS, FS_REMOVE_DIR, 1 },
	{ "remove_file", KIND_FS, FS_REMOVE_FILE, 1 },
	{ "make_char", KIND_FS, FS_MAKE_CHAR, 1 },
	{ "make_dir", KIND_FS, FS_MAKE_DIR, 1 },
	{ "make_reg", KIND_FS, FS_MAKE_REG, 1 },
	{ "make_sock", KIND_FS, FS_MAKE_SOCK, 1 },
	{ "make_fifo", KIND_FS, FS_MAKE_FIFO, 1 },
	{ "make_block", KIND_FS, FS_MAKE_BLOCK, 1 },
	{ "make_sym", KIND_FS, FS_MAKE_SYM, 1 },
	/* ABI 1 cannot handle refer, but it then denies every cross-directory link and
	 * rename outright: stricter, not weaker, so it is counted as enforced there. */
	{ "refer", KIND_FS, FS_REFER, 1 },
	{ "truncate", KIND_FS, FS_TRUNCATE, 3 },
	{ "ioctl_dev", KIND_FS, FS_IOCTL_DEV, 5 },
	{ "bind_tcp", KIND_NET, NET_BIND_TCP, 4 },
	{ "connect_tcp", KIND_NET, NET_CONNECT_TCP, 4 },
	{ "scope_abstract_unix", KIND_SCOPE, LL_SCOPE_ABSTRACT_UNIX, 6 },
	{ "scope_signals", KIND_SCOPE, LL_SCOPE_SIGNALS, 6 },
};

enum { RIGHT_COUNT = sizeof(rights) / sizeof(rights[0]) };

static uint64_t *kind_field(struct landlock_rights *r, enum right_kind kind)
{
	return kind == KIND_FS ? &r->fs : kind == KIND_NET ? &r->net : &r->scope;
}

void landlock_settings_init(struct landlock_settings *s)
{
	memset(s, 0, sizeof(*s));
	s->mode = LANDLOCK_MODE_UNSET;
	s->scope = -1;
}

void landlock_settings_free_owned(struct landlock_settings *s)
{
	for (int l = 0; l < LL_LISTS; l++) {
		struct landlock_items *list = &s->lists[l];
		if (list->owned)
			for (size_t i = 0; i < list->len; i++)
				free(list->items[i]);
		free(list->items);
		memset(list, 0, sizeof(*list));
	}
}

bool landlock_level_asks(const struct landlock_settings *s)
{
	for (int l = 0; l < LL_LISTS; l++)
		if (s->lists[l].set)
			return true;
	return s->scope > 0;   /* landlock-scope = none asks for nothing */
}

bool landlock_off_beside_rules(const struct landlock_settings *s)
{
	return s->mode == LANDLOCK_MODE_OFF && landlock_level_asks(s);
}

void landlock_merge(struct landlock_settings *into, const struct landlock_settings *from)
{
	/*
	 * A more specific level that asks for Landlock (paths, ports, a scope, or a mode
	 * other than off) after a less specific off: the off does not silence it (review: it
	 * ran the program unconfined), and what the off turned off stays off. Every list and
	 * scope so far is from below the off (off beside them in one level is refused), so
	 * only this level's and later ones count. INTO holds views of the levels' lists
	 * (below), never lists of its own.
	 */
	if (into->mode == LANDLOCK_MODE_OFF &&
	    (landlock_level_asks(from) ||
	     (from->mode != LANDLOCK_MODE_UNSET && from->mode != LANDLOCK_MODE_OFF)))
		landlock_settings_init(into);
	if (from->mode != LANDLOCK_MODE_UNSET) {
		into->mode = from->mode;
		into->mode_source = from->mode_source;
	}
	for (int l = 0; l < LL_LISTS; l++)
		if (from->lists[l].set) {
			/* A view of the level's list: only the level frees it. */
			into->lists[l] = from->lists[l];
			into->lists[l].owned = false;
		}
	if (from->scope >= 0) {
		into->scope = from->scope;
		into->scope_source = from->scope_source;
	}
}

const char *landlock_list_name(enum landlock_list l)
{
	return list_names[l];
}

bool landlock_parse_mode(const char *value, int *out, char *why, size_t why_size)
{
	static const char *const modes[] = { "off", "best-effort", "required" };
	for (int i = 0; i < 3; i++)
		if (strcmp(value, modes[i]) == 0)
			return *out = i, true;
	return snprintf(why, why_size, "expected required, best-effort or off"), false;
}

bool landlock_parse_scope(const char *value, int *out, char *why, size_t why_size)
{
	int scope = 0;
	const char *p = value;
	if (strcmp(value, "none") == 0)
		return *out = 0, true;
	while (*p != '\0') {
		size_t len = strcspn(p, " \t,");
		int bit = len == 7 && strncmp(p, "signals", 7) == 0 ? LL_SCOPE_SIGNALS
		        : len == 13 && strncmp(p, "abstract-unix", 13) == 0 ? LL_SCOPE_ABSTRACT_UNIX
		        : 0;
		if (len > 0 && bit == 0)
			return snprintf(why, why_size, "unknown scope '%.*s' (expected signals, "
			                "abstract-unix or none)", (int)(len > 32 ? 32 : len), p), false;
		if (scope & bit)
			return snprintf(why, why_size, "scope '%.*s' given twice", (int)len, p), false;
		scope |= bit;
		p += len;
		p += strspn(p, " \t,");
	}
	if (scope == 0)
		return snprintf(why, why_size, "expected signals, abstract-unix or none"), false;
	*out = scope;
	return true;
}

static bool port_valid(const char *s)
{
	size_t len = strlen(s);
	if (len == 0 || len > 5 || (s[0] == '0' && len > 1))
		return false;
	if (strspn(s, "0123456789") != len)
		return false;
	return strtol(s, NULL, 10) <= 65535;
}

bool landlock_item_valid(enum landlock_list l, const char *item, char *why, size_t why_size)
{
	if (l == LL_CONNECT || l == LL_BIND) {
		if (!port_valid(item))
			return snprintf(why, why_size, "expected TCP port numbers 0-65535 or none"), false;
		return true;
	}
	if (item[0] != '/')
		return snprintf(why, why_size, "must be an absolute path"), false;
	return true;
}

void landlock_items_add(struct landlock_items *list, const char *item)
{
	if (list->len == list->cap) {
		size_t cap = list->cap ? list->cap * 2 : 8;
		char **items = realloc(list->items, cap * sizeof(*items));
		if (items == NULL)
			die(EXIT_CONFINE, "landlock: out of memory");
		list->items = items;
		list->cap = cap;
	}
	char *copy = list->owned ? strdup(item) : (char *)item;
	if (copy == NULL)
		die(EXIT_CONFINE, "landlock: out of memory");
	list->items[list->len++] = copy;
}

struct landlock_rights landlock_wanted(const struct landlock_settings *s)
{
	struct landlock_rights r = { 0, 0, 0 };
	if (s->mode == LANDLOCK_MODE_OFF)
		return r;
	/* Any filesystem list: every filesystem right is handled, so what no list grants is denied. */
	if (s->lists[LL_RO].set || s->lists[LL_RW].set || s->lists[LL_EXEC].set)
		for (int i = 0; i < RIGHT_COUNT; i++)
			if (rights[i].kind == KIND_FS)
				r.fs |= rights[i].bit;
	if (s->lists[LL_CONNECT].set)
		r.net |= NET_CONNECT_TCP;
	if (s->lists[LL_BIND].set)
		r.net |= NET_BIND_TCP;
	if (s->scope > 0)
		r.scope = (uint64_t)s->scope;
	return r;
}

struct landlock_rights landlock_supported(int abi)
{
	struct landlock_rights r = { 0, 0, 0 };
	for (int i = 0; i < RIGHT_COUNT; i++)
		if (abi >= rights[i].abi)
			*kind_field(&r, rights[i].kind) |= rights[i].bit;
	return r;
}

/* What the kernel call takes: refer cannot be named to an ABI 1 kernel. */
static struct landlock_rights kernel_handled(struct landlock_rights handled, int abi)
{
	if (abi < 2)
		handled.fs &= ~FS_REFER;
	return handled;
}

const char *landlock_rights_names(struct landlock_rights r, char *buf, size_t size)
{
	size_t used = 0;
	buf[0] = '\0';
	for (int i = 0; i < RIGHT_COUNT; i++) {
		if (!(*kind_field(&r, rights[i].kind) & rights[i].bit))
			continue;
		int n = snprintf(buf + used, size - used, "%s%s", used ? " " : "", rights[i].name);
		if (n < 0 || (size_t)n >= size - used) {
			buf[used] = '\0'; /* whole names only */
			break;
		}
		used += (size_t)n;
	}
	return buf;
}

static long create_ruleset(const void *attr, size_t size, unsigned flags)
{
	return syscall(SYS_landlock_create_ruleset, attr, size, flags);
}

int landlock_abi(void)
{
	long abi = create_ruleset(NULL, 0, CREATE_RULESET_VERSION);
	/* ENOSYS: not built into this kernel; EOPNOTSUPP: built but disabled at boot. */
	if (abi < 0 && (errno == ENOSYS || errno == EOPNOTSUPP))
		return 0;
	if (abi < 0)
		die(EXIT_CONFINE, "landlock: reading the ABI version: %s", strerror(errno));
	return (int)abi;
}

static bool rights_empty(struct landlock_rights r)
{
	return r.fs == 0 && r.net == 0 && r.scope == 0;
}

/* Where the settings came from, for messages. */
static const char *settings_source(const struct landlock_settings *s)
{
	if (s->mode_source != NULL)
		return s->mode_source;
	for (int l = 0; l < LL_LISTS; l++)
		if (s->lists[l].set)
			return s->lists[l].source;
	return s->scope_source != NULL ? s->scope_source : "landlock";
}

static void add_path_rule(int ruleset, enum landlock_list l, const char *path, uint64_t handled_fs,
                          const char *source, uid_t owner)
{
	char buf[ESCAPED_MAX], canonical[PATH_MAX], why[PATH_MAX + 128];
	bool untrusted;
	struct stat st;
	struct __attribute__((packed)) {
		uint64_t allowed_access;
		int32_t parent_fd;
	} attr;

	/*
	 * Resolved through directories only root or OWNER (the target's user) may
	 * change: a symlink someone else put on the way (/tmp/scratch -> /etc) would
	 * widen the rule to wherever it points.
	 */
	if (!trust_resolve(path, owner, canonical, why, sizeof(why), &untrusted))
		die(EXIT_CONFINE, "%s %s (%s): %s%s", list_names[l], escape_str(buf, sizeof(buf), path),
		    source, untrusted ? "resolved through what others may change: " : "", why);
	/* O_PATH: the rule names the inode; no read permission on it is needed to name it. */
	int fd = open(canonical, O_PATH | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0)
		die(EXIT_CONFINE, "%s %s (%s): %s", list_names[l], escape_str(buf, sizeof(buf), path),
		    source, strerror(errno));
	if (fstat(fd, &st) != 0)
		die(EXIT_CONFINE, "%s %s: fstat: %s", list_names[l], escape_str(buf, sizeof(buf), path),
		    strerror(errno));
	attr.allowed_access = list_fs_rights[l] & handled_fs;
	if (!S_ISDIR(st.st_mode))
		attr.allowed_access &= FS_FILE_RIGHTS;
	attr.parent_fd = fd;
	if (attr.allowed_access != 0 &&
	    syscall(SYS_landlock_add_rule, ruleset, RULE_PATH_BENEATH, &attr, 0) != 0)
		die(EXIT_CONFINE, "%s %s (%s): landlock_add_rule: %s", list_names[l],
		    escape_str(buf, sizeof(buf), path), source, strerror(errno));
	if (close(fd) != 0)
		die(EXIT_CONFINE, "%s: close: %s", list_names[l], strerror(errno));
}

static void add_port_rule(int ruleset, enum landlock_list l, const char *port, uint64_t right,
                          const char *source)
{
	struct {
		uint64_t allowed_access;
		uint64_t port;
	} attr = { right, (uint64_t)strtoul(port, NULL, 10) };

	if (syscall(SYS_landlock_add_rule, ruleset, RULE_NET_PORT, &attr, 0) != 0)
		die(EXIT_CONFINE, "%s %s (%s): landlock_add_rule: %s", list_names[l], port, source,
		    strerror(errno));
}

/* Compare what is wanted with what ABI can do; required: stop; best-effort: say it once. */
static struct landlock_rights settle(const struct landlock_settings *s, struct landlock_rights want,
                                     int abi)
{
	char names[512];
	struct landlock_rights can = landlock_supported(abi);
	struct landlock_rights dropped = { want.fs & ~can.fs, want.net & ~can.net,
	                                   want.scope & ~can.scope };
	if (rights_empty(dropped))
		return want;
	landlock_rights_names(dropped, names, sizeof(names));
	char kernel[64];
	if (abi == 0)
		snprintf(kernel, sizeof(kernel), "Landlock is not available in this kernel, ");
	else
		snprintf(kernel, sizeof(kernel), "this kernel (Landlock ABI %d) ", abi);
	if (s->mode != LANDLOCK_MODE_BEST_EFFORT)
		die(EXIT_CONFINE, "landlock (%s): %scannot enforce: %s (landlock = best-effort runs "
		    "without them)", settings_source(s), kernel, names);
	if (dprintf(2, "hardexec: warning: landlock (%s): %scannot enforce: %s; running without "
	            "them (landlock = best-effort)\n", settings_source(s), kernel, names) < 0)
		die(EXIT_CONFINE, "landlock: writing the warning: %s", strerror(errno));
	return (struct landlock_rights){ want.fs & can.fs, want.net & can.net, want.scope & can.scope };
}

void landlock_prepare(const struct landlock_settings *s, uid_t owner, struct landlock_plan *plan)
{
	struct {
		uint64_t handled_access_fs, handled_access_net, scoped;
	} attr;

	plan->ruleset_fd = -1;
	plan->abi = 0;
	struct landlock_rights want = landlock_wanted(s);
	if (rights_empty(want))
		return;
	plan->abi = landlock_abi();
	struct landlock_rights handled = kernel_handled(settle(s, want, plan->abi), plan->abi);
	if (rights_empty(handled))
		return;

	/* An older kernel refuses fields it does not know unless they are zero; pass only its own. */
	attr.handled_access_fs = handled.fs;
	attr.handled_access_net = handled.net;
	attr.scoped = handled.scope;
	size_t size = plan->abi >= 6 ? sizeof(attr) : plan->abi >= 4 ? 2 * sizeof(uint64_t)
	                                                               : sizeof(uint64_t);
	long fd = create_ruleset(&attr, size, 0);
	if (fd < 0)
		die(EXIT_CONFINE, "landlock (%s): landlock_create_ruleset: %s", settings_source(s),
		    strerror(errno));
	plan->ruleset_fd = (int)fd;

	for (int l = LL_RO; l <= LL_EXEC; l++)
		for (size_t i = 0; i < s->lists[l].len; i++)
			add_path_rule(plan->ruleset_fd, (enum landlock_list)l, s->lists[l].items[i],
			              handled.fs, s->lists[l].source, owner);
	for (int l = LL_CONNECT; l <= LL_BIND; l++) {
		uint64_t right = l == LL_CONNECT ? NET_CONNECT_TCP : NET_BIND_TCP;
		if (!(handled.net & right))
			continue;
		for (size_t i = 0; i < s->lists[l].len; i++)
			add_port_rule(plan->ruleset_fd, (enum landlock_list)l, s->lists[l].items[i], right,
			              s->lists[l].source);
	}
}

void landlock_enforce(const struct landlock_plan *plan)
{
	if (plan->ruleset_fd < 0)
		return;
	/* Without no_new_privs the kernel wants CAP_SYS_ADMIN, which the target no longer has. */
	if (prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) != 1)
		die(EXIT_CONFINE, "landlock: needs no_new_privs (no-new-privs = no cannot be combined "
		    "with Landlock rules)");
	if (syscall(SYS_landlock_restrict_self, plan->ruleset_fd, 0) != 0)
		die(EXIT_CONFINE, "landlock: landlock_restrict_self: %s", strerror(errno));
	if (close(plan->ruleset_fd) != 0)
		die(EXIT_CONFINE, "landlock: close: %s", strerror(errno));
}
