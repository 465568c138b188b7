/* env.c: the target environment, built from hostile input. */
#include "env.h"
#include "env_table.h"
#include "options.h"
#include "report.h"

#include "unit.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAXV 16
#define SELF_PID 4242

/* One case: caller environment and options in, target environment out. */
struct env_case {
	const char *name;
	const char *in[MAXV];
	int clear;
	const char *keep[MAXV];
	const char *set[MAXV];
	const char *unset[MAXV];
	const char *out[MAXV];
	int listen_fds;
};

static size_t count(const char *const *v)
{
	size_t n = 0;
	while (v[n] != NULL)
		n++;
	return n;
}

static struct env_spec spec_of(const struct env_case *c)
{
	return (struct env_spec){
		.clear = c->clear,
		.keep = c->keep, .keep_len = count(c->keep),
		.set = c->set, .set_len = count(c->set),
		.unset = c->unset, .unset_len = count(c->unset),
		.secure_path = DEFAULT_SECURE_PATH,
	};
}

#define SP "PATH=" DEFAULT_SECURE_PATH

static const struct env_case cases[] = {
	/* Malformed entries first. */
	{ "entry_without_equals_is_dropped", { "NOEQ", "A=1" }, .out = { "A=1" } },
	{ "empty_name_is_dropped", { "=x", "A=1" }, .out = { "A=1" } },
	{ "name_starting_with_digit_is_dropped", { "1A=x", "A=1" }, .out = { "A=1" } },
	{ "name_with_dash_is_dropped", { "A-B=x", "A=1" }, .out = { "A=1" } },
	{ "bash_exported_function_name_is_dropped", { "BASH_FUNC_f%%=() { :; }", "A=1" },
	  .out = { "A=1" } },
	{ "non_utf8_name_is_dropped", { "\xff\xfe=1", "A=1" }, .out = { "A=1" } },
	{ "non_utf8_value_is_kept", { "A=\xff\xfe" }, .out = { "A=\xff\xfe" } },
	{ "empty_value_is_kept", { "A=" }, .out = { "A=" } },
	{ "value_with_equals_is_kept", { "A=b=c" }, .out = { "A=b=c" } },
	{ "empty_environment_stays_empty", { NULL }, .out = { NULL } },

	/* Duplicates: every copy goes. */
	{ "every_duplicate_ld_preload_is_dropped",
	  { "LD_PRELOAD=/a.so", "A=1", "LD_PRELOAD=/b.so" }, .out = { "A=1" } },
	{ "every_copy_of_a_harmless_duplicate_is_dropped", { "FOO=1", "A=1", "FOO=2" },
	  .out = { "A=1" } },
	{ "identical_duplicates_are_dropped", { "FOO=1", "FOO=1", "A=1" }, .out = { "A=1" } },
	{ "duplicate_three_times_is_dropped", { "F=1", "F=2", "F=3", "A=1" }, .out = { "A=1" } },
	{ "prefix_names_are_not_duplicates", { "FOO=1", "FOOBAR=2", "FO=3" },
	  .out = { "FOO=1", "FOOBAR=2", "FO=3" } },
	{ "name_without_equals_does_not_count_as_duplicate", { "FOO", "FOO=1" },
	  .out = { "FOO=1" } },
	{ "duplicate_path_is_dropped_and_clear_mode_sets_secure_path",
	  { "PATH=/a", "PATH=/b" }, .clear = 1, .keep = { "PATH" }, .out = { SP } },

	/* Default mode: inherit minus the dangerous table. */
	{ "default_mode_inherits_order_preserved", { "B=2", "A=1", "C=3" },
	  .out = { "B=2", "A=1", "C=3" } },
	{ "default_mode_keeps_caller_path", { "PATH=/tmp/x:/usr/bin" },
	  .out = { "PATH=/tmp/x:/usr/bin" } },
	{ "dangerous_names_are_dropped",
	  { "LD_PRELOAD=x", "GLIBC_TUNABLES=x", "PYTHONPATH=x", "BASH_ENV=x", "ENV=x",
	    "GIT_SSH_COMMAND=x", "PAGER=x", "OPENSSL_CONF=x", "MALLOC_CHECK_=3", "A=1" },
	  .out = { "A=1" } },
	{ "names_resembling_dangerous_ones_are_kept",
	  { "MY_LD_PRELOAD=x", "LDFLAGSX=x", "ENVIRONMENT=x", "PAGERX=x", "ld_preload=x" },
	  .out = { "MY_LD_PRELOAD=x", "LDFLAGSX=x", "ENVIRONMENT=x", "PAGERX=x", "ld_preload=x" } },
	{ "redirect_variables_are_inherited_by_default",
	  { "HOME=/root", "TMPDIR=/tmp", "http_proxy=http://p", "GIT_WORK_TREE=/r" },
	  .out = { "HOME=/root", "TMPDIR=/tmp", "http_proxy=http://p", "GIT_WORK_TREE=/r" } },
	{ "git_repository_and_pixbuf_loaders_are_dropped",
	  { "GIT_DIR=/tmp/r/.git", "GIT_COMMON_DIR=/tmp/r", "GDK_PIXBUF_MODULE_FILE=/tmp/c",
	    "GDK_PIXBUF_MODULEDIR=/tmp/m", "GTK_EXE_PREFIX=/tmp", "GIT_DIRX=1",
	    "SSH_SK_HELPER=/tmp/h", "SSH_PKCS11_HELPER=/tmp/h", "NIX_LD=/tmp/ld",
	    "TCL_LIBRARY=/tmp/t", "GOENV=/tmp/e", "CGO_CFLAGS=-fplugin=/tmp/p.so",
	    "KRB5_CONFIG=/tmp/k", "GIT_ALLOW_PROTOCOL=ext", "PS0=$(id)", "A=1" },
	  .out = { "GIT_DIRX=1", "A=1" } },

	/* Values. */
	{ "dbus_unixexec_address_is_dropped",
	  { "DBUS_SESSION_BUS_ADDRESS=unixexec:path=/bin/sh,argv1=-c,argv2=id",
	    "DBUS_SYSTEM_BUS_ADDRESS=unix:path=/run/dbus/system_bus_socket;unixexec:path=/bin/sh",
	    "DBUS_STARTER_ADDRESS=x-machine-unixexec:machine=m",
	    "AT_SPI_BUS_ADDRESS=unixexec:path=/tmp/x", "A=1" },
	  .out = { "A=1" } },
	{ "dbus_unknown_or_malformed_address_is_dropped",
	  { "DBUS_SESSION_BUS_ADDRESS=UNIXEXEC:path=/bin/sh", "DBUS_SYSTEM_BUS_ADDRESS=/run/bus",
	    "DBUS_STARTER_ADDRESS=;exec:x", "AT_SPI_BUS_ADDRESS=autolaunch:", "A=1" },
	  .out = { "A=1" } },
	{ "dbus_connect_addresses_are_kept",
	  { "DBUS_SESSION_BUS_ADDRESS=unix:path=/run/user/1000/bus",
	    "DBUS_SYSTEM_BUS_ADDRESS=unix:path=/run/dbus/s;tcp:host=localhost,port=1;",
	    "DBUS_STARTER_ADDRESS=", "DBUS_OTHER=unixexec:path=/bin/sh" },
	  .out = { "DBUS_SESSION_BUS_ADDRESS=unix:path=/run/user/1000/bus",
	           "DBUS_SYSTEM_BUS_ADDRESS=unix:path=/run/dbus/s;tcp:host=localhost,port=1;",
	           "DBUS_STARTER_ADDRESS=", "DBUS_OTHER=unixexec:path=/bin/sh" } },
	{ "function_value_is_dropped", { "X=() { :; }; echo pwned", "A=1" }, .out = { "A=1" } },
	{ "lang_path_is_dropped", { "LANG=../../tmp/x", "LC_ALL=/tmp/x", "A=1" },
	  .out = { "A=1" } },
	{ "lc_format_string_is_dropped", { "LC_MESSAGES=%n%n", "LANGUAGE=a/b", "A=1" },
	  .out = { "A=1" } },
	{ "ordinary_locale_is_kept", { "LANG=C.UTF-8", "LC_ALL=en_US.UTF-8", "LANGUAGE=de:en" },
	  .out = { "LANG=C.UTF-8", "LC_ALL=en_US.UTF-8", "LANGUAGE=de:en" } },
	{ "term_path_is_dropped", { "TERM=../../x", "A=1" }, .out = { "A=1" } },
	{ "term_is_kept", { "TERM=xterm-256color" }, .out = { "TERM=xterm-256color" } },
	{ "tz_outside_zoneinfo_is_dropped", { "TZ=/tmp/evil", "A=1" }, .out = { "A=1" } },
	{ "tz_colon_path_outside_zoneinfo_is_dropped", { "TZ=:/tmp/evil", "A=1" },
	  .out = { "A=1" } },
	{ "tz_with_dotdot_is_dropped", { "TZ=../../tmp/evil", "A=1" }, .out = { "A=1" } },
	{ "tz_zoneinfo_dotdot_is_dropped", { "TZ=/usr/share/zoneinfo/../../../tmp/x" },
	  .out = { NULL } },
	{ "tz_names_are_kept", { "TZ=UTC" }, .out = { "TZ=UTC" } },
	{ "tz_zoneinfo_path_is_kept", { "TZ=:/usr/share/zoneinfo/Europe/Paris" },
	  .out = { "TZ=:/usr/share/zoneinfo/Europe/Paris" } },
	{ "tz_posix_string_is_kept", { "TZ=EST5EDT,M3.2.0,M11.1.0" },
	  .out = { "TZ=EST5EDT,M3.2.0,M11.1.0" } },

	/* --env-clear, --keep-env. */
	{ "clear_mode_keeps_nothing_but_secure_path", { "A=1", "HOME=/root" }, .clear = 1,
	  .out = { SP } },
	{ "keep_env_keeps_a_name", { "A=1", "B=2" }, .clear = 1, .keep = { "B" },
	  .out = { "B=2", SP } },
	{ "keep_env_prefix", { "MY_A=1", "MYX=2", "MY_B=3" }, .clear = 1, .keep = { "MY_*" },
	  .out = { "MY_A=1", "MY_B=3", SP } },
	{ "keep_env_never_keeps_a_dangerous_name", { "LD_PRELOAD=x", "LD_AUDIT=y" }, .clear = 1,
	  .keep = { "LD_PRELOAD", "LD_*" }, .out = { SP } },
	{ "keep_env_still_drops_unsafe_values", { "LANG=/tmp/x" }, .clear = 1, .keep = { "LANG" },
	  .out = { SP } },
	{ "keep_env_path_keeps_caller_path", { "PATH=/opt/bin" }, .clear = 1, .keep = { "PATH" },
	  .out = { "PATH=/opt/bin" } },
	{ "keep_env_path_absent_gives_secure_path", { "A=1" }, .clear = 1, .keep = { "PATH" },
	  .out = { SP } },

	/* --setenv, --unsetenv. */
	{ "setenv_adds_after_inherited", { "A=1" }, .set = { "B=2" }, .out = { "A=1", "B=2" } },
	{ "setenv_replaces_caller_value_once", { "A=1", "B=caller" }, .set = { "B=op" },
	  .out = { "A=1", "B=op" } },
	{ "setenv_dangerous_name_is_kept", { "LD_PRELOAD=caller" }, .set = { "LD_PRELOAD=op" },
	  .out = { "LD_PRELOAD=op" } },
	{ "setenv_in_clear_mode", { "A=1" }, .clear = 1, .set = { "B=2" }, .out = { "B=2", SP } },
	{ "setenv_path_replaces_secure_path", { NULL }, .clear = 1, .set = { "PATH=/opt" },
	  .out = { "PATH=/opt" } },
	{ "unsetenv_removes", { "A=1", "B=2" }, .unset = { "A" }, .out = { "B=2" } },
	{ "unsetenv_prefix", { "MY_A=1", "MY_B=2", "MYX=3" }, .unset = { "MY_*" },
	  .out = { "MYX=3" } },
	{ "unsetenv_in_clear_mode", { "MY_A=1", "MY_B=2" }, .clear = 1, .keep = { "MY_*" },
	  .unset = { "MY_B" }, .out = { "MY_A=1", SP } },
	/* a cleared environment's secure PATH goes too, when unset names it */
	{ "unsetenv_path_in_clear_mode_leaves_no_path", { "A=1" }, .clear = 1, .keep = { "A" },
	  .unset = { "PATH" }, .out = { "A=1" } },
	{ "unsetenv_prefix_of_path_in_clear_mode", { NULL }, .clear = 1, .unset = { "PA*" },
	  .out = { NULL } },

	/* systemd socket activation: LISTEN_PID is 4242 (SELF_PID) when ours. */
	{ "socket_activation_for_us_keeps_variables",
	  { "LISTEN_PID=4242", "LISTEN_FDS=2", "LISTEN_FDNAMES=a:b", "A=1" },
	  .out = { "LISTEN_PID=4242", "LISTEN_FDS=2", "LISTEN_FDNAMES=a:b", "A=1" },
	  .listen_fds = 2 },
	/* a function-like value goes in every mode, socket activation's names too (review) */
	{ "socket_activation_names_get_the_value_checks",
	  { "LISTEN_PID=4242", "LISTEN_FDS=1", "LISTEN_FDNAMES=() { :; }; echo x", "A=1" },
	  .out = { "LISTEN_PID=4242", "LISTEN_FDS=1", "A=1" }, .listen_fds = 1 },
	{ "socket_activation_survives_clear_mode",
	  { "LISTEN_PID=4242", "LISTEN_FDS=1", "A=1" }, .clear = 1,
	  .out = { "LISTEN_PID=4242", "LISTEN_FDS=1", SP }, .listen_fds = 1 },
	{ "socket_activation_for_another_pid_is_dropped",
	  { "LISTEN_PID=1", "LISTEN_FDS=2", "LISTEN_FDNAMES=a:b", "A=1" }, .out = { "A=1" } },
	{ "socket_activation_with_odd_pid_is_dropped",
	  { "LISTEN_PID=04242", "LISTEN_FDS=2", "A=1" }, .out = { "A=1" } },
	{ "socket_activation_with_duplicate_pid_is_dropped",
	  { "LISTEN_PID=4242", "LISTEN_PID=4242", "LISTEN_FDS=2", "A=1" }, .out = { "A=1" } },
	{ "listen_fds_without_pid_is_dropped", { "LISTEN_FDS=2", "A=1" }, .out = { "A=1" } },
	{ "unsetenv_listen_turns_activation_off",
	  { "LISTEN_PID=4242", "LISTEN_FDS=2", "A=1" }, .unset = { "LISTEN_*" }, .out = { "A=1" } },
};

static void check_case(const struct env_case *c)
{
	struct env_spec spec = spec_of(c);
	struct env_result res;

	env_build(&spec, (char *const *)c->in, SELF_PID, &res);
	size_t want = count(c->out);
	for (size_t i = 0; i < want && i < res.len; i++)
		ck_assert_msg(strcmp(res.envp[i], c->out[i]) == 0, "%s: entry %zu is '%s', expected '%s'",
		              c->name, i, res.envp[i], c->out[i]);
	ck_assert_msg(res.len == want, "%s: %zu entries, expected %zu", c->name, res.len, want);
	ck_assert_ptr_null(res.envp[res.len]);
	ck_assert_int_eq(res.listen_fds, c->listen_fds);
	env_result_free(&res);
}

START_TEST(env_build_cases)
{
	check_case(&cases[_i]);
}
END_TEST

/* Every table pattern, and a name under each prefix, is removed in both modes. */
START_TEST(env_drops_every_table_entry_in_both_modes)
{
	const struct env_danger *d = &env_danger_table[_i];
	char name[128];
	size_t len = strlen(d->pattern);
	if (d->pattern[len - 1] == '*')
		snprintf(name, sizeof(name), "%.*sX=1", (int)(len - 1), d->pattern);
	else
		snprintf(name, sizeof(name), "%s=1", d->pattern);
	const char *in[] = { name, "SAFE=1", NULL };
	const char *keep[] = { "SAFE", d->pattern, NULL };
	for (int clear = 0; clear <= 1; clear++) {
		struct env_spec spec = { .clear = clear, .keep = keep, .keep_len = 2,
		                         .secure_path = "/bin" };
		struct env_result res;
		env_build(&spec, (char *const *)in, SELF_PID, &res);
		ck_assert_msg(res.len == (size_t)(clear ? 2 : 1), "%s survived (clear=%d)", name, clear);
		ck_assert_str_eq(res.envp[0], "SAFE=1");
		env_result_free(&res);
	}
}
END_TEST

START_TEST(env_table_patterns_are_valid_and_unique)
{
	for (size_t i = 0; i < env_danger_count; i++) {
		ck_assert_msg(env_pattern_valid(env_danger_table[i].pattern), "invalid: %s",
		              env_danger_table[i].pattern);
		for (size_t j = i + 1; j < env_danger_count; j++)
			ck_assert_msg(strcmp(env_danger_table[i].pattern, env_danger_table[j].pattern) != 0,
			              "twice: %s", env_danger_table[i].pattern);
	}
}
END_TEST

static const struct {
	const char *name;
	int valid;
} names[] = {
	{ "", 0 }, { "1", 0 }, { "1A", 0 }, { "A-B", 0 }, { "A B", 0 }, { "A.B", 0 },
	{ "A%", 0 }, { "\xc3\xa9", 0 }, { "A*", 0 }, { "A=", 0 },
	{ "A", 1 }, { "_", 1 }, { "_1", 1 }, { "a1_B", 1 }, { "LD_PRELOAD", 1 },
};

START_TEST(env_name_validity)
{
	ck_assert_int_eq(env_name_valid(names[_i].name, strlen(names[_i].name)), names[_i].valid);
}
END_TEST

START_TEST(env_pattern_rules)
{
	ck_assert(env_pattern_valid("FOO"));
	ck_assert(env_pattern_valid("FOO*"));
	ck_assert(!env_pattern_valid("*"));
	ck_assert(!env_pattern_valid("FO*O"));
	ck_assert(!env_pattern_valid("FOO**"));
	ck_assert(!env_pattern_valid(""));
	ck_assert(env_pattern_match("FOO", "FOO", 3));
	ck_assert(!env_pattern_match("FOO", "FOOB", 4));
	ck_assert(!env_pattern_match("FOO", "FO", 2));
	ck_assert(env_pattern_match("FOO*", "FOO", 3));
	ck_assert(env_pattern_match("FOO*", "FOOBAR", 6));
	ck_assert(!env_pattern_match("FOO*", "FO", 2));
	ck_assert(env_pattern_match("F", "F", 1));
	ck_assert(!env_pattern_match("F", "FO", 2));
	ck_assert(env_pattern_match("F*", "FX", 2));
	ck_assert(!env_pattern_match("FO*", "F=1", 1));   /* NAME is not NUL-terminated at LEN */
	ck_assert(!env_pattern_match("FOO", "FXO", 3));
	ck_assert(!env_pattern_match("FOO*", "FO=1", 2));
	ck_assert(env_name_dangerous("LD_PRELOAD", 10));
	ck_assert(!env_name_dangerous("LDAPNOINIT", 10));
	ck_assert(env_name_dangerous("LDFLAGS", 7));   /* -fuse-ld=, -B: programs (review 2026-11-24) */
}
END_TEST

/* env_pattern_match without its shortcuts: exact, or a prefix before a final '*'. */
static bool pattern_match_plain(const char *pattern, const char *name, size_t len)
{
	size_t plen = strlen(pattern);
	if (plen > 0 && pattern[plen - 1] == '*')
		return len >= plen - 1 && memcmp(pattern, name, plen - 1) == 0;
	return len == plen && memcmp(pattern, name, len) == 0;
}

/* For every pattern of the danger table and names made from every pattern with its first
 * letter (cut short at each length, one letter changed, one longer, followed by "=v"),
 * env_pattern_match gives the plain answer. */
START_TEST(env_pattern_match_equals_the_plain_comparison)
{
	size_t runs = 0;
	for (size_t i = 0; i < env_danger_count; i++)
		for (size_t j = 0; j < env_danger_count; j++) {
			if (env_danger_table[i].pattern[0] != env_danger_table[j].pattern[0])
				continue;   /* a first letter that differs: the fixed cases above */
			char base[128];
			snprintf(base, sizeof(base), "%s", env_danger_table[j].pattern);
			size_t blen = strcspn(base, "*");
			for (size_t cut = 0; cut <= blen + 1; cut++)
				for (int change = -1; change < (int)cut; change++) {
					char name[140];
					snprintf(name, sizeof(name), "%.*s%s=v", (int)(cut <= blen ? cut : blen),
					         base, cut > blen ? "X" : "");
					size_t len = strcspn(name, "=");
					if (change >= 0)
						name[change] = name[change] == 'Q' ? 'R' : 'Q';
					const char *pat = env_danger_table[i].pattern;
					ck_assert_msg(env_pattern_match(pat, name, len) ==
					              pattern_match_plain(pat, name, len), "%s against %.*s", pat,
					              (int)len, name);
					runs++;
				}
		}
	ck_assert_uint_gt(runs, 10000);
}
END_TEST

/* npm reads its configuration variables in any case (review 2026-11-24: nPm_config_script_shell
 * ran a shell script of the caller's): so they are matched. */
START_TEST(env_npm_config_in_any_case)
{
	static const char *const dangerous[] = { "npm_config_script_shell", "NPM_CONFIG_X",
	                                         "nPm_config_script_shell", "Npm_Config_", "NPM_config_y" };
	static const char *const safe[] = { "NPM_CONFIGX", "npm_confi", "NPM", "xnpm_config_a" };
	for (size_t i = 0; i < sizeof(dangerous) / sizeof(dangerous[0]); i++)
		ck_assert_msg(env_name_dangerous(dangerous[i], strlen(dangerous[i])), "%s", dangerous[i]);
	for (size_t i = 0; i < sizeof(safe) / sizeof(safe[0]); i++)
		ck_assert_msg(!env_name_dangerous(safe[i], strlen(safe[i])), "%s", safe[i]);
	const char *in[] = { "nPm_config_script_shell=/tmp/evil.sh", "SAFE=1", NULL };
	const char *keep[] = { "SAFE", "nPm_config_script_shell", NULL };
	for (int clear = 0; clear <= 1; clear++) {
		struct env_spec spec = { .clear = clear, .keep = keep, .keep_len = 2,
		                         .secure_path = "/bin" };
		struct env_result res;
		env_build(&spec, (char *const *)in, SELF_PID, &res);
		ck_assert_uint_eq(res.len, (size_t)(clear ? 2 : 1));
		ck_assert_str_eq(res.envp[0], "SAFE=1");
		env_result_free(&res);
	}
}
END_TEST

/* Malformed LISTEN_FDS addressed to us: stop (exit 71), do not guess. */
static const char *const bad_listen_fds[] = {
	"LISTEN_FDS=", "LISTEN_FDS=abc", "LISTEN_FDS=-1", "LISTEN_FDS=0", "LISTEN_FDS=0x2",
	"LISTEN_FDS=02", "LISTEN_FDS=2147483645", "LISTEN_FDS=99999999999999999999",
	"LISTEN_FDS=2 ", NULL,
};

START_TEST(env_malformed_listen_fds_exits_71)
{
	const char *in[] = { "LISTEN_PID=4242", bad_listen_fds[_i], NULL };
	struct env_spec spec = { .secure_path = "/bin" };
	struct env_result res;
	env_build(&spec, (char *const *)in, SELF_PID, &res);
}
END_TEST

START_TEST(env_listen_pid_without_fds_exits_71)
{
	const char *in[] = { "LISTEN_PID=4242", NULL };
	struct env_spec spec = { .secure_path = "/bin" };
	struct env_result res;
	env_build(&spec, (char *const *)in, SELF_PID, &res);
}
END_TEST

/* 100,000 entries with 1,000 duplicated names (some three times over): one hashed pass, exact. */
START_TEST(env_handles_a_huge_environment)
{
	enum { N = 100000, DUPS = 1000 };
	char **in = calloc(N + 1, sizeof(*in));
	ck_assert_ptr_nonnull(in);
	for (int i = 0; i < N; i++) {
		in[i] = malloc(32);
		ck_assert_ptr_nonnull(in[i]);
		/* The last DUPS entries repeat the first DUPS names. */
		snprintf(in[i], 32, "V%06d=%d", i < N - DUPS ? i : i - (N - DUPS), i);
	}
	snprintf(in[N / 2], 32, "V%06d=third", 0); /* V000000 a third time */
	struct env_spec spec = { .secure_path = "/bin" };
	struct env_result res;
	env_build(&spec, in, SELF_PID, &res);
	ck_assert_uint_eq(res.len, N - 2 * DUPS - 1); /* V050000 was replaced by the third copy */
	ck_assert_str_eq(res.envp[0], "V001000=1000");
	for (size_t i = 0; i < res.len; i++)
		ck_assert_msg(strncmp(res.envp[i], "V000000=", 8) != 0, "a copy of V000000 kept");
	env_result_free(&res);
	for (int i = 0; i < N; i++)
		free(in[i]);
	free(in);
}
END_TEST

START_TEST(env_never_writes_the_callers_array)
{
	char a[] = "LD_PRELOAD=x", b[] = "A=1", c[] = "A=2", d[] = "B=3";
	char *in[] = { a, b, c, d, NULL };
	char *copy[] = { a, b, c, d, NULL };
	struct env_spec spec = { .clear = 1, .secure_path = "/bin" };
	struct env_result res;
	env_build(&spec, in, SELF_PID, &res);
	ck_assert_mem_eq(in, copy, sizeof(in));
	ck_assert_str_eq(a, "LD_PRELOAD=x");
	env_result_free(&res);
}
END_TEST

static Suite *env_suite(void)
{
	Suite *s = suite_create("env");
	TCase *tc = tcase_create("build");
	tcase_add_loop_test(tc, env_build_cases, 0, sizeof(cases) / sizeof(cases[0]));
	tcase_add_loop_test(tc, env_drops_every_table_entry_in_both_modes, 0, (int)env_danger_count);
	tcase_add_test(tc, env_npm_config_in_any_case);
	tcase_add_test(tc, env_table_patterns_are_valid_and_unique);
	tcase_add_loop_test(tc, env_name_validity, 0, sizeof(names) / sizeof(names[0]));
	tcase_add_test(tc, env_pattern_rules);
	tcase_add_test(tc, env_pattern_match_equals_the_plain_comparison);
	tcase_add_loop_exit_test(tc, env_malformed_listen_fds_exits_71, EXIT_CONFINE, 0,
	                         sizeof(bad_listen_fds) / sizeof(bad_listen_fds[0]) - 1);
	tcase_add_exit_test(tc, env_listen_pid_without_fds_exits_71, EXIT_CONFINE);
	tcase_add_test(tc, env_handles_a_huge_environment);
	tcase_add_test(tc, env_never_writes_the_callers_array);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return unit_run(env_suite());
}
