/* SPDX-License-Identifier: MIT */
/*
 * One traced run: spawn the target held before exec, register it with the
 * tracer, let it go, and wait until every traced task has exited (or a
 * SIGINT/SIGTERM asks us to stop). The kernel side follows the tree, so
 * an orphaned descendant (a daemon) reparents as usual, to init or the
 * caller's subreaper, and is still waited for through live_tasks; with
 * --subreaper syso-kagg is a child subreaper: orphans reparent to it and
 * it reaps them. It leaves no zombie of its own either way.
 */
#ifndef SYSO_KAGG_RUN_H
#define SYSO_KAGG_RUN_H

#include <limits.h>
#include <signal.h>
#include <stdbool.h>

#include "options.h"
#include "tracer.h"

struct run_result {
	bool target_exited;	/* the direct child was reaped */
	int wait_status;	/* its status from waitpid */
	int stop_signal;	/* SIGINT/SIGTERM that ended the run early, or 0 */
	bool attached;		/* -p run: no target of ours */
	char started[PATH_MAX];	/* the path PROGRAM was exec'd by, or "" */
	bool signals_held;	/* SIGINT/SIGTERM/SIGHUP still blocked */
	sigset_t orig_mask;	/* the mask before the run */
};

/* 0 on a completed run (SIGINT, SIGTERM and SIGHUP are then still
 * blocked, so that the report is written whole: see run__release_signals);
 * otherwise an exit status after printing one line. */
int run__target(struct tracer *t, const struct options *opts, struct run_result *res);

/* -p: trace running processes (all their threads, then their new
 * children; with --descendants their existing descendants too) until they
 * have all exited or a signal stops us; they are left running. -a and
 * --cgroup: the kernel adopts the targets; only a signal ends the run.
 * --duration ends any of them. 0, or an exit status after one line. */
int run__attached(struct tracer *t, const struct options *opts, struct run_result *res);

/* Mark every thread of process pid traced (again until no new thread
 * appears). The number of threads marked, or -errno. */
int run__trace_threads(struct tracer *t, int pid);

/* The exit status syso-kagg passes on for a run, like a shell would. */
int run__exit_status(const struct run_result *res);

/* After the output is written: unblock the stopping signals. One that
 * arrived during the report makes the status 128+N, unless a signal had
 * already stopped the run (its status stands). Returns the status. */
int run__release_signals(struct run_result *res, int status);

#endif
