// links: -lknown32
/*
 * A 32-bit (gcc -m32) program with exactly known syscalls per object (see
 * test/cases/compat32_attribution.sh); all enter the kernel through the
 * 32-bit vDSO's __kernel_vsyscall except the raw ones:
 *   executable:     300 + 8 getppid through libc, 7 getuid32 with `int $0x80`
 *                   in the executable itself, 50 write through
 *                   fputs + fflush (several libc frames), 10
 *                   clock_gettime64 of a CPU clock (which the vDSO's
 *                   clock_gettime makes as a syscall, from C code its
 *                   .eh_frame does not cover), 5 sigreturn and 3
 *                   rt_sigreturn (made in the vDSO's trampolines: the
 *                   interrupted code, raise in libc, was called here) and
 *                   the handlers' 8 getppid, and the execve of a
 *                   posix_spawn child (libc code run for us before its
 *                   exec: counted for the caller of posix_spawn); the
 *                   child is this program again, which exits at once
 *   libknown32.so:  200 getppid through libc
 * Built -O2 -fomit-frame-pointer, like most software people trace.
 */
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <time.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

void known32_getppid_n(int n);

static void on_signal(int sig)
{
	getppid();
}

static void on_siginfo(int sig, siginfo_t *info, void *uc)
{
	getppid();
}

/* An int $0x80 in the executable itself, no libc involved. */
static long raw_getuid32(void)
{
	long ret;

	__asm__ volatile("int $0x80" : "=a"(ret) : "a"((long)SYS_getuid32) : "memory");
	return ret;
}

int main(int argc, char **argv)
{
	char *child_argv[] = { argv[0], "child", NULL };
	pid_t child;

	FILE *f;
	struct sigaction sa = { .sa_sigaction = on_siginfo, .sa_flags = SA_SIGINFO };

	if (argc > 1)
		return 0;	/* the posix_spawn child */
	f = fopen("/dev/null", "w");
	if (!f)
		return 1;
	for (int i = 0; i < 300; i++)
		getppid();
	known32_getppid_n(200);
	for (int i = 0; i < 7; i++)
		raw_getuid32();
	for (int i = 0; i < 50; i++)
		if (fputs("x\n", f) < 0 || fflush(f))
			return 1;
	for (int i = 0; i < 10; i++) {
		struct timespec ts;

		if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts))
			return 1;
	}
	/* signal(): a plain frame, returned from with sigreturn; SA_SIGINFO:
	 * an rt frame, rt_sigreturn */
	if (signal(SIGUSR1, on_signal) == SIG_ERR || sigaction(SIGUSR2, &sa, NULL))
		return 1;
	for (int i = 0; i < 5; i++)
		raise(SIGUSR1);
	for (int i = 0; i < 3; i++)
		raise(SIGUSR2);
	if (posix_spawn(&child, argv[0], NULL, NULL, child_argv, environ) ||
	    waitpid(child, NULL, 0) != child)
		return 1;
	return 0;
}
