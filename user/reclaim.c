// SPDX-License-Identifier: MIT
/*
 * Reclaiming object ids (reclaim.h). An id is reachable by a new count
 * only through a mirror range that names it or through its obj_ids entry
 * (a pc the mirror does not hold is looked up exactly and interned by
 * (dev, ino)). A pass:
 *  1. lists the ids no mirror names (candidates) and deletes their obj_ids
 *     entries: from then on a new mapping of the file is interned afresh;
 *  2. waits for every BPF program running now to end (a grace period: an
 *     update of a map-in-map returns only after synchronize_rcu), so that
 *     no program still holds a candidate it read before;
 *  3. serves the obj_events ring (events about candidates), waits for the
 *     deferred walks to be idle (their copies hold ranges), and reads the
 *     mirrors again, exactly (seqcount-checked copies): a candidate named
 *     there again (an exact lookup that read obj_ids before step 1 and
 *     inserted after it), or whose obj_ids entry came back (an intern in
 *     flight at step 1), waits for a later pass;
 *  4. the others can receive no count any more: their count keys are
 *     folded into the reclaimed object of their name, then deleted, their
 *     descriptors closed, and the ids pushed on free_obj_ids, which
 *     obj_intern_new takes from before handing out new ones.
 * An id on free_obj_ids has OBJ_F_RECLAIMED in its obj_infos entry until
 * the kernel reuses it (and writes the flags anew), so that a pass never
 * takes it for a candidate; the rest of the record stays (a --skip-lib
 * is still seen to have been met).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "shared/counts.h"
#include "shared/mirror.h"
#include "shared/objects.h"
#include "deferred.h"
#include "fold.h"
#include "object_files.h"
#include "objects.h"
#include "options.h"
#include "reclaim.h"
#include "symbols.h"

/* A pass runs every RECLAIM_PERIOD_NS (descriptors of deleted files are
 * released then), and at a wakeup of the main loop when the ids in use
 * pass 3/4 of the table, if the last such pass freed an eighth of it or
 * more: a machine whose objects are all mapped is not scanned at every
 * wakeup. */
#define RECLAIM_PERIOD_NS	(2ull * 1000000000ull)
/* Copies of a busy mirror read before a pass gives up on it (and frees
 * nothing this time). */
#define RECLAIM_MIRROR_TRIES	16

enum id_state {
	ID_PLAIN = 0,		/* in use, or never handed out, or free */
	ID_CANDIDATE = 1,	/* obj_ids entry deleted, not folded yet */
};

struct reclaim {
	struct reclaim_env env;
	__u32 nr_ids;
	bool fold_exited, build_ids;
	__u8 *state;		/* enum id_state per id */
	__u8 *named;		/* per id: a mirror names it (scratch) */
	__u32 *cands;		/* the ids in ID_CANDIDATE */
	size_t nr_cands;
	struct reclaimed_obj *objs;
	size_t nr_objs, cap_objs;
	size_t *by_name;	/* open addressing: index + 1, 0 = empty */
	size_t by_name_cap;	/* a power of two */
	__u64 freed;
	__u64 next_pass_ns;	/* the periodic pass */
	__u64 next_press_ns;	/* a pass for a table 3/4 full */
	__u64 next_fold_ns;
	struct mirror *m[2];	/* two copies of one mirror */
	int grace_outer, grace_inner;
	volatile unsigned long *ring_pos[2];	/* the deferred ring's consumer, producer */
	long page;
};

bool reclaim__allowed(const struct options *opts)
{
	return !opts->errors && !opts->time && !opts->hist && !opts->sites && opts->depth <= 1;
}

static __u64 now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (__u64)ts.tv_sec * 1000000000ull + ts.tv_nsec;
}

/* An array of maps of one slot: updating it returns after an RCU grace
 * period (the kernel's maybe_wait_bpf_programs, Linux 4.16+), hence after
 * every BPF program that was running has ended. */
static int grace_open(struct reclaim *rc)
{
	LIBBPF_OPTS(bpf_map_create_opts, o);

	rc->grace_inner = bpf_map_create(BPF_MAP_TYPE_ARRAY, NULL, 4, 4, 1, NULL);
	if (rc->grace_inner < 0)
		return -errno;
	o.inner_map_fd = rc->grace_inner;
	rc->grace_outer = bpf_map_create(BPF_MAP_TYPE_ARRAY_OF_MAPS, NULL, 4, 4, 1, &o);
	return rc->grace_outer < 0 ? -errno : 0;
}

static int grace_wait(struct reclaim *rc)
{
	__u32 zero = 0;

	return bpf_map_update_elem(rc->grace_outer, &zero, &rc->grace_inner, BPF_ANY) ? -errno : 0;
}

/* The deferred walks' ring: its consumer and producer positions, the
 * first word of its first two pages (read-only mappings are allowed). */
static void ring_open(struct reclaim *rc)
{
	for (int i = 0; i < 2 && rc->env.defer_ring >= 0; i++) {
		void *p = mmap(NULL, rc->page, PROT_READ, MAP_SHARED, rc->env.defer_ring,
			       i * rc->page);

		rc->ring_pos[i] = p == MAP_FAILED ? NULL : p;
	}
}

static bool ring_taken(const struct reclaim *rc)
{
	return __atomic_load_n(rc->ring_pos[0], __ATOMIC_ACQUIRE) ==
	       __atomic_load_n(rc->ring_pos[1], __ATOMIC_ACQUIRE);
}

/* Every copy the kernel made is taken from the ring (or there is none):
 * the drain thread wakes by itself only once the ring fills, so it is
 * asked to, and waited for a little (else a later pass finishes). */
static bool ring_empty(const struct reclaim *rc)
{
	struct timespec ms = { 0, 1000000 };

	if (rc->env.defer_ring < 0)
		return true;
	if (!rc->ring_pos[0] || !rc->ring_pos[1])
		return false;
	if (ring_taken(rc))
		return true;
	rc->env.kick_drain(rc->env.ctx);
	for (int i = 0; i < 20 && !ring_taken(rc); i++)
		nanosleep(&ms, NULL);
	return ring_taken(rc);
}

struct reclaim *reclaim__new(const struct reclaim_env *env, __u32 nr_ids, bool fold_exited,
			     bool build_ids)
{
	struct reclaim *rc = calloc(1, sizeof(*rc));
	int err;

	if (!rc)
		return NULL;
	rc->env = *env;
	rc->nr_ids = nr_ids;
	rc->fold_exited = fold_exited;
	rc->build_ids = build_ids;
	rc->page = sysconf(_SC_PAGESIZE);
	rc->grace_outer = rc->grace_inner = -1;
	rc->state = calloc(nr_ids, 1);
	rc->named = calloc(nr_ids, 1);
	rc->cands = calloc(nr_ids, sizeof(*rc->cands));
	rc->m[0] = malloc(sizeof(struct mirror));
	rc->m[1] = malloc(sizeof(struct mirror));
	if (!rc->state || !rc->named || !rc->cands || !rc->m[0] || !rc->m[1]) {
		reclaim__free(rc);
		errno = ENOMEM;
		return NULL;
	}
	if ((err = grace_open(rc))) {
		reclaim__free(rc);
		errno = -err;
		return NULL;
	}
	ring_open(rc);
	rc->next_pass_ns = now_ns() + RECLAIM_PERIOD_NS;
	return rc;
}

void reclaim__free(struct reclaim *rc)
{
	if (!rc)
		return;
	for (size_t i = 0; i < rc->nr_objs; i++) {
		free(rc->objs[i].name);
		free(rc->objs[i].build_id);
		free(rc->objs[i].c);
	}
	for (int i = 0; i < 2; i++)
		if (rc->ring_pos[i])
			munmap((void *)rc->ring_pos[i], rc->page);
	if (rc->grace_outer >= 0)
		close(rc->grace_outer);
	if (rc->grace_inner >= 0)
		close(rc->grace_inner);
	free(rc->objs);
	free(rc->by_name);
	free(rc->state);
	free(rc->named);
	free(rc->cands);
	free(rc->m[0]);
	free(rc->m[1]);
	free(rc);
}

/* Ids handed out and not given back. */
__u32 reclaim__in_use(const struct reclaim *rc)
{
	__u32 next = *rc->env.next_obj_id, reused = *rc->env.reused;
	__u64 handed = (next < rc->nr_ids ? next : rc->nr_ids) - OBJ_FIRST_FILE;

	handed += reused;
	return handed > rc->freed ? (__u32)(handed - rc->freed) : 0;
}

/*
 * Mark in rc->named every id a mirror names. A copy of a mirror is taken
 * as it was only if the next copy shows the same even seq (a writer makes
 * it odd while it moves ranges) and the same ranges. exact: give up
 * (-EAGAIN) on a mirror that never held still; otherwise its copies are
 * all marked (a pass-1 scan may only err towards fewer candidates).
 */
static int mark_named(struct reclaim *rc, bool exact)
{
	__u64 key, next, *prev = NULL;
	int fd = rc->env.mirrors;

	memset(rc->named, 0, rc->nr_ids);
	while (bpf_map_get_next_key(fd, prev, &next) == 0) {
		struct mirror *a = rc->m[0], *b = rc->m[1], *t;
		int tries;

		key = next;
		prev = &key;
		if (bpf_map_lookup_elem(fd, &key, a))
			continue;	/* its address space is gone */
		for (tries = 0; tries < RECLAIM_MIRROR_TRIES; tries++) {
			if (bpf_map_lookup_elem(fd, &key, b)) {
				a->nr = 0;	/* gone meanwhile: it names nothing */
				break;
			}
			/* and the same ranges: a copy is no single load, and
			 * fast string moves need not load in order */
			if (!(a->seq & 1) && a->seq == b->seq && a->nr == b->nr &&
			    a->nr <= MIRROR_MAX_RANGES && !memcmp(a->r, b->r, a->nr * sizeof(a->r[0])))
				break;
			t = a, a = b, b = t;
		}
		if (tries == RECLAIM_MIRROR_TRIES) {
			if (exact)
				return -EAGAIN;
			for (__u32 i = 0; i < b->nr && i < MIRROR_MAX_RANGES; i++)
				if (b->r[i].obj_id < rc->nr_ids)
					rc->named[b->r[i].obj_id] = 1;
		}
		for (__u32 i = 0; i < a->nr && i < MIRROR_MAX_RANGES; i++)
			if (a->r[i].obj_id < rc->nr_ids)
				rc->named[a->r[i].obj_id] = 1;
	}
	return 0;
}

/* Delete id's obj_ids entry if it is id's. Whether one was there. */
static bool unintern(struct reclaim *rc, __u32 id, const struct obj_info *info)
{
	struct obj_key key = { .dev = info->dev, .ino = info->ino };
	struct obj_ref ref;

	if (bpf_map_lookup_elem(rc->env.obj_ids, &key, &ref) || ref.id != id)
		return false;
	bpf_map_delete_elem(rc->env.obj_ids, &key);
	return true;
}

/* Step 1: new candidates. Whether there is any candidate. */
static bool pick_candidates(struct reclaim *rc)
{
	__u32 next = *rc->env.next_obj_id, hi = next < rc->nr_ids ? next : rc->nr_ids;
	struct obj_info info;

	mark_named(rc, false);
	object_files__maps_changed(rc->env.files);
	for (__u32 id = OBJ_FIRST_FILE; id < hi; id++) {
		if (rc->named[id] || rc->state[id] != ID_PLAIN ||
		    bpf_map_lookup_elem(rc->env.obj_infos, &id, &info) ||
		    (info.flags & (OBJ_F_VALID | OBJ_F_RECLAIMED)) != OBJ_F_VALID)
			continue;
		/* mapped but not yet called (an mmap interns its file at once):
		 * still the target's, its descriptor kept */
		if (object_files__still_mapped(rc->env.files, id, info.dev, info.ino))
			continue;
		unintern(rc, id, &info);
		rc->state[id] = ID_CANDIDATE;
		rc->cands[rc->nr_cands++] = id;
	}
	return rc->nr_cands > 0;
}

static size_t name_hash(const char *s)
{
	size_t h = 1469598103934665603ull;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211ull;
	return h;
}

static int by_name_grow(struct reclaim *rc)
{
	size_t cap = rc->by_name_cap ? rc->by_name_cap * 2 : 64, *t = calloc(cap, sizeof(*t));

	if (!t)
		return -ENOMEM;
	for (size_t i = 0; i < rc->nr_objs; i++) {
		size_t sl = name_hash(rc->objs[i].name) & (cap - 1);

		while (t[sl])
			sl = (sl + 1) & (cap - 1);
		t[sl] = i + 1;
	}
	free(rc->by_name);
	rc->by_name = t;
	rc->by_name_cap = cap;
	return 0;
}

/* The reclaimed object of (name, dev, ino), or past RECLAIM_KEEP_FILES
 * the one of all files named name; new (*created) if none. name is taken
 * (freed if not kept); NULL if out of memory. */
static struct reclaimed_obj *obj_for(struct reclaim *rc, char *name, __u64 dev, __u64 ino,
				     bool *created)
{
	struct reclaimed_obj *o;
	size_t sl, merged = 0;

	if ((rc->nr_objs + 1) * 2 > rc->by_name_cap && by_name_grow(rc))
		return free(name), NULL;
	for (sl = name_hash(name) & (rc->by_name_cap - 1); rc->by_name[sl];
	     sl = (sl + 1) & (rc->by_name_cap - 1)) {
		o = &rc->objs[rc->by_name[sl] - 1];
		if (strcmp(o->name, name))
			continue;
		if (o->dev == dev && o->ino == ino && !o->files)
			return free(name), o;
		if (o->files)
			merged = rc->by_name[sl];
	}
	if (rc->nr_objs >= RECLAIM_KEEP_FILES) {
		if (merged) {
			free(name);
			o = &rc->objs[merged - 1];
			o->files++;
			return o;
		}
		dev = ino = 0;
	}
	if (rc->nr_objs == rc->cap_objs) {
		size_t cap = rc->cap_objs ? rc->cap_objs * 2 : 16;

		o = realloc(rc->objs, cap * sizeof(*o));
		if (!o)
			return free(name), NULL;
		rc->objs = o;
		rc->cap_objs = cap;
	}
	rc->by_name[sl] = rc->nr_objs + 1;
	o = &rc->objs[rc->nr_objs++];
	memset(o, 0, sizeof(*o));
	o->name = name;
	o->dev = dev;
	o->ino = ino;
	o->files = rc->nr_objs > RECLAIM_KEEP_FILES;
	*created = true;
	return o;
}

/* What the report needs of id, read while its file is still held: the
 * index + 1 of its reclaimed object, 0 if none (out of memory). */
static size_t describe(struct reclaim *rc, __u32 id)
{
	struct obj_info info;
	struct reclaimed_obj *o;
	bool created = false;	/* (either way the same) */
	char *name;

	if (bpf_map_lookup_elem(rc->env.obj_infos, &id, &info) || !(info.flags & OBJ_F_VALID))
		return 0;
	name = objects__path(&info, object_files__deleted(rc->env.files, id));
	if (!name)
		return 0;
	o = obj_for(rc, name, info.dev, info.ino, &created);
	if (!o)
		return 0;
	o->available |= object_files__fd(rc->env.files, id) >= 0;
	if (rc->build_ids && !o->build_id && object_files__fd(rc->env.files, id) >= 0) {
		o->available = true;
		o->build_id = strdup(symbols__build_id(object_files__symbols(rc->env.files, id)));
	}
	return o - rc->objs + 1;
}

static int add_count(struct reclaimed_obj *o, const struct count_key *k, __u64 calls)
{
	struct reclaimed_count *c;

	for (size_t i = 0; i < o->nr_c; i++) {
		c = &o->c[i];
		if (c->pid == k->pid && c->pid_start == k->pid_start && c->nr == k->nr) {
			c->calls += calls;
			return 0;
		}
	}
	if (o->nr_c == o->cap_c) {
		size_t cap = o->cap_c ? o->cap_c * 2 : 4;

		c = realloc(o->c, cap * sizeof(*c));
		if (!c)
			return -ENOMEM;
		o->c = c;
		o->cap_c = cap;
	}
	o->c[o->nr_c++] = (struct reclaimed_count){ k->pid, k->pid_start, k->nr, calls };
	return 0;
}

/* The records of processes that exited since, into pid 0 (fold_exited):
 * as many records as live processes, not as all that ever ran. */
static int fold_records(struct reclaim *rc)
{
	int err = 0;

	for (size_t i = 0; i < rc->nr_objs && !err; i++) {
		struct reclaimed_obj *o = &rc->objs[i];
		struct reclaimed_count *gone = NULL, *g;
		size_t kept = 0, ngone = 0;

		for (size_t j = 0; j < o->nr_c; j++) {
			struct reclaimed_count c = o->c[j];
			struct count_key k = { .pid = c.pid, .pid_start = c.pid_start };

			if (!c.pid || !fold__key_dead(rc->env.procs, &k)) {
				o->c[kept++] = c;
			} else if ((g = realloc(gone, (ngone + 1) * sizeof(*g)))) {
				gone = g;
				gone[ngone++] = c;
			} else {
				o->c[kept++] = c;	/* out of memory: kept as it is */
			}
		}
		o->nr_c = kept;
		for (size_t j = 0; j < ngone && !err; j++) {
			struct count_key k = { .pid = 0, .pid_start = COUNT_PID_START_FOLDED,
					       .nr = gone[j].nr };

			err = add_count(o, &k, gone[j].calls);
		}
		free(gone);
	}
	return err;
}

/* Step 4's folding: every count key of a finished id moves into its
 * reclaimed object (index + 1 in objs_of[id]). */
static int fold_keys(struct reclaim *rc, const size_t *objs_of)
{
	int fd = rc->env.counts, ncpu = libbpf_num_possible_cpus(), err = 0;
	struct count_key key, next, *keys = NULL, *prev = NULL;
	size_t n = 0, cap = 0;
	struct count_val *v;

	if (ncpu <= 0)
		return -EINVAL;
	/* listed first: deleting while walking the keys restarts the walk */
	while (bpf_map_get_next_key(fd, prev, &next) == 0) {
		key = next;
		prev = &key;
		if (key.obj_id >= rc->nr_ids || !objs_of[key.obj_id])
			continue;
		if (n == cap) {
			struct count_key *k = realloc(keys, (cap = cap ? cap * 2 : 64) * sizeof(*k));

			if (!k) {
				free(keys);
				return -ENOMEM;
			}
			keys = k;
		}
		keys[n++] = key;
	}
	v = calloc(ncpu, sizeof(*v));
	for (size_t i = 0; v && i < n && !err; i++) {
		struct count_key k = keys[i];
		__u64 calls = 0;

		if (bpf_map_lookup_elem(fd, &k, v))
			continue;
		for (int c = 0; c < ncpu; c++)
			calls += v[c].calls;
		/* a process gone: as user/fold.c would fold it */
		if (rc->fold_exited && k.pid && fold__key_dead(rc->env.procs, &k)) {
			k.pid = 0;
			k.pid_start = COUNT_PID_START_FOLDED;
		}
		/* nothing adds to the key any more: read, kept, then deleted */
		if ((err = add_count(&rc->objs[objs_of[k.obj_id] - 1], &k, calls)))
			break;
		bpf_map_delete_elem(fd, &keys[i]);
	}
	if (!v)
		err = -ENOMEM;
	free(v);
	free(keys);
	return err;
}

/* Give id back: its file closed, its obj_infos entry marked (no pass
 * takes it for a candidate while it waits), pushed for the kernel. */
static void give_back(struct reclaim *rc, __u32 id)
{
	struct obj_info info;

	object_files__forget(rc->env.files, id);
	if (rc->env.deferred)
		deferred__forget(rc->env.deferred, id);
	if (bpf_map_lookup_elem(rc->env.obj_infos, &id, &info) == 0) {
		info.flags |= OBJ_F_RECLAIMED;
		bpf_map_update_elem(rc->env.obj_infos, &id, &info, BPF_ANY);
	}
	rc->state[id] = ID_PLAIN;
	if (bpf_map_update_elem(rc->env.free_ids, NULL, &id, BPF_ANY) == 0)
		rc->freed++;
}

/* Step 3 and 4. Ids given back. */
static size_t finish(struct reclaim *rc)
{
	size_t *objs_of = calloc(rc->nr_ids, sizeof(*objs_of));
	__u32 *fin = calloc(rc->nr_ids, sizeof(*fin));
	size_t kept = 0, nfin = 0;
	struct obj_info info;

	if (!objs_of || !fin)
		goto out;
	rc->env.serve_events(rc->env.ctx);
	/* copies taken, and none being counted: no deferred walk holds a
	 * candidate (new ones cannot name one) */
	if (!ring_empty(rc) || (rc->env.deferred && !deferred__idle(rc->env.deferred)) ||
	    mark_named(rc, true))
		goto out;
	for (size_t i = 0; i < rc->nr_cands; i++) {
		__u32 id = rc->cands[i];

		if (rc->named[id] || bpf_map_lookup_elem(rc->env.obj_infos, &id, &info) ||
		    unintern(rc, id, &info) || !(objs_of[id] = describe(rc, id))) {
			rc->cands[kept++] = id;	/* for a later pass */
			objs_of[id] = 0;
		} else {
			fin[nfin++] = id;
		}
	}
	if (nfin && fold_keys(rc, objs_of)) {
		/* out of memory: they stay candidates */
		memcpy(rc->cands + kept, fin, nfin * sizeof(*fin));
		kept += nfin;
		nfin = 0;
	}
	rc->nr_cands = kept;
	for (size_t i = 0; i < nfin; i++)
		give_back(rc, fin[i]);
out:
	free(objs_of);
	free(fin);
	return nfin;
}

void reclaim__run(struct reclaim *rc)
{
	__u64 now = now_ns();
	__u32 room;
	size_t done;

	if (!rc)
		return;
	room = rc->nr_ids - OBJ_FIRST_FILE;
	if (now < rc->next_pass_ns &&
	    (now < rc->next_press_ns || reclaim__in_use(rc) * 4ull < room * 3ull))
		return;
	rc->next_pass_ns = rc->next_press_ns = now + RECLAIM_PERIOD_NS;
	if (rc->fold_exited && now >= rc->next_fold_ns) {
		rc->next_fold_ns = now + RECLAIM_PERIOD_NS;
		fold_records(rc);	/* out of memory: records stay per process */
	}
	if (!pick_candidates(rc) || grace_wait(rc))
		return;
	done = finish(rc);
	/* much freed: while the table fills, the next pass may come at the
	 * next wakeup (else not before the period: a table full of mapped
	 * objects is not scanned at every wakeup) */
	if (done * 8 >= room)
		rc->next_press_ns = now;
}

size_t reclaim__nr(const struct reclaim *rc)
{
	return rc ? rc->nr_objs : 0;
}

const struct reclaimed_obj *reclaim__obj(const struct reclaim *rc, size_t i)
{
	return &rc->objs[i];
}

__u64 reclaim__freed(const struct reclaim *rc)
{
	return rc ? rc->freed : 0;
}
