/* Shared runner for the Check suites. */
#ifndef HARDEXEC_TESTS_UNIT_H
#define HARDEXEC_TESTS_UNIT_H

#include <check.h>
#include <stdlib.h>

/* Run SUITE (forking per test, so exit tests work) and map the result to an exit status. */
static inline int unit_run(Suite *suite)
{
	SRunner *sr = srunner_create(suite);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

#endif
