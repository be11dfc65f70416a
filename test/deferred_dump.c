// SPDX-License-Identifier: MIT
/*
 * user/deferred_unwind.c on one input in test/fuzz/fuzz_deferred.c's
 * format (a table and a copy as the kernel sends it: the committed seeds
 * in test/fuzz/corpus/deferred), for the make-check cases
 * (test/cases/deferred_unwind_*.sh). Prints whether the copy is valid and,
 * if so, what the unwind answered:
 *   valid 1
 *   outcome walk_cfi
 *   reason -            (or a stat's JSON name)
 *   reason2 -
 *   obj 6
 *   site 0x1234         (file offset of the return address found)
 *   nr 39 pid 100 pid_start 7
 * The table source answers as the fuzzer's does. deferred_dump --layout
 * prints the offsets test/fuzz/deferred_seeds.py writes the seeds with.
 * Needs neither root nor BPF.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shared/cfi.h"
#include "shared/deferred.h"
#include "shared/stats.h"
#include "deferred_unwind.h"

#define MAX_ROWS	16
#define MAX_INPUT	(1 << 20)

static const char *const stat_names[] = {
#define X(e, json, text) [STAT_##e] = json,
	SYSO_STATS(X)
#undef X
};

struct tables {
	struct cfi_row rows[MAX_ROWS];
	size_t nr_rows;
	__u8 has_table;		/* bit obj_id % 7: table 1 */
};

static __u32 table_of(void *ctx, __u32 obj_id)
{
	const struct tables *f = ctx;

	return (f->has_table >> (obj_id % 7)) & 1;
}

/* The last row starting at or before off, as a sorted table gives it. */
static bool row_at(void *ctx, __u32 index, __u32 off, struct cfi_row *out)
{
	const struct tables *f = ctx;
	size_t i, best = MAX_ROWS;

	if (index != 1)
		return false;
	for (i = 0; i < f->nr_rows; i++)
		if (f->rows[i].start <= off &&
		    (best == MAX_ROWS || f->rows[i].start >= f->rows[best].start))
			best = i;
	if (best == MAX_ROWS)
		return false;
	*out = f->rows[best];
	return true;
}

static const char *stat_name(__u32 s)
{
	return s < STAT_NR && stat_names[s] ? stat_names[s] : "-";
}

int main(int argc, char **argv)
{
	static unsigned char data[MAX_INPUT];
	struct tables f = {};
	struct deferred_tables t = { .ctx = &f, .table_of = table_of, .row_at = row_at };
	struct deferred_answer a;
	struct deferred_walk *w;
	size_t size, rows_bytes;
	FILE *in;

	if (argc == 2 && !strcmp(argv[1], "--layout")) {
		printf("HEAD %zu\nOWN %zu\nRANGES %zu\nSEG %zu\nCALL_WORDS %zu\n"
		       "SEG_BYTES %zu\nCHUNK %u\n", offsetof(struct deferred_walk, stack),
		       offsetof(struct deferred_walk, own), offsetof(struct deferred_walk, ranges),
		       offsetof(struct deferred_walk, seg), offsetof(struct deferred_walk, call_words),
		       sizeof(struct deferred_segment), SCAN_CHUNK_BYTES);
		return 0;
	}
	if (argc != 2 || !(in = fopen(argv[1], "rb"))) {
		fprintf(stderr, "usage: deferred_dump SEED (a readable file)\n");
		return 2;
	}
	size = fread(data, 1, sizeof(data), in);
	fclose(in);
	f.nr_rows = size ? data[0] % (MAX_ROWS + 1) : 0;
	rows_bytes = f.nr_rows * sizeof(struct cfi_row);
	if (size < 2 + rows_bytes) {
		fprintf(stderr, "deferred_dump: %s: shorter than its table\n", argv[1]);
		return 1;
	}
	memcpy(f.rows, data + 2, rows_bytes);
	f.has_table = data[1] & 0x7f;
	t.vdso_table = data[1] >> 7;
	size -= 2 + rows_bytes;
	/* a buffer of exactly the copy's size, as the fuzzer gives it */
	if (!(w = malloc(size ? size : 1)))
		return 1;
	memcpy(w, data + 2 + rows_bytes, size);
	if (!deferred_walk__valid(w, size)) {
		printf("valid 0\n");
		free(w);
		return 0;
	}
	a = (struct deferred_answer){ .key = w->key, .reason = STAT_NR, .reason2 = STAT_NR };
	deferred_walk__unwind(&t, w, &a);
	printf("valid 1\noutcome %s\nreason %s\nreason2 %s\nobj %u\nsite 0x%llx\n",
	       stat_name(a.outcome), stat_name(a.reason), stat_name(a.reason2),
	       a.key.obj_id, (unsigned long long)a.key.site);
	printf("nr %u pid %u pid_start %u\n", a.key.nr, a.key.pid, a.key.pid_start);
	free(w);
	return 0;
}
