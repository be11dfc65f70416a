/* SPDX-License-Identifier: MIT */
/*
 * --depth N: call chains. The kernel unwinds N frames from the first one
 * above libc and the vDSO, interns the chain in the `chains` hash (frames
 * -> id) and counts the syscall under count_key.site = COUNT_SITE_CHAIN |
 * id; userspace reads the hash back to name the frames (user/chains.c).
 */
#ifndef SYSO_KAGG_CHAINS_H
#define SYSO_KAGG_CHAINS_H

/* Fixed-width types: vmlinux.h on the BPF side, UAPI in userspace. */
#ifndef __VMLINUX_H__
#include <linux/types.h>
#endif

/* Frames a chain holds at most (--depth's upper bound). A power of two:
 * the kernel masks its frame index with it. */
#define CHAIN_MAX_DEPTH		16

/* Chains interned at most by default (--max-chains); a chain that does
 * not fit is counted by its first frame only (stat chains_full). */
#define DEFAULT_MAX_CHAINS	16384

/* Tables the kernel may ask userspace to build for the objects met in
 * chains (libc's, the vDSO's and --skip-lib tables do not count): more
 * objects end their chains with CHAIN_END_NO_TABLE. The shared row and
 * bucket arrays are CHAIN_TABLE_SPACE times larger with --depth > 1. */
#define CHAIN_MAX_TABLES	48
#define CHAIN_TABLE_SPACE	4

/* count_key.site with --depth > 1: a chain id (low 32 bits) when this bit
 * is set, else the file offset of the first frame (the chain table was
 * full). */
#define COUNT_SITE_CHAIN	(1ull << 63)

/* One frame: the object and the file offset of its pc (a return address,
 * or the syscall's own pc in the first frame of a direct call). {0, 0}:
 * no frame (the chain is shorter). */
struct chain_frame {
	__u32 obj_id;
	__u32 off;
};

/* A frame with this obj_id is a marker, the chain's last entry: why the
 * unwinding stopped before N frames (off = enum chain_end). A chain that
 * reached the stack's outermost frame has no marker. */
#define CHAIN_MARK		0xffffffffu

enum chain_end {
	CHAIN_END_NO_TABLE = 1,		/* the last frame's object has no unwind
					 * table (not built yet, over the budget,
					 * anonymous code) */
	CHAIN_END_NO_ROW = 2,		/* no usable unwind row at its pc */
	CHAIN_END_UNREADABLE = 3,	/* the user stack could not be read */
	CHAIN_END_NOT_FOLLOWED = 4,	/* the first frame was found by the stack
					 * scan (or in a vfork parent): nothing
					 * to unwind from; or 32-bit code, whose
					 * chains are not unwound */
	CHAIN_END_NEW_OBJECTS = 5,	/* too many objects new to the tool met */
};

struct chain_key {
	struct chain_frame f[CHAIN_MAX_DEPTH];
};

#endif
