/* vdso_cpu_clock N: N clock_gettime(CLOCK_PROCESS_CPUTIME_ID) from the
 * executable. The vDSO cannot serve CPU clocks and makes the syscall
 * itself: N clock_gettime the executable's, none the vDSO's. */
#include <stdlib.h>
#include <time.h>

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 100;
	struct timespec ts;

	for (int i = 0; i < n; i++)
		if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts))
			return 1;
	return 0;
}
