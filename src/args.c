/*
 * Argument rules. The target's own parser decides what an argument means,
 * and many accept things we would not (abbreviated long options, bundled
 * short options that take values, options after positionals). So an
 * argument passes only when it is spelled exactly as the rule allows, and
 * anything we cannot classify with certainty is denied.
 *
 * A flag that takes a value (flags = --format= -n=) accepts "--format=V",
 * "--format V", "-nV" and "-n V"; a separate value may not begin with '-'
 * unless it is "-" or a negative number, and args-deny sees an attached value
 * on its own as well ("-n=V" also as "V"). A flag whose value is optional (flags = --color[=]
 * -i[=]) takes only an attached one, as getopt does: "--color=V", "-iV";
 * the argument after a bare "--color" is judged on its own (a positional
 * counts against positional-max). A bundle "-la" passes only when every
 * letter is an allowed flag without a value. "--" is accepted only when the
 * rule says the target follows that convention (double-dash = yes); then
 * hardexec also inserts "--" before the first positional, so no positional
 * can be read as an option.
 */
#include "args.h"

#include <fnmatch.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

__attribute__((format(printf, 3, 4)))
static void deny(struct args_verdict *v, size_t index, const char *fmt, ...)
{
	va_list ap;
	v->allowed = false;
	v->bad_index = index;
	va_start(ap, fmt);
	vsnprintf(v->reason, sizeof(v->reason), fmt, ap);
	va_end(ap);
}

static const struct flag *flag_find(const struct arg_rules *r, const char *name, size_t len)
{
	for (size_t i = 0; i < r->flags_len; i++)
		if (strlen(r->flags[i].name) == len && memcmp(r->flags[i].name, name, len) == 0)
			return &r->flags[i];
	return NULL;
}

static const char *denied_pattern(const struct arg_rules *r, const char *arg)
{
	for (size_t i = 0; i < r->args_deny.len; i++)
		if (fnmatch(r->args_deny.items[i], arg, 0) == 0)
			return r->args_deny.items[i];
	return NULL;
}

/* "-5", "-0.25": a minus, digits, at most one point with digits after it. Not "-1r", which
 * grep reads as -1 -r (review): a program's parser decides what a bundle means. */
static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool negative_number(const char *s)
{
	bool point = false;
	if (s[0] != '-' || !is_digit(s[1]))
		return false;
	for (s += 2; *s != '\0'; s++) {
		if (*s == '.' && !point && is_digit(s[1]))
			point = true;
		else if (!is_digit(*s))
			return false;
	}
	return true;
}

/*
 * A value given as the next argument must not look like an option: where the
 * program's value is optional (GNU --color[=WHEN], sed -i[SUFFIX]) but the
 * rule says --color= rather than --color[=], the program takes only an
 * attached one, and would read "--color --evil" as two options while the
 * rule saw one flag and its value. "-" alone and a negative number
 * ("head -n -5") are values. The value also meets args-deny.
 */
static size_t separate_value(const struct arg_rules *r, const struct flag *f,
                             char *const argv[], size_t i, struct args_verdict *v)
{
	const char *value = argv[i + 1];
	if (value == NULL)
		return deny(v, i, "flag %s needs a value", f->name), 0;
	if (value[0] == '-' && value[1] != '\0' && !negative_number(value))
		return deny(v, i + 1, "a value of %s given as the next argument may not begin with '-' "
		               "(attach it: %s%s)", f->name, f->name, f->name[1] == '-' ? "=VALUE" :
		               "VALUE"), 0;
	const char *pat = denied_pattern(r, value);
	if (pat != NULL)
		return deny(v, i + 1, "matches args-deny '%s'", pat), 0;
	return i + 1;
}

/* An attached value ("--name=V", "-nV") meets args-deny on its own, as a separate one does;
 * "-n=V" also as "V": getopt passes "=V", but argparse and Go's flag package read "V". */
static size_t attached_value(const struct arg_rules *r, const char *value, size_t i,
                             struct args_verdict *v)
{
	const char *pat = denied_pattern(r, value);
	if (pat == NULL && value[0] == '=')
		pat = denied_pattern(r, value + 1);
	if (pat != NULL)
		return deny(v, i, "its value matches args-deny '%s'", pat), 0;
	return i;
}

/* A flag argument at I; returns the index of its last element (its value), or 0 on denial. */
static size_t check_flag(const struct arg_rules *r, char *const argv[], size_t i, struct args_verdict *v)
{
	const char *a = argv[i];
	if (a[1] == '-') {
		const char *eq = strchr(a, '=');
		size_t len = eq != NULL ? (size_t)(eq - a) : strlen(a);
		const struct flag *f = flag_find(r, a, len);
		if (f == NULL)
			return deny(v, i, "flag not allowed (only exact spellings count)"), 0;
		if (eq != NULL && f->value == FLAG_NO_VALUE)
			return deny(v, i, "flag %s takes no value", f->name), 0;
		if (eq != NULL)
			return attached_value(r, eq + 1, i, v);
		if (f->value != FLAG_VALUE)   /* an optional value is never the next argument */
			return i;
		return separate_value(r, f, argv, i, v);
	}
	const struct flag *f = flag_find(r, a, strlen(a));
	if (f != NULL) {
		if (f->value != FLAG_VALUE)
			return i;
		return separate_value(r, f, argv, i, v);
	}
	f = flag_find(r, a, 2);
	if (f != NULL && f->value != FLAG_NO_VALUE)
		return attached_value(r, a + 2, i, v);   /* "-nVALUE", "-iSUFFIX" */
	if (a[2] == '\0')
		return deny(v, i, "flag not allowed"), 0;
	for (const char *c = a + 1; *c != '\0'; c++) {
		char letter[3] = { '-', *c, '\0' };
		f = flag_find(r, letter, 2);
		if (f == NULL || f->value != FLAG_NO_VALUE)
			return deny(v, i, "flag not allowed (in a bundle, every letter must be an allowed "
			               "flag without a value; a word such as -nf is one flag: -nf or -nf=)"),
			       0;
	}
	return i;
}

/* INSERT: whether a "--" may be put before the first positional (see args_check_exact). */
static void check(const struct rule *rule, char *const argv[], bool insert, struct args_verdict *v)
{
	const struct arg_rules *r = rule_args(rule);
	memset(v, 0, sizeof(*v));
	v->allowed = true;
	v->insert_double_dash = -1;

	bool dd = r->double_dash == TRI_YES;
	bool after_dd = false;          /* the caller's own "--" was seen */
	bool need_subcommand = r->subcommands.len > 0;
	long positionals = 0;

	for (size_t i = 1; argv[i] != NULL; i++) {
		const char *a = argv[i];
		const char *pat = denied_pattern(r, a);
		if (pat != NULL)
			return deny(v, i, "matches args-deny '%s'", pat);
		/* Once "--" is inserted, the target reads everything after it as positional. */
		bool positional_only = after_dd || (dd && insert && v->insert_double_dash >= 0);
		if (!positional_only && strcmp(a, "--") == 0) {
			if (!dd)
				return deny(v, i, "'--' is not allowed (the rule does not say double-dash = yes)");
			/* A program with subcommands often ends only its own options at "--"
			 * and lets the subcommand parse options again after it. */
			if (need_subcommand)
				return deny(v, i, "'--' before the subcommand is not allowed");
			after_dd = true;
			continue;
		}
		if (!positional_only && a[0] == '-' && a[1] != '\0') {
			size_t last = check_flag(r, argv, i, v);   /* its value checked there too */
			if (last == 0)
				return;
			i = last;
			continue;
		}
		if (need_subcommand) {
			bool known = false;
			for (size_t s = 0; s < r->subcommands.len && !known; s++)
				known = strcmp(r->subcommands.items[s], a) == 0;
			if (!known)
				return deny(v, i, "not an allowed subcommand");
			need_subcommand = false;
			continue;
		}
		if (r->positional_max >= 0 && positionals >= r->positional_max)
			return deny(v, i, "more than %ld positional arguments", r->positional_max);
		positionals++;
		if (dd && insert && !after_dd && v->insert_double_dash < 0)
			v->insert_double_dash = (long)i;
	}
	if (need_subcommand)
		return deny(v, 0, "a subcommand is required");
	if (positionals < r->positional_min)
		return deny(v, 0, "fewer than %ld positional arguments", r->positional_min);
}

void args_check(const struct rule *rule, char *const argv[], struct args_verdict *v)
{
	check(rule, argv, true, v);
}

void args_check_exact(const struct rule *rule, char *const argv[], struct args_verdict *v)
{
	check(rule, argv, false, v);
}
