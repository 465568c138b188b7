/*
 * The target's environment. The caller's environment is attacker input
 * (SPEC, threat model): it is read, never edited, and a new array is built
 * from the entries that pass every check. Work is O(n log n) in the number
 * of entries, so a huge environment costs little more than the kernel's
 * own copy of it.
 */
#include "env.h"
#include "env_table.h"
#include "report.h"
#include "strset.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* One entry of the caller's environment, as seen while filtering. */
struct env_entry {
	const char *str;     /* "NAME=VALUE" as the kernel gave it */
	size_t name_len;
	bool usable;         /* well formed, valid name, not duplicated */
};

/* The danger table bucketed by first byte, built per call (no global state). */
struct danger_index {
	uint16_t start[257];
	const struct env_danger **by_first;
};

bool env_name_valid(const char *name, size_t len)
{
	if (len == 0)
		return false;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)name[i];
		bool alpha = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
		bool digit = c >= '0' && c <= '9';
		if (!alpha && !(digit && i > 0))
			return false;
	}
	return true;
}

bool env_pattern_valid(const char *pattern)
{
	size_t len = strlen(pattern);
	if (len > 0 && pattern[len - 1] == '*')
		len--;
	return env_name_valid(pattern, len);
}

bool env_pattern_match(const char *pattern, const char *name, size_t len)
{
	/* Most patterns are tried against names they share no first letter with, and most of
	 * the rest against names with another second letter. */
	if (pattern[0] != '*' && pattern[0] != '\0' && (len == 0 || pattern[0] != name[0]))
		return false;
	if (pattern[0] != '\0' && pattern[1] != '*' && pattern[1] != '\0' &&
	    (len < 2 || pattern[1] != name[1]))
		return false;
	size_t plen = strlen(pattern);
	if (plen > 0 && pattern[plen - 1] == '*')
		return len >= plen - 1 && memcmp(pattern, name, plen - 1) == 0;
	return len == plen && memcmp(pattern, name, len) == 0;
}

bool env_keep_contradicts_unset(const char *keep, const char *unset)
{
	return strcmp(keep, unset) == 0 ||
	       (strchr(keep, '*') == NULL && env_pattern_match(unset, keep, strlen(keep)));
}

/* A pattern of the any-case table matches NAME, ignoring ASCII case. */
static bool any_case_match(const char *pattern, const char *name, size_t len)
{
	size_t plen = strlen(pattern);
	bool prefix = plen > 0 && pattern[plen - 1] == '*';
	size_t fixed = prefix ? plen - 1 : plen;
	return (prefix ? len >= fixed : len == fixed) && strncasecmp(pattern, name, fixed) == 0;
}

static bool any_case_dangerous(const char *name, size_t len)
{
	for (size_t i = 0; i < env_danger_any_case_count; i++)
		if (any_case_match(env_danger_any_case[i].pattern, name, len))
			return true;
	return false;
}

bool env_name_dangerous(const char *name, size_t len)
{
	for (size_t i = 0; i < env_danger_count; i++)
		if (env_pattern_match(env_danger_table[i].pattern, name, len))
			return true;
	return any_case_dangerous(name, len);
}

static void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n == 0 ? 1 : n, size);
	if (p == NULL)
		die(EXIT_CONFINE, "environment: out of memory");
	return p;
}

static void danger_index_build(struct danger_index *idx)
{
	memset(idx->start, 0, sizeof(idx->start));
	idx->by_first = xcalloc(env_danger_count, sizeof(*idx->by_first));
	for (size_t i = 0; i < env_danger_count; i++)
		idx->start[(unsigned char)env_danger_table[i].pattern[0] + 1]++;
	for (size_t b = 1; b < 257; b++)
		idx->start[b] += idx->start[b - 1];
	uint16_t fill[256];
	memcpy(fill, idx->start, sizeof(fill));
	for (size_t i = 0; i < env_danger_count; i++) {
		unsigned char b = (unsigned char)env_danger_table[i].pattern[0];
		idx->by_first[fill[b]++] = &env_danger_table[i];
	}
}

static bool danger_index_match(const struct danger_index *idx, const char *name, size_t len)
{
	unsigned char b = (unsigned char)name[0];
	for (uint16_t i = idx->start[b]; i < idx->start[b + 1]; i++)
		if (env_pattern_match(idx->by_first[i]->pattern, name, len))
			return true;
	return any_case_dangerous(name, len);
}

static bool name_is(const struct env_entry *e, const char *name)
{
	return e->name_len == strlen(name) && memcmp(e->str, name, e->name_len) == 0;
}

static bool any_pattern_matches(const char *const *patterns, size_t n, const char *name, size_t len)
{
	for (size_t i = 0; i < n; i++)
		if (env_pattern_match(patterns[i], name, len))
			return true;
	return false;
}

static bool starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/*
 * A D-Bus address list ("method:key=value,...;method:..."): libdbus and
 * sd-bus run the program named by a unixexec: (or x-machine-unixexec:)
 * address, so every method must be one that only connects (a method
 * unknown here is refused too).
 */
static bool dbus_address_unsafe(const char *value)
{
	/* Not autolaunch: libdbus then runs dbus-launch, which takes the address from the X
	 * server DISPLAY names, and that address may be unixexec: again. */
	static const char *const connect_only[] = {
		"unix", "tcp", "nonce-tcp", "launchd", "systemd", "x-machine-unix", "vsock", NULL
	};
	const char *p = value;
	for (;;) {
		size_t len = strcspn(p, ";");
		if (len > 0) {
			const char *colon = memchr(p, ':', len);
			if (colon == NULL)
				return true;
			size_t method_len = (size_t)(colon - p);
			bool known = false;
			for (size_t i = 0; connect_only[i] != NULL && !known; i++)
				known = strlen(connect_only[i]) == method_len &&
				        memcmp(connect_only[i], p, method_len) == 0;
			if (!known)
				return true;
		}
		if (p[len] == '\0')
			return false;
		p += len + 1;
	}
}

/*
 * Values that are unsafe whatever the name: an exported bash function
 * ("() {"), locale and terminal names that are really paths or format
 * strings (glibc loads a locale from a path containing '/'; terminfo
 * lookups follow TERM), TZ naming a file outside the zone database
 * (tzset(3): TZ=":/path" and TZ="/path" read any file), and D-Bus bus
 * addresses that start a program.
 */
static bool value_unsafe(const struct env_entry *e)
{
	const char *name = e->str;
	size_t len = e->name_len;
	const char *value = e->str + len + 1;

	if (starts_with(value, "() {"))
		return true;
	if (name[0] == 'D' || name[0] == 'A') /* the names below; libatspi hands the last to libdbus */
		return (env_pattern_match("DBUS_SESSION_BUS_ADDRESS", name, len) ||
		        env_pattern_match("DBUS_SYSTEM_BUS_ADDRESS", name, len) ||
		        env_pattern_match("DBUS_STARTER_ADDRESS", name, len) ||
		        env_pattern_match("AT_SPI_BUS_ADDRESS", name, len)) &&
		       dbus_address_unsafe(value);
	if (name[0] != 'L' && name[0] != 'T')
		return false;
	if (env_pattern_match("LANG", name, len) || env_pattern_match("LANGUAGE", name, len) ||
	    env_pattern_match("LC_*", name, len) || env_pattern_match("TERM", name, len))
		return strpbrk(value, "/%") != NULL;
	if (env_pattern_match("TZ", name, len)) {
		const char *tz = value[0] == ':' ? value + 1 : value;
		if (strstr(tz, "..") != NULL)
			return true;
		return tz[0] == '/' && !starts_with(tz, "/usr/share/zoneinfo/");
	}
	return false;
}

/*
 * Mark entries usable: an '=', a valid name, and a name that appears once.
 * Every copy of a duplicated name goes: libc's getenv() takes the first,
 * other code the last, so no copy can be trusted (env-pitfalls.md).
 */
static void entries_classify(struct env_entry *entries, size_t n)
{
	struct strset names;
	strset_init(&names, n, EXIT_CONFINE, "environment");
	for (size_t i = 0; i < n; i++) {
		const char *eq = strchr(entries[i].str, '=');
		if (eq == NULL)
			continue;
		entries[i].name_len = (size_t)(eq - entries[i].str);
		if (!env_name_valid(entries[i].str, entries[i].name_len))
			continue;
		entries[i].usable = true;
		long first = strset_add_len(&names, entries[i].str, entries[i].name_len, i);
		if (first >= 0) /* the first copy and this one (a third finds the first again) */
			entries[first].usable = entries[i].usable = false;
	}
	strset_free(&names);
}

/* Strict decimal: digits only, no sign, no leading zero, at most MAX. */
static bool parse_decimal(const char *s, long long max, long long *out)
{
	long long v = 0;
	if (s[0] < '1' || s[0] > '9')
		return false;
	for (const char *p = s; *p != '\0'; p++) {
		if (*p < '0' || *p > '9')
			return false;
		v = v * 10 + (*p - '0');
		if (v > max)
			return false;
	}
	*out = v;
	return true;
}

static const struct env_entry *find_usable(const struct env_entry *entries, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (entries[i].usable && name_is(&entries[i], name))
			return &entries[i];
	return NULL;
}

/*
 * systemd socket activation (sd_listen_fds(3)): the LISTEN_* variables
 * belong to us only when LISTEN_PID is our PID, which stays true across
 * execve. Then LISTEN_FDS must be a count we can keep; anything else is a
 * broken or forged hand-over and we stop rather than guess which fds to
 * pass. Returns the count, or 0 when activation is not ours or the operator
 * removed it with --unsetenv.
 */
static int socket_activation(const struct env_spec *spec, const struct env_entry *entries,
                             size_t n, pid_t self_pid)
{
	const struct env_entry *pid = find_usable(entries, n, "LISTEN_PID");
	long long value;

	if (any_pattern_matches(spec->unset, spec->unset_len, "LISTEN_PID", strlen("LISTEN_PID")) ||
	    any_pattern_matches(spec->unset, spec->unset_len, "LISTEN_FDS", strlen("LISTEN_FDS")))
		return 0;
	if (pid == NULL || !parse_decimal(pid->str + pid->name_len + 1, INT_MAX, &value) ||
	    value != (long long)self_pid)
		return 0;
	const struct env_entry *fds = find_usable(entries, n, "LISTEN_FDS");
	if (fds == NULL)
		die(EXIT_CONFINE, "socket activation: LISTEN_PID is ours but LISTEN_FDS is missing "
		    "or duplicated");
	if (!parse_decimal(fds->str + fds->name_len + 1, INT_MAX - 3, &value)) {
		char shown[ESCAPED_MAX];
		die(EXIT_CONFINE, "socket activation: malformed LISTEN_FDS='%s' (expected 1..%d)",
		    escape_str(shown, sizeof(shown), fds->str + fds->name_len + 1), INT_MAX - 3);
	}
	return (int)value;
}

static bool is_listen_var(const struct env_entry *e)
{
	return name_is(e, "LISTEN_PID") || name_is(e, "LISTEN_FDS") || name_is(e, "LISTEN_FDNAMES");
}

static bool set_has_name(const struct env_spec *spec, const char *name, size_t len)
{
	for (size_t i = 0; i < spec->set_len; i++) {
		const char *eq = strchr(spec->set[i], '=');
		if (eq != NULL && (size_t)(eq - spec->set[i]) == len && memcmp(spec->set[i], name, len) == 0)
			return true;
	}
	return false;
}

/* Why this caller entry does not reach the target, or NULL when it does. */
static const char *entry_refusal(const struct env_spec *spec, const struct danger_index *idx,
                                 const struct env_entry *e, int listen_fds)
{
	if (!e->usable)
		return e->name_len == 0 && strchr(e->str, '=') == NULL ? "malformed: no '='"
		       : env_name_valid(e->str, e->name_len) ? "duplicated name: every copy removed"
		       : "invalid name";
	bool unset = any_pattern_matches(spec->unset, spec->unset_len, e->str, e->name_len);
	/* kept past the denylist and the cleared environment, but not past the value checks */
	if (is_listen_var(e))
		return listen_fds == 0 ? "socket activation not addressed to this process"
		       : unset ? "removed by env-unset / --unsetenv"
		       : value_unsafe(e) ? "unsafe value" : NULL;
	if (danger_index_match(idx, e->str, e->name_len))
		return "dangerous: loads or runs code (env_table.c)";
	if (value_unsafe(e))
		return "unsafe value";
	if (unset)
		return "removed by env-unset / --unsetenv";
	if (set_has_name(spec, e->str, e->name_len))
		return "replaced by env-set / --setenv";
	if (spec->clear && !any_pattern_matches(spec->keep, spec->keep_len, e->str, e->name_len))
		return "not kept (cleared environment)";
	return NULL;
}

void env_build(const struct env_spec *spec, char *const *environ_in, pid_t self_pid,
               struct env_result *out)
{
	size_t n = 0;
	while (environ_in != NULL && environ_in[n] != NULL)
		n++;

	struct env_entry *entries = xcalloc(n, sizeof(*entries));
	for (size_t i = 0; i < n; i++)
		entries[i].str = environ_in[i];
	entries_classify(entries, n);

	struct danger_index idx;
	danger_index_build(&idx);

	memset(out, 0, sizeof(*out));
	out->listen_fds = socket_activation(spec, entries, n, self_pid);
	/* Kept entries, then --setenv, then PATH, then the terminating NULL. */
	out->envp = xcalloc(n + spec->set_len + 2, sizeof(*out->envp));

	if (spec->explain)
		out->removed = xcalloc(n, sizeof(*out->removed));
	bool have_path = false;
	for (size_t i = 0; i < n; i++) {
		const char *why = entry_refusal(spec, &idx, &entries[i], out->listen_fds);
		if (why != NULL && spec->explain)
			out->removed[out->removed_len++] = (struct env_note){ entries[i].str, why };
		if (why != NULL)
			continue;
		have_path = have_path || name_is(&entries[i], "PATH");
		out->envp[out->len++] = (char *)entries[i].str;
	}
	for (size_t i = 0; i < spec->set_len; i++) {
		have_path = have_path || starts_with(spec->set[i], "PATH=");
		out->envp[out->len++] = (char *)spec->set[i];
	}
	/* A cleared environment still needs a PATH the target can trust, unless env-unset or
	 * --unsetenv asks for none. */
	if (spec->clear && !have_path &&
	    !any_pattern_matches(spec->unset, spec->unset_len, "PATH", strlen("PATH"))) {
		size_t len = strlen("PATH=") + strlen(spec->secure_path) + 1;
		out->path_entry = xcalloc(len, 1);
		snprintf(out->path_entry, len, "PATH=%s", spec->secure_path);
		out->envp[out->len++] = out->path_entry;
	}
	out->envp[out->len] = NULL;

	free(idx.by_first);
	free(entries);
}

void env_result_free(struct env_result *res)
{
	free(res->envp);
	free(res->path_entry);
	free(res->removed);
	memset(res, 0, sizeof(*res));
}
