/* SPDX-License-Identifier: MIT */
/*
 * The drain of the deferred walks' ring buffer (user/deferred_drain.c): a
 * thread of its own takes the kernel's stack copies into the held ones
 * (user/deferred.h) while the main thread builds the tables they wait for.
 */
#ifndef SYSO_KAGG_DEFERRED_DRAIN_H
#define SYSO_KAGG_DEFERRED_DRAIN_H

#include <stdbool.h>

struct deferred;
struct deferred_drain;

/* Drain ring_fd (the deferred_walks map) into d from now on; closed is the
 * kernel's defer_closed. NULL (errno set) if the thread could not start. */
struct deferred_drain *deferred_drain__start(struct deferred *d, int ring_fd, bool *closed);

/* A table request was served (a table or none): take the copies that
 * wait in the ring now (the kernel wakes the thread only when it fills). */
void deferred_drain__kick(struct deferred_drain *dr);

/* At the run's end: no more copies from the kernel (later calls are
 * scanned), the thread stopped, and every copy sent taken. */
void deferred_drain__stop(struct deferred_drain *dr);
void deferred_drain__free(struct deferred_drain *dr);

#endif
