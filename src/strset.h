/* A set of strings for duplicate checks over large policies: open addressing, no copies. */
#ifndef HARDEXEC_STRSET_H
#define HARDEXEC_STRSET_H

#include <stddef.h>
#include <stdint.h>

struct strset_slot {
	const char *str;      /* as given (not copied); NULL: empty */
	uint64_t hash;        /* compared before the strings: a miss costs no string read */
	size_t value;         /* what the caller stored with it */
};

struct strset {
	struct strset_slot *slots;
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
