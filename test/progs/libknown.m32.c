/* A 32-bit test library: its calls into the i386 libc must be counted for
 * libknown32.so (test/cases/compat32_attribution.sh). */
#include <unistd.h>

void known32_getppid_n(int n)
{
	for (int i = 0; i < n; i++)
		getppid();
	/* no tail call: the last getppid must return here, not to our caller */
	__asm__ volatile("" ::: "memory");
}
