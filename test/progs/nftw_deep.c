/*
 * nftw_deep DIR: walks the tree under DIR with nftw(3) (glibc recurses
 * about two frames per level, all inside libc); the callback makes one
 * getppid() per entry. Every syscall nftw makes is on behalf of main, at
 * any depth; the callback's getppid is the executable's too.
 */
#define _XOPEN_SOURCE 700
#include <ftw.h>
#include <unistd.h>

static int on_entry(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	getppid();
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return 2;
	return nftw(argv[1], on_entry, 8, FTW_PHYS) ? 1 : 0;
}
