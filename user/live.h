/* SPDX-License-Identifier: MIT */
/*
 * A run seen while it goes on: --interval tables (the change since the
 * previous interval and the running total), the -o file rewritten
 * atomically at each interval (a node_exporter textfile, or JSON), and the
 * --listen snapshot refreshed when a scrape asks. All of it runs in the
 * main loop, which alone reads the maps; one module-wide state, since a
 * run has one.
 */
#ifndef SYSO_KAGG_LIVE_H
#define SYSO_KAGG_LIVE_H

#include "options.h"

struct tracer;

/* Before the run: start --listen. 0, or an exit status after one line. */
int live__start(const struct options *opts, struct tracer *t);
/* From the run's wait loop (every wake-up, at least every 100 ms). */
void live__poll(struct tracer *t);
void live__stop(void);

#endif
