/*
 * A test library whose call site is in a function that is not exported:
 * once stripped (test/cases/symbols_from_debug_files.sh) only a separate
 * debug file or .gnu_debugdata can name it, never the .dynsym.
 */
#include <unistd.h>

/* hidden, not static: not in .dynsym, and never renamed as a clone */
__attribute__((noinline, visibility("hidden"))) void dbgsym_hidden_getppid(int n)
{
	for (int i = 0; i < n; i++)
		getppid();
	/* no tail call: the last getppid must return here, not to our caller */
	__asm__ volatile("" ::: "memory");
}

void dbgsym_run(int n)
{
	dbgsym_hidden_getppid(n);
	__asm__ volatile("" ::: "memory");
}
