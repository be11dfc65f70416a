/*
 * refused_recovers A B GATE: dlopen library A and make 5 getppid from it,
 * dlopen library B (another file) and make 10; dlclose A, say "ready" on
 * stdout and wait for a byte on the FIFO GATE; then 20 more getppid from
 * B, which stayed mapped all along. A and B are copies of libknown.so.
 */
#include <dlfcn.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

static void *load(const char *path, void (**fn)(int))
{
	void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);

	if (!h || !(*fn = (void (*)(int))dlsym(h, "known_getppid_n"))) {
		fprintf(stderr, "refused_recovers: %s\n", dlerror());
		_exit(1);
	}
	return h;
}

int main(int argc, char **argv)
{
	void (*a)(int), (*b)(int);
	void *ha;
	char c;
	int fd;

	if (argc != 4)
		return 2;
	ha = load(argv[1], &a);
	a(5);
	load(argv[2], &b);
	b(10);
	dlclose(ha);
	if (printf("ready\n") < 0 || fflush(stdout))
		return 1;
	fd = open(argv[3], O_RDONLY | O_CLOEXEC);
	if (fd < 0 || read(fd, &c, 1) != 1)
		return 1;
	b(20);
	return 0;
}
