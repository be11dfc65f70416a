// SPDX-License-Identifier: MIT
/*
 * libFuzzer target for user/cfi.c: any bytes as an .eh_frame, parsed once
 * with offsets = vaddrs and once through two segments, as x86-64 and as
 * i386 (4-byte words: no PLT or rdi rows), then the output's invariants
 * checked (sorted unique starts, merged rows, consistent stats).
 * Built and run by `make fuzz`.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cfi.h"
#include "elf_file.h"

static void check(const struct cfi_rows *t, int ret, unsigned int word)
{
	__u64 kinds[CFI_RA_RDI + 1] = {};
	struct elf_file_stats s;

	/* the parser's arrays are released whatever the outcome */
	elf_file__stats(&s);
	if (s.used)
		abort();

	if (ret) {
		if (t->rows || t->nr)
			abort();
		return;
	}
	if (t->stats.rows != t->nr || t->stats.rows_raw < t->nr || t->word != word)
		abort();
	for (size_t i = 0; i < t->nr; i++) {
		const struct cfi_row *r = &t->rows[i];

		if (r->kind > CFI_RA_RDI ||
		    (word == 4 && (r->kind == CFI_PLT || r->kind == CFI_RA_RDI)))
			abort();
		kinds[r->kind]++;
		if (i && r->start <= r[-1].start)
			abort();
		if (i && r->kind == r[-1].kind && r->cfa_off == r[-1].cfa_off &&
		    r->rbp_slot == r[-1].rbp_slot)
			abort();
		if ((r->kind == CFI_GAP || r->kind == CFI_UNSUPPORTED || r->kind == CFI_OUTERMOST) &&
		    (r->cfa_off || r->rbp_slot))
			abort();
		if (cfi__lookup(t, r->start) != r)
			abort();
	}
	if (t->nr && t->rows[t->nr - 1].kind != CFI_GAP)
		abort();
	if (kinds[CFI_GAP] != t->stats.gaps || kinds[CFI_CFA_RSP] != t->stats.rsp ||
	    kinds[CFI_CFA_RBP] != t->stats.rbp || kinds[CFI_UNSUPPORTED] != t->stats.unsupported ||
	    kinds[CFI_OUTERMOST] != t->stats.outermost)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct elf_segment segs[] = {
		{ .vaddr = 0x1000, .size = 0x10000, .offset = 0 },
		{ .vaddr = 0x20000, .size = 0x1000, .offset = 0x11000 },
	};
	struct cfi_rows t;
	char err[128];
	int ret;

	/* A copy of exactly size bytes, so ASan sees any overread. */
	uint8_t *buf = malloc(size ? size : 1);

	if (!buf)
		return 0;
	memcpy(buf, data, size);
	ret = cfi__from_memory(buf, size, 0x10000, NULL, 0, &t, err, sizeof(err));
	check(&t, ret, 8);
	cfi__free(&t);
	ret = cfi__from_memory(buf, size, 0x800, segs, 2, &t, err, sizeof(err));
	check(&t, ret, 8);
	cfi__free(&t);
	ret = cfi__from_memory_i386(buf, size, 0x800, segs, 2, &t, err, sizeof(err));
	check(&t, ret, 4);
	cfi__free(&t);
	free(buf);
	return 0;
}
