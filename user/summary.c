// SPDX-License-Identifier: MIT
/* The strace -c style summary block and the rows of every table block. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "summary.h"
#include "syscalls.h"

int summary__build(const struct results *r, struct syscall_count **out, size_t *n)
{
	struct syscall_count *v = NULL;
	size_t nv = 0, i, j;

	*out = NULL;
	*n = 0;
	for (i = 0; i < r->nr_objs; i++) {
		const struct object_result *o = &r->objs[i];

		for (j = 0; j < o->nr_sys; j++) {
			const struct syscall_count *sc = &o->sys[j];
			struct syscall_count *to = results__sys_slot(&v, &nv, sc->nr);

			if (!to) {
				free(v);
				return -ENOMEM;
			}
			results__add_count(to, sc);
		}
	}
	if (nv)
		results__sort_sys(v, nv, r->sort);
	*out = v;
	*n = nv;
	return 0;
}

void summary__print_rows(FILE *f, const struct results *r, const struct syscall_count *sys,
			 size_t n, __u64 total)
{
	size_t i, shown = r->top && r->top < n ? r->top : n;

	fprintf(f, "  %12s %7s", "calls", "%");
	if (r->errors)
		fprintf(f, " %9s", "errors");
	if (r->time)
		fprintf(f, " %11s %11s %11s %11s", "seconds", "usecs/call", "min", "max");
	fprintf(f, "  %s\n", "syscall");
	for (i = 0; i < shown; i++) {
		const struct syscall_count *sc = &sys[i];
		char buf[48];

		fprintf(f, "  %12llu %7.2f", (unsigned long long)sc->calls,
			total ? 100.0 * sc->calls / total : 0.0);
		if (r->errors)
			fprintf(f, " %9llu", (unsigned long long)sc->errors);
		if (r->time)
			fprintf(f, " %11.6f %11.2f %11.2f %11.2f", sc->ns / 1e9,
				sc->ns / 1e3 / sc->calls, sc->min_ns / 1e3, sc->max_ns / 1e3);
		fprintf(f, "  %s\n", syscalls__name(sc->nr, buf, sizeof(buf)));
	}
	if (shown < n)
		fprintf(f, "  (%zu more syscall%s; --top 0 shows all)\n", n - shown,
			n - shown == 1 ? "" : "s");
}

void summary__print(FILE *f, const struct results *r)
{
	struct syscall_count *v;
	size_t n;

	if (summary__build(r, &v, &n)) {
		fprintf(f, "syso-kagg: out of memory for the summary\n");
		return;
	}
	fprintf(f, "all objects  %llu calls, %zu syscalls\n", (unsigned long long)r->calls, n);
	summary__print_rows(f, r, v, n, r->calls);
	fputc('\n', f);
	free(v);
}

/* "[4K, 8K)" as bpftrace prints slot bounds: powers of two, K/M/G = 2^10.. */
static void hist_bound(char *buf, size_t len, unsigned int slot)
{
	static const char unit[] = "\0KMGTPE";
	unsigned int p = slot ? slot - 1 : 0, u = p / 10;

	if (!slot)
		snprintf(buf, len, "0");
	else
		snprintf(buf, len, "%llu%.1s", 1ull << (p - 10 * u), &unit[u]);
}

void summary__print_hist(FILE *f, const struct syscall_count *sc)
{
	unsigned int i, lo = HIST_SLOTS, hi = 0;
	__u64 peak = 0;
	char name[48];

	for (i = 0; i < HIST_SLOTS; i++)
		if (sc->hist[i]) {
			lo = i < lo ? i : lo;
			hi = i;
			peak = sc->hist[i] > peak ? sc->hist[i] : peak;
		}
	if (!peak)
		return;
	fprintf(f, "  @ns[%s]:\n", syscalls__name(sc->nr, name, sizeof(name)));
	for (i = lo; i <= hi; i++) {
		char a[16], b[16], range[40];
		int bar = (int)(sc->hist[i] * HIST_BAR / peak);

		hist_bound(a, sizeof(a), i);
		hist_bound(b, sizeof(b), i + 1);
		if (!i)
			snprintf(range, sizeof(range), "[0]");
		else if (i == HIST_SLOTS - 1)
			snprintf(range, sizeof(range), "[%s, ...)", a);
		else
			snprintf(range, sizeof(range), "[%s, %s)", a, b);
		fprintf(f, "  %-16s %10llu |%-*.*s|\n", range, (unsigned long long)sc->hist[i],
			HIST_BAR, bar, "@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@");
	}
}
