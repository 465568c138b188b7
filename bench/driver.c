/*
 * driver: how long does it take to launch a command?
 *
 *   driver [-n N] [--quick] CASE...
 *   CASE:  -c NAME [-e COUNT] -- PROGRAM [ARG...] [;]
 *          -s NAME NOTE
 *
 * Each -c case is launched N times (default 2000; --quick: 200) with
 * posix_spawn() and reaped with wait4(). The cases run interleaved in rounds
 * (A B C A B C ...), so drift of the machine (frequency, other load, page
 * cache) spreads over every case instead of landing on one. A few untimed
 * rounds come first. PROGRAM is a path (no PATH search inside the timing).
 * A case's arguments end at a ";" argument or at the end of the command line.
 *
 * -e COUNT gives the case an environment of exactly COUNT generated variables
 * instead of the driver's own. -s lists a case that was not run, with NOTE
 * ("missing") in place of numbers. The first case named "floor" is the
 * reference for the ratio column.
 *
 * Output on stdout is one markdown table: median and p90 microseconds per
 * launch, the median divided by floor's, and the peak RSS (ru_maxrss from
 * wait4()) of one extra launch per case, made with fork() (see peak_rss_kib).
 * The children's stdout goes to /dev/null so that only the table is there;
 * their stderr is the driver's.
 *
 * A launch that cannot be started or that does not exit 0 is an error: the
 * driver names the case and the launch and exits 1, nothing is timed.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

static _Noreturn void usage_error(const char *what)
{
	fprintf(stderr, "driver: %s\n"
		"usage: driver [-n N] [--quick] CASE...\n"
		"  CASE: -c NAME [-e COUNT] -- PROGRAM [ARG...] [;]\n"
		"        -s NAME NOTE\n", what);
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

/* COUNT variables BENCH_00000=0123456789abcdef ..., NULL-terminated. */
static char **env_generate(long count)
{
	char **envp = xcalloc((size_t)count + 1, sizeof(*envp));

	for (long i = 0; i < count; i++) {
		if (asprintf(&envp[i], "BENCH_%05ld=0123456789abcdef", i) < 0)
			die("out of memory");
	}
	return envp;
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
			printf("usage: driver [-n N] [--quick] CASE...\n"
			       "  CASE: -c NAME [-e COUNT] -- PROGRAM [ARG...] [;]\n"
			       "        -s NAME NOTE\n");
			exit(0);
		} else {
			usage_error("unknown or incomplete argument");
		}
	}
	if (b->count == 0)
		usage_error("no case");
	b->launches = launches != 0 ? launches : quick ? QUICK_LAUNCHES : DEFAULT_LAUNCHES;
}

static double now_us(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
		die("clock_gettime: %s", strerror(errno));
	return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

/* Reaps launch number (0: the RSS launch, 1: the first warm-up) of c, which must have exited 0. */
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
	struct rusage ru;
	pid_t pid;

	double start = now_us();
	int err = posix_spawn(&pid, c->argv[0], fa, NULL, c->argv, c->envp);
	if (err != 0)
		die("%s: posix_spawn %s: %s", c->name, c->argv[0], strerror(err));
	reap(c, pid, number, &ru);
	return now_us() - start;
}

/*
 * Why not the timed launches' ru_maxrss: glibc's posix_spawn() runs the
 * child in the driver's memory (CLONE_VM|CLONE_VFORK), and at exec the
 * kernel keeps the high-water mark of the memory being left
 * (setmax_mm_hiwater_rss() in exec_mmap(), fs/exec.c), so every launch
 * would report the driver's whole RSS. A fork()ed child starts with a
 * copy of the driver's anonymous pages only (dup_mm(), kernel/fork.c),
 * which is small this early; the target case shows what is left of it.
 */
static long peak_rss_kib(const struct bench_case *c, int devnull)
{
	struct rusage ru;

	pid_t pid = fork();
	if (pid < 0)
		die("fork: %s", strerror(errno));
	if (pid == 0) {
		if (dup2(devnull, STDOUT_FILENO) < 0)
			_exit(126);
		execve(c->argv[0], c->argv, c->envp);
		fprintf(stderr, "driver: %s: execve %s: %s\n", c->name, c->argv[0], strerror(errno));
		_exit(127);
	}
	reap(c, pid, 0, &ru);
	return ru.ru_maxrss;
}

static void run(struct bench *b)
{
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
		struct bench_case *c = &b->cases[k];
		if (c->note != NULL)
			continue;
		c->envp = c->env_count < 0 ? environ : env_generate(c->env_count);
		c->rss_kib = peak_rss_kib(c, devnull);
	}
	for (size_t k = 0; k < b->count; k++)
		b->cases[k].us = xcalloc((size_t)b->launches, sizeof(double));
	for (long r = -warmup; r < b->launches; r++) {
		for (size_t k = 0; k < b->count; k++) {
			struct bench_case *c = &b->cases[k];
			if (c->note != NULL)
				continue;
			double us = launch(c, &fa, warmup + r + 1);
			if (r >= 0)
				c->us[r] = us;
		}
	}

	posix_spawn_file_actions_destroy(&fa);
	if (close(devnull) != 0)
		die("close /dev/null: %s", strerror(errno));
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double median(const double *sorted, long n)
{
	return n % 2 != 0 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

/* Nearest rank: the smallest value with at least 90% of the launches at or below it. */
static double p90(const double *sorted, long n)
{
	return sorted[(9 * n + 9) / 10 - 1];
}

static void report(struct bench *b)
{
	const struct bench_case *floor = NULL;

	for (size_t k = 0; k < b->count; k++) {
		qsort(b->cases[k].us, (size_t)b->launches, sizeof(double), cmp_double);
		if (floor == NULL && b->cases[k].note == NULL && strcmp(b->cases[k].name, "floor") == 0)
			floor = &b->cases[k];
	}
	double floor_median = floor != NULL ? median(floor->us, b->launches) : 0;

	printf("| case | median µs | p90 µs | × floor | peak RSS KiB |\n");
	printf("|---|--:|--:|--:|--:|\n");
	for (size_t k = 0; k < b->count; k++) {
		const struct bench_case *c = &b->cases[k];
		if (c->note != NULL) {
			printf("| %s | %s | | | |\n", c->name, c->note);
			continue;
		}
		double m = median(c->us, b->launches);
		printf("| %s | %.1f | %.1f | ", c->name, m, p90(c->us, b->launches));
		if (floor != NULL)
			printf("%.2f", m / floor_median);
		else
			printf("n/a");
		printf(" | %ld |\n", c->rss_kib);
	}
	if (fflush(stdout) != 0 || ferror(stdout))
		die("writing the table: %s", strerror(errno));
}

int main(int argc, char *argv[])
{
	struct bench b = { 0 };

	parse(argc, argv, &b);
	run(&b);
	report(&b);
	return 0;
}
