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
 *
 * The other thread runs while this one makes no syscall at all (it spins
 * on the thread's tid, which the kernel clears when the thread is gone):
 * a syscall of this thread next to the other's change may see the mirror
 * being written, and its exact answer is then rightly not kept (seen once
 * on Linux 6.1 under TCG), which would make mirror_miss = 0 a race.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define PG 4096

static unsigned char *P;
static int fd;
static volatile pid_t changer_tid;

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

static int changer(void *arg)
{
	(void)arg;
	/* replace page 3 (mirrored as [anon]) with the file's getgid page;
	 * this thread's next syscall (its exit) applies it to the mirror */
	if (mmap(P + 3 * PG, PG, PROT_READ | PROT_EXEC, MAP_PRIVATE | MAP_FIXED, fd, PG) == MAP_FAILED)
		_exit(3);
	return 0;
}

/* A thread of this process (no TLS of its own: it only calls mmap) that
 * has exited when this returns; no syscall made while it runs. */
static int run_changer(void)
{
	enum { STACK = 64 * 1024 };
	unsigned char *stack;

	stack = mmap(NULL, STACK, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (stack == MAP_FAILED)
		return -1;
	if (clone(changer, stack + STACK, CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND |
		  CLONE_THREAD | CLONE_SYSVSEM | CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID,
		  NULL, &changer_tid, NULL, &changer_tid) < 0)
		return -1;
	while (changer_tid)
		__builtin_ia32_pause();
	return 0;
}

int main(void)
{
	unsigned char file[2 * PG] = { 0 }, *Q;

	stub(file, 102);		/* getuid */
	stub(file + PG, 104);		/* getgid */
	fd = open("mirror_changes.code", O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0755);
	if (fd < 0 || write(fd, file, sizeof(file)) != sizeof(file))
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
	if (run_changer())
		return 1;
	call(P + 3 * PG, 8);
	return 0;
}
