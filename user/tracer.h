/* SPDX-License-Identifier: MIT */
/*
 * The BPF side's lifecycle, seen from userspace: probe features, open the
 * skeleton, size the maps from options, load, attach, register the target,
 * and give read access to the maps at exit. One cleanup path.
 */
#ifndef SYSO_KAGG_TRACER_H
#define SYSO_KAGG_TRACER_H

#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>
#include <linux/types.h>

#include "options.h"

struct tracer;

/*
 * The maps other concerns read or fill, as descriptors, valid from
 * tracer__start() to tracer__destroy(). One struct rather than a getter
 * per map: the results read eight of them.
 */
struct tracer_maps {
	int counts;		/* count_key -> per-CPU count_val */
	int hist;		/* count_key -> per-CPU hist_val; -1 without --hist */
	int procs;		/* tgid -> proc_info (sized 1 without --per-process) */
	int stats;		/* per-CPU STAT_* counters (shared/stats.h) */
	/* The traced tree's maps, empty again once every traced task has
	 * exited (the leak checks of the results): */
	int mirrors;		/* mm -> struct mirror */
	int task_bits;		/* two bits per pid (shared/tasks.h) */
	int pending;		/* launched, not yet exec'd: pid -> 1 */
	int obj_ids;		/* obj_key -> obj_ref */
	int obj_infos;		/* object id -> obj_info */
	int skip_names;		/* skip_name -> 1: the objects treated like libc */
	int cfi_ids;		/* the unwind tables (user/unwind_tables.c) */
	int cfi_tables, cfi_rows, cfi_buckets, cfi_build_ids;
	int chains;		/* --depth: chain_key -> chain id (shared/chains.h) */
	__u32 *vdso_cfi_table;	/* the kernel's global (kern/walk.bpf.h) */
	__u32 *vdso32_cfi_table;	/* the 32-bit one's (kern/walk32.bpf.h) */
};

struct obj_event;
struct object_files;
struct prog_usage;
typedef void (*tracer_request_fn)(struct tracer *t, const struct obj_event *ev);

/* Lifecycle. Probe, open, size and load the BPF programs (not attached
 * yet): 0 with *out set, or an exit status after printing one line. */
int tracer__start(struct tracer **out, const struct options *opts);
/* Attach: from here on the kernel follows registered tasks. 0 or status. */
int tracer__attach(struct tracer *t);
void tracer__destroy(struct tracer *t);

const struct tracer_maps *tracer__maps(const struct tracer *t);

/* The traced tree. Add pid to it (pending until it execs): 0 or -errno. */
int tracer__register(struct tracer *t, pid_t pid);
/* -p: trace a running thread from now on. 0, -ESRCH if gone, or -errno. */
int tracer__trace_thread(struct tracer *t, pid_t tid);
/* Traced tasks alive now. */
__u64 tracer__live_tasks(const struct tracer *t);

/* Objects. The files of those seen so far (user/object_files.h), and how
 * many ids were handed out. */
struct object_files *tracer__object_files(const struct tracer *t);
__u32 tracer__objects_interned(const struct tracer *t);
/* Ids in use now: handed out and not given back (user/reclaim.h). */
__u32 tracer__objects_in_use(const struct tracer *t);
/* The objects reclaimed so far, NULL if ids are not reused. */
struct reclaim;
const struct reclaim *tracer__reclaim(const struct tracer *t);
/* An fd to poll for the kernel's object events (-1 if none), and their
 * handling: each object's file is opened through its mapping then. */
int tracer__events_fd(const struct tracer *t);
void tracer__handle_events(struct tracer *t);
/* At the run's end: the last events, and every deferred walk counted
 * (user/deferred.h), before the counts are read. */
void tracer__finish(struct tracer *t);
/* Skipped objects the kernel met without an unwind table, and with --depth
 * the objects a chain met without one (within the budget): fn is called
 * from tracer__handle_events() for each, once its file is held
 * (object_files__fd(tracer__object_files(t), ev->obj_id)). */
void tracer__on_table_request(struct tracer *t, tracer_request_fn fn);
/* --depth: may a table be built for an object a chain met (flags: its
 * OBJ_F_*)? Counts it against CHAIN_MAX_TABLES, or as refused. */
bool tracer__chain_table_budget(struct tracer *t, __u32 flags);
/* --depth: tables built for objects chains met, and those refused over
 * CHAIN_MAX_TABLES. */
void tracer__chain_tables(const struct tracer *t, __u32 *asked, __u32 *refused);
/* After a live table load for obj_id (or its failure): count it, make
 * mirrors pick it up, and unwind the calls deferred for want of it. */
void tracer__table_loaded(struct tracer *t, __u32 obj_id, bool ok);
void tracer__tables_live(const struct tracer *t, __u32 *loaded, __u32 *failed);

/* With --bpf-stats: each loaded program's runs and time (at most max);
 * 0 without. */
int tracer__prog_usage(const struct tracer *t, struct prog_usage *out, int max);

#endif
