/* The always-removed environment variables: data, kept in env_table.c. */
#ifndef HARDEXEC_ENV_TABLE_H
#define HARDEXEC_ENV_TABLE_H

#include <stddef.h>

/* A name, or a prefix when it ends in '*'. */
struct env_danger {
	const char *pattern;
	const char *class;
};

extern const struct env_danger env_danger_table[];
extern const size_t env_danger_count;
/* Patterns matched without regard to ASCII case: the program reads the name so (npm). */
extern const struct env_danger env_danger_any_case[];
extern const size_t env_danger_any_case_count;

#endif
