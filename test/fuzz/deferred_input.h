/* SPDX-License-Identifier: MIT */
/*
 * The input format of the deferred-walk fuzzer and of deferred_dump, in
 * one place: byte 0 the number of table rows (mod DEFERRED_INPUT_ROWS + 1),
 * byte 1 which objects have a table (bit obj_id % 7) and, in its top bit,
 * whether the vDSO has one; then the rows (struct cfi_row); then the stack
 * copy as the kernel sends it (struct deferred_walk), to the input's end.
 * The table source answers as a sorted table would. Header-only: test
 * code, compiled into each of the two programs.
 */
#ifndef SYSO_KAGG_TEST_DEFERRED_INPUT_H
#define SYSO_KAGG_TEST_DEFERRED_INPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "shared/cfi.h"
#include "deferred_unwind.h"

#define DEFERRED_INPUT_ROWS	16

struct deferred_input {
	struct cfi_row rows[DEFERRED_INPUT_ROWS];
	size_t nr_rows;
	__u8 has_table;		/* bit obj_id % 7: table 1 */
	struct deferred_tables t;
};

static inline __u32 deferred_input__table_of(void *ctx, __u32 obj_id)
{
	const struct deferred_input *in = ctx;

	return (in->has_table >> (obj_id % 7)) & 1;
}

/* The last row starting at or before off, as a sorted table gives it. */
static inline bool deferred_input__row_at(void *ctx, __u32 index, __u32 off,
					  struct cfi_row *out)
{
	const struct deferred_input *in = ctx;
	size_t i, best = DEFERRED_INPUT_ROWS;

	if (index != 1)
		return false;
	for (i = 0; i < in->nr_rows; i++)
		if (in->rows[i].start <= off && (best == DEFERRED_INPUT_ROWS ||
						 in->rows[i].start >= in->rows[best].start))
			best = i;
	if (best == DEFERRED_INPUT_ROWS)
		return false;
	*out = in->rows[best];
	return true;
}

/* Read the table part of data into in (in->t ready to unwind with); the
 * offset of the stack copy, or -1 when data is shorter than its table. */
static inline long deferred_input__parse(struct deferred_input *in, const unsigned char *data,
					 size_t size)
{
	size_t rows_bytes;

	*in = (struct deferred_input){ .t = { .ctx = in, .table_of = deferred_input__table_of,
					      .row_at = deferred_input__row_at } };
	if (size < 2)
		return -1;
	in->nr_rows = data[0] % (DEFERRED_INPUT_ROWS + 1);
	rows_bytes = in->nr_rows * sizeof(struct cfi_row);
	if (size < 2 + rows_bytes)
		return -1;
	memcpy(in->rows, data + 2, rows_bytes);
	in->has_table = data[1] & 0x7f;
	in->t.vdso_table = data[1] >> 7;
	return (long)(2 + rows_bytes);
}

#endif
