/* SPDX-License-Identifier: MIT */
/*
 * (a) A W^X JIT page among thousands of VMAs: 6000 single-page mappings
 * (alternating protections, so that they do not merge), then N times:
 * mprotect the JIT page RX, call it (one getppid), mprotect it RW.
 * COUNT = 3 N.
 */
#include <sys/mman.h>
#include "bench.h"
#include "jit_stub.h"

#define VMAS 6000

int main(int argc, char **argv)
{
	unsigned long n = bench_parse_n(argc, argv), i;
	char *many = mmap(NULL, VMAS * 4096UL, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *jit = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (many == MAP_FAILED || jit == MAP_FAILED)
		return 1;
	for (i = 0; i < VMAS; i += 2)
		if (mprotect(many + i * 4096, 4096, PROT_READ))
			return 1;
	jit_write(jit);
	for (i = 0; i < n; i++) {
		if (mprotect(jit, 4096, PROT_READ | PROT_EXEC))
			return 1;
		jit_call(jit);
		if (mprotect(jit, 4096, PROT_READ | PROT_WRITE))
			return 1;
		jit_write(jit);
	}
	bench_report(3 * n);
	return 0;
}
