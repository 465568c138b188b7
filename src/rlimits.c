/*
 * Resource limits (setrlimit(2)). They survive execve, so they bind the
 * target. RLIMIT_CORE is already 1:1 from self-hardening (harden.c says
 * why 1) and may not be raised: a core dump is a copy of the target's
 * memory outside it.
 */
#include "rlimits.h"
#include "report.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static const struct {
	const char *name;
	int resource;
} limit_table[LIMITS_COUNT] = {
	{ "as", RLIMIT_AS },
	{ "core", RLIMIT_CORE },
	{ "cpu", RLIMIT_CPU },
	{ "data", RLIMIT_DATA },
	{ "fsize", RLIMIT_FSIZE },
	{ "memlock", RLIMIT_MEMLOCK },
	{ "msgqueue", RLIMIT_MSGQUEUE },
	{ "nice", RLIMIT_NICE },
	{ "nofile", RLIMIT_NOFILE },
	{ "nproc", RLIMIT_NPROC },
	{ "rtprio", RLIMIT_RTPRIO },
	{ "rttime", RLIMIT_RTTIME },
	{ "sigpending", RLIMIT_SIGPENDING },
	{ "stack", RLIMIT_STACK },
};

int limits_index(const char *name, size_t len)
{
	for (int i = 0; i < LIMITS_COUNT; i++)
		if (strlen(limit_table[i].name) == len && memcmp(limit_table[i].name, name, len) == 0)
			return i;
	return -1;
}

const char *limits_name(int i)
{
	return limit_table[i].name;
}

/* One value: digits with an optional K/M/G, or "unlimited". */
static bool parse_one(const char *s, size_t len, rlim_t *out)
{
	if (len == 9 && memcmp(s, "unlimited", 9) == 0) {
		*out = RLIM_INFINITY;
		return true;
	}
	uint64_t v = 0, mult = 1;
	size_t digits = len;
	if (len > 1 && (s[len - 1] == 'K' || s[len - 1] == 'M' || s[len - 1] == 'G')) {
		mult = s[len - 1] == 'K' ? 1024u : s[len - 1] == 'M' ? 1024u * 1024 : 1024u * 1024 * 1024;
		digits--;
	}
	if (digits == 0 || (s[0] == '0' && digits > 1))
		return false;
	for (size_t i = 0; i < digits; i++) {
		if (s[i] < '0' || s[i] > '9' || v > (UINT64_MAX - 9) / 10)
			return false;
		v = v * 10 + (uint64_t)(s[i] - '0');
	}
	if (v > UINT64_MAX / mult || v * mult >= (uint64_t)RLIM_INFINITY)
		return false;
	*out = (rlim_t)(v * mult);
	return true;
}

bool limits_parse(int i, const char *value, struct limit_request *out, char *why, size_t why_size)
{
	const char *colon = strchr(value, ':');
	size_t soft_len = colon != NULL ? (size_t)(colon - value) : strlen(value);
	rlim_t soft, hard;

	if (!parse_one(value, soft_len, &soft) ||
	    (colon != NULL && !parse_one(colon + 1, strlen(colon + 1), &hard)))
		return snprintf(why, why_size, "expected SOFT[:HARD], each a number with an optional "
		                "K, M or G, or unlimited"), false;
	if (colon == NULL)
		hard = soft;
	if (soft > hard)
		return snprintf(why, why_size, "the soft limit is above the hard limit"), false;
	if (limit_table[i].resource == RLIMIT_CORE && hard > 1)
		return snprintf(why, why_size, "core stays 1 (0 and 1 both mean no core dumps): a core "
		                "dump would copy the target's memory out of it"), false;
	*out = (struct limit_request){ .set = true, .soft = soft, .hard = hard, .source = out->source };
	return true;
}

static void format_value(char *buf, size_t size, rlim_t v)
{
	if (v == RLIM_INFINITY)
		snprintf(buf, size, "unlimited");
	else
		snprintf(buf, size, "%ju", (uintmax_t)v);
}

void limits_apply(const struct limit_set *set)
{
	for (int i = 0; i < LIMITS_COUNT; i++) {
		const struct limit_request *r = &set->req[i];
		/* core: self-hardening set 1:1 (0:0 if that was all it could), which 0 or 1 asked
		 * for too; 0 would let a piped core dump through (harden.c) */
		if (!r->set || limit_table[i].resource == RLIMIT_CORE)
			continue;
		char s[32], h[32];
		format_value(s, sizeof(s), r->soft);
		format_value(h, sizeof(h), r->hard);
		struct rlimit want = { .rlim_cur = r->soft, .rlim_max = r->hard }, got;
		if (setrlimit(limit_table[i].resource, &want) != 0)
			die(EXIT_CONFINE, "rlimit %s=%s:%s (%s): %s%s", limit_table[i].name, s, h, r->source,
			    strerror(errno), errno != EPERM ? ""
			    : i != limits_index("nofile", 6) ? " (raising a hard limit needs CAP_SYS_RESOURCE)"
			    : " (raising a hard limit needs CAP_SYS_RESOURCE; nofile cannot pass fs.nr_open)");
		if (getrlimit(limit_table[i].resource, &got) != 0)
			die(EXIT_CONFINE, "getrlimit %s: %s", limit_table[i].name, strerror(errno));
		if (got.rlim_cur != want.rlim_cur || got.rlim_max != want.rlim_max)
			die(EXIT_CONFINE, "rlimit %s: the kernel kept a different value", limit_table[i].name);
	}
}

/*
 * The kernel does not count a fork against RLIMIT_NPROC for uid 0, or for
 * a process with CAP_SYS_ADMIN or CAP_SYS_RESOURCE (kernel/fork.c): the
 * limit would be set, shown in /proc/PID/limits, and not bind.
 */
void limits_check_target(const struct limit_set *set, uid_t target_uid, bool keeps_exempting_cap)
{
	const struct limit_request *r = &set->req[limits_index("nproc", 5)];
	if (!r->set || (target_uid != 0 && !keeps_exempting_cap))
		return;
	if (target_uid == 0)
		die(EXIT_CONFINE, "rlimit nproc (%s): the kernel does not apply it to uid 0, which the "
		    "program would run as: run it as another user (user =, --user) or leave the limit "
		    "out", r->source);
	die(EXIT_CONFINE, "rlimit nproc (%s): the kernel does not apply it to a program that keeps "
	    "CAP_SYS_ADMIN or CAP_SYS_RESOURCE: keep neither or leave the limit out", r->source);
}
