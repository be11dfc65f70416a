// SPDX-License-Identifier: MIT
/*
 * The shared library the getppid workloads call into: the syscalls are made
 * from here (through libc's wrapper), so a tracer that attributes calls to
 * the object below libc should name this library.
 */
#include <unistd.h>

#include "bench.h"

unsigned long bench_getppid_loop(unsigned long n)
{
	unsigned long i;

	for (i = 0; i < n; i++)
		getppid();
	return n;
}
