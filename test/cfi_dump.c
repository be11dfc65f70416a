// SPDX-License-Identifier: MIT
/*
 * cfi_dump: print what user/cfi.c makes of an object's .eh_frame, for
 * debugging and for test/cases/cfi_*.sh. Stats as "name value" lines, rows
 * as "start kind cfa_off rbp_slot" (start in hex file offsets), lookups as
 * "off kind cfa_off rbp_slot" ("none" before the first row).
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cfi.h"

static const char usage[] =
	"usage: cfi_dump [-s] [-r] [-t] [-l OFF]... [-L] FILE\n"
	"  -s, --stats         print statistics (default when nothing else is asked)\n"
	"  -r, --rows          print every row\n"
	"  -t, --time          print the parse time in microseconds (stderr)\n"
	"  -l, --lookup OFF    print the row covering file offset OFF (hex with 0x)\n"
	"  -L, --lookup-stdin  the same for each offset read from stdin, one a line\n"
	"examples:\n"
	"  cfi_dump -s /usr/lib/x86_64-linux-gnu/libc.so.6\n"
	"  cfi_dump -l 0x26010 /usr/lib/x86_64-linux-gnu/libc.so.6\n";

static int parse_off(const char *s, unsigned long long *v)
{
	char *end;

	errno = 0;
	*v = strtoull(s, &end, 0);
	return errno || end == s || (*end && *end != '\n') ? -1 : 0;
}

static void lookup(const struct cfi_rows *t, unsigned long long off)
{
	const struct cfi_row *r = cfi__lookup(t, off);

	if (!r)
		printf("%llx none\n", off);
	else
		printf("%llx %s %u %u\n", off, cfi__kind_name(r->kind), r->cfa_off, r->rbp_slot);
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "stats", no_argument, NULL, 's' },
		{ "rows", no_argument, NULL, 'r' },
		{ "time", no_argument, NULL, 't' },
		{ "lookup", required_argument, NULL, 'l' },
		{ "lookup-stdin", no_argument, NULL, 'L' },
		{ "help", no_argument, NULL, 'h' },
		{},
	};
	unsigned long long offs[64];
	int nr_offs = 0, stats = 0, rows = 0, timed = 0, from_stdin = 0, c, ret;
	struct cfi_rows t;
	struct timespec a, b;
	char err[512];

	while ((c = getopt_long(argc, argv, "srtl:Lh", opts, NULL)) != -1) {
		switch (c) {
		case 's': stats = 1; break;
		case 'r': rows = 1; break;
		case 't': timed = 1; break;
		case 'L': from_stdin = 1; break;
		case 'l':
			if (nr_offs == 64 || parse_off(optarg, &offs[nr_offs])) {
				fprintf(stderr, "cfi_dump: bad or too many offsets: %s\n", optarg);
				return 2;
			}
			nr_offs++;
			break;
		case 'h':
			fputs(usage, stdout);
			return 0;
		default:
			fputs(usage, stderr);
			return 2;
		}
	}
	if (optind + 1 != argc) {
		fputs(usage, stderr);
		return 2;
	}
	if (!rows && !nr_offs && !from_stdin)
		stats = 1;

	clock_gettime(CLOCK_MONOTONIC, &a);
	ret = cfi__from_file(argv[optind], &t, err, sizeof(err));
	clock_gettime(CLOCK_MONOTONIC, &b);
	if (ret) {
		fprintf(stderr, "cfi_dump: %s\n", err);
		return 1;
	}
	if (t.stats.errors)
		fprintf(stderr, "cfi_dump: %s: %llu bad FDEs, first: %s\n", argv[optind],
			(unsigned long long)t.stats.errors, err);
	if (timed)
		fprintf(stderr, "parse_us %lld\n", (long long)(b.tv_sec - a.tv_sec) * 1000000 +
			(b.tv_nsec - a.tv_nsec) / 1000);
	if (stats) {
		const struct cfi_stats *s = &t.stats;

		printf("cies %llu\nfdes %llu\nfdes_empty %llu\nfdes_unmapped %llu\n"
		       "overlaps %llu\nrows_raw %llu\nrows %llu\nrsp %llu\nrbp %llu\n"
		       "unsupported %llu\ngaps %llu\nerrors %llu\noutermost %llu\n",
		       (unsigned long long)s->cies, (unsigned long long)s->fdes,
		       (unsigned long long)s->fdes_empty, (unsigned long long)s->fdes_unmapped,
		       (unsigned long long)s->overlaps, (unsigned long long)s->rows_raw,
		       (unsigned long long)s->rows, (unsigned long long)s->rsp,
		       (unsigned long long)s->rbp, (unsigned long long)s->unsupported,
		       (unsigned long long)s->gaps, (unsigned long long)s->errors,
		       (unsigned long long)s->outermost);
		printf("signal %llu\nplt %llu\nra_rdi %llu\nsyscall_rows %llu\nword %u\n",
		       (unsigned long long)s->signal, (unsigned long long)s->plt,
		       (unsigned long long)s->ra_rdi, (unsigned long long)s->syscall_rows,
		       t.word);
	}
	if (rows)
		for (size_t i = 0; i < t.nr; i++)
			printf("%x %s %u %u\n", t.rows[i].start, cfi__kind_name(t.rows[i].kind),
			       t.rows[i].cfa_off, t.rows[i].rbp_slot);
	for (int i = 0; i < nr_offs; i++)
		lookup(&t, offs[i]);
	if (from_stdin) {
		char line[64];
		unsigned long long off;

		while (fgets(line, sizeof(line), stdin)) {
			if (parse_off(line, &off)) {
				fprintf(stderr, "cfi_dump: bad offset: %s", line);
				ret = 2;
				break;
			}
			lookup(&t, off);
		}
	}
	cfi__free(&t);
	return ret;
}
