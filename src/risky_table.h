/* The risky-binary classes: data, kept in risky_table.c. */
#ifndef HARDEXEC_RISKY_TABLE_H
#define HARDEXEC_RISKY_TABLE_H

struct risky_class {
	const char *name;               /* "shell", "interpreter", ... */
	const char *const *patterns;    /* fnmatch(3) patterns, NULL-terminated */
};

/* Terminated by an entry whose name is NULL. */
extern const struct risky_class risky_classes[];

#endif
