/* SPDX-License-Identifier: MIT */
/*
 * The PT_LOAD segments of an ELF object: how its addresses (symbol values,
 * FDE pcs) map to file offsets, which is what the kernel records for a
 * call site. One table for user/symbols.c and user/cfi.c.
 */
#ifndef SYSO_KAGG_ELF_SEGMENTS_H
#define SYSO_KAGG_ELF_SEGMENTS_H

#include <stddef.h>
#include <gelf.h>
#include <linux/types.h>

/* One file-backed range of the object's address space (a PT_LOAD):
 * vaddr in [vaddr, vaddr + size) is at file offset vaddr - vaddr + offset. */
struct elf_segment {
	__u64 vaddr;
	__u64 size;		/* p_filesz: the bytes that come from the file */
	__u64 offset;
};

/* The PT_LOAD segments of elf, in program header order, into *segs
 * (free() it; may be NULL with *nr == 0). 0, -EINVAL if the program
 * headers cannot be read, or -ENOMEM. */
int elf_segments__read(Elf *elf, struct elf_segment **segs, size_t *nr);
/* The segment that holds the whole of [start, end), or NULL. */
const struct elf_segment *elf_segments__holding(const struct elf_segment *segs, size_t nr,
						__u64 start, __u64 end);
/* vaddr's file offset into *off: 0, or -1 if no segment holds vaddr. */
int elf_segments__to_offset(const struct elf_segment *segs, size_t nr, __u64 vaddr, __u64 *off);

#endif
