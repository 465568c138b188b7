/*
 * libFuzzer target for the policy parser: any bytes either parse into a
 * policy whose invariants hold, or are rejected through die() with exit
 * 78. Anything else (a crash, a sanitizer report, another exit code) is a
 * bug. A rejected input leaves the parser's scratch copies behind (longjmp
 * out of die()), so leak checking is off here; the valgrind run of the
 * unit suites checks the parser for leaks.
 */
#include "fuzz_common.h"
#include "policy.h"

#include <string.h>

const char *__lsan_default_options(void);
const char *__lsan_default_options(void)
{
	return "detect_leaks=0";
}

static void check_policy(const struct policy *p)
{
	for (size_t i = 0; i < p->rules_len; i++) {
		const struct rule *r = &p->rules[i];
		if (r->paths_len == 0 || r->label == NULL || r->label[0] == '\0')
			abort();
		if (r->paths_at + r->paths_len > p->paths_len)
			abort();
		for (size_t j = 0; j < r->paths_len; j++)
			if (rule_paths(p, r)[j].path[0] != '/')
				abort();
		const struct arg_rules *a = rule_args(r);
		if (a->positional_max >= 0 && a->positional_min > a->positional_max)
			abort();
		for (size_t f = 0; f < a->flags_len; f++)
			if (a->flags[f].name[0] != '-' || strlen(a->flags[f].name) < 2)
				abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct policy p;
	policy_init(&p);
	int code = setjmp(fuzz_jump);
	if (code == 0) {
		policy_parse_text(&p, "fuzz.conf", (const char *)data, size, false);
		policy_check(&p);
		check_policy(&p);
		policy_free(&p);
	} else if (code != EXIT_POLICY) {
		abort();
	} else {
		policy_free(&p);   /* the text copy is the policy's too (policy->texts): nothing leaks */
	}
	return 0;
}
