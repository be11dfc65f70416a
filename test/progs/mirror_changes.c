/*
 * Every way an incremental mirror can go stale, each followed by calls
 * from the changed memory, so that a stale range would send the counts to
 * the wrong object. Code is `mov $nr, %eax; syscall; ret` at the start of
 * a page: anonymous pages written here, or pages of the file
 * ./mirror_changes.code (page 0: getuid, page 1: getgid) mapped executable.
 * Expected ([anon] / the code file):
 *	added (lazy insert)	[anon] getpid 10
 *	split, merged back	[anon] getppid 7, [anon] getpid +5
 *	replaced by the file	code getuid 6
 *	moved onto code		[anon] geteuid 3, then code getuid +4
 *	removed, remapped	code getgid 2
 *	another thread's change	[anon] getpid +1, then code getgid +8
 * Totals: [anon] getpid 16, getppid 7, geteuid 3; code getuid 10, getgid 10.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define PG 4096

static unsigned char *P;
static int fd, pipefd[2];

static void stub(unsigned char *page, int nr)
{
	unsigned char code[] = { 0xb8, nr, 0, 0, 0, 0x0f, 0x05, 0xc3 };

	memcpy(page, code, sizeof(code));
}

static void call(unsigned char *page, int times)
{
	long (*fn)(void) = (long (*)(void))page;

	while (times--)
		fn();
}

static void *changer(void *arg)
{
	char c = 1;

	(void)arg;
	/* replace page 3 (mirrored as [anon]) with the file's getgid page;
	 * this thread's next syscall (the write) applies it to the mirror */
	if (mmap(P + 3 * PG, PG, PROT_READ | PROT_EXEC, MAP_PRIVATE | MAP_FIXED, fd, PG) == MAP_FAILED)
		_exit(3);
	if (write(pipefd[1], &c, 1) != 1)
		_exit(3);
	return NULL;
}

int main(void)
{
	unsigned char file[2 * PG] = { 0 }, *Q;
	pthread_t t;
	char c;

	stub(file, 102);		/* getuid */
	stub(file + PG, 104);		/* getgid */
	fd = open("mirror_changes.code", O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0755);
	if (fd < 0 || write(fd, file, sizeof(file)) != sizeof(file) || pipe(pipefd))
		return 1;
	P = mmap(NULL, 4 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (P == MAP_FAILED)
		return 1;
	for (int i = 0; i < 4; i++)
		stub(P + i * PG, 39);	/* getpid */
	if (mprotect(P, 4 * PG, PROT_READ | PROT_EXEC))
		return 1;
	call(P, 10);						/* added */

	if (mprotect(P + PG, PG, PROT_READ | PROT_WRITE))	/* split */
		return 1;
	stub(P + PG, 110);		/* getppid */
	if (mprotect(P + PG, PG, PROT_READ | PROT_EXEC))	/* merged */
		return 1;
	call(P + PG, 7);
	call(P + 2 * PG, 5);

	if (mmap(P + PG, PG, PROT_READ | PROT_EXEC, MAP_PRIVATE | MAP_FIXED, fd, 0) == MAP_FAILED)
		return 1;
	call(P + PG, 6);					/* replaced */

	Q = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (Q == MAP_FAILED)
		return 1;
	stub(Q, 107);			/* geteuid */
	if (mprotect(Q, PG, PROT_READ | PROT_EXEC))
		return 1;
	call(Q, 3);
	if (mremap(P + PG, PG, PG, MREMAP_MAYMOVE | MREMAP_FIXED, Q) != Q)
		return 1;
	call(Q, 4);						/* moved */

	if (munmap(P + 2 * PG, PG))				/* removed */
		return 1;
	if (mmap(P + 2 * PG, PG, PROT_READ | PROT_EXEC, MAP_PRIVATE | MAP_FIXED, fd, PG) == MAP_FAILED)
		return 1;
	call(P + 2 * PG, 2);

	call(P + 3 * PG, 1);					/* another thread's */
	if (pthread_create(&t, NULL, changer, NULL) || read(pipefd[0], &c, 1) != 1)
		return 1;
	call(P + 3 * PG, 8);
	return pthread_join(t, NULL) ? 1 : 0;
}
