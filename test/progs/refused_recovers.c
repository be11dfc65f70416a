/*
 * refused_recovers B GATE FILLER...: dlopen each FILLER and make 5 getppid
 * from it (keeping it open), then dlopen library B and make 10; dlclose
 * every FILLER, say "ready" on stdout and wait for a byte on the FIFO
 * GATE; then 20 more getppid from B, which stayed mapped all along. All
 * are copies of libknown.so.
 */
#include <dlfcn.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#define MAX_FILLERS 16

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
	void (*fn)(int), (*b)(int), *h[MAX_FILLERS];
	int fd, n = argc - 3;
	char c;

	if (argc < 4 || n > MAX_FILLERS)
		return 2;
	for (int i = 0; i < n; i++) {
		h[i] = load(argv[3 + i], &fn);
		fn(5);
	}
	load(argv[1], &b);
	b(10);
	for (int i = 0; i < n; i++)
		dlclose(h[i]);
	if (printf("ready\n") < 0 || fflush(stdout))
		return 1;
	fd = open(argv[2], O_RDONLY | O_CLOEXEC);
	if (fd < 0 || read(fd, &c, 1) != 1)
		return 1;
	b(20);
	return 0;
}
