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
#include "test/fuzz/deferred_input.h"

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
	struct deferred_input in;
	struct deferred_answer a;
	struct deferred_walk *w;
	long copy = deferred_input__parse(&in, data, size);

	if (copy < 0)
		return 0;
	data += copy;
	size -= copy;
	if (!(w = malloc(size ? size : 1)))
		return 0;
	memcpy(w, data, size);
	if (deferred_walk__valid(w, size)) {
		a = (struct deferred_answer){ .key = w->key, .reason = STAT_NR, .reason2 = STAT_NR };
		deferred_walk__unwind(&in.t, w, &a);
		check(w, &a);
	}
	free(w);
	return 0;
}
