/* SPDX-License-Identifier: MIT */
/*
 * The mirror: for each traced address space (keyed by its mm_struct
 * address), a sorted array of executable ranges known to be exact, and the
 * object each belongs to. It starts (nearly) empty at exec and fork and is
 * filled lazily: a pc it does not hold is resolved exactly with
 * bpf_find_vma and inserted. A mapping call (mmap, mprotect, munmap,
 * mremap, ...) removes the mirrored ranges its arguments touch, at the
 * caller's next syscall (or another thread's, once the VMA tree's sequence
 * has moved); the lazy fill re-inserts what is executable now.
 * Updated in place: writers are serialised by `lock` and make `seq` odd
 * while they change the array; readers retry nothing, they treat a lookup
 * that saw `seq` odd or moving as a miss (see kern/mirror.bpf.h).
 */
#ifndef SYSO_KAGG_MIRROR_H
#define SYSO_KAGG_MIRROR_H

/* Fixed-width types: vmlinux.h on the BPF side, UAPI in userspace. */
#ifndef __VMLINUX_H__
#include <linux/types.h>
#endif

#include "limits.h"

enum range_flags {
	RANGE_F_SKIPPED = 1u << 0,	/* object is transparent (libc, --skip-lib) */
	RANGE_F_DONTCOPY = 1u << 1,	/* VM_DONTCOPY (MADV_DONTFORK) when inserted */
};

struct exec_range {
	__u64 start;		/* vm_start */
	__u64 end;		/* vm_end, exclusive */
	__u64 bias;		/* vm_start - file offset: addr - bias = file offset */
	__u32 obj_id;
	__u32 flags;
	__u32 cfi_table;	/* index in the CFI table array, 0 = none */
	__u32 pad;
};
_Static_assert(sizeof(struct exec_range) == 40, "struct exec_range: kernel and userspace share this layout: change both sides, then this size");

struct mirror {
	__u32 seq;		/* odd while a writer changes r[] / nr */
	__u32 lock;		/* 1 while a writer holds the mirror */
	__u32 gen;		/* bumped by every removal: an exact lookup made
				 * before it may be stale and is not inserted */
	__u32 cfi_gen;		/* cfi_generation last applied: ranges of skipped
				 * objects without a table are dropped when it moves */
	__u64 pending_seq;	/* mm_lock_seq when pending[] was last applied */
	__u64 pending_lo;	/* union of the mapping calls not yet applied by */
	__u64 pending_hi;	/* their callers, for the other threads */
	__u32 pending;		/* mapping calls noticed, not yet applied by their caller */
	__u32 nr;		/* ranges used, sorted by start, disjoint */
	struct exec_range r[MIRROR_MAX_RANGES];
};
_Static_assert(sizeof(struct mirror) == 48 + MIRROR_MAX_RANGES * sizeof(struct exec_range), "struct mirror: kernel and userspace share this layout: change both sides, then this size");

/* A mapping call's effect on the mirror, noted at its sys_enter (per task,
 * in task storage) and applied at the task's next syscall. */
struct mirror_change {
	__u64 lo, hi;		/* remove mirrored ranges overlapping [lo, hi) */
	__u64 lo2, hi2;		/* a second interval (mremap's target), or empty */
	__u32 valid;		/* noted and not yet applied */
	__u32 counted;		/* also added to the mirror's pending union */
	__u32 intern_fd1;	/* 1 + the fd an executable mmap mapped, 0 = none:
				 * its object is interned at the next syscall */
	__u32 pad;
};
_Static_assert(sizeof(struct mirror_change) == 48, "struct mirror_change: kernel and userspace share this layout: change both sides, then this size");

#endif
