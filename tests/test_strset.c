/* Unit tests for src/strset.c: the duplicate finder behind policy_check. */
#include "unit.h"

#include "report.h"
#include "strset.h"

#include <check.h>
#include <stdio.h>
#include <string.h>

START_TEST(strset_finds_the_first_equal_string)
{
	struct strset s;
	strset_init(&s, 3, EXIT_POLICY, "test");
	ck_assert_int_eq(strset_add(&s, "/usr/bin/git", 0), -1);
	ck_assert_int_eq(strset_add(&s, "/usr/bin/gi", 1), -1);
	ck_assert_int_eq(strset_add(&s, "", 2), -1);
	ck_assert_int_eq(strset_add(&s, "/usr/bin/git", 7), 0);
	ck_assert_int_eq(strset_add(&s, "", 9), 2);
	ck_assert_int_eq(strset_add(&s, "/usr/bin/git", 8), 0);
	strset_free(&s);
}
END_TEST

/* More strings than the size hint, many sharing prefixes: every one found, no false match. */
START_TEST(strset_many_strings)
{
	enum { N = 20000 };
	static char names[N][24];
	struct strset s;
	strset_init(&s, N, EXIT_POLICY, "test");
	for (int i = 0; i < N; i++) {
		snprintf(names[i], sizeof(names[i]), "/usr/bin/tool%d", i);
		ck_assert_int_eq(strset_add(&s, names[i], (size_t)i), -1);
	}
	for (int i = 0; i < N; i += 997) {
		char again[24];
		snprintf(again, sizeof(again), "/usr/bin/tool%d", i);
		ck_assert_int_eq(strset_add(&s, again, 0), i);
	}
	strset_free(&s);
}
END_TEST

/* Every prefix of one string, and strings equal but for one byte at each position: the
 * hash reads eight bytes at a time, so lengths around 8 and 16 and the tail must count. */
START_TEST(strset_prefixes_and_one_byte_changes)
{
	static const char base[] = "/usr/local/lib/hardexec/bin/tool-x";
	enum { LEN = sizeof(base) - 1 };
	static char prefixes[LEN + 1][LEN + 1], changed[LEN][LEN + 1];
	struct strset s;
	strset_init(&s, 2 * LEN + 1, EXIT_POLICY, "test");
	for (size_t i = 0; i <= LEN; i++) {
		memcpy(prefixes[i], base, i);
		prefixes[i][i] = '\0';
		ck_assert_int_eq(strset_add(&s, prefixes[i], i), -1);
	}
	for (size_t i = 0; i < LEN; i++) {
		memcpy(changed[i], base, LEN + 1);
		changed[i][i] ^= 0x20;
		ck_assert_int_eq(strset_add(&s, changed[i], 100 + i), -1);
	}
	for (size_t i = 0; i <= LEN; i++) {
		char again[LEN + 1];
		memcpy(again, base, i);
		again[i] = '\0';
		ck_assert_int_eq(strset_add(&s, again, 0), (long)i);
	}
	for (size_t i = 0; i < LEN; i++)
		ck_assert_int_eq(strset_add(&s, changed[i], 0), (long)(100 + i));
	strset_free(&s);
}
END_TEST

/* After strset_clear every key is new again, and the set takes as many keys as before. */
START_TEST(strset_clear_forgets_and_keeps_room)
{
	static const char *keys[] = { "git", "/usr/bin/git", "", "a", "abcdefgh", "abcdefghi" };
	enum { N = sizeof(keys) / sizeof(keys[0]) };
	struct strset s;
	strset_init(&s, N, EXIT_POLICY, "test");
	for (int round = 0; round < 3; round++) {
		for (size_t i = 0; i < N; i++)
			ck_assert_int_eq(strset_add(&s, keys[i], i), -1);
		for (size_t i = 0; i < N; i++)
			ck_assert_int_eq(strset_add(&s, keys[i], 9), (long)i);
		strset_clear(&s);
	}
	strset_free(&s);
}
END_TEST

/* A lookup finds what was added, by its bytes and length, and adds nothing. */
START_TEST(strset_find_does_not_add)
{
	struct strset never = { 0 }, s;
	ck_assert_int_eq(strset_find_len(&never, "x", 1), -1);
	strset_init(&s, 3, EXIT_POLICY, "test");
	ck_assert_int_eq(strset_find_len(&s, "git", 3), -1);
	ck_assert_int_eq(strset_add(&s, "git", 7), -1);
	ck_assert_int_eq(strset_add_len(&s, "gitk", 3, 8), 7); /* "git" again */
	ck_assert_int_eq(strset_find_len(&s, "git", 3), 7);
	ck_assert_int_eq(strset_find_len(&s, "gitk", 4), -1);
	ck_assert_int_eq(strset_find_len(&s, "gi", 2), -1);
	ck_assert_int_eq(strset_find_len(&s, "", 0), -1);
	ck_assert_int_eq(strset_add(&s, "gitk", 9), -1);
	ck_assert_int_eq(strset_find_len(&s, "gitk", 4), 9);
	strset_free(&s);
}
END_TEST

/* A slot has 24 bits for an index: a set that large is refused, not overrun. */
START_TEST(strset_too_large_exits)
{
	struct strset s;
	strset_init(&s, (size_t)1 << 24, EXIT_POLICY, "test");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("strset");
	TCase *tc = tcase_create("strset");
	tcase_add_test(tc, strset_finds_the_first_equal_string);
	tcase_add_test(tc, strset_many_strings);
	tcase_add_test(tc, strset_prefixes_and_one_byte_changes);
	tcase_add_test(tc, strset_clear_forgets_and_keeps_room);
	tcase_add_test(tc, strset_find_does_not_add);
	tcase_add_exit_test(tc, strset_too_large_exits, EXIT_POLICY);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
