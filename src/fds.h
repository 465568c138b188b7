/* File descriptors: what the target inherits. */
#ifndef HARDEXEC_FDS_H
#define HARDEXEC_FDS_H

#include <stddef.h>

/*
 * Open /dev/null on any of 0, 1, 2 that is closed, so that a file opened
 * later can never become the target's stdin, stdout or stderr. Exit 71 on
 * failure.
 */
void fds_ensure_std(void);

/*
 * Close every descriptor >= 3 except KEEP[0..KEEP_LEN), the socket
 * activation range 3..3+LISTEN_FDS-1 and OWN[0..OWN_LEN) (hardexec's own
 * close-on-exec descriptors that execveat needs). Kept descriptors must
 * be inherited and open (exit 71 otherwise: a number hardexec opened
 * itself is refused), socket-activation ones must be sockets or FIFOs, and
 * all of them lose their close-on-exec flag, so they really reach the target.
 */
void fds_close_inherited(const int *keep, size_t keep_len, int listen_fds, const int *own,
                         size_t own_len);

/*
 * The --keep-fd checks of fds_close_inherited alone, changing nothing: for
 * --check and --explain, which must exit 71 where the launch would.
 */
void fds_check_kept(const int *keep, size_t keep_len, const int *own, size_t own_len);

/* The socket-activation checks of fds_close_inherited alone, changing nothing: for
 * --explain, which must not promise a hand-over the launch refuses (exit 71). */
void fds_check_listen(int listen_fds, const int *own, size_t own_len);

/*
 * FD (an O_PATH descriptor) opened again for reading through
 * /proc/self/fd: the inode FD names, whatever its path names now.
 * Close-on-exec, non-blocking, never a controlling terminal. -1 + errno.
 */
int fds_reopen_readable(int fd);

#endif
