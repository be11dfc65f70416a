// SPDX-License-Identifier: MIT
/* The traced run: launch, register, go, wait for the whole tree. */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <unistd.h>

#include <time.h>

#include "run.h"
#include "report.h"
#include "results.h"
#include "launch.h"
#include "skipped_libs.h"
#include "exit_codes.h"
#include "targets.h"
#include "live.h"

/* Poll period for the live-task count when no SIGCHLD wakes us: a traced
 * task that is not our child, e.g. an orphan reparented to init (without
 * --subreaper), or any task of a -p run. */
#define WAIT_POLL_MS 100

/* Reap what has exited (the target, and with --subreaper the orphans
 * reparented to us). Whether children of ours are left. */
static bool reap(struct run_result *res, pid_t target)
{
	int status;
	pid_t pid;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		if (pid == target) {
			res->target_exited = true;
			res->wait_status = status;
		}
	}
	return pid == 0;
}

/*
 * The run is over, but a child of ours may still be on its way to being a
 * zombie: a traced task's exit tracepoint, which lowered live_tasks, runs
 * before the kernel notifies its parent. Reap such children as they come so
 * that syso-kagg leaves no zombie; give up after REAP_GRACE_MS without one
 * (only a child the kernel side could not record, tasks_lost, can still be
 * running: it is reparented as usual when we exit). Waits on SIGCHLD alone:
 * a stopping signal stays pending for run__release_signals.
 */
#define REAP_GRACE_MS 1000

static void reap_rest(struct run_result *res, pid_t target)
{
	struct timespec grace = { REAP_GRACE_MS / 1000, REAP_GRACE_MS % 1000 * 1000000L };
	sigset_t chld;

	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	while (reap(res, target))
		if (sigtimedwait(&chld, NULL, &grace) < 0 && errno != EINTR)
			break;
}

static void stop_signals(sigset_t *set)
{
	sigemptyset(set);
	sigaddset(set, SIGINT);
	sigaddset(set, SIGTERM);
	sigaddset(set, SIGHUP);
}

/* Block the signals that end or wake a run (and SIGCHLD when we have
 * children to reap) and return a signalfd for them; -1 after one line. */
static int signals_open(bool children, sigset_t *orig)
{
	sigset_t mask;
	int sfd;

	stop_signals(&mask);
	if (children)
		sigaddset(&mask, SIGCHLD);
	if (sigprocmask(SIG_BLOCK, &mask, orig))
		return -1;
	sfd = signalfd(-1, &mask, SFD_CLOEXEC | SFD_NONBLOCK);
	if (sfd < 0) {
		fprintf(stderr, "syso-kagg: signalfd: %s\n", strerror(errno));
		sigprocmask(SIG_SETMASK, orig, NULL);
	}
	return sfd;
}

/* The run is over: the signalfd goes, the stopping signals stay blocked
 * until run__release_signals (the report must be written whole). */
static void signals_close(int sfd, struct run_result *res, const sigset_t *orig)
{
	sigset_t keep = *orig, stop;
	int sig;

	close(sfd);
	stop_signals(&stop);
	for (sig = 1; sig < NSIG; sig++)
		if (sigismember(&stop, sig))
			sigaddset(&keep, sig);
	res->orig_mask = *orig;
	res->signals_held = true;
	sigprocmask(SIG_SETMASK, &keep, NULL);
}

int run__release_signals(struct run_result *res, int status)
{
	struct timespec now = { 0, 0 };
	int sig, late = 0;
	sigset_t stop;

	if (!res->signals_held)
		return status;
	stop_signals(&stop);
	while ((sig = sigtimedwait(&stop, NULL, &now)) > 0)
		if (!late)
			late = sig;
	sigprocmask(SIG_SETMASK, &res->orig_mask, NULL);
	res->signals_held = false;
	/* a signal that stopped the run already decided the status */
	return late && !res->stop_signal ? 128 + late : status;
}

/* Sleep until a signal, a kernel request or the poll period; serve table
 * requests; note a stopping signal. -1 if waiting itself failed. */
static int wait_step(struct tracer *t, int sfd, struct run_result *res)
{
	struct pollfd pfd[2] = { { .fd = sfd, .events = POLLIN },
				 { .fd = tracer__events_fd(t), .events = POLLIN } };
	struct signalfd_siginfo si;

	if (poll(pfd, 2, WAIT_POLL_MS) < 0 && errno != EINTR)
		return -1;
	tracer__handle_events(t);
	while (read(sfd, &si, sizeof(si)) == sizeof(si))
		if (si.ssi_signo == SIGINT || si.ssi_signo == SIGTERM || si.ssi_signo == SIGHUP)
			res->stop_signal = si.ssi_signo;
	return 0;
}

/*
 * --subreaper: orphans of the traced tree reparent to syso-kagg, which
 * reaps them, rather than to init or to the caller's own subreaper. Off by
 * default, because a daemon would then see syso-kagg as its parent; the
 * tree is followed in the kernel (sched_process_fork/exit) either way.
 */
static int become_subreaper(void)
{
	if (prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0)
		return 0;
	fprintf(stderr, "syso-kagg: --subreaper: PR_SET_CHILD_SUBREAPER: %s\n", strerror(errno));
	return -1;
}

int run__target(struct tracer *t, const struct options *opts, struct run_result *res)
{
	sigset_t orig;
	struct launch l;
	int sfd, err;

	memset(res, 0, sizeof(*res));
	if ((err = launch__resolve(&l, opts->argv[0])))
		return err;
	if (opts->depth > 1 || opts->sites)
		skipped_libs__load_program(t, l.path, opts->depth > 1);
	if (opts->user && (err = launch__set_user(&l, opts->user)))
		return err;
	if (opts->subreaper && become_subreaper())
		return EXIT_UNAVAILABLE;
	if ((sfd = signals_open(true, &orig)) < 0)
		return EXIT_SOFTWARE;

	if ((err = launch__spawn(&l, opts->argv, &orig))) {
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
		if (err & LAUNCH_REPORTED) {
			waitpid(l.pid, NULL, 0);
			close(sfd);
			return err & 0xff;
		}
		if (err & LAUNCH_USER_FAILED) {
			fprintf(stderr, "syso-kagg: -u %s: cannot switch to the user: %s\n",
				opts->user, strerror(err & ~LAUNCH_USER_FAILED));
			waitpid(l.pid, NULL, 0);
			close(sfd);
			return EXIT_SOFTWARE;
		}
		fprintf(stderr, "syso-kagg: %s: %s\n", l.path, strerror(err));
		waitpid(l.pid, NULL, 0);
		close(sfd);
		return err == ENOENT ? EXIT_NOTFOUND : EXIT_NOEXEC;
	}

	snprintf(res->started, sizeof(res->started), "%s", l.path);
	for (;;) {
		if (wait_step(t, sfd, res))
			break;
		reap(res, l.pid);
		if (res->stop_signal)
			break;
		live__poll(t);
		/* sched_process_exit runs before the parent is notified, so
		 * once the target is reaped the count is already final. */
		if (res->target_exited && tracer__live_tasks(t) == 0)
			break;
	}
	if (!res->stop_signal)
		reap_rest(res, l.pid);
	signals_close(sfd, res, &orig);
	return 0;
}

#define ATTACH_MAX_THREADS 65536

static int cmp_int(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

/* Mark every thread of pid; repeat until a pass marks no new thread, so
 * that threads created while we marked are not missed (those are followed
 * by the kernel anyway once their creator is marked). Returns the number
 * of threads marked, or -errno. */
int run__trace_threads(struct tracer *t, int pid)
{
	int *done = calloc(ATTACH_MAX_THREADS, sizeof(int)), nr = 0, err = 0, again = 1;
	char dir[64];

	if (!done)
		return -ENOMEM;
	snprintf(dir, sizeof(dir), "/proc/%d/task", pid);
	while (again && !err) {
		struct dirent *de;
		DIR *d = opendir(dir);

		again = 0;
		if (!d) {
			err = -errno;
			break;
		}
		while ((de = readdir(d)) && nr < ATTACH_MAX_THREADS) {
			int tid = atoi(de->d_name), e;

			if (tid <= 0 || bsearch(&tid, done, nr, sizeof(int), cmp_int))
				continue;
			e = tracer__trace_thread(t, tid);
			if (e == 0) {
				done[nr++] = tid;
				qsort(done, nr, sizeof(int), cmp_int);
				again = 1;
			} else if (e != -ESRCH) {
				err = e;
				break;
			}
		}
		closedir(d);
	}
	free(done);
	if (err == -ENOENT)
		err = -ESRCH;
	return nr ? nr : (err ? err : -ESRCH);
}

int run__attached(struct tracer *t, const struct options *opts, struct run_result *res)
{
	const int *pids = opts->pids;
	int nr_pids = opts->nr_pids, sfd, i;
	bool quiet = opts->quiet;
	struct timespec end, now;
	sigset_t orig;

	memset(res, 0, sizeof(*res));
	if ((sfd = signals_open(false, &orig)) < 0)
		return EXIT_SOFTWARE;
	for (i = 0; i < nr_pids; i++) {
		int n = pids[i] == getpid() ? -EINVAL : run__trace_threads(t, pids[i]);

		if (n <= 0) {
			fprintf(stderr, "syso-kagg: -p %d: %s\n", pids[i],
				n == -EINVAL ? "cannot trace syso-kagg itself" :
				strerror(n ? -n : ESRCH));
			close(sfd);
			sigprocmask(SIG_SETMASK, &orig, NULL);
			return n == -EINVAL ? EXIT_USAGE : EXIT_NOPROC;
		}
		if (!quiet)
			fprintf(stderr, "syso-kagg: attached to process %d (%d threads)\n",
				pids[i], n);
	}
	if (targets__open_ended(opts) && !quiet)
		fprintf(stderr, "syso-kagg: tracing %s%s (until SIGINT/SIGTERM%s)\n",
			opts->all ? "every process" : "cgroup ", opts->all ? "" : opts->cgroup,
			opts->duration ? " or --duration" : "");
	if (opts->descendants) {
		int n = targets__trace_descendants(t, pids, nr_pids);

		if (n < 0)
			fprintf(stderr, "syso-kagg: --descendants: %s\n", strerror(-n));
		else if (!quiet)
			fprintf(stderr, "syso-kagg: attached to %d descendant processes\n", n);
	}
	clock_gettime(CLOCK_MONOTONIC, &end);
	end.tv_sec += opts->duration;
	for (;;) {
		if (wait_step(t, sfd, res))
			break;
		if (res->stop_signal ||
		    (!targets__open_ended(opts) && tracer__live_tasks(t) == 0))
			break;
		live__poll(t);
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (opts->duration && (now.tv_sec > end.tv_sec ||
				       (now.tv_sec == end.tv_sec && now.tv_nsec >= end.tv_nsec)))
			break;
	}
	signals_close(sfd, res, &orig);
	/* Attached processes are not ours: ending by a signal is the normal
	 * way to stop, and reports like a completed run. */
	res->attached = true;
	return 0;
}

int run__exit_status(const struct run_result *res)
{
	if (res->attached)
		return 0;
	if (!res->target_exited)
		return 128 + res->stop_signal;
	if (WIFEXITED(res->wait_status))
		return WEXITSTATUS(res->wait_status);
	if (WIFSIGNALED(res->wait_status))
		return 128 + WTERMSIG(res->wait_status);
	return EXIT_SOFTWARE;
}
