/* SPDX-License-Identifier: MIT */
/*
 * The walker: from the user registers at syscall entry, find the first
 * frame outside the skipped objects (libc, --skip-lib) and return its
 * object id. This is the one interface the attribution depends on:
 *
 *	__u32 walk_find_caller(const struct mirror *m, struct pt_regs *regs)
 *
 * Today's strategy is a validated stack scan: Debian's libc has no frame
 * pointers, so we read the user stack upward from sp and take the first
 * word that lies in a non-skipped executable range *and* follows a call
 * instruction (so that it is a return address, not a function pointer).
 */
#ifndef SYSO_KAGG_WALK_BPF_H
#define SYSO_KAGG_WALK_BPF_H

#include "maps.bpf.h"
#include "mirror.bpf.h"

#define SCAN_CHUNK_WORDS	(SCAN_CHUNK_BYTES / 8)

struct scan_buf {
	__u64 w[SCAN_CHUNK_WORDS];
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct scan_buf);
} scan_bufs SEC(".maps");

enum scan_status {
	SCAN_NOT_FOUND = 0,
	SCAN_FOUND,
	SCAN_UNREADABLE,
};

struct scan_ctx {
	const struct mirror *m;
	struct scan_buf *buf;
	__u64 base;		/* sp rounded down to SCAN_CHUNK_BYTES */
	__u64 lo, hi;		/* lowest start / highest end in the mirror */
	__u32 first;		/* word index of sp within the first chunk */
	__u32 obj_id;
	__u32 status;
};

/*
 * Is there a call instruction that ends exactly at ra? Covers E8 rel32 and
 * the FF /2 indirect forms (register, memory with/without SIB, disp8,
 * disp32, rip-relative); a REX prefix before FF does not change where the
 * instruction ends.
 */
static __always_inline bool follows_call(__u64 ra)
{
	__u8 b[8];
	int k;

	if (bpf_probe_read_user(b, sizeof(b), (void *)(ra - 8)))
		return false;
	if (b[3] == 0xe8)
		return true;
	/* k = instruction length ending at ra, FF at b[8 - k] */
	for (k = 2; k <= 7; k++) {
		__u8 modrm, mod, rm, len;

		if (b[(8 - k) & 7] != 0xff)
			continue;
		modrm = b[(9 - k) & 7];
		if (((modrm >> 3) & 7) != 2)
			continue;
		mod = modrm >> 6;
		rm = modrm & 7;
		if (mod == 3)
			len = 2;
		else if (mod == 0)
			len = rm == 4 ? ((k >= 3 && (b[(10 - k) & 7] & 7) == 5) ? 7 : 3) :
			      rm == 5 ? 6 : 2;
		else if (mod == 1)
			len = rm == 4 ? 4 : 3;
		else
			len = rm == 4 ? 7 : 6;
		if (len == k)
			return true;
	}
	return false;
}

static long scan_word(__u32 idx, void *arg)
{
	struct scan_ctx *c = arg;
	__u32 pos = c->first + idx;
	__u32 w = pos % SCAN_CHUNK_WORDS;
	const struct exec_range *r;
	__u64 v;
	int i;

	if (w == 0 || idx == 0) {
		/* Chunks are aligned, so a read never straddles a page. */
		__u64 addr = c->base + (__u64)(pos / SCAN_CHUNK_WORDS) * SCAN_CHUNK_BYTES;

		if (bpf_probe_read_user(c->buf->w, SCAN_CHUNK_BYTES, (void *)addr)) {
			if (idx == 0)
				c->status = SCAN_UNREADABLE;
			return 1;
		}
	}
	v = c->buf->w[w & (SCAN_CHUNK_WORDS - 1)];
	if (v < c->lo || v >= c->hi)
		return 0;
	i = mirror_find(c->m, v);
	if (i < 0)
		return 0;
	r = &c->m->r[i & (MIRROR_MAX_RANGES - 1)];
	if (r->flags & RANGE_F_SKIPPED)
		return 0;
	if (!follows_call(v))
		return 0;
	c->obj_id = r->obj_id;
	c->status = SCAN_FOUND;
	return 1;
}

static __always_inline __u32 walk_scan(const struct mirror *m, __u64 sp, __u32 skipped_obj)
{
	struct scan_ctx c = {};
	__u32 zero = 0, n = m->nr;

	if (n == 0 || n > MIRROR_MAX_RANGES)
		return skipped_obj;
	c.buf = bpf_map_lookup_elem(&scan_bufs, &zero);
	if (!c.buf)
		return skipped_obj;
	c.m = m;
	c.base = sp & ~(__u64)(SCAN_CHUNK_BYTES - 1);
	c.first = (sp - c.base) / 8;
	c.lo = m->r[0].start;
	c.hi = m->r[(n - 1) & (MIRROR_MAX_RANGES - 1)].end;
	bpf_loop(SCAN_MAX_BYTES / 8, scan_word, &c, 0);

	switch (c.status) {
	case SCAN_FOUND:
		stat_inc(STAT_WALK_SCAN);
		return c.obj_id;
	case SCAN_UNREADABLE:
		stat_inc(STAT_WALK_STACK_UNREADABLE);
		return skipped_obj;
	default:
		stat_inc(STAT_WALK_NO_FRAME);
		return skipped_obj;
	}
}

/* m may be NULL (no mirror for this address space: counted). */
static __always_inline __u32 walk_find_caller(struct task_struct *task, const struct mirror *m,
					      struct pt_regs *regs)
{
	__u64 ip = regs->ip;
	__u32 obj_id, flags;
	int i = -1;

	if (m)
		i = mirror_find(m, ip);
	if (i >= 0) {
		const struct exec_range *r = &m->r[i & (MIRROR_MAX_RANGES - 1)];

		obj_id = r->obj_id;
		flags = r->flags;
	} else {
		stat_inc(m ? STAT_MIRROR_MISS : STAT_MIRROR_MISSING);
		if (!mirror_lookup_exact(task, ip, &obj_id, &flags)) {
			stat_inc(STAT_UNATTRIBUTED);
			return OBJ_UNATTRIBUTED;
		}
	}
	if (!(flags & RANGE_F_SKIPPED)) {
		stat_inc(STAT_WALK_DIRECT);
		return obj_id;
	}
	if (!m)
		return obj_id;
	return walk_scan(m, regs->sp, obj_id);
}

#endif
