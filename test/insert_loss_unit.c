// SPDX-License-Identifier: MIT
/*
 * A failed map insert names the kernel's reason (issue 20): insert_loss()
 * (kern/errno.bpf.h, the same source the BPF programs compile) maps each
 * error to its map's stat, and the report warns with a text of its own for
 * each. Needs neither root nor BPF: the warnings come from a synthetic
 * struct results.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* __always_inline: glibc's sys/cdefs.h, as bpf_helpers.h gives it in BPF */
#include "kern/errno.bpf.h"
#include "results.h"
#include "report.h"

static int failures;

#define CHECK(cond, ...) do { \
	if (!(cond)) { \
		fprintf(stderr, "insert_loss_unit: " __VA_ARGS__); \
		fputc('\n', stderr); \
		failures++; \
	} \
} while (0)

/* Each map whose inserts can fail: its first stat and what the texts say. */
static const struct {
	enum syso_stat full;
	const char *name, *lost, *map;
} maps[] = {
	{ STAT_COUNTS_FULL, "counts", "syscalls lost", "count map" },
	{ STAT_OBJECTS_FULL, "objects", "objects not interned", "object table" },
	{ STAT_MIRRORS_FULL, "mirrors", "address spaces not mirrored", "mirror map" },
	{ STAT_PROCS_FULL, "procs", "processes without a name in --per-process", "process table" },
	{ STAT_HIST_FULL, "hist", "syscall times not in a --hist histogram", "histogram map" },
	{ STAT_CHAINS_FULL, "chains", "--depth: syscalls counted by their first frame only", "chain table" },
};

/* The kernel's errors and the reason each is named for. */
static const struct {
	long err;
	int offset;
	const char *suffix, *text;
} errs[] = {
	{ -E2BIG, 0, "full", " full" },
	{ -ENOMEM, 1, "nomem", " insert found no kernel memory at hand (ENOMEM, the map not full)" },
	{ -EBUSY, 2, "busy", " insert found its bucket lock busy (EBUSY, EDEADLK or ETIMEDOUT, the map not full)" },
	{ -EDEADLK, 2, "busy", NULL },
	{ -ETIMEDOUT, 2, "busy", NULL },
	{ -EINVAL, 3, "failed", " insert failed with another kernel error" },
	{ -EFAULT, 3, "failed", NULL },
	{ -EEXIST, 3, "failed", NULL },	/* inserted, then gone before the lookup */
};

static void check_map(size_t m, struct results *r, FILE *out)
{
	size_t e;

	for (e = 0; e < sizeof(errs) / sizeof(errs[0]); e++) {
		int s = insert_loss(errs[e].err, maps[m].full);
		char name[64], desc[256];

		CHECK(s == (int)maps[m].full + errs[e].offset, "%s: error %ld gave stat %s",
		      maps[m].name, errs[e].err, results__stat_name(s));
		snprintf(name, sizeof(name), "%s_%s", maps[m].name, errs[e].suffix);
		CHECK(!strcmp(results__stat_name(s), name), "%s: error %ld named %s, expected %s",
		      maps[m].name, errs[e].err, results__stat_name(s), name);
		if (!errs[e].text)
			continue;
		snprintf(desc, sizeof(desc), "%s: %s%s", maps[m].lost, maps[m].map, errs[e].text);
		CHECK(!strcmp(results__stat_desc(s), desc), "%s: \"%s\", expected \"%s\"", name,
		      results__stat_desc(s), desc);
		/* each reason warns on its own line, with a count of its own */
		r->stats[s] = 100 * m + e + 1;
		fprintf(out, "warning: %llu %s (%s)\n", (unsigned long long)r->stats[s], desc, name);
	}
}

int main(void)
{
	struct results r;
	char *want = NULL, *got = NULL;
	size_t want_len = 0, got_len = 0, m;
	FILE *want_f = open_memstream(&want, &want_len);
	FILE *got_f = open_memstream(&got, &got_len);

	if (!want_f || !got_f)
		return 1;
	memset(&r, 0, sizeof(r));
	r.sample_every = 1;
	for (m = 0; m < sizeof(maps) / sizeof(maps[0]); m++)
		check_map(m, &r, want_f);
	fclose(want_f);
	report__print_warnings(got_f, &r);
	fclose(got_f);
	/* the same lines, in the report's order: compare them sorted */
	{
		char *w = want, *g = got, *line;
		size_t nw = 0, ng = 0;

		for (line = w; (line = strchr(line, '\n')); line++)
			nw++;
		for (line = g; (line = strchr(line, '\n')); line++)
			ng++;
		CHECK(nw == ng, "%zu warnings expected, %zu printed:\n%s", nw, ng, got);
		for (line = strtok(w, "\n"); line; line = strtok(NULL, "\n")) {
			char needle[512];

			snprintf(needle, sizeof(needle), "%s\n", line);
			CHECK(strstr(g, needle), "warning missing: %s\nprinted:\n%s", line, g);
		}
	}
	free(want);
	free(got);
	if (failures)
		fprintf(stderr, "insert_loss_unit: %d failures\n", failures);
	return failures != 0;
}
