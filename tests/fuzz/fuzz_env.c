/*
 * libFuzzer target for env_build(): the caller's environment is the most
 * attacker-controlled input hardexec reads. The input is split at NUL
 * bytes into environment entries; the first byte picks the mode. After
 * each build the invariants are checked, and any violation aborts.
 *
 * Build and run: see tests/fuzz/meson.build.
 */
#include "fuzz_common.h"
#include "env.h"

#include <string.h>

/* How many entries of IN are NAME=... for the LEN-byte NAME. */
static size_t copies(char *const *in, const char *name, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; in[i] != NULL; i++)
		n += strncmp(in[i], name, len) == 0 && in[i][len] == '=';
	return n;
}

static void check_output(const struct env_spec *spec, char *const *in,
                         const struct env_result *res)
{
	for (size_t i = 0; i < res->len; i++) {
		const char *e = res->envp[i];
		const char *eq = strchr(e, '=');
		if (eq == NULL || !env_name_valid(e, (size_t)(eq - e)))
			abort();
		size_t len = (size_t)(eq - e);
		bool operator_set = false;
		for (size_t s = 0; s < spec->set_len; s++)
			operator_set = operator_set || strcmp(spec->set[s], e) == 0;
		/* a caller's name given twice or more: every copy is dropped */
		if (!operator_set && e != res->path_entry && copies(in, e, len) != 1)
			abort();
		if (env_name_dangerous(e, len) && !operator_set)
			abort();
		for (size_t j = i + 1; j < res->len; j++)
			if (strncmp(res->envp[j], e, len + 1) == 0)
				abort();
	}
	if (res->envp[res->len] != NULL || res->listen_fds != 0)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	bool clear = data[0] & 1;
	char *buf = malloc(size + 1);
	if (buf == NULL)
		return 0;
	memcpy(buf, data + 1, size - 1);
	buf[size - 1] = '\0';

	size_t n = 1;
	for (size_t i = 0; i + 1 < size; i++)
		n += buf[i] == '\0';
	char **in = calloc(n + 1, sizeof(*in));
	if (in == NULL) {
		free(buf);
		return 0;
	}
	size_t k = 0;
	for (char *p = buf; p < buf + size - 1; p += strlen(p) + 1)
		in[k++] = p;

	static const char *const keep[] = { "A*", "LD_PRELOAD", "PATH" };
	static const char *const set[] = { "SET=1" };
	static const char *const unset[] = { "U*" };
	struct env_spec spec = {
		.clear = clear, .keep = keep, .keep_len = 3, .set = set, .set_len = 1,
		.unset = unset, .unset_len = 1, .secure_path = "/usr/bin:/bin",
	};
	struct env_result res;
	/* PID 0 can never be named by LISTEN_PID, so env_build never dies. */
	if (setjmp(fuzz_jump) != 0)
		abort();
	env_build(&spec, in, 0, &res);
	check_output(&spec, in, &res);
	env_result_free(&res);
	free(in);
	free(buf);
	return 0;
}
