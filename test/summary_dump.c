// SPDX-License-Identifier: MIT
/*
 * The summary block (user/summary.c) of a synthetic model, for the
 * make-check cases (test/cases/summary_*.sh): the per-object counts come
 * from stdin, one "OBJECT NR CALLS [ERRORS NS MIN_NS MAX_NS]" line each
 * (NR x86_64, or iNR for i386), and the block is printed as the table
 * prints it. Options: --top N, --sort count|name|errors|time, --errors,
 * --time. Needs neither root nor BPF: the tool's code, linked without main.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shared/counts.h"
#include "options.h"
#include "results.h"
#include "summary.h"

static struct object_result *object(struct results *r, const char *name)
{
	size_t i;

	for (i = 0; i < r->nr_objs; i++)
		if (!strcmp(r->objs[i].name, name))
			return &r->objs[i];
	r->objs = realloc(r->objs, (r->nr_objs + 1) * sizeof(*r->objs));
	if (!r->objs || !(name = strdup(name)))
		exit(70);
	memset(&r->objs[r->nr_objs], 0, sizeof(*r->objs));
	r->objs[r->nr_objs].name = (char *)name;
	r->objs[r->nr_objs].id = r->nr_objs + 4;
	return &r->objs[r->nr_objs++];
}

static int read_counts(struct results *r)
{
	char line[512], obj[256], nr[16];
	struct syscall_count c;
	int n;

	while (fgets(line, sizeof(line), stdin)) {
		struct object_result *o;
		struct syscall_count *to;

		memset(&c, 0, sizeof(c));
		n = sscanf(line, "%255s %15s %llu %llu %llu %llu %llu", obj, nr,
			   (unsigned long long *)&c.calls, (unsigned long long *)&c.errors,
			   (unsigned long long *)&c.ns, (unsigned long long *)&c.min_ns,
			   (unsigned long long *)&c.max_ns);
		if (n != 3 && n != 7) {
			fprintf(stderr, "summary_dump: bad line: %s", line);
			return 2;
		}
		c.nr = nr[0] == 'i' ? (__u32)atoi(nr + 1) | COUNT_NR_COMPAT : (__u32)atoi(nr);
		o = object(r, obj);
		if (!(to = results__sys_slot(&o->sys, &o->nr_sys, c.nr)))
			return 70;
		results__add_count(to, &c);
		o->calls += c.calls;
		r->calls += c.calls;
	}
	return 0;
}

int main(int argc, char **argv)
{
	static const char *const sorts[] = { "count", "name", "errors", "time" };
	struct results r = { .sample_every = 1 };
	int i, k, err;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--top") && i + 1 < argc) {
			r.top = atoi(argv[++i]);
		} else if (!strcmp(argv[i], "--sort") && i + 1 < argc) {
			for (k = 0, i++; k < 4 && strcmp(argv[i], sorts[k]); k++)
				;
			if (k == 4)
				return 2;
			r.sort = k;
		} else if (!strcmp(argv[i], "--errors")) {
			r.errors = true;
		} else if (!strcmp(argv[i], "--time")) {
			r.time = true;
		} else {
			fprintf(stderr, "usage: summary_dump [--top N] [--sort KEY] [--errors] [--time] < COUNTS\n");
			return 2;
		}
	}
	if (!(err = read_counts(&r)))
		summary__print(stdout, &r);
	/* the model is the tool's own: freed as the tool frees it (ASan's
	 * leak check runs the SANITIZE=1 suite) */
	results__free(&r);
	return err;
}
