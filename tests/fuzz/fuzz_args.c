/*
 * libFuzzer target for the argument validator: the attacker's argv after
 * "--" against a rule with subcommands, value flags (required and optional),
 * bundles, args-deny and double-dash. The input is split at NUL bytes into
 * arguments. Invariants checked on every verdict: a denial names an argument
 * inside argv, and an inserted "--" lands inside argv.
 */
#include "fuzz_common.h"
#include "args.h"
#include "policy.h"

#include <string.h>

static const char rule_text[] =
	"[program git]\n"
	"path = /usr/bin/git\n"
	"subcommands = status log diff show\n"
	"flags = --no-pager --oneline --format= -n= -C= -s -l -a -name -o= --color[=] -i[=]\n"
	"positional-min = 1\n"
	"positional-max = 3\n"
	"double-dash = yes\n"
	"args-deny = --upload-pack*\n"
	"args-deny = *ext::*\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct policy p;
	static bool loaded;
	if (!loaded) {
		policy_init(&p);
		if (setjmp(fuzz_jump) != 0)
			abort();
		policy_parse_text(&p, "fuzz.conf", rule_text, sizeof(rule_text) - 1, false);
		loaded = true;
	}
	char *buf = malloc(size + 1);
	char **argv = calloc(size + 3, sizeof(*argv));
	if (buf == NULL || argv == NULL) {
		free(buf);
		free(argv);
		return 0;
	}
	memcpy(buf, data, size);
	buf[size] = '\0';
	size_t n = 0;
	argv[n++] = (char *)"git";
	for (char *s = buf; s <= buf + size; s += strlen(s) + 1)
		argv[n++] = s;
	argv[n] = NULL;

	struct args_verdict v;
	if (setjmp(fuzz_jump) != 0)
		abort();   /* args_check never dies */
	args_check(&p.rules[0], argv, &v);
	if (!v.allowed && v.bad_index >= n)
		abort();
	if (v.allowed && (v.insert_double_dash == 0 || v.insert_double_dash >= (long)n))
		abort();
	free(argv);
	free(buf);
	return 0;
}
