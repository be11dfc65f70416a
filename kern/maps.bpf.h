/* SPDX-License-Identifier: MIT */
/*
 * Every BPF map and global of syso-kagg, in one place so that capacities
 * are easy to audit. Userspace resizes the hash/array capacities from
 * options with bpf_map__set_max_entries() before load.
 */
#ifndef SYSO_KAGG_MAPS_BPF_H
#define SYSO_KAGG_MAPS_BPF_H

#include "../shared/limits.h"
#include "../shared/objects.h"
#include "../shared/mirror.h"
#include "../shared/tasks.h"
#include "../shared/counts.h"
#include "../shared/stats.h"
#include "../shared/cfi.h"
#include "../shared/filter.h"
#include "../shared/chains.h"
#include "../shared/deferred.h"
#include "errno.bpf.h"

/* Membership of the traced tree: two bits per pid (shared/tasks.h). */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, TASK_DEFAULT_WORDS);
	__type(key, __u32);
	__type(value, __u64);
} task_bits SEC(".maps");

/* Launched by userspace, not yet exec'd: pid -> 1. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, TASK_MAX_PENDING);
	__type(key, __u32);
	__type(value, __u8);
} pending_pids SEC(".maps");

/* mm_struct address -> executable ranges, changed in place (seqcount, see
 * mirror.bpf.h). NO_PREALLOC matters: a deleted element is freed after an
 * RCU grace period, never reused at once for another address space while
 * a reader on another CPU still holds it. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__uint(max_entries, DEFAULT_MAX_MIRRORS);
	__type(key, __u64);
	__type(value, struct mirror);
} mirrors SEC(".maps");

/* Address spaces whose mirror did not fit in `mirrors`, counted once (in
 * the mirrors_* stat of the reason): MIRROR_REFUSED_FULL is not retried at
 * every syscall; MIRROR_REFUSED_RETRY (no memory at hand, a busy lock:
 * passing) is, at the address space's next syscall. LRU: bounded. */
struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, MIRRORS_REFUSED_MAX);
	__type(key, __u64);
	__type(value, __u8);
} mirrors_refused SEC(".maps");

/* An empty mirror, the value a new one is created from (too big for the
 * BPF stack). */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct mirror);
} mirror_scratch SEC(".maps");

/* Per task: the mapping call it made last, applied at its next syscall. */
struct {
	__uint(type, BPF_MAP_TYPE_TASK_STORAGE);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, int);
	__type(value, struct mirror_change);
} mirror_changes SEC(".maps");

/* (dev, ino) -> object id and flags. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, DEFAULT_MAX_OBJECTS);
	__type(key, struct obj_key);
	__type(value, struct obj_ref);
} obj_ids SEC(".maps");

/* Ids userspace reclaimed (user/reclaim.c): an object no mirror maps any
 * more, its counts folded, its obj_ids entry gone. obj_intern_new takes
 * one before handing out a new one, so that the table lasts however many
 * files a run sees. Sized like obj_infos by userspace. */
struct {
	__uint(type, BPF_MAP_TYPE_QUEUE);
	__uint(max_entries, DEFAULT_MAX_OBJECTS);
	__type(value, __u32);
} free_obj_ids SEC(".maps");

/* Objects that did not fit in obj_ids/obj_infos, so that each is counted
 * once in objects_full. LRU: bounded. */
struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, OBJECTS_REFUSED_MAX);
	__type(key, struct obj_key);
	__type(value, __u8);
} objects_refused SEC(".maps");

/* object id -> path and flags, read by userspace at exit. */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, DEFAULT_MAX_OBJECTS);
	__type(key, __u32);
	__type(value, struct obj_info);
} obj_infos SEC(".maps");

/* File names treated as transparent (libc.so.6, --skip-lib NAME). */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, SKIP_NAMES_MAX);
	__type(key, struct skip_name);
	__type(value, __u8);
} skip_names SEC(".maps");

/* (object id, syscall) -> calls, per CPU: no atomics on the hot path. */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_HASH);
	__uint(map_flags, BPF_F_NO_PREALLOC);	/* fast start-up; inserts are rare */
	__uint(max_entries, DEFAULT_MAX_COUNTS);
	__type(key, struct count_key);
	__type(value, struct count_val);
} counts SEC(".maps");

/* --sites: count per call site too. --errors / -T: watch syscall exits. */
const volatile bool per_site = false;
const volatile bool track_errors = false;
const volatile bool track_time = false;

/* --depth N: frames per call chain (1 = the first frame only, no chains:
 * kern/chain.bpf.h is not entered). */
const volatile __u32 chain_depth = 1;

/* --depth > 1: chain frames -> id (shared/chains.h); read by userspace.
 * Sized to 1 otherwise. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(map_flags, BPF_F_NO_PREALLOC);	/* inserts are rare */
	__uint(max_entries, DEFAULT_MAX_CHAINS);
	__type(key, struct chain_key);
	__type(value, __u64);
} chains SEC(".maps");

/* The next chain id to hand out (ids are not reused). */
__u64 next_chain_id = 1;

/* --hist: count key -> log2 histogram of its call times, per CPU. Sized
 * like counts with --hist, to 1 otherwise. */
const volatile bool track_hist = false;

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_HASH);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__uint(max_entries, DEFAULT_MAX_COUNTS);
	__type(key, struct count_key);
	__type(value, struct hist_val);
} lat_hist SEC(".maps");

/* --errors / -T: per task, the count its current syscall went to. */
struct {
	__uint(type, BPF_MAP_TYPE_TASK_STORAGE);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, int);
	__type(value, struct inflight);
} inflight SEC(".maps");

/* --per-process: tgid -> name, filled at exec and fork. */
const volatile bool per_process = false;

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__uint(max_entries, DEFAULT_MAX_PROCS);
	__type(key, __u32);
	__type(value, struct proc_info);
} procs SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, STAT_NR);
	__type(key, __u32);
	__type(value, __u64);
} stats SEC(".maps");

/* Unwind tables of skipped objects (shared/cfi.h), loaded by userspace. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, CFI_MAX_TABLES);
	__type(key, struct obj_key);
	__type(value, __u32);		/* index in cfi_tables */
} cfi_ids SEC(".maps");

/* Build-ids of the loaded tables' files (shared/cfi.h). */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, CFI_KNOWN_BUILD_IDS);
	__type(key, __u32);
	__type(value, struct cfi_build_id);
} cfi_build_ids SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, CFI_MAX_TABLES);
	__type(key, __u32);
	__type(value, struct cfi_table);
} cfi_tables SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, CFI_DEFAULT_MAX_ROWS);
	__type(key, __u32);
	__type(value, struct cfi_row);
} cfi_rows SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, CFI_DEFAULT_MAX_BUCKETS);
	__type(key, __u32);
	__type(value, __u32);
} cfi_buckets SEC(".maps");

/* Objects userspace must open through a live mapping (struct obj_event);
 * sized from --max-objects by userspace. */
struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, OBJ_EVENTS_MIN_BYTES);
} obj_events SEC(".maps");

/* Deferred walks (kern/defer.bpf.h): set by userspace, off with --depth > 1
 * (chains are built from the walk's frames in the kernel) and --walker
 * scan; the copies and the calls' exits go to userspace on the ring. */
const volatile bool defer_walks = false;
__u64 defer_seq = 1;
/* Set by userspace at the run's end (user/deferred_drain.c): no more
 * copies, so that its last drain of the ring is bounded; later calls are
 * scanned, as with defer_walks off. */
bool defer_closed = false;

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, DEFER_RING_BYTES);
} deferred_walks SEC(".maps");

/* Bumped by userspace after it loads a table while the target runs: each
 * mirror built before then is rebuilt at its next syscall to pick it up. */
__u32 cfi_generation = 0;

/* -e trace=SET: only the syscalls whose bit is set are counted (x86_64
 * numbers, then i386 ones at FILTER_ABI_BITS; shared/filter.h). */
const volatile bool trace_filter = false;
const volatile __u64 trace_bits[FILTER_WORDS] = {};

/* --sample N: count one syscall in N on each CPU (1 = every syscall). */
const volatile __u32 sample_every = 1;

/* The lowest address a process can map (vm.mmap_min_addr, set by
 * userspace): stack words below it are not code, no lookup needed. */
const volatile __u64 user_floor = 4096;

/* Per-CPU countdown for --sample: a plain counter, no random numbers. */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u32);
} sample_countdown SEC(".maps");

/* Traced tasks alive now; userspace ends the run when it drops to 0. */
__u64 live_tasks = 0;
/* Next object id to hand out, and how many were taken from free_obj_ids
 * instead (userspace: ids in use = handed out - freed + reused). */
__u32 next_obj_id = OBJ_FIRST_FILE;
__u32 obj_ids_reused = 0;

static __always_inline void stat_add(enum syso_stat s, __u64 n)
{
	__u32 key = s;
	__u64 *v = bpf_map_lookup_elem(&stats, &key);

	if (v)
		*v += n;
}

static __always_inline void stat_inc(enum syso_stat s)
{
	stat_add(s, 1);
}

#endif
