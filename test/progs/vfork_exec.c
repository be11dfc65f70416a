/*
 * vfork + exec of another test program (fork50's sibling, exit_with 7):
 * the parent makes 5 getuid before and 5 after; the child, sharing the
 * parent's address space until its exec, execs exit_with.
 */
#include <limits.h>
#include <libgen.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
	char self[PATH_MAX], path[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	int status;
	pid_t pid;

	if (n < 0)
		return 1;
	self[n] = 0;
	snprintf(path, sizeof(path), "%s/exit_with", dirname(self));
	for (int i = 0; i < 5; i++)
		getuid();
	pid = vfork();
	if (pid == 0) {
		execl(path, "exit_with", "7", (char *)NULL);
		_exit(127);
	}
	waitpid(pid, &status, 0);
	for (int i = 0; i < 5; i++)
		getuid();
	return WIFEXITED(status) && WEXITSTATUS(status) == 7 ? 0 : 1;
}
