/* Strict UTF-8 validation, for policy files. */
#include "utf8.h"

#include <stdint.h>
#include <string.h>

bool utf8_valid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (i < len) {
		/* Policies are mostly ASCII: skip 32 such bytes at a time, then eight. */
		if (len - i >= 32) {
			uint64_t w[4];
			memcpy(w, p + i, sizeof(w));
			if (((w[0] | w[1] | w[2] | w[3]) & 0x8080808080808080ull) == 0) {
				i += 32;
				continue;
			}
		}
		if (len - i >= 8) {
			uint64_t w;
			memcpy(&w, p + i, sizeof(w));
			if ((w & 0x8080808080808080ull) == 0) {
				i += 8;
				continue;
			}
		}
		unsigned char c = p[i];
		if (c < 0x80) {
			i++;
			continue;
		}
		size_t n;
		unsigned min;
		unsigned cp;
		if (c >= 0xc2 && c <= 0xdf) {
			n = 1; min = 0x80; cp = c & 0x1f;
		} else if (c >= 0xe0 && c <= 0xef) {
			n = 2; min = 0x800; cp = c & 0x0f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			n = 3; min = 0x10000; cp = c & 0x07;
		} else {
			return false;
		}
		if (len - i <= n)
			return false;
		for (size_t k = 1; k <= n; k++) {
			if ((p[i + k] & 0xc0) != 0x80)
				return false;
			cp = (cp << 6) | (p[i + k] & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return false;
		i += n + 1;
	}
	return true;
}
