/* SPDX-License-Identifier: MIT */
/*
 * The run's results, read from the BPF maps once at exit: per-CPU counts
 * summed, object ids resolved to paths, sorted for reporting.
 */
#ifndef SYSO_KAGG_RESULTS_H
#define SYSO_KAGG_RESULTS_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/types.h>

#include "shared/stats.h"
#include "shared/counts.h"
#include "health.h"
#include "chains.h"

struct tracer;
struct object_files;
struct options;

struct syscall_count {
	__u32 nr;			/* | COUNT_NR_COMPAT for i386 */
	__u64 calls;
	__u64 errors;			/* with --errors */
	__u64 ns;			/* with -T: total */
	__u64 min_ns, max_ns;		/* with -T: shortest, longest call */
	__u64 hist[HIST_SLOTS];		/* with --hist: shared/counts.h slots */
};

/* --sites: calls of one syscall from one call site. */
struct site_result {
	__u32 obj_id, pid, nr;
	__u64 site;			/* file offset of the return address; with
					 * --depth COUNT_SITE_CHAIN | chain id */
	const struct chain_key *chain;	/* --depth: its frames (in results.chains),
					 * NULL: the first frame (site) alone */
	__u64 calls;
	const char *object;		/* name of its object (owned by objs) */
};

struct object_result {
	__u32 id;
	__u32 pid;			/* with --per-process, else 0 */
	char comm[16];			/* the process's name, with --per-process */
	__u32 ns_pid;			/* its pid in its own pid namespace (0: unknown) */
	char *cgroup;			/* its cgroup v2 path, with --per-process */
	char *name;			/* absolute path or "[vdso]" etc. */
	bool file;			/* a file object: dev, ino are set */
	bool available;			/* its file is held: symbols, build-id */
	bool renamed;			/* name has its file's identity added */
	__u64 dev, ino;			/* kernel encoding of dev */
	const char *build_id;		/* a reclaimed object's (user/reclaim.h),
					 * NULL: read from its file held */
	__u64 calls;			/* sum over syscalls */
	struct syscall_count *sys;	/* sorted by calls, descending */
	size_t nr_sys;
};

struct results {
	struct object_files *files;	/* the objects' files (the tracer's) */
	struct object_result *objs;	/* sorted by calls, descending */
	size_t nr_objs;
	__u64 calls;			/* total counted (scaled by sample_every) */
	__u32 sample_every;		/* counts are estimates when > 1 */
	bool per_process;		/* objs are per (pid, object) */
	bool errors, time, sites;	/* --errors, -T, --sites were given */
	bool hist;			/* --hist */
	int sort;			/* enum sort_key the blocks are in */
	const char *trace_set;		/* -e trace=SET, or NULL (set by the caller) */
	char *started_path, *started_real;	/* started_as.c */
	__u32 top;			/* table rows per block, 0 = all (set by
					 * the caller: report__top) */
	struct site_result *sites_v;	/* --sites, --depth: sorted by calls, descending */
	size_t nr_sites;
	__u32 depth;			/* --depth N: sites_v are chains when > 1 */
	struct chain_entry *chains;	/* --depth: the interned chains, by id */
	size_t nr_chains;
	struct chain_object *chain_objs;	/* ... and the objects they name */
	size_t nr_chain_objs;
	__u32 chain_tables;		/* tables built for objects met in chains */
	__u32 chain_tables_refused;	/* ... not built: over CHAIN_MAX_TABLES */
	__u64 stats[STAT_NR];
	/* Entries left in the maps after the run: all 0 once every traced
	 * task has exited, unless something leaked. */
	__u64 left_mirrors;
	__u64 left_tasks;
	__u64 left_pending;
	__u32 objects_interned;
	__u64 objects_reclaimed;	/* ids given back (user/reclaim.h) */
	__u32 objects_unavailable;	/* file objects reported whose file
					 * was never held: no symbols, build-id */
	__u32 tables_live;		/* unwind tables loaded while running */
	__u32 tables_failed;		/* ... that could not be built */
	struct health health;		/* map occupancy, BPF run time */
};

/* Read the maps (at any time: interim tables too), syscalls ordered by
 * opts->sort, with what opts asked the counts to carry. 0 or -errno. */
int results__collect(struct results *r, const struct tracer *t, const struct options *opts);
void results__free(struct results *r);
/* Entries in a hash map (any key size up to 64 bytes), by walking its keys. */
__u64 results__count_keys(int fd, size_t key_size);
/* The entry of syscall nr in the array *v of *n, appended (zeroed) if it
 * has none; NULL when out of memory (*v, *n unchanged). */
struct syscall_count *results__sys_slot(struct syscall_count **v, size_t *n, __u32 nr);
/* Add from's calls, errors, time and histogram to (min and max merged). */
void results__add_count(struct syscall_count *to, const struct syscall_count *from);
/* -T: widen [*min, *max] by another range (a min of 0 means none). */
void results__merge_min_max(__u64 *min, __u64 *max, __u64 from_min, __u64 from_max);
/* Order syscalls by sort (enum sort_key), as results__collect does. */
void results__sort_sys(struct syscall_count *v, size_t n, int sort);
/* Name and description of a stats index. */
const char *results__stat_name(int i);
const char *results__stat_desc(int i);

#endif
