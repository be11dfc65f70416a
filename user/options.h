/* SPDX-License-Identifier: MIT */
/* Command-line options: one struct, parsed once by options__parse(). */
#ifndef SYSO_KAGG_OPTIONS_H
#define SYSO_KAGG_OPTIONS_H

#include <stdbool.h>
#include <linux/types.h>

#include "shared/filter.h"
#include "shared/limits.h"

#define OPTIONS_MAX_SKIP_LIBS SKIP_LIBS_MAX
#define OPTIONS_MAX_PIDS 64

enum output_format {
	FORMAT_JSON,		/* the seed's shape: {"/path": {"nr": calls}} */
	FORMAT_FULL,		/* versioned, with run facts and stats (doc/json-schema.md) */
	FORMAT_TABLE,		/* the human table, into the -o file */
	FORMAT_OPENMETRICS,	/* counters for Prometheus (textfile collector) */
	FORMAT_FOLDED,		/* flame graph stacks, one line per (chain, syscall) */
};

enum sort_key {
	SORT_COUNT,		/* calls, descending (default) */
	SORT_NAME,		/* syscall name */
	SORT_ERRORS,		/* failed calls (with --errors) */
	SORT_TIME,		/* time in the kernel (with -T) */
};

struct options {
	enum output_format format;	/* of the -o file */
	const char *output;		/* -o FILE, "-" = stdout; NULL = none */
	bool quiet;			/* -q: no table */
	bool verbose;			/* -v: libbpf messages */
	const char *skip_libs[OPTIONS_MAX_SKIP_LIBS];
	int nr_skip_libs;
	__u32 max_objects;
	__u32 max_mirrors;
	__u32 max_counts;
	__u32 max_object_mib;		/* --max-object-memory MIB (user/elf_file.h) */
	__u32 sample_every;		/* --sample N: count 1 syscall in N; 1 = all */
	bool bpf_stats;			/* --bpf-stats: in-kernel run time per program */
	bool per_process;		/* --per-process: counts per (pid, object) */
	bool walker_scan;		/* --walker scan: no unwind tables (diagnostic, bench) */
	bool trace_filter;		/* -e trace=SET given */
	const char *trace_set;		/* ... its SET, as written */
	__u64 trace_bits[FILTER_WORDS];	/* ... the syscalls it counts */
	enum sort_key sort;		/* -S: every table block */
	__u32 top;			/* --top N: rows per table block, 0 = all */
	bool top_set;			/* --top given (else: by destination) */
	bool errors;			/* --errors: failed calls per (object, syscall) */
	bool time;			/* -T: time in the kernel per (object, syscall) */
	bool hist;			/* --hist: log2 histogram of the times (implies -T) */
	bool sites;			/* --sites: counts per call site too */
	const char *debug_dir;		/* --debug-dir DIR[:DIR...]: separate debug files for
					 * --sites names (default /usr/lib/debug) */
	__u32 depth;			/* --depth N: per call chain of N frames (1 = none) */
	const char *user;		/* -u USER: run the target as USER */
	bool subreaper;			/* --subreaper: orphans of the tree reparent to us */
	__u32 interval;			/* --interval SEC: interim tables, 0 = none */
	int pids[OPTIONS_MAX_PIDS];	/* -p PID[,PID...]: attach instead of run */
	int nr_pids;
	bool force;			/* --force: allow -p 1 */
	bool descendants;		/* --descendants: -p takes each PID's existing descendants too */
	bool all;			/* -a: every process of the machine but syso-kagg */
	const char *cgroup;		/* --cgroup PATH: every task in this cgroup v2 or below */
	__u32 duration;			/* --duration SEC: end a -p/-a/--cgroup run, 0 = never */
	const char *listen_addr;	/* --listen [ADDR:]PORT: serve /metrics; NULL = off */
	__u16 listen_port;
	char listen_buf[64];		/* listen_addr points here */
	char **argv;			/* target command, NULL-terminated */
	int argc;
};

/* A run that attaches to what is already running (-p, -a, --cgroup)
 * rather than starting a PROGRAM. */
static inline bool options__attaches(const struct options *o)
{
	return o->nr_pids || o->all || o->cgroup;
}

/* Returns -1 to go on, or an exit status (0 for --help/--version). */
int options__parse(struct options *opts, int argc, char **argv);

#endif
