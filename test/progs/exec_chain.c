/*
 * exec_chain N: makes N+10 getppid calls, then execs itself with N-1 until
 * N is 0. `exec_chain 3` is a chain A -> B -> C -> D of one executable:
 * 13 + 12 + 11 + 10 = 46 getppid, 3 execve, all from the executable.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 0;
	char arg[16];

	for (int i = 0; i < n + 10; i++)
		getppid();
	if (n <= 0)
		return 0;
	snprintf(arg, sizeof(arg), "%d", n - 1);
	execl("/proc/self/exe", argv[0], arg, (char *)NULL);
	return 1;
}
