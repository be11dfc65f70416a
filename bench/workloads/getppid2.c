// SPDX-License-Identifier: MIT
/*
 * Workload 2: two threads (this machine has two cores) sharing N getppid()
 * calls made from libbenchcall.so, N/2 each (the first takes the odd one).
 * The count is the loop calls only: the clone/mmap of thread start-up are
 * the same with N=0 and cancel out.
 */
// links: -lbenchcall
#include <pthread.h>

#include "bench.h"

static void *worker(void *arg)
{
	unsigned long *n = arg;

	*n = bench_getppid_loop(*n);
	return NULL;
}

int main(int argc, char **argv)
{
	unsigned long n = bench_parse_n(argc, argv);
	unsigned long part[2] = { n - n / 2, n / 2 };
	pthread_t t[2];
	int i, err;

	for (i = 0; i < 2; i++) {
		if ((err = pthread_create(&t[i], NULL, worker, &part[i]))) {
			fprintf(stderr, "getppid2: pthread_create: %d\n", err);
			return 1;
		}
	}
	for (i = 0; i < 2; i++)
		pthread_join(t[i], NULL);
	bench_report(part[0] + part[1]);
	return 0;
}
