/*
 * driver: how long does it take to launch a command?
 *
 *   driver [-n N] [--quick] CASE...
 *   CASE:  -c NAME [-e COUNT] -- PROGRAM [ARG...] [;]
 *          -s NAME NOTE
 *
 * Each -c case is launched N times (-n N, else 2000, or 200 with --quick) with
 * posix_spawn() and reaped with wait4(). The cases run interleaved in rounds
 * (A B C, C A B, B A C ...): each round launches every case once, so drift of
 * the machine (frequency, other load, page cache) spreads over every case
 * instead of landing on one, and the order is shuffled per round (fixed
 * seed), because a case that always follows a heavy one pays for it: after
 * firejail, hardexec measured 20% slower. A few untimed rounds come first.
 * PROGRAM is a path (no PATH search inside the timing).
 * A case's arguments end at a ";" argument or at the end of the command line.
 *
 * -e COUNT gives the case an environment of exactly COUNT generated variables
 * instead of the driver's own. -s lists a case that was not run, with NOTE
 * ("missing") in place of numbers. Names are unique; the case named "floor"
 * is the reference for the ratio and difference columns.
 *
 * Output on stdout is one markdown table: median and p90 microseconds per
 * launch, the median divided by floor's and minus floor's (the difference
 * leaves out what both pay alike: two program start-ups, see bench/cpuid.c),
 * and the peak RSS (ru_maxrss from
 * wait4()) of one extra launch per case, made with fork() (see peak_rss_kib).
 * The children's stdout goes to /dev/null so that only the table is there;
 * their stderr is the driver's.
 *
 * A launch that cannot be started or that does not exit 0 is an error: the
 * driver names the case and the launch and exits 1 without a table. Usage
 * errors exit 2.
 */
#include "sorted.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

enum { DEFAULT_LAUNCHES = 2000, QUICK_LAUNCHES = 200 };

struct bench_case {
	const char *name;
	const char *note;   /* set for a case listed with -s, which is not run */
	char **argv;
	long env_count;     /* -e COUNT, or -1: the driver's own environment */
	char **envp;
	double *us;         /* one duration per timed launch, microseconds */
	long rss_kib;
};

struct bench {
	struct bench_case *cases;
	size_t count;
	long launches;
};

__attribute__((format(printf, 1, 2)))
static _Noreturn void die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("driver: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	exit(1);
}

static const char usage[] =
	"usage: driver [-n N] [--quick] CASE...\n"
	"  CASE: -c NAME [-e COUNT] -- PROGRAM [ARG...] [;]\n"
	"        -s NAME NOTE\n";

static _Noreturn void usage_error(const char *what)
{
	fprintf(stderr, "driver: %s\n%s", what, usage);
	exit(2);
}

static void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n, size);

	if (p == NULL)
		die("out of memory");
	return p;
}

static long parse_count(const char *s, long min, const char *what)
{
	char *end;

	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v < min || v > INT_MAX)
		usage_error(what);
	return v;
}

/*
 * COUNT variables BENCH_00000=0123456789abcdef ..., NULL-terminated, in one
 * mapping of their own so that env_unmap() gives every page back (see
 * peak_rss_kib() for why that matters).
 */
enum { ENV_ENTRY_MAX = 48 };   /* "BENCH_" + 20 digits + "=0123456789abcdef" + NUL */

static size_t env_size(long count)
{
	return ((size_t)count + 1) * (sizeof(char *) + ENV_ENTRY_MAX);
}

static char **env_map(long count)
{
	char **envp = mmap(NULL, env_size(count), PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (envp == MAP_FAILED)
		die("mmap for %ld variables: %s", count, strerror(errno));
	char *text = (char *)(envp + count + 1);
	for (long i = 0; i < count; i++) {
		envp[i] = text + (size_t)i * ENV_ENTRY_MAX;
		snprintf(envp[i], ENV_ENTRY_MAX, "BENCH_%05ld=0123456789abcdef", i);
	}
	envp[count] = NULL;
	return envp;
}

static void env_unmap(char **envp, long count)
{
	if (munmap(envp, env_size(count)) != 0)
		die("munmap: %s", strerror(errno));
}

/*
 * Cases are parsed in place: the ";" that ends a case's arguments is
 * replaced by NULL, so argv + i is that case's NULL-terminated argv.
 */
static void parse(int argc, char *argv[], struct bench *b)
{
	long launches = 0;
	int quick = 0;

	b->cases = xcalloc((size_t)argc, sizeof(*b->cases));
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-n") == 0 && i + 1 < argc) {
			if (launches != 0)
				usage_error("-n given twice");
			launches = parse_count(argv[++i], 1, "-n takes a count >= 1");
		} else if (strcmp(argv[i], "--quick") == 0) {
			quick = 1;
		} else if (strcmp(argv[i], "-s") == 0 && i + 2 < argc) {
			struct bench_case *c = &b->cases[b->count++];
			c->name = argv[++i];
			c->note = argv[++i];
		} else if (strcmp(argv[i], "-c") == 0 && i + 1 < argc) {
			struct bench_case *c = &b->cases[b->count++];
			c->name = argv[++i];
			c->env_count = -1;
			if (i + 2 < argc && strcmp(argv[i + 1], "-e") == 0) {
				c->env_count = parse_count(argv[i + 2], 0, "-e takes a count >= 0");
				i += 2;
			}
			if (i + 1 >= argc || strcmp(argv[++i], "--") != 0)
				usage_error("-c NAME must be followed by -- PROGRAM");
			if (i + 1 >= argc || strcmp(argv[i + 1], ";") == 0)
				usage_error("a case has no PROGRAM");
			c->argv = &argv[i + 1];
			if (strchr(c->argv[0], '/') == NULL)
				usage_error("PROGRAM must be a path (the driver does not search PATH)");
			while (i + 1 < argc && strcmp(argv[i + 1], ";") != 0)
				i++;
			if (i + 1 < argc)
				argv[++i] = NULL;
		} else if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
			fputs(usage, stdout);
			exit(0);
		} else {
			usage_error("unknown or incomplete argument");
		}
	}
	if (b->count == 0)
		usage_error("no case");
	for (size_t k = 0; k < b->count; k++)
		for (size_t j = 0; j < k; j++)
			if (strcmp(b->cases[j].name, b->cases[k].name) == 0)
				usage_error("two cases have the same name");
	b->launches = launches != 0 ? launches : quick ? QUICK_LAUNCHES : DEFAULT_LAUNCHES;
}

static double now_us(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
		die("clock_gettime: %s", strerror(errno));
	return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

/*
 * Reaps launch number (0: the RSS launch, 1: the first warm-up) of c, which
 * must have exited 0; ru may be NULL.
 */
static void reap(const struct bench_case *c, pid_t pid, long number, struct rusage *ru)
{
	int status;

	while (wait4(pid, &status, 0, ru) < 0) {
		if (errno != EINTR)
			die("%s: wait4: %s", c->name, strerror(errno));
	}
	if (WIFSIGNALED(status))
		die("%s: launch %ld killed by signal %d", c->name, number, WTERMSIG(status));
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		die("%s: launch %ld exited with status %d", c->name, number, WEXITSTATUS(status));
}

/* One timed launch; returns its wall time in microseconds. */
static double launch(const struct bench_case *c, const posix_spawn_file_actions_t *fa, long number)
{
	pid_t pid;

	double start = now_us();
	int err = posix_spawn(&pid, c->argv[0], fa, NULL, c->argv, c->envp);
	if (err != 0)
		die("%s: posix_spawn %s: %s", c->name, c->argv[0], strerror(err));
	reap(c, pid, number, NULL);
	return now_us() - start;
}

/*
 * Why not the timed launches' ru_maxrss: glibc's posix_spawn() runs the
 * child in the driver's memory (CLONE_VM|CLONE_VFORK), and at exec the
 * kernel keeps the high-water mark of the memory being left
 * (setmax_mm_hiwater_rss() in exec_mmap(), fs/exec.c), so every launch
 * would report the driver's whole RSS. A fork()ed child starts with a
 * copy of the driver's anonymous pages only (dup_mm(), kernel/fork.c),
 * which are few before the timed rounds allocate anything. The child
 * runs no more code than it must, because each library page it runs is
 * counted too (no page table is copied for file mappings); the target
 * case shows this floor. A generated environment is mapped for its own
 * launch only, so no case carries another's.
 */
static long peak_rss_kib(const struct bench_case *c, int devnull)
{
	struct rusage ru;

	char **envp = c->env_count < 0 ? environ : env_map(c->env_count);
	pid_t pid = fork();
	if (pid < 0)
		die("fork: %s", strerror(errno));
	if (pid == 0) {
		if (dup2(devnull, STDOUT_FILENO) < 0)
			_exit(126);
		execve(c->argv[0], c->argv, envp);
		fprintf(stderr, "driver: %s: execve %s: %s\n", c->name, c->argv[0], strerror(errno));
		_exit(127);
	}
	reap(c, pid, 0, &ru);
	if (envp != environ)
		env_unmap(envp, c->env_count);
	return ru.ru_maxrss;
}

/* xorshift64 with a fixed seed: every run shuffles the same way. */
static unsigned long long next_random(unsigned long long *state)
{
	*state ^= *state << 13;
	*state ^= *state >> 7;
	*state ^= *state << 17;
	return *state;
}

/* Fisher-Yates. */
static void shuffle(size_t *order, size_t n, unsigned long long *state)
{
	for (size_t i = n; i > 1; i--) {
		size_t j = (size_t)(next_random(state) % i);
		size_t t = order[i - 1];
		order[i - 1] = order[j];
		order[j] = t;
	}
}

static void run(struct bench *b)
{
	unsigned long long seed = 0x9e3779b97f4a7c15ULL;
	size_t *order = xcalloc(b->count, sizeof(*order));
	size_t runnable = 0;
	posix_spawn_file_actions_t fa;
	long warmup = b->launches >= 100 ? b->launches / 100 : 1;

	int devnull = open("/dev/null", O_WRONLY | O_CLOEXEC);
	if (devnull < 0)
		die("/dev/null: %s", strerror(errno));
	int err = posix_spawn_file_actions_init(&fa);
	if (err == 0)
		err = posix_spawn_file_actions_adddup2(&fa, devnull, STDOUT_FILENO);
	if (err != 0)
		die("posix_spawn_file_actions: %s", strerror(err));

	for (size_t k = 0; k < b->count; k++) {
		if (b->cases[k].note == NULL)
			b->cases[k].rss_kib = peak_rss_kib(&b->cases[k], devnull);
	}
	for (size_t k = 0; k < b->count; k++) {
		struct bench_case *c = &b->cases[k];
		if (c->note != NULL)
			continue;
		c->envp = c->env_count < 0 ? environ : env_map(c->env_count);
		c->us = xcalloc((size_t)b->launches, sizeof(double));
		order[runnable++] = k;
	}
	for (long r = -warmup; r < b->launches; r++) {
		shuffle(order, runnable, &seed);
		for (size_t k = 0; k < runnable; k++) {
			struct bench_case *c = &b->cases[order[k]];
			double us = launch(c, &fa, warmup + r + 1);
			if (r >= 0)
				c->us[r] = us;
		}
	}
	free(order);

	posix_spawn_file_actions_destroy(&fa);
	if (close(devnull) != 0)
		die("close /dev/null: %s", strerror(errno));
}

/* Nearest rank: the smallest value with at least 90% of the launches at or below it. */
static double p90(const double *sorted, long n)
{
	return sorted[(9 * n + 9) / 10 - 1];
}

/* The table; the ratio and difference columns are n/a when no case is named floor. */
static void report(struct bench *b)
{
	double ref = 0;

	for (size_t k = 0; k < b->count; k++) {
		struct bench_case *c = &b->cases[k];
		if (c->note != NULL)
			continue;
		qsort(c->us, (size_t)b->launches, sizeof(double), cmp_double);
		if (strcmp(c->name, "floor") == 0)
			ref = median(c->us, b->launches);
	}

	printf("| case | median µs | p90 µs | × floor | µs over floor | peak RSS KiB |\n");
	printf("|---|--:|--:|--:|--:|--:|\n");
	for (size_t k = 0; k < b->count; k++) {
		const struct bench_case *c = &b->cases[k];
		if (c->note != NULL) {
			printf("| %s | %s | | | | |\n", c->name, c->note);
			continue;
		}
		double m = median(c->us, b->launches);
		printf("| %s | %.1f | %.1f | ", c->name, m, p90(c->us, b->launches));
		if (ref > 0)
			printf("%.2f | %+.0f", m / ref, m - ref);
		else
			printf("n/a | n/a");
		printf(" | %ld |\n", c->rss_kib);
	}
	if (fflush(stdout) != 0 || ferror(stdout))
		die("writing the table: %s", strerror(errno));
}

static void bench_free(struct bench *b)
{
	for (size_t k = 0; k < b->count; k++) {
		struct bench_case *c = &b->cases[k];
		if (c->envp != NULL && c->envp != environ)
			env_unmap(c->envp, c->env_count);
		free(c->us);
	}
	free(b->cases);
}

int main(int argc, char *argv[])
{
	struct bench b = { 0 };

	parse(argc, argv, &b);
	run(&b);
	report(&b);
	bench_free(&b);
	return 0;
}
