/* Shared runner for the Check suites. */
#ifndef HARDEXEC_TESTS_UNIT_H
#define HARDEXEC_TESTS_UNIT_H

#include <check.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Run SUITE (forking per test, so exit tests work) and map the result to an exit status. */
static inline int unit_run(Suite *suite)
{
	SRunner *sr = srunner_create(suite);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

/* A fresh directory under /tmp, mode 0755, its canonical path in DIR. */
static inline void unit_tmpdir(char dir[PATH_MAX], const char *name)
{
	char tmpl[PATH_MAX];
	snprintf(tmpl, sizeof(tmpl), "/tmp/hardexec-%s-XXXXXX", name);
	ck_assert_ptr_nonnull(mkdtemp(tmpl));
	ck_assert_ptr_nonnull(realpath(tmpl, dir));
	ck_assert_int_eq(chmod(dir, 0755), 0);
}

static inline void unit_rmtree(const char *dir)
{
	char cmd[PATH_MAX + 16];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}

/* Write TEXT to DIR/NAME with MODE. */
static inline void unit_write_file(const char *dir, const char *name, const char *text, mode_t mode)
{
	char p[PATH_MAX * 2];
	snprintf(p, sizeof(p), "%s/%s", dir, name);
	int fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	ck_assert_int_eq(close(fd), 0);
	ck_assert_int_eq(chmod(p, mode), 0);
}

#endif
