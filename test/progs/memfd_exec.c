/*
 * memfd_exec NAME PROGRAM ARGS...: copy PROGRAM into a memfd named NAME
 * and execute it from there (fexecve), with ARGS. The traced object is
 * then "/memfd:NAME (deleted)", as /proc shows it.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

extern char **environ;

int main(int argc, char **argv)
{
	char buf[65536];
	ssize_t n;
	int in, fd;

	if (argc < 3)
		return 2;
	in = open(argv[2], O_RDONLY);
	fd = memfd_create(argv[1], MFD_CLOEXEC);
	if (in < 0 || fd < 0)
		return 3;
	while ((n = read(in, buf, sizeof(buf))) > 0)
		if (write(fd, buf, n) != n)
			return 4;
	if (n < 0)
		return 4;
	close(in);
	fexecve(fd, argv + 2, environ);
	return 5;
}
