/* Identity checks. */
#include "ids.h"
#include "report.h"
#include "trust.h"

#include <errno.h>
#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>

void ids_refuse_setid(void)
{
	uid_t ruid, euid, suid;
	gid_t rgid, egid, sgid;

	if (getresuid(&ruid, &euid, &suid) != 0)
		die(EXIT_CONFINE, "getresuid: %s", strerror(errno));
	if (getresgid(&rgid, &egid, &sgid) != 0)
		die(EXIT_CONFINE, "getresgid: %s", strerror(errno));
	if (ruid != euid || ruid != suid)
		die(EXIT_CONFINE, "refusing to run set-user-ID (real uid %u, effective uid %u): "
		    "hardexec must not be installed setuid", (unsigned)ruid, (unsigned)euid);
	if (rgid != egid || rgid != sgid)
		die(EXIT_CONFINE, "refusing to run set-group-ID (real gid %u, effective gid %u): "
		    "hardexec must not be installed setgid", (unsigned)rgid, (unsigned)egid);
	/*
	 * AT_SECURE is also set when the exec gained file capabilities
	 * (getauxval(3)), which the id comparison alone cannot see.
	 */
	errno = 0;
	unsigned long secure = getauxval(AT_SECURE);
	if (secure == 0 && errno == ENOENT)
		die(EXIT_CONFINE, "getauxval(AT_SECURE): no auxiliary vector entry");
	if (secure != 0)
		die(EXIT_CONFINE, "refusing to run in secure-execution mode (setuid, setgid or file "
		    "capabilities): hardexec must be installed as a plain executable");
}

/* Strict decimal id: digits only, no sign, fits in 32 bits, not (uid_t)-1. */
static bool parse_id(const char *s, size_t len, unsigned *out)
{
	unsigned long long v = 0;
	if (len == 0 || len > 10 || (s[0] == '0' && len > 1))
		return false;
	for (size_t i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (unsigned)(s[i] - '0');
	}
	if (v >= 0xffffffffull)
		return false;
	*out = (unsigned)v;
	return true;
}

enum found { FOUND, NOT_FOUND, BAD };

/* Whether libc (strtoul, as its files backend reads ids) takes FIELD for the id ID. */
static bool same_id(const char *field, unsigned id)
{
	char *end;
	errno = 0;
	unsigned long v = strtoul(field, &end, 10);
	return end != field && *end == '\0' && errno == 0 && v == id;
}

/*
 * Find the entry of FILE (passwd or group format) named NAME, or when NAME
 * is NULL whose id (field 2) is ID, and copy its fields 2 and 3 (the
 * numeric ids) out. FILE must be trusted like a policy file: whoever may
 * write it chooses the ids a name stands for. As libc's files backend:
 * leading white space is skipped, so are empty lines, lines starting
 * with # and lines with too few fields, and the first entry that matches decides. An id field that is
 * not a plain decimal number in that entry is BAD, with WHY naming
 * FILE:LINE: libc reads "01101" or "+5" as a number, and a later
 * duplicate must not win instead.
 */
static enum found lookup(const char *file, const char *name, unsigned id, unsigned *id2,
                         unsigned *id3, bool need3, char *why, size_t why_size)
{
	int fd = trust_open_system_file(file, why, why_size);
	if (fd < 0)
		return BAD;
	FILE *f = fdopen(fd, "r");
	if (f == NULL) {
		snprintf(why, why_size, "%s: %s", file, strerror(errno));
		(void)close(fd);   /* read-only and never read */
		return BAD;
	}
	char *line = NULL, buf[ESCAPED_MAX];
	size_t cap = 0;
	unsigned long line_no = 0;
	enum found r = NOT_FOUND;
	while (r == NOT_FOUND && getline(&line, &cap, f) > 0) {
		line_no++;
		char *fields[4] = { 0 };
		char *p = line + strspn(line, " \t\n\v\f\r");
		if (*p == '\0' || *p == '\n' || *p == '#')
			continue;
		for (int i = 0; i < 4 && p != NULL; i++) {
			fields[i] = p;
			p = strchr(p, ':');
			if (p != NULL)
				*p++ = '\0';
		}
		if (fields[2] == NULL || (need3 && fields[3] == NULL))
			continue;
		if (need3)
			fields[3][strcspn(fields[3], ":\n")] = '\0';
		fields[2][strcspn(fields[2], ":\n")] = '\0';
		if (name != NULL ? strcmp(fields[0], name) != 0 : !same_id(fields[2], id))
			continue;
		unsigned v2, v3 = 0;
		if (!parse_id(fields[2], strlen(fields[2]), &v2) ||
		    (need3 && !parse_id(fields[3], strlen(fields[3]), &v3))) {
			snprintf(why, why_size, "%s:%lu: the entry '%s' has an id that is not a plain "
			         "decimal number", file, line_no, escape_str(buf, sizeof(buf), fields[0]));
			r = BAD;
		} else {
			*id2 = v2;
			if (need3)
				*id3 = v3;
			r = FOUND;
		}
	}
	if (r == NOT_FOUND && ferror(f))
		r = BAD, snprintf(why, why_size, "reading %s: %s", file, strerror(errno));
	free(line);
	fclose(f);
	return r;
}

static bool resolve_group(const char *name, const char *group_file, gid_t *out, char *why,
                          size_t why_size)
{
	unsigned v;
	char buf[ESCAPED_MAX];
	if (parse_id(name, strlen(name), &v))
		return *out = v, true;
	enum found r = lookup(group_file, name, 0, &v, NULL, false, why, why_size);
	if (r == NOT_FOUND)
		snprintf(why, why_size, "group '%s' not found in %s", escape_str(buf, sizeof(buf), name),
		         group_file);
	return r == FOUND && (*out = v, true);
}

static const char group_separators[] = " \t,";

bool ids_groups_empty(const char *groups)
{
	return groups[strspn(groups, group_separators)] == '\0';
}

bool ids_plan(const char *user, const char *group, const char *groups, const char *passwd,
              const char *group_file, struct id_plan *out, char *why, size_t why_size)
{
	char buf[ESCAPED_MAX];
	unsigned uid, gid;

	memset(out, 0, sizeof(*out));
	if (user == NULL && group == NULL && groups == NULL)
		return true;
	out->switch_ids = true;
	uid_t ruid, euid, suid;
	if (getresuid(&ruid, &euid, &suid) != 0)
		return snprintf(why, why_size, "getresuid: %s", strerror(errno)), false;
	out->uid = ruid;
	out->gid = getgid();
	if (user != NULL) {
		bool numeric = parse_id(user, strlen(user), &uid);
		enum found r = lookup(passwd, numeric ? NULL : user, uid, &uid, &gid, true, why,
		                      why_size);
		if (r == BAD)
			return false;
		if (r == FOUND) {
			out->uid = uid;
			out->gid = gid;
		} else if (numeric) {
			out->uid = uid;
			if (group == NULL)
				return snprintf(why, why_size, "user %u has no %s entry: give a group too", uid,
				                passwd), false;
		} else {
			return snprintf(why, why_size, "user '%s' not found in %s",
			                escape_str(buf, sizeof(buf), user), passwd), false;
		}
	}
	out->suid = out->uid;
	if (group != NULL && !resolve_group(group, group_file, &out->gid, why, why_size))
		return false;

	char *copy = strdup(groups != NULL ? groups : "");
	if (copy == NULL)
		return snprintf(why, why_size, "out of memory"), false;
	bool ok = true;
	for (char *save = NULL, *g = strtok_r(copy, group_separators, &save); ok && g != NULL;
	     g = strtok_r(NULL, group_separators, &save)) {
		if (out->groups_len == IDS_MAX_GROUPS) {
			ok = false;
			snprintf(why, why_size, "more than %d supplementary groups", IDS_MAX_GROUPS);
		} else if (!resolve_group(g, group_file, &out->groups[out->groups_len++], why,
		                          why_size)) {
			ok = false;
		}
	}
	free(copy);
	for (size_t i = 0; ok && i < out->groups_len; i++)
		for (size_t j = i + 1; ok && j < out->groups_len; j++)
			if (out->groups[i] == out->groups[j]) {
				ok = false;
				snprintf(why, why_size, "group %u given twice", (unsigned)out->groups[i]);
			}
	return ok;
}

static int gid_cmp(const void *a, const void *b)
{
	gid_t x = *(const gid_t *)a, y = *(const gid_t *)b;
	return (x > y) - (x < y);
}

void ids_switch(const struct id_plan *p)
{
	if (!p->switch_ids)
		return;
	/* Groups first: after setresuid we would lack the privilege to change them. */
	if (setgroups(p->groups_len, p->groups) != 0)
		die(EXIT_CONFINE, "setgroups (%zu groups): %s", p->groups_len, strerror(errno));
	if (setresgid(p->gid, p->gid, p->gid) != 0)
		die(EXIT_CONFINE, "setresgid %u: %s", (unsigned)p->gid, strerror(errno));
	if (setresuid(p->uid, p->uid, p->suid) != 0)
		die(EXIT_CONFINE, "setresuid %u: %s", (unsigned)p->uid, strerror(errno));

	uid_t r, e, s;
	gid_t rg, eg, sg;
	gid_t got[IDS_MAX_GROUPS + 1], want[IDS_MAX_GROUPS];
	if (getresuid(&r, &e, &s) != 0 || r != p->uid || e != p->uid || s != p->suid)
		die(EXIT_CONFINE, "setresuid %u: not read back", (unsigned)p->uid);
	if (getresgid(&rg, &eg, &sg) != 0 || rg != p->gid || eg != p->gid || sg != p->gid)
		die(EXIT_CONFINE, "setresgid %u: not read back", (unsigned)p->gid);
	int n = getgroups(IDS_MAX_GROUPS + 1, got);
	memcpy(want, p->groups, p->groups_len * sizeof(*want));
	qsort(want, p->groups_len, sizeof(*want), gid_cmp);
	if (n >= 0)
		qsort(got, (size_t)n, sizeof(*got), gid_cmp);
	if (n < 0 || (size_t)n != p->groups_len || memcmp(got, want, p->groups_len * sizeof(*got)) != 0)
		die(EXIT_CONFINE, "setgroups: the supplementary groups read back differ");
}
