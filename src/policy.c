/*
 * Policy files. A small strict tokenizer rather than a general INI library:
 * every line is read whole (no length limit, no truncation), and anything
 * unexpected (unknown section or key, a repeated key, NUL bytes, invalid
 * UTF-8, a DOS line ending) stops hardexec with "FILE:LINE: ..." and exit
 * 78, because a policy that is half understood is a policy not enforced.
 *
 *   # comment (only at the start of a line)
 *   [defaults]
 *   key = value
 *   [program LABEL]
 *   key = value
 */
#include "policy.h"
#include "caps.h"
#include "env.h"
#include "ids.h"
#include "landlock.h"
#include "nodump.h"
#include "seccomp_filter.h"
#include "strset.h"
#include "report.h"
#include "trust.h"
#include "utf8.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

enum section { SECTION_NONE, SECTION_DEFAULTS, SECTION_PROGRAM };

enum { IN_DEFAULTS = 1, IN_PROGRAM = 2, IN_BOTH = 3 };

struct parser;
typedef void key_fn(struct parser *ps, char *value);

struct key_def {
	const char *name;
	size_t len;                 /* strlen(name): a line's key is matched by length first */
	unsigned where;
	bool repeatable;
	key_fn *apply;
};

struct parser {
	struct policy *policy;
	const char *file;
	unsigned line;
	enum section section;
	struct rule *rule;          /* current [program] */
	bool allow_include;
	unsigned *seen;             /* per key, the line of its first use in the latest section
	                             * that had it: in this section if after section_line (so
	                             * a new section clears nothing) */
	unsigned section_line;      /* the current section's header */
	bool utf8_checked;          /* the whole text is valid UTF-8: lines need no check */
	unsigned trusted_dirs_line; /* where trusted-dirs was first given, 0: not given */
};

/* ---- errors and memory --------------------------------------------- */

__attribute__((format(printf, 2, 3)))
static _Noreturn void parse_error(const struct parser *ps, const char *fmt, ...)
{
	char msg[768];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	char file[ESCAPED_MAX];
	die(EXIT_POLICY, "%s:%u: %s", escape_str(file, sizeof(file), ps->file), ps->line, msg);
}

static void *xrealloc(void *p, size_t n, size_t size)
{
	if (size != 0 && n > SIZE_MAX / size)
		die(EXIT_POLICY, "policy: too large");
	void *q = realloc(p, n * size == 0 ? 1 : n * size);
	if (q == NULL)
		die(EXIT_POLICY, "policy: out of memory");
	return q;
}

static char *xstrdup(const char *s)
{
	char *d = strdup(s);
	if (d == NULL)
		die(EXIT_POLICY, "policy: out of memory");
	return d;
}

static void strvec_push(struct strvec *v, char *s)
{
	if (v->len == v->cap) {
		v->cap = v->cap ? v->cap * 2 : 4;
		v->items = xrealloc(v->items, v->cap + 1, sizeof(*v->items));
	}
	v->items[v->len++] = s;
	v->items[v->len] = NULL;
}

static void strvec_free(struct strvec *v)
{
	for (size_t i = 0; i < v->len; i++)
		free(v->items[i]);
	free(v->items);
	memset(v, 0, sizeof(*v));
}

static bool strvec_has(const struct strvec *v, const char *s)
{
	for (size_t i = 0; i < v->len; i++)
		if (strcmp(v->items[i], s) == 0)
			return true;
	return false;
}

/* ---- value helpers ------------------------------------------------- */

static const char *shown(char buf[static ESCAPED_MAX], const char *s)
{
	return escape_str(buf, ESCAPED_MAX, s);
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* The next blank-separated word at *CURSOR, terminated in place; NULL at the end. */
static char *next_word(char **cursor)
{
	char *p = *cursor;
	while (is_blank(*p))
		p++;
	if (*p == '\0')
		return NULL;
	char *start = p;
	while (*p != '\0' && !is_blank(*p))
		p++;
	if (*p != '\0')
		*p++ = '\0';
	*cursor = p;
	return start;
}

/* Split VALUE at blanks in place; call FN for each word. */
static void for_each_word(struct parser *ps, char *value, void (*fn)(struct parser *, char *))
{
	char *word;
	while ((word = next_word(&value)) != NULL)
		fn(ps, word);
}

static enum tristate parse_yes_no(struct parser *ps, const char *key, const char *value)
{
	char buf[ESCAPED_MAX];
	if (strcmp(value, "yes") == 0)
		return TRI_YES;
	if (strcmp(value, "no") == 0)
		return TRI_NO;
	parse_error(ps, "%s = '%s': expected yes or no", key, shown(buf, value));
}

static long parse_count(struct parser *ps, const char *key, const char *value)
{
	char buf[ESCAPED_MAX];
	long v = 0;
	bool ok = value[0] >= '0' && value[0] <= '9' && !(value[0] == '0' && value[1] != '\0');
	for (const char *p = value; ok && *p != '\0'; p++) {
		ok = *p >= '0' && *p <= '9';
		v = v * 10 + (*p - '0');
		ok = ok && v <= 1000000;
	}
	if (!ok)
		parse_error(ps, "%s = '%s': expected a number from 0 to 1000000", key, shown(buf, value));
	return v;
}

static void check_secure_path(struct parser *ps, const char *value)
{
	char buf[ESCAPED_MAX];
	const char *p = value;
	for (;;) {
		const char *end = strchrnul(p, ':');
		if (end == p || *p != '/')
			parse_error(ps, "secure-path = '%s': every entry must be an absolute directory, "
			            "none empty", shown(buf, value));
		if (*end == '\0')
			return;
		p = end + 1;
	}
}

static struct env_settings *current_env(struct parser *ps)
{
	if (ps->section != SECTION_PROGRAM)
		return &ps->policy->env;
	if (ps->rule->env == NULL) {
		ps->rule->env = xrealloc(NULL, 1, sizeof(*ps->rule->env));
		memset(ps->rule->env, 0, sizeof(*ps->rule->env));
	}
	return ps->rule->env;
}

static struct arg_rules *current_args(struct parser *ps)
{
	if (ps->rule->args == NULL) {
		ps->rule->args = xrealloc(NULL, 1, sizeof(*ps->rule->args));
		memset(ps->rule->args, 0, sizeof(*ps->rule->args));
		ps->rule->args->positional_max = -1;
	}
	return ps->rule->args;
}

static struct confine_settings *current_confine(struct parser *ps)
{
	if (ps->section != SECTION_PROGRAM)
		return &ps->policy->confine;
	if (ps->rule->confine == NULL) {
		ps->rule->confine = xrealloc(NULL, 1, sizeof(*ps->rule->confine));
		confine_settings_init(ps->rule->confine);
	}
	return ps->rule->confine;
}

/* "FILE:LINE" of the current line, owned by the policy, for later messages. */
static const char *here(struct parser *ps)
{
	char buf[ESCAPED_MAX + 16], file[ESCAPED_MAX];
	/* shown in messages and --explain: escaped, as every name from outside is */
	snprintf(buf, sizeof(buf), "%s:%u", escape_str(file, sizeof(file), ps->file), ps->line);
	char *copy = xstrdup(buf);
	strvec_push(&ps->policy->files, copy);
	return copy;
}

/* ---- keys ---------------------------------------------------------- */

static void key_path(struct parser *ps, char *value)
{
	char buf[ESCAPED_MAX];
	struct policy *p = ps->policy;
	struct rule *r = ps->rule;
	if (value[0] != '/')
		parse_error(ps, "path = '%s': must be absolute", shown(buf, value));
	if (r->paths_len == 0)
		r->paths_at = p->paths_len;
	else if (r->paths_at + r->paths_len != p->paths_len) /* include is [defaults]-only */
		parse_error(ps, "internal error: [program %s] paths not contiguous", r->label);
	for (size_t i = r->paths_at; i < p->paths_len; i++)
		if (strcmp(p->paths[i].path, value) == 0)
			parse_error(ps, "path = '%s' given twice in [program %s]", shown(buf, value),
			            r->label);
	if (p->paths_len == p->paths_cap) {
		p->paths_cap = p->paths_cap ? p->paths_cap * 2 : 8;
		p->paths = xrealloc(p->paths, p->paths_cap, sizeof(*p->paths));
	}
	/* the path stays in the kept text (policy->texts) */
	p->paths[p->paths_len++] = (struct rule_path){ value, ps->line, (unsigned)(r - p->rules) };
	r->paths_len++;
}

static void key_risky(struct parser *ps, char *value)
{
	ps->rule->risky = parse_yes_no(ps, "risky", value);
}

static void add_subcommand(struct parser *ps, char *word)
{
	char buf[ESCAPED_MAX];
	if (word[0] == '-')
		parse_error(ps, "subcommands: '%s' looks like a flag", shown(buf, word));
	struct arg_rules *a = current_args(ps);
	if (strvec_has(&a->subcommands, word))
		parse_error(ps, "subcommands: '%s' given twice", shown(buf, word));
	strvec_push(&a->subcommands, xstrdup(word));
}

static void key_subcommands(struct parser *ps, char *value)
{
	for_each_word(ps, value, add_subcommand);
}

/* A flag once its '=' or '[=]' is taken off: "--name", "-n" or "-name"; letters, digits and
 * '_', '.', '-' (not first) after the dashes. */
static bool flag_spelling_valid(const char *name, size_t len)
{
	if (len < 2 || name[0] != '-')
		return false;
	size_t dashes = name[1] == '-' ? 2 : 1;
	if (len <= dashes)
		return false;
	for (size_t i = dashes; i < len; i++) {
		unsigned char c = (unsigned char)name[i];
		bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
		if (!alnum && !(i > dashes && (c == '_' || c == '.' || c == '-')))
			return false;
	}
	return true;
}

static void add_flag(struct parser *ps, char *word)
{
	char buf[ESCAPED_MAX], as_written[ESCAPED_MAX];
	struct arg_rules *r = current_args(ps);
	size_t len = strlen(word);
	enum flag_value value = FLAG_NO_VALUE;
	shown(as_written, word);   /* before its suffix is cut off, for the messages */
	if (len >= 3 && memcmp(word + len - 3, "[=]", 3) == 0) {
		value = FLAG_OPTIONAL_VALUE;
		len -= 3;
	} else if (len > 0 && word[len - 1] == '=') {
		value = FLAG_VALUE;
		len--;
	}
	word[len] = '\0';
	if (!flag_spelling_valid(word, len))
		parse_error(ps, "flags: '%s' is not a flag (--name, --name=, --name[=], -n, -n= or "
		            "-n[=])", as_written);
	/* "-name VALUE" is the only way a single-dash word takes a value; an optional one has none */
	if (value == FLAG_OPTIONAL_VALUE && word[1] != '-' && len != 2)
		parse_error(ps, "flags: '%s': an optional value is for --name[=] or -n[=] only",
		            as_written);
	for (size_t i = 0; i < r->flags_len; i++)
		if (strcmp(r->flags[i].name, word) == 0)
			parse_error(ps, "flags: '%s' given twice", shown(buf, word));
	r->flags = xrealloc(r->flags, r->flags_len + 1, sizeof(*r->flags));
	r->flags[r->flags_len++] = (struct flag){ .name = xstrdup(word), .value = value };
}

static void key_flags(struct parser *ps, char *value)
{
	for_each_word(ps, value, add_flag);
}

static void key_positional_min(struct parser *ps, char *value)
{
	current_args(ps)->positional_min = parse_count(ps, "positional-min", value);
}

static void key_positional_max(struct parser *ps, char *value)
{
	current_args(ps)->positional_max = parse_count(ps, "positional-max", value);
}

static void key_args_deny(struct parser *ps, char *value)
{
	strvec_push(&current_args(ps)->args_deny, xstrdup(value));
}

static void key_double_dash(struct parser *ps, char *value)
{
	current_args(ps)->double_dash = parse_yes_no(ps, "double-dash", value);
}

static void key_arguments(struct parser *ps, char *value)
{
	char buf[ESCAPED_MAX];
	if (strcmp(value, "any") == 0)
		ps->rule->no_arg_limits = true;
	else if (strcmp(value, "checked") != 0)
		parse_error(ps, "arguments = '%s': expected checked or any", shown(buf, value));
}

static void key_trust_owner(struct parser *ps, char *value)
{
	char buf[ESCAPED_MAX];
	if (strcmp(value, "root") == 0)
		ps->rule->trust_owner = TRUST_OWNER_ROOT;
	else if (strcmp(value, "self") == 0)
		ps->rule->trust_owner = TRUST_OWNER_SELF;
	else
		parse_error(ps, "trust-owner = '%s': expected root or self", shown(buf, value));
}

static void key_env(struct parser *ps, char *value)
{
	char buf[ESCAPED_MAX];
	struct env_settings *e = current_env(ps);
	if (strcmp(value, "inherit") == 0)
		e->mode = ENV_MODE_INHERIT;
	else if (strcmp(value, "clear") == 0)
		e->mode = ENV_MODE_CLEAR;
	else
		parse_error(ps, "env = '%s': expected inherit or clear", shown(buf, value));
	e->mode_at = (struct policy_loc){ ps->file, ps->line };
}

static void add_pattern(struct parser *ps, struct strvec *v, const char *key, char *word)
{
	char buf[ESCAPED_MAX];
	if (!env_pattern_valid(word))
		parse_error(ps, "%s: '%s' is not a variable name or NAME* prefix", key, shown(buf, word));
	if (strvec_has(v, word))
		parse_error(ps, "%s: '%s' given twice", key, shown(buf, word));
	strvec_push(v, xstrdup(word));
}

static void add_env_keep(struct parser *ps, char *word)
{
	add_pattern(ps, &current_env(ps)->keep, "env-keep", word);
}

static void add_env_unset(struct parser *ps, char *word)
{
	add_pattern(ps, &current_env(ps)->unset, "env-unset", word);
}

static void key_env_keep(struct parser *ps, char *value)
{
	for_each_word(ps, value, add_env_keep);
}

static void key_env_unset(struct parser *ps, char *value)
{
	for_each_word(ps, value, add_env_unset);
}

static void key_env_set(struct parser *ps, char *value)
{
	char buf[ESCAPED_MAX];
	struct env_settings *e = current_env(ps);
	const char *eq = strchr(value, '=');
	if (eq == NULL || !env_name_valid(value, (size_t)(eq - value)))
		parse_error(ps, "env-set = '%s': expected NAME=VALUE with a valid name", shown(buf, value));
	size_t len = (size_t)(eq - value);
	if (strncmp(value, "LISTEN_", 7) == 0)
		parse_error(ps, "env-set: '%.*s' is managed by hardexec for socket activation",
		            (int)len, value);
	for (size_t i = 0; i < e->set.len; i++)
		if (strncmp(e->set.items[i], value, len + 1) == 0)
			parse_error(ps, "env-set: '%.*s' given twice", (int)len, value);
	strvec_push(&e->set, xstrdup(value));
}

static void key_secure_path(struct parser *ps, char *value)
{
	struct env_settings *e = current_env(ps);
	check_secure_path(ps, value);
	e->secure_path = xstrdup(value);
	e->secure_path_at = (struct policy_loc){ ps->file, ps->line };
}

static void key_allow_trusted_dirs(struct parser *ps, char *value)
{
	ps->policy->allow_trusted_dirs = parse_yes_no(ps, "allow-trusted-dirs", value);
}

static void add_trusted_dir(struct parser *ps, char *word)
{
	char buf[ESCAPED_MAX];
	if (word[0] != '/')
		parse_error(ps, "trusted-dirs: '%s' must be absolute", shown(buf, word));
	if (strvec_has(&ps->policy->trusted_dirs, word))
		parse_error(ps, "trusted-dirs: '%s' given twice", shown(buf, word));
	strvec_push(&ps->policy->trusted_dirs, xstrdup(word));
}

static void key_trusted_dirs(struct parser *ps, char *value)
{
	if (ps->trusted_dirs_line == 0)
		ps->trusted_dirs_line = ps->line;
	for_each_word(ps, value, add_trusted_dir);
}

static void key_audit(struct parser *ps, char *value)
{
	char buf[ESCAPED_MAX];
	struct policy *p = ps->policy;
	if (strcmp(value, "syslog") == 0)
		p->audit = AUDIT_SYSLOG;
	else if (strcmp(value, "stderr") == 0)
		p->audit = AUDIT_STDERR;
	else if (strcmp(value, "none") == 0)
		p->audit = AUDIT_NONE;
	else if (value[0] == '/') {
		p->audit = AUDIT_FILE;
		p->audit_file = xstrdup(value);
	} else
		parse_error(ps, "audit = '%s': expected syslog, stderr, none or an absolute file",
		            shown(buf, value));
	p->audit_at = (struct policy_loc){ ps->file, ps->line };
}

static void include_dir(struct parser *ps, const char *dir);
static void default_trusted_dirs(struct policy *policy);

static void key_no_new_privs(struct parser *ps, char *value)
{
	struct confine_settings *c = current_confine(ps);
	c->no_new_privs = parse_yes_no(ps, "no-new-privs", value) == TRI_YES;
	c->no_new_privs_source = here(ps);
}

static void key_umask(struct parser *ps, char *value)
{
	char buf[ESCAPED_MAX], why[128];
	struct confine_settings *c = current_confine(ps);
	if (!confine_parse_umask(value, &c->umask, why, sizeof(why)))
		parse_error(ps, "umask = '%s': %s", shown(buf, value), why);
	c->umask_source = here(ps);
}

static void key_chdir(struct parser *ps, char *value)
{
	char buf[ESCAPED_MAX];
	struct confine_settings *c = current_confine(ps);
	if (value[0] != '/')
		parse_error(ps, "chdir = '%s': must be an absolute directory", shown(buf, value));
	c->chdir = xstrdup(value);
	c->chdir_source = here(ps);
}

static void key_pdeathsig(struct parser *ps, char *value)
{
	char buf[ESCAPED_MAX], why[160];
	struct confine_settings *c = current_confine(ps);
	if (!confine_parse_signal(value, &c->pdeathsig, why, sizeof(why)))
		parse_error(ps, "pdeathsig = '%s': %s", shown(buf, value), why);
	c->pdeathsig_source = here(ps);
}

/* A user or group: a name or a number; resolved from /etc/passwd and /etc/group at launch. */
static char *id_value(struct parser *ps, const char *key, const char *value)
{
	char buf[ESCAPED_MAX];
	if (strpbrk(value, ": \t,") != NULL)
		parse_error(ps, "%s = '%s': expected one name or number", key, shown(buf, value));
	return xstrdup(value);
}

static void key_user(struct parser *ps, char *value)
{
	struct confine_settings *c = current_confine(ps);
	c->user = id_value(ps, "user", value);
	c->user_source = here(ps);
}

static void key_group(struct parser *ps, char *value)
{
	struct confine_settings *c = current_confine(ps);
	c->group = id_value(ps, "group", value);
	c->group_source = here(ps);
}

static void key_groups(struct parser *ps, char *value)
{
	char buf[ESCAPED_MAX];
	struct confine_settings *c = current_confine(ps);
	if (ids_groups_empty(value))
		parse_error(ps, "groups = '%s': expected none or group names or numbers",
		            shown(buf, value));
	c->groups = strcmp(value, "none") == 0 ? xstrdup("") : xstrdup(value);
	c->groups_source = here(ps);
}

static void key_capabilities(struct parser *ps, char *value)
{
	char buf[ESCAPED_MAX], why[160];
	struct confine_settings *c = current_confine(ps);
	if (!caps_spec_valid(value, why, sizeof(why)))
		parse_error(ps, "capabilities = '%s': %s", shown(buf, value), why);
	c->caps = xstrdup(value);
	c->caps_source = here(ps);
}

static void key_seccomp(struct parser *ps, char *value)
{
	char buf[ESCAPED_MAX], why[160];
	struct confine_settings *c = current_confine(ps);
	if (!seccomp_parse_mode(value, &c->seccomp_mode, why, sizeof(why)))
		parse_error(ps, "seccomp = '%s': %s", shown(buf, value), why);
	c->seccomp_mode_source = here(ps);
}

static void key_seccomp_action(struct parser *ps, char *value)
{
	char buf[ESCAPED_MAX], why[160];
	struct confine_settings *c = current_confine(ps);
	if (!seccomp_parse_action(value, &c->seccomp_action, why, sizeof(why)))
		parse_error(ps, "seccomp-action = '%s': %s", shown(buf, value), why);
	c->seccomp_source = here(ps);
}

static void key_seccomp_list(struct parser *ps, const char *key, char *value, const char **out)
{
	char buf[ESCAPED_MAX], why[160];
	if (!seccomp_names_valid(value, why, sizeof(why)))
		parse_error(ps, "%s = '%s': %s", key, shown(buf, value), why);
	*out = xstrdup(value);
	current_confine(ps)->seccomp_source = here(ps);
}

static void key_seccomp_deny(struct parser *ps, char *value)
{
	key_seccomp_list(ps, "seccomp-deny", value, &current_confine(ps)->seccomp_deny);
}

static void key_seccomp_allow(struct parser *ps, char *value)
{
	key_seccomp_list(ps, "seccomp-allow", value, &current_confine(ps)->seccomp_allow);
}

static void add_seccomp_abi(struct parser *ps, char *word)
{
	char buf[ESCAPED_MAX], why[160];
	struct confine_settings *c = current_confine(ps);
	int bit;
	if (!seccomp_parse_abi(word, &bit, why, sizeof(why)))
		parse_error(ps, "seccomp-abi = '%s': %s", shown(buf, word), why);
	if (c->seccomp_abis & bit)
		parse_error(ps, "seccomp-abi: '%s' given twice", word);
	c->seccomp_abis |= bit;
}

/* seccomp-abi = NAME ...: the other ABIs whose calls the filter lets through. */
static void key_seccomp_abi(struct parser *ps, char *value)
{
	struct confine_settings *c = current_confine(ps);
	c->seccomp_abis = 0;
	for_each_word(ps, value, add_seccomp_abi);
	c->seccomp_source = here(ps);
}

static void key_landlock(struct parser *ps, char *value)
{
	char buf[ESCAPED_MAX], why[160];
	struct landlock_settings *l = &current_confine(ps)->landlock;
	if (!landlock_parse_mode(value, &l->mode, why, sizeof(why)))
		parse_error(ps, "landlock = '%s': %s", shown(buf, value), why);
	l->mode_source = here(ps);
}

static void key_nodump(struct parser *ps, char *value)
{
	char buf[ESCAPED_MAX], why[160];
	struct confine_settings *c = current_confine(ps);
	if (!nodump_parse_mode(value, &c->nodump, why, sizeof(why)))
		parse_error(ps, "nodump = '%s': %s", shown(buf, value), why);
	c->nodump_source = here(ps);
}

static void key_landlock_scope(struct parser *ps, char *value)
{
	char buf[ESCAPED_MAX], why[160];
	struct landlock_settings *l = &current_confine(ps)->landlock;
	if (!landlock_parse_scope(value, &l->scope, why, sizeof(why)))
		parse_error(ps, "landlock-scope = '%s': %s", shown(buf, value), why);
	l->scope_source = here(ps);
}

/*
 * landlock-ro/-rw/-exec (paths) and landlock-connect/-bind (ports): blank
 * separated, the key may repeat within a section, "none" alone is the
 * empty list (everything of that kind denied).
 */
static void key_landlock_list(struct parser *ps, enum landlock_list which, char *value)
{
	char buf[ESCAPED_MAX], why[160];
	struct landlock_items *list = &current_confine(ps)->landlock.lists[which];
	const char *name = landlock_list_name(which);
	bool none = strcmp(value, "none") == 0;
	if (list->set && (none || list->len == 0))
		parse_error(ps, "%s = none cannot be combined with other %s lines", name, name);
	if (!list->set)
		list->source = here(ps);
	list->set = true;
	list->owned = true;
	if (none)
		return;
	char *word;
	while ((word = next_word(&value)) != NULL) {
		if (strcmp(word, "none") == 0)
			parse_error(ps, "%s: none must stand alone", name);
		if (!landlock_item_valid(which, word, why, sizeof(why)))
			parse_error(ps, "%s = '%s': %s", name, shown(buf, word), why);
		for (size_t i = 0; i < list->len; i++)
			if (strcmp(list->items[i], word) == 0)
				parse_error(ps, "%s: '%s' given twice", name, shown(buf, word));
		landlock_items_add(list, word);
	}
}

static void key_landlock_ro(struct parser *ps, char *value)
{
	key_landlock_list(ps, LL_RO, value);
}

static void key_landlock_rw(struct parser *ps, char *value)
{
	key_landlock_list(ps, LL_RW, value);
}

static void key_landlock_exec(struct parser *ps, char *value)
{
	key_landlock_list(ps, LL_EXEC, value);
}

static void key_landlock_connect(struct parser *ps, char *value)
{
	key_landlock_list(ps, LL_CONNECT, value);
}

static void key_landlock_bind(struct parser *ps, char *value)
{
	key_landlock_list(ps, LL_BIND, value);
}

/* rlimit-NAME = SOFT[:HARD]; NAME from the key. */
static void key_rlimit(struct parser *ps, const char *name, char *value)
{
	char buf[ESCAPED_MAX], why[160];
	int i = limits_index(name, strlen(name));
	if (i < 0)
		parse_error(ps, "unknown key 'rlimit-%s' (limits: as core cpu data fsize memlock msgqueue "
		            "nice nofile nproc rtprio rttime sigpending stack)", shown(buf, name));
	struct limit_request *r = &current_confine(ps)->limits.req[i];
	if (r->set)
		parse_error(ps, "key 'rlimit-%s' given twice in this section (first at %s)", name,
		            r->source);
	r->source = here(ps);
	if (!limits_parse(i, value, r, why, sizeof(why)))
		parse_error(ps, "rlimit-%s = '%s': %s", name, shown(buf, value), why);
}

static void key_include(struct parser *ps, char *value)
{
	char buf[ESCAPED_MAX];
	if (!ps->allow_include)
		parse_error(ps, "include is not allowed in an included file");
	if (value[0] != '/')
		parse_error(ps, "include = '%s': must be an absolute directory", shown(buf, value));
	include_dir(ps, value);
}

/* Every key, where it may appear, and whether it may repeat. */
#define KEY(name, where, repeatable, apply) { name, sizeof(name) - 1, where, repeatable, apply }
static const struct key_def keys[] = {
	KEY("path", IN_PROGRAM, true, key_path),
	KEY("risky", IN_PROGRAM, false, key_risky),
	KEY("subcommands", IN_PROGRAM, true, key_subcommands),
	KEY("flags", IN_PROGRAM, true, key_flags),
	KEY("positional-min", IN_PROGRAM, false, key_positional_min),
	KEY("positional-max", IN_PROGRAM, false, key_positional_max),
	KEY("args-deny", IN_PROGRAM, true, key_args_deny),
	KEY("double-dash", IN_PROGRAM, false, key_double_dash),
	KEY("trust-owner", IN_PROGRAM, false, key_trust_owner),
	KEY("arguments", IN_PROGRAM, false, key_arguments),
	KEY("env", IN_BOTH, false, key_env),
	KEY("env-keep", IN_BOTH, true, key_env_keep),
	KEY("env-set", IN_BOTH, true, key_env_set),
	KEY("env-unset", IN_BOTH, true, key_env_unset),
	KEY("secure-path", IN_BOTH, false, key_secure_path),
	KEY("allow-trusted-dirs", IN_DEFAULTS, false, key_allow_trusted_dirs),
	KEY("trusted-dirs", IN_DEFAULTS, true, key_trusted_dirs),
	KEY("audit", IN_DEFAULTS, false, key_audit),
	KEY("include", IN_DEFAULTS, true, key_include),
	KEY("no-new-privs", IN_BOTH, false, key_no_new_privs),
	KEY("umask", IN_BOTH, false, key_umask),
	KEY("chdir", IN_BOTH, false, key_chdir),
	KEY("pdeathsig", IN_BOTH, false, key_pdeathsig),
	KEY("user", IN_BOTH, false, key_user),
	KEY("group", IN_BOTH, false, key_group),
	KEY("groups", IN_BOTH, false, key_groups),
	KEY("capabilities", IN_BOTH, false, key_capabilities),
	KEY("seccomp", IN_BOTH, false, key_seccomp),
	KEY("seccomp-action", IN_BOTH, false, key_seccomp_action),
	KEY("seccomp-deny", IN_BOTH, false, key_seccomp_deny),
	KEY("seccomp-allow", IN_BOTH, false, key_seccomp_allow),
	KEY("seccomp-abi", IN_BOTH, false, key_seccomp_abi),
	KEY("landlock", IN_BOTH, false, key_landlock),
	KEY("landlock-ro", IN_BOTH, true, key_landlock_ro),
	KEY("landlock-rw", IN_BOTH, true, key_landlock_rw),
	KEY("landlock-exec", IN_BOTH, true, key_landlock_exec),
	KEY("landlock-connect", IN_BOTH, true, key_landlock_connect),
	KEY("landlock-bind", IN_BOTH, true, key_landlock_bind),
	KEY("landlock-scope", IN_BOTH, false, key_landlock_scope),
	KEY("nodump", IN_BOTH, false, key_nodump),
};
#undef KEY

enum { KEY_COUNT = sizeof(keys) / sizeof(keys[0]) };

/* ---- sections ------------------------------------------------------ */

static void env_settings_check(struct parser *ps, const struct env_settings *e, const char *where)
{
	for (size_t i = 0; i < e->set.len; i++) {
		size_t len = (size_t)(strchr(e->set.items[i], '=') - e->set.items[i]);
		for (size_t j = 0; j < e->unset.len; j++)
			if (env_pattern_match(e->unset.items[j], e->set.items[i], len))
				parse_error(ps, "%s: env-set '%.*s' contradicts env-unset '%s'", where,
				            (int)len, e->set.items[i], e->unset.items[j]);
	}
	for (size_t i = 0; i < e->keep.len; i++)
		for (size_t j = 0; j < e->unset.len; j++)
			if (env_keep_contradicts_unset(e->keep.items[i], e->unset.items[j]))
				parse_error(ps, "%s: env-keep '%s' contradicts env-unset '%s'", where,
				            e->keep.items[i], e->unset.items[j]);
}

/* landlock = off beside Landlock lists or a scope, seccomp = none beside seccomp lists, in
 * one section: they would do nothing. LABEL: the rule's, NULL for [defaults]. */
static void confine_level_check(struct parser *ps, const struct confine_settings *c,
                                const char *label)
{
	const struct landlock_settings *l = &c->landlock;
	const char *open = label != NULL ? "[program " : "[defaults]", *name = label != NULL ? label : "",
	           *close = label != NULL ? "]" : "";
	if (landlock_off_beside_rules(l))
		parse_error(ps, "%s%s%s: landlock = off (%s) with Landlock paths, ports or scopes: "
		            "they would do nothing (remove one or the other)", open, name, close,
		            l->mode_source);
	if (confine_seccomp_lists_without_filter(c))
		parse_error(ps, "%s%s%s: seccomp = none (%s) with seccomp-deny, -allow, -abi or "
		            "-action: they need a filter (remove one or the other)", open, name, close,
		            c->seccomp_mode_source);
}

/* Checks that need the whole section; run when it ends. */
static void section_end(struct parser *ps)
{
	if (ps->section == SECTION_DEFAULTS && ps->trusted_dirs_line != 0 &&
	    ps->policy->allow_trusted_dirs != TRI_YES) {
		/* a key that would do nothing: say so rather than let it look enforced */
		ps->line = ps->trusted_dirs_line;
		parse_error(ps, "trusted-dirs needs allow-trusted-dirs = yes (without it no "
		            "directory is trusted)");
	}
	if (ps->section == SECTION_DEFAULTS) {
		env_settings_check(ps, &ps->policy->env, "[defaults]");
		confine_level_check(ps, &ps->policy->confine, NULL);
	}
	if (ps->section != SECTION_PROGRAM)
		return;
	struct rule *r = ps->rule;
	unsigned end_line = ps->line;
	ps->line = r->at.line;
	if (r->paths_len == 0)
		parse_error(ps, "[program %s] has no path", r->label);
	/* a key that would do nothing: say so rather than let it look enforced */
	if (r->no_arg_limits && r->args != NULL)
		parse_error(ps, "[program %s]: arguments = any checks no argument, so its subcommands, "
		            "flags, positional-min/-max, args-deny and double-dash would do nothing "
		            "(remove them, or remove arguments = any)", r->label);
	const struct arg_rules *a = rule_args(r);
	if (a->positional_max >= 0 && a->positional_min > a->positional_max)
		parse_error(ps, "[program %s]: positional-min %ld is above positional-max %ld", r->label,
		            a->positional_min, a->positional_max);
	if (r->env != NULL)
		env_settings_check(ps, r->env, r->label);
	if (r->confine != NULL)
		confine_level_check(ps, r->confine, r->label);
	ps->line = end_line;
}

/* The bytes a label may hold: a table, one load a byte (10,000 labels are read at
 * every launch of a large policy). NUL is not one of them, so a scan stops at the end. */
static const bool label_byte[256] = {
	['a' ... 'z'] = true, ['A' ... 'Z'] = true, ['0' ... '9'] = true,
	['_'] = true, ['-'] = true, ['.'] = true, ['@'] = true, ['+'] = true,
};

_Static_assert(sizeof(void *) != 8 || sizeof(struct rule) == 80,
               "a rule is 80 bytes on 64-bit machines (policy.h): label_len sits in padding");

/* The length of the label S; 0 when it is empty or holds another byte. */
static size_t label_length(const char *s)
{
	const char *p = s;
	while (label_byte[(unsigned char)*p])
		p++;
	return *p == '\0' ? (size_t)(p - s) : 0;
}

/* HEADER ends at END (a NUL). */
static void section_start(struct parser *ps, char *header, char *end)
{
	char buf[ESCAPED_MAX];
	size_t len = (size_t)(end - header);
	if (len < 2 || header[len - 1] != ']')
		parse_error(ps, "section header must end with ']'");
	header[len - 1] = '\0';
	char *name = header + 1;
	len -= 2;

	section_end(ps);
	ps->section_line = ps->line;
	if (len == 8 && memcmp(name, "defaults", 8) == 0) {
		if (!ps->allow_include)
			parse_error(ps, "[defaults] is not allowed in an included file");
		if (ps->policy->defaults_seen)
			parse_error(ps, "[defaults] given twice");
		ps->policy->defaults_seen = true;
		ps->section = SECTION_DEFAULTS;
		return;
	}
	if (len < 8 || memcmp(name, "program", 7) != 0 || !is_blank(name[7]))
		parse_error(ps, "unknown section [%s] (expected [defaults] or [program LABEL])",
		            shown(buf, name));
	char *label = name + 8;
	while (is_blank(*label))
		label++;
	size_t label_len = label_length(label);
	if (label_len == 0)
		parse_error(ps, "[program %s]: a label is letters, digits and _ - . @ +",
		            shown(buf, label));
	if (label_len > UINT32_MAX)
		parse_error(ps, "[program %s]: label too long", shown(buf, label));

	struct policy *p = ps->policy;
	if (p->rules_len == p->rules_cap) {
		p->rules_cap = p->rules_cap ? p->rules_cap * 2 : 8;
		p->rules = xrealloc(p->rules, p->rules_cap, sizeof(*p->rules));
	}
	ps->rule = &p->rules[p->rules_len++];
	memset(ps->rule, 0, sizeof(*ps->rule));
	ps->rule->label = label; /* in the kept text (policy->texts) */
	ps->rule->label_len = (uint32_t)label_len;
	ps->rule->at = (struct policy_loc){ ps->file, ps->line };
	ps->section = SECTION_PROGRAM;
}

/* ---- lines --------------------------------------------------------- */

/*
 * The key named by the LEN bytes at NAME; KEY_COUNT if none. Looked up in a
 * small hash table of the key names, filled at the first call, rather than
 * compared with each name in turn: every line of a large policy names a key.
 */
enum { KEY_SLOTS = 128 };
_Static_assert(KEY_COUNT <= KEY_SLOTS / 2 && KEY_COUNT < 255, "key table too small");

static size_t key_slot(const char *name, size_t len)
{
	unsigned char first = (unsigned char)name[0], last = (unsigned char)name[len - 1];
	return (len * 31 + first * 7 + last) & (KEY_SLOTS - 1);
}

static size_t key_find(const char *name, size_t len)
{
	static unsigned char table[KEY_SLOTS]; /* 1 + a key's index; 0: empty */
	static bool filled;
	if (!filled) {
		for (size_t k = 0; k < KEY_COUNT; k++) {
			size_t i = key_slot(keys[k].name, keys[k].len);
			while (table[i] != 0)
				i = (i + 1) & (KEY_SLOTS - 1);
			table[i] = (unsigned char)(k + 1);
		}
		filled = true;
	}
	if (len == 0)
		return KEY_COUNT;
	for (size_t i = key_slot(name, len); table[i] != 0; i = (i + 1) & (KEY_SLOTS - 1)) {
		const struct key_def *key = &keys[table[i] - 1];
		if (key->len == len && memcmp(key->name, name, len) == 0)
			return (size_t)table[i] - 1;
	}
	return KEY_COUNT;
}

/* LINE ends at END (a NUL). */
static void key_line(struct parser *ps, char *line, char *end)
{
	char buf[ESCAPED_MAX];
	char *eq = memchr(line, '=', (size_t)(end - line));
	if (eq == NULL)
		parse_error(ps, "expected 'key = value', a [section] or a # comment");
	char *key_end = eq;
	while (key_end > line && is_blank(key_end[-1]))
		key_end--;
	*key_end = '\0';
	size_t key_len = (size_t)(key_end - line);
	char *value = eq + 1;
	while (is_blank(*value))
		value++;
	char *value_end = end;
	while (value_end > value && is_blank(value_end[-1]))
		*--value_end = '\0';

	bool rlimit = key_len >= 7 && memcmp(line, "rlimit-", 7) == 0;
	size_t k = rlimit ? KEY_COUNT : key_find(line, key_len);
	if (!rlimit && k == KEY_COUNT)
		parse_error(ps, "unknown key '%s'", shown(buf, line));
	if (ps->section == SECTION_NONE)
		parse_error(ps, "key '%s' before any [defaults] or [program LABEL] section",
		            shown(buf, line));
	if (rlimit) {
		if (*value == '\0')
			parse_error(ps, "key '%s' has an empty value", shown(buf, line));
		key_rlimit(ps, line + 7, value);
		return;
	}
	unsigned here = ps->section == SECTION_DEFAULTS ? IN_DEFAULTS : IN_PROGRAM;
	if ((keys[k].where & here) == 0)
		parse_error(ps, "key '%s' is not allowed in %s", line,
		            here == IN_DEFAULTS ? "[defaults]" : "a [program] section");
	if (*value == '\0')
		parse_error(ps, "key '%s' has an empty value", line);
	bool seen_here = ps->seen[k] > ps->section_line;
	if (seen_here && !keys[k].repeatable)
		parse_error(ps, "key '%s' given twice in this section (first at line %u)", line,
		            ps->seen[k]);
	if (!seen_here)
		ps->seen[k] = ps->line;
	keys[k].apply(ps, value);
}

/* LINE (LEN bytes, in the parser's own copy of the text, with no NUL byte) is terminated
 * here and edited in place. */
static void parse_line(struct parser *ps, char *line, size_t len)
{
	if (len > 0 && line[len - 1] == '\r')
		parse_error(ps, "carriage return at end of line (DOS line ending)");
	if (!ps->utf8_checked && !utf8_valid(line, len))
		parse_error(ps, "invalid UTF-8");
	char *end = line + len;
	*end = '\0';

	char *p = line;
	while (is_blank(*p))
		p++;
	if (*p == '[')
		section_start(ps, p, end);
	else if (*p != '\0' && *p != '#')
		key_line(ps, p, end);
}

static const char *intern_file(struct policy *policy, const char *file)
{
	char *copy = xstrdup(file);
	strvec_push(&policy->files, copy);
	return copy;
}

/* TEXT has LEN bytes and room for one more; its lines are edited in place. */
static void parse_text_with(struct policy *policy, const char *file, char *text, size_t len,
                            bool allow_include)
{
	unsigned seen[KEY_COUNT] = { 0 };
	struct parser ps = {
		.policy = policy,
		.file = intern_file(policy, file),
		.allow_include = allow_include,
		.seen = seen,
		/* '\n' cannot be part of a multibyte sequence: valid text means valid lines. */
		.utf8_checked = utf8_valid(text, len),
	};
	char *p = text, *end = text + len;
	/* A NUL would end a line early; looked for once in the whole text rather than per line. */
	const char *nul = memchr(text, '\0', len);
	if (nul != NULL) {
		ps.line = 1;
		for (const char *q = text; (q = memchr(q, '\n', (size_t)(nul - q))) != NULL; q++)
			ps.line++;
		parse_error(&ps, "NUL byte in line");
	}
	while (p < end) {
		char *nl = memchr(p, '\n', (size_t)(end - p));
		char *line_end = nl != NULL ? nl : end;
		ps.line++;
		if (ps.line == UINT_MAX)
			parse_error(&ps, "too many lines");
		parse_line(&ps, p, (size_t)(line_end - p));
		p = nl != NULL ? nl + 1 : end;
	}
	ps.line++;
	section_end(&ps);
}

void policy_parse_text(struct policy *policy, const char *file, const char *text, size_t len,
                       bool allow_include)
{
	char *copy = xrealloc(NULL, len + 1, 1);
	memcpy(copy, text, len);
	strvec_push(&policy->texts, copy);
	if (policy->source == NULL)   /* a policy made of text alone (tests) is named by it */
		policy->source = intern_file(policy, file);
	parse_text_with(policy, file, copy, len, allow_include);
}

/* ---- files --------------------------------------------------------- */

/*
 * Fault in the whole pages of a large buffer with one call rather than one
 * page at a time as read() copies into it: at 10,000 rules the text is 210
 * pages, and a page fault costs about 2 us in a VM. Only a hint: where the
 * kernel has no MADV_POPULATE_WRITE (before 5.14) or refuses, read() faults
 * the pages in as it always did, and reports any real error itself.
 */
static void prefault(void *buf, size_t len)
{
	long page = sysconf(_SC_PAGESIZE);
	if (page <= 0 || len < 16 * (size_t)page)
		return;
	uintptr_t start = ((uintptr_t)buf + (uintptr_t)page - 1) & ~((uintptr_t)page - 1);
	uintptr_t end = ((uintptr_t)buf + len) & ~((uintptr_t)page - 1);
	if (end > start)
		(void)madvise((void *)start, end - start, MADV_POPULATE_WRITE);
}

/* Read all of FD; *LEN gets the size. Sized from fstat once, so a large policy is one
 * read into one buffer; the loop still goes on to end of file if the file grew. */
static char *read_all(int fd, const char *file, size_t *len)
{
	struct stat st;
	size_t cap = 4096, used = 0;
	if (fstat(fd, &st) == 0 && st.st_size > 0 && (uintmax_t)st.st_size < SIZE_MAX / 2)
		cap = (size_t)st.st_size + 1;
	char *buf = xrealloc(NULL, cap, 1);
	prefault(buf, cap);
	for (;;) {
		if (used == cap)   /* also keeps a byte free past the end, for the parser */
			buf = xrealloc(buf, cap *= 2, 1);
		ssize_t n = read(fd, buf + used, cap - used);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			die(EXIT_POLICY, "%s: read: %s", file, strerror(errno));
		if (n == 0)
			break;
		used += (size_t)n;
	}
	*len = used;
	return buf;
}

static void load_file(struct policy *policy, const char *file, bool allow_include)
{
	char canonical[PATH_MAX];
	int fd = trust_open_policy(file, canonical);
	size_t len;
	char *text = read_all(fd, file, &len);
	if (close(fd) != 0)
		die(EXIT_POLICY, "%s: close: %s", file, strerror(errno));
	strvec_push(&policy->texts, text);
	parse_text_with(policy, file, text, len, allow_include);
}

void policy_load_file(struct policy *policy, const char *file)
{
	policy->source = intern_file(policy, file);
	load_file(policy, file, true);
	policy_check(policy);
	if (policy->allow_trusted_dirs == TRI_YES && policy->trusted_dirs.len == 0)
		default_trusted_dirs(policy);
}

/* One pass over labels and paths with a hash set: O(n) even for 10,000 rules. The set
 * is made once for both passes (a label has no '/', so the two never meet anyway), and
 * the paths' pass stays as the index policy_path_find reads. */
void policy_check(struct policy *policy)
{
	char buf[ESCAPED_MAX], other[ESCAPED_MAX], file[ESCAPED_MAX];
	size_t n = policy->rules_len, paths = policy->paths_len;
	struct strset *seen = &policy->path_index;

	strset_free(seen); /* a second check (tests) starts over */
	strset_init(seen, n > paths ? n : paths, EXIT_POLICY, "policy");
	for (size_t i = 0; i < n; i++) {
		const struct rule *r = &policy->rules[i];
		long first = strset_add_len(seen, r->label, r->label_len, i);
		if (first >= 0)
			die(EXIT_POLICY, "%s:%u: [program %s] also defined at %s:%u",
			    escape_str(buf, sizeof(buf), r->at.file), r->at.line, r->label,
			    escape_str(other, sizeof(other), policy->rules[first].at.file),
			    policy->rules[first].at.line);
	}

	strset_clear(seen);
	for (size_t k = 0; k < paths; k++) {
		const struct rule_path *rp = &policy->paths[k];
		long first = strset_add(seen, rp->path, k);
		if (first < 0)
			continue;
		const struct rule_path *fp = &policy->paths[first];
		const struct rule *r = &policy->rules[rp->rule], *f = &policy->rules[fp->rule];
		die(EXIT_POLICY, "%s:%u: path %s is also in [program %s] at %s:%u: one path, one rule",
		    escape_str(file, sizeof(file), r->at.file), rp->line,
		    escape_str(buf, sizeof(buf), rp->path), f->label,
		    escape_str(other, sizeof(other), f->at.file), fp->line);
	}
}

long policy_path_find(const struct policy *policy, const char *path)
{
	if (policy->paths_len > 0 && policy->path_index.slots == NULL)
		die(EXIT_POLICY, "internal error: rule paths looked up before policy_check");
	return strset_find_len(&policy->path_index, path, strlen(path));
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool conf_name(const char *name)
{
	size_t len = strlen(name);
	return name[0] != '.' && len > 5 && strcmp(name + len - 5, ".conf") == 0;
}

/*
 * include = DIR: every DIR/NAME.conf in byte order, each trusted like the
 * main file. DIR itself must be trusted (an entry is policy), and an entry
 * must be the file itself: a symlink would be checked where it points, not
 * in DIR.
 */
static void include_dir(struct parser *ps, const char *dir_as_written)
{
	char dir[PATH_MAX], buf[ESCAPED_MAX], why[PATH_MAX + 160];
	if (!trust_policy_dir(dir_as_written, dir, why, sizeof(why)))
		parse_error(ps, "include = %s: %s", shown(buf, dir_as_written), why);
	DIR *d = opendir(dir);
	if (d == NULL)
		parse_error(ps, "include = %s: %s", shown(buf, dir), strerror(errno));
	struct strvec names = { 0 };
	struct dirent *e;
	errno = 0;
	while ((e = readdir(d)) != NULL) {
		if (conf_name(e->d_name))
			strvec_push(&names, xstrdup(e->d_name));
		errno = 0;
	}
	if (errno != 0)
		parse_error(ps, "include = %s: %s", shown(buf, dir), strerror(errno));
	closedir(d);
	if (names.len > 0)
		qsort(names.items, names.len, sizeof(*names.items), name_cmp);

	/* Each included file has its own sections; the includer's resumes after. */
	for (size_t i = 0; i < names.len; i++) {
		char path[PATH_MAX];
		struct stat st;
		if (snprintf(path, sizeof(path), "%s/%s", dir, names.items[i]) >= (int)sizeof(path))
			parse_error(ps, "include = %s: file name too long", shown(buf, dir));
		if (lstat(path, &st) != 0)
			parse_error(ps, "include: %s: %s", shown(buf, path), strerror(errno));
		if (S_ISLNK(st.st_mode))
			parse_error(ps, "include: %s is a symbolic link (put the file itself there)",
			            shown(buf, path));
		load_file(ps->policy, path, false);
	}
	strvec_free(&names);
}

/* ---- embedded default and lifetime --------------------------------- */

/* The trusted directories of the embedded default (SPEC), also used when a
 * policy says allow-trusted-dirs = yes without trusted-dirs. */
static void default_trusted_dirs(struct policy *policy)
{
	static const char *const dirs[] = {
		"/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin",
	};
	for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++)
		strvec_push(&policy->trusted_dirs, xstrdup(dirs[i]));
}

void policy_load_embedded(struct policy *policy)
{
	policy->source = intern_file(policy, "<embedded default>");
	policy->embedded = true;
	policy->allow_trusted_dirs = TRI_YES;
	default_trusted_dirs(policy);
}

void policy_init(struct policy *policy)
{
	memset(policy, 0, sizeof(*policy));
	confine_settings_init(&policy->confine);
}

static void env_settings_free(struct env_settings *e)
{
	strvec_free(&e->keep);
	strvec_free(&e->set);
	strvec_free(&e->unset);
	free(e->secure_path);
}

void policy_free(struct policy *policy)
{
	for (size_t i = 0; i < policy->rules_len; i++) {
		struct rule *r = &policy->rules[i];
		if (r->args != NULL) {
			strvec_free(&r->args->subcommands);
			for (size_t f = 0; f < r->args->flags_len; f++)
				free(r->args->flags[f].name);
			free(r->args->flags);
			strvec_free(&r->args->args_deny);
		}
		free(r->args);
		if (r->env != NULL)
			env_settings_free(r->env);
		free(r->env);
		if (r->confine != NULL)
			confine_settings_free_owned(r->confine);
		free(r->confine);
	}
	free(policy->rules);
	free(policy->paths); /* the strings are in policy->texts */
	strset_free(&policy->path_index);
	env_settings_free(&policy->env);
	confine_settings_free_owned(&policy->confine);
	strvec_free(&policy->trusted_dirs);
	free(policy->audit_file);
	strvec_free(&policy->files);
	strvec_free(&policy->texts);
	memset(policy, 0, sizeof(*policy));
}
