/* 4 threads, each 50 getuid(): 200 getuid from the executable. */
#include <pthread.h>
#include <unistd.h>

static void *run(void *arg)
{
	for (int i = 0; i < 50; i++)
		getuid();
	return NULL;
}

int main(void)
{
	pthread_t t[4];

	for (int i = 0; i < 4; i++)
		if (pthread_create(&t[i], NULL, run, NULL))
			return 1;
	for (int i = 0; i < 4; i++)
		pthread_join(t[i], NULL);
	return 0;
}
