/* SPDX-License-Identifier: MIT */
/*
 * Runs that last: object ids, and the descriptors held on their files, are
 * given back once no traced address space maps the object any more, so
 * that a run that sees unbounded library churn (dlopen + dlclose of ever
 * new files, memfds) keeps a bounded object table, descriptors and memory.
 * The counts of a reclaimed id are folded first, under what survives it:
 * its name as reported. The report shows them as if nothing was reclaimed
 * (a name mapped again later is one object, as before).
 *
 * Only where no count can reach an id after its last mapping is gone: not
 * with --errors/-T/--hist (a call's exit adds to the key its entry noted,
 * in task storage userspace cannot list), --sites (a site needs its
 * object's symbols at the end) or --depth > 1 (chains name objects); there
 * ids are not reused, as before.
 */
#ifndef SYSO_KAGG_RECLAIM_H
#define SYSO_KAGG_RECLAIM_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/types.h>

struct reclaim;
struct options;
struct object_files;
struct deferred;

/* What a pass works on (the tracer's). */
struct reclaim_env {
	int counts, procs, mirrors, obj_ids, obj_infos;
	int free_ids;			/* the kernel's free_obj_ids queue */
	int defer_ring;			/* deferred_walks ring, -1 without */
	const volatile __u32 *next_obj_id;	/* the kernel's globals */
	const volatile __u32 *reused;
	struct object_files *files;
	struct deferred *deferred;	/* NULL without deferred walks */
	void (*serve_events)(void *ctx);	/* take the obj_events ring now */
	void (*kick_drain)(void *ctx);		/* and the deferred walks' ring */
	void *ctx;
};

/* Calls of a reclaimed object, per process (pid 0: exited, as folded). */
struct reclaimed_count {
	__u32 pid, pid_start, nr;
	__u64 calls;
};

/* A reclaimed object as reported: every reclaimed id of one file (its
 * name, dev and inode), or, once RECLAIM_KEEP_FILES files are kept, of
 * all further files of one name (files > 0, dev = ino = 0): the memory of
 * a run bounded whatever its churn. */
struct reclaimed_obj {
	char *name;			/* as objects__path() made it */
	__u64 dev, ino;
	__u64 files;			/* > 0: the files of that name merged */
	bool available;			/* its file was held */
	char *build_id;			/* its build-id ("" none), NULL: not read */
	struct reclaimed_count *c;
	size_t nr_c, cap_c;
};

#define RECLAIM_KEEP_FILES	4096

/* Whether opts allow reclaiming (see above). */
bool reclaim__allowed(const struct options *opts);
/* For ids below nr_ids (--max-objects); fold_exited: the calls of exited
 * processes go to pid 0, as user/fold.c folds them (runs that attach with
 * --per-process). NULL (errno set) if out of memory or the kernel has no
 * map-in-map (no grace period to wait with). */
struct reclaim *reclaim__new(const struct reclaim_env *env, __u32 nr_ids, bool fold_exited,
			     bool build_ids);
void reclaim__free(struct reclaim *rc);
/* A pass if one is due (the table fills, or a period passed): from the
 * main loop, after the events are served. */
void reclaim__run(struct reclaim *rc);
/* The reclaimed objects so far, and ids given back. */
size_t reclaim__nr(const struct reclaim *rc);
const struct reclaimed_obj *reclaim__obj(const struct reclaim *rc, size_t i);
__u64 reclaim__freed(const struct reclaim *rc);
/* Ids in use now (handed out, not given back). */
__u32 reclaim__in_use(const struct reclaim *rc);

#endif
