/* A set of strings for duplicate checks over large policies: open addressing, no copies. */
#ifndef HARDEXEC_STRSET_H
#define HARDEXEC_STRSET_H

#include <stddef.h>
#include <stdint.h>

struct strset_entry {
	const char *str;      /* as given (not copied) */
	uint64_t hash;        /* compared before the strings: a miss costs no string read */
	size_t value;         /* what the caller stored with it */
};

struct strset {
	struct strset_entry *entries; /* in the order added; filled only as strings come */
	uint32_t *slots;      /* 0: empty; else 1 + an index into entries (4 bytes a slot keeps
	                       * the zeroed table small: 10,000 rules touch 32 pages, not 192) */
	size_t mask;          /* number of slots - 1; a power of two */
	size_t used, limit;   /* strings held, and the most strset_init() made room for */
};

/* Room for N strings (the table stays at most half full). Exits 78 when out of memory. */
void strset_init(struct strset *s, size_t n);
void strset_free(struct strset *s);

/*
 * Add S with VALUE. Returns -1 when S was new; otherwise the value stored
 * with the earlier equal string (S is then not added). More than N new
 * strings is a caller's bug: exit 78 rather than probe a full table.
 */
long strset_add(struct strset *s, const char *str, size_t value);

#endif
