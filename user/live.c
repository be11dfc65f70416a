// SPDX-License-Identifier: MIT
/* --interval, the rewritten -o file, --listen's snapshots (live.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "live.h"
#include "http_export.h"
#include "fold.h"
#include "output.h"
#include "report.h"
#include "results.h"
#include "syscalls.h"
#include "exit_codes.h"

static struct {
	const struct options *opts;
	struct http_export *http;
	struct timespec next_tick;	/* --interval */
	struct timespec next_fold;	/* folding exited processes, or 0 */
	struct fold_stats folded;
	struct results prev;		/* the previous interval's totals */
	bool have_prev;
	struct run_facts facts;
	struct timespec t0;
} live;

int live__start(const struct options *opts, struct tracer *t)
{
	memset(&live, 0, sizeof(live));
	live.opts = opts;
	clock_gettime(CLOCK_MONOTONIC, &live.t0);
	clock_gettime(CLOCK_REALTIME, &live.facts.start);
	live.facts.argv = options__attaches(opts) ? NULL : opts->argv;
	live.next_tick = live.t0;
	live.next_tick.tv_sec += opts->interval;
	/* only runs that follow a service or the machine: a PROGRAM's
	 * report keeps every process it had */
	if (opts->per_process && options__attaches(opts))
		live.next_fold = live.t0;
	if (opts->listen_addr) {
		live.http = http_export__start(opts->listen_addr, opts->listen_port);
		if (!live.http)
			return EXIT_UNAVAILABLE;
		if (!opts->quiet)
			fprintf(stderr, "syso-kagg: serving http://%s%s%s:%u/metrics\n",
				strchr(opts->listen_addr, ':') ? "[" : "", opts->listen_addr,
				strchr(opts->listen_addr, ':') ? "]" : "", opts->listen_port);
	}
	return 0;
}

static const struct object_result *find_obj(const struct results *r, const struct object_result *o)
{
	for (size_t i = 0; i < r->nr_objs; i++)
		if (r->objs[i].pid == o->pid && !strcmp(r->objs[i].name, o->name))
			return &r->objs[i];
	return NULL;
}

static __u64 sys_calls(const struct object_result *o, __u32 nr)
{
	for (size_t j = 0; o && j < o->nr_sys; j++)
		if (o->sys[j].nr == nr)
			return o->sys[j].calls;
	return 0;
}

/* Objects whose counts moved in this interval: the change, then the total. */
static void print_interval(FILE *f, const struct results *r, const struct results *prev)
{
	size_t i, j, quiet_objs = 0;
	char when[16], name[48];
	time_t wall = time(NULL);

	strftime(when, sizeof(when), "%H:%M:%S", localtime(&wall));
	fprintf(f, "--- syso-kagg at %s: change in the last %u s, and the running total ---\n",
		when, live.opts->interval);
	for (i = 0; i < r->nr_objs; i++) {
		const struct object_result *o = &r->objs[i], *p = prev ? find_obj(prev, o) : NULL;
		__u64 before = p ? p->calls : 0;

		if (o->calls == before) {
			quiet_objs++;
			continue;
		}
		if (r->per_process)
			fprintf(f, "pid %u (%s) ", o->pid, o->comm);
		fprintf(f, "%s  +%llu calls, %llu in total\n", o->name,
			(unsigned long long)(o->calls - before), (unsigned long long)o->calls);
		fprintf(f, "  %12s %12s  %s\n", "change", "total", "syscall");
		for (j = 0; j < o->nr_sys; j++) {
			__u64 d = o->sys[j].calls - sys_calls(p, o->sys[j].nr);

			if (d)
				fprintf(f, "  %+12lld %12llu  %s\n", (long long)d,
					(unsigned long long)o->sys[j].calls,
					syscalls__name(o->sys[j].nr, name, sizeof(name)));
		}
		fputc('\n', f);
	}
	fprintf(f, "total: +%llu calls, %llu in total, in %zu objects (%zu unchanged)\n---\n",
		(unsigned long long)(r->calls - (prev ? prev->calls : 0)),
		(unsigned long long)r->calls, r->nr_objs, quiet_objs);
}

/* The -o file as it would be at exit, renamed into place. */
static void rewrite_output(const struct results *r)
{
	struct timespec now;
	struct output out;
	char *text;

	if (!live.opts->output || !strcmp(live.opts->output, "-"))
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	live.facts.duration_s = (now.tv_sec - live.t0.tv_sec) + (now.tv_nsec - live.t0.tv_nsec) / 1e9;
	text = report__render(live.opts->format, r, &live.facts);
	if (!text)
		return;
	if (output__prepare(&out, live.opts->output) == 0) {
		size_t len = strlen(text);

		text[len] = '\n';	/* replaces the NUL; length kept */
		output__commit(&out, text, len + 1);
	}
	free(text);
}

static void publish(const struct results *r)
{
	char *text = report__render(FORMAT_OPENMETRICS, r, &live.facts);

	if (!text)
		return;
	http_export__publish(live.http, text, strlen(text));
	free(text);
}

static bool due(const struct timespec *at)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return now.tv_sec > at->tv_sec || (now.tv_sec == at->tv_sec && now.tv_nsec >= at->tv_nsec);
}

#define FOLD_PERIOD_S 1

static void fold_poll(struct tracer *t)
{
	int err;

	if (!live.next_fold.tv_sec || !due(&live.next_fold))
		return;
	live.next_fold.tv_sec += FOLD_PERIOD_S;
	if ((err = fold__exited(t, &live.folded)))
		fprintf(stderr, "syso-kagg: folding the counts of exited processes: %s\n",
			strerror(-err));
}

void live__poll(struct tracer *t)
{
	bool tick = live.opts && live.opts->interval && due(&live.next_tick);
	bool scrape = http_export__wanted(live.http);
	struct results r;

	if (!live.opts)
		return;
	fold_poll(t);
	if (!tick && !scrape)
		return;
	if (results__collect(&r, t, live.opts))
		return;
	if (live.http)
		publish(&r);
	if (!tick) {
		results__free(&r);
		return;
	}
	live.next_tick.tv_sec += live.opts->interval;
	if (!live.opts->quiet)
		print_interval(stderr, &r, live.have_prev ? &live.prev : NULL);
	rewrite_output(&r);
	if (live.have_prev)
		results__free(&live.prev);
	live.prev = r;
	live.have_prev = true;
}

void live__stop(void)
{
	http_export__stop(live.http);
	live.http = NULL;
	if (live.have_prev)
		results__free(&live.prev);
	live.have_prev = false;
}
