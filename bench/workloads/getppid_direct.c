// SPDX-License-Identifier: MIT
/* bench/breakdown's direct case: N getppid() made by the executable itself
 * with the syscall instruction, no libc frame between: the walker's first
 * pc is already the caller (walk_direct), so its cost is the mirror lookup
 * and the count alone. */
#include <sys/syscall.h>
#include "bench.h"

int main(int argc, char **argv)
{
	unsigned long n = bench_parse_n(argc, argv), i;

	for (i = 0; i < n; i++) {
		long ret = SYS_getppid;

		__asm__ volatile("syscall" : "+a"(ret) : : "rcx", "r11", "memory");
	}
	bench_report(n);
	return 0;
}
