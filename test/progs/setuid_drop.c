/* setuid_drop [PROG ARG...]: drop root with setuid(65534), make 10
 * geteuid, fork a child that makes 20 getgid, reap it, then exec PROG if
 * given. Exits 3 if the drop failed. */
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	pid_t child;

	if (setuid(65534) || getuid() != 65534)
		return 3;
	for (int i = 0; i < 10; i++)
		geteuid();
	child = fork();
	if (child == 0) {
		for (int i = 0; i < 20; i++)
			getgid();
		_exit(0);
	}
	waitpid(child, NULL, 0);
	if (argc > 1) {
		execv(argv[1], argv + 1);
		return 4;
	}
	return 0;
}
