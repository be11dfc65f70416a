/* SPDX-License-Identifier: MIT */
/* The counting map: per-CPU hash keyed by (object id, syscall number). */
#ifndef SYSO_KAGG_COUNTS_H
#define SYSO_KAGG_COUNTS_H

/* Fixed-width types: vmlinux.h on the BPF side, UAPI in userspace. */
#ifndef __VMLINUX_H__
#include <linux/types.h>
#endif

/* Set in count_key.nr for a 32-bit (int 0x80 / ia32) syscall, whose number
 * is from the i386 table, not the x86_64 one. */
#define COUNT_NR_COMPAT		0x80000000u

/* count_key.pid_start of the pid-0 keys userspace folds exited processes
 * into (user/fold.c); the kernel's own pid-0 keys (counts_unsplit) have 0,
 * so that each key has a single writer. */
#define COUNT_PID_START_FOLDED	1u

struct count_key {
	__u32 obj_id;
	__u32 nr;		/* syscall number, | COUNT_NR_COMPAT for i386 */
	__u32 pid;		/* process (tgid) with --per-process, else 0;
				 * 0 also for the folded counts of exited ones */
	__u32 pid_start;	/* with pid: low 32 bits of the process's
				 * start_time, which tells a reused pid apart */
	__u64 site;		/* --sites: file offset of the call's return
				 * address in obj_id, else 0 */
};
_Static_assert(sizeof(struct count_key) == 24, "struct count_key: kernel and userspace share this layout: change both sides, then this size");

/* --per-process: the name of each process that made counted calls. */
struct proc_info {
	__u32 ppid;
	__u32 start;		/* as count_key.pid_start */
	char comm[16];		/* after its last exec */
	__u32 exited;		/* its last thread has exited: fold its counts */
	__u32 ns_pid;		/* its pid in its own (innermost) pid namespace */
	__u64 cgroup_id;	/* its cgroup v2 (kernfs id) at fork/exec/attach */
};
_Static_assert(sizeof(struct proc_info) == 40, "struct proc_info: kernel and userspace share this layout: change both sides, then this size");

#define DEFAULT_MAX_PROCS	65536

struct count_val {
	__u64 calls;
	__u64 errors;		/* --errors: returned -4095..-1 */
	__u64 ns;		/* -T: time from entry to exit */
	/* -T: the shortest and longest call. Per CPU, on the CPU where the
	 * call exited (which may have no calls of its own): 0 = none yet, a
	 * 0 ns call is kept as 1 ns. Userspace takes min/max over CPUs. */
	__u64 min_ns;
	__u64 max_ns;
};
_Static_assert(sizeof(struct count_val) == 40, "struct count_val: kernel and userspace share this layout: change both sides, then this size");

/* --hist: log2 histogram of call times per count key (bpftrace hist()):
 * slot 0 is 0 ns, slot k >= 1 is [2^(k-1), 2^k) ns, the last is open. */
#define HIST_SLOTS	64

struct hist_val {
	__u64 slots[HIST_SLOTS];
};
_Static_assert(sizeof(struct hist_val) == 8 * HIST_SLOTS, "struct hist_val: kernel and userspace share this layout: change both sides, then this size");

/* --hist in a -p/-a/--cgroup --per-process run: the histogram map is
 * preallocated like counts (see user/tracer.c), but at 512 bytes per key
 * and CPU only for this many keys; more are counted in hist_full. */
#define HIST_PREALLOC_MAX_KEYS	8192

/* --errors / -T: the syscall a task is in, so that its exit finds the
 * count it was attributed to (BPF task storage). */
struct inflight {
	struct count_key key;
	__u64 start_ns;
	__u32 valid;
	__u32 pad;
};
_Static_assert(sizeof(struct inflight) == sizeof(struct count_key) + 16, "struct inflight: kernel and userspace share this layout: change both sides, then this size");

#endif
