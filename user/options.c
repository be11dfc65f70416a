// SPDX-License-Identifier: MIT
/* Option parsing: getopt_long, range-checked numbers, one-screen --help. */
#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shared/chains.h"
#include "shared/limits.h"
#include "shared/objects.h"
#include "options.h"
#include "elf_file.h"
#include "exit_codes.h"
#include "syscall_filter.h"
#include "version.h"

#define STRINGIFY_(x) #x
#define STRINGIFY(x) STRINGIFY_(x)

/* The largest --max-objects, --max-mirrors, --max-counts a user may ask. */
#define MAX_OBJECTS_LIMIT	(1u << 20)
#define MAX_MIRRORS_LIMIT	(1u << 20)
#define MAX_COUNTS_LIMIT	(1u << 24)
/* The smallest --max-objects: ids below OBJ_FIRST_FILE are pseudo-objects,
 * and one file must fit (doc/resources.md and the man page give it). */
#define MAX_OBJECTS_MIN		(OBJ_FIRST_FILE + 1)
_Static_assert(DEFAULT_MAX_OBJECTS >= MAX_OBJECTS_MIN && DEFAULT_MAX_OBJECTS <= MAX_OBJECTS_LIMIT,
	       "the default --max-objects is one a user may give");
_Static_assert(DEFAULT_MAX_MIRRORS <= MAX_MIRRORS_LIMIT, "the default --max-mirrors is in range");
_Static_assert(DEFAULT_MAX_COUNTS <= MAX_COUNTS_LIMIT, "the default --max-counts is in range");

static const char usage_text[] =
"Usage: syso-kagg [OPTIONS] [--] PROGRAM [ARG...]\n"
"       syso-kagg [OPTIONS] -p PID[,PID...] [--descendants] | -a | --cgroup PATH\n"
"Count syscalls of PROGRAM and descendants by the object below libc making each.\n"
"  -p, --pid PID,...     attach to running processes and their new children\n"
"                        (--descendants: existing ones too; --force: PID 1)\n"
"  -a, --all             every process; --cgroup PATH: all in cgroup v2 PATH\n"
"      --duration SEC    end a -p/-a/--cgroup run (else SIGINT, or all exited)\n"
"  -o, --output FILE     write counts to FILE too ('-' = stdout), in --format:\n"
"      --format FMT      json (default), full, table, openmetrics, folded\n"
"      --depth N         per call chain of N frames above libc (1-%u, default 1)\n"
"      --listen [ADDR:]PORT  serve OpenMetrics at /metrics (ADDR 127.0.0.1)\n"
"      --interval SEC    print changes and totals every SEC s, rewrite -o FILE\n"
"  -q, --quiet           no tables on stderr (warnings still)\n"
"  -e, --trace SET       count only SET, as strace -e trace=: names, %%file, !...\n"
"  -S, --sort KEY        sort every block by count (default), name, errors, time\n"
"      --top N           rows per table block (20 on a terminal, else all)\n"
"      --errors, -T      failed calls; -T, --time: time in kernel (--hist: log2)\n"
"  -u, --user USER       run PROGRAM as USER (or UID, UID:GID) like runuser -u\n"
"      --per-process     per process (pid, name, cgroup); --sites per call site\n"
"      --sample N        count 1 syscall in N per CPU, scale by N (estimates)\n"
"      --skip-lib NAME|PATH  treat a library like libc (e.g. libstdc++.so.6)\n"
"      --bpf-stats       BPF time per call; --subreaper: adopt orphans (tini -s)\n"
"      --max-objects N   object files kept (default %u); also --max-mirrors N\n"
"                        (address spaces, %u), --max-counts N (pairs, %u),\n"
"                        --max-object-memory MIB (object data held, %u)\n"
"  -v, --verbose         all counters, libbpf's log; -h, --help, -V, --version\n"
"Example: sudo syso-kagg -q --cgroup /sys/fs/cgroup/system.slice/x --listen 9477\n"
"Exit status: PROGRAM's (128+N if killed by signal N); 2 bad usage, 66 no such\n"
"PID, 69 kernel feature missing, 70 internal error, 73 cannot write output,\n"
"77 not root, 126 PROGRAM not executable, 127 PROGRAM not found.\n";

enum {
	OPT_SKIP_LIB = 0x100,
	OPT_MAX_OBJECTS,
	OPT_MAX_MIRRORS,
	OPT_MAX_COUNTS,
	OPT_SAMPLE,
	OPT_BPF_STATS,
	OPT_FORMAT,
	OPT_FORCE,
	OPT_PER_PROCESS,
	OPT_WALKER,
	OPT_INTERVAL,
	OPT_ERRORS,
	OPT_SITES,
	OPT_TOP,
	OPT_TRACE,
	OPT_HIST,
	OPT_DESCENDANTS,
	OPT_CGROUP,
	OPT_DURATION,
	OPT_LISTEN,
	OPT_SUBREAPER,
	OPT_DEBUG_DIR,
	OPT_DEPTH,
	OPT_MAX_OBJECT_MEMORY,
};

static const struct option long_opts[] = {
	{ "output", required_argument, NULL, 'o' },
	{ "pid", required_argument, NULL, 'p' },
	{ "force", no_argument, NULL, OPT_FORCE },
	{ "descendants", no_argument, NULL, OPT_DESCENDANTS },
	{ "all", no_argument, NULL, 'a' },
	{ "cgroup", required_argument, NULL, OPT_CGROUP },
	{ "duration", required_argument, NULL, OPT_DURATION },
	{ "listen", required_argument, NULL, OPT_LISTEN },
	{ "per-process", no_argument, NULL, OPT_PER_PROCESS },
	{ "walker", required_argument, NULL, OPT_WALKER },
	{ "sort", required_argument, NULL, 'S' },
	{ "user", required_argument, NULL, 'u' },
	{ "subreaper", no_argument, NULL, OPT_SUBREAPER },
	{ "interval", required_argument, NULL, OPT_INTERVAL },
	{ "errors", no_argument, NULL, OPT_ERRORS },
	{ "time", no_argument, NULL, 'T' },
	{ "sites", no_argument, NULL, OPT_SITES },
	{ "debug-dir", required_argument, NULL, OPT_DEBUG_DIR },
	{ "depth", required_argument, NULL, OPT_DEPTH },
	{ "top", required_argument, NULL, OPT_TOP },
	{ "hist", no_argument, NULL, OPT_HIST },
	{ "trace", required_argument, NULL, OPT_TRACE },
	{ "quiet", no_argument, NULL, 'q' },
	{ "verbose", no_argument, NULL, 'v' },
	{ "skip-lib", required_argument, NULL, OPT_SKIP_LIB },
	{ "max-objects", required_argument, NULL, OPT_MAX_OBJECTS },
	{ "max-mirrors", required_argument, NULL, OPT_MAX_MIRRORS },
	{ "max-counts", required_argument, NULL, OPT_MAX_COUNTS },
	{ "max-object-memory", required_argument, NULL, OPT_MAX_OBJECT_MEMORY },
	{ "sample", required_argument, NULL, OPT_SAMPLE },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "bpf-stats", no_argument, NULL, OPT_BPF_STATS },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ 0 },
};

static int usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "syso-kagg: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\nTry 'syso-kagg --help' for more information.\n");
	return EXIT_USAGE;
}

/* Parse a decimal in [min, max] into *out; 0 on success. */
static int parse_u32(const char *name, const char *s, __u32 min, __u32 max, __u32 *out)
{
	unsigned long long v;
	char *end;

	errno = 0;
	if (*s < '0' || *s > '9')
		goto bad;
	v = strtoull(s, &end, 10);
	if (errno || *end || v < min || v > max)
		goto bad;
	*out = v;
	return 0;
bad:
	fprintf(stderr, "syso-kagg: invalid value '%s' for %s (expected %u..%u)\n"
		"Try 'syso-kagg --help' for more information.\n", s, name, min, max);
	return EXIT_USAGE;
}

static int parse_pids(struct options *opts, const char *arg)
{
	char buf[1024], *tok, *save = NULL;
	__u32 pid;
	int err;

	if (strlen(arg) >= sizeof(buf))
		return usage_error("%s", "-p list too long");
	strcpy(buf, arg);
	for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		if ((err = parse_u32("-p", tok, 1, 1u << 22, &pid)))
			return err;
		if (opts->nr_pids >= OPTIONS_MAX_PIDS)
			return usage_error("too many PIDs for -p (at most %s)",
					   STRINGIFY(OPTIONS_MAX_PIDS));
		opts->pids[opts->nr_pids++] = pid;
	}
	if (!opts->nr_pids)
		return usage_error("%s", "-p needs a PID");
	return 0;
}

/* --listen [ADDR:]PORT, ADDR an IPv4 or [IPv6] address; loopback unless
 * given, so that exposing the counts wider is a deliberate choice. */
static int parse_listen(struct options *opts, const char *arg)
{
	const char *colon = strrchr(arg, ':');
	__u32 port;
	size_t len;
	int err;

	if (!colon) {
		strcpy(opts->listen_buf, "127.0.0.1");
		colon = arg - 1;
	} else {
		len = colon - arg;
		if (len >= 2 && arg[0] == '[' && arg[len - 1] == ']') {
			arg++;
			len -= 2;
		}
		if (!len || len >= sizeof(opts->listen_buf))
			return usage_error("--listen takes [ADDR:]PORT, not '%s'", arg);
		memcpy(opts->listen_buf, arg, len);
		opts->listen_buf[len] = 0;
	}
	/* the same test the listener makes (http_export.c), before anything
	 * is loaded: a bad address is bad usage, not a failed bind */
	{
		unsigned char a[sizeof(struct in6_addr)];

		if (inet_pton(AF_INET6, opts->listen_buf, a) != 1 &&
		    inet_pton(AF_INET, opts->listen_buf, a) != 1)
			return usage_error("--listen: '%s' is not an IPv4 or [IPv6] address",
					   opts->listen_buf);
	}
	if ((err = parse_u32("--listen port", colon + 1, 1, 65535, &port)))
		return err;
	opts->listen_addr = opts->listen_buf;
	opts->listen_port = port;
	return 0;
}

/* Keyword values, indexed by their enum (NULL-terminated). */
static const char *const format_words[] = { "json", "full", "table", "openmetrics", "folded", NULL };
static const char *const sort_words[] = { "count", "name", "errors", "time", "calls", NULL };
static const char *const walker_words[] = { "cfi", "scan", NULL };

/* Index of arg in words, or -1 after the usage message listing them
 * (aliases after the first four sort keys are not listed). */
static int keyword(const char *what, const char *arg, const char *const words[])
{
	char list[128] = "";
	int i;

	for (i = 0; words[i]; i++)
		if (!strcmp(arg, words[i]))
			return i;
	for (i = 0; words[i] && (words != sort_words || i < 4); i++) {
		strcat(list, i ? ", " : "");
		strcat(list, words[i]);
	}
	fprintf(stderr, "syso-kagg: unknown %s '%s' (%s)\n"
		"Try 'syso-kagg --help' for more information.\n", what, arg, list);
	return -1;
}

/* Options that only set a flag, and options that take one number. */
static const struct {
	int opt;
	size_t field;		/* offsetof a bool in struct options */
} flag_opts[] = {
	{ 'q', offsetof(struct options, quiet) },
	{ 'v', offsetof(struct options, verbose) },
	{ 'a', offsetof(struct options, all) },
	{ 'T', offsetof(struct options, time) },
	{ OPT_FORCE, offsetof(struct options, force) },
	{ OPT_DESCENDANTS, offsetof(struct options, descendants) },
	{ OPT_PER_PROCESS, offsetof(struct options, per_process) },
	{ OPT_ERRORS, offsetof(struct options, errors) },
	{ OPT_SITES, offsetof(struct options, sites) },
	{ OPT_BPF_STATS, offsetof(struct options, bpf_stats) },
	{ OPT_SUBREAPER, offsetof(struct options, subreaper) },
};

static const struct {
	int opt;
	const char *name;
	__u32 min, max;
	size_t field;		/* offsetof a __u32 in struct options */
} number_opts[] = {
	{ OPT_DURATION, "--duration", 1, 1u << 31, offsetof(struct options, duration) },
	{ OPT_INTERVAL, "--interval", 1, 86400, offsetof(struct options, interval) },
	{ OPT_TOP, "--top", 0, UINT_MAX, offsetof(struct options, top) },
	{ OPT_MAX_OBJECTS, "--max-objects", MAX_OBJECTS_MIN, MAX_OBJECTS_LIMIT,
	  offsetof(struct options, max_objects) },
	{ OPT_MAX_MIRRORS, "--max-mirrors", 1, MAX_MIRRORS_LIMIT,
	  offsetof(struct options, max_mirrors) },
	{ OPT_MAX_COUNTS, "--max-counts", 1, MAX_COUNTS_LIMIT,
	  offsetof(struct options, max_counts) },
	{ OPT_MAX_OBJECT_MEMORY, "--max-object-memory", ELF_MIN_MEMORY >> 20, 1u << 20,
	  offsetof(struct options, max_object_mib) },
	{ OPT_SAMPLE, "--sample", 1, 1000000, offsetof(struct options, sample_every) },
	{ OPT_DEPTH, "--depth", 1, CHAIN_MAX_DEPTH, offsetof(struct options, depth) },
};

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* A flag or number option: 0 when done, an exit status on a bad number,
 * -1 when c is neither. */
static int parse_simple(struct options *opts, int c, const char *arg)
{
	size_t i;

	for (i = 0; i < ARRAY_LEN(flag_opts); i++)
		if (flag_opts[i].opt == c) {
			*(bool *)((char *)opts + flag_opts[i].field) = true;
			return 0;
		}
	for (i = 0; i < ARRAY_LEN(number_opts); i++)
		if (number_opts[i].opt == c)
			return parse_u32(number_opts[i].name, arg, number_opts[i].min,
					 number_opts[i].max,
					 (__u32 *)((char *)opts + number_opts[i].field));
	return -1;
}

/* strace's -e trace=SET (or -e SET), --trace SET; the last one wins. */
static int parse_trace(struct options *opts, int c, const char *arg)
{
	const char *set = arg;
	int err;

	if (c == 'e' && !strncmp(set, "trace=", 6))
		set += 6;
	else if (c == 'e' && strchr(set, '=')) {
		fprintf(stderr, "syso-kagg: -e %s: only -e trace=SET is supported\n", arg);
		return EXIT_USAGE;
	}
	if ((err = syscall_filter__parse(set, opts->trace_bits)))
		return err;
	opts->trace_filter = true;
	opts->trace_set = set;
	return 0;
}

static int parse_skip_lib(struct options *opts, const char *arg)
{
	const char *slash = strrchr(arg, '/');

	if (!*arg || arg[strlen(arg) - 1] == '/' ||
	    strlen(slash ? slash + 1 : arg) >= SKIP_NAME_BYTES)
		return usage_error("--skip-lib takes a file name or a path whose "
				   "file name is shorter than 64 bytes, not '%s'", arg);
	if (opts->nr_skip_libs >= OPTIONS_MAX_SKIP_LIBS)
		return usage_error("too many --skip-lib (at most %s)", STRINGIFY(SKIP_LIBS_MAX));
	opts->skip_libs[opts->nr_skip_libs++] = arg;
	return 0;
}

/* One option of getopt_long's: -1 to go on, or an exit status. A switch
 * over the options that need more than a flag or a number. */
static int parse_option(struct options *opts, int c, char **argv)
{
	int err, k;

	if ((err = parse_simple(opts, c, optarg)) >= 0) {
		if (!err && c == OPT_TOP)
			opts->top_set = true;
		return err ? err : -1;
	}
	switch (c) {
	case 'o':
		if (!*optarg)
			return usage_error("%s", "empty file name for -o");
		/* the later one would silently win: one output per run */
		if (opts->output)
			return usage_error("%s", "-o given twice (one output file per run)");
		opts->output = optarg;
		return -1;
	case 'p':
		return parse_pids(opts, optarg) ?: -1;
	case OPT_CGROUP:
		if (!*optarg)
			return usage_error("%s", "--cgroup needs a path");
		opts->cgroup = optarg;
		return -1;
	case OPT_LISTEN:
		if (opts->listen_addr)
			return usage_error("%s", "--listen given twice (one address per run)");
		return parse_listen(opts, optarg) ?: -1;
	case 'S':
		/* "calls" is strace's word for count */
		if ((k = keyword("sort key", optarg, sort_words)) < 0)
			return EXIT_USAGE;
		opts->sort = k == 4 ? SORT_COUNT : (enum sort_key)k;
		return -1;
	case 'u':
		if (!*optarg)
			return usage_error("%s", "-u needs a user name");
		opts->user = optarg;
		return -1;
	case OPT_DEBUG_DIR:
		if (!*optarg)
			return usage_error("%s", "--debug-dir needs a directory");
		opts->debug_dir = optarg;
		return -1;
	case OPT_HIST:
		opts->hist = true;	/* a histogram of times: implies -T */
		opts->time = true;
		return -1;
	case 'e':
	case OPT_TRACE:
		return parse_trace(opts, c, optarg) ?: -1;
	case OPT_WALKER:
		/* not in --help: a diagnostic to compare the two walkers */
		if ((k = keyword("--walker", optarg, walker_words)) < 0)
			return EXIT_USAGE;
		opts->walker_scan = k == 1;
		return -1;
	case OPT_SKIP_LIB:
		return parse_skip_lib(opts, optarg) ?: -1;
	case OPT_FORMAT:
		if ((k = keyword("--format", optarg, format_words)) < 0)
			return EXIT_USAGE;
		opts->format = (enum output_format)k;
		return -1;
	case 'h':
		printf(usage_text, CHAIN_MAX_DEPTH, DEFAULT_MAX_OBJECTS, DEFAULT_MAX_MIRRORS,
		       DEFAULT_MAX_COUNTS, (unsigned int)(ELF_DEFAULT_MEMORY >> 20));
		return 0;
	case 'V':
		printf("syso-kagg %s\n", SYSO_KAGG_VERSION);
		return 0;
	case ':':
		return usage_error("option '%s' needs a value", argv[optind - 1]);
	default: {
		char shortopt[3] = { '-', (char)optopt, 0 };

		return usage_error("unknown option '%s'", optopt ? shortopt : argv[optind - 1]);
	}
	}
}

/* After the options: the combinations that make no sense, and the
 * PROGRAM. -1 to go on, or an exit status. */
static int check_combinations(struct options *opts, int argc, char **argv)
{
	if (opts->format != FORMAT_JSON && !opts->output)
		return usage_error("%s", "--format applies to the -o file: give -o FILE (or -o -)");
	if (opts->user && options__attaches(opts))
		return usage_error("%s", "-u applies to a PROGRAM started by syso-kagg, not to -p, -a or --cgroup");
	if (opts->subreaper && options__attaches(opts))
		return usage_error("%s", "--subreaper applies to a PROGRAM started by syso-kagg, not to -p, -a or --cgroup");
	if (!!opts->nr_pids + opts->all + !!opts->cgroup > 1)
		return usage_error("%s", "give one of -p, -a and --cgroup");
	if (opts->descendants && !opts->nr_pids)
		return usage_error("%s", "--descendants applies to -p");
	if (opts->duration && !options__attaches(opts))
		return usage_error("%s", "--duration applies to -p, -a and --cgroup runs");
	if ((opts->all || opts->cgroup) && optind < argc)
		return usage_error("%s", "give either -a/--cgroup or a PROGRAM, not both");
	if (opts->all || opts->cgroup)
		return -1;
	if (opts->sort == SORT_ERRORS && !opts->errors)
		return usage_error("%s", "-S errors needs --errors");
	if (opts->sort == SORT_TIME && !opts->time)
		return usage_error("%s", "-S time needs -T");
	if (opts->nr_pids) {
		int i;

		if (optind < argc)
			return usage_error("%s", "give either -p PID or a PROGRAM, not both");
		for (i = 0; i < opts->nr_pids; i++)
			if (opts->pids[i] == 1 && !opts->force)
				return usage_error("%s", "refusing to attach to PID 1 without --force");
		return -1;
	}
	if (optind >= argc)
		return usage_error("%s", "no PROGRAM to run");
	opts->argv = argv + optind;
	opts->argc = argc - optind;
	return -1;
}

int options__parse(struct options *opts, int argc, char **argv)
{
	int c, err;

	memset(opts, 0, sizeof(*opts));
	opts->max_objects = DEFAULT_MAX_OBJECTS;
	opts->max_mirrors = DEFAULT_MAX_MIRRORS;
	opts->max_counts = DEFAULT_MAX_COUNTS;
	opts->max_object_mib = ELF_DEFAULT_MEMORY >> 20;
	opts->sample_every = 1;
	opts->depth = 1;

	opterr = 0;
	/* '+': stop at the first non-option, it is the target's. */
	while ((c = getopt_long(argc, argv, "+:ae:o:p:qS:Tu:vhV", long_opts, NULL)) != -1)
		if ((err = parse_option(opts, c, argv)) >= 0)
			return err;
	return check_combinations(opts, argc, argv);
}
