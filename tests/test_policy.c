/* policy.c, trust.c, utf8.c: strict parsing, trust of policy files. */
#include "unit.h"

#include "nodump.h"
#include "policy.h"
#include "report.h"
#include "seccomp_filter.h"
#include "utf8.h"

#include <check.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static struct policy pol;

static void setup(void)
{
	policy_init(&pol);
}

static void teardown(void)
{
	policy_free(&pol);
}

static void parse(const char *text)
{
	policy_parse_text(&pol, "t.conf", text, strlen(text), true);
	policy_check(&pol);
}

/*
 * Run FN(ARG) in a child with stderr captured; expect exit 78 and a
 * message containing WANT. Returns nothing; asserts in the parent.
 */
static void expect_policy_error(void (*fn)(const void *), const void *arg, const char *want)
{
	int pipefd[2];
	ck_assert_int_eq(pipe(pipefd), 0);
	pid_t pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		dup2(pipefd[1], 2);
		close(pipefd[0]);
		policy_init(&pol);
		fn(arg);
		_exit(0);
	}
	close(pipefd[1]);
	char msg[4096] = { 0 };
	size_t used = 0;
	ssize_t n;
	while ((n = read(pipefd[0], msg + used, sizeof(msg) - 1 - used)) > 0)
		used += (size_t)n;
	close(pipefd[0]);
	int status;
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == EXIT_POLICY,
	              "expected exit 78 for '%s', got status %d, stderr '%s'", want, status, msg);
	ck_assert_msg(strstr(msg, want) != NULL, "expected '%s' in '%s'", want, msg);
	ck_assert_msg(strncmp(msg, "hardexec: ", 10) == 0 && strchr(msg, '\n') == msg + used - 1,
	              "not one 'hardexec: ' line: '%s'", msg);
}

static void parse_fn(const void *text)
{
	parse(text);
}

/* Invalid inputs first: text, and what the one-line error must say. */
static const struct {
	const char *text;
	const char *error;
} bad[] = {
	{ "path = /bin/ls\n", "t.conf:1: key 'path' before any" },
	{ "[program]\n", "t.conf:1: unknown section [program]" },
	{ "[programs ls]\n", "t.conf:1: unknown section" },
	{ "[default]\n", "t.conf:1: unknown section [default]" },
	{ "[defaults\n", "t.conf:1: section header must end with ']'" },
	{ "[program l s]\n", "t.conf:1: [program l s]: a label" },
	{ "[program  ]\n", "t.conf:1: [program ]: a label" },
	{ "[program ls/]\n", "t.conf:1: [program ls/]: a label" },
	{ "[program /ls]\n", "t.conf:1: [program /ls]: a label" },
	{ "[program l\xc3\xa9]\n", "t.conf:1: [program l\\xc3\\xa9]: a label" },
	{ "[program x]\n", "t.conf:1: [program x] has no path" },
	{ "# c\n[program x]\nrisky = no\n", "t.conf:2: [program x] has no path" },
	{ "[program x]\npath = /bin/ls\nnope = 1\n", "t.conf:3: unknown key 'nope'" },
	{ "[program x]\npath = /bin/ls\nPath = /bin/ls\n", "t.conf:3: unknown key 'Path'" },
	{ "[program x]\npath = /bin/ls\njust words\n", "t.conf:3: expected 'key = value'" },
	{ "[program x]\npath = bin/ls\n", "t.conf:2: path = 'bin/ls': must be absolute" },
	{ "[program x]\npath = /bin/ls\npath = /bin/ls\n", "t.conf:3: path = '/bin/ls' given twice" },
	{ "[program x]\npath =\n", "t.conf:2: key 'path' has an empty value" },
	{ "[program x]\npath = /bin/ls\nrisky = yes\nrisky = no\n",
	  "t.conf:4: key 'risky' given twice in this section (first at line 3)" },
	/* a key's first use is remembered across sections: only this section's counts */
	{ "[program x]\npath = /bin/ls\nrisky = yes\n[program y]\npath = /bin/cat\nrisky = no\n"
	  "risky = yes\n", "t.conf:7: key 'risky' given twice in this section (first at line 6)" },
	{ "[program x]\npath = /bin/ls\n= any\n", "t.conf:3: unknown key ''" },
	{ "[program x]\npath = /bin/ls\nx = any\n", "t.conf:3: unknown key 'x'" },
	{ "[program x]\npath = /bin/ls\nrisky = maybe\n", "t.conf:3: risky = 'maybe': expected yes or no" },
	{ "[program x]\npath = /bin/ls\ndouble-dash = 1\n", "t.conf:3: double-dash = '1'" },
	{ "[program x]\npath = /bin/ls\nflags = -l foo\n", "t.conf:3: flags: 'foo' is not a flag" },
	{ "[program x]\npath = /bin/ls\nflags = --\n", "t.conf:3: flags: '--' is not a flag" },
	{ "[program x]\npath = /bin/ls\nflags = -\n", "t.conf:3: flags: '-' is not a flag" },
	{ "[program x]\npath = /bin/ls\nflags = --a;b\n", "t.conf:3: flags: '--a;b' is not a flag" },
	{ "[program x]\npath = /bin/ls\nflags = -l\nflags = -l=\n", "t.conf:4: flags: '-l' given twice" },
	{ "[program x]\npath = /bin/ls\nflags = --color= --color[=]\n",
	  "t.conf:3: flags: '--color' given twice" },
	{ "[program x]\npath = /bin/ls\nflags = -name[=]\n",
	  "t.conf:3: flags: '-name[=]': an optional value is for --name[=] or -n[=] only" },
	{ "[program x]\npath = /bin/ls\nflags = --[=]\n", "t.conf:3: flags: '--[=]' is not a flag" },
	{ "[program x]\npath = /bin/ls\nflags = -[=]\n", "t.conf:3: flags: '-[=]' is not a flag" },
	{ "[program x]\npath = /bin/ls\nflags = [=]\n", "t.conf:3: flags: '[=]' is not a flag" },
	{ "[program x]\npath = /bin/ls\nflags = --color=[=]\n",
	  "t.conf:3: flags: '--color=[=]' is not a flag" },
	{ "[program x]\npath = /bin/ls\nflags = --color[=]=\n",
	  "t.conf:3: flags: '--color[=]=' is not a flag" },
	{ "[program x]\npath = /bin/ls\nflags = --color[]\n",
	  "t.conf:3: flags: '--color[]' is not a flag" },
	{ "[program x]\npath = /bin/ls\nflags = --color[=\n",
	  "t.conf:3: flags: '--color[=' is not a flag" },
	{ "[program x]\npath = /bin/ls\nsubcommands = a -b\n", "t.conf:3: subcommands: '-b' looks like a flag" },
	{ "[program x]\npath = /bin/ls\nsubcommands = a a\n", "t.conf:3: subcommands: 'a' given twice" },
	{ "[program x]\npath = /bin/ls\npositional-max = -1\n", "t.conf:3: positional-max = '-1'" },
	{ "[program x]\npath = /bin/ls\npositional-max = 01\n", "t.conf:3: positional-max = '01'" },
	{ "[program x]\npath = /bin/ls\npositional-min = 1000001\n", "t.conf:3: positional-min" },
	{ "[program x]\npath = /bin/ls\npositional-min = 3\npositional-max = 2\n",
	  "t.conf:1: [program x]: positional-min 3 is above positional-max 2" },
	/* arguments = any with an argument key: the key would do nothing (review) */
	{ "[program x]\npath = /bin/ls\narguments = any\nargs-deny = *secret*\n",
	  "t.conf:1: [program x]: arguments = any checks no argument" },
	{ "[program x]\npath = /bin/ls\nflags = -n\narguments = any\n",
	  "t.conf:1: [program x]: arguments = any checks no argument" },
	{ "[program x]\npath = /bin/ls\narguments = any\npositional-max = 1\n[program y]\n",
	  "t.conf:1: [program x]: arguments = any" },
	{ "[program x]\npath = /bin/ls\ntrust-owner = bob\n", "t.conf:3: trust-owner = 'bob'" },
	{ "[program x]\npath = /bin/ls\nenv = none\n", "t.conf:3: env = 'none'" },
	{ "[program x]\npath = /bin/ls\nenv-keep = 1A\n", "t.conf:3: env-keep: '1A'" },
	{ "[program x]\npath = /bin/ls\nenv-keep = A A\n", "t.conf:3: env-keep: 'A' given twice" },
	{ "[program x]\npath = /bin/ls\nenv-set = NOEQ\n", "t.conf:3: env-set = 'NOEQ'" },
	{ "[program x]\npath = /bin/ls\nenv-set = A=1\nenv-set = A=2\n", "t.conf:4: env-set: 'A' given twice" },
	{ "[program x]\npath = /bin/ls\nenv-set = LISTEN_FDS=3\n", "t.conf:3: env-set: 'LISTEN_FDS'" },
	{ "[program x]\npath = /bin/ls\nenv-set = A=1\nenv-unset = A\n",
	  "x: env-set 'A' contradicts env-unset 'A'" },
	{ "[program x]\npath = /bin/ls\nsecure-path = /bin::/usr/bin\n", "t.conf:3: secure-path" },
	{ "[program x]\npath = /bin/ls\nsecure-path = bin\n", "t.conf:3: secure-path" },
	{ "[program x]\npath = /bin/ls\naudit = syslog\n", "t.conf:3: key 'audit' is not allowed in a [program]" },
	{ "[program x]\npath = /bin/ls\ninclude = /etc\n", "t.conf:3: key 'include' is not allowed" },
	{ "[defaults]\npath = /bin/ls\n", "t.conf:2: key 'path' is not allowed in [defaults]" },
	{ "[defaults]\naudit = loud\n", "t.conf:2: audit = 'loud'" },
	{ "[defaults]\naudit = log.txt\n", "t.conf:2: audit = 'log.txt'" },
	{ "[defaults]\ntrusted-dirs = bin\n", "t.conf:2: trusted-dirs: 'bin' must be absolute" },
	{ "[defaults]\nallow-trusted-dirs = 1\n", "t.conf:2: allow-trusted-dirs = '1'" },
	{ "[defaults]\nenv-keep = A B\nenv-unset = B\n",
	  "[defaults]: env-keep 'B' contradicts env-unset 'B'" },
	{ "[program x]\npath = /bin/ls\nenv-keep = LC_ALL\nenv-unset = LC_*\n",
	  "env-keep 'LC_ALL' contradicts env-unset 'LC_*'" },
	{ "[defaults]\naudit = none\ntrusted-dirs = /usr/bin\n[program x]\npath = /bin/ls\n",
	  "t.conf:3: trusted-dirs needs allow-trusted-dirs = yes" },
	{ "[defaults]\nallow-trusted-dirs = no\ntrusted-dirs = /usr/bin\n",
	  "t.conf:3: trusted-dirs needs allow-trusted-dirs = yes" },
	{ "[defaults]\n[defaults]\n", "t.conf:2: [defaults] given twice" },
	{ "[defaults]\ninclude = relative\n", "t.conf:2: include = 'relative'" },
	{ "[defaults]\ninclude = /nonexistent-hx\n", "t.conf:2: include = /nonexistent-hx" },
	{ "[program x]\npath = /bin/ls\n[program x]\npath = /bin/cat\n",
	  "t.conf:3: [program x] also defined at t.conf:1" },
	{ "[program x]\npath = /bin/ls\n[program y]\npath = /bin/ls\n",
	  "t.conf:4: path /bin/ls is also in [program x] at t.conf:2" },
	{ "[defaults]\ngroups = , ,\n", "t.conf:2: groups = ', ,': expected none" },
	{ "[program x]\npath = /bin/a\npath = /bin/ls\n[program y]\npath = /bin/b\npath = /bin/ls\n",
	  "t.conf:6: path /bin/ls is also in [program x] at t.conf:3" },
	{ "[program x]\npath = /bin/a\n[program y]\npath = /bin/b\npath = /bin/c\npath = /bin/b\n",
	  "t.conf:6: path = '/bin/b' given twice in [program y]" },
	{ "[defaults]\r\n", "t.conf:1: carriage return" },
	{ "[defaults]\nenv = clear\n\xff\n", "t.conf:3: invalid UTF-8" },
	{ "[defaults]\nenv-keep = \xc0\xaf\n", "t.conf:2: invalid UTF-8" },
	{ "[defaults]\nenv-keep = \xed\xa0\x80\n", "t.conf:2: invalid UTF-8" },
	{ "[program \xe2\x82\xac]\n", "t.conf:1: [program \\xe2\\x82\\xac]" },
	{ "[program x]\npath = /bin/ls\nflags = -l\x1b[31m\n", "flags: '-l\\x1b[31m'" },
	{ "[defaults]\nrlimit-nofile = 10\nrlimit-nofile = 20\n",
	  "t.conf:3: key 'rlimit-nofile' given twice in this section (first at t.conf:2)" },
	{ "[defaults]\nrlimit-files = 10\n", "t.conf:2: unknown key 'rlimit-files'" },
	{ "[defaults]\nrlimit-core = 2\n", "t.conf:2: rlimit-core = '2': core stays 1" },
	{ "[defaults]\nrlimit-as = 1T\n", "t.conf:2: rlimit-as = '1T'" },
	{ "[defaults]\nrlimit-as =\n", "t.conf:2: key 'rlimit-as' has an empty value" },
	{ "rlimit-as = 1\n", "t.conf:1: key 'rlimit-as' before any" },
	{ "[defaults]\numask = 0999\n", "t.conf:2: umask = '0999'" },
	{ "[defaults]\nchdir = srv\n", "t.conf:2: chdir = 'srv': must be an absolute directory" },
	{ "[defaults]\npdeathsig = 9\n", "t.conf:2: pdeathsig = '9'" },
	{ "[defaults]\nno-new-privs = off\n", "t.conf:2: no-new-privs = 'off'" },
	{ "[defaults]\numask = 0077\numask = 0022\n", "t.conf:3: key 'umask' given twice" },
	{ "[defaults]\nseccomp = strictest\n", "t.conf:2: seccomp = 'strictest': expected default, strict or none" },
	{ "[defaults]\nseccomp-abi =\n", "t.conf:2: key 'seccomp-abi' has an empty value" },
#if HAVE_SECCOMP
	{ "[defaults]\nseccomp-abi = sparc\n", "t.conf:2: seccomp-abi = 'sparc': unknown ABI 'sparc'" },
	{ "[defaults]\nseccomp-abi = native\n", "t.conf:2: seccomp-abi = 'native': unknown ABI" },
#endif
#if HAVE_SECCOMP && defined(__x86_64__)
	{ "[defaults]\nseccomp-abi = i386 x32 i386\n", "t.conf:2: seccomp-abi: 'i386' given twice" },
	{ "[defaults]\nseccomp-abi = arm\n",
	  "t.conf:2: seccomp-abi = 'arm': another architecture's ABI 'arm' (this architecture also runs: i386, x32)" },
	{ "[defaults]\nseccomp-abi = i386\nseccomp-abi = x32\n", "t.conf:3: key 'seccomp-abi' given twice" },
#endif
	{ "[defaults]\nseccomp-deny = bpf nosuch\n", "t.conf:2: seccomp-deny = 'bpf nosuch': unknown system call or group 'nosuch'" },
	{ "[defaults]\nseccomp-action = trap\n", "t.conf:2: seccomp-action = 'trap'" },
	{ "[defaults]\ncapabilities = net_bindd\n", "t.conf:2: capabilities = 'net_bindd': unknown" },
	{ "[defaults]\nlandlock = maybe\n",
	  "t.conf:2: landlock = 'maybe': expected required, best-effort or off" },
	{ "[defaults]\nlandlock = off\nlandlock = required\n", "t.conf:3: key 'landlock' given twice" },
	/* off beside lists in one section: they would do nothing */
	{ "[defaults]\nlandlock = off\nlandlock-ro = /etc\n",
	  "[defaults]: landlock = off (t.conf:2) with Landlock paths" },
	{ "[program x]\npath = /bin/ls\nlandlock-scope = signals\nlandlock = off\n",
	  "t.conf:1: [program x]: landlock = off (t.conf:4) with Landlock paths, ports or scopes" },
	{ "[defaults]\nseccomp-deny = ptrace\nseccomp = none\n",
	  "[defaults]: seccomp = none (t.conf:3) with seccomp-deny, -allow, -abi or -action" },
	{ "[program x]\npath = /bin/ls\nseccomp = none\nseccomp-action = kill\n",
	  "t.conf:1: [program x]: seccomp = none (t.conf:3) with seccomp-deny" },
	{ "[defaults]\nnodump = no\n", "t.conf:2: nodump = 'no': expected required, best-effort or off" },
	{ "[defaults]\nnodump = off\nnodump = off\n", "t.conf:3: key 'nodump' given twice" },
	{ "[defaults]\nlandlock-ro = etc\n", "t.conf:2: landlock-ro = 'etc': must be an absolute path" },
	{ "[defaults]\nlandlock-rw = /tmp /tmp\n", "t.conf:2: landlock-rw: '/tmp' given twice" },
	{ "[defaults]\nlandlock-exec = /usr\nlandlock-exec = /usr\n",
	  "t.conf:3: landlock-exec: '/usr' given twice" },
	{ "[defaults]\nlandlock-ro = none\nlandlock-ro = /etc\n",
	  "t.conf:3: landlock-ro = none cannot be combined with other landlock-ro lines" },
	{ "[defaults]\nlandlock-ro = /etc\nlandlock-ro = none\n",
	  "t.conf:3: landlock-ro = none cannot be combined" },
	{ "[defaults]\nlandlock-ro = /etc none\n", "t.conf:2: landlock-ro: none must stand alone" },
	{ "[defaults]\nlandlock-connect = 443 https\n",
	  "t.conf:2: landlock-connect = 'https': expected TCP port numbers 0-65535 or none" },
	{ "[defaults]\nlandlock-connect = 65536\n", "t.conf:2: landlock-connect = '65536'" },
	{ "[defaults]\nlandlock-bind = 080\n", "t.conf:2: landlock-bind = '080'" },
	{ "[defaults]\nlandlock-bind = -1\n", "t.conf:2: landlock-bind = '-1'" },
	{ "[defaults]\nlandlock-bind = 1e3\n", "t.conf:2: landlock-bind = '1e3'" },
	{ "[defaults]\nlandlock-scope = signal\n", "t.conf:2: landlock-scope = 'signal': unknown scope 'signal'" },
	{ "[defaults]\nlandlock-scope = signals signals\n", "t.conf:2: landlock-scope = 'signals signals': scope 'signals' given twice" },
	{ "[defaults]\nlandlock-scope = signals none\n", "t.conf:2: landlock-scope = 'signals none': unknown scope 'none'" },
	{ "[defaults]\nlandlock-ro =\n", "t.conf:2: key 'landlock-ro' has an empty value" },
	{ "[defaults]\nuser = a b\n", "t.conf:2: user = 'a b': expected one name or number" },
	{ "[defaults]\ngroup = a:b\n", "t.conf:2: group = 'a:b'" },
	{ "[defaults]\nuser = a\nuser = b\n", "t.conf:3: key 'user' given twice" },
	{ "  # indented comment\n[program x]\npath = /bin/ls\nrisky = yes # no inline comments\n",
	  "t.conf:4: risky = 'yes # no inline comments'" },
};

START_TEST(policy_rejects_bad_input_with_file_and_line)
{
	expect_policy_error(parse_fn, bad[_i].text, bad[_i].error);
}
END_TEST

static void parse_with_nul(const void *unused)
{
	(void)unused;
	static const char text[] = "[defaults]\nenv = cl\0ear\n";
	policy_parse_text(&pol, "t.conf", text, sizeof(text) - 1, true);
}

START_TEST(policy_rejects_nul_byte)
{
	expect_policy_error(parse_with_nul, NULL, "t.conf:2: NUL byte in line");
}
END_TEST

/* The text is searched for a NUL before any line is parsed: the line number still counts
 * every newline before it, wherever it is (first byte, last line without a newline, after
 * an empty line), and a NUL is reported even after a line that is wrong for another reason. */
static const struct {
	const char *text;
	size_t len;
	const char *error;
} nul_cases[] = {
#define NUL_CASE(text, error) { text, sizeof(text) - 1, error }
	NUL_CASE("\0[defaults]\n", "t.conf:1: NUL byte in line"),
	NUL_CASE("[defaults]\n\nenv = clear\n\0", "t.conf:4: NUL byte in line"),
	NUL_CASE("[defaults]\n\n\n# a\0\n", "t.conf:4: NUL byte in line"),
	NUL_CASE("[defaults]\nbogus\n\0\n", "t.conf:3: NUL byte in line"),
#undef NUL_CASE
};

static void parse_nul_case(const void *arg)
{
	const size_t *i = arg;
	policy_parse_text(&pol, "t.conf", nul_cases[*i].text, nul_cases[*i].len, true);
}

START_TEST(policy_nul_byte_line_numbers)
{
	size_t i = (size_t)_i;
	expect_policy_error(parse_nul_case, &i, nul_cases[i].error);
}
END_TEST

START_TEST(policy_parses_every_key)
{
	parse("# a policy\n"
	      "\n"
	      "[defaults]\n"
	      "env = clear\n"
	      "env-keep = LANG LC_*\n"
	      "env-set = GIT_CONFIG_NOSYSTEM=1\n"
	      "env-unset = TZ\n"
	      "secure-path = /usr/bin:/bin\n"
	      "allow-trusted-dirs = yes\n"
	      "trusted-dirs = /usr/bin /bin\n"
	      "audit = /var/log/hardexec.log\n"
	      "\n"
	      "[program git-ro]\n"
	      "  path = /usr/bin/git\n"
	      "path = /usr/local/bin/git\n"
	      "risky = no\n"
	      "subcommands = status log\n"
	      "subcommands = diff\n"
	      "flags = --no-pager -C= --format= -n= -s --color[=] -i[=]\n"
	      "positional-min = 1\n"
	      "positional-max = 12\n"
	      "args-deny = --upload-pack*\n"
	      "args-deny = *ext::*\n"
	      "double-dash = yes\n"
	      "trust-owner = self\n"
	      "env = inherit\n"
	      "env-set = PAGER=cat with spaces\n"
	      "secure-path = /usr/bin\n"
	      "rlimit-nofile = 64:128\n"
	      "umask = 0077\n"
	      "chdir = /srv\n"
	      "pdeathsig = SIGTERM\n"
	      "no-new-privs = no\n"
	      "landlock = best-effort\n"
	      "landlock-ro = /etc /usr/share\n"
	      "landlock-ro = /srv/data\n"
	      "landlock-rw = none\n"
	      "landlock-connect = 443 0\n"
	      "landlock-scope = abstract-unix, signals\n"
	      "nodump = best-effort\n");
	ck_assert_int_eq(pol.env.mode, ENV_MODE_CLEAR);
	ck_assert_uint_eq(pol.env.mode_at.line, 4);
	ck_assert_uint_eq(pol.env.keep.len, 2);
	ck_assert_str_eq(pol.env.keep.items[1], "LC_*");
	ck_assert_str_eq(pol.env.set.items[0], "GIT_CONFIG_NOSYSTEM=1");
	ck_assert_str_eq(pol.env.secure_path, "/usr/bin:/bin");
	ck_assert_int_eq(pol.allow_trusted_dirs, TRI_YES);
	ck_assert_uint_eq(pol.trusted_dirs.len, 2);
	ck_assert_int_eq(pol.audit, AUDIT_FILE);
	ck_assert_str_eq(pol.audit_file, "/var/log/hardexec.log");
	ck_assert_uint_eq(pol.rules_len, 1);

	const struct rule *r = &pol.rules[0];
	ck_assert_str_eq(r->label, "git-ro");
	ck_assert_uint_eq(r->at.line, 13);
	ck_assert_uint_eq(r->paths_len, 2);
	ck_assert_str_eq(rule_paths(&pol, r)[0].path, "/usr/bin/git");
	ck_assert_uint_eq(rule_paths(&pol, r)[1].line, 15);
	ck_assert_int_eq(r->risky, TRI_NO);
	ck_assert_uint_eq(rule_args(r)->subcommands.len, 3);
	ck_assert_uint_eq(rule_args(r)->flags_len, 7);
	ck_assert_str_eq(rule_args(r)->flags[5].name, "--color");
	ck_assert_int_eq(rule_args(r)->flags[5].value, FLAG_OPTIONAL_VALUE);
	ck_assert_str_eq(rule_args(r)->flags[6].name, "-i");
	ck_assert_int_eq(rule_args(r)->flags[6].value, FLAG_OPTIONAL_VALUE);
	ck_assert_str_eq(rule_args(r)->flags[1].name, "-C");
	ck_assert_int_eq(rule_args(r)->flags[1].value, FLAG_VALUE);
	ck_assert_int_eq(rule_args(r)->flags[0].value, FLAG_NO_VALUE);
	ck_assert_int_eq(rule_args(r)->positional_min, 1);
	ck_assert_int_eq(rule_args(r)->positional_max, 12);
	ck_assert_str_eq(rule_args(r)->args_deny.items[1], "*ext::*");
	ck_assert_int_eq(rule_args(r)->double_dash, TRI_YES);
	ck_assert_int_eq(r->trust_owner, TRUST_OWNER_SELF);
	ck_assert_ptr_nonnull(r->env);
	ck_assert_int_eq(r->env->mode, ENV_MODE_INHERIT);
	ck_assert_str_eq(r->env->set.items[0], "PAGER=cat with spaces");
	ck_assert_str_eq(r->env->secure_path, "/usr/bin");
	const struct limit_request *nofile = &r->confine->limits.req[limits_index("nofile", 6)];
	ck_assert(nofile->set);
	ck_assert_uint_eq(nofile->soft, 64);
	ck_assert_uint_eq(nofile->hard, 128);
	ck_assert_str_eq(nofile->source, "t.conf:29");
	ck_assert_int_eq(r->confine->umask, 077);
	ck_assert_str_eq(r->confine->chdir, "/srv");
	ck_assert_int_eq(r->confine->pdeathsig, 15);
	ck_assert_int_eq(r->confine->no_new_privs, 0);
	ck_assert_int_eq(pol.confine.no_new_privs, -1);
	ck_assert_int_eq(r->confine->nodump, NODUMP_BEST_EFFORT);
	ck_assert_str_eq(r->confine->nodump_source, "t.conf:40");
	ck_assert_int_eq(pol.confine.nodump, NODUMP_UNSET);
	const struct landlock_settings *ll = &r->confine->landlock;
	ck_assert_int_eq(ll->mode, LANDLOCK_MODE_BEST_EFFORT);
	ck_assert_str_eq(ll->mode_source, "t.conf:34");
	ck_assert(ll->lists[LL_RO].set);
	ck_assert_uint_eq(ll->lists[LL_RO].len, 3);
	ck_assert_str_eq(ll->lists[LL_RO].items[2], "/srv/data");
	ck_assert_str_eq(ll->lists[LL_RO].source, "t.conf:35");
	ck_assert(ll->lists[LL_RW].set);
	ck_assert_uint_eq(ll->lists[LL_RW].len, 0);
	ck_assert(!ll->lists[LL_EXEC].set);
	ck_assert_uint_eq(ll->lists[LL_CONNECT].len, 2);
	ck_assert_str_eq(ll->lists[LL_CONNECT].items[1], "0");
	ck_assert_int_eq(ll->scope, LL_SCOPE_SIGNALS | LL_SCOPE_ABSTRACT_UNIX);
	ck_assert_int_eq(pol.confine.landlock.mode, LANDLOCK_MODE_UNSET);
}
END_TEST

START_TEST(policy_defaults_when_keys_are_absent)
{
	parse("[program x]\npath = /bin/ls\n");
	const struct rule *r = &pol.rules[0];
	ck_assert_int_eq(r->risky, TRI_UNSET);
	ck_assert_int_eq(rule_args(r)->positional_min, 0);
	ck_assert_int_eq(rule_args(r)->positional_max, -1);
	ck_assert_uint_eq(rule_args(r)->flags_len, 0);
	ck_assert_int_eq(r->trust_owner, TRUST_OWNER_ROOT);
	ck_assert_int_eq(pol.audit, AUDIT_UNSET);
}
END_TEST

START_TEST(policy_seccomp_strict)
{
	parse("[defaults]\nseccomp = strict\n"
	      "[program x]\npath = /bin/ls\nseccomp-allow = mknodat\n");
	ck_assert_int_eq(pol.confine.seccomp_mode, SECCOMP_MODE_ALLOWLIST);
	ck_assert_str_eq(pol.confine.seccomp_mode_source, "t.conf:2");
	ck_assert_int_eq(pol.rules[0].confine->seccomp_mode, SECCOMP_MODE_UNSET);
	ck_assert_str_eq(pol.rules[0].confine->seccomp_allow, "mknodat");
}
END_TEST

#if HAVE_SECCOMP && defined(__x86_64__)
START_TEST(policy_seccomp_abis_per_level)
{
	int i386 = 0, x32 = 0;
	char why[160];
	ck_assert(seccomp_parse_abi("i386", &i386, why, sizeof(why)));
	ck_assert(seccomp_parse_abi("x32", &x32, why, sizeof(why)));
	ck_assert_int_ne(i386, x32);
	parse("[defaults]\nseccomp-abi = x32 i386\n[program x]\npath = /bin/ls\nseccomp-abi = i386\n");
	ck_assert_int_eq(pol.confine.seccomp_abis, i386 | x32);
	ck_assert_str_eq(pol.confine.seccomp_source, "t.conf:2");
	ck_assert_int_eq(pol.rules[0].confine->seccomp_abis, i386);
}
END_TEST
#endif

START_TEST(policy_reads_lines_of_any_length)
{
	size_t n = 1 << 20;
	char *text = malloc(n + 100);
	ck_assert_ptr_nonnull(text);
	int off = sprintf(text, "[program x]\npath = /bin/ls\nargs-deny = ");
	memset(text + off, 'a', n);
	strcpy(text + off + n, "*\n");
	parse(text);
	ck_assert_uint_eq(strlen(rule_args(&pol.rules[0])->args_deny.items[0]), n + 1);
	free(text);
}
END_TEST

START_TEST(policy_without_final_newline)
{
	parse("[program x]\npath = /bin/ls");
	ck_assert_str_eq(rule_paths(&pol, &pol.rules[0])[0].path, "/bin/ls");
}
END_TEST

/* Every rule's paths share one array: each rule must see its own, with their lines. */
START_TEST(policy_paths_per_rule)
{
	parse("[program a]\npath = /bin/a1\npath = /bin/a2\n"
	      "[program b]\npath = /bin/b1\n"
	      "[program c]\narguments = any\npath = /bin/c1\npath = /bin/c2\npath = /bin/c3\n");
	ck_assert_uint_eq(pol.rules_len, 3);
	ck_assert_uint_eq(pol.paths_len, 6);
	const char *want[3][3] = { { "/bin/a1", "/bin/a2" }, { "/bin/b1" },
	                           { "/bin/c1", "/bin/c2", "/bin/c3" } };
	const unsigned lines[3][3] = { { 2, 3 }, { 5 }, { 8, 9, 10 } };
	const size_t lens[3] = { 2, 1, 3 };
	for (size_t i = 0; i < 3; i++) {
		const struct rule *r = &pol.rules[i];
		ck_assert_uint_eq(r->paths_len, lens[i]);
		for (size_t j = 0; j < lens[i]; j++) {
			ck_assert_str_eq(rule_paths(&pol, r)[j].path, want[i][j]);
			ck_assert_uint_eq(rule_paths(&pol, r)[j].line, lines[i][j]);
			ck_assert_uint_eq(rule_paths(&pol, r)[j].rule, i);
			/* the index finds each path as written, and only as written */
			long k = policy_path_find(&pol, want[i][j]);
			ck_assert_int_eq(k, (long)(r->paths_at + j));
		}
	}
	ck_assert_int_eq(policy_path_find(&pol, "/bin/a"), -1);
	ck_assert_int_eq(policy_path_find(&pol, "/bin/a1/"), -1);
	ck_assert_int_eq(policy_path_find(&pol, "/bin//a1"), -1);
	ck_assert_int_eq(policy_path_find(&pol, "a"), -1); /* a label is not a path */
}
END_TEST

/* The index is made by policy_check: a lookup before it is a caller's bug, not "no rule". */
START_TEST(policy_path_lookup_before_check_exits)
{
	const char *text = "[program a]\npath = /bin/a\n";
	policy_parse_text(&pol, "t.conf", text, strlen(text), true);
	policy_path_find(&pol, "/bin/a");
}
END_TEST

START_TEST(policy_ten_thousand_rules)
{
	size_t cap = 10000 * 64, used = 0;
	char *text = malloc(cap);
	ck_assert_ptr_nonnull(text);
	for (int i = 0; i < 10000; i++)
		used += (size_t)snprintf(text + used, cap - used, "[program p%d]\npath = /opt/bin/p%d\n", i, i);
	parse(text);
	ck_assert_uint_eq(pol.rules_len, 10000);
	ck_assert_str_eq(rule_paths(&pol, &pol.rules[9999])[0].path, "/opt/bin/p9999");
	ck_assert_int_eq(policy_path_find(&pol, "/opt/bin/p0"), 0);
	ck_assert_int_eq(policy_path_find(&pol, "/opt/bin/p9999"), 9999);
	ck_assert_int_eq(policy_path_find(&pol, "/opt/bin/p10000"), -1);
	free(text);
}
END_TEST

/* ---- files, include and trust -------------------------------------- */

static char dir[PATH_MAX];

static void write_file(const char *name, const char *text, mode_t mode)
{
	unit_write_file(dir, name, text, mode);
}

static void files_setup(void)
{
	unit_tmpdir(dir, "policy");
	policy_init(&pol);
}

static void files_teardown(void)
{
	unit_rmtree(dir);
	policy_free(&pol);
}

static void load_fn(const void *name)
{
	char p[PATH_MAX * 2];
	snprintf(p, sizeof(p), "%s/%s", dir, (const char *)name);
	policy_load_file(&pol, p);
}

START_TEST(policy_include_reads_conf_files_in_sorted_order)
{
	char text[PATH_MAX * 2];
	char sub[PATH_MAX + 8];
	snprintf(sub, sizeof(sub), "%s/d", dir);
	ck_assert_int_eq(mkdir(sub, 0755), 0);
	write_file("d/b.conf", "[program b]\npath = /bin/b\n", 0644);
	write_file("d/a.conf", "[program a]\npath = /bin/a\n", 0644);
	write_file("d/10.conf", "[program ten]\npath = /bin/ten\n", 0644);
	write_file("d/.hidden.conf", "[program hidden]\npath = /bin/hidden\n", 0644);
	write_file("d/c.conf.bak", "garbage\n", 0644);
	snprintf(text, sizeof(text), "[defaults]\ninclude = %s\nenv = clear\n[program main]\npath = /bin/m\n",
	         sub);
	write_file("main.conf", text, 0644);
	load_fn("main.conf");
	ck_assert_uint_eq(pol.rules_len, 4);
	ck_assert_str_eq(pol.rules[0].label, "ten");
	ck_assert_str_eq(pol.rules[1].label, "a");
	ck_assert_str_eq(pol.rules[2].label, "b");
	ck_assert_str_eq(pol.rules[3].label, "main");
	ck_assert_int_eq(pol.env.mode, ENV_MODE_CLEAR);
	ck_assert_ptr_nonnull(strstr(pol.rules[1].at.file, "/d/a.conf"));
}
END_TEST

static void include_error(const char *included, const char *want)
{
	char text[PATH_MAX * 2];
	char sub[PATH_MAX + 8];
	snprintf(sub, sizeof(sub), "%s/d", dir);
	ck_assert_int_eq(mkdir(sub, 0755), 0);
	write_file("d/x.conf", included, 0644);
	snprintf(text, sizeof(text), "[defaults]\ninclude = %s\n[program main]\npath = /bin/m\n", sub);
	write_file("main.conf", text, 0644);
	expect_policy_error(load_fn, "main.conf", want);
}

START_TEST(policy_included_file_errors_name_that_file)
{
	include_error("[program x]\npath = /bin/x\nbogus = 1\n", "/d/x.conf:3: unknown key 'bogus'");
}
END_TEST

START_TEST(policy_included_file_cannot_have_defaults)
{
	include_error("[defaults]\n", "/d/x.conf:1: [defaults] is not allowed in an included file");
}
END_TEST

START_TEST(policy_included_file_cannot_redefine_a_label)
{
	include_error("[program main]\npath = /bin/other\n", "[program main] also defined at");
}
END_TEST

START_TEST(policy_world_writable_file_is_untrusted)
{
	write_file("p.conf", "[defaults]\n", 0646);
	expect_policy_error(load_fn, "p.conf", "untrusted policy: the file is writable by others");
}
END_TEST

START_TEST(policy_group_writable_file_is_untrusted)
{
	write_file("p.conf", "[defaults]\n", 0664);
	expect_policy_error(load_fn, "p.conf", "untrusted policy: the file is writable by its group");
}
END_TEST

START_TEST(policy_group_writable_directory_is_untrusted)
{
	write_file("p.conf", "[defaults]\n", 0644);
	ck_assert_int_eq(chmod(dir, 0775), 0);
	expect_policy_error(load_fn, "p.conf", "untrusted policy: its directory is writable by its group");
}
END_TEST

START_TEST(policy_owned_by_another_user_is_untrusted)
{
	if (geteuid() != 0)
		return; /* needs root to give the file away; the integration tests cover users */
	char p[PATH_MAX * 2];
	write_file("p.conf", "[defaults]\n", 0644);
	snprintf(p, sizeof(p), "%s/p.conf", dir);
	ck_assert_int_eq(chown(p, 65534, 65534), 0);
	expect_policy_error(load_fn, "p.conf", "untrusted policy: the file is owned by uid 65534");
}
END_TEST

START_TEST(policy_missing_file_is_an_error)
{
	expect_policy_error(load_fn, "nope.conf", "nope.conf: No such file or directory");
}
END_TEST

START_TEST(policy_directory_is_not_a_policy)
{
	char sub[PATH_MAX + 8];
	snprintf(sub, sizeof(sub), "%s/d", dir);
	ck_assert_int_eq(mkdir(sub, 0755), 0);
	expect_policy_error(load_fn, "d", "not a regular file");
}
END_TEST

START_TEST(policy_symlink_is_resolved_and_its_target_checked)
{
	char link[PATH_MAX * 2], target[PATH_MAX * 2];
	write_file("real.conf", "[program x]\npath = /bin/x\n", 0644);
	snprintf(link, sizeof(link), "%s/link.conf", dir);
	snprintf(target, sizeof(target), "%s/real.conf", dir);
	ck_assert_int_eq(symlink(target, link), 0);
	load_fn("link.conf");
	ck_assert_uint_eq(pol.rules_len, 1);
}
END_TEST

START_TEST(policy_symlink_to_untrusted_file_is_refused)
{
	char link[PATH_MAX * 2], target[PATH_MAX * 2];
	write_file("real.conf", "[program x]\npath = /bin/x\n", 0666);
	snprintf(link, sizeof(link), "%s/link.conf", dir);
	snprintf(target, sizeof(target), "%s/real.conf", dir);
	ck_assert_int_eq(symlink(target, link), 0);
	expect_policy_error(load_fn, "link.conf", "writable by others");
}
END_TEST

/* ---- UTF-8 ----------------------------------------------------------- */

static const struct {
	const char *s;
	int valid;
} utf8_cases[] = {
	{ "\xc0\x80", 0 },             /* overlong NUL */
	{ "\xc1\xbf", 0 },             /* overlong */
	{ "\xe0\x80\xaf", 0 },         /* overlong '/' */
	{ "\xed\xa0\x80", 0 },         /* surrogate */
	{ "\xf4\x90\x80\x80", 0 },     /* past U+10FFFF */
	{ "\xf5\x80\x80\x80", 0 },
	{ "\x80", 0 },                 /* lone continuation */
	{ "\xc3", 0 },                 /* truncated */
	{ "\xe2\x82", 0 },
	{ "\xff", 0 },
	{ "", 1 },
	{ "ascii", 1 },
	{ "\xc3\xa9", 1 },             /* é */
	{ "\xe2\x82\xac", 1 },         /* € */
	{ "\xf0\x9f\x98\x80", 1 },     /* emoji */
	{ "\xf4\x8f\xbf\xbf", 1 },     /* U+10FFFF */
	{ "\xef\xbb\xbf", 1 },         /* BOM, valid as a character */
};

START_TEST(utf8_validation)
{
	ck_assert_int_eq(utf8_valid(utf8_cases[_i].s, strlen(utf8_cases[_i].s)), utf8_cases[_i].valid);
}
END_TEST

/* The ASCII fast paths skip 32 and then 8 bytes at a time: every position of a long
 * line must still be looked at, and a sequence cut by the end of the text is invalid. */
START_TEST(utf8_every_position_in_a_long_line)
{
	char line[80];
	for (size_t pos = 0; pos < sizeof(line); pos++) {
		memset(line, 'a', sizeof(line));
		line[pos] = (char)0xff;
		ck_assert_msg(!utf8_valid(line, sizeof(line)), "0xff at %zu passed", pos);
		line[pos] = (char)0x80;
		ck_assert_msg(!utf8_valid(line, sizeof(line)), "lone continuation at %zu passed", pos);
		if (pos + 1 < sizeof(line)) {
			line[pos] = (char)0xc3, line[pos + 1] = (char)0xa9;
			ck_assert_msg(utf8_valid(line, sizeof(line)), "valid e-acute at %zu refused", pos);
		} else {
			line[pos] = (char)0xc3;
			ck_assert_msg(!utf8_valid(line, sizeof(line)), "cut sequence at the end passed");
		}
	}
}
END_TEST

static Suite *policy_suite(void)
{
	Suite *s = suite_create("policy");
	TCase *tc = tcase_create("parse");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_loop_test(tc, policy_rejects_bad_input_with_file_and_line, 0,
	                    sizeof(bad) / sizeof(bad[0]));
	tcase_add_test(tc, policy_rejects_nul_byte);
	tcase_add_loop_test(tc, policy_nul_byte_line_numbers, 0,
	                    (int)(sizeof(nul_cases) / sizeof(nul_cases[0])));
	tcase_add_test(tc, policy_parses_every_key);
	tcase_add_exit_test(tc, policy_path_lookup_before_check_exits, EXIT_POLICY);
	tcase_add_test(tc, policy_defaults_when_keys_are_absent);
	tcase_add_test(tc, policy_reads_lines_of_any_length);
	tcase_add_test(tc, policy_seccomp_strict);
#if HAVE_SECCOMP && defined(__x86_64__)
	tcase_add_test(tc, policy_seccomp_abis_per_level);
#endif
	tcase_add_test(tc, policy_without_final_newline);
	tcase_add_test(tc, policy_paths_per_rule);
	tcase_add_test(tc, policy_ten_thousand_rules);
	tcase_add_loop_test(tc, utf8_validation, 0, sizeof(utf8_cases) / sizeof(utf8_cases[0]));
	tcase_add_test(tc, utf8_every_position_in_a_long_line);
	suite_add_tcase(s, tc);

	TCase *files = tcase_create("files");
	tcase_add_checked_fixture(files, files_setup, files_teardown);
	tcase_add_test(files, policy_include_reads_conf_files_in_sorted_order);
	tcase_add_test(files, policy_included_file_errors_name_that_file);
	tcase_add_test(files, policy_included_file_cannot_have_defaults);
	tcase_add_test(files, policy_included_file_cannot_redefine_a_label);
	tcase_add_test(files, policy_world_writable_file_is_untrusted);
	tcase_add_test(files, policy_group_writable_file_is_untrusted);
	tcase_add_test(files, policy_group_writable_directory_is_untrusted);
	tcase_add_test(files, policy_owned_by_another_user_is_untrusted);
	tcase_add_test(files, policy_missing_file_is_an_error);
	tcase_add_test(files, policy_directory_is_not_a_policy);
	tcase_add_test(files, policy_symlink_is_resolved_and_its_target_checked);
	tcase_add_test(files, policy_symlink_to_untrusted_file_is_refused);
	suite_add_tcase(s, files);
	return s;
}

int main(void)
{
	return unit_run(policy_suite());
}
