// SPDX-License-Identifier: MIT
/*
 * libFuzzer target for user/deferred_unwind.c: the unwind of a deferred
 * walk's copy, whose stack words are all the traced program's and whose
 * header is the kernel's. The input is a table and a copy:
 *   byte 0: rows in table 1 (mod 17), then that many struct cfi_row;
 *   byte 1: which objects have table 1 (bit obj_id % 7), bit 7: the vDSO's;
 *   the rest: the ring buffer event, in a buffer of exactly its size, so
 *   that a read outside what the kernel sent is caught by ASan.
 * A copy deferred_walk__valid refuses is not unwound. One it accepts must
 * unwind to a known outcome, name its own object or one of its ranges,
 * and keep the call's pid and syscall.
 * Built and run by `make fuzz`.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "shared/cfi.h"
#include "shared/deferred.h"
#include "shared/stats.h"
#include "deferred_unwind.h"

#define FUZZ_MAX_ROWS	16

struct fuzz_tables {
	struct cfi_row rows[FUZZ_MAX_ROWS];
	size_t nr_rows;
	__u8 has_table;		/* bit obj_id % 7: table 1 */
};

static __u32 table_of(void *ctx, __u32 obj_id)
{
	const struct fuzz_tables *f = ctx;

	return (f->has_table >> (obj_id % 7)) & 1;
}

/* The last row starting at or before off, as a sorted table gives it. */
static bool row_at(void *ctx, __u32 index, __u32 off, struct cfi_row *out)
{
	const struct fuzz_tables *f = ctx;
	size_t i, best = FUZZ_MAX_ROWS;

	if (index != 1)
		return false;
	for (i = 0; i < f->nr_rows; i++)
		if (f->rows[i].start <= off && (best == FUZZ_MAX_ROWS ||
						f->rows[i].start >= f->rows[best].start))
			best = i;
	if (best == FUZZ_MAX_ROWS)
		return false;
	*out = f->rows[best];
	return true;
}

static bool known_object(const struct deferred_walk *w, __u32 obj_id)
{
	__u32 i;

	if (obj_id == w->own.obj_id)
		return true;
	for (i = 0; i < w->nr_ranges; i++)
		if (obj_id == w->ranges[i].obj_id)
			return true;
	return false;
}

static void check(const struct deferred_walk *w, const struct deferred_answer *a)
{
	if (a->outcome != STAT_WALK_CFI && a->outcome != STAT_WALK_SCAN &&
	    a->outcome != STAT_WALK_NO_FRAME && a->outcome != STAT_WALK_DEPTH_LIMIT)
		abort();
	if (a->reason != STAT_NR && a->reason != STAT_WALK_CFI_NO_TABLE &&
	    a->reason != STAT_WALK_CFI_NO_ROW && a->reason != STAT_WALK_DEFER_CUT)
		abort();
	if (a->reason2 != STAT_NR && a->reason2 != STAT_WALK_VFORK_PARENT)
		abort();
	if (!known_object(w, a->key.obj_id) || a->key.nr != w->key.nr ||
	    a->key.pid != w->key.pid || a->key.pid_start != w->key.pid_start)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_tables f = {};
	struct deferred_answer a;
	struct deferred_tables t = { .ctx = &f, .table_of = table_of, .row_at = row_at };
	struct deferred_walk *w;
	size_t rows_bytes;

	if (size < 2)
		return 0;
	f.nr_rows = data[0] % (FUZZ_MAX_ROWS + 1);
	rows_bytes = f.nr_rows * sizeof(struct cfi_row);
	if (size < 2 + rows_bytes)
		return 0;
	memcpy(f.rows, data + 2, rows_bytes);
	f.has_table = data[1] & 0x7f;
	t.vdso_table = data[1] >> 7;
	data += 2 + rows_bytes;
	size -= 2 + rows_bytes;
	if (!(w = malloc(size ? size : 1)))
		return 0;
	memcpy(w, data, size);
	if (deferred_walk__valid(w, size)) {
		a = (struct deferred_answer){ .key = w->key, .reason = STAT_NR, .reason2 = STAT_NR };
		deferred_walk__unwind(&t, w, &a);
		check(w, &a);
	}
	free(w);
	return 0;
}
