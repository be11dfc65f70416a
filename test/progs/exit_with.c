/* exit_with N: exit with status N; exit_with -SIG: die of signal SIG;
 * exit_with pause: wait for a signal forever (for interrupt tests). */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	if (argc < 2)
		return 0;
	if (!strcmp(argv[1], "pause")) {
		for (;;)
			pause();
	}
	if (argv[1][0] == '-') {
		signal(atoi(argv[1] + 1), SIG_DFL);
		raise(atoi(argv[1] + 1));
	}
	return atoi(argv[1]);
}
