/*
 * Known call chains for --depth, built -O2 -fomit-frame-pointer:
 *   main -> first  -> middle -> inner -> getppid(2) (through libc), 120 times
 *   main -> second -> middle -> inner -> getppid(2), 80 times
 * so --depth 4 counts 120 and 80 for the two chains, --depth 2 (inner <-
 * middle) 200, and --depth 1 (inner) 200 as --sites does.
 */
#include <unistd.h>

/* the barriers keep each call a call (not a jump) and the functions apart */
__attribute__((noinline)) static int inner(int i)
{
	int r = getppid();

	__asm__ volatile("" ::: "memory");
	return r + i;
}

__attribute__((noinline)) static int middle(int i)
{
	int r = inner(i);

	__asm__ volatile("" ::: "memory");
	return r;
}

__attribute__((noinline)) int first(int i)
{
	int r = middle(i);

	__asm__ volatile("" ::: "memory");
	return r;
}

__attribute__((noinline)) int second(int i)
{
	int r = middle(i + 1);

	__asm__ volatile("" ::: "memory");
	return r;
}

int main(void)
{
	int sum = 0;

	for (int i = 0; i < 120; i++)
		sum += first(i);
	for (int i = 0; i < 80; i++)
		sum += second(i);
	return sum == 42 ? 3 : 0;	/* uses sum: the loops stay */
}
