/* SPDX-License-Identifier: MIT */
/*
 * Deferred walks: a syscall made in a skipped object that has no unwind
 * table yet (a libc of another build, in a container or a private mount
 * namespace, before userspace has built its table) is not guessed by the
 * stack scan. The walker copies what the unwind will need, as perf's
 * --call-graph dwarf does: the registers at that frame, the user stack
 * above them, and every executable range a word of that stack points into
 * (looked up exactly while the process lives). Userspace unwinds the copy
 * with the table once it is built (user/deferred.c) and counts the call
 * through the count_deferred program, as sys_enter and sys_exit would have.
 *
 * Kernel -> user: struct deferred_walk (the entry) and, with --errors or
 * -T, struct deferred_exit (the call's return value and time), on the
 * deferred_walks ring buffer. User -> kernel: struct deferred_answer, the
 * context of a BPF_PROG_TEST_RUN of count_deferred.
 */
#ifndef SYSO_KAGG_DEFERRED_H
#define SYSO_KAGG_DEFERRED_H

/* Fixed-width types: vmlinux.h on the BPF side, UAPI in userspace. */
#ifndef __VMLINUX_H__
#include <linux/types.h>
#endif

#include "counts.h"
#include "limits.h"
#include "mirror.h"

/* The stack copied: as far as the stack scan looks (the walk it stands
 * in for), in the scan's aligned chunks. */
#define DEFER_STACK_BYTES	SCAN_MAX_BYTES
#define DEFER_STACK_WORDS	(DEFER_STACK_BYTES / 8)
/* Distinct executable ranges (other than the table-less object's own)
 * that stack words point into; the copy stops at a word needing more. */
#define DEFER_MAX_RANGES	16
/* The walk's own stack, and a vfork child's parent's after it: the
 * copy's bytes in all (a per-CPU map value must stay under 32 KiB). */
#define DEFER_SEGMENTS		2
#define DEFER_BUF_BYTES		(DEFER_STACK_BYTES + DEFER_STACK_BYTES / 2)
#define DEFER_BUF_WORDS		(DEFER_BUF_BYTES / 8)
/* The ring buffer's size by default (a power of two of pages): a copy is
 * its header and the stack up to the last word that points into a
 * range, typically a few hundred bytes to 2 KiB. */
#define DEFER_RING_BYTES	(4u << 20)
/* A copy wakes userspace's drain thread only once the ring holds this
 * much: each wakeup is an irq_work (a self-IPI, ~9 us of the traced call
 * in a VM); userspace drains it anyway when a table lands. */
#define DEFER_WAKE_BYTES	(DEFER_RING_BYTES / 4)

/* count_key.obj_id of a deferred call in sys_enter and, with --errors or
 * -T, in its inflight record (whose key.site then holds the entry's seq):
 * never counted under it. Above every real object id. */
#define OBJ_DEFERRED		0xfffffffdu

enum deferred_kind {
	DEFERRED_ENTRY = 1,	/* struct deferred_walk */
	DEFERRED_EXIT = 2,	/* struct deferred_exit */
};

/* One copied stretch of user stack: the walk's own, and a second one, where
 * the walk may go on elsewhere: a vfork child's parent's (the child's walk
 * goes on in its waiting parent's stack, kern/caller.bpf.h), or the
 * interrupted code's stack under a signal frame on an alternate signal
 * stack. Two register words are looked up like stack words:
 * rdi (vfork keeps its return address there) and the parent's pc. */
struct deferred_segment {
	__u64 base;		/* user address of its first byte: sp rounded
				 * down to SCAN_CHUNK_BYTES */
	__u64 reg[2];		/* rdi if known, the parent's pc; 0 = none */
	__u32 off;		/* where it starts in stack[] */
	__u32 len;		/* bytes of it in stack[] */
	__u32 first;		/* word index of sp in it (the scan starts there) */
	__u32 read;		/* the kernel's: bytes read from base */
	/* bit k: chunk k (SCAN_CHUNK_BYTES from base) could not be read and
	 * is zeros in stack[]: the part of sp's page below what the code
	 * has touched (a frame made by sub rsp, its syscall made before it
	 * wrote there), which is not faulted in yet. Words there are not
	 * the stack's: an unwind that needs one ends (walk_defer_cut). */
	__u32 holes;
	__u32 pad;
};

struct deferred_walk {
	__u32 kind;		/* DEFERRED_ENTRY */
	__u32 has_exit;		/* a deferred_exit with this seq will follow
				 * (--errors/-T and the inflight record held) */
	__u64 seq;		/* unique in the run */
	struct count_key key;	/* the call's key, obj_id and site unknown */
	/* the walker's state at the table-less object's frame */
	__u64 pc, sp, bp, di;
	__u32 di_valid;		/* di is the syscall's rdi (first frame) */
	__u32 adjust;		/* pc looked up at pc - adjust */
	__u32 frames;		/* frames stepped before this one */
	__u32 nr_ranges;
	__u64 site;		/* --sites: the walk's site so far (the
				 * syscall's own), kept if no caller is found */
	/* a vfork child (before exec): its parent's registers at its pending
	 * syscall (clone/vfork), where the walk goes on after the child's
	 * outermost frame, as walk_vfork_parent does */
	__u64 parent_pc, parent_sp, parent_bp, parent_di;
	__u32 has_parent;
	__u32 cur;		/* the segment being copied; once sent, the
				 * last one (1: seg[1] holds a stack too) */
	/* the kernel's: the task's alternate signal stack, and the word index
	 * + 1 of a signal frame's saved ss_size found in segment 0 (0 = none) */
	__u64 sas_sp, sas_size;
	__u32 sig_at;
	__u32 pad2;
	struct exec_range own;	/* pc's range: the object without a table */
	struct exec_range ranges[DEFER_MAX_RANGES];
	struct deferred_segment seg[DEFER_SEGMENTS];	/* [1]: if cur is 1 */
	/* words of stack[] (by index) that point into a range of a
	 * non-skipped object and follow a call instruction: the stack scan's
	 * candidates, for the unwinds that end in it */
	__u64 call_words[DEFER_BUF_WORDS / 64];
	/* the segments, each after the last, each up to the last word that
	 * points into a range (an unwind cannot end beyond it) */
	__u8 stack[DEFER_BUF_BYTES];
};

struct deferred_exit {
	__u32 kind;		/* DEFERRED_EXIT */
	__u32 pad;
	__u64 seq;
	__s64 ret;
	__u64 ns;		/* -T: entry to exit */
};

/* What userspace found, counted by count_deferred on the CPU it runs on
 * (the 96-byte context of a raw tracepoint test run). */
struct deferred_answer {
	struct count_key key;	/* the call's key, obj_id and site found */
	__s64 ret;		/* has_exit: the return value */
	__u64 ns;		/* has_exit and -T: the time */
	__u32 has_exit;
	__u32 outcome;		/* the walk's outcome counter (enum syso_stat) */
	__u32 reason;		/* and its reason counters, or STAT_NR for none */
	__u32 reason2;
};

_Static_assert(sizeof(struct deferred_answer) <= 96,
	       "a raw tracepoint test run's context holds 12 words at most");
_Static_assert(DEFER_STACK_BYTES % SCAN_CHUNK_BYTES == 0 && DEFER_BUF_WORDS % 64 == 0,
	       "the copy reads whole scan chunks, and call_words has whole words");
_Static_assert(sizeof(struct deferred_walk) < 32768,
	       "a per-CPU array's value (defer_bufs) must be under 32 KiB");
_Static_assert((DEFER_MAX_RANGES & (DEFER_MAX_RANGES - 1)) == 0,
	       "the range index is masked with DEFER_MAX_RANGES - 1 (kern/defer.bpf.h)");
_Static_assert(DEFER_STACK_BYTES / SCAN_CHUNK_BYTES <= 32,
	       "deferred_segment.holes has a bit per chunk of a segment");
_Static_assert(sizeof(struct deferred_segment) == 48, "struct deferred_segment: kernel and userspace share this layout: change both sides (and test/fuzz/deferred_seeds.py), then this size");
_Static_assert(sizeof(struct deferred_exit) == 32, "struct deferred_exit: kernel and userspace share this layout: change both sides, then this size");

#endif
