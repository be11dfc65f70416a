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
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>

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

/* The drain thread's poll timeout: how soon it sees the stop flag. */
#define DEFERRED_DRAIN_POLL_MS	50

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
	struct held **held;		/* sorted by seq */
	size_t nr_held, cap_held, held_bytes;
	__u32 *decided;			/* objects whose table request was served */
	size_t nr_decided, cap_decided;
	struct table_copy tables[CFI_MAX_TABLES];
	__u64 lost;
	/* everything above: the drain thread holds copies and unwinds those
	 * that are ready, the caller's thread tells tables and resolves */
	pthread_mutex_t lock;
	struct ring_buffer *ring;	/* deferred_walks */
	pthread_t drain;
	bool draining;
	int stop;			/* __atomic: the drain thread ends */
};

static int on_event(void *ctx, void *data, size_t size);
static void resolve(struct deferred *d, bool final);

/*
 * The ring is drained by a thread of its own, at a real-time priority
 * above the main thread's (tracer.c's prefer_tool): while the main thread
 * builds a table (tens of milliseconds for a libc, several times that
 * under ASan), the traced program's calls keep coming as copies, which a
 * ring left undrained that long cannot hold (walk_defer_full). Threads are
 * created with the normal policy (SCHED_RESET_ON_FORK); this one asks for
 * its own, and keeps the normal one if refused.
 */
static void *drain(void *arg)
{
	struct deferred *d = arg;
	struct sched_param sp = { .sched_priority = 2 };
	int n;

	sched_setscheduler(0, SCHED_FIFO | SCHED_RESET_ON_FORK, &sp);
	while (!__atomic_load_n(&d->stop, __ATOMIC_ACQUIRE)) {
		n = ring_buffer__poll(d->ring, DEFERRED_DRAIN_POLL_MS);
		if (n < 0 && n != -EINTR)
			break;		/* deferred__stop consumes what is left */
		if (n > 0) {
			pthread_mutex_lock(&d->lock);
			resolve(d, false);
			pthread_mutex_unlock(&d->lock);
		}
	}
	return NULL;
}

/* Start draining ring_fd in a thread that takes no signal (they are the
 * main thread's). 0 or -errno. */
static int start_drain(struct deferred *d, int ring_fd)
{
	sigset_t all, old;
	int e;

	d->ring = ring_buffer__new(ring_fd, on_event, d, NULL);
	if (!d->ring)
		return -errno;
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	e = pthread_create(&d->drain, NULL, drain, d);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	d->draining = !e;
	return -e;
}

struct deferred *deferred__new(const struct tracer_maps *maps, int count_prog, int ring_fd,
			       bool sites)
{
	struct deferred *d = calloc(1, sizeof(*d));
	int e;

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
	if ((e = start_drain(d, ring_fd))) {
		deferred__free(d);
		errno = -e;
		return NULL;
	}
	return d;
}

void deferred__stop(struct deferred *d)
{
	if (!d || !d->draining)
		return;
	__atomic_store_n(&d->stop, 1, __ATOMIC_RELEASE);
	pthread_join(d->drain, NULL);
	d->draining = false;
	ring_buffer__consume(d->ring);
}

void deferred__free(struct deferred *d)
{
	size_t i;

	if (!d)
		return;
	deferred__stop(d);
	ring_buffer__free(d->ring);
	pthread_mutex_destroy(&d->lock);
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

static void resolve_one(struct deferred *d, struct held *h);

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
	while (d->nr_held && d->held_bytes + len > DEFERRED_MAX_HELD_BYTES) {
		resolve_one(d, d->held[0]);
		d->held_bytes -= d->held[0]->bytes;
		free(d->held[0]);
		memmove(d->held, d->held + 1, --d->nr_held * sizeof(*d->held));
	}
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

/* The ring buffer's callback, on the drain thread (or deferred__stop's). */
static int on_event(void *ctx, void *data, size_t size)
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

static void resolve_one(struct deferred *d, struct held *h)
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
	if (bpf_prog_test_run_opts(d->count_prog, &run) || run.retval)
		d->lost++;
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

/* deferred__resolve, its lock held. */
static void resolve(struct deferred *d, bool final)
{
	__u32 last_obj = OBJ_UNATTRIBUTED;
	bool last = false;
	size_t i, kept = 0;

	for (i = 0; i < d->nr_held; i++) {
		struct held *h = d->held[i];

		if (!final && ((h->w.has_exit && !h->exited) ||
			       !ready(d, h->w.own.obj_id, &last_obj, &last))) {
			d->held[kept++] = h;
			continue;
		}
		resolve_one(d, h);
		d->held_bytes -= h->bytes;
		free(h);
	}
	d->nr_held = kept;
}

void deferred__resolve(struct deferred *d, bool final)
{
	pthread_mutex_lock(&d->lock);
	resolve(d, final);
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
