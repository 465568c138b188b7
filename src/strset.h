/*
 * A set of strings for duplicate checks over large inputs (policy labels
 * and paths, environment names): open addressing, no copies.
 */
#ifndef HARDEXEC_STRSET_H
#define HARDEXEC_STRSET_H

#include <stddef.h>
#include <stdint.h>

struct strset_entry {       /* 16 bytes: 10,000 keys fill 40 pages */
	const char *str;      /* as given (not copied) */
	uint32_t len;         /* its length: a key need not end in NUL ("NAME=VALUE") */
	uint32_t value;       /* what the caller stored with it */
};

struct strset {
	struct strset_entry *entries; /* in the order added; filled only as strings come */
	uint32_t *slots;      /* 0: empty; else 1 + an index into entries, and 8 bits of the
	                       * key's hash (4 bytes a slot keeps the zeroed table small:
	                       * 10,000 keys touch 16 pages) */
	size_t mask;          /* number of slots - 1; a power of two */
	size_t used, limit;   /* strings held, and the most strset_init() made room for */
	uint64_t seed;        /* of the hash, random per process */
	int exit_code;        /* for "WHAT: out of memory" */
	const char *what;
};

/*
 * Room for N strings (the table stays at most two thirds full), N below 2^24 - 1
 * (an environment has at most about 800,000 names: exec's 6 MiB limit counts a
 * pointer for each). Too many, or out of memory: "WHAT: too large" or "WHAT: out
 * of memory", and exit EXIT_CODE (the caller's step's code).
 */
void strset_init(struct strset *s, size_t n, int exit_code, const char *what);
/* Empty the set, keeping its memory (and room for N strings): a second pass over other
 * keys touches no new pages. */
void strset_clear(struct strset *s);
void strset_free(struct strset *s);

/*
 * Add the LEN bytes at STR with VALUE (below 2^32, like LEN). Returns -1
 * when they were new; otherwise the value stored with the earlier equal
 * key (which stays). More than N new keys is a caller's bug: exit rather
 * than probe a full table.
 */
long strset_add_len(struct strset *s, const char *str, size_t len, size_t value);

/* The value stored with the key equal to the LEN bytes at STR; -1 if none (or the set
 * was never made). */
long strset_find_len(const struct strset *s, const char *str, size_t len);

/* strset_add_len with strlen(STR). */
long strset_add(struct strset *s, const char *str, size_t value);

#endif
