/* One exit path: every failure before exec goes through die(). */
#include "report.h"

#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_SHOWN = 64 };

#ifdef HARDEXEC_FUZZ
/* Fuzz builds only (tests/fuzz): a rejected input is an outcome, not an exit. */
_Noreturn void fuzz_rejected(enum exit_code code);
#endif

static void (*before_exit)(void);

void report_before_exit(void (*fn)(void))
{
	before_exit = fn;
}

_Noreturn void die(enum exit_code code, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
#ifdef HARDEXEC_FUZZ
	fuzz_rejected(code);
#endif
	/*
	 * A closed pipe or a file-size limit on stderr must not turn the documented
	 * exit code into a death by SIGPIPE or SIGXFSZ: nothing runs after this,
	 * so the ignored actions never reach a target.
	 */
	signal(SIGPIPE, SIG_IGN);
	signal(SIGXFSZ, SIG_IGN);
	/* One write, so the line is not interleaved with a target's output. */
	dprintf(2, "hardexec: %s\n", msg);
	if (before_exit != NULL)
		before_exit();
	exit(code);
}

size_t escape_into(char *out, size_t outsz, const char *s, size_t len, const char *also)
{
	static const char hex[] = "0123456789abcdef";
	size_t o = 0;
	for (size_t i = 0; i < len && o + 5 < outsz; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c < 0x7f && c != '\\' && strchr(also, c) == NULL) {
			out[o++] = (char)c;
		} else {
			out[o++] = '\\';
			out[o++] = 'x';
			out[o++] = hex[c >> 4];
			out[o++] = hex[c & 0xf];
		}
	}
	out[o] = '\0';
	return o;
}

char *escape_bytes(char *out, size_t outsz, const char *s, size_t len)
{
	size_t shown = len > MAX_SHOWN ? MAX_SHOWN : len;
	size_t o = escape_into(out, outsz, s, shown, "");
	if (shown < len && o + 4 <= outsz)
		memcpy(out + o, "...", 4);
	return out;
}

char *escape_str(char *out, size_t outsz, const char *s)
{
	return escape_bytes(out, outsz, s, strlen(s));
}

static const struct { int sig; const char *name; } held_signals[] = {
	{ SIGPIPE, "SIGPIPE" }, { SIGXFSZ, "SIGXFSZ" },
};
enum { HELD_COUNT = sizeof(held_signals) / sizeof(held_signals[0]) };
static struct sigaction held_before[HELD_COUNT];
static bool held;

void report_signals_hold(enum exit_code code)
{
	struct sigaction ignore = { .sa_handler = SIG_IGN };
	if (sigemptyset(&ignore.sa_mask) != 0)
		die(code, "sigemptyset: %s", strerror(errno));
	for (size_t i = 0; i < HELD_COUNT; i++)
		if (sigaction(held_signals[i].sig, &ignore, &held_before[i]) != 0)
			die(code, "sigaction(%s): %s", held_signals[i].name, strerror(errno));
	held = true;
}

void report_signals_release(void)
{
	if (!held)
		return;
	for (size_t i = 0; i < HELD_COUNT; i++)
		if (sigaction(held_signals[i].sig, &held_before[i], NULL) != 0)
			die(EXIT_CONFINE, "sigaction(%s): %s", held_signals[i].name, strerror(errno));
	held = false;
}
