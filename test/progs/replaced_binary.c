/*
 * replaced_binary GATE N: wait for a byte on the FIFO GATE (the test
 * replaces this program's file meanwhile), then N getppid() from
 * old_code_getppid, a function only this program has.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

__attribute__((noinline)) void old_code_getppid(int n)
{
	for (int i = 0; i < n; i++) {
		getppid();
		__asm__ volatile("" ::: "memory");
	}
}

int main(int argc, char **argv)
{
	char c;
	int fd;

	if (argc < 3)
		return 2;
	fd = open(argv[1], O_RDONLY);
	if (fd < 0 || read(fd, &c, 1) != 1)
		return 1;
	old_code_getppid(atoi(argv[2]));
	return 0;
}
