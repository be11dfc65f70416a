// links: -ldbgsym
/*
 * dbgsym_calls [GATE]: 321 getppid from one site in libdbgsym.so's
 * dbgsym_hidden_getppid, then (with GATE) wait for a byte on the FIFO GATE
 * so that syso-kagg can open the library while it is mapped (see
 * test/cases/symbols_from_debug_files.sh).
 */
#include <fcntl.h>
#include <unistd.h>

void dbgsym_run(int n);

int main(int argc, char **argv)
{
	char c;
	int fd;

	dbgsym_run(321);
	if (argc > 1 && ((fd = open(argv[1], O_RDONLY)) < 0 || read(fd, &c, 1) != 1))
		return 1;
	return 0;
}
