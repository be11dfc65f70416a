/* SPDX-License-Identifier: MIT */
/*
 * The unwind of a deferred walk's stack copy (user/deferred_unwind.c):
 * pure, over a source of unwind tables, so that the tool reads them from
 * the kernel's maps (user/deferred.c) and the fuzzer from its input.
 */
#ifndef SYSO_KAGG_DEFERRED_UNWIND_H
#define SYSO_KAGG_DEFERRED_UNWIND_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/types.h>

struct cfi_row;
struct deferred_answer;
struct deferred_walk;

struct deferred_tables {
	void *ctx;
	/* the table the kernel gave obj_id (by its file or build-id), 0 if none */
	__u32 (*table_of)(void *ctx, __u32 obj_id);
	/* the row in effect at file offset off in table index, as
	 * cfi_lookup finds it; false for none */
	bool (*row_at)(void *ctx, __u32 index, __u32 off, struct cfi_row *out);
	__u32 vdso_table;	/* the vDSO's table, 0 if none */
};

/* Is the copy of size bytes a deferred entry whose ranges and segments lie
 * within it? Only such a copy may be unwound. */
bool deferred_walk__valid(const struct deferred_walk *w, size_t size);

/* Unwind w: a's key (the call's on entry) gets the object and site found,
 * a's outcome and reasons the walk's counters (STAT_NR for none). */
void deferred_walk__unwind(const struct deferred_tables *t, const struct deferred_walk *w,
			   struct deferred_answer *a);

#endif
