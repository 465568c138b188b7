/* Unit tests for src/landlock.c: values, the ABI map, merging. The kernel side is in the integration tests. */
#include "unit.h"

#include "landlock.h"

#include <check.h>
#include <string.h>

START_TEST(landlock_mode_values)
{
	char why[160];
	int mode = -1;
	ck_assert(landlock_parse_mode("required", &mode, why, sizeof(why)));
	ck_assert_int_eq(mode, LANDLOCK_MODE_REQUIRED);
	ck_assert(landlock_parse_mode("best-effort", &mode, why, sizeof(why)));
	ck_assert_int_eq(mode, LANDLOCK_MODE_BEST_EFFORT);
	ck_assert(landlock_parse_mode("off", &mode, why, sizeof(why)));
	ck_assert_int_eq(mode, LANDLOCK_MODE_OFF);
	ck_assert(!landlock_parse_mode("Required", &mode, why, sizeof(why)));
	ck_assert(!landlock_parse_mode("best_effort", &mode, why, sizeof(why)));
	ck_assert(!landlock_parse_mode("", &mode, why, sizeof(why)));
}
END_TEST

START_TEST(landlock_scope_values)
{
	char why[160];
	int scope = -1;
	ck_assert(landlock_parse_scope("signals abstract-unix", &scope, why, sizeof(why)));
	ck_assert_int_eq(scope, LL_SCOPE_SIGNALS | LL_SCOPE_ABSTRACT_UNIX);
	ck_assert(landlock_parse_scope("abstract-unix", &scope, why, sizeof(why)));
	ck_assert_int_eq(scope, LL_SCOPE_ABSTRACT_UNIX);
	ck_assert(landlock_parse_scope("none", &scope, why, sizeof(why)));
	ck_assert_int_eq(scope, 0);
	ck_assert(!landlock_parse_scope("signals,signals", &scope, why, sizeof(why)));
	ck_assert(!landlock_parse_scope("signalsx", &scope, why, sizeof(why)));
	ck_assert(!landlock_parse_scope(" ", &scope, why, sizeof(why)));
	ck_assert(!landlock_parse_scope("abstract", &scope, why, sizeof(why)));
}
END_TEST

START_TEST(landlock_item_values)
{
	char why[160];
	ck_assert(landlock_item_valid(LL_RO, "/", why, sizeof(why)));
	ck_assert(landlock_item_valid(LL_RW, "/a b", why, sizeof(why)));
	ck_assert(!landlock_item_valid(LL_EXEC, "usr", why, sizeof(why)));
	ck_assert(!landlock_item_valid(LL_EXEC, "", why, sizeof(why)));
	ck_assert(landlock_item_valid(LL_CONNECT, "0", why, sizeof(why)));
	ck_assert(landlock_item_valid(LL_CONNECT, "65535", why, sizeof(why)));
	ck_assert(!landlock_item_valid(LL_CONNECT, "65536", why, sizeof(why)));
	ck_assert(!landlock_item_valid(LL_BIND, "00", why, sizeof(why)));
	ck_assert(!landlock_item_valid(LL_BIND, "+80", why, sizeof(why)));
	ck_assert(!landlock_item_valid(LL_BIND, "80 ", why, sizeof(why)));
	ck_assert(!landlock_item_valid(LL_BIND, "999999", why, sizeof(why)));
	ck_assert(!landlock_item_valid(LL_BIND, "", why, sizeof(why)));
}
END_TEST

static struct landlock_settings with_list(enum landlock_list l)
{
	struct landlock_settings s;
	landlock_settings_init(&s);
	s.lists[l].set = true;
	return s;
}

START_TEST(landlock_wanted_by_key)
{
	struct landlock_settings s;
	landlock_settings_init(&s);
	struct landlock_rights r = landlock_wanted(&s);
	ck_assert(r.fs == 0 && r.net == 0 && r.scope == 0);

	/* Any filesystem list handles every filesystem right (16 of them), nothing else. */
	s = with_list(LL_RO);
	r = landlock_wanted(&s);
	ck_assert_uint_eq(r.fs, 0xffff);
	ck_assert(r.net == 0 && r.scope == 0);

	s = with_list(LL_CONNECT);
	r = landlock_wanted(&s);
	ck_assert(r.fs == 0 && r.net == 2 && r.scope == 0);
	s = with_list(LL_BIND);
	ck_assert_uint_eq(landlock_wanted(&s).net, 1);

	landlock_settings_init(&s);
	s.scope = LL_SCOPE_SIGNALS;
	ck_assert_uint_eq(landlock_wanted(&s).scope, 2);

	/* off: nothing, whatever the lists say */
	s = with_list(LL_RW);
	s.mode = LANDLOCK_MODE_OFF;
	r = landlock_wanted(&s);
	ck_assert(r.fs == 0 && r.net == 0 && r.scope == 0);
}
END_TEST

/* Each right appears at the ABI version that brought it (landlock(7), "Kernel support"). */
START_TEST(landlock_rights_by_abi)
{
	char names[512];
	struct landlock_rights r = landlock_supported(0);
	ck_assert(r.fs == 0 && r.net == 0 && r.scope == 0);
	r = landlock_supported(1);
	ck_assert_str_eq(landlock_rights_names(r, names, sizeof(names)),
	                 "execute write_file read_file read_dir remove_dir remove_file make_char "
	                 "make_dir make_reg make_sock make_fifo make_block make_sym refer");
	ck_assert(landlock_supported(2).fs == landlock_supported(1).fs);
	ck_assert_str_eq(landlock_rights_names((struct landlock_rights){ landlock_supported(3).fs &
	                                        ~landlock_supported(2).fs, 0, 0 }, names, sizeof(names)),
	                 "truncate");
	ck_assert_uint_eq(landlock_supported(3).net, 0);
	ck_assert_uint_eq(landlock_supported(4).net, 3);
	ck_assert_str_eq(landlock_rights_names((struct landlock_rights){ landlock_supported(5).fs &
	                                        ~landlock_supported(4).fs, 0, 0 }, names, sizeof(names)),
	                 "ioctl_dev");
	ck_assert_uint_eq(landlock_supported(5).scope, 0);
	ck_assert_uint_eq(landlock_supported(6).scope, 3);
	ck_assert_str_eq(landlock_rights_names((struct landlock_rights){ 0, 0, 3 }, names, sizeof(names)),
	                 "scope_abstract_unix scope_signals");
	/* A newer kernel than hardexec knows: everything hardexec knows. */
	r = landlock_supported(99);
	ck_assert(r.fs == 0xffff && r.net == 3 && r.scope == 3);
}
END_TEST

START_TEST(landlock_names_are_cut_at_the_buffer)
{
	char small[12];
	landlock_rights_names(landlock_supported(7), small, sizeof(small));
	ck_assert_str_eq(small, "execute");
}
END_TEST

START_TEST(landlock_merge_replaces_each_list)
{
	struct landlock_settings defaults, rule, merged;
	landlock_settings_init(&defaults);
	landlock_settings_init(&rule);
	landlock_settings_init(&merged);
	defaults.lists[LL_RO].owned = true;
	landlock_items_add(&defaults.lists[LL_RO], "/etc");
	defaults.lists[LL_RO].set = true;
	defaults.lists[LL_EXEC].owned = true;
	landlock_items_add(&defaults.lists[LL_EXEC], "/usr");
	defaults.lists[LL_EXEC].set = true;
	defaults.mode = LANDLOCK_MODE_REQUIRED;
	rule.lists[LL_RO].owned = true;
	rule.lists[LL_RO].set = true; /* "none" */
	rule.scope = LL_SCOPE_SIGNALS;

	landlock_merge(&merged, &defaults);
	landlock_merge(&merged, &rule);
	ck_assert(merged.lists[LL_RO].set);
	ck_assert_uint_eq(merged.lists[LL_RO].len, 0);
	ck_assert_uint_eq(merged.lists[LL_EXEC].len, 1);
	ck_assert_str_eq(merged.lists[LL_EXEC].items[0], "/usr");
	ck_assert(!merged.lists[LL_EXEC].owned);
	ck_assert_int_eq(merged.mode, LANDLOCK_MODE_REQUIRED);
	ck_assert_int_eq(merged.scope, LL_SCOPE_SIGNALS);
	landlock_settings_free_owned(&defaults);
	landlock_settings_free_owned(&rule);
}
END_TEST

/* A less specific off does not silence a more specific level's lists (review: the program
 * ran unconfined); a more specific off still turns a less specific level's lists off. */
START_TEST(landlock_merge_lists_after_off_turn_it_back_on)
{
	struct landlock_settings off, lists, merged;
	landlock_settings_init(&off);
	landlock_settings_init(&lists);
	off.mode = LANDLOCK_MODE_OFF;
	lists.scope = LL_SCOPE_SIGNALS;

	landlock_settings_init(&merged);
	landlock_merge(&merged, &off);
	landlock_merge(&merged, &lists);
	ck_assert_int_eq(merged.mode, LANDLOCK_MODE_UNSET);
	ck_assert_uint_ne(landlock_wanted(&merged).scope, 0);

	landlock_settings_init(&merged);
	landlock_merge(&merged, &lists);
	landlock_merge(&merged, &off);
	ck_assert_int_eq(merged.mode, LANDLOCK_MODE_OFF);
	ck_assert_uint_eq(landlock_wanted(&merged).scope, 0);

	/* lists, off, then another level's list: only that list, not the ones off turned off */
	struct landlock_settings ro;
	landlock_settings_init(&ro);
	ro.lists[LL_RO].set = true;   /* "none" */
	landlock_merge(&merged, &ro);
	ck_assert_int_eq(merged.mode, LANDLOCK_MODE_UNSET);
	ck_assert(merged.lists[LL_RO].set);
	ck_assert_int_eq(merged.scope, -1);
	ck_assert_uint_eq(landlock_wanted(&merged).scope, 0);

	/* the same when that level names a mode (review: "required" brought the lists back) */
	struct landlock_settings required;
	landlock_settings_init(&required);
	required.mode = LANDLOCK_MODE_REQUIRED;
	landlock_settings_init(&merged);
	landlock_merge(&merged, &lists);
	landlock_merge(&merged, &off);
	landlock_merge(&merged, &required);
	ck_assert_int_eq(merged.mode, LANDLOCK_MODE_REQUIRED);
	ck_assert_uint_eq(landlock_wanted(&merged).scope, 0);

	ck_assert(landlock_level_asks(&lists));
	ck_assert(!landlock_level_asks(&off));
	off.scope = 0;   /* landlock-scope = none asks for nothing */
	ck_assert(!landlock_level_asks(&off));
}
END_TEST

START_TEST(landlock_abi_is_read_from_the_kernel)
{
	int abi = landlock_abi();
	ck_assert_int_ge(abi, 0);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("landlock");
	TCase *tc = tcase_create("logic");
	tcase_add_test(tc, landlock_mode_values);
	tcase_add_test(tc, landlock_scope_values);
	tcase_add_test(tc, landlock_item_values);
	tcase_add_test(tc, landlock_wanted_by_key);
	tcase_add_test(tc, landlock_rights_by_abi);
	tcase_add_test(tc, landlock_names_are_cut_at_the_buffer);
	tcase_add_test(tc, landlock_merge_replaces_each_list);
	tcase_add_test(tc, landlock_merge_lists_after_off_turn_it_back_on);
	tcase_add_test(tc, landlock_abi_is_read_from_the_kernel);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
