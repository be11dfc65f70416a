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

/* The unwind-table maps and how much of them is used (user/unwind_tables.c). */
struct unwind_space {
	int ids_fd, tables_fd, rows_fd, buckets_fd, build_ids_fd;
	__u32 *vdso_table;	/* the kernel's vdso_cfi_table (kern/walk.bpf.h) */
	__u32 tables;		/* next table index; 0 means "no table" */
	__u32 rows, max_rows;
	__u32 buckets, max_buckets;
};

struct obj_event;
struct object_files;
typedef void (*tracer_request_fn)(struct tracer *t, const struct obj_event *ev);

/* Skipped objects the kernel met without an unwind table, and with --depth
 * the objects a chain met without one (within the budget): fn is called
 * from tracer__handle_events() for each, once its file is held
 * (object_files__fd(tracer__object_files(t), ev->obj_id)). */
void tracer__on_table_request(struct tracer *t, tracer_request_fn fn);
/* An fd to poll for the kernel's object events (-1 if none), and their
 * handling: each object's file is opened through its mapping then. */
int tracer__events_fd(const struct tracer *t);
void tracer__handle_events(struct tracer *t);
/* --depth: may a table be built for an object a chain met (flags: its
 * OBJ_F_*)? Counts it against CHAIN_MAX_TABLES, or as refused. */
bool tracer__chain_table_budget(struct tracer *t, __u32 flags);
void tracer__chain_tables(const struct tracer *t, __u32 *asked, __u32 *refused);
/* --depth N in force (1 = no chains), and the chain map (shared/chains.h). */
__u32 tracer__depth(const struct tracer *t);
int tracer__chains_fd(const struct tracer *t);
/* After a live table load: count it and make mirrors pick it up. */
void tracer__table_loaded(struct tracer *t, bool ok);
void tracer__tables_live(const struct tracer *t, __u32 *loaded, __u32 *failed);
int tracer__obj_ids_fd(const struct tracer *t);
/* The files of the objects seen so far (user/object_files.h). */
struct object_files *tracer__object_files(const struct tracer *t);

/* Probe, open, size and load the BPF programs (not attached yet).
 * Returns 0 with *out set, or an exit status after printing one line. */
int tracer__start(struct tracer **out, const struct options *opts);
/* Attach: from here on the kernel follows registered tasks. 0 or status. */
int tracer__attach(struct tracer *t);
struct unwind_space *tracer__unwind_space(struct tracer *t);
/* Add pid to the traced tree (pending until it execs). 0 or -errno. */
int tracer__register(struct tracer *t, pid_t pid);
/* -p: trace a running thread from now on. 0, -ESRCH if gone, or -errno. */
int tracer__trace_thread(struct tracer *t, pid_t tid);
/* Traced tasks alive now. */
__u64 tracer__live_tasks(const struct tracer *t);
void tracer__destroy(struct tracer *t);
bool tracer__per_process(const struct tracer *t);
/* Which of --errors, -T, --sites the counts carry. */
void tracer__features(const struct tracer *t, bool *errors, bool *time, bool *sites);
int tracer__procs_fd(const struct tracer *t);
/* --hist: whether given, and the histogram map. */
bool tracer__hist(const struct tracer *t);
int tracer__hist_fd(const struct tracer *t);
/* --sample N in force (1 = every syscall counted). */
__u32 tracer__sample_every(const struct tracer *t);
struct prog_usage;
/* With --bpf-stats: each loaded program's runs and time (at most max);
 * 0 without. */
int tracer__prog_usage(const struct tracer *t, struct prog_usage *out, int max);
/* With --bpf-stats: one line per BPF program, its run count and time. */
void tracer__print_bpf_stats(const struct tracer *t, FILE *f);

/* Map fds for the report and the skipped objects. */
int tracer__skip_names_fd(const struct tracer *t);
int tracer__task_bits_fd(const struct tracer *t);
int tracer__pending_fd(const struct tracer *t);
__u32 tracer__objects_interned(const struct tracer *t);
int tracer__counts_fd(const struct tracer *t);
int tracer__obj_infos_fd(const struct tracer *t);
int tracer__stats_fd(const struct tracer *t);
int tracer__mirrors_fd(const struct tracer *t);

#endif
