/* Finding the target and checking it through the descriptor that will be exec'd. */
#ifndef HARDEXEC_RESOLVE_H
#define HARDEXEC_RESOLVE_H

#include <limits.h>
#include <stdbool.h>
#include <sys/stat.h>

struct target {
	int fd;                  /* O_PATH|O_CLOEXEC: the inode that was checked */
	char path[PATH_MAX];     /* canonical path of that inode */
	char opened_as[PATH_MAX];/* the path it was opened by */
	struct stat st;          /* fstat of fd */
	struct target *interpreter; /* a #! script's interpreter, or NULL */
	char interp_path[257];   /* the interpreter as written after "#!" */
	char interp_arg[257];    /* its optional argument, or "" */
	bool interp_has_arg;     /* there is one, passed even when empty (as the kernel does) */
};

/*
 * Resolve PROGRAM: with a '/', as given (relative to the working
 * directory); without, in SECURE_PATH only, never the caller's PATH.
 * Exits 127 when nothing is found, 126 when what was found cannot be
 * executed (not a regular file, no execute permission, a #! script whose
 * interpreter is missing, relative or itself a script). A script's
 * interpreter is opened and checked the same way, for rules.c to judge.
 */
void target_resolve(const char *program, const char *secure_path, struct target *out);

/* hardexec's own descriptors the exec needs: the target's, and a script's interpreter's
 * (the target's twice when there is none). */
void target_own_fds(const struct target *t, int own[2]);

/* Release the interpreter target, if any (descriptors stay open). */
void target_free(struct target *t);

#endif
