/*
 * --check and --explain. JSON strings are written byte by byte: printable
 * ASCII as is, '"' and '\' escaped, every other byte as \u00XX of its
 * value, so non-UTF-8 input still gives valid JSON (and is lossless for
 * ASCII).
 */
#include "explain.h"
#include "exec.h"
#include "fds.h"
#include "ids.h"
#include "landlock.h"
#include "nodump.h"
#include "report.h"
#include "seccomp_filter.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void flush_stdout(void)
{
	if (fflush(stdout) != 0 || ferror(stdout))
		die(EXIT_USAGE, "writing to standard output: %s", strerror(errno));
}

/* A rule path resolved to its file, for finding two rules that name one file. */
struct path_file {
	dev_t dev;
	ino_t ino;
	size_t rule;
	const struct rule_path *path;
};

static int path_file_cmp(const void *a, const void *b)
{
	const struct path_file *x = a, *y = b;
	if (x->dev != y->dev)
		return x->dev < y->dev ? -1 : 1;
	if (x->ino != y->ino)
		return x->ino < y->ino ? -1 : 1;
	return x->rule < y->rule ? -1 : x->rule > y->rule;
}

/*
 * --check without a program: every rule path must resolve, and no two rules
 * may name one file under two spellings (/bin/ls and /usr/bin/ls, a
 * symlink): the caller would pick the rule by picking the spelling. Loading
 * compares only the strings; this resolves them all.
 */
int explain_policy_ok(const struct policy *p)
{
	char buf[ESCAPED_MAX], other[ESCAPED_MAX];
	struct path_file *files = calloc(p->paths_len ? p->paths_len : 1, sizeof(*files));
	size_t paths = 0;
	struct stat st;
	if (files == NULL)
		die(EXIT_POLICY, "policy: out of memory");
	for (size_t i = 0; i < p->rules_len; i++) {
		const struct rule_path *rp = rule_paths(p, &p->rules[i]);
		for (size_t j = 0; j < p->rules[i].paths_len; j++, paths++) {
			if (stat(rp[j].path, &st) != 0) { /* follows symlinks: the file itself */
				int err = errno;
				free(files); /* die() exits: nothing may stay allocated (LeakSanitizer) */
				die(EXIT_POLICY, "%s:%u: path %s: %s", p->rules[i].at.file, rp[j].line,
				    escape_str(buf, sizeof(buf), rp[j].path), strerror(err));
			}
			files[paths] = (struct path_file){ st.st_dev, st.st_ino, i, &rp[j] };
		}
	}
	qsort(files, paths, sizeof(*files), path_file_cmp);
	for (size_t k = 1; k < paths; k++) {
		const struct path_file a = files[k - 1], b = files[k];
		if (a.dev != b.dev || a.ino != b.ino || a.rule == b.rule)
			continue;
		free(files);
		const struct rule *ra = &p->rules[a.rule], *rb = &p->rules[b.rule];
		char file_a[ESCAPED_MAX], file_b[ESCAPED_MAX];
		die(EXIT_POLICY, "%s:%u: path %s is the same file as %s in [program %s] at %s:%u: "
		    "one file, one rule", escape_str(file_b, sizeof(file_b), rb->at.file),
		    b.path->line, escape_str(buf, sizeof(buf), b.path->path),
		    escape_str(other, sizeof(other), a.path->path), ra->label,
		    escape_str(file_a, sizeof(file_a), ra->at.file), a.path->line);
	}
	free(files);
	char source[ESCAPED_MAX];
	printf("policy %s: ok: %zu rules, %zu paths%s\n", escape_str(source, sizeof(source),
	       p->source), p->rules_len, paths,
	       p->allow_trusted_dirs == TRI_YES ? ", trusted directories allowed" : "");
	flush_stdout();
	return 0;
}

int explain_check_ok(const char *program, const struct target *t, const struct decision *d)
{
	char a[ESCAPED_MAX], b[ESCAPED_MAX];
	printf("allowed: %s (%s) by %s\n", escape_str(a, sizeof(a), program),
	       escape_str(b, sizeof(b), t->path), d->matched_by);
	flush_stdout();
	return 0;
}

/* The LEN bytes at S as a JSON string, whole (never shortened). */
static void json_strn(const char *s, size_t len)
{
	putchar('"');
	for (const unsigned char *p = (const unsigned char *)s; p < (const unsigned char *)s + len;
	     p++) {
		if (*p == '"' || *p == '\\')
			printf("\\%c", *p);
		else if (*p >= 0x20 && *p < 0x7f)
			putchar(*p);
		else
			printf("\\u%04x", *p);
	}
	putchar('"');
}

static void json_str(const char *s)
{
	json_strn(s, strlen(s));
}

/* The NAME of a NAME=VALUE entry, as a JSON string. */
static void json_name(const char *entry)
{
	json_strn(entry, strcspn(entry, "="));
}

/* "key": "value" with a leading comma unless FIRST. */
static void json_kv(const char *key, const char *value, bool first)
{
	printf("%s\n  \"%s\": ", first ? "" : ",", key);
	if (value == NULL)
		fputs("null", stdout);
	else
		json_str(value);
}

static void json_str_array(const char *key, char *const *items, size_t n)
{
	printf(",\n  \"%s\": [", key);
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			fputs(", ", stdout);
		json_str(items[i]);
	}
	putchar(']');
}

static void json_environment(const struct env_result *env, const struct env_spec *spec)
{
	printf(",\n  \"environment\": {\n    \"mode\": \"%s\",\n    \"kept\": [",
	       spec->clear ? "clear" : "inherit");
	size_t shown = 0;
	for (size_t i = 0; i < env->len; i++) {
		bool set = false;
		for (size_t s = 0; s < spec->set_len && !set; s++)
			set = env->envp[i] == spec->set[s];
		if (set || env->envp[i] == env->path_entry)
			continue;
		fputs(shown++ ? ", " : "", stdout);
		json_name(env->envp[i]);
	}
	fputs("],\n    \"set\": [", stdout);
	for (size_t s = 0; s < spec->set_len; s++) {
		fputs(s ? ", " : "", stdout);
		json_name(spec->set[s]);
	}
	if (env->path_entry != NULL) {
		fputs(spec->set_len ? ", " : "", stdout);
		json_str("PATH");
	}
	fputs("],\n    \"removed\": [", stdout);
	for (size_t i = 0; i < env->removed_len; i++) {
		fputs(i ? ",\n      " : "\n      ", stdout);
		fputs("{\"name\": ", stdout);
		json_name(env->removed[i].entry);
		fputs(", \"reason\": ", stdout);
		json_str(env->removed[i].why);
		putchar('}');
	}
	fputs("]\n  }", stdout);
}

/* The Landlock ruleset as this kernel would get it: lists, handled rights, what it cannot enforce. */
static void json_landlock(const struct landlock_settings *l)
{
	static const char *const keys[LL_LISTS] = {
		[LL_RO] = "read_only", [LL_RW] = "read_write", [LL_EXEC] = "execute",
		[LL_CONNECT] = "connect_tcp", [LL_BIND] = "bind_tcp",
	};
	static const char *const modes[] = { "off", "best-effort", "required" };
	char names[512];
	struct landlock_rights want = landlock_wanted(l);
	bool used = want.fs != 0 || want.net != 0 || want.scope != 0;
	int abi = used ? landlock_abi() : -1;

	fputs("    {\"step\": \"Landlock\", \"mode\": ", stdout);
	json_str(l->mode >= 0 ? modes[l->mode] : "required (default when a landlock key is set)");
	for (int i = 0; i < LL_LISTS; i++) {
		printf(", \"%s\": ", keys[i]);
		if (!l->lists[i].set) {
			fputs("null", stdout);
			continue;
		}
		putchar('[');
		for (size_t j = 0; j < l->lists[i].len; j++) {
			fputs(j ? ", " : "", stdout);
			json_str(l->lists[i].items[j]);
		}
		putchar(']');
	}
	fputs(", \"scope\": ", stdout);
	json_str(landlock_rights_names((struct landlock_rights){ 0, 0, l->scope > 0 ? (uint64_t)l->scope : 0 },
	                               names, sizeof(names)));
	if (!used) {
		printf(", \"applied\": false, \"why\": \"%s\"},\n",
		       l->mode == LANDLOCK_MODE_OFF ? "landlock = off" : "no landlock key");
		return;
	}
	struct landlock_rights can = landlock_supported(abi);
	struct landlock_rights dropped = { want.fs & ~can.fs, want.net & ~can.net, want.scope & ~can.scope };
	printf(", \"kernel_abi\": %d, \"handled\": ", abi);
	json_str(landlock_rights_names(want, names, sizeof(names)));
	fputs(", \"not_enforceable\": ", stdout);
	json_str(landlock_rights_names(dropped, names, sizeof(names)));
	fputs(", \"outcome\": ", stdout);
	bool missing = dropped.fs != 0 || dropped.net != 0 || dropped.scope != 0;
	json_str(!missing ? "enforced" : l->mode == LANDLOCK_MODE_BEST_EFFORT
	         ? "enforced without the rights this kernel lacks (a warning is printed)"
	         : "refused: exit 71 (this kernel cannot enforce everything asked)");
	fputs(", \"after_exec\": \"kept, irreversible, inherited by children; the target, its "
	      "loader and libraries must be executable and readable under landlock-exec\"},\n", stdout);
}

/* Yama's kernel.yama.ptrace_scope, or -1 without Yama. */
static int yama_scope(void)
{
	FILE *f = fopen("/proc/sys/kernel/yama/ptrace_scope", "re");
	int scope = -1;
	if (f == NULL)
		return -1;
	if (fscanf(f, "%d", &scope) != 1)
		scope = -1;
	fclose(f);
	return scope;
}

/* Whether the target is dumpable after exec, how nodump keeps it not, and why (IDS: the
 * user switch, as the launch plans it). */
static void json_nodump(const struct confine_settings *c, const struct target *t,
                        const struct id_plan *ids)
{
	struct nodump_facts facts;
	confine_nodump_facts(c, t, ids, &facts);
	char fsuid_why[256] = "";
	bool by_fsuid = c->nodump != NODUMP_OFF &&
	                nodump_fsuid_preview(&facts, fsuid_why, sizeof(fsuid_why));
	const char *arch = nodump_arch();
	int scope = yama_scope();
	const char *blocked = by_fsuid ? NULL
		: arch == NULL ? "not available on this architecture"
		: scope >= 3 ? "Yama ptrace_scope 3 forbids every attach"
		: scope == 2 && geteuid() != 0 ? "Yama ptrace_scope 2 needs CAP_SYS_PTRACE" : NULL;
	fputs("    {\"step\": \"nodump\", \"mode\": ", stdout);
	json_str(nodump_mode_name(c->nodump));
	fputs(", \"from\": ", stdout);
	json_str(c->nodump_source != NULL ? c->nodump_source : "default");
	fputs(", \"arch\": ", stdout);
	if (arch != NULL)
		json_str(arch);
	else
		fputs("null", stdout);
	printf(", \"yama_ptrace_scope\": %d, \"route\": %s", scope,
	       c->nodump == NODUMP_OFF ? "null" : by_fsuid ? "\"fsuid\"" : "\"helper\"");
	if (c->nodump != NODUMP_OFF && !by_fsuid) {
		fputs(", \"no_fsuid_route\": ", stdout);
		json_str(fsuid_why);
	}
	fputs(", \"target_dumpable\": ", stdout);
	if (c->nodump == NODUMP_OFF)
		fputs("true, \"why\": \"nodump = off: execve resets the flag, so a process of the "
		      "same user can ptrace the target and read its memory\"", stdout);
	else if (by_fsuid)
		printf("false, \"why\": \"hardexec holds saved and filesystem uid %u until the "
		       "exec, which changes the filesystem uid back and so sets the flag to "
		       "fs.suid_dumpable (0) before the program's first instruction; no helper, no "
		       "window (the launch still asks the kernel: setresuid refused, or a loader "
		       "the borrowed uid cannot reach, means the helper; setfsuid refused at the "
		       "end, exit 5)\"", (unsigned)NODUMP_FSUID);
	else if (blocked != NULL && c->nodump == NODUMP_BEST_EFFORT)
		printf("true, \"why\": \"%s (nodump = best-effort: a warning, then it runs)\"", blocked);
	else if (blocked != NULL)
		printf("null, \"why\": \"%s: exit 5, the target does not run\"", blocked);
	else
		fputs("false, \"why\": \"a helper traces hardexec across execve and makes the new "
		      "program call prctl(PR_SET_DUMPABLE, 0) before its first instruction, then "
		      "detaches and exits\"", stdout);
	fputs("},\n", stdout);
}

static void json_seccomp(const struct confine_settings *c)
{
	static const char *const actions[] = { "errno EPERM", "kill", "log" };
	static const char *const profiles[] = { "none", "default", "strict" };
	bool strict = c->seccomp_mode == SECCOMP_MODE_ALLOWLIST;
	fputs("    {\"step\": \"seccomp\", \"profile\": ", stdout);
	json_str(profiles[c->seccomp_mode < 0 ? SECCOMP_MODE_DEFAULT : c->seccomp_mode]);
	fputs(", \"action\": ", stdout);
	json_str(actions[c->seccomp_action < 0 ? 0 : c->seccomp_action]);
	fputs(", \"deny\": ", stdout);
	json_str(c->seccomp_deny != NULL ? c->seccomp_deny : "");
	fputs(", \"allow\": ", stdout);
	json_str(c->seccomp_allow != NULL ? c->seccomp_allow : "");
	fputs(", \"abis\": ", stdout);
	seccomp_describe_abis(c->seccomp_abis);
	if (strict) {
		fputs(", \"strict_allowlist\": ", stdout);
		seccomp_describe_groups(seccomp_strict_classes, seccomp_strict_classes_len);
	}
	fputs(", \"groups\": ", stdout);
	seccomp_describe_groups(seccomp_deny_groups, seccomp_deny_groups_len);
	fputs(", \"optional_groups\": ", stdout);
	seccomp_describe_groups(seccomp_optional_groups, seccomp_optional_groups_len);
	if (c->seccomp_mode == SECCOMP_MODE_NONE) {
		fputs(", \"after_exec\": \"no filter\"},\n", stdout);
		return;
	}
	/* the same conditions the filter is built from (seccomp_filter.c), not a fixed text */
	const struct seccomp_spec spec = { .mode = c->seccomp_mode, .action = c->seccomp_action,
	                                   .deny = c->seccomp_deny, .allow = c->seccomp_allow,
	                                   .abis = c->seccomp_abis };
	char args[256];
	seccomp_describe_arguments(&spec, args, sizeof(args));
	/* the log action denies nothing: each "denied" below is then "logged" */
	bool log = c->seccomp_action == SECCOMP_ACTION_LOG;
	printf(", \"after_exec\": \"kept, irreversible; %s%s; calls of ABIs not in abis EPERM (killed with the kill or log action); "
	       "%s\"},\n", log ? "action log: the calls said to be denied below are logged and "
	       "allowed instead, but clone3 still returns ENOSYS and calls of other ABIs are "
	       "killed; " : "", strict ? "every call outside strict_allowlist (plus allow, "
	       "minus deny) denied" : "the calls of the groups (plus deny, minus allow) denied", args);
}

static void json_confine_steps(const struct confine_settings *c, const struct target *t)
{
	struct id_plan ids;
	char ids_why[256];
	if (!confine_ids_plan(c, &ids, ids_why, sizeof(ids_why)))
		ids.switch_ids = false; /* the launch exits 71 then; the preview takes the caller */
	json_nodump(c, t, &ids);
	for (int i = 0; i < LIMITS_COUNT; i++) {
		const struct limit_request *r = &c->limits.req[i];
		if (!r->set || i == limits_index("core", 4))   /* the RLIMIT_CORE step above */
			continue;
		printf("    {\"step\": \"rlimit %s\", \"soft\": ", limits_name(i));
		if (r->soft == RLIM_INFINITY)
			fputs("\"unlimited\"", stdout);
		else
			printf("%ju", (uintmax_t)r->soft);
		fputs(", \"hard\": ", stdout);
		if (r->hard == RLIM_INFINITY)
			fputs("\"unlimited\"", stdout);
		else
			printf("%ju", (uintmax_t)r->hard);
		fputs(", \"from\": ", stdout);
		json_str(r->source);
		fputs(", \"after_exec\": \"kept\"},\n", stdout);
	}
	if (c->umask >= 0) {
		printf("    {\"step\": \"umask\", \"value\": \"%04o\", \"from\": ", c->umask);
		json_str(c->umask_source);
		fputs(", \"after_exec\": \"kept\"},\n", stdout);
	}
	if (c->chdir != NULL) {
		fputs("    {\"step\": \"chdir\", \"dir\": ", stdout);
		json_str(c->chdir);
		fputs(", \"from\": ", stdout);
		json_str(c->chdir_source);
		fputs("},\n", stdout);
	}
	if (c->pdeathsig != 0) {
		printf("    {\"step\": \"parent-death signal\", \"signal\": \"SIG%s\", \"from\": ",
		       confine_signal_name(c->pdeathsig));
		json_str(c->pdeathsig_source);
		/* the kernel clears it at an exec that gains privileges (a set-id file, file
		 * capabilities); only no_new_privs rules that out (review: shown as kept when
		 * no_new_privs was off and the target set-group-ID) */
		const struct stat *ran = t->interpreter != NULL ? &t->interpreter->st : &t->st;
		fputs(c->no_new_privs != 0
		      ? ", \"after_exec\": \"kept (cleared only by a set-id or capability-gaining "
		        "exec, which no_new_privs prevents)\"},\n"
		      : (ran->st_mode & (S_ISUID | S_ISGID)) != 0
		      ? ", \"after_exec\": \"cleared if the exec changes the user or group: the program "
		        "is set-user-ID or set-group-ID, and no_new_privs is off\"},\n"
		      : ", \"after_exec\": \"kept, unless the program has file capabilities "
		        "(no_new_privs is off)\"},\n", stdout);
	}
	if (c->user != NULL || c->group != NULL || c->groups != NULL) {
		fputs("    {\"step\": \"user and groups\", \"user\": ", stdout);
		json_str(c->user != NULL ? c->user : "(unchanged)");
		fputs(", \"group\": ", stdout);
		json_str(c->group != NULL ? c->group : "(the user's primary group)");
		fputs(", \"groups\": ", stdout);
		json_str(c->groups != NULL ? c->groups : "");
		char from[3 * PATH_MAX];
		confine_ids_sources(c, from, sizeof(from));
		fputs(", \"from\": ", stdout);
		json_str(from);
		fputs(", \"after_exec\": \"kept\"},\n", stdout);
	}
	fputs("    {\"step\": \"capabilities\", \"keep\": ", stdout);
	json_str(c->caps != NULL ? c->caps : "none");
	fputs(", \"from\": ", stdout);
	json_str(c->caps_source != NULL ? c->caps_source : "default");
	fputs(", \"after_exec\": \"bounding set emptied but for the kept ones (needs CAP_SETPCAP; "
	      "otherwise no_new_privs keeps it unreachable), ambient = kept for a non-root "
	      "target, securebits locked after a switch from root\"", stdout);
	/* capabilities are privileges, not ownership (hardexec(1), SECURITY CONSIDERATIONS) */
	if ((ids.switch_ids ? ids.uid : getuid()) == 0)
		fputs(", \"note\": \"the program runs as uid 0: with no capability it still owns "
		      "root's files, and may write those whose owner may (/etc, /usr, /proc/sys); "
		      "use a user switch or Landlock to take that away\"", stdout);
	fputs("},\n", stdout);
	fputs("    {\"step\": \"no_new_privs\", \"applied\": ", stdout);
	fputs(c->no_new_privs == 0 ? "false" : "true", stdout);
	fputs(", \"from\": ", stdout);
	json_str(c->no_new_privs_source != NULL ? c->no_new_privs_source : "default");
	fputs(c->no_new_privs == 0
	      ? ", \"after_exec\": \"not set: set-user-ID bits and file capabilities work\"},\n"
	      : ", \"after_exec\": \"kept, irreversible: set-user-ID bits and file capabilities "
	        "are ignored\"},\n", stdout);
	json_landlock(&c->landlock);
	json_seccomp(c);
}

/* Every step that applies, and whether it still holds in the target after execve. */
static void json_steps(const struct target *t, const struct env_result *env,
                       const struct options *opts, const struct confine_settings *c)
{
	printf(",\n  \"steps\": [\n");
	printf("    {\"step\": \"prctl(PR_SET_DUMPABLE, 0)\", \"applies_to\": \"hardexec\", "
	       "\"after_exec\": \"reset to dumpable by the kernel (fs/exec.c); see the nodump "
	       "step\"},\n");
	/* as self-hardening left it: 1:1, or 0:0 under a caller's hard limit of 0 (harden.c) */
	struct rlimit core;
	if (getrlimit(RLIMIT_CORE, &core) != 0)
		die(EXIT_RLIMIT_CORE, "getrlimit(RLIMIT_CORE): %s", strerror(errno));
	printf("    {\"step\": \"RLIMIT_CORE %ju:%ju\", \"applies_to\": \"hardexec and target\", "
	       "\"after_exec\": \"kept: no core dump to a file%s; a core_pattern socket (@) ignores "
	       "it, and only a program that is not dumpable has no core there\"},\n",
	       (uintmax_t)core.rlim_cur, (uintmax_t)core.rlim_max,
	       core.rlim_cur == 1 ? " or a core_pattern pipe (|)" : " (a core_pattern pipe (|) "
	       "ignores 0: the caller's hard limit of 0 kept hardexec from setting 1)");
	printf("    {\"step\": \"environment built as a new array\", \"after_exec\": \"replaced by it\"},\n");
	printf("    {\"step\": \"close descriptors >= 3\", \"keep\": [");
	for (size_t i = 0; i < opts->keep_fds_len; i++)
		printf("%s%d", i ? ", " : "", opts->keep_fds[i]);
	printf("], \"socket_activation_fds\": %d, \"after_exec\": \"closed\"},\n", env->listen_fds);
	json_confine_steps(c, t);
	printf("    {\"step\": \"execveat(fd, \\\"\\\", AT_EMPTY_PATH)\", \"inode\": \"%ju:%ju\"%s}\n",
	       (uintmax_t)t->st.st_dev, (uintmax_t)t->st.st_ino,
	       t->interpreter ? ", \"script\": \"descriptor passed to the interpreter as /proc/self/fd/N\"" : "");
	fputs("  ]", stdout);
}

/*
 * The object is printed into memory and written out whole at the end: a step
 * that fails on the way (exit 71, say Landlock's probe) leaves one error
 * line and no half object that a program reading the output could take for
 * an answer. (glibc's stdout is an ordinary variable; it points back at the
 * real stream before anything is written there.)
 */
static char *json_buf;
static size_t json_len;

static void json_begin(FILE **real)
{
	*real = stdout;
	FILE *mem = open_memstream(&json_buf, &json_len);
	if (mem == NULL)
		die(EXIT_CONFINE, "--explain: open_memstream: %s", strerror(errno));
	stdout = mem;
}

static void json_end(FILE *real)
{
	FILE *mem = stdout;
	stdout = real;
	if (fclose(mem) != 0)
		die(EXIT_CONFINE, "--explain: out of memory");
	size_t n = fwrite(json_buf, 1, json_len, stdout);
	free(json_buf);
	if (n != json_len)
		die(EXIT_USAGE, "writing to standard output: %s", strerror(errno));
	flush_stdout();
}

int explain_json(const struct options *opts, const struct policy *p, const struct target *t,
                 const struct decision *d, const struct env_spec *spec,
                 const struct confine_settings *confine, char *const *environ_in)
{
	struct env_spec with_notes = *spec;
	struct env_result env;
	FILE *real;
	with_notes.explain = true;
	env_build(&with_notes, environ_in, getpid(), &env);
	/* the hand-over the launch would refuse (exit 71), not one this object promises */
	int own[2];
	target_own_fds(t, own);
	fds_check_listen(env.listen_fds, own, 2);

	json_begin(&real);
	putchar('{');
	json_kv("program", opts->program, true);
	json_kv("resolved_path", t->path, false);
	json_kv("interpreter", t->interpreter ? t->interpreter->path : NULL, false);
	json_kv("policy", p->source, false);
	json_kv("rule", d->matched_by[0] ? d->matched_by : NULL, false);
	char interp_rule[PATH_MAX + 96];
	if (d->interp_rule != NULL)
		snprintf(interp_rule, sizeof(interp_rule), "[program %s] at %s:%u", d->interp_rule->label,
		         escape_str((char[ESCAPED_MAX]){ 0 }, ESCAPED_MAX, d->interp_rule->at.file),
		         d->interp_rule->at.line);
	json_kv("interpreter_rule", d->interp_rule != NULL ? interp_rule : NULL, false);
	json_kv("risky_class", d->risky_class, false);
	json_kv("decision", d->allowed ? "allow" : "deny", false);
	json_kv("reason", d->reason, false);
	if (d->bad_index > 0)
		json_kv("offending_argument", opts->target_argv[d->bad_index], false);
	char **final_argv = rules_final_argv(opts->target_argv, d), fdpath[32];
	/* a script: what its interpreter gets, as exec.c builds it */
	char **shown = t->interpreter != NULL ? exec_script_argv(t, final_argv, fdpath) : final_argv;
	size_t n = 0;
	while (shown[n] != NULL)
		n++;
	json_str_array("argv", shown, n);
	if (shown != final_argv)
		free(shown);
	free(final_argv);
	json_environment(&env, spec);
	json_steps(t, &env, opts, confine);
	fputs("\n}\n", stdout);
	json_end(real);
	env_result_free(&env);
	if (!d->allowed)
		die(EXIT_DENIED, "denied: %s", d->reason);
	return 0;
}
