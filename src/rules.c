/*
 * Deciding. In order: find the rule for the target's inode, check that the
 * binary can be trusted, refuse risky binaries unless the rule accepts
 * them, then check every argument. A #! script is judged as its
 * interpreter too: both must be allowed, and the interpreter's rule must allow
 * the arguments the script gives it.
 */
#include "rules.h"
#include "args.h"
#include "exec.h"
#include "report.h"
#include "risky_table.h"
#include "trust.h"

#include <errno.h>
#include <fnmatch.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

__attribute__((format(printf, 2, 3)))
static void deny(struct decision *d, const char *fmt, ...)
{
	va_list ap;
	d->allowed = false;
	va_start(ap, fmt);
	vsnprintf(d->reason, sizeof(d->reason), fmt, ap);
	va_end(ap);
}

/*
 * fnmatch(PATTERN, BASE, 0) == 0, with the pattern's leading plain characters
 * compared here: fnmatch is called only for a pattern whose start matches
 * up to a *, ?, [ or \. Most of the table's 500 patterns stop at their first
 * or second character, and a plain name is a whole match.
 */
static bool risky_pattern_matches(const char *pattern, const char *base)
{
	const char *p = pattern, *b = base;
	for (; *p != '*' && *p != '?' && *p != '[' && *p != '\\'; p++, b++) {
		if (*p != *b)
			return false;
		if (*p == '\0')
			return true;
	}
	return fnmatch(pattern, base, 0) == 0;
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash != NULL ? slash + 1 : path;
}

const char *rules_risky_class(const char *canonical_path)
{
	const char *base = base_name(canonical_path);
	for (const struct risky_class *c = risky_classes; c->name != NULL; c++)
		for (const char *const *p = c->patterns; *p != NULL; p++)
			if (risky_pattern_matches(*p, base))
				return c->name;
	return NULL;
}

/*
 * Does PATH (from the policy or the command line) name the target's inode?
 * One stat first: it rules out a path to another file or to nothing in one
 * system call, where a resolution takes one per component (10,000 rule
 * paths not naming the target: 30 ms of realpath, 10 ms of stat, measured).
 * Then the path is resolved through directories only root or OWNER can
 * change (trust_resolve): written through a directory someone else may
 * write, a rule's path could be pointed at any binary, which would then
 * pass as that rule's (with its risky = yes).
 */
static bool path_names_target_why(const char *path, const struct target *t, uid_t owner,
                                  char *why, size_t why_size, bool *untrusted)
{
	char canonical[PATH_MAX];
	struct stat st;
	*untrusted = false;
	if (stat(path, &st) != 0 || st.st_dev != t->st.st_dev || st.st_ino != t->st.st_ino)
		return false;
	if (!trust_resolve(path, owner, canonical, why, why_size, untrusted) ||
	    strcmp(canonical, t->path) != 0)
		return false;
	return stat(canonical, &st) == 0 && st.st_dev == t->st.st_dev && st.st_ino == t->st.st_ino;
}

static bool path_names_target(const char *path, const struct target *t, uid_t owner)
{
	char why[PATH_MAX];
	bool untrusted;
	return path_names_target_why(path, t, owner, why, sizeof(why), &untrusted);
}

/* PATH, absolute or from DIR (NULL: the working directory), names the target through
 * directories only root or OWNER can change (path_names_target). */
static bool leads_here(const char *dir, const char *path, const struct target *t, uid_t owner)
{
	char cwd[PATH_MAX], absolute[PATH_MAX];
	if (path[0] == '/')
		return path_names_target(path, t, owner);
	if (dir == NULL && (dir = getcwd(cwd, sizeof(cwd))) == NULL)
		return false;
	int n = snprintf(absolute, sizeof(absolute), "%s/%s", dir, path);
	return n > 0 && (size_t)n < sizeof(absolute) && path_names_target(absolute, t, owner);
}

/* Whom a rule's paths and binary may belong to: root, or the caller (trust-owner = self). */
static uid_t rule_owner(const struct rule *r, uid_t uid)
{
	return r->trust_owner == TRUST_OWNER_SELF ? uid : 0;
}

/* Note rule R (its path at LINE) as naming the target; true once a second rule does. */
static bool note_match(const struct rule *r, unsigned path_line, const struct rule **found,
                       unsigned *line, const struct rule **other)
{
	if (*found == NULL) {
		*found = r;
		*line = path_line;
		return false;
	}
	if (r == *found)
		return false;
	*other = r;
	return true;
}

/*
 * The rule whose path names the target, and in *OTHER a second rule that
 * names it too (two spellings of one file: the caller could pick the rule).
 * First the cheap way: the canonical path and the path the target was
 * opened as are looked up in the policy's index of rule paths, so that
 * 10,000 rules cost two lookups, not 10,000 string compares. A rule
 * written as the canonical path settles it: any other rule the caller
 * could reach by its spelling would have been found by that spelling too.
 * Otherwise (no match, or a match only by the spelling the caller used)
 * every rule path is resolved, so a path written through a symlink still
 * matches and a second rule is still found.
 */
static const struct rule *rule_find(const struct policy *p, const struct target *t, uid_t uid,
                                    unsigned *line, const struct rule **other,
                                    char untrusted[static 512])
{
	const struct rule *found = NULL;
	*other = NULL;
	untrusted[0] = '\0';
	long by_name[2] = { policy_path_find(p, t->path), -1 };
	if (strcmp(t->opened_as, t->path) != 0)
		by_name[1] = policy_path_find(p, t->opened_as);
	/* in the policy's order, as the full walk below would meet them */
	if (by_name[1] >= 0 && (by_name[0] < 0 || by_name[1] < by_name[0])) {
		long first = by_name[1];
		by_name[1] = by_name[0];
		by_name[0] = first;
	}
	bool canonical = false;
	for (size_t i = 0; i < 2; i++) {
		if (by_name[i] < 0)
			continue;
		const struct rule_path *rp = &p->paths[by_name[i]];
		if (!path_names_target(rp->path, t, rule_owner(&p->rules[rp->rule], uid)))
			continue;
		canonical = canonical || strcmp(rp->path, t->path) == 0;
		if (note_match(&p->rules[rp->rule], rp->line, &found, line, other))
			return found;
	}
	if (found != NULL && canonical)
		return found;
	for (size_t i = 0; i < p->rules_len; i++) {
		const struct rule_path *rp = rule_paths(p, &p->rules[i]);
		for (size_t j = 0; j < p->rules[i].paths_len; j++) {
			char why[PATH_MAX];
			bool distrusted;
			if (path_names_target_why(rp[j].path, t, rule_owner(&p->rules[i], uid), why,
			                          sizeof(why), &distrusted)) {
				if (note_match(&p->rules[i], rp[j].line, &found, line, other))
					return found;
			} else if (distrusted && untrusted[0] == '\0') {
				/* it leads to the target, through a directory someone else may change */
				char shown[ESCAPED_MAX];
				int n = snprintf(untrusted, 512, "; [program %s]'s path %s leads here only "
				                 "through what others may change: %s", p->rules[i].label,
				                 escape_str(shown, sizeof(shown), rp[j].path), why);
				if (n >= 512)   /* cut: the denial still names the rule */
					memcpy(untrusted + 508, "...", 4);
			}
		}
	}
	return found;
}

/* --allow PATH: the caller's own option, so directories the caller owns are trusted too. */
static bool listed(const char *const *paths, size_t n, const struct target *t, uid_t uid)
{
	for (size_t i = 0; i < n; i++)
		if (path_names_target(paths[i], t, uid))
			return true;
	return false;
}

/* Is the target's directory one of the trusted directories (canonicalized)? */
static bool in_trusted_dir(const struct policy *p, const struct target *t)
{
	char dir[PATH_MAX], canonical[PATH_MAX], why[PATH_MAX];
	bool untrusted;
	memcpy(dir, t->path, strlen(t->path) + 1);
	char *slash = strrchr(dir, '/');
	if (slash == NULL)
		return false;
	*slash = '\0';
	for (size_t i = 0; i < p->trusted_dirs.len; i++)
		if (strcmp(p->trusted_dirs.items[i], dir) == 0)
			return true;
	for (size_t i = 0; i < p->trusted_dirs.len; i++)
		if (trust_resolve(p->trusted_dirs.items[i], 0, canonical, why, sizeof(why), &untrusted) &&
		    strcmp(canonical, dir) == 0)
			return true;
	return false;
}

/*
 * Binary trust: owned by root (or by the caller with trust-owner = self),
 * not writable by group or others, its directory not writable by group or
 * others (sticky or not: anyone could add a file next to it), and every
 * directory above as trust_ancestors() requires.
 */
static bool binary_trusted(const struct target *t, uid_t owner, char *why, size_t n)
{
	char buf[ESCAPED_MAX];
	escape_str(buf, sizeof(buf), t->path);
	if (t->st.st_uid != 0 && t->st.st_uid != owner)
		return snprintf(why, n, "untrusted binary %s: owned by uid %u", buf,
		                (unsigned)t->st.st_uid), false;
	if ((t->st.st_mode & (S_IWGRP | S_IWOTH)) != 0)
		return snprintf(why, n, "untrusted binary %s: writable by %s", buf,
		                (t->st.st_mode & S_IWOTH) ? "others" : "its group"), false;

	char dir[PATH_MAX];
	struct stat st;
	memcpy(dir, t->path, strlen(t->path) + 1);
	char *slash = strrchr(dir, '/');
	if (slash == dir)
		slash[1] = '\0';
	else
		*slash = '\0';
	if (stat(dir, &st) != 0)
		return snprintf(why, n, "untrusted binary %s: directory: %s", buf, strerror(errno)), false;
	if (st.st_uid != 0 && st.st_uid != owner)
		return snprintf(why, n, "untrusted binary %s: its directory is owned by uid %u", buf,
		                (unsigned)st.st_uid), false;
	if ((st.st_mode & (S_IWGRP | S_IWOTH)) != 0)
		return snprintf(why, n, "untrusted binary %s: its directory is writable by %s", buf,
		                (st.st_mode & S_IWOTH) ? "others" : "its group"), false;
	char anc[512];   /* trust_ancestors shortens the paths it names */
	if (!trust_ancestors(dir, owner, anc, sizeof(anc)))
		return snprintf(why, n, "untrusted binary %s: %s", buf, anc), false;
	return true;
}

/* Steps 1-3 for one executable (the target, or a script's interpreter). */
static bool judge_binary(const struct policy *p, const struct rules_extra *x,
                         const struct target *t, uid_t uid, struct decision *d)
{
	char buf[ESCAPED_MAX];
	unsigned line = 0;
	bool risky_ok = false;
	char untrusted[512];

	escape_str(buf, sizeof(buf), t->path);
	const struct rule *other;
	d->rule = rule_find(p, t, uid, &line, &other, untrusted);
	if (other != NULL) {
		deny(d, "%s is named by two rules, [program %s] and [program %s] "
		     "(one file, one rule; hardexec --check finds such pairs)", buf, d->rule->label,
		     other->label);
		d->rule = NULL;
		return false;
	}
	if (d->rule != NULL) {
		char file[ESCAPED_MAX];
		snprintf(d->matched_by, sizeof(d->matched_by), "[program %s] at %s:%u", d->rule->label,
		         escape_str(file, sizeof(file), d->rule->at.file), line);
		risky_ok = d->rule->risky == TRI_YES;
	} else if (listed(x->allow_risky, x->allow_risky_len, t, uid)) {
		snprintf(d->matched_by, sizeof(d->matched_by), "--allow-risky %s", buf);
		risky_ok = true;
	} else if (listed(x->allow, x->allow_len, t, uid)) {
		snprintf(d->matched_by, sizeof(d->matched_by), "--allow %s", buf);
	} else if (p->allow_trusted_dirs == TRI_YES && in_trusted_dir(p, t)) {
		char source[ESCAPED_MAX];
		snprintf(d->matched_by, sizeof(d->matched_by), "trusted directory (%s)",
		         escape_str(source, sizeof(source), p->source));
	} else {
		char source[ESCAPED_MAX];
		deny(d, "%s is not allowed by the policy %s (no rule names it%s%s)", buf,
		     escape_str(source, sizeof(source), p->source),
		     p->allow_trusted_dirs == TRI_YES ? " and it is not in a trusted directory" : "",
		     untrusted);
		return false;
	}
	if (!risky_ok && listed(x->allow_risky, x->allow_risky_len, t, uid))
		risky_ok = true;

	/*
	 * Without a rule, the name the caller gave (or a bare name's find in the secure path)
	 * must lead here through directories only root or the caller can change: a directory
	 * someone else may write, early in the secure path, would pick which allowed binary
	 * a name runs (review). Under a rule, argv[0] is checked instead (argv0_place_ok).
	 */
	if (d->rule == NULL && strcmp(t->opened_as, t->path) != 0 &&
	    !leads_here(NULL, t->opened_as, t, uid)) {
		char as[ESCAPED_MAX];
		deny(d, "%s was reached as %s, through a directory someone else may change", buf,
		     escape_str(as, sizeof(as), t->opened_as));
		return false;
	}
	uid_t owner = d->rule != NULL ? rule_owner(d->rule, uid) : 0;
	if (!binary_trusted(t, owner, d->reason, sizeof(d->reason)))
		return d->allowed = false, false;

	/* The canonical name, and the name it was reached by (gcc -> x86_64-linux-gnu-gcc-12). */
	d->risky_class = rules_risky_class(t->path);
	if (d->risky_class == NULL && strcmp(base_name(t->path), base_name(t->opened_as)) != 0)
		d->risky_class = rules_risky_class(t->opened_as);
	if (d->risky_class != NULL && !risky_ok) {
		deny(d, "%s is a risky binary (%s); it needs a rule with risky = yes, or --allow-risky",
		     buf, d->risky_class);
		return false;
	}
	return true;
}

/*
 * A program can act on the name it runs as: xz as unxz or xzcat, vim as
 * rvim or view, busybox as anything. A rule that names the file by one
 * name must not run it under another, or the caller picks a mode the rule
 * never allowed: the basename of ARGV0 must be the basename of one of R's
 * paths that names the target. Otherwise false, and *GIVEN is the name
 * of the first such path (the name to run it by). *EXACT: ARGV0 is the path
 * found, as written, so its directories were walked too.
 */
static bool argv0_named_by_rule(const struct policy *p, const struct rule *r, uid_t uid,
                                const struct target *t, const char *argv0, const char **given,
                                bool *exact)
{
	const char *base = base_name(argv0);
	const struct rule_path *rp = rule_paths(p, r);
	*given = NULL;
	/* names first: only a path with argv[0]'s name is resolved again (rule_find did once) */
	for (size_t i = 0; i < r->paths_len; i++)
		if (strcmp(base_name(rp[i].path), base) == 0 &&
		    path_names_target(rp[i].path, t, rule_owner(r, uid)))
			return *exact = strcmp(rp[i].path, argv0) == 0, true;
	for (size_t i = 0; i < r->paths_len && *given == NULL; i++)
		if (path_names_target(rp[i].path, t, rule_owner(r, uid)))
			*given = base_name(rp[i].path);
	return false;
}

/*
 * Where argv[0] puts the program counts as well as its name: gcc runs the
 * cc1 it finds from the directory in argv[0], and a shell whose argv[0]
 * starts with '-' reads a login shell's start-up files. So an argv[0]
 * with a directory must lead to the target itself, through directories
 * only root or the rule's owner can change (a relative one from the
 * working directory), and none may start with '-'. False + a denial.
 */
static bool argv0_place_ok(const struct rule *r, uid_t uid, const struct target *t,
                           const char *argv0, bool exact, struct decision *d)
{
	char shown[ESCAPED_MAX];
	escape_str(shown, sizeof(shown), argv0);
	if (argv0[0] == '-')
		return deny(d, "argv[0] '%s' starts with '-', which asks a shell to start as a login "
		            "shell", shown), false;
	if (exact || strchr(argv0, '/') == NULL || leads_here(NULL, argv0, t, rule_owner(r, uid)))
		return true;
	return deny(d, "argv[0] '%s' does not lead to this file through directories only root "
	            "or the rule's owner can change, and a program can look for its own parts "
	            "where argv[0] says it is", shown), false;
}

/* Deny: WHAT NAME runs R's file under a name R does not give (GIVEN is one it does). */
static void deny_name(struct decision *d, const char *what, const char *name,
                      const struct rule *r, const char *given)
{
	char shown[ESCAPED_MAX], want[ESCAPED_MAX];
	deny(d, "%s'%s' is not a name [program %s] gives this file (it says '%s'; a program can "
	     "act on the name it runs as)", what, escape_str(shown, sizeof(shown), base_name(name)),
	     r->label, escape_str(want, sizeof(want), given != NULL ? given : "?"));
}

/*
 * A script runs its interpreter with arguments: the #! line's argument, the
 * script (exec_script_head, the start of the argv exec.c builds), then the
 * script's own arguments as they will be passed (FINAL: after any "--" the
 * script's rule inserts). The interpreter's rule must allow that whole argv,
 * as written (args_check_exact: nothing is inserted into it), or a rule
 * that limits python to "python -V" would still run every python script.
 * Not only the head: many interpreters read on past the script (awk -f and
 * sed -f take more options, bc, m4 and gnuplot more programs), so
 * "script evil.bc" would give bc a second program. The script is checked
 * by its canonical path.
 */
static bool interp_arguments_allowed(const struct target *t, const struct rule *r,
                                     char *const final[], struct decision *d)
{
	if (r->no_arg_limits)
		return true;
	size_t n = 0;
	while (final[n] != NULL)
		n++;
	char **iargv = calloc(n + 4, sizeof(*iargv));   /* the head, the arguments, NULL */
	if (iargv == NULL)
		die(EXIT_CANNOT_EXEC, "argv: out of memory");
	size_t k = exec_script_head(t, t->path, iargv);
	for (size_t i = 1; i < n; i++)
		iargv[k++] = final[i];
	struct args_verdict v;
	args_check_exact(r, iargv, &v);
	if (!v.allowed) {
		char shown[ESCAPED_MAX];
		/* the "--" the script's own rule put in (double-dash = yes) is the interpreter's too */
		bool inserted = d->insert_double_dash >= 0 &&   /* final[i] is iargv[k - n + i] */
		                v.bad_index == k - n + (size_t)d->insert_double_dash;
		deny(d, "#! script interpreter: [program %s] does not allow it to run '%s' (it gets "
		     "the #! argument, the script and the script's arguments): %s%s", r->label,
		     escape_str(shown, sizeof(shown), v.bad_index > 0 ? iargv[v.bad_index] : t->path),
		     v.reason, inserted ? "; this '--' is the one the script's rule puts in (double-dash "
		     "= yes): the interpreter's rule needs double-dash = yes too" : "");
	}
	free(iargv);
	return v.allowed;
}

void rules_decide(const struct policy *p, const struct rules_extra *x, const struct target *t,
                  char *const argv[], uid_t uid, struct decision *d)
{
	memset(d, 0, sizeof(*d));
	d->insert_double_dash = -1;
	if (!judge_binary(p, x, t, uid, d))
		return;
	const char *given;
	bool exact;
	/* a script's argv[0] reaches nothing: its interpreter gets it as /proc/self/fd/N */
	if (d->rule != NULL && t->interpreter == NULL) {
		if (!argv0_named_by_rule(p, d->rule, uid, t, argv[0], &given, &exact)) {
			deny_name(d, "argv[0] ", argv[0], d->rule, given);
			return;
		}
		if (!argv0_place_ok(d->rule, uid, t, argv[0], exact, d))
			return;
	}

	if (d->rule != NULL && !d->rule->no_arg_limits) {
		struct args_verdict v;
		args_check(d->rule, argv, &v);
		if (!v.allowed) {
			d->allowed = false;
			d->bad_index = v.bad_index;
			memcpy(d->reason, v.reason, sizeof(v.reason));
			return;
		}
		d->insert_double_dash = v.insert_double_dash;
	}

	/* after the script's own rule: its interpreter gets the arguments as they will be */
	if (t->interpreter != NULL) {
		struct decision interp;
		memset(&interp, 0, sizeof(interp));
		if (!judge_binary(p, x, t->interpreter, uid, &interp)) {
			deny(d, "#! script interpreter: %s", interp.reason);
			return;
		}
		if (interp.rule != NULL) {
			/* the interpreter runs as the #! line names it (exec.c): that name too */
			if (!argv0_named_by_rule(p, interp.rule, uid, t->interpreter, t->interp_path,
			                         &given, &exact)) {
				deny_name(d, "#! script interpreter: ", t->interp_path, interp.rule, given);
				return;
			}
			/* and where it says it is: python looks for pyvenv.cfg beside argv[0] (review) */
			struct decision place;
			memset(&place, 0, sizeof(place));
			if (!argv0_place_ok(interp.rule, uid, t->interpreter, t->interp_path, exact,
			                    &place)) {
				deny(d, "#! script interpreter: %s", place.reason);
				return;
			}
			char **final = rules_final_argv(argv, d);
			bool ok = interp_arguments_allowed(t, interp.rule, final, d);
			free(final);
			if (!ok)
				return;
		}
		d->interp_rule = interp.rule;
	}

	d->allowed = true;
	snprintf(d->reason, sizeof(d->reason), "allowed by %s", d->matched_by);
}

void rules_check_argv0_dir(struct decision *d, const struct target *t, const char *argv0,
                           const char *dir, uid_t uid)
{
	char shown[ESCAPED_MAX], where[ESCAPED_MAX];
	if (!d->allowed || d->rule == NULL || t->interpreter != NULL || dir == NULL ||
	    argv0[0] == '/' || strchr(argv0, '/') == NULL ||
	    leads_here(dir, argv0, t, rule_owner(d->rule, uid)))
		return;
	deny(d, "argv[0] '%s' is relative, and from the working directory %s the program starts "
	     "in, it does not lead to this file through directories only root or the rule's owner "
	     "can change", escape_str(shown, sizeof(shown), argv0),
	     escape_str(where, sizeof(where), dir));
}

char **rules_final_argv(char *const argv[], const struct decision *d)
{
	size_t n = 0;
	while (argv[n] != NULL)
		n++;
	char **out = calloc(n + 2, sizeof(*out));
	if (out == NULL)
		die(EXIT_CANNOT_EXEC, "argv: out of memory");
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (d->insert_double_dash >= 0 && (size_t)d->insert_double_dash == i)
			out[k++] = (char *)"--";
		out[k++] = argv[i];
	}
	return out;
}
