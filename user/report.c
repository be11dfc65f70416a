// SPDX-License-Identifier: MIT
/* Table (stderr) and JSON (-o) output of a run's results. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <cjson/cJSON.h>

#include "shared/counts.h"
#include "shared/objects.h"
#include "report.h"
#include "syscalls.h"
#include "version.h"

/* Stats that mean something was lost or guessed: always shown when set. */
static const int warn_stats[] = {
	STAT_MIRROR_MISSING, STAT_MIRROR_MISS, STAT_COUNTS_FULL, STAT_OBJECTS_FULL,
	STAT_MIRRORS_FULL, STAT_MIRROR_RANGES_FULL, STAT_MIRROR_BUSY, STAT_PATH_TRUNCATED,
	STAT_TASKS_LOST, STAT_COMPAT_SYSCALLS, STAT_WALK_STACK_UNREADABLE,
};

void report__print_stats(FILE *f, const struct results *r)
{
	int i;

	for (i = 0; i < STAT_NR; i++)
		fprintf(f, "stat: %-24s %12llu  %s\n", results__stat_name(i),
			(unsigned long long)r->stats[i], results__stat_desc(i));
}

void report__print_table(FILE *f, const struct results *r)
{
	size_t i, j;

	for (i = 0; i < r->nr_objs; i++) {
		const struct object_result *o = &r->objs[i];

		if (r->per_process)
			fprintf(f, "pid %u (%s) ", o->pid, o->comm);
		fprintf(f, "%s  %llu calls, %.2f%%\n", o->name, (unsigned long long)o->calls,
			r->calls ? 100.0 * o->calls / r->calls : 0.0);
		fprintf(f, "  %12s %7s  %s\n", "calls", "%", "syscall");
		for (j = 0; j < o->nr_sys; j++) {
			char buf[48];

			fprintf(f, "  %12llu %7.2f  %s\n", (unsigned long long)o->sys[j].calls,
				100.0 * o->sys[j].calls / o->calls,
				syscalls__name(o->sys[j].nr, buf, sizeof(buf)));
		}
		fputc('\n', f);
	}
	if (r->sample_every > 1)
		fprintf(f, "sampled: 1 syscall in %u counted per CPU; counts above are "
			"estimates (counted x %u)\n", r->sample_every, r->sample_every);
	fprintf(f, "total: %llu calls in %zu objects, %llu tasks followed\n",
		(unsigned long long)r->calls, r->nr_objs,
		(unsigned long long)r->stats[STAT_TASKS_FOLLOWED]);
	for (i = 0; i < sizeof(warn_stats) / sizeof(warn_stats[0]); i++) {
		int s = warn_stats[i];

		if (r->stats[s])
			fprintf(f, "warning: %llu %s (%s)\n", (unsigned long long)r->stats[s],
				results__stat_desc(s), results__stat_name(s));
	}
}

char *report__json(const struct results *r)
{
	cJSON *root = cJSON_CreateObject();
	char *text = NULL;
	size_t i, j;

	if (!root)
		return NULL;
	for (i = 0; i < r->nr_objs; i++) {
		const struct object_result *o = &r->objs[i];
		/* with --per-process an object appears once per process: sum */
		cJSON *obj = cJSON_GetObjectItemCaseSensitive(root, o->name);

		if (!obj)
			obj = cJSON_AddObjectToObject(root, o->name);
		if (!obj)
			goto out;
		for (j = 0; j < o->nr_sys; j++) {
			char key[32];
			__u32 nr = o->sys[j].nr;
			cJSON *n;

			/* i386 numbers mean other calls: keep them apart */
			if (nr & COUNT_NR_COMPAT)
				snprintf(key, sizeof(key), "i386:%u", nr & ~COUNT_NR_COMPAT);
			else
				snprintf(key, sizeof(key), "%u", nr);
			n = cJSON_GetObjectItemCaseSensitive(obj, key);
			if (n)
				cJSON_SetNumberValue(n, n->valuedouble + (double)o->sys[j].calls);
			else if (!cJSON_AddNumberToObject(obj, key, (double)o->sys[j].calls))
				goto out;
		}
	}
	text = cJSON_Print(root);
out:
	cJSON_Delete(root);
	return text;
}

#define FULL_SCHEMA_VERSION 1

static cJSON *objects_full(const struct results *r)
{
	cJSON *arr = cJSON_CreateArray();
	size_t i, j;

	for (i = 0; arr && i < r->nr_objs; i++) {
		const struct object_result *o = &r->objs[i];
		cJSON *obj = cJSON_CreateObject(), *sys;

		if (!obj || !cJSON_AddItemToArray(arr, obj))
			return cJSON_Delete(obj), cJSON_Delete(arr), NULL;
		cJSON_AddStringToObject(obj, "path", o->name);
		if (r->per_process) {
			cJSON_AddNumberToObject(obj, "pid", o->pid);
			cJSON_AddStringToObject(obj, "comm", o->comm);
		}
		cJSON_AddNumberToObject(obj, "calls", (double)o->calls);
		sys = cJSON_AddArrayToObject(obj, "syscalls");
		for (j = 0; sys && j < o->nr_sys; j++) {
			cJSON *e = cJSON_CreateObject();
			char buf[48];

			if (!e || !cJSON_AddItemToArray(sys, e))
				return cJSON_Delete(e), cJSON_Delete(arr), NULL;
			cJSON_AddNumberToObject(e, "nr", o->sys[j].nr & ~COUNT_NR_COMPAT);
			if (o->sys[j].nr & COUNT_NR_COMPAT)
				cJSON_AddStringToObject(e, "abi", "i386");
			cJSON_AddStringToObject(e, "name",
						syscalls__name(o->sys[j].nr, buf, sizeof(buf)));
			cJSON_AddNumberToObject(e, "calls", (double)o->sys[j].calls);
		}
	}
	return arr;
}

char *report__json_full(const struct results *r, const struct run_facts *facts)
{
	cJSON *root = cJSON_CreateObject(), *tool, *cmd, *stats, *left, *objs;
	struct utsname uts;
	char when[64], *text = NULL;
	struct tm tm;
	int i;

	if (!root)
		return NULL;
	cJSON_AddNumberToObject(root, "schema_version", FULL_SCHEMA_VERSION);
	tool = cJSON_AddObjectToObject(root, "tool");
	cJSON_AddStringToObject(tool, "name", "syso-kagg");
	cJSON_AddStringToObject(tool, "version", SYSO_KAGG_VERSION);
	cmd = cJSON_AddArrayToObject(root, "command");
	for (i = 0; cmd && facts->argv && facts->argv[i]; i++)
		cJSON_AddItemToArray(cmd, cJSON_CreateString(facts->argv[i]));
	gmtime_r(&facts->start.tv_sec, &tm);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	cJSON_AddStringToObject(root, "start_time", when);
	cJSON_AddNumberToObject(root, "duration_s", facts->duration_s);
	cJSON_AddNumberToObject(root, "exit_status", facts->exit_status);
	if (uname(&uts) == 0)
		cJSON_AddStringToObject(root, "kernel", uts.release);
	cJSON_AddNumberToObject(root, "sample_every", r->sample_every);
	cJSON_AddBoolToObject(root, "per_process", r->per_process);
	cJSON_AddNumberToObject(root, "calls", (double)r->calls);
	objs = objects_full(r);
	if (!objs)
		goto out;
	cJSON_AddItemToObject(root, "objects", objs);
	stats = cJSON_AddObjectToObject(root, "stats");
	for (i = 0; stats && i < STAT_NR; i++)
		cJSON_AddNumberToObject(stats, results__stat_name(i), (double)r->stats[i]);
	left = cJSON_AddObjectToObject(root, "unwind_tables");
	cJSON_AddNumberToObject(left, "loaded_while_running", r->tables_live);
	cJSON_AddNumberToObject(left, "failed", r->tables_failed);
	left = cJSON_AddObjectToObject(root, "maps_at_exit");
	cJSON_AddNumberToObject(left, "mirrors", (double)r->left_mirrors);
	cJSON_AddNumberToObject(left, "traced_tasks", (double)r->left_tasks);
	cJSON_AddNumberToObject(left, "pending_tasks", (double)r->left_pending);
	cJSON_AddNumberToObject(left, "objects", r->objects_interned);
	text = cJSON_Print(root);
out:
	cJSON_Delete(root);
	return text;
}

/* An OpenMetrics label value: backslash, double quote and newline escaped. */
static void om_label(FILE *f, const char *v)
{
	for (; *v; v++) {
		if (*v == '\\' || *v == '"')
			fputc('\\', f);
		if (*v == '\n') {
			fputs("\\n", f);
			continue;
		}
		fputc(*v, f);
	}
}

/*
 * OpenMetrics text: one counter family of syscalls by (object, syscall),
 * and one of the tool's own counters; ends with "# EOF". Counts scaled by
 * --sample are estimates: the sample_every gauge says so.
 */
static void report_openmetrics(FILE *f, const struct results *r)
{
	size_t i, j;
	int s;

	fputs("# TYPE syso_kagg_syscalls counter\n"
	      "# HELP syso_kagg_syscalls System calls, by the object file below libc that made them.\n", f);
	for (i = 0; i < r->nr_objs; i++) {
		const struct object_result *o = &r->objs[i];

		for (j = 0; j < o->nr_sys; j++) {
			char buf[48];

			fputs("syso_kagg_syscalls_total{object=\"", f);
			om_label(f, o->name);
			fprintf(f, "\",syscall=\"%s\",nr=\"%u\"",
				syscalls__name(o->sys[j].nr, buf, sizeof(buf)),
				o->sys[j].nr & ~COUNT_NR_COMPAT);
			if (r->per_process) {
				fprintf(f, ",pid=\"%u\",comm=\"", o->pid);
				om_label(f, o->comm);
				fputc('"', f);
			}
			fprintf(f, "} %llu\n", (unsigned long long)o->sys[j].calls);
		}
	}
	fputs("# TYPE syso_kagg_sample_every gauge\n"
	      "# HELP syso_kagg_sample_every One syscall in this many was counted; counts are scaled by it.\n", f);
	fprintf(f, "syso_kagg_sample_every %u\n", r->sample_every);
	fputs("# TYPE syso_kagg_tool_events counter\n"
	      "# HELP syso_kagg_tool_events How the tool attributed syscalls, and what it could not do.\n", f);
	for (s = 0; s < STAT_NR; s++)
		fprintf(f, "syso_kagg_tool_events_total{event=\"%s\"} %llu\n", results__stat_name(s),
			(unsigned long long)r->stats[s]);
	fputs("# EOF", f);
}

char *report__render(enum output_format f, const struct results *r,
		     const struct run_facts *facts)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *mem;

	switch (f) {
	case FORMAT_JSON:
		return report__json(r);
	case FORMAT_FULL:
		return report__json_full(r, facts);
	case FORMAT_TABLE:
	case FORMAT_OPENMETRICS:
		mem = open_memstream(&buf, &len);
		if (!mem)
			return NULL;
		if (f == FORMAT_TABLE)
			report__print_table(mem, r);
		else
			report_openmetrics(mem, r);
		if (fclose(mem)) {
			free(buf);
			return NULL;
		}
		/* drop the final newline: the caller adds one */
		if (len && buf[len - 1] == '\n')
			buf[len - 1] = 0;
		return buf;
	}
	return NULL;
}
