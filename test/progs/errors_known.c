/* Known failures and known waits: 25 close(-1) (EBADF), 10 getppid (never
 * fail), 3 nanosleep of 10 ms (clock_nanosleep(2) in glibc), all from the
 * executable. */
#include <time.h>
#include <unistd.h>

int main(void)
{
	struct timespec ts = { 0, 10 * 1000 * 1000 };

	for (int i = 0; i < 25; i++)
		close(-1);
	for (int i = 0; i < 10; i++)
		getppid();
	for (int i = 0; i < 3; i++)
		nanosleep(&ts, NULL);
	return 0;
}
