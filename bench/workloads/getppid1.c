// SPDX-License-Identifier: MIT
/* Workload 1: one thread, N getppid() calls made from libbenchcall.so. */
// links: -lbenchcall
#include "bench.h"

int main(int argc, char **argv)
{
	unsigned long n = bench_parse_n(argc, argv);

	bench_report(bench_getppid_loop(n));
	return 0;
}
