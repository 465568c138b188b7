/* rules.c: risky classes, rule lookup, binary trust, scripts. */
#include "unit.h"

#include "policy.h"
#include "resolve.h"
#include "risky_table.h"
#include "rules.h"
#include "trust.h"

#include <check.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <stdarg.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const struct {
	const char *path;
	const char *class;   /* NULL: not risky */
} risky_cases[] = {
	{ "/usr/bin/sh", "shell" },
	{ "/usr/bin/dash", "shell" },
	{ "/bin/bash", "shell" },
	{ "/usr/bin/python3.11", "interpreter" },
	{ "/usr/bin/python3", "interpreter" },
	{ "/usr/bin/perl5.36.0", "interpreter" },
	{ "/usr/bin/lua5.4", "interpreter" },
	{ "/usr/bin/mawk", "interpreter" },
	{ "/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2", "dynamic loader" },
	{ "/lib/ld-linux-aarch64.so.1", "dynamic loader" },
	{ "/usr/bin/env", "command runner" },
	{ "/bin/busybox", "command runner" },
	{ "/usr/bin/xargs", "command runner" },
	{ "/usr/bin/find", "command runner" },
	{ "/usr/bin/gdb", "debugger" },
	{ "/usr/bin/vim.basic", "pager or editor" },
	{ "/usr/bin/less", "pager or editor" },
	{ "/usr/bin/make", "build tool" },
	{ "/usr/bin/pip3", "package manager" },
	{ "/usr/local/bin/hardexec", "hardexec" },
	{ "/usr/bin/git", "shell escape" },
	{ "/usr/bin/tar", "shell escape" },
	{ "/usr/bin/valgrind.bin", "debugger" },
	{ "/usr/bin/gfortran-12", "build tool" },
	{ "/usr/bin/x86_64-linux-gnu-gfortran-12", "build tool" },
	{ "/usr/bin/rexx", "interpreter" },
	{ "/usr/bin/msgexec", "command runner" },
	{ "/usr/bin/systemd-socket-activate", "command runner" },
	{ "/usr/bin/dbus-send", "command option" },
	{ "/usr/bin/troff", "command option" },
	{ "/usr/bin/gpg-connect-agent", "command option" },
	{ "/usr/bin/scalar", "shell escape" },
	{ "/usr/bin/apt-mark", "package manager" },
	{ "/usr/bin/x86_64-linux-gnu-gprofng", "command runner" },
	{ "/usr/bin/gp-collect-app", "command runner" },
	{ "/usr/bin/x86_64-linux-gnu-gnatmake-12", "build tool" },
	{ "/usr/bin/x86_64-linux-gnu-fpc-3.2.2", "build tool" },
	{ "/usr/bin/aarch64-linux-gnu-gccgo-12", "build tool" },
	{ "/usr/bin/xrdb", "command option" },
	{ "/usr/bin/luit", "command runner" },
	{ "/usr/bin/scriptlive", "command runner" },
	{ "/usr/bin/git-shell", "command runner" },
	{ "/usr/bin/nm", "command option" },
	{ "/usr/bin/x86_64-linux-gnu-gcc-ar-12", "command option" },
	{ "/usr/bin/gcc-ranlib", "command option" },
	{ "/usr/bin/x86_64-linux-gnu-nm", "command option" },
	{ "/usr/bin/journalctl", "pager or editor" },
	{ "/usr/bin/dmesg", "pager or editor" },
	/* review 2026-11-24: each of these ran a shell or attacker code under the default */
	{ "/usr/bin/x86_64-linux-gnu-gp-collect-app", "command runner" },
	{ "/usr/bin/ifpc-3.2.2", "build tool" },
	{ "/usr/bin/cobcrun", "command runner" },
	{ "/usr/sbin/mkfs", "command option" },
	{ "/usr/bin/gpg-agent", "command runner" },
	{ "/usr/sbin/iptables-legacy", "command option" },
	{ "/usr/sbin/xtables-nft-multi", "command option" },
	{ "/usr/bin/kmod", "command option" },
	{ "/usr/sbin/vipw", "pager or editor" },
	{ "/usr/bin/ls", NULL },
	{ "/usr/bin/cat", NULL },
	{ "/usr/bin/id", NULL },
	{ "/usr/bin/shred", NULL },
	{ "/usr/bin/pythonic-tool", NULL },
};

START_TEST(rules_risky_classes)
{
	const char *got = rules_risky_class(risky_cases[_i].path);
	if (risky_cases[_i].class == NULL)
		ck_assert_msg(got == NULL, "%s: %s", risky_cases[_i].path, got);
	else
		ck_assert_msg(got != NULL && strcmp(got, risky_cases[_i].class) == 0, "%s: %s",
		              risky_cases[_i].path, got ? got : "(none)");
}
END_TEST

/* ---- decisions against real files ------------------------------------ */

static char dir[PATH_MAX];
static struct policy pol;

static void setup(void)
{
	unit_tmpdir(dir, "rules");
	policy_init(&pol);
}

static void teardown(void)
{
	unit_rmtree(dir);
	policy_free(&pol);
}

static void copy_file(const char *from, const char *name, mode_t mode)
{
	char cmd[PATH_MAX * 3];
	snprintf(cmd, sizeof(cmd), "cp '%s' '%s/%s' && chmod %o '%s/%s'", from, dir, name,
	         (unsigned)mode, dir, name);
	ck_assert_int_eq(system(cmd), 0);
}

/* DIR/NAME as a symlink to TO; its path into OUT (SIZE bytes). */
static void link_in_dir(char *out, size_t size, const char *name, const char *to)
{
	snprintf(out, size, "%s/%s", dir, name);
	ck_assert_int_eq(symlink(to, out), 0);
}

static void policy_text(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void policy_text(const char *fmt, ...)
{
	char text[8192];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	policy_parse_text(&pol, "t.conf", text, strlen(text), true);
	policy_check(&pol);
}

static void decide(const char *program, struct decision *d, const char *allow_risky)
{
	struct target t;
	const char *risky[] = { allow_risky };
	struct rules_extra extra = { .allow_risky = risky, .allow_risky_len = allow_risky ? 1 : 0 };
	char *argv[] = { (char *)program, NULL };
	target_resolve(program, "/usr/bin:/bin", &t);
	rules_decide(&pol, &extra, &t, argv, getuid(), d);
	close(t.fd);
	if (t.interpreter != NULL)
		close(t.interpreter->fd);
	target_free(&t);
}

#define ASSERT_DENIED(d, word) \
	ck_assert_msg(!(d).allowed && strstr((d).reason, word) != NULL, "expected denial with '%s': %s", \
	              word, (d).reason)

START_TEST(rules_embedded_default)
{
	struct decision d;
	policy_load_embedded(&pol);
	decide("ls", &d, NULL);
	ck_assert_msg(d.allowed, "%s", d.reason);
	ck_assert_ptr_null(d.rule);
	decide("/bin/sh", &d, NULL);
	ASSERT_DENIED(d, "risky binary (shell)");
	decide("sh", &d, "/bin/sh");
	ck_assert_msg(d.allowed, "%s", d.reason);
	decide("env", &d, NULL);
	ASSERT_DENIED(d, "command runner");
	decide("python3", &d, NULL);
	ASSERT_DENIED(d, "interpreter");
	decide("/lib64/ld-linux-x86-64.so.2", &d, NULL);
	ck_assert(!d.allowed);
}
END_TEST

START_TEST(rules_policy_file_allows_only_its_rules)
{
	struct decision d;
	policy_text("[program cat]\npath = /bin/cat\n");
	decide("cat", &d, NULL);
	ck_assert_msg(d.allowed, "%s", d.reason);
	ck_assert_str_eq(d.rule->label, "cat");
	ck_assert_ptr_nonnull(strstr(d.matched_by, "t.conf:2"));
	decide("ls", &d, NULL);
	ASSERT_DENIED(d, "no rule names it");
}
END_TEST

START_TEST(rules_rule_written_through_a_symlink_matches)
{
	struct decision d;
	char sub[PATH_MAX + 8], link[PATH_MAX + 16];
	snprintf(sub, sizeof(sub), "%s/bin", dir);
	ck_assert_int_eq(mkdir(sub, 0755), 0);
	link_in_dir(link, sizeof(link), "bin/cat", "/usr/bin/cat");
	policy_text("[program cat]\npath = %s\n", link);
	decide("/bin/cat", &d, NULL);
	ck_assert_msg(d.allowed, "%s", d.reason);
}
END_TEST

/*
 * A multi-call program acts on its argv[0] (xz as unxz, vim as rvim): a rule
 * naming the file one way does not let the caller run it under another name,
 * neither the file's own name nor one the caller made up with a symlink. A
 * rule with several paths accepts the name of each path that names the file.
 */
START_TEST(rules_argv0_must_be_a_name_the_rule_gives)
{
	struct decision d;
	char alias[PATH_MAX + 16], mine[PATH_MAX + 16];
	copy_file("/bin/cat", "tool", 0755);
	link_in_dir(alias, sizeof(alias), "tool-safe-mode", "tool");
	link_in_dir(mine, sizeof(mine), "tool-other", "tool");
	policy_text("[program safe]\npath = %s\ntrust-owner = self\n", alias);
	decide(alias, &d, NULL);
	ck_assert_msg(d.allowed, "%s", d.reason);
	char tool[PATH_MAX + 16];
	snprintf(tool, sizeof(tool), "%s/tool", dir);
	decide(tool, &d, NULL);
	ASSERT_DENIED(d, "argv[0] 'tool' is not a name [program safe] gives this file");
	ASSERT_DENIED(d, "it says 'tool-safe-mode'");
	decide(mine, &d, NULL);
	ASSERT_DENIED(d, "argv[0] 'tool-other'");

	policy_free(&pol);
	policy_init(&pol);
	policy_text("[program both]\npath = %s\npath = %s\ntrust-owner = self\n", alias, tool);
	decide(tool, &d, NULL);
	ck_assert_msg(d.allowed, "%s", d.reason);
	decide(alias, &d, NULL);
	ck_assert_msg(d.allowed, "%s", d.reason);
	decide(mine, &d, NULL);
	ASSERT_DENIED(d, "argv[0] 'tool-other'");
}
END_TEST

/* Two rules naming one file: the caller must not pick the rule by the spelling. */
START_TEST(rules_two_rules_one_file_are_denied)
{
	struct decision d;
	char a[PATH_MAX + 16], b[PATH_MAX + 16];
	link_in_dir(a, sizeof(a), "cat-a", "/usr/bin/cat");
	link_in_dir(b, sizeof(b), "cat-b", "/usr/bin/cat");
	/* Neither rule is the canonical path: each spelling alone must find the other. */
	policy_text("[program a]\npath = %s\narguments = any\n[program b]\npath = %s\n"
	            "positional-max = 0\n", a, b);
	decide(a, &d, NULL);
	ASSERT_DENIED(d, "named by two rules");
	decide(b, &d, NULL);
	ASSERT_DENIED(d, "named by two rules");
	decide("/usr/bin/cat", &d, NULL);
	ASSERT_DENIED(d, "named by two rules");
	policy_free(&pol);
	policy_init(&pol);
	/* One is canonical: the other spelling meets both, the canonical one only its own. */
	policy_text("[program a]\npath = %s\n[program b]\npath = /usr/bin/cat\n", a);
	decide(a, &d, NULL);
	ASSERT_DENIED(d, "[program a] and [program b]");
	decide("/usr/bin/cat", &d, NULL);
	ck_assert_msg(d.allowed && strcmp(d.rule->label, "b") == 0, "%s", d.reason);
}
END_TEST

START_TEST(rules_risky_needs_risky_yes)
{
	struct decision d;
	policy_text("[program sh]\npath = /bin/sh\n");
	decide("/bin/sh", &d, NULL);
	ASSERT_DENIED(d, "risky = yes");
	policy_free(&pol);
	policy_init(&pol);
	policy_text("[program sh]\npath = /bin/sh\nrisky = yes\n");
	decide("/bin/sh", &d, NULL);
	ck_assert_msg(d.allowed, "%s", d.reason);
	ck_assert_str_eq(d.risky_class, "shell");
}
END_TEST

static void trust_case(mode_t file_mode, mode_t dir_mode, uid_t owner, const char *word)
{
	struct decision d;
	char p[PATH_MAX + 16];
	copy_file("/usr/bin/true", "prog", file_mode);
	snprintf(p, sizeof(p), "%s/prog", dir);
	if (owner != 0)
		ck_assert_int_eq(chown(p, owner, owner), 0);
	policy_text("[program p]\npath = %s\n", p);
	ck_assert_int_eq(chmod(dir, dir_mode), 0);
	decide(p, &d, NULL);
	ck_assert_int_eq(chmod(dir, 0755), 0);
	if (word == NULL)
		ck_assert_msg(d.allowed, "%s", d.reason);
	else
		ASSERT_DENIED(d, word);
}

START_TEST(rules_trusted_binary_is_allowed) { trust_case(0755, 0755, 0, NULL); }
END_TEST
START_TEST(rules_group_writable_binary_is_untrusted) { trust_case(0775, 0755, 0, "writable by its group"); }
END_TEST
START_TEST(rules_world_writable_binary_is_untrusted) { trust_case(0757, 0755, 0, "writable by others"); }
END_TEST
START_TEST(rules_binary_in_writable_directory_is_untrusted)
{
	trust_case(0755, 01777, 0, "in a sticky directory others may write");
}
END_TEST

START_TEST(rules_binary_owned_by_another_user_is_untrusted)
{
	if (getuid() != 0)
		return; /* needs root to give the file away */
	trust_case(0755, 0755, 65534, "owned by uid 65534");
}
END_TEST

START_TEST(rules_binary_in_tmp_is_untrusted)
{
	struct decision d;
	char p[] = "/tmp/hardexec-rules-binXXXXXX";
	int fd = mkstemp(p);
	ck_assert_int_ge(fd, 0);
	close(fd);
	char cmd[PATH_MAX];
	snprintf(cmd, sizeof(cmd), "cp /usr/bin/true %s && chmod 755 %s", p, p);
	ck_assert_int_eq(system(cmd), 0);
	policy_text("[program p]\npath = %s\n", p);
	decide(p, &d, NULL);
	unlink(p);
	ASSERT_DENIED(d, "in a sticky directory others may write");
}
END_TEST

/* DIR/NAME; the temporary directory's path is short, so it never overflows. */
static void sub_path(char out[PATH_MAX], const char *name)
{
	int n = snprintf(out, PATH_MAX, "%s/%s", dir, name);
	ck_assert(n > 0 && n < PATH_MAX);
}

/* trust_resolve: a symlink walked as the kernel walks it, through trusted directories only. */
START_TEST(rules_trust_resolve_walks_symlinks_through_trusted_directories)
{
	char a[PATH_MAX], link[PATH_MAX], got[PATH_MAX], why[PATH_MAX], p[PATH_MAX + 32];
	bool untrusted;
	sub_path(a, "a");
	ck_assert_int_eq(mkdir(a, 0755), 0);
	copy_file("/usr/bin/true", "a/prog", 0755);
	sub_path(link, "l");
	ck_assert_int_eq(symlink("a/./../a", link), 0);   /* relative, with . and .. */
	snprintf(p, sizeof(p), "%s/l//prog", dir);
	ck_assert_msg(trust_resolve(p, 0, got, why, sizeof(why), &untrusted), "%s", why);
	snprintf(p, sizeof(p), "%s/prog", a);
	ck_assert_str_eq(got, p);
	/* a directory its group may write (not root's group): the walk stops there */
	if (getuid() == 0) {
		ck_assert_int_eq(chown(dir, 0, 65534), 0);
		ck_assert_int_eq(chmod(dir, 02775), 0);
		snprintf(p, sizeof(p), "%s/l/prog", dir);
		ck_assert(!trust_resolve(p, 0, got, why, sizeof(why), &untrusted));
		ck_assert_msg(strstr(why, "writable by its group") != NULL, "%s", why);
		ck_assert_int_eq(chown(dir, 0, 0), 0);   /* root's group: trusted */
		ck_assert_msg(trust_resolve(p, 0, got, why, sizeof(why), &untrusted), "%s", why);
		ck_assert_int_eq(chmod(dir, 0755), 0);
	}
	/* where the kernel says ENOTDIR: a file followed by "..", ".", or a trailing "/" */
	snprintf(p, sizeof(p), "%s/prog/..", a);
	ck_assert(!trust_resolve(p, 0, got, why, sizeof(why), &untrusted));
	ck_assert_msg(strstr(why, "Not a directory") != NULL && !untrusted, "%s", why);
	snprintf(p, sizeof(p), "%s/prog/", a);
	ck_assert(!trust_resolve(p, 0, got, why, sizeof(why), &untrusted));
	/* a sticky directory others may write: no file or symlink there is trusted (anyone's,
	 * hard-linked or renamed in), only a directory of root's or the owner's */
	if (getuid() == 0) {
		char st[PATH_MAX], entry[PATH_MAX + 8], sub[PATH_MAX + 8];
		sub_path(st, "sticky");
		ck_assert_int_eq(mkdir(st, 0755), 0);
		ck_assert_int_eq(chmod(st, 01777), 0);
		snprintf(entry, sizeof(entry), "%s/tool", st);
		ck_assert_int_eq(symlink("/usr/bin/true", entry), 0);
		ck_assert(!trust_resolve(entry, 0, got, why, sizeof(why), &untrusted));
		ck_assert_msg(untrusted && strstr(why, "not a directory") != NULL, "%s", why);
		snprintf(sub, sizeof(sub), "%s/d", st);
		ck_assert_int_eq(mkdir(sub, 0755), 0);
		snprintf(p, sizeof(p), "%s/d/x", st);
		ck_assert_int_eq(symlink("/usr/bin/true", p), 0);
		ck_assert_msg(trust_resolve(p, 0, got, why, sizeof(why), &untrusted), "%s", why);
		ck_assert_int_eq(chown(sub, 65534, 65534), 0);
		ck_assert(!trust_resolve(p, 0, got, why, sizeof(why), &untrusted));
		ck_assert_msg(untrusted && strstr(why, "not root's or the owner's"), "%s", why);
	}
	/* /proc: a name there leads to whatever the caller has open */
	ck_assert(!trust_resolve("/proc/self/exe", 0, got, why, sizeof(why), &untrusted));
	ck_assert_msg(untrusted && strstr(why, "/proc"), "%s", why);
	ck_assert(!trust_resolve("/dev/stdin", 0, got, why, sizeof(why), &untrusted));
	/* an ACL that lets a named user write: the group bits are only its mask */
	if (getuid() == 0 && system("command -v setfacl >/dev/null 2>&1") == 0) {
		char acl[PATH_MAX], cmd[PATH_MAX * 2], entry[PATH_MAX + 8];
		sub_path(acl, "acl");
		ck_assert_int_eq(mkdir(acl, 0755), 0);
		snprintf(entry, sizeof(entry), "%s/tool", acl);
		ck_assert_int_eq(symlink("/usr/bin/true", entry), 0);
		snprintf(cmd, sizeof(cmd), "setfacl -m u:65534:rwx '%s' 2>/dev/null", acl);
		if (system(cmd) == 0) {   /* else a file system without ACLs: nothing to test */
			ck_assert(!trust_resolve(entry, 0, got, why, sizeof(why), &untrusted));
			ck_assert_msg(untrusted && strstr(why, "has an ACL that lets others write"),
			              "%s", why);
		}
	}
	/* a loop */
	char loop[PATH_MAX];
	sub_path(loop, "loop");
	ck_assert_int_eq(symlink("loop", loop), 0);
	ck_assert(!trust_resolve(loop, 0, got, why, sizeof(why), &untrusted));
	ck_assert_msg(strstr(why, "too many symbolic links") != NULL, "%s", why);
	ck_assert(!trust_resolve("relative/path", 0, got, why, sizeof(why), &untrusted));
	ck_assert(trust_resolve("/", 0, got, why, sizeof(why), &untrusted));
	ck_assert_str_eq(got, "/");
}
END_TEST

/* A directory above the binary that its group may write: that group could rename the binary. */
START_TEST(rules_binary_under_group_writable_ancestor_is_untrusted)
{
	if (getuid() != 0)
		return;   /* needs root to give the directory a group */
	char sub[PATH_MAX], p[PATH_MAX + 32];
	struct decision d;
	sub_path(sub, "sub");
	ck_assert_int_eq(mkdir(sub, 0755), 0);
	copy_file("/usr/bin/true", "sub/prog", 0755);
	snprintf(p, sizeof(p), "%s/prog", sub);
	/* allowed as in a trusted directory, named as written: only the binary's trust decides */
	policy_text("[defaults]\nallow-trusted-dirs = yes\ntrusted-dirs = %s\n", sub);
	ck_assert_int_eq(chown(dir, 0, 65534), 0);
	ck_assert_int_eq(chmod(dir, 02775), 0);
	decide(p, &d, NULL);
	ck_assert_int_eq(chmod(dir, 0755), 0);
	ck_assert_int_eq(chown(dir, 0, 0), 0);
	ASSERT_DENIED(d, "untrusted binary");
	ASSERT_DENIED(d, "is writable by its group (gid 65534)");
	decide(p, &d, NULL);
	ck_assert_msg(d.allowed, "%s", d.reason);
}
END_TEST

/* A rule's path through a directory its group may write matches no binary (review 2026-11-24:
 * renamed there, it pointed the rule, and its risky = yes, at /bin/sh). */
START_TEST(rules_rule_path_through_group_writable_directory_matches_nothing)
{
	if (getuid() != 0)
		return;   /* needs root to give the directory a group */
	char rv[PATH_MAX], bin[PATH_MAX + 8], p[PATH_MAX + 32];
	struct decision d;
	sub_path(rv, "rv");
	ck_assert_int_eq(mkdir(rv, 0755), 0);
	ck_assert_int_eq(chown(rv, 0, 65534), 0);
	ck_assert_int_eq(chmod(rv, 02775), 0);
	snprintf(bin, sizeof(bin), "%s/bin", rv);
	ck_assert_int_eq(symlink("/usr/bin", bin), 0);   /* what the group put there */
	snprintf(p, sizeof(p), "%s/sh", bin);
	policy_text("[program tool]\npath = %s\nrisky = yes\narguments = any\n", p);
	decide(p, &d, NULL);
	ASSERT_DENIED(d, "no rule names it; [program tool]'s path ");
	ASSERT_DENIED(d, "leads here only through what others may change: directory ");
	ASSERT_DENIED(d, "writable by its group (gid 65534)");
	ck_assert_int_eq(chmod(rv, 0755), 0);   /* control: the same path through trusted ones */
	decide(p, &d, NULL);
	ck_assert_msg(d.allowed, "%s", d.reason);
}
END_TEST

static void write_script(const char *name, const char *text)
{
	unit_write_file(dir, name, text, 0755);
}

START_TEST(rules_script_needs_its_interpreter_allowed)
{
	struct decision d;
	char p[PATH_MAX + 16];
	write_script("s", "#!/bin/sh\n:\n");
	snprintf(p, sizeof(p), "%s/s", dir);
	policy_text("[program s]\npath = %s\n", p);
	decide(p, &d, NULL);
	ASSERT_DENIED(d, "#! script interpreter");
}
END_TEST

START_TEST(rules_script_with_allowed_interpreter)
{
	struct decision d;
	char p[PATH_MAX + 16];
	write_script("s", "#!/bin/sh\n:\n");
	snprintf(p, sizeof(p), "%s/s", dir);
	policy_text("[program s]\npath = %s\n[program sh]\npath = /bin/sh\nrisky = yes\n", p);
	decide(p, &d, NULL);
	ck_assert_msg(d.allowed, "%s", d.reason);
	ck_assert_str_eq(d.rule->label, "s");
}
END_TEST

/* The interpreter runs under the name the #! line gives it: its rule must give that name
 * (a caller's script must not run an allowed multi-call program in another mode). */
START_TEST(rules_script_interpreter_named_as_its_rule_says)
{
	struct decision d;
	char safe[PATH_MAX + 32], other[PATH_MAX + 32], text[2 * PATH_MAX], s1[PATH_MAX + 16],
	     s2[PATH_MAX + 16];
	copy_file("/bin/cat", "tool", 0755);
	link_in_dir(safe, sizeof(safe), "tool-safe-mode", "tool");
	link_in_dir(other, sizeof(other), "tool-other", "tool");
	snprintf(text, sizeof(text), "#!%s\n", other);
	write_script("s1", text);
	snprintf(text, sizeof(text), "#!%s\n", safe);
	write_script("s2", text);
	snprintf(s1, sizeof(s1), "%s/s1", dir);
	snprintf(s2, sizeof(s2), "%s/s2", dir);
	policy_text("[program scripts]\npath = %s\npath = %s\ntrust-owner = self\n"
	            "[program tool]\npath = %s\ntrust-owner = self\n", s1, s2, safe);
	decide(s1, &d, NULL);
	ASSERT_DENIED(d, "#! script interpreter: 'tool-other' is not a name [program tool]");
	decide(s2, &d, NULL);
	ck_assert_msg(d.allowed, "%s", d.reason);
}
END_TEST

/* The class fnmatch(3) itself gives BASE, walking the whole table: what rules_risky_class
 * must answer, however it skips patterns. */
static const char *plain_scan(const char *base)
{
	for (const struct risky_class *c = risky_classes; c->name != NULL; c++)
		for (const char *const *p = c->patterns; *p != NULL; p++)
			if (fnmatch(*p, base, 0) == 0)
				return c->name;
	return NULL;
}

/* PATTERN with each '*' replaced by STAR, each '?' by 'x' and each [class] by one of its
 * characters (or '_' for a negated one): a name it matches. */
static void filled(const char *pattern, const char *star, char *out, size_t size)
{
	size_t n = 0;
	for (const char *p = pattern; *p != '\0' && n + 8 < size; p++) {
		if (*p == '*') {
			n += (size_t)snprintf(out + n, size - n, "%s", star);
		} else if (*p == '?') {
			out[n++] = 'x';
		} else if (*p == '[') {
			const char *close = strchr(p + 1, ']');
			out[n++] = p[1] == '!' || p[1] == '^' ? '_' : p[1];
			p = close != NULL ? close : p;
		} else {
			out[n++] = *p;
		}
	}
	out[n] = '\0';
}

static void assert_class_as_fnmatch(const char *name)
{
	char path[300];
	snprintf(path, sizeof(path), "/usr/bin/%s", name);
	const char *want = plain_scan(name), *got = rules_risky_class(path);
	ck_assert_msg((want == NULL) == (got == NULL) && (want == NULL || strcmp(want, got) == 0),
	              "%s: fnmatch says %s, rules_risky_class %s", name, want ? want : "(none)",
	              got ? got : "(none)");
}

/*
 * The shortcuts in rules_risky_class (leading plain characters compared before fnmatch)
 * agree with fnmatch over the whole table, for names made from every pattern: its
 * wildcards filled in several ways, then cut short at each length, one character longer,
 * its first character changed or dropped.
 */
START_TEST(rules_risky_shortcut_matches_fnmatch)
{
	static const char *const stars[] = { "3.11", "", "-x", "z" };
	size_t checked = 0;
	for (const struct risky_class *c = risky_classes; c->name != NULL; c++)
		for (const char *const *p = c->patterns; *p != NULL; p++)
			for (size_t f = 0; f < sizeof(stars) / sizeof(stars[0]); f++) {
				char name[256], variant[260];
				filled(*p, stars[f], name, sizeof(name));
				ck_assert_msg(rules_risky_class(name) != NULL, "pattern %s: '%s' not risky",
				              *p, name);
				size_t len = strlen(name);
				for (size_t cut = 0; cut <= len; cut++, checked++) {
					snprintf(variant, sizeof(variant), "%.*s", (int)cut, name);
					assert_class_as_fnmatch(variant);
				}
				snprintf(variant, sizeof(variant), "%sq", name);
				assert_class_as_fnmatch(variant);
				snprintf(variant, sizeof(variant), "%s", name);
				variant[0] = variant[0] == 'q' ? 'z' : 'q';
				assert_class_as_fnmatch(variant);
				assert_class_as_fnmatch(name + (len > 0)); /* first character dropped */
				checked += 3;
			}
	ck_assert_uint_gt(checked, 5000);
}
END_TEST

static Suite *rules_suite(void)
{
	Suite *s = suite_create("rules");
	TCase *tc = tcase_create("risky");
	tcase_add_loop_test(tc, rules_risky_classes, 0, sizeof(risky_cases) / sizeof(risky_cases[0]));
	tcase_add_test(tc, rules_risky_shortcut_matches_fnmatch);
	suite_add_tcase(s, tc);

	TCase *dec = tcase_create("decide");
	tcase_add_checked_fixture(dec, setup, teardown);
	tcase_add_test(dec, rules_embedded_default);
	tcase_add_test(dec, rules_policy_file_allows_only_its_rules);
	tcase_add_test(dec, rules_rule_written_through_a_symlink_matches);
	tcase_add_test(dec, rules_argv0_must_be_a_name_the_rule_gives);
	tcase_add_test(dec, rules_two_rules_one_file_are_denied);
	tcase_add_test(dec, rules_risky_needs_risky_yes);
	tcase_add_test(dec, rules_trusted_binary_is_allowed);
	tcase_add_test(dec, rules_group_writable_binary_is_untrusted);
	tcase_add_test(dec, rules_world_writable_binary_is_untrusted);
	tcase_add_test(dec, rules_binary_in_writable_directory_is_untrusted);
	tcase_add_test(dec, rules_binary_owned_by_another_user_is_untrusted);
	tcase_add_test(dec, rules_binary_in_tmp_is_untrusted);
	tcase_add_test(dec, rules_trust_resolve_walks_symlinks_through_trusted_directories);
	tcase_add_test(dec, rules_rule_path_through_group_writable_directory_matches_nothing);
	tcase_add_test(dec, rules_binary_under_group_writable_ancestor_is_untrusted);
	tcase_add_test(dec, rules_script_needs_its_interpreter_allowed);
	tcase_add_test(dec, rules_script_with_allowed_interpreter);
	tcase_add_test(dec, rules_script_interpreter_named_as_its_rule_says);
	suite_add_tcase(s, dec);
	return s;
}

int main(void)
{
	return unit_run(rules_suite());
}
