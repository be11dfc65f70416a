/*
 * chain_lib FIFO: one getppid() from libknown.so through call_lib (which
 * makes the tool ask for the library's unwind table), then block until a
 * byte arrives on FIFO, then 200 more the same way: main -> call_lib ->
 * known_getppid_n -> getppid(2).
 */
#include <fcntl.h>
#include <unistd.h>

// links: -lknown
void known_getppid_n(int n);

__attribute__((noinline)) static void call_lib(int n)
{
	known_getppid_n(n);
	__asm__ volatile("" ::: "memory");	/* a call, not a jump */
}

int main(int argc, char **argv)
{
	char c;
	int fd;

	if (argc < 2)
		return 2;
	call_lib(1);
	fd = open(argv[1], O_RDONLY);
	if (fd < 0 || read(fd, &c, 1) != 1)
		return 1;
	call_lib(200);
	return 0;
}
