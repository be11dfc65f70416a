/*
 * Generated code: a page of anonymous memory, filled with
 * `mov $39, %eax; syscall; ret` (getpid), made executable with mprotect,
 * called 25 times: 25 getpid counted for [anon].
 */
#include <string.h>
#include <sys/mman.h>

int main(void)
{
	static const unsigned char code[] = {
		0xb8, 39, 0, 0, 0,	/* mov $39, %eax */
		0x0f, 0x05,		/* syscall */
		0xc3,			/* ret */
	};
	unsigned char *page = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
				   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	long (*fn)(void) = (long (*)(void))page;

	if (page == MAP_FAILED)
		return 1;
	memcpy(page, code, sizeof(code));
	if (mprotect(page, 4096, PROT_READ | PROT_EXEC))
		return 1;
	for (int i = 0; i < 25; i++)
		fn();
	return 0;
}
