/* SPDX-License-Identifier: MIT */
/*
 * Deferred walks (shared/deferred.h): the stack copies of calls made in a
 * skipped object whose table was not built yet, held until it is, then
 * unwound here with the same rules as the kernel's walker and counted in
 * the kernel by the count_deferred program.
 */
#ifndef SYSO_KAGG_DEFERRED_USER_H
#define SYSO_KAGG_DEFERRED_USER_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/types.h>

struct deferred;
struct tracer_maps;

/* count_prog: count_deferred's descriptor; sites: --sites (the key's site
 * is the call site). NULL if out of memory. */
struct deferred *deferred__new(const struct tracer_maps *maps, int count_prog, bool sites);
void deferred__free(struct deferred *d);

/* A record of the deferred_walks ring (a copy, or a call's exit), taken
 * by the drain thread (user/deferred_drain.c). Always 0. */
int deferred__on_event(void *ctx, void *data, size_t size);

/* The table request for obj_id was served (a table or none): its calls
 * wait no longer. */
void deferred__table_decided(struct deferred *d, __u32 obj_id);

/* Unwind and count the calls that can be: those whose object's table is
 * decided and whose exit (with --errors/-T) came; with final, all. The
 * drain thread does the same as copies and exits come. */
void deferred__resolve(struct deferred *d, bool final);

/* No copy held and none being counted now (user/reclaim.c: no deferred
 * walk names an object being reclaimed). */
bool deferred__idle(struct deferred *d);
/* obj_id names no object any more (reclaimed): forget its table decision. */
void deferred__forget(struct deferred *d, __u32 obj_id);
/* Calls that could not be counted (out of memory, count_deferred failed). */
__u64 deferred__lost(struct deferred *d);

#endif
