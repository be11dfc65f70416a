/*
 * weird_names LIB: copies LIB (libknown.so) to ./lib<NL><TAB>x<0xff>\.so
 * (a newline, a tab, a byte that is not UTF-8 and a backslash in the
 * name), dlopen()s the copy and calls known_getppid_n(500): exactly 500
 * getppid made from that object. The test runs this program from a copy
 * with such a name too, so its path and comm are odd as well.
 */
#include <dlfcn.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#define WEIRD_LIB "./lib\n\tx\xff\\.so"

static int copy(const char *from, const char *to)
{
	char buf[65536];
	int in = open(from, O_RDONLY), out;
	ssize_t n;

	if (in < 0)
		return -1;
	out = open(to, O_WRONLY | O_CREAT | O_TRUNC, 0755);
	if (out < 0)
		return -1;
	while ((n = read(in, buf, sizeof(buf))) > 0)
		if (write(out, buf, n) != n)
			return -1;
	close(in);
	return close(out) || n < 0 ? -1 : 0;
}

int main(int argc, char **argv)
{
	void (*getppid_n)(int);
	void *h;

	if (argc != 2 || copy(argv[1], WEIRD_LIB))
		return 2;
	h = dlopen(WEIRD_LIB, RTLD_NOW);
	if (!h)
		return 3;
	getppid_n = (void (*)(int))dlsym(h, "known_getppid_n");
	if (!getppid_n)
		return 4;
	getppid_n(500);
	return 0;
}
