/*
 * stack_hole N LIB SYMBOL: dlopen()s LIB (libhole.so, traced as a
 * --skip-lib: its table is built once the kernel meets it, so the first
 * calls wait as stack copies) and makes N getppid() by its SYMBOL
 * (hole_getppid, or hole_getppid_no_cfi), each with sp on a page never
 * touched. The calls come from a thread whose stack is fresh
 * from mmap, 64 KiB below anything dlopen touched, so that the page below
 * their caller's frame is not faulted in. Every call's caller is
 * run_calls, in this executable. Exits 3 if the page of the calls' sp is
 * resident before them (the case would not test a hole).
 */
#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>

#define STACK_BYTES	(512 << 10)
#define BELOW_DLOPEN	(64 << 10)

static int calls;
static const char *lib, *symbol;

/* Is the page hole_getppid will put sp on, or the one below, resident?
 * hole_getppid's rbp is this frame's rsp less its return address and
 * saved rbp; its sp goes to the page below rbp's. Asked by its own
 * syscall instruction: a call to libc would leave return addresses (libc's,
 * ld.so's lazy binding) below this frame, which the stack scan of
 * hole_getppid_no_cfi's calls would take for its caller. */
static __attribute__((always_inline)) inline int hole_resident(void)
{
	unsigned char vec[2] = { 1, 1 };
	uintptr_t rsp, page;
	long ret;

	__asm__ volatile("mov %%rsp, %0" : "=r"(rsp));
	page = ((rsp - 16) & ~(uintptr_t)4095) - 8192;
	__asm__ volatile("syscall" : "=a"(ret)
			 : "a"(27L), "D"(page), "S"(8192L), "d"(vec)	/* __NR_mincore */
			 : "rcx", "r11", "memory");
	return ret || (vec[0] & 1) || (vec[1] & 1);
}

/* Nothing is called below this frame but hole_getppid: the stack between
 * its sp and its return address holds no stale code address. */
static __attribute__((noinline)) long run_calls(long (*hole_getppid)(void))
{
	if (hole_resident())
		return 3;
	for (int i = 0; i < calls; i++)
		hole_getppid();
	return 0;
}

/* run_calls, BELOW_DLOPEN deeper than dlopen went. The space between is
 * not written (memset's first call would leave ld.so's lazy binding
 * frames below this one). */
static volatile size_t below_dlopen = BELOW_DLOPEN;	/* an alloca no compiler shrinks */

static __attribute__((noinline)) long deeper(long (*hole_getppid)(void))
{
	volatile char *frame = __builtin_alloca(below_dlopen);

	frame[0] = 0;
	return run_calls(hole_getppid) + frame[0];
}

static void *thread_main(void *arg)
{
	void *h = dlopen(lib, RTLD_NOW);
	long (*hole_getppid)(void) = h ? (long (*)(void))dlsym(h, symbol) : NULL;

	return (void *)(uintptr_t)(hole_getppid ? deeper(hole_getppid) : 1);
}

int main(int argc, char **argv)
{
	pthread_attr_t attr;
	pthread_t thread;
	void *stack, *ret;

	if (argc < 4)
		return 2;
	calls = atoi(argv[1]);
	lib = argv[2];
	symbol = argv[3];
	stack = mmap(NULL, STACK_BYTES, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
	if (stack == MAP_FAILED || pthread_attr_init(&attr) ||
	    pthread_attr_setstack(&attr, stack, STACK_BYTES) ||
	    pthread_create(&thread, &attr, thread_main, NULL) || pthread_join(thread, &ret))
		return 1;
	return (int)(uintptr_t)ret;
}
