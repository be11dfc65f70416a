/* Plugin A for dlopen tests: 30 getppid. */
#include <unistd.h>

void plugin_run(void)
{
	for (int i = 0; i < 30; i++)
		getppid();
	/* no tail call: the last getppid must return here, not to our caller */
	__asm__ volatile("" ::: "memory");
}
