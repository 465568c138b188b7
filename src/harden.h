/* Self-hardening: the first thing main() does, before any input is read. */
#ifndef HARDEXEC_HARDEN_H
#define HARDEXEC_HARDEN_H

/*
 * Deny debuggers and memory reads of hardexec itself (platform file), then
 * set RLIMIT_CORE soft and hard to 1, which stops piped core dumps too (0
 * when the caller's hard limit is 0 and cannot be raised). Exits 5, 6 or 7
 * on failure. Nothing,
 * in particular no environment variable, can turn this off.
 */
void harden_self(void);

#endif
