#ifndef HARDEXEC_BPF_COMPACT_H
#define HARDEXEC_BPF_COMPACT_H

#include <linux/filter.h>
#include <stddef.h>
#include <stdint.h>

/*
 * IN (LEN instructions), a seccomp program, rewritten into OUT (room for
 * OUT_ROOM) as an equivalent program that is shorter and takes fewer steps
 * per call number; its length, or 0 when IN is not of the form this
 * understands (then keep IN). NATIVE_ARCH is the audit arch value of the
 * ABI the program is for (seccomp_data.arch).
 */
size_t bpf_compact(const struct sock_filter *in, size_t len, uint32_t native_arch,
                   struct sock_filter *out, size_t out_room);

#endif
