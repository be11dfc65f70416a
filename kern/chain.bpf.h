/* SPDX-License-Identifier: MIT */
/*
 * --depth N > 1: the call chain (shared/chains.h). Entered from sys_enter
 * after the walker (walk.bpf.h) has found the first frame above libc and
 * the vDSO, and only with --depth > 1, so that the depth-1 path runs the
 * same instructions as without it:
 *
 *	__u64 chain_walk(struct mirror *m, __u32 obj_id)
 *		the count key's site: COUNT_SITE_CHAIN | the chain's id, or
 *		the first frame's file offset when the chain table is full.
 *
 * The chain goes on from where the walker stopped (its per-CPU
 * walk_state, left at the first frame's pc, sp and rbp), or from the
 * syscall's registers when the call was made directly, and steps N - 1
 * more frames with the walker's own frame arithmetic (cfi_frame) through
 * any object that has an unwind table, not only skipped ones. A frame
 * whose object has no table ends the chain with a marker (and asks
 * userspace, once per object, to build the table from the mapped file);
 * so do a pc without a usable row and an unreadable stack. As in the walk,
 * a step never interns an object (mirror_resolve_known): chain_walk does,
 * at the top of the call chain, and resumes.
 */
#ifndef SYSO_KAGG_CHAIN_BPF_H
#define SYSO_KAGG_CHAIN_BPF_H

#include "walk.bpf.h"

#define CHAIN_IDX(n)	((n) & (CHAIN_MAX_DEPTH - 1))

/* The chain being built, per CPU (Linux 6.1 limits a call chain's stack
 * to 512 bytes; walks do not nest). */
struct chain_buf {
	struct chain_key key;
	struct obj_event ev;	/* a table request (chain_ask_table) */
	struct obj_key okey;
	__u64 site;		/* the first frame's offset (the walk's site) */
	__u32 n;		/* frames in key */
	__u32 pad;
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct chain_buf);
} chain_bufs SEC(".maps");

enum chain_step_result {
	CSTEP_NEXT = 0,		/* a frame added, fewer than N so far */
	CSTEP_END = 1,		/* N frames, or the stack's outermost frame */
	CSTEP_NEW_OBJECT = 2,	/* the caller's pc is in an object to intern */
	CSTEP_CUT = 16,		/* + enum chain_end: cut before N frames */
};

static __always_inline struct chain_buf *chain_buf(void)
{
	__u32 zero = 0;

	return bpf_map_lookup_elem(&chain_bufs, &zero);
}

/* st->pc is in r: make it the chain's next frame. */
static __always_inline void chain_enter(struct chain_buf *b, struct walk_state *st,
					const struct exec_range *r)
{
	__u32 n = b->n;

	st->bias = r->bias;
	st->obj = r->obj_id;
	st->table = r->cfi_table;
	range_skipped(r->obj_id, r->flags, &st->table);	/* the vDSO's table */
	if (n < CHAIN_MAX_DEPTH) {
		b->key.f[CHAIN_IDX(n)].obj_id = r->obj_id;
		b->key.f[CHAIN_IDX(n)].off = st->pc - r->bias;
		b->n = n + 1;
	}
}

/* One frame up. Global: verified once, not per iteration. */
__noinline int chain_step(struct mirror *m, struct walk_state *st)
{
	struct mirror_cpu *cpu = mirror_cpu_scratch();
	struct chain_buf *b = chain_buf();
	struct exec_range *next;
	int found;

	if (!st || !cpu || !b)
		return CSTEP_CUT + CHAIN_END_UNREADABLE;
	if (!st->table)
		return CSTEP_CUT + CHAIN_END_NO_TABLE;
	switch (cfi_frame(st)) {
	case FRAME_OUTERMOST:
		return CSTEP_END;
	case FRAME_NO_ROW:
		return CSTEP_CUT + CHAIN_END_NO_ROW;
	case FRAME_UNREADABLE:
		return CSTEP_CUT + CHAIN_END_UNREADABLE;
	}
	next = &cpu->range;
	found = mirror_find(m, st->pc, next) ? MIRROR_EXEC : mirror_resolve_known(m, st->pc, next);
	if (found == MIRROR_NEW_OBJECT)
		return CSTEP_NEW_OBJECT;
	if (found != MIRROR_EXEC)
		return CSTEP_END;	/* not code: the end of the stack */
	chain_enter(b, st, next);
	return b->n < chain_depth ? CSTEP_NEXT : CSTEP_END;
}

/* The walker's loop context (walk.bpf.h), step holding a chain_step_result. */
static long chain_loop_step(__u32 i, void *arg)
{
	struct walk_loop *l = arg;

	l->step = chain_step(l->m, l->st);
	return l->step != CSTEP_NEXT;
}

/* The chain met an object without a table: ask userspace to build one,
 * once per object (OBJ_F_WANT_TABLE). Global: its own small frame. */
__noinline int chain_ask_table(__u32 obj_id)
{
	struct chain_buf *b = chain_buf();
	struct obj_info *info;
	struct obj_ref *ref;

	if (!b || obj_id < OBJ_FIRST_FILE)
		return 0;
	info = bpf_map_lookup_elem(&obj_infos, &obj_id);
	if (!info)
		return 0;
	b->okey.dev = info->dev;
	b->okey.ino = info->ino;
	ref = bpf_map_lookup_elem(&obj_ids, &b->okey);
	if (!ref || ref->cfi_table || (ref->flags & OBJ_F_WANT_TABLE) ||
	    (__sync_fetch_and_or(&ref->flags, OBJ_F_WANT_TABLE) & OBJ_F_WANT_TABLE))
		return 0;
	/* no range: userspace finds a mapping by (dev, ino) if it holds no
	 * descriptor of the file yet */
	b->ev = (struct obj_event){
		.obj_id = obj_id, .flags = ref->flags, .tgid = bpf_get_current_pid_tgid() >> 32,
		.dev = info->dev, .ino = info->ino,
	};
	stat_inc(STAT_CHAIN_TABLE_REQUESTS);
	if (obj_event_send(&b->ev))
		__sync_fetch_and_and(&ref->flags, ~OBJ_F_WANT_TABLE);	/* asked again */
	return 0;
}

/* The chain's id in `chains`, interned now if new; site when full. */
static __always_inline __u64 chain_intern(struct chain_buf *b, __u64 site)
{
	__u64 *id = bpf_map_lookup_elem(&chains, &b->key), new_id;
	long err;

	if (id)
		return COUNT_SITE_CHAIN | *id;
	new_id = __sync_fetch_and_add(&next_chain_id, 1);
	err = bpf_map_update_elem(&chains, &b->key, &new_id, BPF_NOEXIST);
	if (!err)
		return COUNT_SITE_CHAIN | new_id;
	id = bpf_map_lookup_elem(&chains, &b->key);	/* another CPU's, first */
	if (id)
		return COUNT_SITE_CHAIN | *id;
	stat_inc(insert_loss(err, STAT_CHAINS_FULL));
	return site;
}

static __always_inline void chain_cut(struct chain_buf *b, struct walk_state *st, int step)
{
	__u32 why = step - CSTEP_CUT, n = b->n;

	if (step == CSTEP_NEW_OBJECT) {
		why = CHAIN_END_NEW_OBJECTS;
		stat_inc(STAT_CHAIN_NEW_OBJECTS_LIMIT);
	} else if (why == CHAIN_END_NOT_FOLLOWED) {
		stat_inc(STAT_CHAIN_NOT_FOLLOWED);
	} else if (why == CHAIN_END_NO_TABLE) {
		stat_inc(STAT_CHAIN_NO_TABLE);
		chain_ask_table(st->obj);
	} else if (why == CHAIN_END_NO_ROW) {
		stat_inc(STAT_CHAIN_NO_ROW);
	} else {
		stat_inc(STAT_CHAIN_UNREADABLE);
	}
	if (n < CHAIN_MAX_DEPTH) {
		b->key.f[CHAIN_IDX(n)].obj_id = CHAIN_MARK;
		b->key.f[CHAIN_IDX(n)].off = why;
	}
}

/*
 * Where the chain starts: the walk's state at the first frame above libc,
 * or the syscall's registers when ip itself is in a non-skipped object
 * (find_caller left ip's range in the per-CPU range then). false: the
 * first frame came from the stack scan, which leaves nothing to unwind.
 */
static __always_inline bool chain_start(struct walk_state *st, const struct exec_range *r,
					__u32 obj_id)
{
	/* the user registers at syscall entry, as the tracepoint's regs */
	struct pt_regs *regs = (struct pt_regs *)bpf_task_pt_regs(bpf_get_current_task_btf());
	__u32 table = r->cfi_table;
	__u64 ip = BPF_CORE_READ(regs, ip);

	if (st->caller_found && st->result == obj_id) {
		st->caller_found = 0;
		st->obj = obj_id;	/* the walk's was the last skipped one */
		return true;
	}
	st->caller_found = 0;
	if (ip - r->start >= r->end - r->start || r->obj_id != obj_id ||
	    range_skipped(r->obj_id, r->flags, &table))
		return false;
	*st = (struct walk_state){
		.pc = ip, .sp = BPF_CORE_READ(regs, sp), .bp = BPF_CORE_READ(regs, bp),
		.adjust = 1, .bias = r->bias, .table = table, .obj = obj_id,
	};
	return true;
}

/* The chain's first frame (the site the walk found) and where to go on
 * from: CSTEP_NEXT, CSTEP_NO_CHAIN, or a cut. Global: verified once. */
#define CSTEP_NO_CHAIN	3	/* no frame to name: count by the plain site */

__noinline int chain_begin(__u32 obj_id)
{
	struct mirror_cpu *cpu = mirror_cpu_scratch();
	struct chain_buf *b = chain_buf();
	__u32 zero = 0;
	struct walk_state *st = bpf_map_lookup_elem(&walk_states, &zero);

	if (!cpu || !b || !st)
		return CSTEP_NO_CHAIN;
	b->site = st->site;
	/* [unattributed], [unattributed: map full]: no frame to name */
	if (obj_id == OBJ_UNATTRIBUTED || obj_id == OBJ_MAP_FULL)
		return CSTEP_NO_CHAIN;
	stat_inc(STAT_CHAIN_WALKS);
	__builtin_memset(&b->key, 0, sizeof(b->key));
	b->key.f[0].obj_id = obj_id;
	b->key.f[0].off = b->site;
	b->n = 1;
	/* 32-bit code: the chain steps read 8-byte slots (the first frame,
	 * found by the compat walker, is right; what lies above is not
	 * unwound) */
	if (BPF_CORE_READ((struct pt_regs *)bpf_task_pt_regs(bpf_get_current_task_btf()), cs) ==
	    USER32_CS) {
		st->caller_found = 0;	/* the compat walker's, not to go on from */
		return CSTEP_CUT + CHAIN_END_NOT_FOLLOWED;
	}
	if (!chain_start(st, &cpu->range, obj_id))
		return CSTEP_CUT + CHAIN_END_NOT_FOLLOWED;
	return CSTEP_NEXT;
}

/* After the top interned st->pc's object into the per-CPU range. */
__noinline int chain_resume(struct walk_state *st)
{
	struct mirror_cpu *cpu = mirror_cpu_scratch();
	struct chain_buf *b = chain_buf();

	if (!cpu || !b || !st)
		return CSTEP_CUT + CHAIN_END_UNREADABLE;
	chain_enter(b, st, &cpu->range);
	return b->n < chain_depth ? CSTEP_NEXT : CSTEP_END;
}

/* The count key's site for the chain that ended with step. */
__noinline __u64 chain_finish(int step)
{
	struct chain_buf *b = chain_buf();
	__u32 zero = 0;
	struct walk_state *st = bpf_map_lookup_elem(&walk_states, &zero);

	if (!b || !st)
		return 0;
	if (step == CSTEP_NO_CHAIN)
		return b->site;
	if (step != CSTEP_END && step != CSTEP_NEXT)
		chain_cut(b, st, step);
	return chain_intern(b, b->site);
}

/* Global: its small frame (the loop's context) only on the --depth path. */
__noinline __u64 chain_walk(struct mirror *m, __u32 obj_id)
{
	struct mirror_cpu *cpu = mirror_cpu_scratch();
	__u32 zero = 0;
	struct walk_loop l = {
		.m = m, .st = bpf_map_lookup_elem(&walk_states, &zero), .step = chain_begin(obj_id),
	};
	int n;

	if (!cpu || !l.st)
		return chain_finish(CSTEP_NO_CHAIN);
#pragma clang loop unroll(disable)
	for (n = 0; n <= WALK_NEW_OBJECTS; n++) {
		if (l.step == CSTEP_NEXT)
			bpf_loop(CHAIN_MAX_DEPTH, chain_loop_step, &l, 0);
		if (l.step != CSTEP_NEW_OBJECT || n == WALK_NEW_OBJECTS)
			break;
		/* intern it here, at the top of the call chain, and go on */
		if (mirror_resolve(m, l.st->pc, &cpu->range) != MIRROR_EXEC) {
			l.step = CSTEP_END;
			break;
		}
		l.step = chain_resume(l.st);
	}
	return chain_finish(l.step);
}

#endif
