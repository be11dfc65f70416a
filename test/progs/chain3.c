/*
 * A -fomit-frame-pointer call chain three functions deep before libc:
 * main -> level1 -> level2 -> level3 -> write(2), 300 times; and 200
 * getppid() from a library through the same chain (libknown.so).
 */
#include <fcntl.h>
#include <unistd.h>

// links: -lknown
void known_getppid_n(int n);

static int fd;

__attribute__((noinline)) static void level3(int i)
{
	char c = 'a' + i % 26;

	if (write(fd, &c, 1) != 1)
		_exit(1);
}

__attribute__((noinline)) static void level2(int i)
{
	level3(i);
	__asm__ volatile("" ::: "memory");	/* keep the call from becoming a jump */
}

__attribute__((noinline)) static void level1(int i)
{
	level2(i);
	__asm__ volatile("" ::: "memory");
}

int main(void)
{
	fd = open("/dev/null", O_WRONLY);
	for (int i = 0; i < 300; i++)
		level1(i);
	known_getppid_n(200);
	return 0;
}
