// links: -lsigsrc
/*
 * sig_altstack N: both handlers run on an alternate signal stack. N times
 * SIGUSR1, whose handler ends in write() (at -O2 a tail call: the handler's
 * frame is gone, the stack continues through __restore_rt and the kernel's
 * signal frame into the interrupted code), and N times SIGUSR2, whose
 * handler calls getppid() and goes on. The signals interrupt kill(), called
 * from libsigsrc.so. So: N write and 2N kill, getpid, rt_sigreturn from
 * libsigsrc.so (the interrupted code, as a debugger's backtrace shows);
 * N getppid from the executable (the normal handler).
 */
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

void sigsrc_kill_self(int sig);

static int out_fd = -1;
static volatile sig_atomic_t usr2_seen;

static void on_usr1(int sig)
{
	write(out_fd, "1", 1);	/* last statement: a tail call */
}

static void on_usr2(int sig)
{
	getppid();
	usr2_seen++;		/* after the call: a normal frame */
}

int main(int argc, char **argv)
{
	static char altstack[64 * 1024];
	stack_t ss = { .ss_sp = altstack, .ss_size = sizeof(altstack) };
	struct sigaction sa = { .sa_flags = SA_ONSTACK };
	int n = argc > 1 ? atoi(argv[1]) : 50;

	out_fd = 1;
	if (sigaltstack(&ss, NULL))
		return 1;
	sa.sa_handler = on_usr1;
	sigaction(SIGUSR1, &sa, NULL);
	sa.sa_handler = on_usr2;
	sigaction(SIGUSR2, &sa, NULL);
	for (int i = 0; i < n; i++) {
		sigsrc_kill_self(SIGUSR1);
		sigsrc_kill_self(SIGUSR2);
	}
	return usr2_seen == n ? 0 : 1;
}
