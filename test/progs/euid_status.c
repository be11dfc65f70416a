/* euid_status: 30 getegid, then exit with the low byte of geteuid() (one
 * geteuid): 0 when it runs as root, 254 as nobody (65534). Used as a
 * set-user-ID copy by test/cases/fault_setuid_exec.sh. */
#include <unistd.h>

int main(void)
{
	for (int i = 0; i < 30; i++)
		getegid();
	return geteuid() & 0xff;
}
