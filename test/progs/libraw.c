/* raw_getppid: getppid() by its own syscall instruction, with no
 * relocation or PLT, so that a test can run it from a plain mmap() of this
 * file (test/progs/map_swap.c). */
long raw_getppid(void)
{
	long ret;

	__asm__ volatile("syscall" : "=a"(ret) : "a"(110L) : "rcx", "r11", "memory");
	return ret;
}
