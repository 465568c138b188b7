/* Audit: one record per decision, allowed or denied. */
#ifndef HARDEXEC_AUDIT_H
#define HARDEXEC_AUDIT_H

#include "policy.h"
#include "resolve.h"
#include "rules.h"

/*
 * Write one record for DECISION to the policy's audit target (syslog with
 * LOG_AUTHPRIV, stderr, an append-only file, or none). A file that cannot
 * be written, or a record that an explicit audit = syslog cannot send,
 * stops hardexec (exit 78): nothing runs unaudited. The unset default's
 * syslog is best effort.
 */
void audit_record(const struct policy *policy, const char *program, const struct target *target,
                  char *const argv[], const struct decision *decision);

/*
 * The checks audit_record makes of the target, writing no record: for
 * --explain and --check without a program, which exit 78 where a launch
 * would (a file that cannot be opened or is not private; an explicit
 * audit = syslog with no daemon to connect to).
 */
void audit_check(const struct policy *policy);

#endif
