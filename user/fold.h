/* SPDX-License-Identifier: MIT */
/*
 * Bounded for days: with --per-process, a run that follows a service or
 * the machine (-p, -a, --cgroup) folds the counts of processes that have
 * exited into pid 0 ("[exited]") once a second, and forgets their names,
 * so that the counts and procs maps hold the live processes, not every
 * process that ever ran. Sums stay exact and monotonic.
 */
#ifndef SYSO_KAGG_FOLD_H
#define SYSO_KAGG_FOLD_H

#include <stdbool.h>
#include <linux/types.h>

struct tracer;

struct fold_stats {
	__u64 keys;		/* count keys folded */
	__u64 procs;		/* exited processes forgotten */
};

struct count_key;

/* Is k's process gone (exited, or its pid reused)? */
bool fold__key_dead(int procs_fd, const struct count_key *k);

/* One pass; 0 or -errno. Adds to *st. */
int fold__exited(struct tracer *t, struct fold_stats *st);

#endif
