/* report.c: escaping of attacker bytes in messages. */
#include "report.h"

#include "unit.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

static const struct {
	const char *in;
	size_t len;
	const char *out;
} escape_cases[] = {
	{ "", 0, "" },
	{ "plain text", 10, "plain text" },
	{ "\x1b[31m", 5, "\\x1b[31m" },
	{ "a\\b", 3, "a\\x5cb" },
	{ "\xff\xfe", 2, "\\xff\\xfe" },
	{ "nul\0byte", 8, "nul\\x00byte" },
	{ "tab\tnl\n", 7, "tab\\x09nl\\x0a" },
	{ "\x7f", 1, "\\x7f" },
};

START_TEST(escape_bytes_makes_every_byte_printable)
{
	char out[ESCAPED_MAX];
	escape_bytes(out, sizeof(out), escape_cases[_i].in, escape_cases[_i].len);
	ck_assert_str_eq(out, escape_cases[_i].out);
}
END_TEST

START_TEST(escape_cuts_long_input_at_64_bytes)
{
	char in[5000];
	char out[ESCAPED_MAX];
	memset(in, 'a', sizeof(in) - 1);
	in[sizeof(in) - 1] = '\0';
	escape_str(out, sizeof(out), in);
	ck_assert_uint_eq(strlen(out), 64 + 3);
	ck_assert_str_eq(out + 64, "...");
}
END_TEST

START_TEST(escape_of_64_unprintable_bytes_fits_the_buffer)
{
	char in[200];
	char out[ESCAPED_MAX];
	memset(in, 0xff, sizeof(in));
	escape_bytes(out, sizeof(out), in, sizeof(in));
	ck_assert_uint_eq(strlen(out), 64 * 4 + 3);
	ck_assert_str_eq(out + 64 * 4, "...");
}
END_TEST

START_TEST(escape_never_overflows_a_small_buffer)
{
	char out[16];
	memset(out, 'Z', sizeof(out));
	escape_str(out, 9, "\x01\x02\x03\x04");
	ck_assert_uint_lt(strlen(out), 9);
	ck_assert_int_eq(out[9], 'Z');
}
END_TEST

START_TEST(die_exits_with_the_given_code)
{
	die(EXIT_DENIED, "test %d", 1);
}
END_TEST

static Suite *report_suite(void)
{
	Suite *s = suite_create("report");
	TCase *tc = tcase_create("escape");
	tcase_add_loop_test(tc, escape_bytes_makes_every_byte_printable, 0,
	                    sizeof(escape_cases) / sizeof(escape_cases[0]));
	tcase_add_test(tc, escape_cuts_long_input_at_64_bytes);
	tcase_add_test(tc, escape_of_64_unprintable_bytes_fits_the_buffer);
	tcase_add_test(tc, escape_never_overflows_a_small_buffer);
	tcase_add_exit_test(tc, die_exits_with_the_given_code, EXIT_DENIED);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return unit_run(report_suite());
}
