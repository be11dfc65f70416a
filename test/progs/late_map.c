/*
 * late_map GATE FILE OFFSET N [GATE2]: wait for a byte on the FIFO GATE,
 * then map FILE executable and call the code at its file offset OFFSET N
 * times (test/progs/libraw.c: one getppid each), wait for a byte on GATE2
 * if given (the mapping stays while a test looks), and exit. An object
 * first seen only after the gate.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct stat st;
	char c;
	int fd, n;
	void *p;

	if (argc < 5)
		return 2;
	fd = open(argv[1], O_RDONLY);
	if (fd < 0 || read(fd, &c, 1) != 1)
		return 1;
	fd = open(argv[2], O_RDONLY);
	if (fd < 0 || fstat(fd, &st))
		return 3;
	p = mmap(NULL, st.st_size, PROT_READ | PROT_EXEC, MAP_PRIVATE, fd, 0);
	if (p == MAP_FAILED)
		return 4;
	n = atoi(argv[4]);
	for (int i = 0; i < n; i++)
		((long (*)(void))((char *)p + strtoul(argv[3], NULL, 0)))();
	if (argc > 5 && ((fd = open(argv[5], O_RDONLY)) < 0 || read(fd, &c, 1) != 1))
		return 5;
	return 0;
}
