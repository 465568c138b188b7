/* options.c: the command line, strict. */
#include "nodump.h"
#include "options.h"
#include "report.h"
#include "seccomp_filter.h"

#include "unit.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#define MAXA 32

static struct options opts;

/* Parse a NULL-terminated list; argv[0] is added. */
static void parse(const char *const *args)
{
	static char *argv[MAXA + 2];
	int argc = 0;
	argv[argc++] = (char *)"hardexec";
	for (; args[argc - 1] != NULL; argc++) {
		ck_assert_int_le(argc, MAXA);
		argv[argc] = (char *)args[argc - 1];
	}
	argv[argc] = NULL;
	options_parse(argc, argv, &opts);
}

#define PARSE(...) parse((const char *const[]){ __VA_ARGS__, NULL })

static void teardown(void)
{
	options_free(&opts);
}

/* Invalid inputs first: each must exit 64. */
static const char *const bad[][MAXA] = {
	{ NULL },
	{ "--", NULL },
	{ "--env-clear", NULL },
	{ "--no-such-option", "prog", NULL },
	{ "-Z", "prog", NULL },
	{ "-hZ", "prog", NULL },
	{ "--help", "--version", NULL },
	{ "--help", "--help", NULL },
	{ "-V", "-h", NULL },
	{ "--env-c", "prog", NULL },
	{ "--env-clea", "prog", NULL },
	{ "--set", "A=1", "prog", NULL },
	{ "--setenv", NULL },
	{ "--keep", "prog", NULL },
	{ "--keep-fd", NULL },
	{ "--env-clear=yes", "prog", NULL },
	{ "--help=x", NULL },
	{ "--env-clear", "--env-clear", "prog", NULL },
	{ "--argv0", "a", "--argv0", "b", "prog", NULL },
	{ "--argv0", "", "prog", NULL },
	{ "--argv0=", "prog", NULL },
	{ "--secure-path", "/bin", "--secure-path", "/usr/bin", "prog", NULL },
	{ "--secure-path", "", "prog", NULL },
	{ "--secure-path", "relative", "prog", NULL },
	{ "--secure-path", "/usr/bin:relative", "prog", NULL },
	{ "--secure-path", "/usr/bin::/bin", "prog", NULL },
	{ "--secure-path", "/usr/bin:", "prog", NULL },
	{ "--secure-path", ":/usr/bin", "prog", NULL },
	{ "--keep-fd", "0", "prog", NULL },
	{ "--keep-fd", "2", "prog", NULL },
	{ "--keep-fd", "-3", "prog", NULL },
	{ "--keep-fd", "+3", "prog", NULL },
	{ "--keep-fd", "03", "prog", NULL },
	{ "--keep-fd", "3x", "prog", NULL },
	{ "--keep-fd", " 3", "prog", NULL },
	{ "--keep-fd", "", "prog", NULL },
	{ "--keep-fd", "2147483648", "prog", NULL },
	{ "--keep-fd", "99999999999999999999999", "prog", NULL },
	{ "--keep-fd", "5", "--keep-fd", "5", "prog", NULL },
	{ "--env-clear", "--keep-env", "A", "--keep-env", "A", "prog", NULL },
	{ "--env-clear", "--keep-env", "1A", "prog", NULL },
	{ "--env-clear", "--keep-env", "*", "prog", NULL },
	{ "--env-clear", "--keep-env", "A**", "prog", NULL },
	{ "--env-clear", "--keep-env", "A", "--unsetenv", "A", "prog", NULL },
	{ "--env-clear", "--keep-env", "AB", "--unsetenv", "A*", "prog", NULL },
	{ "--setenv", "NOEQUALS", "prog", NULL },
	{ "--setenv", "=x", "prog", NULL },
	{ "--setenv", "1A=x", "prog", NULL },
	{ "--setenv", "A-B=x", "prog", NULL },
	{ "--setenv", "\xff=x", "prog", NULL },
	{ "--setenv", "A=1", "--setenv", "A=2", "prog", NULL },
	{ "--setenv", "A=1", "--unsetenv", "A", "prog", NULL },
	{ "--setenv", "AB=1", "--unsetenv", "A*", "prog", NULL },
	{ "--setenv", "LISTEN_PID=1", "prog", NULL },
	{ "--unsetenv", "BAD NAME", "prog", NULL },
	{ "--unsetenv", "A", "--unsetenv", "A", "prog", NULL },
	{ "--policy", "a", "--policy", "b", "prog", NULL },
	{ "--policy", "", "prog", NULL },
	{ "--policy", NULL },
	{ "--allow", "relative", "prog", NULL },
	{ "--allow", "/bin/ls", "--allow", "/bin/ls", "prog", NULL },
	{ "--allow", "/bin/ls", "--allow-risky", "/bin/ls", "prog", NULL },
	{ "--allow-risky", "sh", "prog", NULL },
	{ "--check", "--check", NULL },
	{ "--check", "--explain", "prog", NULL },
	{ "--explain", NULL },
	{ "--pol", "x", "prog", NULL },
	{ "--rlimit", "nofile", "prog", NULL },
	{ "--rlimit", "files=1", "prog", NULL },
	{ "--rlimit", "nofile=1", "--rlimit", "nofile=2", "prog", NULL },
	{ "--rlimit", "core=2", "prog", NULL },
	{ "--landlock", "off", "--landlock-ro", "/etc", "prog", NULL },
	{ "--landlock-connect", "none", "--landlock", "off", "prog", NULL },
	{ "--rlimit", "core=0:2", "prog", NULL },
	{ "--rlimit", "nofile=2:1", "prog", NULL },
	{ "--umask", "999", "prog", NULL },
	{ "--umask", "077", "--umask", "077", "prog", NULL },
	{ "--chdir", "rel", "prog", NULL },
	{ "--pdeathsig", "FOO", "prog", NULL },
	{ "--no-new-privs", "maybe", "prog", NULL },
	{ "--no-new-privs", NULL },
	{ "--user", "a", "--user", "b", "prog", NULL },
	{ "--user", "", "prog", NULL },
	{ "--group", "a:b", "prog", NULL },
	{ "--caps", "bogus", "prog", NULL },
	{ "--seccomp", "strictest", "prog", NULL },
	{ "--seccomp", "strict", "--seccomp", "default", "prog", NULL },
	{ "--seccomp-abi", "bogus", "prog", NULL },
	{ "--seccomp-abi", "", "prog", NULL },
	{ "--seccomp-abi", "i386 x32", "prog", NULL },
	{ "--seccomp-abi", NULL },
#if defined(__x86_64__)
	{ "--seccomp-abi", "arm", "prog", NULL },
	{ "--seccomp-abi", "i386", "--seccomp-abi", "i386", "prog", NULL },
#endif
	{ "--seccomp", "off", "prog", NULL },
	{ "--seccomp-deny", "nosuchcall", "prog", NULL },
	{ "--seccomp-allow", "@nogroup", "prog", NULL },
	{ "--seccomp-action", "trap", "prog", NULL },
	{ "--seccomp", "none", "--seccomp", "none", "prog", NULL },
	{ "--caps", "none", "--caps", "none", "prog", NULL },
	{ "--landlock", "yes", "prog", NULL },
	{ "--landlock", "off", "--landlock", "off", "prog", NULL },
	{ "--landlock-ro", "etc", "prog", NULL },
	{ "--landlock-ro", "/etc", "--landlock-ro", "/etc", "prog", NULL },
	{ "--landlock-rw", "none", "--landlock-rw", "/tmp", "prog", NULL },
	{ "--landlock-rw", "/tmp", "--landlock-rw", "none", "prog", NULL },
	{ "--landlock-exec", "", "prog", NULL },
	{ "--landlock-connect", "http", "prog", NULL },
	{ "--landlock-connect", "65536", "prog", NULL },
	{ "--landlock-bind", "80 443", "prog", NULL },
	{ "--landlock-scope", "signal", "prog", NULL },
	{ "--landlock-scope", "signals", "--landlock-scope", "signals", "prog", NULL },
	{ "--nodump", "yes", "prog", NULL },
	{ "--nodump", "", "prog", NULL },
	{ "--nodump", "off", "--nodump", "required", "prog", NULL },
	{ "--nodump=Off", "prog", NULL },
	{ "--nod", "off", "prog", NULL },
	{ "--landlock-r", "/etc", "prog", NULL },
	{ "--landlock-ro", NULL },
	{ "--allow-r", "/bin/sh", "prog", NULL },
};

START_TEST(options_reject_bad_usage_with_64)
{
	parse(bad[_i]);
}
END_TEST

START_TEST(options_defaults)
{
	PARSE("prog", "arg");
	ck_assert_int_eq(opts.action, ACTION_RUN);
	ck_assert(!opts.env_clear);
	ck_assert_str_eq(opts.secure_path, DEFAULT_SECURE_PATH);
	ck_assert_str_eq(opts.program, "prog");
	ck_assert_str_eq(opts.target_argv[0], "prog");
	ck_assert_str_eq(opts.target_argv[1], "arg");
	ck_assert_ptr_null(opts.target_argv[2]);
	ck_assert_ptr_null(opts.argv0);
	ck_assert_uint_eq(opts.keep_fds_len, 0);
}
END_TEST

START_TEST(options_stop_at_first_non_option)
{
	PARSE("prog", "--env-clear", "-h", "--", "--keep-fd", "3");
	ck_assert(!opts.env_clear);
	ck_assert_int_eq(opts.action, ACTION_RUN);
	ck_assert_str_eq(opts.target_argv[1], "--env-clear");
	ck_assert_str_eq(opts.target_argv[3], "--");
}
END_TEST

START_TEST(options_double_dash_is_consumed_once)
{
	PARSE("--", "--", "x");
	ck_assert_str_eq(opts.program, "--");
	ck_assert_str_eq(opts.target_argv[1], "x");
}
END_TEST

START_TEST(options_double_dash_then_option_like_program)
{
	PARSE("--env-clear", "--", "--help");
	ck_assert_int_eq(opts.action, ACTION_RUN);
	ck_assert(opts.env_clear);
	ck_assert_str_eq(opts.program, "--help");
}
END_TEST

START_TEST(options_everything)
{
	PARSE("--env-clear", "--keep-env", "LANG", "--keep-env=MY_*", "--setenv", "A=b=c",
	      "--setenv=E=", "--unsetenv", "X*", "--argv0", "name", "--secure-path=/a:/b",
	      "--keep-fd", "3", "--keep-fd=2147483647", "prog", "x");
	ck_assert(opts.env_clear);
	ck_assert_uint_eq(opts.keep_env.len, 2);
	ck_assert_str_eq(opts.keep_env.items[1], "MY_*");
	ck_assert_uint_eq(opts.set_env.len, 2);
	ck_assert_str_eq(opts.set_env.items[0], "A=b=c");
	ck_assert_str_eq(opts.set_env.items[1], "E=");
	ck_assert_str_eq(opts.unset_env.items[0], "X*");
	ck_assert_str_eq(opts.secure_path, "/a:/b");
	ck_assert_uint_eq(opts.keep_fds_len, 2);
	ck_assert_int_eq(opts.keep_fds[1], 2147483647);
	ck_assert_str_eq(opts.program, "prog");
	ck_assert_str_eq(opts.target_argv[0], "name");
	ck_assert_str_eq(opts.target_argv[1], "x");
}
END_TEST

START_TEST(options_nodump)
{
	PARSE("--nodump", "best-effort", "prog");
	ck_assert_int_eq(opts.confine.nodump, NODUMP_BEST_EFFORT);
	ck_assert_str_eq(opts.confine.nodump_source, "--nodump");
	options_free(&opts);
	PARSE("--nodump=off", "prog");
	ck_assert_int_eq(opts.confine.nodump, NODUMP_OFF);
	options_free(&opts);
	PARSE("prog");
	ck_assert_int_eq(opts.confine.nodump, NODUMP_UNSET);
	ck_assert_str_eq(nodump_mode_name(opts.confine.nodump), "required");
}
END_TEST

START_TEST(options_help_and_version)
{
	PARSE("--help");
	ck_assert_int_eq(opts.action, ACTION_HELP);
	options_free(&opts);
	PARSE("-V");
	ck_assert_int_eq(opts.action, ACTION_VERSION);
	options_free(&opts);
	PARSE("-h", "prog");
	ck_assert_int_eq(opts.action, ACTION_HELP);
}
END_TEST

START_TEST(options_check_without_program)
{
	PARSE("--check", "--policy", "/etc/x.conf");
	ck_assert(opts.check);
	ck_assert_ptr_null(opts.program);
	ck_assert_str_eq(opts.policy_file, "/etc/x.conf");
}
END_TEST

START_TEST(options_policy_allow_and_explain)
{
	PARSE("--policy=/p.conf", "--allow", "/bin/ls", "--allow-risky", "/bin/sh", "--allow", "/x",
	      "--explain", "--keep-env", "A", "prog");
	ck_assert(opts.explain);
	ck_assert_uint_eq(opts.allow.len, 2);
	ck_assert_str_eq(opts.allow.items[1], "/x");
	ck_assert_str_eq(opts.allow_risky.items[0], "/bin/sh");
	ck_assert_uint_eq(opts.keep_env.len, 1);
}
END_TEST

START_TEST(options_keep_env_and_unsetenv_prefix_may_combine)
{
	PARSE("--env-clear", "--keep-env", "MY_*", "--unsetenv", "MY_SECRET", "prog");
	ck_assert_uint_eq(opts.keep_env.len, 1);
	ck_assert_uint_eq(opts.unset_env.len, 1);
}
END_TEST

START_TEST(options_seccomp_strict)
{
	PARSE("--seccomp", "strict", "--seccomp-allow=mknodat", "prog");
	ck_assert_int_eq(opts.confine.seccomp_mode, SECCOMP_MODE_ALLOWLIST);
	ck_assert_str_eq(opts.confine.seccomp_mode_source, "--seccomp");
	ck_assert_str_eq(opts.confine.seccomp_allow, "mknodat");
}
END_TEST

#if HAVE_SECCOMP && defined(__x86_64__)
START_TEST(options_seccomp_abi_repeats)
{
	PARSE("--seccomp-abi", "i386", "prog");
	int i386 = opts.confine.seccomp_abis;
	options_free(&opts);
	PARSE("--seccomp-abi=x32", "prog");
	int x32 = opts.confine.seccomp_abis;
	options_free(&opts);
	ck_assert_int_gt(i386, 0);
	ck_assert_int_gt(x32, 0);
	ck_assert_int_ne(i386, x32);
	PARSE("--seccomp-abi", "x32", "--seccomp-abi", "i386", "prog");
	ck_assert_int_eq(opts.confine.seccomp_abis, i386 | x32);
	ck_assert_str_eq(opts.confine.seccomp_source, "command line");
}
END_TEST
#endif

static Suite *options_suite(void)
{
	Suite *s = suite_create("options");
	TCase *tc = tcase_create("parse");
	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_loop_exit_test(tc, options_reject_bad_usage_with_64, EXIT_USAGE, 0,
	                         sizeof(bad) / sizeof(bad[0]));
	tcase_add_test(tc, options_defaults);
	tcase_add_test(tc, options_stop_at_first_non_option);
	tcase_add_test(tc, options_double_dash_is_consumed_once);
	tcase_add_test(tc, options_double_dash_then_option_like_program);
	tcase_add_test(tc, options_everything);
	tcase_add_test(tc, options_nodump);
	tcase_add_test(tc, options_help_and_version);
	tcase_add_test(tc, options_keep_env_and_unsetenv_prefix_may_combine);
	tcase_add_test(tc, options_check_without_program);
	tcase_add_test(tc, options_policy_allow_and_explain);
	tcase_add_test(tc, options_seccomp_strict);
#if HAVE_SECCOMP && defined(__x86_64__)
	tcase_add_test(tc, options_seccomp_abi_repeats);
#endif
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return unit_run(options_suite());
}
