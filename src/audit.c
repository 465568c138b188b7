/* Audit records: program, canonical path, argv (escaped), rule, decision, caller uid, PID. */
#include "audit.h"
#include "report.h"

#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <syslog.h>
#include <sys/stat.h>
#include <unistd.h>

enum { RECORD_MAX = 4096 };

/* Append to BUF (size RECORD_MAX) at *USED, never past the end. */
__attribute__((format(printf, 3, 4)))
static void put(char *buf, size_t *used, const char *fmt, ...)
{
	va_list ap;
	if (*used >= RECORD_MAX - 1)
		return;
	va_start(ap, fmt);
	int n = vsnprintf(buf + *used, RECORD_MAX - *used, fmt, ap);
	va_end(ap);
	if (n > 0)
		*used += (size_t)n < RECORD_MAX - *used ? (size_t)n : RECORD_MAX - 1 - *used;
}

static void format_record(char *buf, const char *program, const struct target *t,
                          char *const argv[], const struct decision *d)
{
	char e[ESCAPED_MAX];
	size_t used = 0;

	put(buf, &used, "%s uid=%u pid=%d", d->allowed ? "allow" : "deny", (unsigned)getuid(),
	    (int)getpid());
	put(buf, &used, " program=%s", escape_str(e, sizeof(e), program));
	put(buf, &used, " path=%s", escape_str(e, sizeof(e), t->path));
	put(buf, &used, " rule=\"%s\"", escape_str(e, sizeof(e), d->matched_by[0] ? d->matched_by : "none"));
	put(buf, &used, " argv=[");
	for (size_t i = 0; argv[i] != NULL; i++)
		put(buf, &used, "%s\"%s\"", i ? " " : "", escape_str(e, sizeof(e), argv[i]));
	put(buf, &used, "]");
	if (!d->allowed)
		put(buf, &used, " reason=\"%s\"", escape_str(e, sizeof(e), d->reason));
	if (used >= RECORD_MAX - 1)
		memcpy(buf + RECORD_MAX - 4, "...", 4);
}

static void audit_to_file(const char *file, const char *record)
{
	char buf[ESCAPED_MAX];
	/* O_APPEND: concurrent launches never overwrite each other's records. */
	/* O_NONBLOCK: a FIFO put there must not hang the launch (it is refused below). */
	int fd = open(file, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NOCTTY |
	              O_NONBLOCK, 0600);
	if (fd < 0)
		die(EXIT_POLICY, "audit file %s: %s", escape_str(buf, sizeof(buf), file), strerror(errno));
	/* A record others can edit or delete is no record: a regular file, ours or root's, that
	 * only its owner writes (in a sticky /tmp, anyone could have made it first). */
	struct stat st;
	if (fstat(fd, &st) != 0)
		die(EXIT_POLICY, "audit file %s: fstat: %s", escape_str(buf, sizeof(buf), file),
		    strerror(errno));
	if (!S_ISREG(st.st_mode))
		die(EXIT_POLICY, "audit file %s: not a regular file", escape_str(buf, sizeof(buf), file));
	if ((st.st_uid != 0 && st.st_uid != geteuid()) || (st.st_mode & (S_IWGRP | S_IWOTH)) != 0)
		die(EXIT_POLICY, "audit file %s: owned by uid %u or writable by others than its owner",
		    escape_str(buf, sizeof(buf), file), (unsigned)st.st_uid);
	if (dprintf(fd, "hardexec: %s\n", record) < 0 || close(fd) != 0)
		die(EXIT_POLICY, "audit file %s: write: %s", escape_str(buf, sizeof(buf), file),
		    strerror(errno));
}

void audit_record(const struct policy *p, const char *program, const struct target *t,
                  char *const argv[], const struct decision *d)
{
	char record[RECORD_MAX];
	enum audit_kind kind = p->audit;

	/* Unset: a policy file logs to syslog; the embedded default (a prefix) does not. */
	if (kind == AUDIT_UNSET)
		kind = p->embedded ? AUDIT_NONE : AUDIT_SYSLOG;
	if (kind == AUDIT_NONE)
		return;
	format_record(record, program, t, argv, d);
	switch (kind) {
	case AUDIT_SYSLOG:
		openlog("hardexec", LOG_PID | LOG_NDELAY, LOG_AUTHPRIV);
		syslog(d->allowed ? LOG_NOTICE : LOG_WARNING, "%s", record);
		closelog();
		break;
	case AUDIT_STDERR:
		/* A denial is already one line on stderr (main.c); keep it one line. */
		if (d->allowed)
			dprintf(2, "hardexec: audit: %s\n", record);
		break;
	case AUDIT_FILE:
		audit_to_file(p->audit_file, record);
		break;
	default:
		break;
	}
}
