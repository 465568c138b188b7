/* rlimits.c and confine.c: parsing of limits, umask, signals; merging levels. */
#include "unit.h"

#include "caps.h"
#include "confine.h"
#include "ids.h"
#include "nodump_fsuid.h"
#include "rlimits.h"

#include <check.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
	const char *name;
	const char *value;
	int ok;
	rlim_t soft, hard;
} limit_cases[] = {
	{ "nofile", "", 0, 0, 0 },
	{ "nofile", "abc", 0, 0, 0 },
	{ "nofile", "-1", 0, 0, 0 },
	{ "nofile", "+1", 0, 0, 0 },
	{ "nofile", "01", 0, 0, 0 },
	{ "nofile", "1k", 0, 0, 0 },
	{ "nofile", "K", 0, 0, 0 },
	{ "nofile", "10:5", 0, 0, 0 },
	{ "nofile", "10:", 0, 0, 0 },
	{ "nofile", ":10", 0, 0, 0 },
	{ "nofile", "1:2:3", 0, 0, 0 },
	{ "nofile", "unlimited:10", 0, 0, 0 },
	{ "as", "99999999999999999999", 0, 0, 0 },
	{ "as", "18446744073709551615", 0, 0, 0 },
	{ "as", "17179869184G", 0, 0, 0 },
	{ "core", "2", 0, 0, 0 },
	{ "core", "unlimited", 0, 0, 0 },
	{ "core", "0:2", 0, 0, 0 },
	{ "core", "1:0", 0, 0, 0 },
	{ "core", "0", 1, 0, 0 },          /* 0 and 1 both say no core dumps (1:1 stays) */
	{ "core", "1", 1, 1, 1 },
	{ "core", "0:1", 1, 0, 1 },
	{ "nofile", "0", 1, 0, 0 },
	{ "nofile", "1024", 1, 1024, 1024 },
	{ "nofile", "256:1024", 1, 256, 1024 },
	{ "as", "1G", 1, 1024ull * 1024 * 1024, 1024ull * 1024 * 1024 },
	{ "data", "512M:unlimited", 1, 512ull * 1024 * 1024, RLIM_INFINITY },
	{ "stack", "8K", 1, 8192, 8192 },
	{ "cpu", "unlimited", 1, RLIM_INFINITY, RLIM_INFINITY },
};

START_TEST(rlimit_values)
{
	struct limit_request r = { 0 };
	char why[160];
	int i = limits_index(limit_cases[_i].name, strlen(limit_cases[_i].name));
	ck_assert_int_ge(i, 0);
	bool ok = limits_parse(i, limit_cases[_i].value, &r, why, sizeof(why));
	ck_assert_msg(ok == (bool)limit_cases[_i].ok, "%s=%s: %d (%s)", limit_cases[_i].name,
	              limit_cases[_i].value, ok, ok ? "" : why);
	if (ok) {
		ck_assert(r.set);
		ck_assert_uint_eq(r.soft, limit_cases[_i].soft);
		ck_assert_uint_eq(r.hard, limit_cases[_i].hard);
	}
}
END_TEST

START_TEST(rlimit_names)
{
	static const char *const names[] = { "as", "core", "cpu", "data", "fsize", "memlock",
		"msgqueue", "nice", "nofile", "nproc", "rtprio", "rttime", "sigpending", "stack" };
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		int k = limits_index(names[i], strlen(names[i]));
		ck_assert_int_ge(k, 0);
		ck_assert_str_eq(limits_name(k), names[i]);
	}
	ck_assert_int_eq(limits_index("files", 5), -1);
	ck_assert_int_eq(limits_index("NOFILE", 6), -1);
	ck_assert_int_eq(limits_index("nofil", 5), -1);
}
END_TEST

START_TEST(umask_values)
{
	int v = -1;
	char why[128];
	ck_assert(confine_parse_umask("0077", &v, why, sizeof(why)));
	ck_assert_int_eq(v, 077);
	ck_assert(confine_parse_umask("022", &v, why, sizeof(why)));
	ck_assert_int_eq(v, 022);
	ck_assert(!confine_parse_umask("77", &v, why, sizeof(why)));
	ck_assert(!confine_parse_umask("0089", &v, why, sizeof(why)));
	ck_assert(!confine_parse_umask("1777", &v, why, sizeof(why)));
	ck_assert(!confine_parse_umask("00777", &v, why, sizeof(why)));
	ck_assert(!confine_parse_umask("u=rwx", &v, why, sizeof(why)));
}
END_TEST

START_TEST(signal_values)
{
	int v = 0;
	char why[160];
	ck_assert(confine_parse_signal("TERM", &v, why, sizeof(why)));
	ck_assert_int_eq(v, SIGTERM);
	ck_assert(confine_parse_signal("SIGKILL", &v, why, sizeof(why)));
	ck_assert_int_eq(v, SIGKILL);
	ck_assert_str_eq(confine_signal_name(SIGKILL), "KILL");
	ck_assert(!confine_parse_signal("9", &v, why, sizeof(why)));
	ck_assert(!confine_parse_signal("term", &v, why, sizeof(why)));
	ck_assert(!confine_parse_signal("SIGSTOP", &v, why, sizeof(why)));
	ck_assert(!confine_parse_signal("", &v, why, sizeof(why)));
}
END_TEST

START_TEST(merge_most_specific_wins_field_by_field)
{
	struct confine_settings d, r, cli, out;
	char why[160];
	confine_settings_init(&d);
	confine_settings_init(&r);
	confine_settings_init(&cli);
	confine_settings_init(&out);
	int nofile = limits_index("nofile", 6), as = limits_index("as", 2);
	ck_assert(limits_parse(nofile, "64", &d.limits.req[nofile], why, sizeof(why)));
	ck_assert(limits_parse(as, "1G", &d.limits.req[as], why, sizeof(why)));
	ck_assert(limits_parse(nofile, "32", &r.limits.req[nofile], why, sizeof(why)));
	d.umask = 022;
	r.chdir = (char *)"/srv";
	cli.umask = 077;
	cli.no_new_privs = 0;
	confine_merge(&out, &d);
	confine_merge(&out, &r);
	confine_merge(&out, &cli);
	ck_assert_uint_eq(out.limits.req[nofile].soft, 32);
	ck_assert_uint_eq(out.limits.req[as].soft, 1024ull * 1024 * 1024);
	ck_assert_int_eq(out.umask, 077);
	ck_assert_str_eq(out.chdir, "/srv");
	ck_assert_int_eq(out.no_new_privs, 0);
	ck_assert_int_eq(out.pdeathsig, 0);
}
END_TEST

/* user, group and groups merge each on its own: a rule's groups must not drop the user. */
START_TEST(merge_ids_key_by_key)
{
	struct confine_settings d, r, cli, out;
	char from[256];
	confine_settings_init(&d);
	confine_settings_init(&r);
	confine_settings_init(&cli);
	confine_settings_init(&out);
	d.user = "nobody";
	d.user_source = "p.conf:2";
	d.group = "root";
	d.group_source = "p.conf:3";
	r.groups = "";
	r.groups_source = "p.conf:6";
	cli.group = "nogroup";
	cli.group_source = "command line";
	confine_merge(&out, &d);
	confine_merge(&out, &r);
	ck_assert_str_eq(out.user, "nobody");
	ck_assert_str_eq(out.group, "root");
	ck_assert_str_eq(out.groups, "");
	confine_merge(&out, &cli);
	ck_assert_str_eq(out.user, "nobody");
	ck_assert_str_eq(out.group, "nogroup");
	confine_ids_sources(&out, from, sizeof(from));
	ck_assert_str_eq(from, "user from p.conf:2, group from command line, groups from p.conf:6");
}
END_TEST

/* ---- ids_plan against our own passwd and group files ---------------- */

static char dir[PATH_MAX], passwd[PATH_MAX + 16], group[PATH_MAX + 16];

static void ids_setup(void)
{
	unit_tmpdir(dir, "ids");
	unit_write_file(dir, "passwd", "root:x:0:0:root:/root:/bin/sh\n"
	                "# a comment line is skipped\n"
	                "broken line without fields\n"
	                "alice:x:1000:1000::/home/alice:/bin/sh\n"
	                "bob:x:1001:100::/home/bob:/bin/sh\n"
	                "evil:x:-1:0::/:/bin/sh\n"
	                /* as libc's files backend: blanks before a name, # lines, first entry */
	                " spaced:x:1005:100::/:/bin/sh\n"
	                "#old:x:0:0::/:/bin/sh\n"
	                "zeros:x:01101:100::/:/bin/sh\n"
	                "zeros:x:0:0::/:/bin/sh\n"
	                "dup:x:1006:100::/:/bin/sh\n"
	                "dup:x:0:0::/:/bin/sh\n"
	                /* libc skips any white space there, \v too: this entry comes first */
	                "\v\tvt:x:0:0::/:/bin/sh\n"
	                "vt:x:1007:100::/:/bin/sh\n", 0644);
	unit_write_file(dir, "group", "root:x:0:\nusers:x:100:bob\nalice:x:1000:\n"
	                "wheel:x:10:alice\n#cg:x:0:\n gsp:x:55:\n100:x:0:\n", 0644);
	snprintf(passwd, sizeof(passwd), "%s/passwd", dir);
	snprintf(group, sizeof(group), "%s/group", dir);
}

static void ids_teardown(void)
{
	unit_rmtree(dir);
}

static const struct {
	const char *user, *group, *groups;
	int ok;
	unsigned uid, gid;
	size_t ngroups;
} id_cases[] = {
	{ "nosuch", NULL, NULL, 0, 0, 0, 0 },
	{ "evil", NULL, NULL, 0, 0, 0, 0 },            /* -1 is not an id */
	{ "4294967295", "1", NULL, 0, 0, 0, 0 },
	{ "2000", NULL, NULL, 0, 0, 0, 0 },            /* numeric without entry needs a group */
	{ "alice", "nosuch", NULL, 0, 0, 0, 0 },
	{ "alice", NULL, "wheel nosuch", 0, 0, 0, 0 },
	{ "alice", NULL, "wheel 10", 0, 0, 0, 0 },     /* the same group twice */
	{ "alice", NULL, NULL, 1, 1000, 1000, 0 },
	{ "bob", NULL, NULL, 1, 1001, 100, 0 },
	{ "1001", NULL, NULL, 1, 1001, 100, 0 },       /* a number found in passwd */
	{ "2000", "users", NULL, 1, 2000, 100, 0 },
	{ "alice", "0", "wheel,users 7", 1, 1000, 0, 3 },
	{ "alice", NULL, "", 1, 1000, 1000, 0 },
	{ "spaced", NULL, NULL, 1, 1005, 100, 0 },     /* libc skips the leading blank */
	{ "#old", NULL, NULL, 0, 0, 0, 0 },            /* a comment, not an entry */
	{ "zeros", NULL, NULL, 0, 0, 0, 0 },           /* 01101: refused, not the later uid 0 */
	{ "1101", "users", NULL, 0, 0, 0, 0 },         /* libc's uid 1101 is that entry */
	{ "dup", NULL, NULL, 1, 1006, 100, 0 },        /* the first entry decides */
	{ "alice", "#cg", NULL, 0, 0, 0, 0 },
	{ "alice", "gsp", NULL, 1, 1000, 55, 0 },
	{ "vt", NULL, NULL, 1, 0, 0, 0 },              /* the entry after "\v\t" */
	{ "alice", "100", NULL, 1, 1000, 100, 0 },     /* digits are an id, not the group "100" */
};

START_TEST(ids_plan_cases)
{
	struct id_plan p;
	char why[256];
	bool ok = ids_plan(id_cases[_i].user, id_cases[_i].group, id_cases[_i].groups, passwd, group,
	                   &p, why, sizeof(why));
	ck_assert_msg(ok == (bool)id_cases[_i].ok, "case %d: %d (%s)", _i, ok, ok ? "" : why);
	if (ok) {
		ck_assert(p.switch_ids);
		ck_assert_uint_eq(p.uid, id_cases[_i].uid);
		ck_assert_uint_eq(p.suid, id_cases[_i].uid); /* nodump may change it, not ids_plan */
		ck_assert_uint_eq(p.gid, id_cases[_i].gid);
		ck_assert_uint_eq(p.groups_len, id_cases[_i].ngroups);
	}
}
END_TEST

START_TEST(ids_plan_nothing_requested)
{
	struct id_plan p;
	char why[64];
	ck_assert(ids_plan(NULL, NULL, NULL, passwd, group, &p, why, sizeof(why)));
	ck_assert(!p.switch_ids);
}
END_TEST

/* Whoever may write the user or group database chooses what a name means: such a file
 * is refused, named, for a name and for a number alike (the number's group is read). */
START_TEST(ids_plan_refuses_untrusted_databases)
{
	static const struct {
		const char *file;
		mode_t mode;
		const char *user, *group, *says;
	} cases[] = {
		{ "passwd", 0664, "alice", NULL, "untrusted: the file is writable by its group" },
		{ "passwd", 0646, "1001", NULL, "untrusted: the file is writable by others" },
		{ "group", 0666, "alice", "wheel", "untrusted: the file is writable by others" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct id_plan p;
		char why[PATH_MAX + 256], path[PATH_MAX + 16];
		snprintf(path, sizeof(path), "%s/%s", dir, cases[i].file);
		ck_assert_int_eq(chmod(path, cases[i].mode), 0);
		bool ok = ids_plan(cases[i].user, cases[i].group, NULL, passwd, group, &p, why,
		                   sizeof(why));
		ck_assert_int_eq(chmod(path, 0644), 0);
		ck_assert_msg(!ok, "case %zu accepted", i);
		ck_assert_msg(strstr(why, path) != NULL && strstr(why, cases[i].says) != NULL,
		              "case %zu: %s", i, why);
	}
	/* and a directory others may write, where the file could be replaced */
	ck_assert_int_eq(chmod(dir, 0777), 0);
	struct id_plan p;
	char why[PATH_MAX + 256];
	bool ok = ids_plan("alice", NULL, NULL, passwd, group, &p, why, sizeof(why));
	ck_assert_int_eq(chmod(dir, 0755), 0);
	ck_assert(!ok);
	ck_assert_msg(strstr(why, "writable by others") != NULL, "%s", why);
}
END_TEST

/* The binary search over PR_CAPBSET_READ finds what the kernel publishes in /proc. */
START_TEST(caps_last_cap_matches_proc)
{
	unsigned want = 0;
	FILE *f = fopen("/proc/sys/kernel/cap_last_cap", "re");
	if (f == NULL)
		return; /* no /proc: nothing to compare with */
	ck_assert_int_eq(fscanf(f, "%u", &want), 1);
	fclose(f);
	struct caps_plan plan;
	caps_plan("none", "test", 0, &plan);
	ck_assert_uint_eq(plan.last_cap, want);
}
END_TEST

START_TEST(caps_spec_validation)
{
	char why[160];
	ck_assert(caps_spec_valid("none", why, sizeof(why)));
	ck_assert(caps_spec_valid("net_bind_service", why, sizeof(why)));
	ck_assert(caps_spec_valid("CAP_NET_BIND_SERVICE, cap_chown", why, sizeof(why)));
	ck_assert(!caps_spec_valid("net_bind", why, sizeof(why)));
	ck_assert(!caps_spec_valid("chown chown", why, sizeof(why)));
	ck_assert(!caps_spec_valid("", why, sizeof(why)));
	ck_assert(!caps_spec_valid("all", why, sizeof(why)));
	/* libcap reads a name up to the first byte that cannot be in one: not here (review) */
	ck_assert(!caps_spec_valid("net_raw0", why, sizeof(why)));
	ck_assert(!caps_spec_valid("chown+", why, sizeof(why)));
	ck_assert(!caps_spec_valid("net_raw!!", why, sizeof(why)));
	ck_assert(!caps_spec_valid("cap_chown-x", why, sizeof(why)));
	ck_assert(caps_spec_valid("Cap_Chown", why, sizeof(why)));
}
END_TEST

/*
 * The fsuid route's static checks: the exec checks the file as "others"
 * (readable and executable by everyone, no matter the owner), the uid it
 * borrows must be nobody's, and a parent-death signal would be cleared.
 */
static const struct {
	mode_t mode;
	uid_t owner, target;
	int pdeathsig;
	bool fs_caps;
	bool ok;
} fsuid_cases[] = {
	{ 0755, 0, 0, 0, false, true },
	{ 0555, 0, 1000, 0, false, true },
	{ 04755, 0, 1000, 0, false, true },  /* set-user-ID: others may still read and run it */
	{ 0777, 1000, 1000, 0, false, true },
	{ 0751, 0, 0, 0, false, false },  /* others may run it, not read it */
	{ 0754, 0, 0, 0, false, false },  /* others may read it, not run it */
	{ 0700, 0, 0, 0, false, false },  /* root's alone: with another fsuid, EACCES */
	{ 0750, 0, 0, 0, false, false },  /* through the group only */
	{ 0711, 0, 0, 0, false, false },
	{ 0755, NODUMP_FSUID, 0, 0, false, false },
	{ 0755, 0, NODUMP_FSUID, 0, false, false },
	{ 0755, 0, 0, SIGTERM, false, false },  /* the exec would clear it */
	{ 0755, 0, 0, 0, true, false },  /* root keeps dac_override: gone with fsuid != 0 */
	{ 0755, 0, 1000, 0, true, true },  /* a non-root target keeps it (ambient) */
};

START_TEST(nodump_fsuid_static_checks)
{
	struct stat st = { .st_mode = S_IFREG | fsuid_cases[_i].mode, .st_uid = fsuid_cases[_i].owner };
	const struct nodump_facts f = { .exe = &st, .exe_fd = -1,
	                                .target_uid = fsuid_cases[_i].target,
	                                .pdeathsig = fsuid_cases[_i].pdeathsig,
	                                .keeps_fs_caps = fsuid_cases[_i].fs_caps };
	const char *why = nodump_fsuid_blocked(&f);
	ck_assert_msg((why == NULL) == fsuid_cases[_i].ok, "case %d: %s", _i, why ? why : "taken");
}
END_TEST

static Suite *confine_suite(void)
{
	Suite *s = suite_create("confine");
	TCase *tc = tcase_create("parse");
	tcase_add_loop_test(tc, rlimit_values, 0, sizeof(limit_cases) / sizeof(limit_cases[0]));
	tcase_add_test(tc, rlimit_names);
	tcase_add_test(tc, umask_values);
	tcase_add_test(tc, signal_values);
	tcase_add_test(tc, merge_most_specific_wins_field_by_field);
	tcase_add_test(tc, merge_ids_key_by_key);
	tcase_add_test(tc, caps_spec_validation);
	tcase_add_test(tc, caps_last_cap_matches_proc);
	tcase_add_loop_test(tc, nodump_fsuid_static_checks, 0,
	                    sizeof(fsuid_cases) / sizeof(fsuid_cases[0]));
	suite_add_tcase(s, tc);

	TCase *ids = tcase_create("ids");
	tcase_add_unchecked_fixture(ids, ids_setup, ids_teardown);
	tcase_add_loop_test(ids, ids_plan_cases, 0, sizeof(id_cases) / sizeof(id_cases[0]));
	tcase_add_test(ids, ids_plan_nothing_requested);
	tcase_add_test(ids, ids_plan_refuses_untrusted_databases);
	suite_add_tcase(s, ids);
	return s;
}

int main(void)
{
	return unit_run(confine_suite());
}
