/*
 * map_swap fifo|symlink FILE TARGET GATE N STATUS [OFFSET]: map FILE
 * executable,
 * then, before the kernel has seen the mapping (no syscall in between),
 * have a child put something else at FILE's path while the mapped file
 * stays linked (FILE.keep): a FIFO (fifo) or a symlink to TARGET
 * (symlink). Then N getpid() from the executable (or N calls of the code
 * at file offset OFFSET of FILE, test/progs/libraw.c), wait for a byte on
 * the FIFO GATE and exit with STATUS. A tool that reopens FILE by path hangs
 * on the FIFO or reads TARGET.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile int *flag;

static void spin_until(int v)
{
	while (__atomic_load_n(flag, __ATOMIC_ACQUIRE) != v)
		__builtin_ia32_pause();
}

static void swap_path(const char *mode, const char *file, const char *target)
{
	char keep[4096];

	snprintf(keep, sizeof(keep), "%s.keep", file);
	spin_until(1);
	if (link(file, keep) || unlink(file))
		_exit(10);
	if (!strcmp(mode, "fifo") ? mkfifo(file, 0644) : symlink(target, file))
		_exit(11);
	__atomic_store_n(flag, 2, __ATOMIC_RELEASE);
	_exit(0);
}

int main(int argc, char **argv)
{
	struct stat st;
	int fd, n, status;
	char c;
	pid_t child;
	void *p;

	if (argc < 7)
		return 2;
	n = atoi(argv[5]);
	flag = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (flag == MAP_FAILED)
		return 3;
	child = fork();		/* before the mapping: its mirror never has it */
	if (child < 0)
		return 3;
	if (child == 0)
		swap_path(argv[1], argv[2], argv[3]);
	fd = open(argv[2], O_RDONLY);
	if (fd < 0 || fstat(fd, &st))
		return 4;
	p = mmap(NULL, st.st_size, PROT_READ | PROT_EXEC, MAP_PRIVATE, fd, 0);
	if (p == MAP_FAILED)
		return 5;
	/* no syscall from here until the path is swapped */
	__atomic_store_n(flag, 1, __ATOMIC_RELEASE);
	spin_until(2);
	if (argc > 7) {
		long (*fn)(void) = (long (*)(void))((char *)p + strtoul(argv[7], NULL, 0));

		for (int i = 0; i < n; i++)
			fn();
	} else {
		for (int i = 0; i < n; i++)
			getpid();
	}
	if (waitpid(child, &status, 0) != child || !WIFEXITED(status) || WEXITSTATUS(status))
		return 6;
	close(fd);
	fd = open(argv[4], O_RDONLY);
	if (fd < 0 || read(fd, &c, 1) != 1)
		return 7;
	return atoi(argv[6]);
}
