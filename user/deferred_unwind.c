// SPDX-License-Identifier: MIT
/*
 * The unwind of one deferred walk's copy (shared/deferred.h) with the
 * kernel walker's rules (kern/walk.bpf.h: cfi_frame, step_to_with,
 * walk_scan), over the copied stack segments and the ranges the kernel
 * looked up while the process lived. An unwind that needs a word beyond
 * the copy ends there, as at a frame with no caller (walk_defer_cut).
 * Every word of a copy is the traced program's: each read is checked
 * against the segments, and each segment against the event's bytes
 * (deferred_walk__valid), so that a copy cannot make it read elsewhere;
 * test/fuzz/fuzz_deferred.c holds it to that.
 */
#include <string.h>

#include "shared/cfi.h"
#include "shared/deferred.h"
#include "shared/objects.h"
#include "shared/stats.h"
#include "deferred_unwind.h"

/* The segments the kernel says it copied lie within the copy's stack[]
 * bytes (the event's, after the header). */
static bool segments_valid(const struct deferred_walk *w, size_t bytes)
{
	__u32 i, n = w->cur ? 2 : 1;

	if (w->cur >= DEFER_SEGMENTS)
		return false;
	for (i = 0; i < n; i++)
		if (w->seg[i].len > DEFER_STACK_BYTES || w->seg[i].off > bytes ||
		    (__u64)w->seg[i].off + w->seg[i].len > DEFER_BUF_BYTES ||
		    w->seg[i].len > bytes - w->seg[i].off || w->seg[i].len % 8 || w->seg[i].off % 8)
			return false;
	return true;
}

bool deferred_walk__valid(const struct deferred_walk *w, size_t size)
{
	size_t head = offsetof(struct deferred_walk, stack);

	return size >= head && w->kind == DEFERRED_ENTRY && w->nr_ranges <= DEFER_MAX_RANGES &&
	       segments_valid(w, size - head);
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

/* The stack word at addr, false if the copy lacks it (outside the
 * segments, or in a chunk the kernel could not read). */
static bool stack_word(const struct deferred_walk *w, __u64 addr, __u64 *out)
{
	int i = segment_of(w, addr);
	__u64 at;

	if (i < 0)
		return false;
	at = addr - w->seg[i].base;
	if ((w->seg[i].holes >> ((at / SCAN_CHUNK_BYTES) & 31)) & 1)
		return false;
	memcpy(out, w->stack + w->seg[i].off + at, 8);
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
static int frame(const struct deferred_tables *t, const struct deferred_walk *w, struct uw *s)
{
	__u64 cfa, ra;
	struct cfi_row row;
	__u32 slot, off;

	if (!t->row_at(t->ctx, s->table, (__u32)(s->pc - s->adjust - s->bias), &row))
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

		if (!((w->call_words[at / 64] >> (at % 64)) & 1) ||
		    ((g->holes >> ((i * 8 / SCAN_CHUNK_BYTES) & 31)) & 1))
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
static bool skipped(const struct deferred_tables *t, const struct exec_range *r, __u32 *table)
{
	*table = r->cfi_table;
	if (r->obj_id == OBJ_VDSO && t->vdso_table) {
		*table = t->vdso_table;
		return true;
	}
	if (!(r->flags & RANGE_F_SKIPPED))
		return false;
	if (!*table)
		*table = t->table_of(t->ctx, r->obj_id);
	return true;
}

/* One walk (walk_cfi) from s: its outcome in a, or true at the thread's
 * outermost frame (a's key then names the skipped object, no outcome). */
static bool walk(const struct deferred_tables *t, const struct deferred_walk *w, struct uw *s,
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
		switch (frame(t, w, s)) {
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
		if (!skipped(t, r, &s->table)) {
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
void deferred_walk__unwind(const struct deferred_tables *t, const struct deferred_walk *w, struct deferred_answer *a)
{
	struct uw s = {
		.pc = w->pc, .sp = w->sp, .bp = w->bp, .di = w->di, .bias = w->own.bias,
		.site = w->site, .adjust = w->adjust, .obj = w->own.obj_id,
		.frames = w->frames, .di_valid = w->di_valid,
		.table = t->table_of(t->ctx, w->own.obj_id),
	};
	struct count_key child;
	const struct exec_range *r;

	if (!walk(t, w, &s, a))
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
	if (!skipped(t, r, &s.table)) {
		a->outcome = STAT_WALK_CFI;
		a->key.obj_id = r->obj_id;
		a->key.site = w->parent_pc - r->bias;
		return;
	}
	if (walk(t, w, &s, a)) {
		a->outcome = STAT_WALK_NO_FRAME;
		a->key = child;
	}
}
