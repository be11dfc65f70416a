// SPDX-License-Identifier: MIT
/* The traced run: launch, register, go, wait for the whole tree. */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <unistd.h>

#include "run.h"
#include "launch.h"
#include "exit_codes.h"

/* Poll period for the live-task count when no signal wakes us (a traced
 * task that is not our descendant, e.g. made with CLONE_PARENT). */
#define WAIT_POLL_MS 100

static void reap(struct run_result *res, pid_t target)
{
	int status;
	pid_t pid;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		if (pid == target) {
			res->target_exited = true;
			res->wait_status = status;
		}
	}
}

int run__target(struct tracer *t, char **argv, const char *name, struct run_result *res)
{
	sigset_t mask, orig;
	struct launch l;
	int sfd, err;

	memset(res, 0, sizeof(*res));
	if ((err = launch__resolve(&l, name)))
		return err;

	sigemptyset(&mask);
	sigaddset(&mask, SIGCHLD);
	sigaddset(&mask, SIGINT);
	sigaddset(&mask, SIGTERM);
	sigaddset(&mask, SIGHUP);
	if (sigprocmask(SIG_BLOCK, &mask, &orig))
		return EXIT_SOFTWARE;
	sfd = signalfd(-1, &mask, SFD_CLOEXEC | SFD_NONBLOCK);
	if (sfd < 0) {
		fprintf(stderr, "syso-kagg: signalfd: %s\n", strerror(errno));
		return EXIT_SOFTWARE;
	}
	prctl(PR_SET_CHILD_SUBREAPER, 1);

	if ((err = launch__spawn(&l, argv, &orig))) {
		fprintf(stderr, "syso-kagg: cannot fork: %s\n", strerror(-err));
		close(sfd);
		return EXIT_SOFTWARE;
	}
	if ((err = tracer__register(t, l.pid))) {
		fprintf(stderr, "syso-kagg: cannot register the target with BPF: %s\n",
			strerror(-err));
		kill(l.pid, SIGKILL);
		waitpid(l.pid, NULL, 0);
		close(sfd);
		return EXIT_SOFTWARE;
	}
	if ((err = launch__go(&l))) {
		fprintf(stderr, "syso-kagg: %s: %s\n", l.path, strerror(err));
		waitpid(l.pid, NULL, 0);
		close(sfd);
		return err == ENOENT ? EXIT_NOTFOUND : EXIT_NOEXEC;
	}

	for (;;) {
		struct pollfd pfd = { .fd = sfd, .events = POLLIN };
		struct signalfd_siginfo si;

		if (poll(&pfd, 1, WAIT_POLL_MS) < 0 && errno != EINTR)
			break;
		while (read(sfd, &si, sizeof(si)) == sizeof(si)) {
			if (si.ssi_signo == SIGINT || si.ssi_signo == SIGTERM ||
			    si.ssi_signo == SIGHUP)
				res->stop_signal = si.ssi_signo;
		}
		reap(res, l.pid);
		if (res->stop_signal)
			break;
		/* sched_process_exit runs before the parent is notified, so
		 * once the target is reaped the count is already final. */
		if (res->target_exited && tracer__live_tasks(t) == 0)
			break;
	}
	close(sfd);
	sigprocmask(SIG_SETMASK, &orig, NULL);
	return 0;
}

int run__exit_status(const struct run_result *res)
{
	if (!res->target_exited)
		return 128 + res->stop_signal;
	if (WIFEXITED(res->wait_status))
		return WEXITSTATUS(res->wait_status);
	if (WIFSIGNALED(res->wait_status))
		return 128 + WTERMSIG(res->wait_status);
	return EXIT_SOFTWARE;
}
