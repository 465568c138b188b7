/*
 * The command line. getopt_long does the scanning; everything it is lenient
 * about (abbreviated long options, repeated options) is refused here,
 * because the operator's options are security settings and a guess is a
 * hole: "--env-c" is not "--env-clear", and "--argv0 a --argv0 b" is a
 * mistake, not "last one wins".
 */
#include "options.h"
#include "caps.h"
#include "env.h"
#include "ids.h"
#include "landlock.h"
#include "nodump.h"
#include "report.h"
#include "seccomp_filter.h"

#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define USAGE_LINE "usage: hardexec [OPTIONS] [--] PROGRAM [ARG...]; see hardexec --help"

enum {
	OPT_ENV_CLEAR = 256,
	OPT_KEEP_ENV,
	OPT_SETENV,
	OPT_UNSETENV,
	OPT_ARGV0,
	OPT_SECURE_PATH,
	OPT_KEEP_FD,
	OPT_POLICY,
	OPT_ALLOW,
	OPT_ALLOW_RISKY,
	OPT_CHECK,
	OPT_EXPLAIN,
	OPT_RLIMIT,
	OPT_UMASK,
	OPT_CHDIR,
	OPT_PDEATHSIG,
	OPT_NO_NEW_PRIVS,
	OPT_USER,
	OPT_GROUP,
	OPT_GROUPS,
	OPT_CAPS,
	OPT_SECCOMP,
	OPT_SECCOMP_ACTION,
	OPT_SECCOMP_DENY,
	OPT_SECCOMP_ALLOW,
	OPT_SECCOMP_ABI,
	OPT_LANDLOCK,
	OPT_LANDLOCK_RO,
	OPT_LANDLOCK_RW,
	OPT_LANDLOCK_EXEC,
	OPT_LANDLOCK_CONNECT,
	OPT_LANDLOCK_BIND,
	OPT_LANDLOCK_SCOPE,
	OPT_NODUMP,
};

static const struct option long_options[] = {
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ "env-clear", no_argument, NULL, OPT_ENV_CLEAR },
	{ "keep-env", required_argument, NULL, OPT_KEEP_ENV },
	{ "setenv", required_argument, NULL, OPT_SETENV },
	{ "unsetenv", required_argument, NULL, OPT_UNSETENV },
	{ "argv0", required_argument, NULL, OPT_ARGV0 },
	{ "secure-path", required_argument, NULL, OPT_SECURE_PATH },
	{ "keep-fd", required_argument, NULL, OPT_KEEP_FD },
	{ "policy", required_argument, NULL, OPT_POLICY },
	{ "allow", required_argument, NULL, OPT_ALLOW },
	{ "allow-risky", required_argument, NULL, OPT_ALLOW_RISKY },
	{ "check", no_argument, NULL, OPT_CHECK },
	{ "explain", no_argument, NULL, OPT_EXPLAIN },
	{ "rlimit", required_argument, NULL, OPT_RLIMIT },
	{ "umask", required_argument, NULL, OPT_UMASK },
	{ "chdir", required_argument, NULL, OPT_CHDIR },
	{ "pdeathsig", required_argument, NULL, OPT_PDEATHSIG },
	{ "no-new-privs", required_argument, NULL, OPT_NO_NEW_PRIVS },
	{ "user", required_argument, NULL, OPT_USER },
	{ "group", required_argument, NULL, OPT_GROUP },
	{ "groups", required_argument, NULL, OPT_GROUPS },
	{ "caps", required_argument, NULL, OPT_CAPS },
	{ "seccomp", required_argument, NULL, OPT_SECCOMP },
	{ "seccomp-action", required_argument, NULL, OPT_SECCOMP_ACTION },
	{ "seccomp-deny", required_argument, NULL, OPT_SECCOMP_DENY },
	{ "seccomp-allow", required_argument, NULL, OPT_SECCOMP_ALLOW },
	{ "seccomp-abi", required_argument, NULL, OPT_SECCOMP_ABI },
	{ "landlock", required_argument, NULL, OPT_LANDLOCK },
	{ "landlock-ro", required_argument, NULL, OPT_LANDLOCK_RO },
	{ "landlock-rw", required_argument, NULL, OPT_LANDLOCK_RW },
	{ "landlock-exec", required_argument, NULL, OPT_LANDLOCK_EXEC },
	{ "landlock-connect", required_argument, NULL, OPT_LANDLOCK_CONNECT },
	{ "landlock-bind", required_argument, NULL, OPT_LANDLOCK_BIND },
	{ "landlock-scope", required_argument, NULL, OPT_LANDLOCK_SCOPE },
	{ "nodump", required_argument, NULL, OPT_NODUMP },
	{ NULL, 0, NULL, 0 },
};

/* Exit 64 with one line: the problem, then how to get help. */
__attribute__((format(printf, 1, 2)))
static _Noreturn void usage_error(const char *fmt, ...)
{
	char msg[768];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	die(EXIT_USAGE, "%s (%s)", msg, USAGE_LINE);
}

static const char *shown(char buf[static ESCAPED_MAX], const char *s)
{
	return escape_str(buf, ESCAPED_MAX, s);
}

static const struct option *long_option_by_val(int val)
{
	for (const struct option *o = long_options; o->name != NULL; o++)
		if (o->val == val)
			return o;
	return NULL;
}

/*
 * glibc accepts any unambiguous prefix of a long option. Only the exact
 * spelling counts: ARG (the argv element getopt just consumed) must be
 * "--NAME" or "--NAME=...".
 */
static void require_exact_spelling(const char *arg, int val)
{
	const struct option *o = long_option_by_val(val);
	char buf[ESCAPED_MAX];

	if (o == NULL || strncmp(arg, "--", 2) != 0)
		return; /* a short option: -h, -V */
	size_t len = strlen(o->name);
	if (strncmp(arg + 2, o->name, len) != 0 || (arg[2 + len] != '\0' && arg[2 + len] != '='))
		usage_error("option '%s' is not a complete option name (abbreviations are refused; "
		            "did you mean '--%s'?)", shown(buf, arg), o->name);
}

static void unknown_option(const char *arg, int optopt_value)
{
	char buf[ESCAPED_MAX];

	if (strncmp(arg, "--", 2) == 0) {
		const char *eq = strchr(arg, '=');
		size_t len = eq ? (size_t)(eq - arg - 2) : strlen(arg + 2);
		for (const struct option *o = long_options; o->name != NULL; o++)
			if (eq != NULL && o->has_arg == no_argument && strlen(o->name) == len &&
			    strncmp(arg + 2, o->name, len) == 0)
				usage_error("option '--%s' takes no argument", o->name);
		usage_error("unknown option '%s' (long options must be spelled in full)",
		            shown(buf, arg));
	}
	if (optopt_value > 0 && optopt_value < 128) {
		char letter[3] = { '-', (char)optopt_value, '\0' };
		usage_error("unknown option '%s'", shown(buf, letter));   /* "-\x0a": one line */
	}
	usage_error("unknown option '%s'", shown(buf, arg));
}

static void missing_argument(const char *arg, int optopt_value)
{
	char buf[ESCAPED_MAX];
	const struct option *o = long_option_by_val(optopt_value);

	if (o != NULL)
		usage_error("option '--%s' needs an argument", o->name);
	usage_error("option '%s' needs an argument", shown(buf, arg));
}

static void once(bool already, const char *option)
{
	if (already)
		usage_error("option '%s' given twice", option);
}

/* --keep-fd N: decimal, 3..INT_MAX, no sign or leading zero. */
static int parse_fd(const char *arg)
{
	char buf[ESCAPED_MAX];
	long long v = 0;
	bool ok = arg[0] >= '1' && arg[0] <= '9';

	for (const char *p = arg; ok && *p != '\0'; p++) {
		ok = *p >= '0' && *p <= '9';
		v = v * 10 + (*p - '0');
		ok = ok && v <= INT_MAX;
	}
	if (!ok || v < 3)
		usage_error("--keep-fd '%s': expected a descriptor number from 3 to %d "
		            "(0-2 are always kept)", shown(buf, arg), INT_MAX);
	return (int)v;
}

/* --secure-path: absolute directories separated by ':', none empty. */
static void check_secure_path(const char *arg)
{
	char buf[ESCAPED_MAX];
	const char *p = arg;

	for (;;) {
		const char *end = strchrnul(p, ':');
		if (end == p)
			usage_error("--secure-path '%s': empty entry", shown(buf, arg));
		if (*p != '/')
			usage_error("--secure-path '%s': every entry must be an absolute directory",
			            shown(buf, arg));
		if (*end == '\0')
			return;
		p = end + 1;
	}
}

static void check_pattern(const char *option, const char *pattern)
{
	char buf[ESCAPED_MAX];

	if (!env_pattern_valid(pattern))
		usage_error("%s '%s': not a variable name or NAME* prefix "
		            "(letters, digits and '_', not starting with a digit)",
		            option, shown(buf, pattern));
}

static bool is_listen_name(const char *name, size_t len)
{
	return env_pattern_match("LISTEN_PID", name, len) ||
	       env_pattern_match("LISTEN_FDS", name, len) ||
	       env_pattern_match("LISTEN_FDNAMES", name, len);
}

static void check_setenv(const char *assignment)
{
	char buf[ESCAPED_MAX];
	const char *eq = strchr(assignment, '=');

	if (eq == NULL)
		usage_error("--setenv '%s': expected NAME=VALUE", shown(buf, assignment));
	size_t len = (size_t)(eq - assignment);
	if (!env_name_valid(assignment, len))
		usage_error("--setenv '%s': invalid variable name '%s'", shown(buf, assignment),
		            escape_bytes((char[ESCAPED_MAX]){0}, ESCAPED_MAX, assignment, len));
	if (is_listen_name(assignment, len))
		usage_error("--setenv '%.*s': the LISTEN_* variables are managed by hardexec "
		            "for socket activation", (int)len, assignment);
}

static size_t name_len_of(const char *assignment)
{
	return (size_t)(strchr(assignment, '=') - assignment);
}

static void check_unique(const struct strlist *l, const char *option)
{
	char buf[ESCAPED_MAX];
	for (size_t i = 0; i < l->len; i++)
		for (size_t j = i + 1; j < l->len; j++)
			if (strcmp(l->items[i], l->items[j]) == 0)
				usage_error("%s '%s' given twice", option, shown(buf, l->items[i]));
}

static void check_absolute(const char *option, const char *path)
{
	char buf[ESCAPED_MAX];
	if (path[0] != '/')
		usage_error("%s '%s': must be an absolute path", option, shown(buf, path));
}

/* Duplicates and contradictions between repeatable options. */
static void check_lists(const struct options *o)
{
	if (confine_seccomp_lists_without_filter(&o->confine))
		usage_error("--seccomp none with --seccomp-deny, -allow, -abi or -action: they need a "
		            "filter (give one or the other)");
	if (landlock_off_beside_rules(&o->confine.landlock))
		usage_error("--landlock off with Landlock paths, ports or scopes: they would do "
		            "nothing (give one or the other)");
	for (size_t i = 0; i < o->keep_env.len; i++)
		for (size_t j = i + 1; j < o->keep_env.len; j++)
			if (strcmp(o->keep_env.items[i], o->keep_env.items[j]) == 0)
				usage_error("--keep-env '%s' given twice", o->keep_env.items[i]);
	for (size_t i = 0; i < o->unset_env.len; i++)
		for (size_t j = i + 1; j < o->unset_env.len; j++)
			if (strcmp(o->unset_env.items[i], o->unset_env.items[j]) == 0)
				usage_error("--unsetenv '%s' given twice", o->unset_env.items[i]);
	for (size_t i = 0; i < o->set_env.len; i++) {
		const char *a = o->set_env.items[i];
		size_t len = name_len_of(a);
		for (size_t j = i + 1; j < o->set_env.len; j++)
			if (len == name_len_of(o->set_env.items[j]) &&
			    memcmp(a, o->set_env.items[j], len) == 0)
				usage_error("--setenv '%.*s' given twice", (int)len, a);
		for (size_t j = 0; j < o->unset_env.len; j++)
			if (env_pattern_match(o->unset_env.items[j], a, len))
				usage_error("--setenv '%.*s' contradicts --unsetenv '%s'", (int)len, a,
				            o->unset_env.items[j]);
	}
	for (size_t i = 0; i < o->keep_env.len; i++) {
		const char *k = o->keep_env.items[i];
		for (size_t j = 0; j < o->unset_env.len; j++)
			if (env_keep_contradicts_unset(k, o->unset_env.items[j]))
				usage_error("--keep-env '%s' contradicts --unsetenv '%s'", k,
				            o->unset_env.items[j]);
	}
	for (size_t i = 0; i < o->keep_fds_len; i++)
		for (size_t j = i + 1; j < o->keep_fds_len; j++)
			if (o->keep_fds[i] == o->keep_fds[j])
				usage_error("--keep-fd %d given twice", o->keep_fds[i]);
	for (size_t i = 0; i < o->allow.len; i++)
		for (size_t j = 0; j < o->allow_risky.len; j++)
			if (strcmp(o->allow.items[i], o->allow_risky.items[j]) == 0) {
				char buf[ESCAPED_MAX];
				usage_error("--allow and --allow-risky both name '%s'",
				            shown(buf, o->allow.items[i]));
			}
	check_unique(&o->allow, "--allow");
	check_unique(&o->allow_risky, "--allow-risky");
	if (o->check && o->explain)
		usage_error("--check and --explain are exclusive");
}

/* --rlimit NAME=SOFT[:HARD] */
static void option_rlimit(struct options *o, const char *arg)
{
	char buf[ESCAPED_MAX], why[160];
	const char *eq = strchr(arg, '=');
	int i = eq != NULL ? limits_index(arg, (size_t)(eq - arg)) : -1;
	if (i < 0)
		usage_error("--rlimit '%s': expected NAME=SOFT[:HARD], NAME one of as core cpu data "
		            "fsize memlock msgqueue nice nofile nproc rtprio rttime sigpending stack",
		            shown(buf, arg));
	struct limit_request *r = &o->confine.limits.req[i];
	if (r->set)
		usage_error("--rlimit %s given twice", limits_name(i));
	r->source = "--rlimit";
	if (!limits_parse(i, eq + 1, r, why, sizeof(why)))
		usage_error("--rlimit '%s': %s", shown(buf, arg), why);
}

/*
 * --landlock-ro/-rw/-exec PATH, --landlock-connect/-bind PORT: one item per
 * option, repeatable (a path may contain blanks); "none" alone is the empty list.
 */
static void option_landlock_item(struct options *o, int opt, const char *arg)
{
	char buf[ESCAPED_MAX], why[160];
	static const enum landlock_list lists[] = {
		[OPT_LANDLOCK_RO - OPT_LANDLOCK_RO] = LL_RO,
		[OPT_LANDLOCK_RW - OPT_LANDLOCK_RO] = LL_RW,
		[OPT_LANDLOCK_EXEC - OPT_LANDLOCK_RO] = LL_EXEC,
		[OPT_LANDLOCK_CONNECT - OPT_LANDLOCK_RO] = LL_CONNECT,
		[OPT_LANDLOCK_BIND - OPT_LANDLOCK_RO] = LL_BIND,
	};
	enum landlock_list which = lists[opt - OPT_LANDLOCK_RO];
	struct landlock_items *list = &o->confine.landlock.lists[which];
	const char *name = landlock_list_name(which);
	bool none = strcmp(arg, "none") == 0;
	if (list->set && (none || list->len == 0))
		usage_error("--%s none cannot be combined with other --%s options", name, name);
	if (!none && !landlock_item_valid(which, arg, why, sizeof(why)))
		usage_error("--%s '%s': %s", name, shown(buf, arg), why);
	for (size_t i = 0; i < list->len; i++)
		if (strcmp(list->items[i], arg) == 0)
			usage_error("--%s '%s' given twice", name, shown(buf, arg));
	list->set = true;
	list->source = "command line";
	if (!none)
		landlock_items_add(list, arg);
}

static void option_confine(struct options *o, int opt, const char *arg)
{
	char buf[ESCAPED_MAX], why[160];
	struct confine_settings *c = &o->confine;
	switch (opt) {
	case OPT_UMASK:
		once(c->umask >= 0, "--umask");
		if (!confine_parse_umask(arg, &c->umask, why, sizeof(why)))
			usage_error("--umask '%s': %s", shown(buf, arg), why);
		c->umask_source = "--umask";
		break;
	case OPT_CHDIR:
		once(c->chdir != NULL, "--chdir");
		check_absolute("--chdir", arg);
		c->chdir = (char *)arg;
		c->chdir_source = "--chdir";
		break;
	case OPT_PDEATHSIG:
		once(c->pdeathsig != 0, "--pdeathsig");
		if (!confine_parse_signal(arg, &c->pdeathsig, why, sizeof(why)))
			usage_error("--pdeathsig '%s': %s", shown(buf, arg), why);
		c->pdeathsig_source = "--pdeathsig";
		break;
	case OPT_NO_NEW_PRIVS:
		once(c->no_new_privs >= 0, "--no-new-privs");
		if (strcmp(arg, "yes") != 0 && strcmp(arg, "no") != 0)
			usage_error("--no-new-privs '%s': expected yes or no", shown(buf, arg));
		c->no_new_privs = strcmp(arg, "yes") == 0;
		c->no_new_privs_source = "--no-new-privs";
		break;
	case OPT_USER:
	case OPT_GROUP:
		once(opt == OPT_USER ? c->user != NULL : c->group != NULL,
		     opt == OPT_USER ? "--user" : "--group");
		if (arg[0] == '\0' || strpbrk(arg, ": \t,") != NULL)
			usage_error("%s '%s': expected one name or number",
			            opt == OPT_USER ? "--user" : "--group", shown(buf, arg));
		*(opt == OPT_USER ? &c->user : &c->group) = arg;
		*(opt == OPT_USER ? &c->user_source : &c->group_source) = "command line";
		break;
	case OPT_GROUPS:
		once(c->groups != NULL, "--groups");
		if (ids_groups_empty(arg))
			usage_error("--groups '%s': expected 'none' or group names or numbers",
			            shown(buf, arg));
		c->groups = strcmp(arg, "none") == 0 ? "" : arg;
		c->groups_source = "command line";
		break;
	case OPT_SECCOMP:
		once(c->seccomp_mode != SECCOMP_MODE_UNSET, "--seccomp");
		if (!seccomp_parse_mode(arg, &c->seccomp_mode, why, sizeof(why)))
			usage_error("--seccomp '%s': %s", shown(buf, arg), why);
		c->seccomp_mode_source = "--seccomp";
		break;
	case OPT_SECCOMP_ACTION:
		once(c->seccomp_action != SECCOMP_ACTION_UNSET, "--seccomp-action");
		if (!seccomp_parse_action(arg, &c->seccomp_action, why, sizeof(why)))
			usage_error("--seccomp-action '%s': %s", shown(buf, arg), why);
		c->seccomp_source = "command line";
		break;
	case OPT_SECCOMP_DENY:
	case OPT_SECCOMP_ALLOW:
		once(opt == OPT_SECCOMP_DENY ? c->seccomp_deny != NULL : c->seccomp_allow != NULL,
		     opt == OPT_SECCOMP_DENY ? "--seccomp-deny" : "--seccomp-allow");
		if (!seccomp_names_valid(arg, why, sizeof(why)))
			usage_error("%s '%s': %s", opt == OPT_SECCOMP_DENY ? "--seccomp-deny" :
			            "--seccomp-allow", shown(buf, arg), why);
		*(opt == OPT_SECCOMP_DENY ? &c->seccomp_deny : &c->seccomp_allow) = arg;
		c->seccomp_source = "command line";
		break;
	case OPT_SECCOMP_ABI: {
		/* one ABI an option, repeatable */
		int bit;
		if (!seccomp_parse_abi(arg, &bit, why, sizeof(why)))
			usage_error("--seccomp-abi '%s': %s", shown(buf, arg), why);
		if (c->seccomp_abis < 0) /* unset until the first */
			c->seccomp_abis = 0;
		if (c->seccomp_abis & bit)
			usage_error("--seccomp-abi '%s' given twice", arg);
		c->seccomp_abis |= bit;
		c->seccomp_source = "command line";
		break;
	}
	case OPT_LANDLOCK:
		once(c->landlock.mode != LANDLOCK_MODE_UNSET, "--landlock");
		if (!landlock_parse_mode(arg, &c->landlock.mode, why, sizeof(why)))
			usage_error("--landlock '%s': %s", shown(buf, arg), why);
		c->landlock.mode_source = "--landlock";
		break;
	case OPT_LANDLOCK_SCOPE:
		once(c->landlock.scope >= 0, "--landlock-scope");
		if (!landlock_parse_scope(arg, &c->landlock.scope, why, sizeof(why)))
			usage_error("--landlock-scope '%s': %s", shown(buf, arg), why);
		c->landlock.scope_source = "--landlock-scope";
		break;
	case OPT_LANDLOCK_RO:
	case OPT_LANDLOCK_RW:
	case OPT_LANDLOCK_EXEC:
	case OPT_LANDLOCK_CONNECT:
	case OPT_LANDLOCK_BIND:
		option_landlock_item(o, opt, arg);
		break;
	case OPT_NODUMP:
		once(c->nodump != NODUMP_UNSET, "--nodump");
		if (!nodump_parse_mode(arg, &c->nodump, why, sizeof(why)))
			usage_error("--nodump '%s': %s", shown(buf, arg), why);
		c->nodump_source = "--nodump";
		break;
	case OPT_CAPS:
		once(c->caps != NULL, "--caps");
		if (!caps_spec_valid(arg, why, sizeof(why)))
			usage_error("--caps '%s': %s", shown(buf, arg), why);
		c->caps = arg;
		c->caps_source = "--caps";
		break;
	default:
		break;
	}
}

static const char **list_alloc(int argc)
{
	const char **items = calloc((size_t)argc + 1, sizeof(*items));
	if (items == NULL)
		die(EXIT_USAGE, "options: out of memory");
	return items;
}

static void options_init(struct options *o, int argc)
{
	memset(o, 0, sizeof(*o));
	o->keep_env.items = list_alloc(argc);
	o->set_env.items = list_alloc(argc);
	o->unset_env.items = list_alloc(argc);
	o->allow.items = list_alloc(argc);
	o->allow_risky.items = list_alloc(argc);
	o->keep_fds = calloc((size_t)argc + 1, sizeof(*o->keep_fds));
	if (o->keep_fds == NULL)
		die(EXIT_USAGE, "options: out of memory");
	confine_settings_init(&o->confine);
}

/* Handle one option; ARG is the argv element it came from. */
static void option_apply(struct options *o, int opt, const char *arg)
{
	switch (opt) {
	case 'h':
	case 'V':
		/* nothing is decided by "the last one wins": --help --version is an error */
		if (o->action != ACTION_RUN)
			usage_error("--help and --version are given together or twice");
		o->action = opt == 'h' ? ACTION_HELP : ACTION_VERSION;
		break;
	case OPT_ENV_CLEAR:
		once(o->env_clear, "--env-clear");
		o->env_clear = true;
		break;
	case OPT_KEEP_ENV:
		check_pattern("--keep-env", optarg);
		o->keep_env.items[o->keep_env.len++] = optarg;
		break;
	case OPT_UNSETENV:
		check_pattern("--unsetenv", optarg);
		o->unset_env.items[o->unset_env.len++] = optarg;
		break;
	case OPT_SETENV:
		check_setenv(optarg);
		o->set_env.items[o->set_env.len++] = optarg;
		break;
	case OPT_ARGV0:
		once(o->argv0 != NULL, "--argv0");
		if (optarg[0] == '\0')
			usage_error("--argv0: the name must not be empty");
		o->argv0 = optarg;
		break;
	case OPT_SECURE_PATH:
		once(o->secure_path != NULL, "--secure-path");
		check_secure_path(optarg);
		o->secure_path = optarg;
		o->secure_path_given = true;
		break;
	case OPT_KEEP_FD:
		o->keep_fds[o->keep_fds_len++] = parse_fd(optarg);
		break;
	case OPT_POLICY:
		once(o->policy_file != NULL, "--policy");
		if (optarg[0] == '\0')
			usage_error("--policy: the file name must not be empty");
		o->policy_file = optarg;
		break;
	case OPT_ALLOW:
		check_absolute("--allow", optarg);
		o->allow.items[o->allow.len++] = optarg;
		break;
	case OPT_ALLOW_RISKY:
		check_absolute("--allow-risky", optarg);
		o->allow_risky.items[o->allow_risky.len++] = optarg;
		break;
	case OPT_CHECK:
		once(o->check, "--check");
		o->check = true;
		break;
	case OPT_EXPLAIN:
		once(o->explain, "--explain");
		o->explain = true;
		break;
	case OPT_RLIMIT:
		option_rlimit(o, optarg);
		break;
	case OPT_UMASK:
	case OPT_CHDIR:
	case OPT_PDEATHSIG:
	case OPT_NO_NEW_PRIVS:
	case OPT_USER:
	case OPT_GROUP:
	case OPT_GROUPS:
	case OPT_CAPS:
	case OPT_SECCOMP:
	case OPT_SECCOMP_ACTION:
	case OPT_SECCOMP_DENY:
	case OPT_SECCOMP_ALLOW:
	case OPT_SECCOMP_ABI:
	case OPT_LANDLOCK:
	case OPT_LANDLOCK_RO:
	case OPT_LANDLOCK_RW:
	case OPT_LANDLOCK_EXEC:
	case OPT_LANDLOCK_CONNECT:
	case OPT_LANDLOCK_BIND:
	case OPT_LANDLOCK_SCOPE:
	case OPT_NODUMP:
		option_confine(o, opt, optarg);
		break;
	case ':':
		missing_argument(arg, optopt);
		break;
	default:
		unknown_option(arg, optopt);
		break;
	}
}

/* --check without PROGRAM validates the policy alone: an option for a launch (LAUNCH_OPTION,
 * the first one given) would check nothing there, so it is refused rather than ignored. */
static bool o_check_only(const struct options *o, const char *launch_option)
{
	if (o->check && launch_option != NULL)
		usage_error("%s: --check without PROGRAM checks the policy alone, and this option "
		            "would check nothing", launch_option);
	return o->check;
}

void options_parse(int argc, char **argv, struct options *out)
{
	options_init(out, argc);

	/* '+': stop at the first non-option (the target's argv is not ours);
	 * ':': report a missing argument as ':' rather than '?'. */
	opterr = 0;
	optind = 0; /* full reset, so tests can parse more than once */
	const char *launch_option = NULL;   /* the first option beside --policy and --check */
	for (;;) {
		int before = optind == 0 ? 1 : optind;
		int opt = getopt_long(argc, argv, "+:hV", long_options, NULL);
		if (opt == -1)
			break;
		const char *arg = before < argc ? argv[before] : "";
		if (opt != '?' && opt != ':')
			require_exact_spelling(arg, opt);
		option_apply(out, opt, arg);
		if (launch_option == NULL && opt != OPT_POLICY && opt != OPT_CHECK)
			launch_option = arg;
	}
	if (out->action != ACTION_RUN)
		return;
	check_lists(out);
	if (out->secure_path == NULL)
		out->secure_path = DEFAULT_SECURE_PATH;
	if (optind >= argc && o_check_only(out, launch_option))
		return;
	if (optind >= argc)
		usage_error("no program given");
	out->program = argv[optind];
	out->target_argv = argv + optind;
	if (out->argv0 != NULL)
		out->target_argv[0] = (char *)out->argv0;
}

void options_free(struct options *opts)
{
	free(opts->keep_env.items);
	free(opts->set_env.items);
	free(opts->unset_env.items);
	free(opts->allow.items);
	free(opts->allow_risky.items);
	free(opts->keep_fds);
	landlock_settings_free_owned(&opts->confine.landlock);
	memset(opts, 0, sizeof(*opts));
}
