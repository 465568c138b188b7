/*
 * Audit records: decision, caller uid and PID, program, canonical path, rule,
 * reason, argument count and arguments. Every text field is quoted and
 * escaped so that no value can end its field or start another: '"', '\\',
 * control bytes and bytes above 0x7e become \xNN.
 */
#include "audit.h"
#include "report.h"
#include "trust.h"

#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <syslog.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/un.h>
#include <unistd.h>

enum {
	/* a record, its longest prefix ("hardexec: audit: ") and the newline stay within
	 * PIPE_BUF (4096): one write(2) of them to a pipe is atomic, so records on a shared
	 * stderr pipe never mix (review: 4,113-byte lines did) */
	RECORD_MAX = 4064,
	FIELD_SHOWN = 256,   /* bytes of one value shown; a longer one says its length */
	QUOTED_MAX = 2 + FIELD_SHOWN * 4 + 3 + 32,
};

_Static_assert(RECORD_MAX - 1 + sizeof("hardexec: audit: ") - 1 + 1 <= PIPE_BUF,
               "an audit line on stderr must fit in one atomic pipe write");

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

/*
 * S as one field: "text", escaped; when longer than FIELD_SHOWN bytes,
 * "first bytes..."(N bytes), so two values cut alike still differ in length.
 */
static const char *quoted(char out[static QUOTED_MAX], const char *s)
{
	size_t len = strlen(s), shown = len > FIELD_SHOWN ? FIELD_SHOWN : len;
	out[0] = '"';
	size_t o = 1 + escape_into(out + 1, QUOTED_MAX - 1, s, shown, "\"");
	if (shown < len)
		snprintf(out + o, QUOTED_MAX - o, "...\"(%zu bytes)", len);
	else
		memcpy(out + o, "\"", 2);
	return out;
}

/* The count and the reason come before the arguments: a record cut at RECORD_MAX keeps them. */
static void format_record(char *buf, const char *program, const struct target *t,
                          char *const argv[], const struct decision *d)
{
	char q[QUOTED_MAX];
	size_t used = 0, argc = 0;
	while (argv[argc] != NULL)
		argc++;

	put(buf, &used, "%s uid=%u pid=%d", d->allowed ? "allow" : "deny", (unsigned)getuid(),
	    (int)getpid());
	put(buf, &used, " program=%s", quoted(q, program));
	put(buf, &used, " path=%s", quoted(q, t->path));
	put(buf, &used, " rule=%s", quoted(q, d->matched_by[0] ? d->matched_by : "none"));
	if (!d->allowed)
		put(buf, &used, " reason=%s", quoted(q, d->reason));
	put(buf, &used, " argc=%zu argv=[", argc);
	for (size_t i = 0; i < argc; i++)
		put(buf, &used, "%s%s", i ? " " : "", quoted(q, argv[i]));
	put(buf, &used, "]");
	if (used >= RECORD_MAX - 1)
		memcpy(buf + RECORD_MAX - 4, "...", 4);
}

/*
 * HEAD, RECORD and a newline in one write(2): stdio would cut a record near
 * RECORD_MAX into two, and another launch's record, appended between them,
 * would end up inside this one's arguments. A write that stops short (a full
 * disk, RLIMIT_FSIZE) is an error; false with errno.
 */
static bool write_line(int fd, const char *head, const char *record)
{
	char line[RECORD_MAX + 64];
	int n = snprintf(line, sizeof(line), "%s%s\n", head, record);
	if (n < 0 || (size_t)n >= sizeof(line))
		return errno = EOVERFLOW, false;
	ssize_t w;
	while ((w = write(fd, line, (size_t)n)) < 0 && errno == EINTR)
		;
	if (w >= 0 && w != n)
		errno = 0;   /* see write_error */
	return w == n;
}

/* Why write_line failed. */
static const char *write_error(void)
{
	return errno != 0 ? strerror(errno) : "written only in part (a full disk, or the file size "
	       "limit)";
}

/* Whether the file FD (of size SIZE) ends in a newline, or is empty: if not, a record that
 * was cut short before (a write that failed part way) is ended before this one starts. */
static bool ends_a_line(int fd, off_t size)
{
	char last = '\n';
	return size == 0 || pread(fd, &last, 1, size - 1) != 1 || last == '\n';
}

/* FILE opened to append records, after the checks below; exits 78 when it cannot be. */
static int open_audit_file(const char *file, struct stat *st)
{
	char buf[ESCAPED_MAX];
	/* O_APPEND: concurrent launches never overwrite each other's records. */
	/* O_NONBLOCK: a FIFO put there must not hang the launch (it is refused below). */
	/* O_RDWR: to read the last byte (ends_a_line); a file only its owner may write, and not
	 * read, still takes records */
	int flags = O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NOCTTY | O_NONBLOCK;
	int fd = open(file, O_RDWR | flags, 0600);
	if (fd < 0 && errno == EACCES)
		fd = open(file, O_WRONLY | flags, 0600);
	if (fd < 0)
		die(EXIT_POLICY, "audit file %s: %s", escape_str(buf, sizeof(buf), file), strerror(errno));
	/* A record others can edit or delete is no record: a regular file, ours or root's, that
	 * only its owner writes (in a sticky /tmp, anyone could have made it first). */
	if (fstat(fd, st) != 0)
		die(EXIT_POLICY, "audit file %s: fstat: %s", escape_str(buf, sizeof(buf), file),
		    strerror(errno));
	if (!S_ISREG(st->st_mode))
		die(EXIT_POLICY, "audit file %s: not a regular file", escape_str(buf, sizeof(buf), file));
	if (st->st_uid != 0 && st->st_uid != trust_caller())
		die(EXIT_POLICY, "audit file %s: owned by uid %u, neither root nor the caller",
		    escape_str(buf, sizeof(buf), file), (unsigned)st->st_uid);
	if ((st->st_mode & (S_IWGRP | S_IWOTH)) != 0)
		die(EXIT_POLICY, "audit file %s: writable by %s", escape_str(buf, sizeof(buf), file),
		    (st->st_mode & S_IWOTH) != 0 ? "others" : "its group");
	return fd;
}

static void audit_to_file(const char *file, const char *record)
{
	char buf[ESCAPED_MAX];
	struct stat st;
	int fd = open_audit_file(file, &st);
	/* over RLIMIT_FSIZE the write fails with EFBIG (exit 78): SIGXFSZ is held ignored
	 * (report_signals_hold) */
	if (!write_line(fd, ends_a_line(fd, st.st_size) ? "hardexec: " : "\nhardexec: ", record) ||
	    close(fd) != 0)
		die(EXIT_POLICY, "audit file %s: write: %s", escape_str(buf, sizeof(buf), file),
		    write_error());
}

/*
 * One datagram to the local syslog daemon, on a socket of our own rather
 * than syslog(3): that one says nothing when a record is lost, and formats
 * a local time, which reads the time-zone file the caller's TZ names inside
 * hardexec. No timestamp: journald, rsyslog's imuxsock and busybox syslogd
 * stamp a local message with the time they receive it. A stream socket
 * (some daemons) gets the record with its NUL, as syslog(3) sends it.
 * A stalled daemon (a full queue, a listener that never accepts) is given
 * SYSLOG_WAIT, not forever as syslog(3) gives it. False + WHY when the
 * kernel did not take the whole record (taken, the daemon may still drop
 * or cut it: rate limits, short buffers).
 */
enum { SYSLOG_WAIT_MS = 1000 };

static bool syslog_socket(int type, int *fd, char *why, size_t why_size)
{
	struct timeval wait = { SYSLOG_WAIT_MS / 1000, (SYSLOG_WAIT_MS % 1000) * 1000 };
	*fd = socket(AF_UNIX, type | SOCK_CLOEXEC, 0);
	if (*fd < 0)
		return snprintf(why, why_size, "socket: %s", strerror(errno)), false;
	/* bounds connect() of a stream socket too (unix(7)) */
	if (setsockopt(*fd, SOL_SOCKET, SO_SNDTIMEO, &wait, sizeof(wait)) != 0) {
		snprintf(why, why_size, "setsockopt(SO_SNDTIMEO): %s", strerror(errno));
		close(*fd);
		return false;
	}
	return true;
}

static const char syslog_path[] = "/dev/log";

/* A socket connected to the syslog daemon in *FD, of the type it takes (*TYPE); false +
 * WHY when there is none, or it does not accept in time. */
static bool syslog_connect(int *fd, int *type, char *why, size_t why_size)
{
	struct sockaddr_un addr = { .sun_family = AF_UNIX };
	memcpy(addr.sun_path, syslog_path, sizeof(syslog_path));
	int types[2] = { SOCK_DGRAM, SOCK_STREAM };
	for (int i = 0; i < 2; i++) {
		if (!syslog_socket(types[i], fd, why, why_size))
			return false;
		if (connect(*fd, (struct sockaddr *)&addr, sizeof(addr)) == 0)
			return *type = types[i], true;
		int err = errno;
		close(*fd);
		if (err == EPROTOTYPE && i == 0)
			continue;   /* a stream socket there: try that */
		return snprintf(why, why_size, "%s: connect: %s", syslog_path,
		                err == EAGAIN || err == EINPROGRESS ? "the daemon did not accept "
		                "in time" : strerror(err)), false;
	}
	return snprintf(why, why_size, "%s: no socket type fits", syslog_path), false;
}

static bool syslog_send(int priority, const char *record, char *why, size_t why_size)
{
	char msg[RECORD_MAX + 64];
	int n = snprintf(msg, sizeof(msg), "<%d>hardexec[%d]: %s", LOG_AUTHPRIV | priority,
	                 (int)getpid(), record);
	if (n < 0 || (size_t)n >= sizeof(msg))
		return snprintf(why, why_size, "record too long"), false;
	int fd, type;
	if (!syslog_connect(&fd, &type, why, why_size))
		return false;
	size_t len = (size_t)n + (type == SOCK_STREAM);
	ssize_t sent;
	while ((sent = send(fd, msg, len, MSG_NOSIGNAL)) < 0 && errno == EINTR)
		;
	int err = errno;
	close(fd);
	if (sent != (ssize_t)len)
		return snprintf(why, why_size, "%s: send: %s", syslog_path,
		                sent >= 0 ? "cut short" : err == EAGAIN || err == EWOULDBLOCK
		                ? "the daemon did not take it in time" : strerror(err)), false;
	return true;
}

/* Where records go: unset, a policy file logs to syslog; the embedded default (a prefix)
 * does not. */
static enum audit_kind audit_kind(const struct policy *p)
{
	if (p->audit != AUDIT_UNSET)
		return p->audit;
	return p->embedded ? AUDIT_NONE : AUDIT_SYSLOG;
}

static _Noreturn void syslog_lost(const char *why)
{
	die(EXIT_POLICY, "audit = syslog: %s; the record could not be sent (no syslog daemon? "
	    "audit = none, a file, or no audit key for best effort)", why);
}

void audit_check(const struct policy *p)
{
	char why[PATH_MAX];
	struct stat st;
	int fd, type;
	/* only as asked for: by default, syslog is a courtesy, and nothing to check */
	if (p->audit == AUDIT_SYSLOG) {
		if (!syslog_connect(&fd, &type, why, sizeof(why)))
			syslog_lost(why);
		close(fd);
	} else if (p->audit == AUDIT_FILE) {
		fd = open_audit_file(p->audit_file, &st);
		if (close(fd) != 0)
			die(EXIT_POLICY, "audit file: close: %s", strerror(errno));
	}
}

void audit_record(const struct policy *p, const char *program, const struct target *t,
                  char *const argv[], const struct decision *d)
{
	char record[RECORD_MAX];
	enum audit_kind kind = audit_kind(p);
	if (kind == AUDIT_NONE)
		return;
	format_record(record, program, t, argv, d);
	switch (kind) {
	case AUDIT_SYSLOG: {
		char why[PATH_MAX];
		/* Asked for, a record that is lost stops the launch; by default, syslog is a courtesy. */
		if (!syslog_send(d->allowed ? LOG_NOTICE : LOG_WARNING, record, why, sizeof(why)) &&
		    p->audit == AUDIT_SYSLOG)
			syslog_lost(why);
		break;
	}
	case AUDIT_STDERR:
		/* A denial is already one line on stderr (main.c); keep it one line. A record
		 * that cannot be written stops the launch, as with a file. */
		if (d->allowed && !write_line(2, "hardexec: audit: ", record))
			die(EXIT_POLICY, "audit = stderr: %s", write_error());
		break;
	case AUDIT_FILE:
		audit_to_file(p->audit_file, record);
		break;
	default:
		break;
	}
}
