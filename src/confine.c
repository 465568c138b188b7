/*
 * Confinement steps, applied in one fixed order (setpriv's main() is the
 * model): each a small do_*() that checks its result and reads it back.
 * Later steps (ids, capabilities, Landlock, seccomp) join this file's
 * order as they are built.
 */
#include "confine.h"
#include "caps.h"
#include "exec.h"
#include "ids.h"
#include "landlock.h"
#include "nodump.h"
#include "report.h"
#include "seccomp_filter.h"
#include "trust.h"

#include <errno.h>
#include <linux/capability.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <unistd.h>

/* Signals a parent-death signal can sensibly be. */
static const struct {
	const char *name;
	int sig;
} signals[] = {
	{ "HUP", SIGHUP }, { "INT", SIGINT }, { "QUIT", SIGQUIT }, { "KILL", SIGKILL },
	{ "USR1", SIGUSR1 }, { "USR2", SIGUSR2 }, { "PIPE", SIGPIPE }, { "ALRM", SIGALRM },
	{ "TERM", SIGTERM },
};

void confine_settings_init(struct confine_settings *c)
{
	memset(c, 0, sizeof(*c));
	c->umask = -1;
	c->no_new_privs = -1;
	c->seccomp_mode = SECCOMP_MODE_UNSET;
	c->seccomp_action = SECCOMP_ACTION_UNSET;
	c->nodump = NODUMP_UNSET;
	c->seccomp_abis = -1;
	landlock_settings_init(&c->landlock);
}

void confine_settings_free_owned(struct confine_settings *c)
{
	free(c->chdir);
	free((char *)c->user);
	free((char *)c->group);
	free((char *)c->groups);
	free((char *)c->caps);
	free((char *)c->seccomp_deny);
	free((char *)c->seccomp_allow);
	c->seccomp_deny = c->seccomp_allow = NULL;
	landlock_settings_free_owned(&c->landlock);
	c->chdir = NULL;
	c->user = c->group = c->groups = c->caps = NULL;
}

void confine_merge(struct confine_settings *into, const struct confine_settings *from)
{
	for (int i = 0; i < LIMITS_COUNT; i++)
		if (from->limits.req[i].set)
			into->limits.req[i] = from->limits.req[i];
	if (from->umask >= 0) {
		into->umask = from->umask;
		into->umask_source = from->umask_source;
	}
	if (from->chdir != NULL) {
		into->chdir = from->chdir;
		into->chdir_source = from->chdir_source;
	}
	if (from->pdeathsig != 0) {
		into->pdeathsig = from->pdeathsig;
		into->pdeathsig_source = from->pdeathsig_source;
	}
	/* Key by key: a rule that sets only group = ... keeps the default's user. */
	if (from->user != NULL) {
		into->user = from->user;
		into->user_source = from->user_source;
	}
	if (from->group != NULL) {
		into->group = from->group;
		into->group_source = from->group_source;
	}
	if (from->groups != NULL) {
		into->groups = from->groups;
		into->groups_source = from->groups_source;
	}
	if (from->caps != NULL) {
		into->caps = from->caps;
		into->caps_source = from->caps_source;
	}
	if (from->seccomp_mode != SECCOMP_MODE_UNSET) {
		into->seccomp_mode = from->seccomp_mode;
		into->seccomp_mode_source = from->seccomp_mode_source;
	}
	if (from->seccomp_action != SECCOMP_ACTION_UNSET)
		into->seccomp_action = from->seccomp_action;
	if (from->seccomp_deny != NULL)
		into->seccomp_deny = from->seccomp_deny;
	if (from->seccomp_allow != NULL)
		into->seccomp_allow = from->seccomp_allow;
	if (from->seccomp_abis >= 0)
		into->seccomp_abis = from->seccomp_abis;
	if (from->seccomp_deny != NULL || from->seccomp_allow != NULL || from->seccomp_action >= 0 ||
	    from->seccomp_abis >= 0)
		into->seccomp_source = from->seccomp_source;
	if (from->no_new_privs >= 0) {
		into->no_new_privs = from->no_new_privs;
		into->no_new_privs_source = from->no_new_privs_source;
	}
	if (from->nodump != NODUMP_UNSET) {
		into->nodump = from->nodump;
		into->nodump_source = from->nodump_source;
	}
	landlock_merge(&into->landlock, &from->landlock);
}

bool confine_parse_umask(const char *value, int *out, char *why, size_t why_size)
{
	size_t len = strlen(value);
	int v = 0;
	if (len < 3 || len > 4)
		return snprintf(why, why_size, "expected an octal mode such as 0077"), false;
	for (size_t i = 0; i < len; i++) {
		if (value[i] < '0' || value[i] > '7')
			return snprintf(why, why_size, "expected an octal mode such as 0077"), false;
		v = v * 8 + (value[i] - '0');
	}
	if (v > 0777)
		return snprintf(why, why_size, "a umask has permission bits only (at most 0777)"), false;
	*out = v;
	return true;
}

bool confine_parse_signal(const char *value, int *out, char *why, size_t why_size)
{
	const char *name = strncmp(value, "SIG", 3) == 0 ? value + 3 : value;
	for (size_t i = 0; i < sizeof(signals) / sizeof(signals[0]); i++)
		if (strcmp(signals[i].name, name) == 0)
			return *out = signals[i].sig, true;
	return snprintf(why, why_size, "expected a signal name: HUP, INT, QUIT, KILL, USR1, USR2, "
	                "PIPE, ALRM or TERM"), false;
}

const char *confine_signal_name(int sig)
{
	for (size_t i = 0; i < sizeof(signals) / sizeof(signals[0]); i++)
		if (signals[i].sig == sig)
			return signals[i].name;
	return "?";
}

static void do_umask(const struct confine_settings *c)
{
	if (c->umask < 0)
		return;
	umask((mode_t)c->umask);
	/* umask(2) cannot fail; read it back by setting it again. */
	if (umask((mode_t)c->umask) != (mode_t)c->umask)
		die(EXIT_CONFINE, "umask %04o (%s): the kernel kept a different mask", c->umask,
		    c->umask_source);
}

static void do_chdir(const struct confine_settings *c)
{
	char buf[ESCAPED_MAX], want[PATH_MAX], got[PATH_MAX];
	if (c->chdir == NULL)
		return;
	escape_str(buf, sizeof(buf), c->chdir);
	if (chdir(c->chdir) != 0)
		die(EXIT_CONFINE, "chdir %s (%s): %s", buf, c->chdir_source, strerror(errno));
	if (realpath(c->chdir, want) == NULL || getcwd(got, sizeof(got)) == NULL)
		die(EXIT_CONFINE, "chdir %s (%s): cannot read the working directory back: %s", buf,
		    c->chdir_source, strerror(errno));
	if (strcmp(want, got) != 0)
		die(EXIT_CONFINE, "chdir %s (%s): the directory changed while entering it", buf,
		    c->chdir_source);
}

/*
 * The working directory is entered before the identity switch (SPEC's
 * order), with the caller's rights: a directory the target's user could not
 * reach (0700 above it, or a symlink of someone else's pointing there) would
 * otherwise become its working directory. After the switch, the path the
 * kernel reports for it must be searchable by the target (access(2) uses the
 * new real ids).
 */
static void chdir_reachable(const struct confine_settings *c, const struct id_plan *ids)
{
	char buf[ESCAPED_MAX], cwd[PATH_MAX];
	if (c->chdir == NULL || !ids->switch_ids)
		return;
	if (getcwd(cwd, sizeof(cwd)) == NULL)
		die(EXIT_CONFINE, "chdir %s: getcwd after the user switch: %s",
		    escape_str(buf, sizeof(buf), c->chdir), strerror(errno));
	if (access(cwd, X_OK) != 0)
		die(EXIT_CONFINE, "chdir %s (%s): the target's user cannot reach %s: %s",
		    escape_str(buf, sizeof(buf), c->chdir), c->chdir_source, cwd, strerror(errno));
}

/*
 * The parent-death signal must be able to end the target: an ignored
 * disposition and a blocked mask both survive exec, so a caller that
 * ignores or blocks SIGTERM would make --pdeathsig TERM do nothing. That one
 * signal is set back to its default action and unblocked; others are left
 * as the caller set them (nohup's ignored SIGHUP is meant to reach the target).
 */
static void pdeathsig_deliverable(int sig)
{
	struct sigaction dfl;
	sigset_t set;
	if (sig == SIGKILL || sig == SIGSTOP)
		return;   /* never ignored or blocked, and sigaction refuses them */
	memset(&dfl, 0, sizeof(dfl));
	dfl.sa_handler = SIG_DFL;
	if (sigemptyset(&dfl.sa_mask) != 0 || sigaction(sig, &dfl, NULL) != 0 ||
	    sigemptyset(&set) != 0 || sigaddset(&set, sig) != 0 ||
	    sigprocmask(SIG_UNBLOCK, &set, NULL) != 0)
		die(EXIT_CONFINE, "pdeathsig %s: cannot reset its action or mask: %s",
		    confine_signal_name(sig), strerror(errno));
}

/*
 * The parent-death signal survives execve (prctl(2)) unless the exec
 * gains privileges; it is cleared when credentials change, so it is set
 * after any identity switch: the one asked for, or else the one the caller
 * set (INHERITED, read only when there is a switch), which a user or group
 * switch would otherwise drop without a word (review). If the parent already died, the signal would
 * never come: stop instead.
 */
static void do_pdeathsig(const struct confine_settings *c, pid_t parent, int inherited)
{
	int got = 0, sig = c->pdeathsig != 0 ? c->pdeathsig : inherited;
	const char *source = c->pdeathsig != 0 ? c->pdeathsig_source : "inherited from the caller";
	if (sig == 0)
		return;
	if (c->pdeathsig != 0)   /* the caller's own signal keeps the caller's action and mask */
		pdeathsig_deliverable(sig);
	if (prctl(PR_SET_PDEATHSIG, (unsigned long)sig, 0, 0, 0) != 0)
		die(EXIT_CONFINE, "pdeathsig %s (%s): %s", confine_signal_name(sig), source,
		    strerror(errno));
	if (prctl(PR_GET_PDEATHSIG, (unsigned long)&got, 0, 0, 0) != 0 || got != sig)
		die(EXIT_CONFINE, "pdeathsig %s: not read back", confine_signal_name(sig));
	if (getppid() != parent)
		die(EXIT_CONFINE, "pdeathsig %s (%s): the parent process already exited",
		    confine_signal_name(sig), source);
}

/*
 * no_new_privs: execve can no longer grant privileges (set-user-ID bits,
 * file capabilities are ignored), and it can never be unset
 * (prctl(2), Documentation/userspace-api/no_new_privs.rst). On unless a
 * policy or the command line says no.
 */
bool confine_seccomp_lists_without_filter(const struct confine_settings *c)
{
	return c->seccomp_mode == SECCOMP_MODE_NONE &&
	       (c->seccomp_deny != NULL || c->seccomp_allow != NULL || c->seccomp_abis > 0 ||
	        c->seccomp_action >= 0);
}

void confine_check(const struct confine_settings *c)
{
	/* the lists and the action of a filter that is not there */
	if (confine_seccomp_lists_without_filter(c))
		die(EXIT_CONFINE, "seccomp (%s): seccomp-deny, seccomp-allow, seccomp-abi and "
		    "seccomp-action need a filter, but seccomp = none",
		    c->seccomp_source != NULL ? c->seccomp_source : c->seccomp_mode_source);
	if (c->no_new_privs != 0)
		return;
	/* Landlock without no_new_privs needs CAP_SYS_ADMIN too (landlock_enforce says so at
	 * launch; said here, --check and --explain exit as the launch would) */
	struct landlock_rights want = landlock_wanted(&c->landlock);
	if (want.fs != 0 || want.net != 0 || want.scope != 0)
		die(EXIT_CONFINE, "no_new_privs = no (%s) with Landlock rules: Landlock needs "
		    "no_new_privs", c->no_new_privs_source);
	/* A filter without no_new_privs needs CAP_SYS_ADMIN, which the target no longer has. */
	if (c->seccomp_mode != SECCOMP_MODE_NONE)
		die(EXIT_CONFINE, "no_new_privs = no (%s) needs seccomp = none", c->no_new_privs_source);
	/* An id switch is a privilege drop that a set-user-ID-root exec would undo. */
	if (c->user != NULL || c->group != NULL || c->groups != NULL)
		die(EXIT_CONFINE, "no_new_privs = no (%s) with a user or group switch: a set-user-ID "
		    "exec could undo the switch; keep no_new_privs on", c->no_new_privs_source);
}

static void do_no_new_privs(const struct confine_settings *c)
{
	if (c->no_new_privs == 0)
		return;
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
		die(EXIT_CONFINE, "no_new_privs: prctl(PR_SET_NO_NEW_PRIVS): %s", strerror(errno));
	if (prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) != 1)
		die(EXIT_CONFINE, "no_new_privs: not set after prctl");
}

static void seccomp_from_settings(const struct confine_settings *c, struct seccomp_plan *plan)
{
	struct seccomp_spec spec = {
		.mode = c->seccomp_mode,
		.action = c->seccomp_action,
		.deny = c->seccomp_deny,
		.allow = c->seccomp_allow,
		.abis = c->seccomp_abis,
		.source = c->seccomp_source != NULL ? c->seccomp_source : c->seccomp_mode_source,
	};
	seccomp_plan_prepare(&spec, plan);
}

void confine_ids_sources(const struct confine_settings *c, char *buf, size_t size)
{
	const char *what[3] = { "user", "group", "groups" };
	const char *from[3] = { c->user != NULL ? c->user_source : NULL,
	                        c->group != NULL ? c->group_source : NULL,
	                        c->groups != NULL ? c->groups_source : NULL };
	size_t used = 0;
	buf[0] = '\0';
	for (int i = 0; i < 3; i++) {
		if (from[i] == NULL)
			continue;
		int n = snprintf(buf + used, size - used, "%s%s from %s", used ? ", " : "", what[i],
		                 from[i]);
		if (n < 0 || (size_t)n >= size - used)
			break;
		used += (size_t)n;
	}
}

bool confine_ids_plan(const struct confine_settings *c, struct id_plan *plan, char *why,
                      size_t why_size)
{
	return ids_plan(c->user, c->group, c->groups, "/etc/passwd", "/etc/group", plan, why,
	                why_size);
}

static void plan_ids(const struct confine_settings *c, struct id_plan *plan)
{
	char why[PATH_MAX], from[3 * PATH_MAX];
	if (confine_ids_plan(c, plan, why, sizeof(why)))
		return;
	confine_ids_sources(c, from, sizeof(from));
	die(EXIT_CONFINE, "user/group (%s): %s", from, why);
}

/*
 * Who the target will be and what it keeps, with the checks that need only
 * reading: the user and groups, capabilities hardexec has, a resource limit
 * the kernel would not apply to that target. Exit 71 otherwise.
 */
static void plan_identity(const struct confine_settings *c, struct id_plan *ids,
                          struct caps_plan *caps)
{
	plan_ids(c, ids);
	caps_plan(c->caps, c->caps_source, ids->switch_ids ? ids->uid : getuid(), caps);
	limits_check_target(&c->limits, caps->target_uid, caps_plan_keeps(caps, CAP_SYS_ADMIN) ||
	                    caps_plan_keeps(caps, CAP_SYS_RESOURCE));
}

void confine_preview(const struct confine_settings *c)
{
	struct id_plan ids;
	struct caps_plan caps;
	plan_identity(c, &ids, &caps);
}

void confine_nodump_facts(const struct confine_settings *c, const struct target *t,
                          const struct id_plan *ids, struct nodump_facts *out)
{
	const struct target *exe = t->interpreter != NULL ? t->interpreter : t;
	*out = (struct nodump_facts){
		.exe = &exe->st,
		.exe_fd = exe->fd,
		.target_uid = ids->switch_ids ? ids->uid : geteuid(),
		.pdeathsig = c->pdeathsig,
		.keeps_fs_caps = caps_spec_keeps(c->caps, CAP_DAC_OVERRIDE) ||
		                 caps_spec_keeps(c->caps, CAP_DAC_READ_SEARCH) ||
		                 caps_spec_keeps(c->caps, CAP_MAC_OVERRIDE),
		.chdir = c->chdir,
		.opens_paths = c->landlock.lists[LL_RO].len + c->landlock.lists[LL_RW].len +
		               c->landlock.lists[LL_EXEC].len > 0,
		.switching = ids->switch_ids,
		.gid = ids->gid,
		.groups = ids->groups,
		.groups_len = ids->groups_len,
	};
}

void confine_apply(const struct confine_settings *c, pid_t parent, const struct exec_plan *exec)
{
	struct id_plan ids;
	struct caps_plan caps;
	struct landlock_plan landlock;
	struct seccomp_plan seccomp;

	plan_identity(c, &ids, &caps); /* confine_check(c) ran in main, after the decision */
	int inherited = 0;            /* the caller's parent-death signal, which a switch clears */
	if (ids.switch_ids && prctl(PR_GET_PDEATHSIG, (unsigned long)&inherited, 0, 0, 0) != 0)
		die(EXIT_CONFINE, "prctl(PR_GET_PDEATHSIG): %s", strerror(errno));
	struct nodump_facts facts;
	confine_nodump_facts(c, exec->target, &ids, &facts);
	nodump_start(c->nodump, c->nodump_source != NULL ? c->nodump_source : "default", &facts);
	                              /* the exec keeps the target non-dumpable, or a helper */
	ids.suid = nodump_saved_uid(ids.uid);
	landlock_prepare(&c->landlock, trust_owner(caps.target_uid), &landlock); /* paths opened while the
	                                                               * caller still can */
	seccomp_from_settings(c, &seccomp); /* built before rlimits can bind hardexec itself */
	limits_apply(&c->limits);          /* resource limits */
	do_umask(c);                       /* file creation mask */
	do_chdir(c);                       /* working directory, while still the caller */
	caps_before_switch(&caps, &ids);   /* bounding set and securebits need root's caps */
	nodump_arm(ids.switch_ids);        /* the helper attached, while hardexec is the caller;
	                                    * or the saved uid the fsuid route needs */
	ids_switch(&ids);                  /* groups, gid, uid */
	caps_apply(&caps, c->no_new_privs != 0); /* permitted, effective, inheritable, ambient */
	chdir_reachable(c, &ids);          /* entered as the caller: reachable with the target's
	                                    * ids and capabilities? */
	do_pdeathsig(c, parent, inherited); /* after any identity change, which clears it */
	do_no_new_privs(c);                /* before Landlock and seccomp, which need it */
	landlock_enforce(&landlock);       /* files, ports and scopes of the target */
	report_signals_release();          /* the caller's SIGPIPE, SIGXFSZ actions, for the target */
	nodump_commit();                   /* the filesystem uid the exec changes back */
	seccomp_plan_load(&seccomp);       /* last: then only its read-back and exec_run */
}
