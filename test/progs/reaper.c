/* reaper OUT CMD [ARG...]: run CMD below a child subreaper, as tini -s,
 * systemd or a container's init would: orphans below it reparent to it.
 * Writes "cmd PID" to OUT once CMD is started, reaps every process until
 * none is left, then adds "orphans N" (the processes reaped other than
 * CMD: adopted ones) and exits with CMD's status (128+N for signal N). */
#include <stdio.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int status, cmd_status = 0, orphans = 0;
	pid_t cmd, pid;
	FILE *out;

	if (argc < 3 || prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0))
		return 2;
	cmd = fork();
	if (cmd < 0)
		return 2;
	if (cmd == 0) {
		execvp(argv[2], argv + 2);
		_exit(127);
	}
	out = fopen(argv[1], "we");
	if (!out || fprintf(out, "cmd %d\n", (int)cmd) < 0 || fflush(out))
		return 2;
	while ((pid = wait(&status)) > 0) {
		if (pid != cmd)
			orphans++;
		else
			cmd_status = status;
	}
	if (fprintf(out, "orphans %d\n", orphans) < 0 || fclose(out))
		return 2;
	if (WIFSIGNALED(cmd_status))
		return 128 + WTERMSIG(cmd_status);
	return WEXITSTATUS(cmd_status);
}
