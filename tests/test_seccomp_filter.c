/* seccomp_filter.c: modes, ABIs, the strict allowlist and the filters libseccomp builds. */
#include "unit.h"

#include "seccomp_filter.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/audit.h>
#include <stddef.h>
#include <stdint.h>

static const struct {
	const char *value;
	int ok, mode;
} mode_cases[] = {
	{ "", 0, 0 },
	{ "Strict", 0, 0 },
	{ "strict ", 0, 0 },
	{ "off", 0, 0 },
	{ "default", 1, SECCOMP_MODE_DEFAULT },
	{ "strict", 1, SECCOMP_MODE_ALLOWLIST },
	{ "none", 1, SECCOMP_MODE_NONE },
};

START_TEST(seccomp_mode_values)
{
	int mode = -7;
	char why[160] = "";
	bool ok = seccomp_parse_mode(mode_cases[_i].value, &mode, why, sizeof(why));
	ck_assert_msg(ok == (bool)mode_cases[_i].ok, "'%s': %d", mode_cases[_i].value, ok);
	if (ok)
		ck_assert_int_eq(mode, mode_cases[_i].mode);
	else
		ck_assert_str_eq(why, "expected default, strict or none");
}
END_TEST

/* Is CALL in any group of TABLE? */
static bool in_table(const struct seccomp_group *table, size_t len, const char *call)
{
	for (size_t g = 0; g < len; g++)
		for (const char *const *c = table[g].calls; *c != NULL; c++)
			if (strcmp(*c, call) == 0)
				return true;
	return false;
}

static bool in_strict(const char *call)
{
	return in_table(seccomp_strict_classes, seccomp_strict_classes_len, call);
}

START_TEST(strict_allows_no_call_of_a_default_group)
{
	for (size_t g = 0; g < seccomp_deny_groups_len; g++)
		for (const char *const *c = seccomp_deny_groups[g].calls; *c != NULL; c++)
			ck_assert_msg(!in_strict(*c), "%s of %s is in the strict allowlist", *c,
			              seccomp_deny_groups[g].name);
}
END_TEST

/*
 * An optional group is for seccomp-deny to name: none of its calls is in a group of the
 * default profile (naming it must add denials, not repeat them), its name is valid, and
 * its calls are names libseccomp knows on this architecture or are skipped as not this
 * ABI's (chown32 is i386's).
 */
START_TEST(optional_groups_are_valid_and_outside_the_default_profile)
{
	char why[200];
	for (size_t g = 0; g < seccomp_optional_groups_len; g++) {
		ck_assert_msg(seccomp_names_valid(seccomp_optional_groups[g].name, why, sizeof(why)),
		              "%s: %s", seccomp_optional_groups[g].name, why);
		for (const char *const *c = seccomp_optional_groups[g].calls; *c != NULL; c++)
			ck_assert_msg(!in_table(seccomp_deny_groups, seccomp_deny_groups_len, *c),
			              "%s of %s is in the default profile", *c,
			              seccomp_optional_groups[g].name);
	}
	ck_assert(!seccomp_names_valid("@file-attribute", why, sizeof(why)));
}
END_TEST

START_TEST(strict_leaves_namespaces_out_and_keeps_exec)
{
	/* clone3 flags cannot be read: ENOSYS instead; clone has its own rule */
	static const char *const out[] = { "unshare", "setns", "clone3", "mknod", "mknodat",
	                                   "syslog", "add_key", "setuid", "capset", "seccomp",
	                                   "pidfd_getfd", "modify_ldt" };
	for (size_t i = 0; i < sizeof(out) / sizeof(out[0]); i++)
		ck_assert_msg(!in_strict(out[i]), "%s must not be in the strict allowlist", out[i]);
	static const char *const in[] = { "clone", "execve", "execveat", "personality", "prctl",
	                                  "mmap", "openat", "pread64", "rseq", "prlimit64",
	                                  "getrandom", "ioctl", "statx", "newfstatat",
	                                  "getdents64", "futex", "wait4", "pipe2" };
	for (size_t i = 0; i < sizeof(in) / sizeof(in[0]); i++)
		ck_assert_msg(in_strict(in[i]), "%s must be in the strict allowlist", in[i]);
}
END_TEST

#if HAVE_SECCOMP
START_TEST(strict_names_are_system_calls_listed_once)
{
	size_t n = 0;
	for (size_t g = 0; g < seccomp_strict_classes_len; g++)
		for (const char *const *c = seccomp_strict_classes[g].calls; *c != NULL; c++, n++) {
			ck_assert_msg(seccomp_syscall_resolve_name(*c) != __NR_SCMP_ERROR,
			              "%s (class %s) is not a system call libseccomp knows", *c,
			              seccomp_strict_classes[g].name);
			for (size_t h = g; h < seccomp_strict_classes_len; h++)
				for (const char *const *d = seccomp_strict_classes[h].calls; *d != NULL; d++)
					ck_assert_msg(d == c || strcmp(*c, *d) != 0, "%s listed twice", *c);
		}
	ck_assert_uint_gt(n, 150);
}
END_TEST

static const struct {
	const char *name;
	int ok;
	const char *why;
} abi_cases[] = {
	{ "", 0, "unknown ABI ''" },
	{ "sparc", 0, "unknown ABI 'sparc'" },
	{ "I386", 0, "unknown ABI 'I386'" },
	{ "native", 0, "unknown ABI 'native'" },
#if defined(__x86_64__)
	{ "arm", 0, "another architecture's ABI 'arm' (this architecture also runs: i386, x32)" },
	{ "i386", 1, NULL },
	{ "x32", 1, NULL },
#elif defined(__aarch64__)
	{ "i386", 0, "another architecture's ABI 'i386' (this architecture also runs: arm)" },
	{ "arm", 1, NULL },
#endif
};

START_TEST(seccomp_abi_values)
{
	int bit = 0;
	char why[160] = "";
	bool ok = seccomp_parse_abi(abi_cases[_i].name, &bit, why, sizeof(why));
	ck_assert_msg(ok == (bool)abi_cases[_i].ok, "'%s': %d (%s)", abi_cases[_i].name, ok, why);
	if (ok)
		ck_assert_int_gt(bit, 0);
	else
		ck_assert_msg(strstr(why, abi_cases[_i].why) != NULL, "'%s' not in '%s'",
		              abi_cases[_i].why, why);
}
END_TEST


/* libseccomp probes the kernel with seccomp(2), which valgrind does not emulate, and then
 * refuses KILL_PROCESS; the same checks run in the plain and sanitizer builds. */
static bool under_valgrind(void)
{
	if (getenv("HARDEXEC_VALGRIND") == NULL)
		return false;
	fprintf(stderr, "skipped under valgrind: seccomp(2) is not emulated\n");
	return true;
}

/*
 * A classic BPF interpreter for what seccomp programs use (word loads from
 * seccomp_data, and with a constant, jumps, return a constant), written
 * apart from tools/bpf_compact.c so that the two can disagree. Fails the test
 * on anything else. *ARGS is set when the run read a call argument.
 */
static uint32_t bpf_run(const struct sock_filter *p, size_t len, const struct seccomp_data *d,
                        bool *args)
{
	uint32_t a = 0, words[sizeof(*d) / 4];
	memcpy(words, d, sizeof(words));
	for (size_t pc = 0; pc < len;) {
		const struct sock_filter *f = &p[pc];
		switch (f->code) {
		case BPF_LD | BPF_W | BPF_ABS:
			if (f->k % 4 != 0 || f->k >= sizeof(*d))
				ck_abort_msg("instruction %zu: load at %u", pc, f->k);
			a = words[f->k / 4];
			*args = *args || f->k >= offsetof(struct seccomp_data, instruction_pointer);
			pc++;
			break;
		case BPF_ALU | BPF_AND | BPF_K:
			a &= f->k;
			pc++;
			break;
		case BPF_JMP | BPF_JA:
			pc += 1 + (size_t)f->k;
			break;
		case BPF_JMP | BPF_JEQ | BPF_K:
			pc += 1 + (size_t)(a == f->k ? f->jt : f->jf);
			break;
		case BPF_JMP | BPF_JGT | BPF_K:
			pc += 1 + (size_t)(a > f->k ? f->jt : f->jf);
			break;
		case BPF_JMP | BPF_JGE | BPF_K:
			pc += 1 + (size_t)(a >= f->k ? f->jt : f->jf);
			break;
		case BPF_JMP | BPF_JSET | BPF_K:
			pc += 1 + (size_t)((a & f->k) != 0 ? f->jt : f->jf);
			break;
		case BPF_RET | BPF_K:
			return f->k;
		default:
			ck_abort_msg("instruction %zu: code 0x%04x", pc, f->code);
		}
	}
	ck_abort_msg("ran off the end of the program");
	return 0;
}

/* Every constant of P (LEN), with its neighbours, appended to OUT from *N. */
static void constants_of(const struct sock_filter *p, size_t len, uint32_t *out, size_t *n)
{
	for (size_t i = 0; i < len; i++) {
		if (p[i].code == (BPF_JMP | BPF_JA) || BPF_CLASS(p[i].code) == BPF_RET ||
		    BPF_CLASS(p[i].code) == BPF_LD)
			continue;
		out[(*n)++] = p[i].k - 1;
		out[(*n)++] = p[i].k;
		out[(*n)++] = p[i].k + 1;
	}
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

/* V's first N values sorted, each once; how many. */
static size_t unique(uint32_t *v, size_t n)
{
	qsort(v, n, sizeof(*v), cmp_u32);
	size_t u = 0;
	for (size_t i = 0; i < n; i++)
		if (u == 0 || v[u - 1] != v[i])
			v[u++] = v[i];
	return u;
}

/* Both give the same answer for D; *ARGS is set when either read more than nr and arch. */
static void same_answer(const struct sock_filter *a, size_t a_len, const struct sock_filter *b,
                        size_t b_len, const struct seccomp_data *d, bool *args)
{
	uint32_t want = bpf_run(a, a_len, d, args), got = bpf_run(b, b_len, d, args);
	ck_assert_msg(want == got, "nr 0x%x arch 0x%x ip %llx args %llx %llx: 0x%x, built in 0x%x",
	              d->nr, d->arch, (unsigned long long)d->instruction_pointer,
	              (unsigned long long)d->args[0], (unsigned long long)d->args[1], want, got);
}

/* D with its words from the instruction pointer on (14 of them) set from WORDS. */
static void set_words(struct seccomp_data *d, const uint32_t words[14])
{
	memcpy((char *)d + offsetof(struct seccomp_data, instruction_pointer), words,
	       14 * sizeof(*words));
}

/*
 * The filter embedded at build time (argument checks and libseccomp's main
 * program, rewritten by tools/bpf_compact.c) answers every call exactly as
 * the joined program libseccomp builds now: for every call number up to
 * 1024 and every value next to a constant of either program, with every
 * ABI value either compares; and, for each call that either program answers
 * by reading more (an argument or the instruction pointer), with each of
 * those words set to each such value and to each single bit, both halves of
 * one argument set to constants, and pseudo-random words. And it is shorter.
 */
START_TEST(seccomp_builtin_filters_match_the_profiles)
{
	if (under_valgrind())
		return;
	const struct seccomp_prebuilt *p = &seccomp_prebuilt_progs[_i];
	struct seccomp_spec spec = { .mode = p->mode, .action = p->action, .source = "test" };
	ck_assert_ptr_eq(seccomp_prebuilt_find(&spec), p);
	size_t main_len;
	struct sock_filter *main_prog = seccomp_main_program(&spec, &main_len);
	struct seccomp_plan whole;
	seccomp_join_checks(main_prog, main_len, &spec, &whole);
	free(main_prog);
	const struct sock_filter *ref = whole.insns;
	fprintf(stderr, "%s/%d: %zu instructions built in, %zu joined\n",
	        p->mode == SECCOMP_MODE_DEFAULT ? "default" : "strict", p->action, (size_t)p->len,
	        whole.len);
	ck_assert_uint_lt(p->len, whole.len);

	size_t room = 3 * (whole.len + p->len) + 1024 + 64, nv = 0;
	uint32_t *values = malloc(room * sizeof(*values));
	ck_assert_ptr_nonnull(values);
	constants_of(ref, whole.len, values, &nv);
	constants_of(p->insns, p->len, values, &nv);
	size_t constants = nv;
	/* ABI values: the constants an arch could be compared with (__AUDIT_ARCH_LE or _64BIT
	 * set), their neighbours, and a few others */
	uint32_t archs[64] = { 0, 1, UINT32_MAX, AUDIT_ARCH_I386, AUDIT_ARCH_AARCH64 };
	size_t na = 5;
	for (size_t i = 0; i < nv && na < 64; i++)
		if (values[i] >= 0x40000000u && values[i] != UINT32_MAX)
			archs[na++] = values[i];
	for (uint32_t nr = 0; nr < 1024; nr++)
		values[nv++] = nr;
	for (unsigned bit = 0; bit < 32; bit++)
		values[nv++] = 1u << bit;
	values[nv++] = UINT32_MAX;
	uint32_t *consts = malloc(constants * sizeof(*consts));
	ck_assert_ptr_nonnull(consts);
	memcpy(consts, values, constants * sizeof(*consts));
	constants = unique(consts, constants);
	nv = unique(values, nv);

	size_t runs = 0;
	for (size_t i = 0; i < nv; i++) {
		struct seccomp_data d = { .nr = (int)values[i], .arch = seccomp_arch_native() };
		bool args = false;
		same_answer(ref, whole.len, p->insns, p->len, &d, &args);
		runs++;
		for (size_t j = 0; j < na; j++) {  /* other ABIs */
			d.arch = archs[j];
			bool ignored = false;
			same_answer(ref, whole.len, p->insns, p->len, &d, &ignored);
			runs++;
		}
		if (!args)   /* neither program looked past nr and arch */
			continue;
		d.arch = seccomp_arch_native();
		for (size_t w = 0; w < 14; w++)   /* each word past nr and arch, each value */
			for (size_t j = 0; j < nv; j++) {
				uint32_t words[14] = { 0 };
				words[w] = values[j];
				set_words(&d, words);
				same_answer(ref, whole.len, p->insns, p->len, &d, &args);
				runs++;
			}
		for (size_t w = 0; w < 14; w += 2)  /* both halves of one 64-bit word: constants */
			for (size_t j = 0; j < constants; j++)
				for (size_t k = 0; k < constants; k += 7) {
					uint32_t words[14] = { 0 };
					words[w] = consts[j];
					words[w + 1] = consts[k];
					set_words(&d, words);
					same_answer(ref, whole.len, p->insns, p->len, &d, &args);
					runs++;
				}
		uint64_t x = 0x9e3779b97f4a7c15u;
		for (int r = 0; r < 2000; r++) {  /* xorshift64 */
			uint32_t words[14];
			for (size_t w = 0; w < 14; w++) {
				x ^= x << 13;
				x ^= x >> 7;
				x ^= x << 17;
				words[w] = (uint32_t)x;
			}
			set_words(&d, words);
			same_answer(ref, whole.len, p->insns, p->len, &d, &args);
			runs++;
		}
	}
	fprintf(stderr, "  %zu inputs compared\n", runs);
	free(consts);
	free(values);
	free(whole.insns);
}
END_TEST

START_TEST(seccomp_builtin_filters_for_the_profiles_as_they_are)
{
	ck_assert_uint_eq(seccomp_prebuilt_count, 6);
	const struct seccomp_spec none[] = {
		{ .mode = SECCOMP_MODE_NONE },
		{ .mode = SECCOMP_MODE_UNSET },
		{ .mode = SECCOMP_MODE_DEFAULT, .deny = "getpid" },
		{ .mode = SECCOMP_MODE_ALLOWLIST, .allow = "mknodat" },
		{ .mode = SECCOMP_MODE_ALLOWLIST, .abis = 1 },
	};
	for (size_t i = 0; i < sizeof(none) / sizeof(none[0]); i++)
		ck_assert_ptr_null(seccomp_prebuilt_find(&none[i]));
	const struct seccomp_prebuilt *p = seccomp_prebuilt_find(&(struct seccomp_spec){
		.mode = SECCOMP_MODE_ALLOWLIST, .action = SECCOMP_ACTION_UNSET, .abis = -1 });
	ck_assert_ptr_nonnull(p);
	ck_assert_int_eq(p->action, SECCOMP_ACTION_ERRNO);
}
END_TEST

/*
 * The kernel runs the whole main filter on every system call of the
 * target: strict must stay a tree of a few hundred instructions, and an
 * ABI allowed on top about doubles it (its own tree; i386 adds a
 * comparison of socketcall's first argument for each socket call).
 */
START_TEST(strict_filter_stays_small)
{
	if (under_valgrind())
		return;
	size_t strict_len, abi_len, default_len;
	struct seccomp_spec spec = { .mode = SECCOMP_MODE_ALLOWLIST, .action = SECCOMP_ACTION_ERRNO,
	                             .source = "test" };
	free(seccomp_main_program(&spec, &strict_len));
	spec.mode = SECCOMP_MODE_DEFAULT;
	free(seccomp_main_program(&spec, &default_len));
	fprintf(stderr, "main filter instructions: default %zu, strict %zu", default_len,
	        strict_len);
	ck_assert_uint_le(strict_len, 600);
#if defined(__x86_64__)
	char why[160];
	ck_assert(seccomp_parse_abi("i386", &spec.abis, why, sizeof(why)));
	spec.mode = SECCOMP_MODE_ALLOWLIST;
	free(seccomp_main_program(&spec, &abi_len));
	fprintf(stderr, ", strict with i386 %zu", abi_len);
	ck_assert_uint_gt(abi_len, strict_len);
	ck_assert_uint_le(abi_len, 2 * strict_len + 100);
#endif
	fputc('\n', stderr);
}
END_TEST
#endif

static Suite *seccomp_suite(void)
{
	Suite *s = suite_create("seccomp_filter");
	TCase *tc = tcase_create("tables");
	tcase_add_loop_test(tc, seccomp_mode_values, 0, sizeof(mode_cases) / sizeof(mode_cases[0]));
	tcase_add_test(tc, strict_allows_no_call_of_a_default_group);
	tcase_add_test(tc, optional_groups_are_valid_and_outside_the_default_profile);
	tcase_add_test(tc, strict_leaves_namespaces_out_and_keeps_exec);
#if HAVE_SECCOMP
	tcase_add_test(tc, strict_names_are_system_calls_listed_once);
	tcase_add_loop_test(tc, seccomp_abi_values, 0, sizeof(abi_cases) / sizeof(abi_cases[0]));
	tcase_add_loop_test(tc, seccomp_builtin_filters_match_the_profiles, 0,
	                    (int)seccomp_prebuilt_count);
	tcase_add_test(tc, seccomp_builtin_filters_for_the_profiles_as_they_are);
	tcase_add_test(tc, strict_filter_stays_small);
#endif
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return unit_run(seccomp_suite());
}
