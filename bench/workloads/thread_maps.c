/* SPDX-License-Identifier: MIT */
/*
 * (b) N threads, 4 alive at a time, each mapping one executable page of its
 * own: mmap RW, write code, mprotect RX, call it (one getppid), munmap.
 * COUNT = 4 N (thread creation and exit are not counted).
 */
#include <pthread.h>
#include <sys/mman.h>
#include "bench.h"
#include "jit_stub.h"

static void *worker(void *arg)
{
	char *page = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	(void)arg;
	if (page == MAP_FAILED)
		return (void *)1;
	jit_write(page);
	if (mprotect(page, 4096, PROT_READ | PROT_EXEC))
		return (void *)1;
	jit_call(page);
	munmap(page, 4096);
	return NULL;
}

int main(int argc, char **argv)
{
	unsigned long n = bench_parse_n(argc, argv), i, j;
	pthread_t t[4];

	for (i = 0; i < n; i += 4) {
		unsigned long k = n - i < 4 ? n - i : 4;
		void *ret;

		for (j = 0; j < k; j++)
			if (pthread_create(&t[j], NULL, worker, NULL))
				return 1;
		for (j = 0; j < k; j++)
			if (pthread_join(t[j], &ret) || ret)
				return 1;
	}
	bench_report(4 * n);
	return 0;
}
