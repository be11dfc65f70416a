// SPDX-License-Identifier: MIT
/*
 * Workload 4: N one-byte writes to /dev/null through stdio, flushed each
 * time: fputc + fflush makes one write(2) from deep inside libc (fflush ->
 * _IO_do_write -> new_do_write -> _IO_file_write -> write), the stack a
 * caller-attributing tracer has to see through.
 */
#include "bench.h"

int main(int argc, char **argv)
{
	unsigned long n = bench_parse_n(argc, argv), i;
	FILE *f = fopen("/dev/null", "w");

	if (!f) {
		perror("stdio_write: /dev/null");
		return 1;
	}
	for (i = 0; i < n; i++) {
		fputc('x', f);
		if (fflush(f)) {
			perror("stdio_write: fflush");
			return 1;
		}
	}
	fclose(f);
	bench_report(n);
	return 0;
}
