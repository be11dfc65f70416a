/* SPDX-License-Identifier: MIT */
/*
 * (c) A JIT-style loop: N times mmap a page RW, write code, mprotect it
 * RX, call it (one getppid), munmap. COUNT = 4 N.
 */
#include <sys/mman.h>
#include "bench.h"
#include "jit_stub.h"

int main(int argc, char **argv)
{
	unsigned long n = bench_parse_n(argc, argv), i;

	for (i = 0; i < n; i++) {
		char *page = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
				  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (page == MAP_FAILED)
			return 1;
		jit_write(page);
		if (mprotect(page, 4096, PROT_READ | PROT_EXEC))
			return 1;
		jit_call(page);
		if (munmap(page, 4096))
			return 1;
	}
	bench_report(4 * n);
	return 0;
}
