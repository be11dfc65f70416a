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
 * The input format and table source are the fuzzer's (test/fuzz/deferred_input.h). deferred_dump --layout
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
#include "test/fuzz/deferred_input.h"

#define MAX_INPUT	(1 << 20)

static const char *const stat_names[] = {
#define X(e, json, text) [STAT_##e] = json,
	SYSO_STATS(X)
#undef X
};

static const char *stat_name(__u32 s)
{
	return s < STAT_NR && stat_names[s] ? stat_names[s] : "-";
}

int main(int argc, char **argv)
{
	static unsigned char data[MAX_INPUT];
	struct deferred_input tables;
	struct deferred_answer a;
	struct deferred_walk *w;
	size_t size;
	long copy;
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
	copy = deferred_input__parse(&tables, data, size);
	if (copy < 0) {
		fprintf(stderr, "deferred_dump: %s: shorter than its table\n", argv[1]);
		return 1;
	}
	size -= copy;
	/* a buffer of exactly the copy's size, as the fuzzer gives it */
	if (!(w = malloc(size ? size : 1)))
		return 1;
	memcpy(w, data + copy, size);
	if (!deferred_walk__valid(w, size)) {
		printf("valid 0\n");
		free(w);
		return 0;
	}
	a = (struct deferred_answer){ .key = w->key, .reason = STAT_NR, .reason2 = STAT_NR };
	deferred_walk__unwind(&tables.t, w, &a);
	printf("valid 1\noutcome %s\nreason %s\nreason2 %s\nobj %u\nsite 0x%llx\n",
	       stat_name(a.outcome), stat_name(a.reason), stat_name(a.reason2),
	       a.key.obj_id, (unsigned long long)a.key.site);
	printf("nr %u pid %u pid_start %u\n", a.key.nr, a.key.pid, a.key.pid_start);
	free(w);
	return 0;
}
