/* resolve.c: finding the target and checking it through its descriptor. */
#include "report.h"
#include "exec.h"
#include "resolve.h"

#include "unit.h"

#include <check.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[PATH_MAX];        /* canonical temp dir */
static char bin1[PATH_MAX + 8];   /* first secure-path dir */
static char bin2[PATH_MAX + 8];   /* second secure-path dir */
static char sp[3 * PATH_MAX];     /* "bin1:bin2" */

static void path_in(char *out, size_t size, const char *a, const char *b)
{
	int n = snprintf(out, size, "%s/%s", a, b);
	ck_assert(n > 0 && (size_t)n < size);
}

static void make_file(const char *d, const char *name, const char *content, mode_t mode)
{
	unit_write_file(d, name, content, mode);
}

/* Runs in the parent, before the forked tests. */
static void setup(void)
{
	unit_tmpdir(dir, "resolve");
	path_in(bin1, sizeof(bin1), dir, "bin1");
	path_in(bin2, sizeof(bin2), dir, "bin2");
	ck_assert_int_eq(mkdir(bin1, 0755), 0);
	ck_assert_int_eq(mkdir(bin2, 0755), 0);
	snprintf(sp, sizeof(sp), "%s:%s", bin1, bin2);

	make_file(dir, "prog", "\x7f" "ELF fake", 0755);
	make_file(dir, "noexec", "\x7f" "ELF fake", 0644);
	make_file(dir, "script", "#!/bin/sh -e\nexit 0\n", 0755);
	make_file(dir, "relscript", "#!sh\nexit 0\n", 0755);
	make_file(dir, "missing-interp", "#! /nonexistent/sh\n", 0755);
	char nested[PATH_MAX * 2 + 16];
	snprintf(nested, sizeof(nested), "#!%s/script\n", dir);
	make_file(dir, "nested", nested, 0755);
	make_file(dir, "empty", "", 0755);
	/* #! lines longer than the 256 bytes the kernel reads (binfmt_script) */
	char line[400];
	snprintf(line, sizeof(line), "#!/bin/sh %0300d\n", 0);
	make_file(dir, "longarg", line, 0755);
	/* an interpreter name that runs past byte 255, where what a 256-byte read keeps of it
	 * names a file (bytes 2 to 255) */
	char cut[300];
	int at = snprintf(cut, sizeof(cut), "%s/", dir);
	memset(cut + at, 'a', 256 - 2 - (size_t)at);
	cut[254] = '\0';
	make_file(dir, cut + at, "\x7f" "ELF cut", 0755);
	snprintf(line, sizeof(line), "#!%sbbbbbbbbbb\n", cut);
	make_file(dir, "longname", line, 0755);
	/* a name that ends at byte 254, with the blank or the end of the file at 255 */
	memset(cut + at, 'c', 256 - 2 - (size_t)at);
	cut[253] = '\0';
	make_file(dir, cut + at, "\x7f" "ELF fits", 0755);
	snprintf(line, sizeof(line), "#!%s xxxxxxxxxxxxxxxxxxxx\n", cut);
	make_file(dir, "fits", line, 0755);
	snprintf(line, sizeof(line), "#!%s", cut);
	make_file(dir, "fits255", line, 0755);
	/* no newline: blanks before the end of the file stay in the argument */
	make_file(dir, "blanks", "#!/bin/sh ab  ", 0755);
	/* blanks, then the end of the file: the kernel passes an empty argument */
	make_file(dir, "emptyarg", "#!/bin/sh  ", 0755);
	make_file(bin1, "tool", "\x7f" "ELF not executable", 0644);
	make_file(bin2, "tool", "\x7f" "ELF", 0755);
	make_file(bin1, "onlyhere", "\x7f" "ELF", 0644);
	ck_assert_int_eq(mkdir(strcat(strcpy((char[PATH_MAX * 2]){0}, bin1), "/adir"), 0755), 0);
	char link[PATH_MAX * 2];
	path_in(link, sizeof(link), dir, "link");
	char target[PATH_MAX * 2];
	path_in(target, sizeof(target), dir, "prog");
	ck_assert_int_eq(symlink(target, link), 0);
}

static void teardown(void)
{
	unit_rmtree(dir);
}

static void resolve_in_dir(const char *name)
{
	char p[PATH_MAX * 2];
	struct target t;
	path_in(p, sizeof(p), dir, name);
	target_resolve(p, sp, &t);
}

START_TEST(resolve_path_opens_a_cloexec_descriptor)
{
	char p[PATH_MAX * 2];
	struct target t;
	path_in(p, sizeof(p), dir, "prog");
	target_resolve(p, sp, &t);
	ck_assert_int_ge(t.fd, 3);
	ck_assert_str_eq(t.path, p);
	int flags = fcntl(t.fd, F_GETFD);
	ck_assert_int_ne(flags & FD_CLOEXEC, 0);
	ck_assert_int_ne(fcntl(t.fd, F_GETFL) & O_PATH, 0);
	close(t.fd);
}
END_TEST

START_TEST(resolve_symlink_gives_canonical_target)
{
	char p[PATH_MAX * 2], want[PATH_MAX * 2];
	struct target t;
	path_in(p, sizeof(p), dir, "link");
	path_in(want, sizeof(want), dir, "prog");
	target_resolve(p, sp, &t);
	ck_assert_str_eq(t.path, want);
	close(t.fd);
}
END_TEST

START_TEST(resolve_relative_path_from_working_directory)
{
	struct target t;
	char want[PATH_MAX * 2];
	ck_assert_int_eq(chdir(dir), 0);
	target_resolve("./prog", "/nonexistent", &t);
	path_in(want, sizeof(want), dir, "prog");
	ck_assert_str_eq(t.path, want);
	close(t.fd);
}
END_TEST

START_TEST(resolve_bare_name_skips_non_executable_candidate)
{
	struct target t;
	char want[PATH_MAX * 2];
	target_resolve("tool", sp, &t);
	path_in(want, sizeof(want), bin2, "tool");
	ck_assert_str_eq(t.path, want);
	close(t.fd);
}
END_TEST

START_TEST(resolve_bare_name_ignores_working_directory_and_path)
{
	ck_assert_int_eq(chdir(dir), 0);
	ck_assert_int_eq(setenv("PATH", dir, 1), 0);
	struct target t;
	target_resolve("prog", sp, &t);
}
END_TEST

START_TEST(resolve_empty_file_is_accepted_here)
{
	/* The kernel refuses it at exec (ENOEXEC): resolution only checks type and mode. */
	char p[PATH_MAX * 2];
	struct target t;
	path_in(p, sizeof(p), dir, "empty");
	target_resolve(p, sp, &t);
	close(t.fd);
}
END_TEST

START_TEST(resolve_missing_path_exits_127) { resolve_in_dir("missing"); }
END_TEST
START_TEST(resolve_path_through_a_file_exits_127) { resolve_in_dir("prog/x"); }
END_TEST
START_TEST(resolve_non_executable_exits_126) { resolve_in_dir("noexec"); }
END_TEST
START_TEST(resolve_directory_exits_126) { resolve_in_dir("bin1"); }
END_TEST
START_TEST(resolve_script_relative_interpreter_exits_126) { resolve_in_dir("relscript"); }
END_TEST
START_TEST(resolve_script_missing_interpreter_exits_126) { resolve_in_dir("missing-interp"); }
END_TEST
START_TEST(resolve_script_interpreter_that_is_a_script_exits_126) { resolve_in_dir("nested"); }
END_TEST

/* Resolve the script NAME in the test directory: it must come with an interpreter. */
static void resolve_script(const char *name, struct target *t)
{
	char p[PATH_MAX * 2];
	path_in(p, sizeof(p), dir, name);
	target_resolve(p, sp, t);
	ck_assert_ptr_nonnull(t->interpreter);
}

static void release_script(struct target *t)
{
	close(t->interpreter->fd);
	close(t->fd);
	target_free(t);
}

START_TEST(resolve_script_opens_its_interpreter)
{
	char want[PATH_MAX];
	struct target t;
	resolve_script("script", &t);
	ck_assert_ptr_nonnull(realpath("/bin/sh", want));
	ck_assert_str_eq(t.interpreter->path, want);
	ck_assert_int_ne(fcntl(t.interpreter->fd, F_GETFD) & FD_CLOEXEC, 0);
	release_script(&t);
}
END_TEST

/* Without a newline in its 256 bytes the kernel keeps the first 255: the argument is cut
 * there, as hardexec reads it too (checked with echo: 245 zeros). */
START_TEST(resolve_script_long_argument_is_cut_as_the_kernel_cuts_it)
{
	struct target t;
	resolve_script("longarg", &t);
	ck_assert_uint_eq(strlen(t.interp_arg), 255 - strlen("#!/bin/sh "));
	ck_assert_uint_eq(strspn(t.interp_arg, "0"), strlen(t.interp_arg));
	release_script(&t);
}
END_TEST

/* An interpreter name that does not end within the 256 bytes may be cut short: the kernel
 * refuses the script (ENOEXEC) rather than run another file, and so does hardexec. */
START_TEST(resolve_script_interpreter_name_past_the_kernels_buffer_exits_126)
{
	resolve_in_dir("longname");
}
END_TEST

/* The kernel's buffer is 256 bytes: a name that ends at byte 254, followed by a blank or by
 * the end of a 255-byte file, runs (review: hardexec refused both). */
START_TEST(resolve_script_name_ending_at_the_buffers_last_byte_runs)
{
	static const char *const names[] = { "fits", "fits255" };
	for (size_t i = 0; i < 2; i++) {
		struct target t;
		resolve_script(names[i], &t);
		ck_assert_uint_eq(strlen(t.interp_path), 253);
		ck_assert_str_eq(t.interp_arg, "");
		ck_assert(!t.interp_has_arg);
		ck_assert_str_eq(t.interpreter->path, t.interp_path);
		release_script(&t);
	}
}
END_TEST

/* Without a newline the kernel trims blanks back from the buffer's end only, so blanks before
 * the end of a short file stay in the argument, as hardexec passes it too. */
START_TEST(resolve_script_argument_keeps_blanks_before_the_files_end)
{
	struct target t;
	resolve_script("blanks", &t);
	ck_assert_str_eq(t.interp_arg, "ab  ");
	ck_assert(t.interp_has_arg);
	release_script(&t);
	/* and blanks alone before the end make an empty argument, which the kernel passes */
	resolve_script("emptyarg", &t);
	ck_assert_str_eq(t.interp_arg, "");
	ck_assert(t.interp_has_arg);
	char *head[3];
	ck_assert_uint_eq(exec_script_head(&t, "/proc/self/fd/3", head), 3);
	ck_assert_str_eq(head[1], "");
	release_script(&t);
}
END_TEST

START_TEST(resolve_binary_has_no_interpreter)
{
	char p[PATH_MAX * 2];
	struct target t;
	path_in(p, sizeof(p), dir, "prog");
	target_resolve(p, sp, &t);
	ck_assert_ptr_null(t.interpreter);
	ck_assert_str_eq(t.opened_as, p);
	ck_assert(S_ISREG(t.st.st_mode));
	close(t.fd);
}
END_TEST

START_TEST(resolve_device_exits_126)
{
	struct target t;
	target_resolve("/dev/null", sp, &t);
}
END_TEST

START_TEST(resolve_empty_name_exits_127)
{
	struct target t;
	target_resolve("", sp, &t);
}
END_TEST

START_TEST(resolve_bare_name_not_found_exits_127)
{
	struct target t;
	target_resolve("hx-nothing-here", sp, &t);
}
END_TEST

START_TEST(resolve_bare_name_only_non_executable_exits_126)
{
	struct target t;
	target_resolve("onlyhere", sp, &t);
}
END_TEST

START_TEST(resolve_bare_name_directory_exits_126)
{
	struct target t;
	target_resolve("adir", sp, &t);
}
END_TEST

START_TEST(resolve_overlong_bare_name_exits_127)
{
	char name[PATH_MAX + 100];
	memset(name, 'a', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	struct target t;
	target_resolve(name, sp, &t);
}
END_TEST

START_TEST(resolve_overlong_path_exits_127)
{
	char name[PATH_MAX + 100];
	memset(name, 'a', sizeof(name) - 1);
	name[0] = '/';
	name[sizeof(name) - 1] = '\0';
	struct target t;
	target_resolve(name, sp, &t);
}
END_TEST

static Suite *resolve_suite(void)
{
	Suite *s = suite_create("resolve");
	TCase *tc = tcase_create("resolve");
	tcase_add_unchecked_fixture(tc, setup, teardown);
	tcase_add_test(tc, resolve_path_opens_a_cloexec_descriptor);
	tcase_add_test(tc, resolve_symlink_gives_canonical_target);
	tcase_add_test(tc, resolve_relative_path_from_working_directory);
	tcase_add_test(tc, resolve_bare_name_skips_non_executable_candidate);
	tcase_add_exit_test(tc, resolve_bare_name_ignores_working_directory_and_path, EXIT_NOT_FOUND);
	tcase_add_test(tc, resolve_empty_file_is_accepted_here);
	tcase_add_exit_test(tc, resolve_missing_path_exits_127, EXIT_NOT_FOUND);
	tcase_add_exit_test(tc, resolve_path_through_a_file_exits_127, EXIT_NOT_FOUND);
	tcase_add_exit_test(tc, resolve_non_executable_exits_126, EXIT_CANNOT_EXEC);
	tcase_add_exit_test(tc, resolve_directory_exits_126, EXIT_CANNOT_EXEC);
	tcase_add_exit_test(tc, resolve_script_relative_interpreter_exits_126, EXIT_CANNOT_EXEC);
	tcase_add_exit_test(tc, resolve_script_missing_interpreter_exits_126, EXIT_CANNOT_EXEC);
	tcase_add_exit_test(tc, resolve_script_interpreter_that_is_a_script_exits_126, EXIT_CANNOT_EXEC);
	tcase_add_test(tc, resolve_script_opens_its_interpreter);
	tcase_add_test(tc, resolve_script_long_argument_is_cut_as_the_kernel_cuts_it);
	tcase_add_test(tc, resolve_script_name_ending_at_the_buffers_last_byte_runs);
	tcase_add_test(tc, resolve_script_argument_keeps_blanks_before_the_files_end);
	tcase_add_exit_test(tc, resolve_script_interpreter_name_past_the_kernels_buffer_exits_126,
	                    EXIT_CANNOT_EXEC);
	tcase_add_test(tc, resolve_binary_has_no_interpreter);
	tcase_add_exit_test(tc, resolve_device_exits_126, EXIT_CANNOT_EXEC);
	tcase_add_exit_test(tc, resolve_empty_name_exits_127, EXIT_NOT_FOUND);
	tcase_add_exit_test(tc, resolve_bare_name_not_found_exits_127, EXIT_NOT_FOUND);
	tcase_add_exit_test(tc, resolve_bare_name_only_non_executable_exits_126, EXIT_CANNOT_EXEC);
	tcase_add_exit_test(tc, resolve_bare_name_directory_exits_126, EXIT_CANNOT_EXEC);
	tcase_add_exit_test(tc, resolve_overlong_bare_name_exits_127, EXIT_NOT_FOUND);
	tcase_add_exit_test(tc, resolve_overlong_path_exits_127, EXIT_NOT_FOUND);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return unit_run(resolve_suite());
}
