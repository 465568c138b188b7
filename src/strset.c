/*
 * Duplicate labels, paths and environment names are found with a hash set
 * in one pass, O(n), instead of sorting (a 10,000-rule policy spent a fifth
 * of its launch in qsort, a 10,000-variable environment 40% of
 * hardexec's own work). The hash takes eight bytes a step. A collision
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

static uint64_t hash_mem(const char *s, size_t len)
{
	uint64_t h = seed() ^ len, w;
	for (; len >= 8; s += 8, len -= 8) {
		memcpy(&w, s, 8);
		h = mix(h ^ w);
	}
	w = 0;
	memcpy(&w, s, len);
	return mix(h ^ w);
}

void strset_init(struct strset *s, size_t n, int exit_code, const char *what)
{
	size_t slots = 16;
	s->exit_code = exit_code;
	s->what = what;
	if (n >= UINT32_MAX / 4)
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
}

void strset_free(struct strset *s)
{
	free(s->slots);
	free(s->entries);
	memset(s, 0, sizeof(*s));
}

long strset_add_len(struct strset *s, const char *str, size_t len, size_t value)
{
	if (len > UINT32_MAX || value > UINT32_MAX)
		die(s->exit_code, "%s: too large", s->what);
	uint64_t hash = hash_mem(str, len);
	for (size_t i = (size_t)hash & s->mask;; i = (i + 1) & s->mask) {
		uint32_t slot = s->slots[i];
		if (slot == 0) {
			if (s->used == s->limit)
				die(s->exit_code, "%s: internal error: string set full", s->what);
			s->entries[s->used] = (struct strset_entry){ str, (uint32_t)len, (uint32_t)value };
			s->slots[i] = (uint32_t)++s->used;
			return -1;
		}
		const struct strset_entry *e = &s->entries[slot - 1];
		if (e->len == len && memcmp(e->str, str, len) == 0)
			return (long)e->value;
	}
}

long strset_add(struct strset *s, const char *str, size_t value)
{
	return strset_add_len(s, str, strlen(str), value);
}
