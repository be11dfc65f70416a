// SPDX-License-Identifier: MIT
/* Table (stderr) and JSON (-o) output of a run's results. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>

#include "shared/counts.h"
#include "shared/objects.h"
#include "report.h"
#include "syscalls.h"

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
		(unsigned long long)r->stats[STAT_TASKS_FOLLOWED] + 1);
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
		cJSON *obj = cJSON_AddObjectToObject(root, o->name);

		if (!obj)
			goto out;
		for (j = 0; j < o->nr_sys; j++) {
			char key[32];
			__u32 nr = o->sys[j].nr;

			/* i386 numbers mean other calls: keep them apart */
			if (nr & COUNT_NR_COMPAT)
				snprintf(key, sizeof(key), "i386:%u", nr & ~COUNT_NR_COMPAT);
			else
				snprintf(key, sizeof(key), "%u", nr);
			if (!cJSON_AddNumberToObject(obj, key, (double)o->sys[j].calls))
				goto out;
		}
	}
	text = cJSON_Print(root);
out:
	cJSON_Delete(root);
	return text;
}
