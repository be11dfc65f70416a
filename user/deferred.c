// SPDX-License-Identifier: MIT
/*
 * Deferred walks: hold each stack copy until its object's table is built,
 * unwind it with the kernel walker's rules (kern/walk.bpf.h: cfi_frame,
 * step_to_with, walk_scan) over the copy and the ranges the kernel looked
 * up while the process lived, and count it in the kernel (count_deferred).
 * An unwind that needs a word beyond the copy ends there, as at a frame
 * with no caller (walk_defer_cut). The copy holds every word up to the
 * last that points into code outside the table-less object, and the
 * stacks where a walk goes on elsewhere (a vfork child's parent's, the
 * interrupted code's under a signal frame on an alternate signal stack),
 * so only a walk through more than one such place needs more.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/bpf.h>

#include "shared/cfi.h"
#include "shared/deferred.h"
#include "shared/objects.h"
#include "shared/stats.h"
#include "deferred.h"
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
	struct held **held;		/* sorted by seq */
	size_t nr_held, cap_held, held_bytes;
	__u32 *decided;			/* objects whose table request was served */
	size_t nr_decided, cap_decided;
	struct table_copy tables[CFI_MAX_TABLES];
	__u64 lost;
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
	return d;
}

void deferred__free(struct deferred *d)
{
	size_t i;

	if (!d)
		return;
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

/* The segments the kernel says it copied lie within the event's bytes. */
static bool segments_valid(const struct deferred_walk *w, size_t bytes)
{
	__u32 i, n = w->cur ? 2 : 1;

	if (w->cur >= DEFER_SEGMENTS)
		return false;
	for (i = 0; i < n; i++)
		if (w->seg[i].len > DEFER_STACK_BYTES || w->seg[i].off > bytes ||
		    w->seg[i].off + w->seg[i].len > DEFER_BUF_BYTES ||
		    w->seg[i].len > bytes - w->seg[i].off || w->seg[i].len % 8 || w->seg[i].off % 8)
			return false;
	return true;
}

int deferred__on_event(void *ctx, void *data, size_t size)
{
	struct deferred *d = ctx;
	const struct deferred_walk *w = data;
	size_t head = offsetof(struct deferred_walk, stack), at;

	if (size >= sizeof(struct deferred_exit) && w->kind == DEFERRED_EXIT) {
		const struct deferred_exit *e = data;

		at = held_at(d, e->seq);
		if (at < d->nr_held && d->held[at]->w.seq == e->seq) {
			d->held[at]->exit = *e;
			d->held[at]->exited = true;
		}
		return 0;
	}
	if (size < head || w->kind != DEFERRED_ENTRY || w->nr_ranges > DEFER_MAX_RANGES ||
	    !segments_valid(w, size - head))
		return 0;
	hold(d, w, size);
	return 0;
}

void deferred__table_decided(struct deferred *d, __u32 obj_id)
{
	if (d->nr_decided == d->cap_decided) {
		size_t cap = d->cap_decided ? 2 * d->cap_decided : 16;
		__u32 *v = realloc(d->decided, cap * sizeof(*v));

		if (!v)
			return;		/* its copies wait for the end */
		d->decided = v;
		d->cap_decided = cap;
	}
	d->decided[d->nr_decided++] = obj_id;
}

static bool decided(const struct deferred *d, __u32 obj_id)
{
	size_t i;

	for (i = 0; i < d->nr_decided; i++)
		if (d->decided[i] == obj_id)
			return true;
	return false;
}

/* The table the kernel gave obj_id (by its file, or by build-id), 0 if none. */
static __u32 table_of(const struct deferred *d, __u32 obj_id)
{
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
	__u32 i;

	if (!index || index >= CFI_MAX_TABLES)
		return NULL;
	c = &d->tables[index];
	if (c->read)
		return c->rows ? c : NULL;
	c->read = true;
	if (bpf_map_lookup_elem(d->cfi_tables, &index, &c->t) || !c->t.nr_rows ||
	    !(c->rows = calloc(c->t.nr_rows, sizeof(*c->rows))))
		return NULL;
	for (i = 0; i < c->t.nr_rows; i++) {
		__u32 k = c->t.first_row + i;

		if (bpf_map_lookup_elem(d->cfi_rows, &k, &c->rows[i])) {
			free(c->rows);
			c->rows = NULL;
			return NULL;
		}
	}
	return c;
}

/* The row in effect at off, as cfi_lookup finds it; false for none. */
static bool row_at(struct deferred *d, __u32 index, __u32 off, struct cfi_row *out)
{
	const struct table_copy *c = table_read(d, index);

	if (!c || off < c->t.base || ((off - c->t.base) >> (c->t.shift & 31)) >= c->t.nr_buckets ||
	    c->rows[0].start > off)
		return false;
	*out = c->rows[unwind_tables__row_at(c->rows, c->t.nr_rows, off)];
	return true;
}

/* The unwinder's state, as the kernel's walk_state. */
struct uw {
	__u64 pc, sp, bp, di, bias, site;
	__u32 adjust, table, obj, frames;
	bool di_valid;
};

/* The segment (0, 1) whose copy holds the word at addr, or -1. */
static int segment_of(const struct deferred_walk *w, __u64 addr)
{
	int i, n = w->cur ? 2 : 1;	/* cur: the last segment copied */

	for (i = 0; i < n; i++) {
		const struct deferred_segment *g = &w->seg[i];

		if (addr >= g->base && addr - g->base <= g->len && g->len - (addr - g->base) >= 8)
			return i;
	}
	return -1;
}

static bool stack_word(const struct deferred_walk *w, __u64 addr, __u64 *out)
{
	int i = segment_of(w, addr);

	if (i < 0)
		return false;
	memcpy(out, w->stack + w->seg[i].off + (addr - w->seg[i].base), 8);
	return true;
}

static const struct exec_range *range_at(const struct deferred_walk *w, __u64 pc)
{
	__u32 i;

	if (pc >= w->own.start && pc < w->own.end)
		return &w->own;
	for (i = 0; i < w->nr_ranges; i++)
		if (pc >= w->ranges[i].start && pc < w->ranges[i].end)
			return &w->ranges[i];
	return NULL;
}

enum frame_result { FRAME_OK, FRAME_OUTERMOST, FRAME_NO_ROW, FRAME_BEYOND };

/* cfi_frame over the copy. */
static int frame(struct deferred *d, const struct deferred_walk *w, struct uw *s)
{
	__u64 cfa, ra;
	struct cfi_row row;
	__u32 slot, off;

	if (!row_at(d, s->table, (__u32)(s->pc - s->adjust - s->bias), &row))
		return FRAME_NO_ROW;
	s->adjust = 1;
	if (row.kind == CFI_OUTERMOST)
		return FRAME_OUTERMOST;
	if (row.kind < CFI_CFA_RSP || row.kind > CFI_RA_RDI || row.kind == CFI_UNSUPPORTED ||
	    (row.kind == CFI_RA_RDI && !s->di_valid))
		return FRAME_NO_ROW;
	slot = row.rbp_slot;
	off = row.cfa_off;
	if (row.kind == CFI_SIGNAL) {
		if ((slot && !stack_word(w, s->sp + 8 * slot, &s->bp)) ||
		    !stack_word(w, s->sp + off, &cfa) || !stack_word(w, s->sp + off + 8, &ra))
			return FRAME_BEYOND;
		s->adjust = 0;	/* an interrupted pc, not a return address */
	} else if (row.kind == CFI_RA_RDI) {
		cfa = s->sp + off;
		ra = s->di;
	} else {
		if (row.kind == CFI_PLT)
			cfa = s->sp + off + ((s->pc & 15) >= slot ? 8 : 0);
		else
			cfa = (row.kind == CFI_CFA_RBP ? s->bp : s->sp) + off;
		if ((row.kind != CFI_PLT && slot && !stack_word(w, cfa - 8 * slot, &s->bp)) ||
		    !stack_word(w, cfa - 8, &ra))
			return FRAME_BEYOND;
	}
	s->di_valid = false;
	s->sp = cfa;
	s->pc = ra;
	s->frames++;
	return FRAME_OK;
}

/* walk_scan over the copy from sp: the first word that points into a
 * non-skipped object and follows a call (the kernel marked those). */
static void scan(const struct deferred_walk *w, const struct uw *s, struct deferred_answer *a)
{
	int k = segment_of(w, s->sp);
	const struct deferred_segment *g = &w->seg[k < 0 ? 0 : k];
	const struct exec_range *r;
	__u64 i, v;

	for (i = k < 0 ? g->len / 8 : (s->sp - g->base) / 8; i < g->len / 8; i++) {
		__u64 at = g->off / 8 + i;

		if (!((w->call_words[at / 64] >> (at % 64)) & 1))
			continue;
		memcpy(&v, w->stack + at * 8, 8);
		if (!(r = range_at(w, v)))
			continue;
		a->outcome = STAT_WALK_SCAN;
		a->key.obj_id = r->obj_id;
		a->key.site = v - r->bias;
		return;
	}
	a->outcome = STAT_WALK_NO_FRAME;
	a->key.obj_id = s->obj;
	a->key.site = s->site;
}

/* The range's table if its object is one the walk steps through (as
 * range_skipped_with), or false for the caller. */
static bool skipped(const struct deferred *d, const struct exec_range *r, __u32 *table)
{
	*table = r->cfi_table;
	if (r->obj_id == OBJ_VDSO && *d->vdso_table) {
		*table = *d->vdso_table;
		return true;
	}
	if (!(r->flags & RANGE_F_SKIPPED))
		return false;
	if (!*table)
		*table = table_of(d, r->obj_id);
	return true;
}

/* One walk (walk_cfi) from s: its outcome in a, or true at the thread's
 * outermost frame (a's key then names the skipped object, no outcome). */
static bool walk(struct deferred *d, const struct deferred_walk *w, struct uw *s,
		 struct deferred_answer *a)
{
	const struct exec_range *r;

	for (;;) {
		if (!s->table) {
			a->reason = STAT_WALK_CFI_NO_TABLE;
			scan(w, s, a);
			return false;
		}
		if (s->frames >= CFI_MAX_DEPTH) {
			a->outcome = STAT_WALK_DEPTH_LIMIT;
			break;
		}
		switch (frame(d, w, s)) {
		case FRAME_NO_ROW:
			a->reason = STAT_WALK_CFI_NO_ROW;
			scan(w, s, a);
			return false;
		case FRAME_BEYOND:
			a->reason = STAT_WALK_DEFER_CUT;
			a->outcome = STAT_WALK_NO_FRAME;
			goto no_caller;
		case FRAME_OUTERMOST:
			a->key.obj_id = s->obj;
			a->key.site = s->site;
			return true;
		}
		if (!(r = range_at(w, s->pc))) {
			a->outcome = STAT_WALK_NO_FRAME;	/* not code */
			break;
		}
		if (!skipped(d, r, &s->table)) {
			a->outcome = STAT_WALK_CFI;
			a->key.obj_id = r->obj_id;
			a->key.site = s->pc - r->bias;
			return false;
		}
		s->bias = r->bias;
		s->obj = r->obj_id;
	}
no_caller:
	a->key.obj_id = s->obj;
	a->key.site = s->site;
	return false;
}

/* The walk from the copy's frame, with the kernel's outcomes: find_caller
 * (a vfork child's outermost frame goes on in its parent's stack, as
 * walk_vfork_parent does). */
static void unwind(struct deferred *d, const struct deferred_walk *w, struct deferred_answer *a)
{
	struct uw s = {
		.pc = w->pc, .sp = w->sp, .bp = w->bp, .di = w->di, .bias = w->own.bias,
		.site = w->site, .adjust = w->adjust, .obj = w->own.obj_id,
		.frames = w->frames, .di_valid = w->di_valid,
		.table = table_of(d, w->own.obj_id),
	};
	struct count_key child;
	const struct exec_range *r;

	if (!walk(d, w, &s, a))
		return;
	a->outcome = STAT_WALK_NO_FRAME;	/* the child's result, unless: */
	if (!w->has_parent || !(r = range_at(w, w->parent_pc)))
		return;
	a->reason2 = STAT_WALK_VFORK_PARENT;
	child = a->key;
	s = (struct uw){
		.pc = w->parent_pc, .sp = w->parent_sp, .bp = w->parent_bp, .di = w->parent_di,
		.di_valid = true, .adjust = 1, .bias = r->bias, .obj = r->obj_id, .site = child.site,
	};
	if (!skipped(d, r, &s.table)) {
		a->outcome = STAT_WALK_CFI;
		a->key.obj_id = r->obj_id;
		a->key.site = w->parent_pc - r->bias;
		return;
	}
	if (walk(d, w, &s, a)) {
		a->outcome = STAT_WALK_NO_FRAME;
		a->key = child;
	}
}

static void resolve_one(struct deferred *d, struct held *h)
{
	struct deferred_answer a = { .key = h->w.key, .reason = STAT_NR, .reason2 = STAT_NR };
	LIBBPF_OPTS(bpf_test_run_opts, run, .ctx_in = &a, .ctx_size_in = sizeof(a));

	unwind(d, &h->w, &a);
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
static bool ready(const struct deferred *d, __u32 obj_id, __u32 *last_obj, bool *last)
{
	if (obj_id != *last_obj) {
		*last_obj = obj_id;
		*last = table_of(d, obj_id) || decided(d, obj_id);
	}
	return *last;
}

void deferred__resolve(struct deferred *d, bool final)
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

__u64 deferred__lost(const struct deferred *d)
{
	return d->lost;
}
