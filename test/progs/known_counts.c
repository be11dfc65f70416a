// links: -lknown
/*
 * Exactly known syscalls per object (see test/cases/known_counts.sh):
 *   executable: 1000 write, 107 getpid (7 raw `syscall` instructions in the
 *               executable + 100 from a forked child), 50 getuid (a thread)
 *   libknown.so: 500 getppid
 * Built -O2 -fomit-frame-pointer, like most software people trace.
 */
#include <fcntl.h>
#include <pthread.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

void known_getppid_n(int n);

static void *thread_main(void *arg)
{
	for (int i = 0; i < 50; i++)
		getuid();
	return NULL;
}

/* A syscall instruction in the executable itself, no libc involved. */
static long raw_getpid(void)
{
	long ret;

	__asm__ volatile("syscall" : "=a"(ret) : "a"((long)SYS_getpid) : "rcx", "r11", "memory");
	return ret;
}

int main(void)
{
	pthread_t th;
	pid_t child;
	int fd = open("/dev/null", O_WRONLY);

	for (int i = 0; i < 1000; i++)
		if (write(fd, "x", 1) != 1)
			return 1;
	known_getppid_n(500);
	for (int i = 0; i < 7; i++)
		raw_getpid();

	child = fork();
	if (child == 0) {
		for (int i = 0; i < 100; i++)
			getpid();
		_exit(0);
	}
	waitpid(child, NULL, 0);

	if (pthread_create(&th, NULL, thread_main, NULL))
		return 1;
	pthread_join(th, NULL);
	return 0;
}
