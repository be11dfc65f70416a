// SPDX-License-Identifier: MIT
/*
 * Deferred walks: hold each stack copy until its object's table is built,
 * unwind it with the kernel walker's rules (user/deferred_unwind.c) with
 * the tables read back from the kernel's maps, and count it in the kernel
 * (count_deferred). The copy holds every word up to the last that points
 * into code outside the table-less object, and the stacks where a walk
 * goes on elsewhere (a vfork child's parent's, the interrupted code's
 * under a signal frame on an alternate signal stack), so only a walk
 * through more than one such place needs more (walk_defer_cut).
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/bpf.h>

#include "shared/cfi.h"
#include "shared/deferred.h"
#include "shared/objects.h"
#include "shared/stats.h"
#include "deferred.h"
#include "deferred_unwind.h"
#include "tracer.h"
#include "unwind_tables.h"

/* Bytes of copies held at once, at most (a libc whose table request never
 * came, on a busy machine): beyond, the oldest are unwound without waiting
 * (by the scan of their copy, as without a table). */
#define DEFERRED_MAX_HELD_BYTES	(64u << 20)

struct held {
	bool exited;
	size_t bytes;
	struct deferred_exit exit;
	struct deferred_walk w;		/* stack[] cut after its last segment */
};

/* A table read back from the kernel's maps, the first time it is needed. */
struct table_copy {
	bool read;
	struct cfi_table t;
	struct cfi_row *rows;		/* t.nr_rows, NULL if unreadable */
};

struct deferred {
	int count_prog, obj_infos, obj_ids, cfi_tables, cfi_rows;
	const __u32 *vdso_table;
	bool sites;
	/* lock: the held copies, the decided objects and lost, which the
	 * drain thread (user/deferred_drain.c) and the main thread share */
	pthread_mutex_t lock;
	struct held **held;		/* sorted by seq */
	size_t nr_held, cap_held, held_bytes;
	bool over_cap;			/* held_bytes passed the cap: the oldest
					 * go at the next resolve, ready or not */
	__u32 *decided;			/* objects whose table request was served */
	size_t nr_decided, cap_decided;
	__u64 lost;
	/* unwind_lock: one resolve at a time, unwinding and counting the
	 * copies it took out of held[] without the lock, so that the ring is
	 * drained meanwhile; it owns the table cache */
	pthread_mutex_t unwind_lock;
	struct table_copy tables[CFI_MAX_TABLES];
};

struct deferred *deferred__new(const struct tracer_maps *maps, int count_prog, bool sites)
{
	struct deferred *d = calloc(1, sizeof(*d));

	if (!d)
		return NULL;
	d->count_prog = count_prog;
	d->obj_infos = maps->obj_infos;
	d->obj_ids = maps->obj_ids;
	d->cfi_tables = maps->cfi_tables;
	d->cfi_rows = maps->cfi_rows;
	d->vdso_table = maps->vdso_cfi_table;
	d->sites = sites;
	pthread_mutex_init(&d->lock, NULL);
	pthread_mutex_init(&d->unwind_lock, NULL);
	return d;
}

void deferred__free(struct deferred *d)
{
	size_t i;

	if (!d)
		return;
	pthread_mutex_destroy(&d->lock);
	pthread_mutex_destroy(&d->unwind_lock);
	for (i = 0; i < d->nr_held; i++)
		free(d->held[i]);
	for (i = 0; i < CFI_MAX_TABLES; i++)
		free(d->tables[i].rows);
	free(d->held);
	free(d->decided);
	free(d);
}

/* Index of the first held copy whose seq is >= seq. */
static size_t held_at(const struct deferred *d, __u64 seq)
{
	size_t lo = 0, hi = d->nr_held;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (d->held[mid]->w.seq < seq)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Copies come nearly in seq order (each CPU's in order): inserted near the
 * end. */
static void hold(struct deferred *d, const struct deferred_walk *w, size_t len)
{
	struct held *h = malloc(offsetof(struct held, w) + len);
	size_t at;

	if (!h) {
		d->lost++;
		return;
	}
	h->exited = false;
	h->bytes = len;
	memcpy(&h->w, w, len);
	if (d->held_bytes + len > DEFERRED_MAX_HELD_BYTES)
		d->over_cap = true;	/* the drain thread resolves after each batch */
	if (d->nr_held == d->cap_held) {
		size_t cap = d->cap_held ? 2 * d->cap_held : 256;
		struct held **v = realloc(d->held, cap * sizeof(*v));

		if (!v) {
			free(h);
			d->lost++;
			return;
		}
		d->held = v;
		d->cap_held = cap;
	}
	at = held_at(d, w->seq);
	memmove(d->held + at + 1, d->held + at, (d->nr_held - at) * sizeof(*d->held));
	d->held[at] = h;
	d->nr_held++;
	d->held_bytes += len;
}

static void on_exit_event(struct deferred *d, const struct deferred_exit *e)
{
	size_t at = held_at(d, e->seq);

	if (at < d->nr_held && d->held[at]->w.seq == e->seq) {
		d->held[at]->exit = *e;
		d->held[at]->exited = true;
	}
}

int deferred__on_event(void *ctx, void *data, size_t size)
{
	struct deferred *d = ctx;
	const struct deferred_walk *w = data;

	pthread_mutex_lock(&d->lock);
	if (size >= sizeof(struct deferred_exit) && w->kind == DEFERRED_EXIT)
		on_exit_event(d, data);
	else if (deferred_walk__valid(w, size))
		hold(d, w, size);
	pthread_mutex_unlock(&d->lock);
	return 0;
}

void deferred__table_decided(struct deferred *d, __u32 obj_id)
{
	pthread_mutex_lock(&d->lock);
	if (d->nr_decided == d->cap_decided) {
		size_t cap = d->cap_decided ? 2 * d->cap_decided : 16;
		__u32 *v = realloc(d->decided, cap * sizeof(*v));

		if (!v)
			goto out;	/* its copies wait for the end */
		d->decided = v;
		d->cap_decided = cap;
	}
	d->decided[d->nr_decided++] = obj_id;
out:
	pthread_mutex_unlock(&d->lock);
}

static bool decided(const struct deferred *d, __u32 obj_id)
{
	size_t i;

	for (i = 0; i < d->nr_decided; i++)
		if (d->decided[i] == obj_id)
			return true;
	return false;
}

/* The table the kernel gave obj_id (by its file, or by build-id), 0 if
 * none: the unwind's table_of (user/deferred_unwind.h). */
static __u32 table_of(void *ctx, __u32 obj_id)
{
	const struct deferred *d = ctx;
	struct obj_info info;
	struct obj_key key;
	struct obj_ref ref;

	if (bpf_map_lookup_elem(d->obj_infos, &obj_id, &info) || !(info.flags & OBJ_F_VALID))
		return 0;
	key.dev = info.dev;
	key.ino = info.ino;
	if (bpf_map_lookup_elem(d->obj_ids, &key, &ref) || ref.id != obj_id)
		return 0;
	return ref.cfi_table;
}

static const struct table_copy *table_read(struct deferred *d, __u32 index)
{
	struct table_copy *c;

	if (!index || index >= CFI_MAX_TABLES)
		return NULL;
	c = &d->tables[index];
	if (c->read)
		return c->rows ? c : NULL;
	c->read = true;
	if (bpf_map_lookup_elem(d->cfi_tables, &index, &c->t) || !c->t.nr_rows ||
	    !(c->rows = calloc(c->t.nr_rows, sizeof(*c->rows))))
		return NULL;
	if (unwind_tables__read_array(d->cfi_rows, c->t.first_row, c->rows, c->t.nr_rows,
				      sizeof(*c->rows))) {
		free(c->rows);
		c->rows = NULL;
		return NULL;
	}
	return c;
}

/* The row in effect at off, as cfi_lookup finds it; false for none: the
 * unwind's row_at. */
static bool row_at(void *ctx, __u32 index, __u32 off, struct cfi_row *out)
{
	const struct table_copy *c = table_read(ctx, index);

	if (!c || off < c->t.base || ((off - c->t.base) >> (c->t.shift & 31)) >= c->t.nr_buckets ||
	    c->rows[0].start > off)
		return false;
	*out = c->rows[unwind_tables__row_at(c->rows, c->t.nr_rows, off)];
	return true;
}

/* Unwind h and count it with count_deferred: false if that failed. Under
 * unwind_lock (the table cache). */
static bool count_one(struct deferred *d, const struct held *h)
{
	struct deferred_answer a = { .key = h->w.key, .reason = STAT_NR, .reason2 = STAT_NR };
	LIBBPF_OPTS(bpf_test_run_opts, run, .ctx_in = &a, .ctx_size_in = sizeof(a));
	const struct deferred_tables tables = {
		.ctx = d, .table_of = table_of, .row_at = row_at, .vdso_table = *d->vdso_table,
	};

	deferred_walk__unwind(&tables, &h->w, &a);
	/* as walk_find_caller: an object that did not fit in the table */
	if (a.key.obj_id == OBJ_UNATTRIBUTED)
		a.key.obj_id = OBJ_MAP_FULL;
	if (!d->sites)
		a.key.site = 0;
	if (h->exited) {
		a.has_exit = 1;
		a.ret = h->exit.ret;
		a.ns = h->exit.ns;
	}
	return !bpf_prog_test_run_opts(d->count_prog, &run) && !run.retval;
}

/* May copies made in obj_id wait no longer (its table is in, or will not
 * come)? The answer for the last object asked is kept for one pass:
 * copies come in runs of one object. */
static bool ready(struct deferred *d, __u32 obj_id, __u32 *last_obj, bool *last)
{
	if (obj_id != *last_obj) {
		*last_obj = obj_id;
		*last = table_of(d, obj_id) || decided(d, obj_id);
	}
	return *last;
}

/* Move into out (room for nr_held) the copies that may be unwound now:
 * with final all; else those whose object's table is decided and whose
 * exit came, and past the cap the oldest, ready or not. Under lock. */
static size_t take_ready(struct deferred *d, bool final, struct held **out)
{
	__u32 last_obj = OBJ_UNATTRIBUTED;
	bool last = false;
	size_t i, kept = 0, n = 0;

	for (i = 0; i < d->nr_held; i++) {
		struct held *h = d->held[i];

		if (final || (d->over_cap && d->held_bytes > DEFERRED_MAX_HELD_BYTES) ||
		    ((!h->w.has_exit || h->exited) && ready(d, h->w.own.obj_id, &last_obj, &last))) {
			d->held_bytes -= h->bytes;
			out[n++] = h;
		} else {
			d->held[kept++] = h;
		}
	}
	d->nr_held = kept;
	d->over_cap = false;
	return n;
}

void deferred__resolve(struct deferred *d, bool final)
{
	struct held **now;
	size_t n = 0, i;
	__u64 failed = 0;

	pthread_mutex_lock(&d->unwind_lock);
	pthread_mutex_lock(&d->lock);
	now = malloc((d->nr_held ? d->nr_held : 1) * sizeof(*now));
	if (now) {
		n = take_ready(d, final, now);
	} else if (final) {
		d->lost += d->nr_held;		/* never silently */
		for (i = 0; i < d->nr_held; i++)
			free(d->held[i]);
		d->nr_held = d->held_bytes = 0;
	}
	pthread_mutex_unlock(&d->lock);
	for (i = 0; i < n; i++) {
		failed += !count_one(d, now[i]);
		free(now[i]);
	}
	free(now);
	pthread_mutex_lock(&d->lock);
	d->lost += failed;
	pthread_mutex_unlock(&d->lock);
	pthread_mutex_unlock(&d->unwind_lock);
}

bool deferred__idle(struct deferred *d)
{
	bool idle;

	/* unwind_lock: a resolve counts its copies outside the lock */
	pthread_mutex_lock(&d->unwind_lock);
	pthread_mutex_lock(&d->lock);
	idle = d->nr_held == 0;
	pthread_mutex_unlock(&d->lock);
	pthread_mutex_unlock(&d->unwind_lock);
	return idle;
}

void deferred__forget(struct deferred *d, __u32 obj_id)
{
	pthread_mutex_lock(&d->lock);
	for (size_t i = 0; i < d->nr_decided; i++)
		if (d->decided[i] == obj_id)
			d->decided[i--] = d->decided[--d->nr_decided];
	pthread_mutex_unlock(&d->lock);
}

__u64 deferred__lost(struct deferred *d)
{
	__u64 lost;

	pthread_mutex_lock(&d->lock);
	lost = d->lost;
	pthread_mutex_unlock(&d->lock);
	return lost;
}
