/*
 * Duplicate labels, paths and environment names are found with a hash set
 * in one pass, O(n), instead of sorting (a 10,000-rule policy spent a fifth
 * of its launch in qsort, a 10,000-variable environment 40% of
 * hardexec's own work). The hash takes eight bytes a step; a slot keeps
 * 8 bits of it, so a probe rarely reads another key. A collision
 * costs a comparison, never a wrong answer; the environment is the
 * caller's input, so the hash is seeded per process with random bytes and
 * a set of names cannot be built in advance to collide (which would turn
 * one pass into n^2 comparisons).
 */
#include "strset.h"
#include "report.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

static uint64_t mix(uint64_t h)
{
	h ^= h >> 32;
	h *= 0xd6e8feb86659fd93ull;
	h ^= h >> 32;
	return h;
}

/*
 * Once per process: getrandom; without it (a kernel before 3.17, or no
 * entropy yet at early boot) the clock and an address, which at least
 * differ from launch to launch. Not AT_RANDOM: libc's stack and pointer
 * guards are made from those bytes.
 */
static uint64_t seed(void)
{
	static uint64_t value;
	static int have;
	if (!have) {
		if (getrandom(&value, sizeof(value), GRND_NONBLOCK) != (ssize_t)sizeof(value)) {
			struct timespec ts = { 0, 0 };
			(void)clock_gettime(CLOCK_MONOTONIC, &ts); /* a zero time still gives a seed */
			value = mix((uint64_t)ts.tv_nsec ^ ((uint64_t)ts.tv_sec << 32) ^
			            (uint64_t)(uintptr_t)&value);
		}
		have = 1;
	}
	return value;
}

/* A fixed-size copy is one load; the short tail is read as overlapping whole words
 * rather than copied byte by byte (the same string always reads the same). */
static uint64_t load64(const char *s)
{
	uint64_t w;
	memcpy(&w, s, 8);
	return w;
}

static uint64_t load32(const char *s)
{
	uint32_t w;
	memcpy(&w, s, 4);
	return w;
}

/* Inlined into both callers: a call per key costs a tenth of a 10,000-rule check. */
__attribute__((always_inline)) static inline uint64_t hash_mem(uint64_t seed, const char *s,
                                                                size_t len)
{
	uint64_t h = seed ^ len, w;
	if (len >= 8) {
		const char *last = s + len - 8;
		for (; s < last; s += 8)
			h = mix(h ^ load64(s));
		w = load64(last);
	} else if (len >= 4) {
		w = load32(s) | load32(s + len - 4) << 32;
	} else if (len > 0) {
		w = (uint64_t)(unsigned char)s[0] | (uint64_t)(unsigned char)s[len / 2] << 8 |
		    (uint64_t)(unsigned char)s[len - 1] << 16;
	} else {
		w = 0;
	}
	return mix(h ^ w);
}

/* A slot holds 1 + an entry's index in its low 24 bits and 8 bits of the entry's hash
 * above them: most probes that meet another key end there, without reading it. */
enum { SLOT_INDEX_BITS = 24, SLOT_INDEX_MAX = (1u << SLOT_INDEX_BITS) - 1 };

static uint32_t slot_tag(uint64_t hash)
{
	return (uint32_t)(hash >> 56) << SLOT_INDEX_BITS;
}

/* The entry a non-empty SLOT points to. */
static const struct strset_entry *slot_entry(const struct strset *s, uint32_t slot)
{
	return &s->entries[(slot & SLOT_INDEX_MAX) - 1];
}

/* The value stored with slot I's key; -1 for an empty slot. */
static long slot_value(const struct strset *s, size_t i)
{
	return s->slots[i] != 0 ? (long)slot_entry(s, s->slots[i])->value : -1;
}

void strset_init(struct strset *s, size_t n, int exit_code, const char *what)
{
	size_t slots = 16;
	s->exit_code = exit_code;
	s->what = what;
	if (n >= SLOT_INDEX_MAX)
		die(exit_code, "%s: too large", what);
	while (slots < n + n / 2)
		slots *= 2;
	s->slots = calloc(slots, sizeof(*s->slots));
	s->entries = malloc((n > 0 ? n : 1) * sizeof(*s->entries));
	if (s->slots == NULL || s->entries == NULL)
		die(exit_code, "%s: out of memory", what);
	s->mask = slots - 1;
	s->used = 0;
	s->limit = n;
	s->seed = seed();
}

void strset_clear(struct strset *s)
{
	memset(s->slots, 0, (s->mask + 1) * sizeof(*s->slots));
	s->used = 0;
}

void strset_free(struct strset *s)
{
	free(s->slots);
	free(s->entries);
	memset(s, 0, sizeof(*s));
}

/* The slot where STR (LEN bytes, hashed to HASH) is, or the empty slot where it would go. */
__attribute__((always_inline)) static inline size_t probe(const struct strset *s,
                                                          const char *str, size_t len,
                                                          uint64_t hash)
{
	uint32_t tag = slot_tag(hash);
	for (size_t i = (size_t)hash & s->mask;; i = (i + 1) & s->mask) {
		uint32_t slot = s->slots[i];
		if (slot == 0)
			return i;
		if ((slot & ~SLOT_INDEX_MAX) != tag)
			continue;
		const struct strset_entry *e = slot_entry(s, slot);
		if (e->len == len && memcmp(e->str, str, len) == 0)
			return i;
	}
}

long strset_add_len(struct strset *s, const char *str, size_t len, size_t value)
{
	if (len > UINT32_MAX || value > UINT32_MAX)
		die(s->exit_code, "%s: too large", s->what);
	uint64_t hash = hash_mem(s->seed, str, len);
	size_t i = probe(s, str, len, hash);
	if (s->slots[i] != 0)
		return slot_value(s, i);
	if (s->used == s->limit)
		die(s->exit_code, "%s: internal error: string set full", s->what);
	s->entries[s->used] = (struct strset_entry){ str, (uint32_t)len, (uint32_t)value };
	s->slots[i] = slot_tag(hash) | (uint32_t)++s->used;
	return -1;
}

long strset_find_len(const struct strset *s, const char *str, size_t len)
{
	if (s->slots == NULL || len > UINT32_MAX)
		return -1;
	return slot_value(s, probe(s, str, len, hash_mem(s->seed, str, len)));
}

long strset_add(struct strset *s, const char *str, size_t value)
{
	return strset_add_len(s, str, strlen(str), value);
}
