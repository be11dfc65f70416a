// links: -lknown
/* The demo traced by `make demo`: a program, its library, a child and a
 * thread, each making a known number of system calls. */
#include <pthread.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

void known_getppid_n(int n);

static void *worker(void *arg)
{
	for (int i = 0; i < 50; i++)
		getuid();
	return NULL;
}

int main(void)
{
	pthread_t th;
	pid_t pid;

	for (int i = 0; i < 100; i++) {
		printf("hello %d\n", i);
		fflush(stdout);
	}
	known_getppid_n(500);
	pid = fork();
	if (pid == 0) {
		for (int i = 0; i < 100; i++)
			getpid();
		_exit(0);
	}
	waitpid(pid, NULL, 0);
	pthread_create(&th, NULL, worker, NULL);
	pthread_join(th, NULL);
	return 0;
}
