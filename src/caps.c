/*
 * Capabilities, with libcap (capabilities(7) "Transformation of
 * capabilities during execve()"). What survives exec is decided by the
 * bounding set (for root and set-user-ID exec) and the ambient set (for a
 * non-root target), so both are set exactly; securebits stop root-ness
 * from winning capabilities back after a switch to another user.
 */
#include "caps.h"
#include "config.h"
#include "report.h"

#include <errno.h>
#include <linux/securebits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#if HAVE_LIBCAP
#include <sys/capability.h>
#endif

bool caps_plan_keeps(const struct caps_plan *p, int c)
{
	for (size_t i = 0; i < p->keep_len; i++)
		if (p->keep[i] == c)
			return true;
	return false;
}

#if HAVE_LIBCAP

/*
 * The last capability the running kernel knows, asked of the kernel, not
 * taken from headers: PR_CAPBSET_READ answers EINVAL above it, so a binary
 * search takes 6 calls (no /proc needed, and cheaper than reading
 * /proc/sys/kernel/cap_last_cap).
 */
static unsigned last_cap(void)
{
	unsigned lo = 0, hi = CAPS_MAX; /* lo is known, hi is not */
	if (prctl(PR_CAPBSET_READ, 0UL, 0, 0, 0) < 0)
		die(EXIT_CONFINE, "capabilities: prctl(PR_CAPBSET_READ): %s", strerror(errno));
	errno = 0;
	if (prctl(PR_CAPBSET_READ, (unsigned long)CAPS_MAX, 0, 0, 0) >= 0 || errno != EINVAL)
		die(EXIT_CONFINE, "capabilities: the kernel knows more than %d capabilities",
		    CAPS_MAX);
	while (hi - lo > 1) {
		unsigned mid = lo + (hi - lo) / 2;
		if (prctl(PR_CAPBSET_READ, (unsigned long)mid, 0, 0, 0) >= 0)
			lo = mid;
		else if (errno == EINVAL)
			hi = mid;
		else
			die(EXIT_CONFINE, "capabilities: prctl(PR_CAPBSET_READ, %u): %s", mid,
			    strerror(errno));
	}
	return lo;
}

const char *caps_name(int n, char *buf, size_t size)
{
	char *name = cap_to_name((cap_value_t)n);
	snprintf(buf, size, "%s", name != NULL ? (strncmp(name, "cap_", 4) == 0 ? name + 4 : name) : "?");
	cap_free(name);
	return buf;
}

/* One name, with or without "cap_"; -1 if unknown. Exactly the name: libcap's
 * cap_from_name stops at the first byte that cannot be in one ("net_raw0" read as
 * net_raw; review), so the number must give the name back. */
static int cap_lookup(const char *word)
{
	char lower[64], name[72];
	cap_value_t v;
	if (strlen(word) >= sizeof(lower))
		return -1;
	snprintf(lower, sizeof(lower), "%s", word);
	for (char *p = lower; *p != '\0'; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	snprintf(name, sizeof(name), "%s%s", strncmp(lower, "cap_", 4) == 0 ? "" : "cap_", lower);
	if (cap_from_name(name, &v) != 0 || v < 0 || v >= CAPS_MAX)
		return -1;
	char *canonical = cap_to_name(v);
	bool same = canonical != NULL && strcmp(canonical, name) == 0;
	cap_free(canonical);
	return same ? (int)v : -1;
}

/* Split SPEC into capability numbers; false + WHY for unknown names or duplicates. */
static bool parse_spec(const char *spec, int *out, size_t *len, char *why, size_t why_size)
{
	char buf[ESCAPED_MAX];
	*len = 0;
	if (spec == NULL || strcmp(spec, "none") == 0)
		return true;
	char *copy = strdup(spec);
	if (copy == NULL)
		return snprintf(why, why_size, "out of memory"), false;
	bool ok = true;
	for (char *save = NULL, *w = strtok_r(copy, " \t,", &save); ok && w != NULL;
	     w = strtok_r(NULL, " \t,", &save)) {
		int v = cap_lookup(w);
		if (v < 0) {
			ok = false;
			snprintf(why, why_size, "unknown capability '%s'", escape_str(buf, sizeof(buf), w));
			break;
		}
		for (size_t i = 0; i < *len; i++)
			if (out[i] == v) {
				ok = false;
				snprintf(why, why_size, "capability '%s' given twice", w);
			}
		if (ok && *len < CAPS_MAX)
			out[(*len)++] = v;
	}
	if (ok && *len == 0)
		ok = false, snprintf(why, why_size, "expected none or capability names");
	free(copy);
	return ok;
}

bool caps_spec_valid(const char *spec, char *why, size_t why_size)
{
	int keep[CAPS_MAX];
	size_t len;
	return parse_spec(spec, keep, &len, why, why_size);
}

bool caps_spec_keeps(const char *spec, int c)
{
	struct caps_plan p;
	char why[160];
	return parse_spec(spec, p.keep, &p.keep_len, why, sizeof(why)) && caps_plan_keeps(&p, c);
}

void caps_plan(const char *spec, const char *source, uid_t target_uid, struct caps_plan *out)
{
	char why[160], name[64];
	memset(out, 0, sizeof(*out));
	out->source = source != NULL ? source : "default: none";
	out->target_uid = target_uid;
	out->last_cap = last_cap();
	out->from_root = getuid() == 0 && target_uid != 0;
	if (!parse_spec(spec, out->keep, &out->keep_len, why, sizeof(why)))
		die(EXIT_CONFINE, "capabilities (%s): %s", out->source, why);

	cap_t now = cap_get_proc();
	if (now == NULL)
		die(EXIT_CONFINE, "capabilities: cap_get_proc: %s", strerror(errno));
	cap_flag_value_t v = CAP_CLEAR;
	out->have_setpcap = cap_get_flag(now, CAP_SETPCAP, CAP_EFFECTIVE, &v) == 0 && v == CAP_SET;
	for (size_t i = 0; i < out->keep_len; i++) {
		v = CAP_CLEAR;
		if (cap_get_flag(now, out->keep[i], CAP_PERMITTED, &v) != 0 || v != CAP_SET)
			die(EXIT_CONFINE, "capabilities (%s): cannot keep %s: hardexec does not have it",
			    out->source, caps_name(out->keep[i], name, sizeof(name)));
	}
	cap_free(now);
}

/*
 * Why PR_SET_SECUREBITS said ERR, for its message: EPERM is either a bit the
 * caller locked (a locked bit cannot change, with any capability) or no
 * CAP_SETPCAP. Written into BUF.
 */
static const char *securebits_refusal(int err, char *buf, size_t size)
{
	enum { LOCKS = SECBIT_NOROOT_LOCKED | SECBIT_NO_SETUID_FIXUP_LOCKED |
	               SECBIT_KEEP_CAPS_LOCKED | SECBIT_NO_CAP_AMBIENT_RAISE_LOCKED };
	int bits = prctl(PR_GET_SECUREBITS, 0, 0, 0, 0);
	if (err != EPERM)
		buf[0] = '\0';
	else if (bits > 0 && (bits & LOCKS) != 0)
		snprintf(buf, size, " (the caller locked securebits 0x%x, which no capability "
		         "changes)", (unsigned)bits);
	else
		snprintf(buf, size, " (a switch from root needs CAP_SETPCAP)");
	return buf;
}

void caps_before_switch(const struct caps_plan *p, const struct id_plan *ids)
{
	char name[64];
	(void)ids;
	if (p->have_setpcap)
		for (unsigned c = 0; c <= p->last_cap; c++)
			if (!caps_plan_keeps(p, (int)c) && prctl(PR_CAPBSET_DROP, c, 0, 0, 0) != 0)
				die(EXIT_CONFINE, "capabilities: dropping %s from the bounding set: %s",
				    caps_name((int)c, name, sizeof(name)), strerror(errno));
	/*
	 * No setuid fixup: setresuid away from root then leaves the
	 * capability sets alone, so the kept ones (and CAP_SETPCAP, to lock
	 * securebits afterwards) survive the switch; noroot: uid 0 in an exec
	 * grants nothing.
	 */
	if (p->from_root &&
	    prctl(PR_SET_SECUREBITS, SECBIT_NO_SETUID_FIXUP | SECBIT_NO_SETUID_FIXUP_LOCKED |
	          SECBIT_NOROOT | SECBIT_NOROOT_LOCKED, 0, 0, 0) != 0) {
		int err = errno;
		char hint[96];
		die(EXIT_CONFINE, "capabilities: setting securebits before the user switch: %s%s",
		    strerror(err), securebits_refusal(err, hint, sizeof(hint)));
	}
}

static void set_sets(const struct caps_plan *p)
{
	cap_t c = cap_init();
	if (c == NULL)
		die(EXIT_CONFINE, "capabilities: cap_init: %s", strerror(errno));
	if (p->keep_len > 0) {
		cap_value_t vals[CAPS_MAX];
		for (size_t i = 0; i < p->keep_len; i++)
			vals[i] = p->keep[i];
		if (cap_set_flag(c, CAP_PERMITTED, (int)p->keep_len, vals, CAP_SET) != 0 ||
		    cap_set_flag(c, CAP_EFFECTIVE, (int)p->keep_len, vals, CAP_SET) != 0 ||
		    (p->target_uid != 0 &&
		     cap_set_flag(c, CAP_INHERITABLE, (int)p->keep_len, vals, CAP_SET) != 0))
			die(EXIT_CONFINE, "capabilities: cap_set_flag: %s", strerror(errno));
	}
	if (cap_set_proc(c) != 0)
		die(EXIT_CONFINE, "capabilities: cap_set_proc: %s", strerror(errno));
	cap_t got = cap_get_proc();
	if (got == NULL || cap_compare(c, got) != 0)
		die(EXIT_CONFINE, "capabilities: the sets read back differ from the ones set");
	cap_free(got);
	cap_free(c);
}

/* Ambient: only for a non-root target; the only way a kept capability survives its exec. */
static void set_ambient(const struct caps_plan *p)
{
	char name[64];
	if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) != 0)
		die(EXIT_CONFINE, "capabilities: clearing the ambient set: %s", strerror(errno));
	for (size_t i = 0; p->target_uid != 0 && i < p->keep_len; i++)
		if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, (unsigned long)p->keep[i], 0, 0) != 0)
			die(EXIT_CONFINE, "capabilities: raising %s into the ambient set: %s",
			    caps_name(p->keep[i], name, sizeof(name)), strerror(errno));
}

/*
 * Read back: the bounding set, one capability at a time; the ambient set
 * only for the kept ones. The kernel keeps the ambient set inside
 * permitted and inheritable (capset(2) lowers it with them, and
 * PR_CAP_AMBIENT_RAISE needs both; security/commoncap.c), and set_sets read
 * those back as exactly the kept capabilities, so no other can be ambient.
 */
static void verify_bounding_and_ambient(const struct caps_plan *p)
{
	char name[64];
	for (unsigned c = 0; p->have_setpcap && c <= p->last_cap; c++) {
		bool want = caps_plan_keeps(p, (int)c);
		if (prctl(PR_CAPBSET_READ, c, 0, 0, 0) != (int)want)
			die(EXIT_CONFINE, "capabilities: bounding set has %s %s", want ? "lost" : "kept",
			    caps_name((int)c, name, sizeof(name)));
	}
	for (size_t i = 0; i < p->keep_len; i++)
		if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_IS_SET, (unsigned long)p->keep[i], 0, 0) !=
		    (p->target_uid != 0))
			die(EXIT_CONFINE, "capabilities: ambient set wrong for %s",
			    caps_name(p->keep[i], name, sizeof(name)));
}

void caps_apply(const struct caps_plan *p, bool no_new_privs)
{
	if (!p->have_setpcap && !no_new_privs)
		die(EXIT_CONFINE, "capabilities (%s): the bounding set cannot be emptied without "
		    "CAP_SETPCAP, so a set-user-ID exec could regain capabilities: keep no_new_privs on",
		    p->source);
	/* After the switch: keep-caps off and every securebit locked (no way back). */
	if (p->from_root) {
		unsigned long bits = SECBIT_NO_SETUID_FIXUP | SECBIT_NO_SETUID_FIXUP_LOCKED |
		                     SECBIT_NOROOT | SECBIT_NOROOT_LOCKED | SECBIT_KEEP_CAPS_LOCKED;
		if (prctl(PR_SET_SECUREBITS, bits, 0, 0, 0) != 0) {
			int err = errno;
			char hint[96];
			die(EXIT_CONFINE, "capabilities: locking securebits: %s%s", strerror(err),
			    securebits_refusal(err, hint, sizeof(hint)));
		}
		if ((unsigned long)prctl(PR_GET_SECUREBITS, 0, 0, 0, 0) != bits)
			die(EXIT_CONFINE, "capabilities: securebits not read back");
	}
	set_sets(p);
	set_ambient(p);
	verify_bounding_and_ambient(p);
}

#else /* !HAVE_LIBCAP */

#include <linux/capability.h>
#include <stdbool.h>
#include <sys/syscall.h>

const char *caps_name(int n, char *buf, size_t size)
{
	snprintf(buf, size, "%d", n);
	return buf;
}

bool caps_spec_valid(const char *spec, char *why, size_t why_size)
{
	if (spec == NULL || strcmp(spec, "none") == 0)
		return true;
	return snprintf(why, why_size, "built without libcap: only 'none' is possible"), false;
}

bool caps_spec_keeps(const char *spec, int c)
{
	(void)spec; /* only "none" is valid without libcap */
	(void)c;
	return false;
}

/*
 * Built without libcap (-Dlibcap=disabled): the capability step does not
 * exist (--version says so), so nothing could drop what the process holds.
 * Refuse to run a target as root or from a process with any permitted or
 * inheritable capability (ambient ones are in both) rather than pass them on.
 */
void caps_plan(const char *spec, const char *source, uid_t target_uid, struct caps_plan *out)
{
	char why[96];
	memset(out, 0, sizeof(*out));
	out->source = source;
	out->target_uid = target_uid;
	if (!caps_spec_valid(spec, why, sizeof(why)))
		die(EXIT_CONFINE, "capabilities (%s): %s", source, why);
	struct __user_cap_header_struct hdr = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct data[2];
	if (syscall(SYS_capget, &hdr, data) != 0)
		die(EXIT_CONFINE, "capabilities: capget: %s", strerror(errno));
	bool held = false;
	for (int i = 0; i < 2; i++)
		held = held || data[i].permitted != 0 || data[i].inheritable != 0;
	if (target_uid == 0 || held)
		die(EXIT_CONFINE, "capabilities (%s): built without libcap, hardexec cannot drop "
		    "capabilities: run the target as another user from a process without any",
		    source != NULL ? source : "default");
}

void caps_before_switch(const struct caps_plan *p, const struct id_plan *ids)
{
	(void)p;
	(void)ids;
}

void caps_apply(const struct caps_plan *p, bool no_new_privs)
{
	(void)p;
	(void)no_new_privs;
}

#endif
