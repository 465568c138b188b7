/*
 * bpf_compact: run at build time only (by seccomp_gen), never in a launch.
 *
 * Rewrites a finished seccomp program (the argument checks followed by
 * libseccomp's main program) into an equivalent one that the kernel attaches
 * faster. Attaching costs in proportion to the program's length (the JIT)
 * and to the steps it takes for each call number (the kernel runs the
 * filter once per number of every ABI to learn which calls it always
 * allows). libseccomp compares one call number per instruction, and the
 * argument checks run before it for every call.
 *
 * The rewrite is a partial evaluation. Every comparison in the program is
 * with a constant, so between two consecutive constants (and their
 * successors) a call number or an ABI value takes the same path. For each
 * such interval of call numbers, the program is run with that number and
 * the native ABI; where it reads an argument, the comparisons on that
 * argument are kept, and evaluation goes on along both branches with the
 * number still known. The result, per interval, is a return value or a
 * small tree of argument tests. The new program is then:
 *
 *   ld arch; jeq NATIVE else -> the one return value every other ABI gets
 *   ld nr; a balanced tree of jge over the intervals' starts
 *   the argument tests (load, optional and-mask, compare), parents first
 *   the return instructions, each once
 *
 * Anything this does not understand (another instruction class, another
 * ABI treated by call number, a jump too far for 8 bits) returns 0 and the
 * caller keeps the program as it was. tests/test_seccomp_filter.c runs both
 * programs on every boundary value and compares every result.
 */
#include "bpf_compact.h"

#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_NODES = 4096, MAX_OUT = BPF_MAXINSNS };
enum { NR_OFF = offsetof(struct seccomp_data, nr), ARCH_OFF = offsetof(struct seccomp_data, arch) };

/*
 * The accumulator while evaluating: a known value, or (the word at OFF) &
 * MASK. A value known because it is the call number or the ABI stands for
 * its whole interval, which only a comparison with a constant may look at.
 */
struct acc {
	bool known, interval;
	uint32_t value, off, mask;
};

/* A node of the result: a return value, or a test of (word OFF & MASK) OP K. */
struct node {
	bool ret;
	uint16_t op;           /* BPF_JEQ, BPF_JGT, BPF_JGE or BPF_JSET */
	uint32_t k, off, mask;
	int jt, jf;            /* node indexes */
	int at;                /* instruction index once laid out */
	bool placed;           /* used: reached from the tree or the ABI check */
};

struct compactor {
	const struct sock_filter *in;
	size_t in_len;
	struct node nodes[MAX_NODES];
	int count;
	bool failed;
};

static int node_add(struct compactor *c, struct node n)
{
	if (c->count == MAX_NODES) {
		c->failed = true;
		return 0;
	}
	n.at = -1;
	c->nodes[c->count] = n;
	return c->count++;
}

/* Return nodes are shared: one per value. */
static int ret_node(struct compactor *c, uint32_t k)
{
	for (int i = 0; i < c->count; i++)
		if (c->nodes[i].ret && c->nodes[i].k == k)
			return i;
	return node_add(c, (struct node){ .ret = true, .k = k });
}

static bool compare(uint16_t op, uint32_t a, uint32_t k)
{
	switch (op) {
	case BPF_JEQ:
		return a == k;
	case BPF_JGT:
		return a > k;
	case BPF_JGE:
		return a >= k;
	default:
		return (a & k) != 0;
	}
}

/* Give up on compacting (the caller keeps the program as it was); a node index to return. */
static int give_up(struct compactor *c)
{
	c->failed = true;
	return 0;
}

/* Evaluate from PC with the accumulator A, for call number NR and ABI ARCH: a node. */
static int eval(struct compactor *c, size_t pc, struct acc a, uint32_t nr, uint32_t arch)
{
	while (!c->failed && pc < c->in_len) {
		const struct sock_filter *f = &c->in[pc];
		uint16_t op = BPF_OP(f->code);
		switch (BPF_CLASS(f->code)) {
		case BPF_LD:
			if (BPF_MODE(f->code) != BPF_ABS || BPF_SIZE(f->code) != BPF_W ||
			    f->k % 4 != 0 || f->k >= sizeof(struct seccomp_data))
				return give_up(c);
			if (f->k == NR_OFF || f->k == ARCH_OFF)
				a = (struct acc){ .known = true, .interval = true,
				                  .value = f->k == NR_OFF ? nr : arch };
			else
				a = (struct acc){ .off = f->k, .mask = UINT32_MAX };
			pc++;
			continue;
		case BPF_ALU:
			if (op != BPF_AND || BPF_SRC(f->code) != BPF_K || a.interval)
				return give_up(c);
			if (a.known)
				a.value &= f->k;
			else if ((a.mask &= f->k) == 0)
				a = (struct acc){ .known = true }; /* anything and 0 */
			pc++;
			continue;
		case BPF_RET:
			if (BPF_RVAL(f->code) != BPF_K)
				return give_up(c);
			return ret_node(c, f->k);
		case BPF_JMP:
			if (op == BPF_JA) {
				pc += 1 + (size_t)f->k;
				continue;
			}
			if (BPF_SRC(f->code) != BPF_K ||
			    (op != BPF_JEQ && op != BPF_JGT && op != BPF_JGE && op != BPF_JSET))
				return give_up(c);
			if (a.known && a.interval && op == BPF_JSET)
				return give_up(c);
			if (a.known) {
				pc += 1 + (size_t)(compare(op, a.value, f->k) ? f->jt : f->jf);
				continue;
			}
			{
				int jt = eval(c, pc + 1 + f->jt, a, nr, arch);
				int jf = eval(c, pc + 1 + f->jf, a, nr, arch);
				if (jt == jf)
					return jt;
				struct node t = { .op = op, .k = f->k, .off = a.off, .mask = a.mask,
				                  .jt = jt, .jf = jf };
				/* (A & BIT) == BIT, one bit: the same as jset BIT, without the and;
				 * (A & MASK) == 0, any mask: jset MASK with its branches swapped */
				bool bit = a.mask != 0 && (a.mask & (a.mask - 1)) == 0;
				if (op == BPF_JEQ && a.mask != UINT32_MAX &&
				    ((bit && f->k == a.mask) || f->k == 0))
					t = (struct node){ .op = BPF_JSET, .k = a.mask, .off = a.off,
					                   .mask = UINT32_MAX, .jt = f->k != 0 ? jt : jf,
					                   .jf = f->k != 0 ? jf : jt };
				/* jset K1 to T, else jset K2 (same word) to T: one jset K1|K2 (libseccomp
				 * tests each namespace flag of clone on its own) */
				const struct node *next = &c->nodes[t.jf];
				if (t.op == BPF_JSET && t.mask == UINT32_MAX && !next->ret &&
				    next->op == BPF_JSET && next->off == t.off && next->mask == UINT32_MAX &&
				    next->jt == t.jt) {
					t.k |= next->k;
					t.jf = next->jf;
				}
				return node_add(c, t);
			}
		default:
			return give_up(c);
		}
	}
	return give_up(c); /* ran off the end */
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

/*
 * Where a value compared with the program's constants can change the path:
 * 0, and each constant K and K + 1. Sorted and unique, into STARTS; how many.
 */
static size_t interval_starts(const struct sock_filter *in, size_t len, uint32_t *starts)
{
	size_t n = 0;
	starts[n++] = 0;
	for (size_t i = 0; i < len; i++) {
		if (BPF_CLASS(in[i].code) != BPF_JMP || BPF_OP(in[i].code) == BPF_JA)
			continue;
		starts[n++] = in[i].k;
		if (in[i].k != UINT32_MAX)
			starts[n++] = in[i].k + 1;
	}
	qsort(starts, n, sizeof(*starts), cmp_u32);
	size_t u = 0;
	for (size_t i = 0; i < n; i++)
		if (u == 0 || starts[u - 1] != starts[i])
			starts[u++] = starts[i];
	return u;
}

static bool has_start(const uint32_t *starts, size_t n, uint32_t v)
{
	return bsearch(&v, starts, n, sizeof(*starts), cmp_u32) != NULL;
}

struct layout {
	struct sock_filter *out;
	size_t len, room;
	struct {
		size_t at;   /* a jump instruction whose target is a node */
		int node;
		bool jt;     /* fills jt, or else jf; for BPF_JA, k */
	} fix[MAX_OUT];
	size_t fixes;
	bool failed;
};

static size_t emit(struct layout *l, struct sock_filter f)
{
	if (l->len == l->room) {
		l->failed = true;
		return 0;
	}
	l->out[l->len] = f;
	return l->len++;
}

static void fix_later(struct layout *l, size_t at, int node, bool jt)
{
	if (l->fixes == MAX_OUT) {
		l->failed = true;
		return;
	}
	l->fix[l->fixes].at = at;
	l->fix[l->fixes].node = node;
	l->fix[l->fixes++].jt = jt;
}

/*
 * The tree over intervals [LO, HI) of STARTS, whose results are LEAF[]:
 * "jge start of the upper half" splits them. Returns the instruction index of
 * its first jump, or -1 for a single interval (the caller jumps to its node).
 */
static long tree(struct layout *l, const uint32_t *starts, const int *leaf, size_t lo, size_t hi)
{
	if (hi - lo == 1)
		return -1;
	size_t mid = lo + (hi - lo) / 2;
	size_t at = emit(l, (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, starts[mid], 0, 0));
	long left = tree(l, starts, leaf, lo, mid);
	if (left < 0)
		fix_later(l, at, leaf[lo], false);
	else
		l->out[at].jf = (uint8_t)(left - (long)at - 1); /* the next instruction: 0 */
	long right = tree(l, starts, leaf, mid, hi);
	if (right < 0)
		fix_later(l, at, leaf[mid], true);
	else if (right - (long)at - 1 > 255)
		l->failed = true;
	else
		l->out[at].jt = (uint8_t)(right - (long)at - 1);
	return (long)at;
}

/*
 * Mark node N used, and lay out a test after every node that leads to it:
 * depth first, children last. A return is only marked: they all go last.
 */
static void order_tests(struct compactor *c, int n, int *order, size_t *count)
{
	struct node *nd = &c->nodes[n];
	if (nd->placed)
		return;
	nd->placed = true;
	if (nd->ret)
		return;
	order_tests(c, nd->jt, order, count);
	order_tests(c, nd->jf, order, count);
	order[(*count)++] = n; /* post-order; reversed below: parents first */
}

size_t bpf_compact(const struct sock_filter *in, size_t len, uint32_t native_arch,
                   struct sock_filter *out, size_t out_room)
{
	struct compactor *c = calloc(1, sizeof(*c));
	struct layout *l = calloc(1, sizeof(*l));
	uint32_t *starts = malloc((2 * len + 1) * sizeof(*starts));
	int *leaf = malloc((2 * len + 1) * sizeof(*leaf));
	uint32_t *merged = malloc((2 * len + 1) * sizeof(*merged));
	int *order = malloc(MAX_NODES * sizeof(*order));
	size_t result = 0;
	if (c == NULL || l == NULL || starts == NULL || leaf == NULL || merged == NULL ||
	    order == NULL)
		goto done;
	c->in = in;
	c->in_len = len;
	size_t n = interval_starts(in, len, starts);

	/*
	 * Every other ABI: one return value, whatever the call number. The native
	 * value must be an interval of its own (libseccomp compares it with jeq),
	 * or values next to it would be taken for native here and never checked.
	 */
	int foreign = -1;
	if (!has_start(starts, n, native_arch) ||
	    (native_arch != UINT32_MAX && !has_start(starts, n, native_arch + 1)))
		goto done;
	for (size_t ai = 0; ai < n && !c->failed; ai++) {
		uint32_t arch = starts[ai];
		if (arch == native_arch)
			continue;
		for (size_t ni = 0; ni < n && !c->failed; ni++) {
			int r = eval(c, 0, (struct acc){ .known = true }, starts[ni], arch);
			if (!c->nodes[r].ret || (foreign >= 0 && r != foreign))
				goto done;
			foreign = r;
		}
	}
	/* The native ABI: one result per interval, equal neighbours merged. */
	size_t m = 0;
	for (size_t ni = 0; ni < n && !c->failed; ni++) {
		int r = eval(c, 0, (struct acc){ .known = true }, starts[ni], native_arch);
		if (m > 0 && leaf[m - 1] == r)
			continue;
		merged[m] = starts[ni];
		leaf[m++] = r;
	}
	if (c->failed || foreign < 0)
		goto done;

	l->out = out;
	l->room = out_room < MAX_OUT ? out_room : MAX_OUT;
	emit(l, (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, ARCH_OFF));
	size_t arch_jump = emit(l, (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K,
	                                                         native_arch, 0, 0));
	fix_later(l, arch_jump, foreign, false);
	emit(l, (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, NR_OFF));
	if (tree(l, merged, leaf, 0, m) < 0) {
		size_t ja = emit(l, (struct sock_filter)BPF_STMT(BPF_JMP | BPF_JA, 0));
		fix_later(l, ja, leaf[0], true);
	}
	size_t tests = 0;
	order_tests(c, foreign, order, &tests);
	for (size_t i = 0; i < m; i++)
		order_tests(c, leaf[i], order, &tests);
	for (size_t i = tests; i-- > 0;) {
		struct node *nd = &c->nodes[order[i]];
		nd->at = (int)emit(l, (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, nd->off));
		if (nd->mask != UINT32_MAX)
			emit(l, (struct sock_filter)BPF_STMT(BPF_ALU | BPF_AND | BPF_K, nd->mask));
		size_t j = emit(l, (struct sock_filter)BPF_JUMP(BPF_JMP | nd->op | BPF_K, nd->k, 0, 0));
		fix_later(l, j, nd->jt, true);
		fix_later(l, j, nd->jf, false);
	}
	for (int i = 0; i < c->count; i++) /* the returns something jumps to, each once */
		if (c->nodes[i].ret && c->nodes[i].placed)
			c->nodes[i].at = (int)emit(l, (struct sock_filter)BPF_STMT(BPF_RET | BPF_K,
			                                                            c->nodes[i].k));
	for (size_t i = 0; i < l->fixes && !l->failed; i++) {
		struct sock_filter *f = &l->out[l->fix[i].at];
		long to = c->nodes[l->fix[i].node].at, off = to - (long)l->fix[i].at - 1;
		if (to < 0 || off < 0 || (BPF_OP(f->code) != BPF_JA && off > 255))
			l->failed = true;
		else if (BPF_OP(f->code) == BPF_JA)
			f->k = (uint32_t)off;
		else if (l->fix[i].jt)
			f->jt = (uint8_t)off;
		else
			f->jf = (uint8_t)off;
	}
	if (!l->failed && l->len < len)
		result = l->len;
done:
	free(order);
	free(merged);
	free(leaf);
	free(starts);
	free(l);
	free(c);
	return result;
}
