/* gate FIFO N: block until a byte arrives on FIFO, then make N getppid()
 * (from the executable, through libc). Lets a test release several traced
 * programs at the same moment. */
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	char c;
	int fd, n;

	if (argc < 3)
		return 2;
	n = atoi(argv[2]);
	fd = open(argv[1], O_RDONLY);
	if (fd < 0 || read(fd, &c, 1) != 1)
		return 1;
	for (int i = 0; i < n; i++)
		getppid();
	return 0;
}
