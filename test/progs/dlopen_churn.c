/*
 * dlopen_churn LIB N GATE FINAL K [BIG]: first dlopen FINAL, make one
 * getppid from it and dlclose it; with BIG, the same, and unlink BIG.
 * Then dlopen, call and dlclose N distinct copies of LIB (each in a memfd named "churn": a new inode every time),
 * each making one getppid through known_getppid_n; then wait for a byte
 * on the FIFO GATE, having said "churned" on stdout (the test checks the
 * tool's descriptors meanwhile); then dlopen FINAL again, make K getppid
 * from it and dlclose it.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

static void call_once(const char *path, int n)
{
	void (*fn)(int);
	void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);

	if (!h) {
		fprintf(stderr, "dlopen_churn: %s\n", dlerror());
		exit(1);
	}
	fn = (void (*)(int))dlsym(h, "known_getppid_n");
	if (!fn) {
		fprintf(stderr, "dlopen_churn: no known_getppid_n in %s\n", path);
		exit(1);
	}
	fn(n);
	dlclose(h);
}

int main(int argc, char **argv)
{
	char path[64], c;
	struct stat st;
	long n, k;
	void *image;
	int fd;

	if (argc != 6 && argc != 7)
		return 2;
	call_once(argv[4], 1);
	if (argc == 7) {
		call_once(argv[6], 1);
		if (unlink(argv[6]))
			return 1;
	}
	n = atol(argv[2]);
	k = atol(argv[5]);
	fd = open(argv[1], O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st) ||
	    (image = mmap(NULL, st.st_size, PROT_READ, MAP_PRIVATE, fd, 0)) == MAP_FAILED)
		return 1;
	close(fd);
	for (long i = 0; i < n; i++) {
		fd = memfd_create("churn", MFD_CLOEXEC);
		if (fd < 0 || write(fd, image, st.st_size) != st.st_size)
			return 1;
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
		call_once(path, 1);
		close(fd);
	}
	if (printf("churned\n") < 0 || fflush(stdout))
		return 1;
	fd = open(argv[3], O_RDONLY | O_CLOEXEC);
	if (fd < 0 || read(fd, &c, 1) != 1)
		return 1;
	close(fd);
	call_once(argv[4], k);
	return 0;
}
