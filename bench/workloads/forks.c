// SPDX-License-Identifier: MIT
/*
 * Workload 3: N short-lived children, one after the other. Per child:
 * clone (fork) and wait4 in the parent; set_robust_list (glibc's fork re-arms
 * it in the child), three getppid() and exit_group in the child = 7
 * syscalls, all counted. A tracer that follows the tree pays its
 * per-task set-up and tear-down here as well as the per-syscall cost.
 */
#include <sys/wait.h>
#include <unistd.h>

#include "bench.h"

#define CHILD_GETPPIDS	3
#define PER_CHILD	(1 + 1 + CHILD_GETPPIDS + 1 + 1)

int main(int argc, char **argv)
{
	unsigned long n = bench_parse_n(argc, argv), i;
	int status, k;
	pid_t pid;

	for (i = 0; i < n; i++) {
		pid = fork();
		if (pid < 0) {
			perror("forks: fork");
			return 1;
		}
		if (pid == 0) {
			for (k = 0; k < CHILD_GETPPIDS; k++)
				getppid();
			_exit(0);
		}
		if (waitpid(pid, &status, 0) != pid) {
			perror("forks: waitpid");
			return 1;
		}
	}
	bench_report(n * PER_CHILD);
	return 0;
}
