/*
 * Generated code that moves: two pages of getpid stubs (5 calls each);
 * the first page unmapped (5 more calls into the second); the second moved
 * with mremap to a new address (5 more calls there). 20 getpid for [anon],
 * and the mirror must follow each change (no mirror_miss).
 */
#define _GNU_SOURCE
#include <string.h>
#include <sys/mman.h>

static const unsigned char stub[] = {
	0xb8, 39, 0, 0, 0,	/* mov $39, %eax (getpid) */
	0x0f, 0x05,		/* syscall */
	0xc3,			/* ret */
};

static void call(unsigned char *code, int n)
{
	for (int i = 0; i < n; i++)
		((long (*)(void))code)();
}

int main(void)
{
	unsigned char *p = mmap(NULL, 8192, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), *dst, *moved;

	if (p == MAP_FAILED)
		return 1;
	memcpy(p, stub, sizeof(stub));
	memcpy(p + 4096, stub, sizeof(stub));
	if (mprotect(p, 8192, PROT_READ | PROT_EXEC))
		return 1;
	call(p, 5);
	call(p + 4096, 5);
	if (munmap(p, 4096))
		return 1;
	call(p + 4096, 5);
	/* a destination far from the original, reserved then replaced */
	dst = mmap(NULL, 1 << 24, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (dst == MAP_FAILED)
		return 1;
	moved = mremap(p + 4096, 4096, 4096, MREMAP_MAYMOVE | MREMAP_FIXED, dst + (1 << 23));
	if (moved == MAP_FAILED)
		return 1;
	call(moved, 5);
	return 0;
}
