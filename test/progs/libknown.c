/* A test library: its calls into libc must be counted for libknown.so. */
#include <unistd.h>

void known_getppid_n(int n)
{
	for (int i = 0; i < n; i++)
		getppid();
	/* no tail call: the last getppid must return here, not to our caller */
	__asm__ volatile("" ::: "memory");
}
