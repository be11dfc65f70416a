/* SPDX-License-Identifier: MIT */
/*
 * The mirror: for each traced address space (keyed by its mm_struct
 * address), the sorted list of its executable ranges and the object each
 * belongs to. The kernel rebuilds it from the VMA tree at exec and fork,
 * and after mmap/mprotect/munmap/mremap/shmat/shmdt calls that may touch
 * executable memory (noticed at their sys_enter, applied at the caller's
 * next syscall, or at another thread's once the VMA tree has changed).
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

struct mirror {
	__u64 kseq;		/* mm->mm_lock_seq when built: newer wins */
	__u64 pending_seq;	/* mm_lock_seq when a mapping call was noticed */
	__u32 cfi_gen;		/* cfi_generation when built: tables loaded since
				 * then make the next syscall rebuild it */
	__u32 pad2;
	__u32 pending;		/* a mapping call may have changed the ranges */
	__u32 nr;		/* ranges used, sorted by start */
	__u32 overflow;		/* executable VMAs that did not fit */
	__u32 pad;
	struct exec_range r[MIRROR_MAX_RANGES];
};

#endif
