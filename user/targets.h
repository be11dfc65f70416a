/* SPDX-License-Identifier: MIT */
/*
 * Targets beyond one launched PROGRAM: -a (the whole machine), --cgroup
 * PATH (a service, a container: a cgroup v2 and everything below it) and
 * -p PID --descendants (the PIDs' existing process trees). -a and --cgroup
 * are decided by the kernel at each untraced task's syscall
 * (kern/targets.bpf.h); --descendants marks each existing descendant like
 * -p marks a PID, and the kernel follows their new children.
 */
#ifndef SYSO_KAGG_TARGETS_H
#define SYSO_KAGG_TARGETS_H

#include "options.h"

struct tracer;
struct syso_kagg_bpf;

/* Before load: set the kernel's target mode from opts (opens --cgroup
 * PATH). 0, or an exit status after printing one line. */
int targets__configure(struct syso_kagg_bpf *skel, const struct options *opts, int *cgroup_fd);
/* Before anything else (any user): -p of a kernel thread, which has no
 * user space to trace and never exits, is refused. 0, or EXIT_USAGE after
 * printing one line. */
int targets__check_pids(const struct options *opts);
/* After load: hand the --cgroup fd to the kernel. 0 or -errno. */
int targets__install(struct syso_kagg_bpf *skel, int cgroup_fd);
/* --descendants: mark every existing descendant of the traced roots,
 * until a pass over /proc finds none left. The number of processes
 * marked, or -errno. */
int targets__trace_descendants(struct tracer *t, const int *roots, int nr_roots);
/* The run ends only by a signal or --duration (-a, --cgroup). */
static inline bool targets__open_ended(const struct options *opts)
{
	return opts->all || opts->cgroup;
}

#endif
