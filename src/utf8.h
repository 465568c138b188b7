/* Strict UTF-8 validation (RFC 3629): no overlongs, surrogates or values past U+10FFFF. */
#ifndef HARDEXEC_UTF8_H
#define HARDEXEC_UTF8_H

#include <stdbool.h>
#include <stddef.h>

bool utf8_valid(const char *s, size_t len);

#endif
