/* SPDX-License-Identifier: MIT */
/*
 * .eh_frame reader: turns an object's DWARF call frame information into the
 * compact rows of shared/cfi.h (one sorted, merged array per object) for the
 * BPF walker. x86-64 and i386 (ELF32, for compat processes); anything the compact form cannot say becomes a
 * CFI_UNSUPPORTED row, never a guess.
 *
 * Error policy: a broken section framing (entry lengths, truncation) fails
 * the whole parse (negative errno, text in err). A broken single FDE (bad
 * CIE pointer, bad CIE, bad instructions) is counted in stats.errors and
 * described in err (first one only); its pc range becomes one
 * CFI_UNSUPPORTED row when the range itself was readable, else it is left
 * out. The call then still returns 0. A section over the caps of what
 * one object may make the parser hold or run (CIEs, FDEs, rows, CFA
 * instruction bytes; doc/resources.md) or over the object-data budget
 * (user/elf_file.h) fails with -E2BIG: no table rather than part of one.
 */
#ifndef SYSO_KAGG_USER_CFI_H
#define SYSO_KAGG_USER_CFI_H

#include <stddef.h>
#include <linux/types.h>

#include "shared/cfi.h"
#include "elf_segments.h"

struct cfi_stats {
	__u64 cies;		/* CIEs in the section */
	__u64 fdes;		/* FDEs in the section, including skipped ones */
	__u64 fdes_empty;	/* zero-length pc range: nothing to cover */
	__u64 fdes_unmapped;	/* pc range outside every segment: skipped */
	__u64 overlaps;		/* FDEs starting before an earlier one ended;
				 * the earlier-starting FDE wins the overlap */
	__u64 rows_raw;		/* rows before merging (after clipping), gaps included */
	__u64 rows;		/* rows after merging == cfi_rows.nr */
	__u64 rsp, rbp, unsupported, gaps, outermost;	/* rows after merging, by kind */
	__u64 signal, plt, ra_rdi;
	__u64 syscall_rows;	/* clone's syscall after its FDE's end, covered */
	__u64 errors;		/* FDEs that could not be read or interpreted */
};

struct cfi_rows {
	struct cfi_row *rows;	/* sorted by start, no duplicate starts */
	size_t nr;
	unsigned int word;	/* bytes per stack slot and address: 8 (x86-64)
				 * or 4 (i386: rows say esp/ebp, the return
				 * address at CFA - 4, ebp at CFA - 4*slot) */
	struct cfi_stats stats;
};

/*
 * Parse the .eh_frame of the ELF object at path. Returns 0 with *out filled
 * (free with cfi__free), or -errno with a one-line reason in err.
 */
int cfi__from_file(const char *path, struct cfi_rows *out, char *err, size_t errlen);
/* The same from an open file (not closed); path only names it in err. */
int cfi__from_fd(int fd, const char *path, struct cfi_rows *out, char *err, size_t errlen);

/*
 * The same parser on raw .eh_frame bytes loaded at eh_frame_vaddr. FDE pcs
 * go through segs to file offsets; with nr_segs == 0 offsets equal vaddrs.
 */
int cfi__from_memory(const void *eh_frame, size_t size, __u64 eh_frame_vaddr,
		     const struct elf_segment *segs, size_t nr_segs,
		     struct cfi_rows *out, char *err, size_t errlen);

/* The same for an i386 object's section (4-byte addresses and slots). */
int cfi__from_memory_i386(const void *eh_frame, size_t size, __u64 eh_frame_vaddr,
			  const struct elf_segment *segs, size_t nr_segs,
			  struct cfi_rows *out, char *err, size_t errlen);

/* The row covering file offset off, or NULL before the first row. */
const struct cfi_row *cfi__lookup(const struct cfi_rows *t, __u64 off);

/* "gap", "rsp", "rbp", "unsupported", "outermost", "signal", "plt",
 * "ra_rdi" or "?". */
const char *cfi__kind_name(unsigned int kind);

void cfi__free(struct cfi_rows *t);

#endif
