/* Plugin B for dlopen tests: 40 getppid, loaded after A is closed (likely
 * at A's old address). */
#include <unistd.h>

void plugin_run(void)
{
	for (int i = 0; i < 40; i++)
		getppid();
	/* no tail call: the last getppid must return here, not to our caller */
	__asm__ volatile("" ::: "memory");
}
