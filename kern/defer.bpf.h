/* SPDX-License-Identifier: MIT */
/*
 * Deferred walks (shared/deferred.h): a walk that meets a skipped object
 * without an unwind table copies its state, the stack above it and the
 * ranges its words point into, instead of guessing with the stack scan;
 * userspace unwinds the copy once the table is built and counts the call
 * with count_deferred (syso_kagg.bpf.c). The copy is made at the walk's top
 * (walk_cfi, entered from sys_enter, whose stack is shallow), sent by
 * sys_enter with the call's key (defer_send). A copy that cannot be sent
 * (ring buffer full: walk_defer_full) is scanned at once, as before.
 */
#ifndef SYSO_KAGG_DEFER_BPF_H
#define SYSO_KAGG_DEFER_BPF_H

#include "maps.bpf.h"
#include "mirror.bpf.h"
#include "walk.bpf.h"

/* The copy being made, per CPU (16 KiB: far beyond the BPF stack; walks
 * do not nest). */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct deferred_walk);
} defer_bufs SEC(".maps");

static __always_inline struct deferred_walk *defer_buf(void)
{
	__u32 zero = 0;

	return bpf_map_lookup_elem(&defer_bufs, &zero);
}

/* The copy stopped at a word pointing into one more range than it holds. */
#define DEFER_RANGES_FULL	0x10

/* bpf_loop's context: on the stack, the copy, the scan's buffer (whose
 * negative cache, status and new_pc the copy reuses: a scan and a copy
 * never run at once on one CPU) and the mirror. */
struct defer_ctx {
	struct mirror *m;
	struct deferred_walk *d;
	struct scan_buf *c;
};

/* The index of v's range among those the copy holds, or -1. Global: out
 * of defer_word's frame, which is on sys_enter's deepest call chain. */
__noinline int defer_held_range(const struct deferred_walk *d, __u64 v)
{
	__u32 i, n;

	if (!d)
		return -1;
	n = d->nr_ranges;
	for (i = 0; i < DEFER_MAX_RANGES && i < n; i++)
		if (v >= d->ranges[i].start && v < d->ranges[i].end)
			return i;
	return -1;
}

/* The range of v among those the copy holds, else looked up (exactly if
 * the mirror lacks it) and added: NULL for a word that is no code, or
 * when the copy must stop (c->status says why). */
static __always_inline struct exec_range *defer_range(struct defer_ctx *ctx, __u64 v)
{
	struct deferred_walk *d = ctx->d;
	struct scan_buf *c = ctx->c;
	struct mirror_cpu *cpu = mirror_cpu_scratch();
	int i = defer_held_range(d, v), kind, k;
	__u32 n = d->nr_ranges;

	if (i >= 0)
		return &d->ranges[i & (DEFER_MAX_RANGES - 1)];
	if (!cpu)
		return NULL;
	if (!mirror_find(ctx->m, v, &cpu->range)) {
		kind = mirror_resolve_known(ctx->m, v, &cpu->range);
		if (kind == MIRROR_NEW_OBJECT) {
			c->new_pc = v;
			c->status = SCAN_NEW_OBJECT;
			return NULL;
		}
		if (kind == MIRROR_NOEXEC) {
			k = c->neg_next++ % SCAN_NEG;
			c->neg_lo[k & (SCAN_NEG - 1)] = cpu->range.start;
			c->neg_hi[k & (SCAN_NEG - 1)] = cpu->range.end;
		}
		if (kind != MIRROR_EXEC)
			return NULL;
	}
	if (n >= DEFER_MAX_RANGES) {
		c->status = DEFER_RANGES_FULL;
		return NULL;
	}
	d->ranges[n & (DEFER_MAX_RANGES - 1)] = cpu->range;
	d->nr_ranges = n + 1;
	return &d->ranges[n & (DEFER_MAX_RANGES - 1)];
}

/* follows_call out of line: its 8-byte buffer would otherwise widen
 * defer_word's frame, on the deepest call chain of sys_enter (Linux 6.1
 * gives a chain 512 bytes). Global: verified once. */
__noinline int defer_follows_call(__u64 ra)
{
	return follows_call(ra);
}

/* Copy the chunk of segment s that holds its word pos: 0 (a hole marked
 * in s->holes), or -1 where the stack ends; c->read_ok counts the chunks
 * read. Global, as defer_follows_call. */
__noinline int defer_read_chunk(struct deferred_walk *d, struct deferred_segment *s,
				struct scan_buf *c, __u32 pos)
{
	__u32 chunk = (pos / SCAN_CHUNK_WORDS) * SCAN_CHUNK_BYTES, off;
	int k;

	if (!d || !s || !c || s->off > DEFER_STACK_BYTES ||
	    chunk > DEFER_STACK_BYTES - SCAN_CHUNK_BYTES)
		return -1;
	off = s->off + chunk;
	if (off > DEFER_BUF_BYTES - SCAN_CHUNK_BYTES)
		return -1;
	k = stack_chunk_read(&d->stack[off], s->base + chunk, s->base, &c->read_ok);
	if (k < 0)
		return -1;
	if (k)
		s->holes |= 1u << ((chunk / SCAN_CHUNK_BYTES) & 31);
	s->read = chunk + SCAN_CHUNK_BYTES;
	return 0;
}

#define SS_AUTODISARM_FLAG	(1u << 31)
/* struct rt_sigframe: uc_stack (ss_sp, ss_flags, ss_size), then
 * uc_mcontext (struct sigcontext: r8..r15, di, si, bp, bx, dx, ax, cx,
 * sp, ip): the interrupted rsp is 16 words after ss_size, rip 17. */
#define SIGFRAME_SP_AFTER_SIZE	16
#define SIGFRAME_IP_AFTER_SIZE	17

/* Is word at of segment 0 (just copied) the ss_size of a signal frame the
 * kernel wrote on the alternate signal stack sp is on? The frame saves the
 * stack's (ss_sp, flags, ss_size) as the task had them: the task's own
 * values, or after SS_AUTODISARM (which clears them) that flag and a
 * stack holding sp. Global: verified once, out of defer_word's frame. */
__noinline int defer_sigframe(struct deferred_walk *d, __u32 at)
{
	__u64 base, flags, size;

	if (!d || d->sig_at || at < 2 || at >= DEFER_STACK_WORDS)
		return 0;
	/* masks, for the verifier (the barrier keeps clang from dropping
	 * them: it knows at < DEFER_STACK_WORDS, the verifier does not) */
	asm volatile("" : "+r"(at));
	base = ((__u64 *)d->stack)[(at - 2) & (DEFER_STACK_WORDS - 1)];
	flags = (__u32)((__u64 *)d->stack)[(at - 1) & (DEFER_STACK_WORDS - 1)];
	size = ((__u64 *)d->stack)[at & (DEFER_STACK_WORDS - 1)];
	if (d->sas_size ? base != d->sas_sp || size != d->sas_size || flags :
			  flags != SS_AUTODISARM_FLAG || !size || size > (1u << 30))
		return 0;
	if (d->sp < base || d->sp - base >= size)
		return 0;
	d->sig_at = at + 1;
	return 1;
}

/* A word that may point into code: its range kept (1 if it is the
 * caller's kind: a non-skipped object, v follows a call), 0 if it is no
 * code, -1 if the copy must stop (c->status says why). */
static __always_inline int defer_code_word(struct defer_ctx *ctx, __u64 v)
{
	struct deferred_walk *d = ctx->d;
	struct scan_buf *c = ctx->c;
	struct exec_range *r;
	int i;

	if (v < user_floor || v >= USER_TOP || (v >= d->own.start && v < d->own.end))
		return 0;
	for (i = 0; i < SCAN_NEG; i++)
		if (v >= c->neg_lo[i] && v < c->neg_hi[i])
			return 0;
	r = defer_range(ctx, v);
	if (!r)
		return c->status != SCAN_NOT_FOUND ? -1 : 0;
	/* as range_skipped, without its out-parameter (a stack slot) */
	return !(r->flags & RANGE_F_SKIPPED) && !(r->obj_id == OBJ_VDSO && vdso_cfi_table) &&
	       defer_follows_call(v) ? 1 : 2;
}

/* Word idx of the segment being copied: 0 and 1 are its register words,
 * then the stack from sp, chunk by chunk. A word that points into code
 * other than the table-less object's own has its range kept, and the
 * segment's len ends after it (an unwind cannot end beyond it). */
static long defer_word(__u32 idx, void *arg)
{
	struct defer_ctx *ctx = arg;
	struct deferred_walk *d = ctx->d;
	struct scan_buf *c = ctx->c;
	struct deferred_segment *s = &d->seg[d->cur & (DEFER_SEGMENTS - 1)];
	__u32 pos, at;
	int kind;

	if (idx < 2)
		return defer_code_word(ctx, s->reg[idx & 1]) < 0;
	pos = s->first + idx - 2;
	if (pos >= DEFER_STACK_WORDS)
		return 1;
	if ((pos % SCAN_CHUNK_WORDS == 0 || idx == 2) && defer_read_chunk(d, s, c, pos)) {
		if (!c->read_ok)
			c->status = SCAN_UNREADABLE;
		return 1;
	}
	at = s->off / 8 + pos;
	if (at >= DEFER_BUF_WORDS)
		return 1;
	if (!d->cur)
		defer_sigframe(d, at);
	kind = defer_code_word(ctx, *(__u64 *)&d->stack[at * 8]);
	if (kind < 0)
		return 1;
	if (kind == 0)
		return 0;
	s->len = (pos + 1) * 8;
	if (kind == 1)
		d->call_words[at / 64] |= 1ull << (at % 64);
	return 0;
}

/* A segment from sp (at stack[] offset off), its register words given. */
static __always_inline void defer_segment(struct deferred_segment *s, __u64 sp, __u32 off,
					  __u64 reg0, __u64 reg1)
{
	s->base = sp & ~(__u64)(SCAN_CHUNK_BYTES - 1);
	s->first = (sp - s->base) / 8;
	s->off = off;
	s->len = 0;
	s->read = s->holes = 0;
	s->reg[0] = reg0;
	s->reg[1] = reg1;
}

/* The copy's header from the walk's state, its ranges and marks emptied. */
__noinline int defer_init(struct deferred_walk *d, struct scan_buf *c, const struct walk_state *st)
{
	int i;

	if (!d || !c || !st)
		return -1;
	scan_buf_reset(c);
	d->kind = DEFERRED_ENTRY;
	d->pc = st->pc;
	d->sp = st->sp;
	d->bp = st->bp;
	d->di = st->di;
	d->di_valid = st->di_valid;
	d->adjust = st->adjust;
	d->frames = st->frames;
	d->site = st->site;
	d->nr_ranges = 0;
	d->has_parent = 0;
	d->cur = 0;
	d->sig_at = 0;
	d->sas_sp = bpf_get_current_task_btf()->sas_ss_sp;
	d->sas_size = bpf_get_current_task_btf()->sas_ss_size;
	for (i = 0; i < DEFER_BUF_WORDS / 64; i++)
		d->call_words[i] = 0;
	defer_segment(&d->seg[0], st->sp, 0, st->di_valid ? st->di : 0, 0);
	d->seg[1].len = 0;
	return 0;
}

/* Under a signal frame found on the alternate signal stack: the
 * interrupted code's stack, as segment 1 (1), or 0 for none. Segment 0
 * is kept up to the frame's saved rip, which the unwind reads. */
static __always_inline int defer_interrupted(struct deferred_walk *d)
{
	struct deferred_segment *s0 = &d->seg[0];
	__u32 at = d->sig_at - 1 + SIGFRAME_SP_AFTER_SIZE, len;
	__u64 sp;

	if (!d->sig_at || at >= DEFER_STACK_WORDS - 1 || (at + 2) * 8 > s0->read)
		return 0;
	sp = ((__u64 *)d->stack)[at & (DEFER_STACK_WORDS - 1)];
	len = (at + 2) * 8;
	if (s0->len < len)
		s0->len = len;
	if (s0->len > DEFER_STACK_BYTES || sp < user_floor || sp >= USER_TOP)
		return 0;
	d->cur = 1;
	defer_segment(&d->seg[1], sp, s0->len, 0, 0);
	return 1;
}

/* A vfork child (before exec): its parent's registers and the segment of
 * its stack, copied next (1); else the interrupted stack under a signal
 * frame (defer_interrupted); or 0 for none. Global: verified once. */
__noinline int defer_second_segment(struct deferred_walk *d)
{
	struct task_struct *task = bpf_get_current_task_btf();
	struct task_struct *parent = task->real_parent;
	struct pt_regs *pr;

	if (!d)
		return 0;
	if (!task->vfork_done || !parent || BPF_CORE_READ(parent, mm) != BPF_CORE_READ(task, mm))
		return defer_interrupted(d);
	if (d->seg[0].len > DEFER_STACK_BYTES)
		return 0;
	pr = (struct pt_regs *)bpf_task_pt_regs(parent);
	d->parent_pc = BPF_CORE_READ(pr, ip);
	d->parent_sp = BPF_CORE_READ(pr, sp);
	d->parent_bp = BPF_CORE_READ(pr, bp);
	d->parent_di = BPF_CORE_READ(pr, di);
	d->has_parent = 1;
	d->cur = 1;
	defer_segment(&d->seg[1], d->parent_sp, d->seg[0].len, d->parent_di, d->parent_pc);
	return 1;
}

/* The copy of st's frame (in d->own's object, which has no table): 0 when
 * made, SCAN_NEW_OBJECT when a word points into an object to intern
 * first (the scan buffer's new_pc), -1 when it cannot be made. Global:
 * verified once (inlined, its bpf_loop callback would be verified again
 * on every path of sys_enter that reaches it). */
__noinline int defer_prepare(struct mirror *m, struct walk_state *st)
{
	struct defer_ctx ctx = { .m = m, .d = defer_buf() };
	__u32 zero = 0;
	int seg;

	ctx.c = bpf_map_lookup_elem(&scan_bufs, &zero);
	if (!ctx.d || !ctx.c || defer_init(ctx.d, ctx.c, st))
		return -1;
	for (seg = 0; seg < DEFER_SEGMENTS; seg++) {
		if (seg && !defer_second_segment(ctx.d))
			break;
		if (ctx.c->status != SCAN_NEW_OBJECT)
			ctx.c->status = 0;
		ctx.c->read_ok = 0;
		bpf_loop(DEFER_STACK_WORDS + 2, defer_word, &ctx, 0);
		if (ctx.c->status == SCAN_UNREADABLE && !seg)
			return -1;
		if (ctx.c->status == SCAN_NEW_OBJECT)
			return SCAN_NEW_OBJECT;
	}
	return 0;
}

/* The walk's table-less frame (walk_states): is its copy made (to be sent by sys_enter,
 * which knows the call's key)? Objects new to the tool that the stack
 * points into are interned here, at the walk's top, as the scan does. */
static __always_inline bool walk_defer(struct mirror *m)
{
	struct mirror_cpu *cpu = mirror_cpu_scratch();
	struct deferred_walk *d = defer_buf();
	struct obj_info *info;
	struct walk_state *st;
	struct scan_buf *c;
	__u32 zero = 0, n;
	int ret;

	if (!defer_walks || defer_closed || !m)
		return false;
	st = bpf_map_lookup_elem(&walk_states, &zero);
	c = bpf_map_lookup_elem(&scan_bufs, &zero);
	if (!d || !st || !c || !cpu)
		return false;
	/* pc's range, as the walk found it */
	if (!mirror_find(m, st->pc, &d->own) &&
	    mirror_resolve_known(m, st->pc, &d->own) != MIRROR_EXEC)
		return false;
	/* no table will come (userspace tried): the scan, not a copy that
	 * would wait for nothing */
	info = bpf_map_lookup_elem(&obj_infos, &d->own.obj_id);
	if (!info || (info->flags & OBJ_F_NO_TABLE))
		return false;
#pragma clang loop unroll(disable)
	for (n = 0; n < WALK_NEW_OBJECTS; n++) {
		ret = defer_prepare(m, st);
		if (ret != SCAN_NEW_OBJECT)
			return ret == 0;
		mirror_resolve(m, c->new_pc, &cpu->range);
	}
	return false;
}

/*
 * sys_enter's half: send the copy with the call's key. With --errors/-T,
 * the inflight record (made here, so that has_exit is known) will carry
 * OBJ_DEFERRED and the seq (sys_exit then sends a deferred_exit). Returns
 * false if the ring buffer is full (walk_defer_full): the caller scans.
 */
static __always_inline bool defer_send(struct task_struct *task, struct count_key *key)
{
	struct deferred_walk *d = defer_buf();
	__u64 wake;
	__u32 len;

	if (!d)
		return false;
	d->seq = __sync_fetch_and_add(&defer_seq, 1);
	d->key = *key;
	d->has_exit = (track_errors || track_time) &&
		      bpf_task_storage_get(&inflight, task, NULL, BPF_LOCAL_STORAGE_GET_F_CREATE);
	len = d->seg[d->cur & (DEFER_SEGMENTS - 1)].off + d->seg[d->cur & (DEFER_SEGMENTS - 1)].len;
	if (len > DEFER_BUF_BYTES)
		len = DEFER_BUF_BYTES;
	wake = bpf_ringbuf_query(&deferred_walks, BPF_RB_AVAIL_DATA) >= DEFER_WAKE_BYTES ?
	       BPF_RB_FORCE_WAKEUP : BPF_RB_NO_WAKEUP;
	if (bpf_ringbuf_output(&deferred_walks, d, offsetof(struct deferred_walk, stack) + len, wake)) {
		stat_inc(STAT_WALK_DEFER_FULL);
		return false;
	}
	stat_inc(STAT_WALK_DEFERRED);
	key->site = d->seq;
	return true;
}

/* sys_exit's half: the deferred call's result, for userspace to join. */
static __always_inline void defer_exit(__u64 seq, long ret, __u64 ns)
{
	struct deferred_exit e = { .kind = DEFERRED_EXIT, .seq = seq, .ret = ret, .ns = ns };

	if (bpf_ringbuf_output(&deferred_walks, &e, sizeof(e), 0))
		stat_inc(STAT_EXITS_LOST);
}

#endif
