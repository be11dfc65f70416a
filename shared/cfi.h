/* SPDX-License-Identifier: MIT */
/*
 * Compact unwind tables for the objects the walker steps through (libc and
 * --skip-lib objects), built in userspace from .eh_frame and read by the
 * BPF walker. One row says how to find the caller's frame from any pc in
 * [row.start, next row.start) of one object:
 *
 *	CFA = (kind == CFI_CFA_RSP ? rsp : rbp) + cfa_off
 *	return address = *(CFA - 8)
 *	caller's rsp   = CFA
 *	caller's rbp   = rbp_slot ? *(CFA - 8 * rbp_slot) : rbp (unchanged)
 *
 * For an i386 object (table word 4, compat processes: kern/walk32.bpf.h)
 * the same rows mean esp/ebp, the return address at CFA - 4 and ebp at
 * CFA - 4 * rbp_slot; only the CFI_CFA_RSP/RBP, CFI_SIGNAL (the
 * interrupted code's esp at esp + cfa_off, its eip 28 bytes above: the
 * kernel's sigcontext_32), OUTERMOST, GAP and UNSUPPORTED kinds occur
 * there.
 *
 * Addresses are file offsets in the object (ELF vaddr converted through
 * its PT_LOAD header), which the kernel gets as pc - (vm_start - vm_pgoff
 * * PAGE_SIZE): no load address or ASLR involved.
 */
#ifndef SYSO_KAGG_CFI_H
#define SYSO_KAGG_CFI_H

#ifndef __VMLINUX_H__
#include <linux/types.h>
#endif

enum cfi_kind {
	CFI_GAP = 0,		/* no FDE covers these pcs */
	CFI_CFA_RSP = 1,	/* CFA = rsp + cfa_off */
	CFI_CFA_RBP = 2,	/* CFA = rbp + cfa_off */
	CFI_UNSUPPORTED = 3,	/* CFA or RA rule the compact form cannot say
				 * (other CFA registers or expressions, offsets
				 * over 65535; in glibc only longjmp's and
				 * setcontext's register switch, which neither
				 * calls nor makes a syscall): marked, never
				 * guessed */
	CFI_OUTERMOST = 4,	/* return address undefined (DW_CFA_undefined
				 * rip): the first frame of a thread or process */
	CFI_SIGNAL = 5,		/* a signal frame ('S' FDE: glibc's __restore_rt):
				 * the interrupted code's registers are saved at
				 * rsp: its rsp at rsp + cfa_off, its pc at
				 * rsp + cfa_off + 8, its rbp at rsp + 8*rbp_slot
				 * (0 = unchanged); that pc is exact, not a
				 * return address */
	CFI_PLT = 6,		/* a lazy PLT entry (DW_CFA_def_cfa_expression):
				 * CFA = rsp + cfa_off + ((pc & 15) >= rbp_slot
				 * ? 8 : 0), rbp unchanged */
	CFI_RA_RDI = 7,		/* return address in rdi, CFA = rsp + cfa_off,
				 * rbp unchanged (glibc's vfork around its
				 * syscall); known only where rdi is, at the
				 * syscall's own frame */
};

struct cfi_row {
	__u32 start;		/* file offset of the first pc the row covers */
	__u16 cfa_off;
	__u8 rbp_slot;		/* rbp saved at CFA - 8*rbp_slot; 0 = unchanged */
	__u8 kind;		/* enum cfi_kind */
};
_Static_assert(sizeof(struct cfi_row) == 8, "struct cfi_row: kernel and userspace share this layout: change both sides, then this size");

/*
 * Where an object's rows sit in the shared arrays (BPF side). To keep the
 * BPF search short and its verification cheap, the object's text is cut
 * into buckets of 2^shift bytes of file offset; bucket b's entry is the
 * index of the row in effect at the bucket's first byte, and the row for
 * an offset lies between its bucket's entry and the next bucket's entry
 * (inclusive), a span userspace keeps within CFI_BUCKET_MAX_ROWS by
 * choosing shift. The entry after the last bucket is a sentinel.
 */
struct cfi_table {
	__u32 first_row;	/* index of its first row in the row array */
	__u32 nr_rows;
	__u32 first_bucket;	/* index of bucket 0 in the bucket array */
	__u32 nr_buckets;	/* buckets, not counting the sentinel */
	__u32 base;		/* file offset where bucket 0 starts */
	__u32 shift;		/* log2 of the bucket size in bytes */
	__u32 word;		/* stack slot and address bytes: 8 (x86-64), 4
				 * (i386: CFA = esp/ebp + cfa_off, return
				 * address at CFA - 4, ebp at CFA - 4*rbp_slot) */
};
_Static_assert(sizeof(struct cfi_table) == 28, "struct cfi_table: kernel and userspace share this layout: change both sides, then this size");

/*
 * The GNU build-id note of a loaded table's file, so that the walker can
 * give that table at once to another file with the same contents (a libc
 * copied into a container or a private mount namespace) without waiting
 * for userspace: at file offset note_off (of the note's header) in the
 * mapped file, NT_GNU_BUILD_ID with name "GNU" and this 20-byte id.
 */
#define CFI_BUILD_ID_BYTES	20
#define CFI_KNOWN_BUILD_IDS	8

struct cfi_build_id {
	__u64 note_off;
	__u8 id[CFI_BUILD_ID_BYTES];
	__u32 table;		/* 0: unused entry (the list ends) */
};
_Static_assert(sizeof(struct cfi_build_id) == 8 + CFI_BUILD_ID_BYTES + 4, "struct cfi_build_id: kernel and userspace share this layout: change both sides, then this size");

/* A bucket spans fewer rows than this (the BPF search takes log2 steps). */
#define CFI_BUCKET_MAX_ROWS	256
/* Capacity of the table, row and bucket arrays by default. */
#define CFI_MAX_TABLES		64
#define CFI_DEFAULT_MAX_BUCKETS	(1u << 18)

/* Capacity of the shared row array by default: Debian 12's libc needs
 * ~25 000 rows; ld.so, libstdc++ and a few --skip-lib objects fit. */
#define CFI_DEFAULT_MAX_ROWS	(1u << 18)
/* Frames the walker steps through inside skipped objects: the first
 * CFI_INLINE_DEPTH in a plain loop (almost every stack ends there), the
 * rest in a bpf_loop, paid for only by deep stacks (nftw, qsort
 * recursing in libc; interpreters skipped with --skip-lib). */
#define CFI_MAX_DEPTH		160
#define CFI_INLINE_DEPTH	16

/* Derived capacities: what the code that uses them assumes. */
_Static_assert((CFI_BUCKET_MAX_ROWS & (CFI_BUCKET_MAX_ROWS - 1)) == 0,
	       "the walker's bucket search halves a power of two (kern/walk.bpf.h)");
_Static_assert(CFI_KNOWN_BUILD_IDS <= CFI_MAX_TABLES,
	       "the kernel's build-id list is the first tables' (user/unwind_tables.c)");
_Static_assert(CFI_INLINE_DEPTH <= CFI_MAX_DEPTH,
	       "the bpf_loop walks CFI_MAX_DEPTH - CFI_INLINE_DEPTH frames");

#endif
