/* Sorting and the median of a sorted array, for bench/driver.c and bench/cpuid.c. */
#ifndef HARDEXEC_BENCH_SORTED_H
#define HARDEXEC_BENCH_SORTED_H

static inline int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static inline double median(const double *sorted, long n)
{
	return n % 2 != 0 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

#endif
