// SPDX-License-Identifier: MIT
/* Map occupancy and BPF program run time, for the reports (health.h). */
#include <string.h>
#include <bpf/bpf.h>
#include <cjson/cJSON.h>

#include "shared/tasks.h"
#include "health.h"
#include "results.h"
#include "tracer.h"

/* entries < 0: count the hash's keys. */
static void add_map(struct health *h, const char *name, int fd, long long entries)
{
	struct bpf_map_info info = {};
	__u32 len = sizeof(info);
	struct map_usage *m;

	if (h->nr_maps == HEALTH_MAX_MAPS || bpf_obj_get_info_by_fd(fd, &info, &len))
		return;
	m = &h->maps[h->nr_maps++];
	m->name = name;
	m->capacity = info.max_entries;
	m->entries = entries >= 0 ? (__u64)entries : results__count_keys(fd, info.key_size);
}

void health__collect(struct results *r, const struct tracer *t)
{
	const struct tracer_maps *m = tracer__maps(t);
	struct health *h = &r->health;

	memset(h, 0, sizeof(*h));
	h->live_tasks = tracer__live_tasks(t);
	add_map(h, "counts", m->counts, -1);
	add_map(h, "mirrors", m->mirrors, r->left_mirrors);
	add_map(h, "objects", m->obj_infos, tracer__objects_in_use(t));
	if (r->per_process)
		add_map(h, "procs", m->procs, -1);
	add_map(h, "pending_pids", m->pending, r->left_pending);
	add_map(h, "task_bits", m->task_bits, r->left_tasks);
	if (h->nr_maps && !strcmp(h->maps[h->nr_maps - 1].name, "task_bits"))
		h->maps[h->nr_maps - 1].capacity *= TASK_PIDS_PER_WORD;	/* pids, not words */
	h->nr_progs = tracer__prog_usage(t, h->progs, HEALTH_MAX_PROGS);
}

void health__print_bpf_stats(FILE *f, const struct results *r)
{
	const struct health *h = &r->health;

	for (int i = 0; i < h->nr_progs; i++)
		fprintf(f, "bpf-stats: %s run_cnt=%llu run_time_ns=%llu ns_per_run=%.1f "
			"verified_insns=%u\n",
			h->progs[i].name, (unsigned long long)h->progs[i].runs,
			(unsigned long long)h->progs[i].run_ns,
			h->progs[i].runs ? (double)h->progs[i].run_ns / h->progs[i].runs : 0.0,
			h->progs[i].verified_insns);
}

/* One gauge family over the maps: each map's entries or its capacity. */
static void map_family(FILE *f, const struct health *h, const char *metric, const char *help,
		       bool capacity)
{
	fprintf(f, "# TYPE %s gauge\n# HELP %s %s\n", metric, metric, help);
	for (int i = 0; i < h->nr_maps; i++)
		fprintf(f, "%s{map=\"%s\"} %llu\n", metric, h->maps[i].name,
			(unsigned long long)(capacity ? h->maps[i].capacity : h->maps[i].entries));
}

/* One counter family over the programs: runs, or run time in seconds. */
static void prog_family(FILE *f, const struct health *h, const char *metric, const char *help,
			bool seconds)
{
	fprintf(f, "# TYPE %s counter\n", metric);
	if (seconds)
		fprintf(f, "# UNIT %s seconds\n", metric);
	fprintf(f, "# HELP %s %s\n", metric, help);
	for (int i = 0; i < h->nr_progs; i++) {
		if (seconds)
			fprintf(f, "%s_total{program=\"%s\"} %.9f\n", metric, h->progs[i].name,
				h->progs[i].run_ns / 1e9);
		else
			fprintf(f, "%s_total{program=\"%s\"} %llu\n", metric, h->progs[i].name,
				(unsigned long long)h->progs[i].runs);
	}
}

void health__write_openmetrics(FILE *f, const struct results *r)
{
	const struct health *h = &r->health;

	map_family(f, h, "syso_kagg_map_entries", "Entries in use in each BPF map.", false);
	map_family(f, h, "syso_kagg_map_capacity", "Capacity of each BPF map (task_bits: pids).",
		   true);
	fputs("# TYPE syso_kagg_traced_tasks gauge\n"
	      "# HELP syso_kagg_traced_tasks Traced tasks (threads) alive now.\n", f);
	fprintf(f, "syso_kagg_traced_tasks %llu\n", (unsigned long long)h->live_tasks);
	if (!h->nr_progs)
		return;
	prog_family(f, h, "syso_kagg_bpf_runs", "Runs of each BPF program (--bpf-stats).", false);
	prog_family(f, h, "syso_kagg_bpf_run_seconds",
		    "Time in each BPF program (--bpf-stats).", true);
}

void health__add_json(cJSON *root, const struct results *r)
{
	const struct health *h = &r->health;
	cJSON *maps = cJSON_AddObjectToObject(root, "maps"), *o;
	int i;

	for (i = 0; maps && i < h->nr_maps; i++) {
		o = cJSON_AddObjectToObject(maps, h->maps[i].name);
		cJSON_AddNumberToObject(o, "entries", (double)h->maps[i].entries);
		cJSON_AddNumberToObject(o, "capacity", (double)h->maps[i].capacity);
	}
	if (!h->nr_progs)
		return;
	maps = cJSON_AddObjectToObject(root, "bpf_programs");
	for (i = 0; maps && i < h->nr_progs; i++) {
		o = cJSON_AddObjectToObject(maps, h->progs[i].name);
		cJSON_AddNumberToObject(o, "runs", (double)h->progs[i].runs);
		cJSON_AddNumberToObject(o, "run_time_ns", (double)h->progs[i].run_ns);
	}
}
