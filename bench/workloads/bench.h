/* SPDX-License-Identifier: MIT */
/*
 * What the workloads share: N from the command line and the one line each
 * prints on stderr, "syscalls: COUNT", the syscalls it made in its loop
 * (bench/run divides the time difference by COUNT). stdout stays clean.
 */
#ifndef BENCH_H
#define BENCH_H

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

unsigned long bench_getppid_loop(unsigned long n);

static inline unsigned long bench_parse_n(int argc, char **argv)
{
	unsigned long long n;
	char *end;

	if (argc != 2) {
		fprintf(stderr, "usage: %s N\n", argv[0]);
		exit(2);
	}
	errno = 0;
	n = strtoull(argv[1], &end, 10);
	if (errno || end == argv[1] || *end || argv[1][0] == '-' || n > 1000000000ULL) {
		fprintf(stderr, "%s: N must be 0..1000000000\n", argv[0]);
		exit(2);
	}
	return n;
}

static inline void bench_report(unsigned long calls)
{
	fprintf(stderr, "syscalls: %lu\n", calls);
}

#endif
