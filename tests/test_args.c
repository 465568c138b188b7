/* args.c: argument rules, judged exactly as written. */
#include "unit.h"

#include "args.h"
#include "policy.h"

#include <check.h>
#include <string.h>

#define MAXA 12

/* The rule every case runs against, unless a case names its own. */
static const char git_rule[] =
	"[program git]\n"
	"path = /usr/bin/git\n"
	"subcommands = status log diff show\n"
	"flags = --no-pager --oneline --format= -n= -C= -s -l -a\n"
	"positional-max = 2\n"
	"double-dash = yes\n"
	"args-deny = --upload-pack*\n"
	"args-deny = *ext::*\n";

static const char plain_rule[] =
	"[program ls]\n"
	"path = /bin/ls\n"
	"flags = -l -a -d --color= -o=\n"
	"positional-min = 1\n";

static const char deny_rule[] =
	"[program ls]\n"
	"path = /bin/ls\n"
	"flags = --color= -w= -l\n"
	"args-deny = /etc/*\n";

/* GNU ls --color[=WHEN] and sed -i[SUFFIX]: the value is optional, so only an attached one is. */
static const char optional_rule[] =
	"[program ls]\n"
	"path = /bin/ls\n"
	"flags = --color[=] -i[=] -l\n"
	"positional-max = 1\n"
	"args-deny = /etc/*\n";

/* Before a subcommand, and with double-dash: the word after a bare --color is no value. */
static const char optional_sub_rule[] =
	"[program git]\n"
	"path = /usr/bin/git\n"
	"subcommands = status\n"
	"flags = --color[=] -i[=]\n"
	"double-dash = yes\n"
	"args-deny = /etc/*\n";

static const struct {
	const char *rule;
	const char *argv[MAXA];
	int allowed;
	size_t bad;          /* offending index when denied */
	long dd;             /* where "--" is inserted when allowed */
} cases[] = {
	/* Denied first. */
	{ git_rule, { "git", "push" }, 0, 1, -1 },
	{ git_rule, { "git" }, 0, 0, -1 },                                  /* subcommand required */
	{ git_rule, { "git", "--no-p", "log" }, 0, 1, -1 },                 /* abbreviation */
	{ git_rule, { "git", "--no-pager=1", "log" }, 0, 1, -1 },           /* no value allowed */
	{ git_rule, { "git", "log", "--format" }, 0, 2, -1 },               /* value missing */
	{ git_rule, { "git", "log", "--upload-pack=x" }, 0, 2, -1 },
	{ git_rule, { "git", "log", "--format", "--upload-pack=x" }, 0, 3, -1 }, /* value denied */
	{ git_rule, { "git", "log", "-n", "ext::sh" }, 0, 3, -1 },
	{ git_rule, { "git", "log", "a", "b", "c" }, 0, 4, -1 },            /* positional-max */
	{ git_rule, { "git", "-C", "/", "status", "-x" }, 0, 4, -1 },
	{ git_rule, { "git", "log", "-ln" }, 0, 2, -1 },                    /* bundle with a value flag */
	{ git_rule, { "git", "log", "-lx" }, 0, 2, -1 },                    /* unknown letter */
	{ git_rule, { "git", "-c", "core.pager=sh", "log" }, 0, 1, -1 },
	{ git_rule, { "git", "--exec-path=/tmp", "log" }, 0, 1, -1 },
	{ plain_rule, { "ls", "--", "x" }, 0, 1, -1 },                      /* "--" needs double-dash */
	{ git_rule, { "git", "--", "log", "--upload-pak" }, 0, 1, -1 },      /* "--" before the subcommand */
	{ git_rule, { "git", "--no-pager", "--", "log" }, 0, 2, -1 },
	{ plain_rule, { "ls", "-l" }, 0, 0, -1 },                           /* positional-min */
	{ plain_rule, { "ls", "--col", "x" }, 0, 1, -1 },
	{ plain_rule, { "ls", "--color" }, 0, 1, -1 },
	{ plain_rule, { "ls", "-la", "--Color=auto", "x" }, 0, 2, -1 },
	{ plain_rule, { "ls", "x", "-Z" }, 0, 2, -1 },                       /* flags after positionals still checked */
	{ deny_rule, { "ls", "--color=/etc/passwd" }, 0, 1, -1 },           /* attached values meet args-deny */
	{ deny_rule, { "ls", "-w/etc/x" }, 0, 1, -1 },
	/* getopt passes "=/etc/x", argparse and Go's flag "/etc/x": args-deny sees both (review) */
	{ deny_rule, { "ls", "-w=/etc/x" }, 0, 1, -1 },
	{ optional_sub_rule, { "git", "-i=/etc/x", "status" }, 0, 1, -1 },
	{ deny_rule, { "ls", "--color", "/etc/passwd" }, 0, 2, -1 },
	{ deny_rule, { "ls", "-l", "/etc/passwd" }, 0, 2, -1 },
	/* A separate value that looks like an option: "--color --evil" is two options to ls. */
	{ plain_rule, { "ls", "--color", "--evil", "x" }, 0, 2, -1 },
	{ plain_rule, { "ls", "-o", "-Z", "x" }, 0, 2, -1 },
	/* only a number is a value: grep reads "-1r" as -1 -r (review) */
	{ plain_rule, { "ls", "-o", "-1r", "x" }, 0, 2, -1 },
	{ plain_rule, { "ls", "-o", "-5e3", "x" }, 0, 2, -1 },
	{ plain_rule, { "ls", "-o", "-1.", "x" }, 0, 2, -1 },
	{ plain_rule, { "ls", "-o", "-1.2.3", "x" }, 0, 2, -1 },
	{ plain_rule, { "ls", "-o", "-.5", "x" }, 0, 2, -1 },
	{ plain_rule, { "ls", "--color", "--", "x" }, 0, 2, -1 },
	/* An optional value is attached or absent: the next argument counts on its own
	 * (the program reads "--color /a /b" as two files; --color= would have seen one). */
	{ optional_rule, { "ls", "--color", "a", "b" }, 0, 3, -1 },
	{ optional_rule, { "ls", "--color", "a", "--color", "b" }, 0, 4, -1 },
	{ optional_rule, { "ls", "-i", ".bak", "x" }, 0, 3, -1 },
	{ optional_rule, { "ls", "--color", "--evil" }, 0, 2, -1 },
	{ optional_rule, { "ls", "-li" }, 0, 1, -1 },                        /* not in a bundle */
	{ optional_rule, { "ls", "--color=/etc/passwd" }, 0, 1, -1 },         /* attached: args-deny */
	{ optional_rule, { "ls", "-i/etc/x" }, 0, 1, -1 },
	{ optional_rule, { "ls", "--color", "/etc/passwd" }, 0, 2, -1 },
	{ optional_rule, { "ls", "--colour" }, 0, 1, -1 },
	{ optional_sub_rule, { "git", "--color", "rm", "status" }, 0, 2, -1 }, /* rm: the subcommand */
	{ optional_sub_rule, { "git", "-i", "rm", "status" }, 0, 2, -1 },

	/* Allowed. */
	{ git_rule, { "git", "status" }, 1, 0, -1 },
	{ git_rule, { "git", "--no-pager", "log", "--oneline", "-n", "5" }, 1, 0, -1 },
	{ git_rule, { "git", "log", "-n5" }, 1, 0, -1 },                     /* attached value */
	{ git_rule, { "git", "log", "--format=%H", "-n", "-5" }, 1, 0, -1 }, /* value may start with '-' */
	{ git_rule, { "git", "-C", "/srv/repo", "status", "-s" }, 1, 0, -1 },
	{ git_rule, { "git", "log", "-la" }, 1, 0, -1 },                     /* bundle of plain flags */
	{ git_rule, { "git", "log", "HEAD" }, 1, 0, 2 },                     /* "--" before HEAD */
	{ git_rule, { "git", "log", "HEAD", "-s" }, 1, 0, 2 },               /* -s becomes positional */
	{ git_rule, { "git", "log", "--", "-rf" }, 1, 0, -1 },               /* the caller's own "--" */
	{ git_rule, { "git", "show", "--", "--upload-pak" }, 1, 0, -1 },
	{ git_rule, { "git", "log", "$(id)", ";rm -rf /" }, 1, 0, 2 },       /* bytes, never a shell */
	{ git_rule, { "git", "log", "-" }, 1, 0, 2 },                        /* "-" is positional */
	{ plain_rule, { "ls", "-l", "-a", "x" }, 1, 0, -1 },
	{ plain_rule, { "ls", "-la", "x" }, 1, 0, -1 },
	{ plain_rule, { "ls", "-ofoo", "--color=auto", "x", "y" }, 1, 0, -1 },
	{ plain_rule, { "ls", "x", "-l" }, 1, 0, -1 },
	{ plain_rule, { "ls", "-o", "-", "x" }, 1, 0, -1 },                   /* "-" and numbers are values */
	{ plain_rule, { "ls", "-o", "-12", "x" }, 1, 0, -1 },
	{ plain_rule, { "ls", "-o", "-0.25", "x" }, 1, 0, -1 },
	{ deny_rule, { "ls", "-w=80", "-l" }, 1, 0, -1 },                  /* "=80" and "80": no match */
	{ plain_rule, { "ls", "-o-Z", "--color=--evil", "x" }, 1, 0, -1 },    /* attached: one argument */
	{ deny_rule, { "ls", "--color=auto", "-w80", "-l", "x" }, 1, 0, -1 },
	{ optional_rule, { "ls", "--color", "x" }, 1, 0, -1 },
	{ optional_rule, { "ls", "--color=auto", "-l", "x" }, 1, 0, -1 },
	{ optional_rule, { "ls", "--color=", "x" }, 1, 0, -1 },
	{ optional_rule, { "ls", "-i", "x" }, 1, 0, -1 },
	{ optional_rule, { "ls", "-i.bak", "x" }, 1, 0, -1 },
	{ optional_rule, { "ls", "-il", "x" }, 1, 0, -1 },                   /* -i with value "l" */
	{ optional_rule, { "ls", "--color", "-l", "--color=never" }, 1, 0, -1 },
	{ optional_rule, { "ls", "-i", "-l", "x" }, 1, 0, -1 },              /* -l is no value */
	{ optional_rule, { "ls", "x", "--color" }, 1, 0, -1 },               /* last: no value needed */
	{ optional_rule, { "ls", "x", "-i" }, 1, 0, -1 },
	{ optional_sub_rule, { "git", "-iil", "status" }, 1, 0, -1 },        /* value "il" */
	{ optional_sub_rule, { "git", "--color", "status", "x" }, 1, 0, 3 },  /* "--" before x */
	{ optional_sub_rule, { "git", "status", "--color", "x" }, 1, 0, 3 },
	{ optional_sub_rule, { "git", "status", "-i", "x", "-i" }, 1, 0, 3 },  /* then -i is positional */
};

START_TEST(args_cases)
{
	struct policy pol;
	struct args_verdict v;
	policy_init(&pol);
	policy_parse_text(&pol, "t.conf", cases[_i].rule, strlen(cases[_i].rule), false);
	args_check(&pol.rules[0], (char *const *)cases[_i].argv, &v);
	ck_assert_msg(v.allowed == (bool)cases[_i].allowed, "case %d: allowed=%d (%s)", _i, v.allowed,
	              v.reason);
	if (!v.allowed)
		ck_assert_msg(v.bad_index == cases[_i].bad, "case %d: bad index %zu, expected %zu (%s)", _i,
		              v.bad_index, cases[_i].bad, v.reason);
	else
		ck_assert_int_eq(v.insert_double_dash, cases[_i].dd);
	policy_free(&pol);
}
END_TEST

/* args_check_exact: an argv hardexec does not edit, so no "--" is inserted into it. */
START_TEST(args_exact_inserts_nothing)
{
	static const char text[] = "[program sed]\npath = /usr/bin/sed\n"
	                           "flags = -f= -n\ndouble-dash = yes\n";
	struct policy pol;
	struct args_verdict v;
	policy_init(&pol);
	policy_parse_text(&pol, "t.conf", text, strlen(text), false);
	/* with a "--" put in, "-e" after in.txt would be a file; not put in, it is a flag */
	char *argv[] = { "sed", "-f", "x.sed", "in.txt", "-e", "1e id", NULL };
	args_check(&pol.rules[0], argv, &v);
	ck_assert(v.allowed);
	ck_assert_int_eq(v.insert_double_dash, 3);
	args_check_exact(&pol.rules[0], argv, &v);
	ck_assert(!v.allowed);
	ck_assert_uint_eq(v.bad_index, 4);
	ck_assert_int_eq(v.insert_double_dash, -1);
	/* the caller's own "--" still ends the flags */
	char *argv2[] = { "sed", "-f", "x.sed", "--", "in.txt", "-e", NULL };
	args_check_exact(&pol.rules[0], argv2, &v);
	ck_assert_msg(v.allowed, "%s", v.reason);
	policy_free(&pol);
}
END_TEST

static Suite *args_suite(void)
{
	Suite *s = suite_create("args");
	TCase *tc = tcase_create("check");
	tcase_add_loop_test(tc, args_cases, 0, sizeof(cases) / sizeof(cases[0]));
	tcase_add_test(tc, args_exact_inserts_nothing);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return unit_run(args_suite());
}
