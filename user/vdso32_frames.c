// SPDX-License-Identifier: MIT
/* Unwind rows the 32-bit vDSO's .eh_frame lacks (see below). */
#include <elf.h>
#include <errno.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

#include "cfi.h"
#include "vdso32.h"

/*
 * The 32-bit vDSO's .eh_frame covers only its hand-written code
 * (__kernel_vsyscall, the sigreturn trampolines): the kernel builds its C
 * functions (clock_gettime, ...) without unwind tables, but with frame
 * pointers. Their syscalls (a CPU clock's clock_gettime) go through
 * `call __kernel_vsyscall`, so the only frames of theirs a walk meets are
 * those calls' return addresses, where ebp is the function's frame: CFA =
 * ebp + 8, ebp saved at CFA - 8. The rows below say exactly that, for the
 * call instructions only, in functions (dynamic symbols) that set up the
 * frame (push %ebp; mov %esp,%ebp) within their first bytes, and only
 * where the .eh_frame has no row.
 */
#define PROLOGUE_WITHIN	16	/* the frame set-up after a pc thunk call */
#define CALL_LEN	5	/* e8 rel32 */

struct call_site {
	__u32 start;
};

/* The calls to entry (e8 rel32) in frame-pointer functions of the image. */
static size_t vsyscall_calls(const unsigned char *img, size_t size, struct call_site *out,
			     size_t max)
{
	const Elf32_Ehdr *eh = (const void *)img;
	size_t n = 0;

	if (eh->e_shoff > size || eh->e_shnum > (size - eh->e_shoff) / sizeof(Elf32_Shdr))
		return 0;
	for (int i = 0; i < eh->e_shnum; i++) {
		const Elf32_Shdr *sh = (const void *)(img + eh->e_shoff + i * sizeof(*sh));

		if (sh->sh_type != SHT_DYNSYM || sh->sh_offset > size ||
		    sh->sh_size > size - sh->sh_offset)
			continue;
		for (size_t k = 0; k + sizeof(Elf32_Sym) <= sh->sh_size; k += sizeof(Elf32_Sym)) {
			const Elf32_Sym *sym = (const void *)(img + sh->sh_offset + k);
			__u32 lo = sym->st_value, hi = sym->st_value + sym->st_size, at = 0;

			if (ELF32_ST_TYPE(sym->st_info) != STT_FUNC || hi > size || hi < lo + 3)
				continue;
			for (__u32 p = lo; p + 3 <= hi && p < lo + PROLOGUE_WITHIN && !at; p++)
				if (img[p] == 0x55 && img[p + 1] == 0x89 && img[p + 2] == 0xe5)
					at = p + 3;
			for (__u32 p = at; at && p + CALL_LEN <= hi && n < max; p++) {
				__s32 rel;

				memcpy(&rel, img + p + 1, 4);
				if (img[p] == 0xe8 && p + CALL_LEN + (__u32)rel == eh->e_entry)
					out[n++].start = p;
			}
		}
	}
	return n;
}

static int site_cmp(const void *a, const void *b)
{
	const struct call_site *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

/* rows with a frame-pointer row over each call site that lies in a gap */
static int add_site_rows(struct cfi_rows *rows, const struct call_site *cs, size_t n)
{
	struct cfi_row *out = calloc(rows->nr + 2 * n, sizeof(*out));
	const struct cfi_row fp = { .kind = CFI_CFA_RBP, .cfa_off = 8, .rbp_slot = 2 };
	size_t o = 0, j = 0;

	if (!out)
		return -ENOMEM;
	for (size_t i = 0; i < rows->nr; i++) {
		__u64 end = i + 1 < rows->nr ? rows->rows[i + 1].start : UINT32_MAX;
		__u64 cur = rows->rows[i].start;

		out[o++] = rows->rows[i];
		for (; j < n && cs[j].start < end; j++) {
			if (rows->rows[i].kind != CFI_GAP || cs[j].start < cur ||
			    cs[j].start + CALL_LEN > end)
				continue;
			if (out[o - 1].start != cs[j].start)
				o++;
			out[o - 1] = fp;
			out[o - 1].start = cs[j].start;
			cur = cs[j].start + CALL_LEN;
			if (cur < end)
				out[o++] = (struct cfi_row){ .start = cur, .kind = CFI_GAP };
		}
	}
	free(rows->rows);
	rows->rows = out;
	rows->nr = o;
	return 0;
}

#define MAX_CALL_SITES	64

int vdso32__frame_rows(const void *image, size_t size, struct cfi_rows *rows)
{
	struct call_site cs[MAX_CALL_SITES];
	size_t n = vsyscall_calls(image, size, cs, MAX_CALL_SITES);

	if (!n)
		return 0;
	qsort(cs, n, sizeof(*cs), site_cmp);
	return add_site_rows(rows, cs, n);
}
