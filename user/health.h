/* SPDX-License-Identifier: MIT */
/*
 * The tool's own health beside its counts: how full each map is and, with
 * --bpf-stats, the kernel's run count and time of each BPF program (so a
 * scraper can divide one rate by the other: ns per syscall in the kernel).
 * The loss and fallback counters are the stats (shared/stats.h).
 */
#ifndef SYSO_KAGG_HEALTH_H
#define SYSO_KAGG_HEALTH_H

#include <stdio.h>
#include <linux/types.h>

#define HEALTH_MAX_MAPS 8
#define HEALTH_MAX_PROGS 16

struct map_usage {
	const char *name;
	__u64 entries;		/* in use now */
	__u64 capacity;		/* max_entries (task bits: pids) */
};

struct prog_usage {
	char name[32];
	__u64 runs;
	__u64 run_ns;
	__u32 verified_insns;
};

struct health {
	struct map_usage maps[HEALTH_MAX_MAPS];
	int nr_maps;
	struct prog_usage progs[HEALTH_MAX_PROGS];
	int nr_progs;		/* 0 unless --bpf-stats */
	__u64 live_tasks;	/* traced tasks alive */
};

struct tracer;
struct results;
struct cJSON;

/* Fill r->health from the maps now. */
void health__collect(struct results *r, const struct tracer *t);
/* With --bpf-stats: one line per BPF program, its run count and time. */
void health__print_bpf_stats(FILE *f, const struct results *r);
/* OpenMetrics families (before "# EOF"). */
void health__write_openmetrics(FILE *f, const struct results *r);
/* "maps" (and "bpf_programs") objects of the full JSON. */
void health__add_json(struct cJSON *root, const struct results *r);

#endif
