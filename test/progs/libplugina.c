/* Plugin A for dlopen tests: 30 getppid. */
#include <unistd.h>

void plugin_run(void)
{
	for (int i = 0; i < 30; i++)
		getppid();
}
