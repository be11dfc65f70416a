/* SPDX-License-Identifier: MIT */
/*
 * The walker: from the user registers at syscall entry, find the first
 * frame outside the skipped objects (libc, --skip-lib) and return its
 * object id (and, with --sites, the call site in its state's site). This
 * walk is entered through walk_find_caller (caller.bpf.h), which picks it
 * or the 32-bit one (walk32.bpf.h):
 *
 *	__u32 walk_find_caller(struct task_struct *task, struct mirror *m,
 *			       bool mirrored, struct pt_regs *regs, bool code32)
 *
 * It reads the mirror only through mirror_find() and mirror_resolve()
 * (mirror.bpf.h): a pc the mirror lacks is resolved exactly and inserted.
 *
 * Debian's libc has no frame pointers. The walker unwinds through skipped
 * objects (and the vDSO) with compact tables built from their .eh_frame
 * (shared/cfi.h): per pc, where the CFA is, so where the return address
 * and saved rbp are; signal frames, PLT entries and vfork's return address
 * in rdi have row kinds of their own. Only where an object has no table or
 * a pc has no usable row does it fall back, as the last resort, to a
 * validated stack scan: read the user stack upward from sp and take the
 * first word that lies in a non-skipped executable range *and* follows a
 * call instruction (so that it is a return address, not a function
 * pointer). Every syscall ends in exactly one outcome counter (walk_*,
 * unattributed), which add up to `syscalls`.
 */
#ifndef SYSO_KAGG_WALK_BPF_H
#define SYSO_KAGG_WALK_BPF_H

#include "maps.bpf.h"
#include "mirror.bpf.h"

#define SCAN_CHUNK_WORDS	(SCAN_CHUNK_BYTES / 8)

/* The code segment of 32-bit user code (__USER32_CS): a syscall made by a
 * compat process's code, not a 64-bit process's int 0x80; its frames have
 * 4-byte slots (walk32.bpf.h). */
#define USER32_CS		0x23

/* The vDSO's unwind table, set by userspace before the target runs (0 =
 * none): with it the vDSO is as transparent as libc, the kernel's half of
 * libc's call path (clock_gettime of a CPU clock makes its syscall there). */
__u32 vdso_cfi_table = 0;

/* Where the walker stands between frames (per CPU, see walk_states). */
struct walk_state {
	__u64 pc, sp, bp;
	__u64 di;		/* rdi, while still the syscall's (CFI_RA_RDI) */
	__u64 bias;		/* of pc's range: pc - bias = file offset */
	__u64 adjust;		/* looked up at pc - adjust */
	__u64 win_base;		/* the stack window (see window_read) */
	__u32 win_len;
	__u32 table;		/* pc's object's unwind table, 0 = none */
	__u32 obj;		/* pc's object (a skipped one) */
	__u32 result;		/* the caller's object, once STEP_DONE */
	__u32 di_valid;		/* di is the register's value at this frame */
	__u32 outermost;	/* STEP_DONE at a thread's first frame */
	__u32 frames;		/* stepped so far (CFI_MAX_DEPTH at most) */
	__u32 caller_found;	/* STEP_DONE at a non-skipped frame (step_to_with):
				 * --depth's chain goes on from here */
	__u32 no_table;		/* STEP_SCAN because pc's object has no table
				 * (step_begin): walk_cfi_no_table, or deferred */
	__u64 cfa, ra;		/* the frame being stepped (off the stack) */
	__u64 site;		/* --sites: the call site found so far (file
				 * offset in the result's object), the walk's
				 * output beside result (site_set) */
};

/* Per CPU, not on the BPF stack: Linux 6.1 limits a call chain's stack to
 * 512 bytes, and walks do not nest. */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct walk_state);
} walk_states SEC(".maps");

/* --sites: the walk's call site so far, in its state (walks do not
 * nest: one per CPU). Without --sites nothing reads it: not written. */
static __always_inline void site_set(__u64 off)
{
	__u32 zero = 0;
	struct walk_state *st;

	if (!per_site)
		return;
	st = bpf_map_lookup_elem(&walk_states, &zero);
	if (st)
		st->site = off;
}

/* Is a range's object one the walker steps through? Sets *table. */
static __always_inline bool range_skipped_with(__u32 obj_id, __u32 flags, __u32 *table,
					       __u32 vdso_table)
{
	if (obj_id == OBJ_VDSO && vdso_table) {
		*table = vdso_table;
		return true;
	}
	return flags & RANGE_F_SKIPPED;
}

/* range_skipped_with the 64-bit vDSO's table (walk32.bpf.h passes the
 * 32-bit one's). */
static __always_inline bool range_skipped(__u32 obj_id, __u32 flags, __u32 *table)
{
	return range_skipped_with(obj_id, flags, table, vdso_cfi_table);
}

#define SCAN_NEG	4

/* The scan's state, per CPU (Linux 6.1 limits a call chain's stack to
 * 512 bytes; scans do not nest). */
struct scan_buf {
	__u64 w[SCAN_CHUNK_WORDS];
	__u64 base;		/* sp rounded down to SCAN_CHUNK_BYTES */
	/* mappings found not executable (the stack, the heap...): the words
	 * that point into them need no second exact lookup */
	__u64 neg_lo[SCAN_NEG], neg_hi[SCAN_NEG];
	__u32 neg_next;
	__u32 first;		/* word index of sp within the first chunk */
	__u32 obj_id;
	__u32 status;
	__u32 read_ok;		/* chunks read (not holes: stack_chunk_hole) */
	__u64 new_pc;		/* SCAN_NEW_OBJECT: the word, a pc to intern */
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
	SCAN_NEW_OBJECT,	/* stopped at a pc of an object to intern first */
};

/* What walk_scan returns, instead of an object, for SCAN_NEW_OBJECT (no
 * outcome counted yet: the scan is run again once the object is in). */
#define SCAN_AGAIN		0xfffffffeu

/* A scan's (or a deferred walk's copy's, kern/defer.bpf.h) start: no
 * outcome, no mappings known not to be code. */
static __always_inline void scan_buf_reset(struct scan_buf *c)
{
	int i;

	c->neg_next = c->obj_id = c->status = c->read_ok = 0;
	for (i = 0; i < SCAN_NEG; i++)
		c->neg_lo[i] = c->neg_hi[i] = 0;
}

/* Can a stack chunk the helper could not read (and zeroed) at addr be
 * passed over, for a stack whose sp is in the chunk at base? Yes on sp's
 * own page: it is the part below what the code has touched (a frame made
 * by sub rsp whose syscall came before anything was written there, which
 * depends on where ASLR put the stack in its page), not faulted in yet,
 * and bpf_probe_read_user cannot fault. The frames above are readable. */
static __always_inline bool stack_chunk_hole(__u64 base, __u64 addr)
{
	return (addr & PAGE_MASK_X86) == (base & PAGE_MASK_X86);
}

/* Read the stack chunk at addr, of a stack whose sp's chunk is at base,
 * into dst: 0; 1 for a hole, left zeroed (stack_chunk_hole); -1 where the
 * stack ends. *read_ok counts the chunks read. The scan's and the deferred
 * copy's one reader. */
static __always_inline int stack_chunk_read(void *dst, __u64 addr, __u64 base, __u32 *read_ok)
{
	if (!bpf_probe_read_user(dst, SCAN_CHUNK_BYTES, (void *)addr)) {
		(*read_ok)++;
		return 0;
	}
	return stack_chunk_hole(base, addr) ? 1 : -1;
}

/* bpf_loop's context must be on the stack: two pointers. */
struct scan_ctx {
	struct mirror *m;
	struct scan_buf *buf;
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
	struct scan_ctx *ctx = arg;
	struct scan_buf *c = ctx->buf;
	struct mirror_cpu *cpu = mirror_cpu_scratch();
	struct exec_range *r;
	__u32 pos, w, table;
	__u64 v;
	int i, kind;

	if (!c || !cpu)
		return 1;
	r = &cpu->range;
	pos = c->first + idx;
	w = pos % SCAN_CHUNK_WORDS;

	if (w == 0 || idx == 0) {
		/* Chunks are aligned, so a read never straddles a page. */
		__u64 addr = c->base + (__u64)(pos / SCAN_CHUNK_WORDS) * SCAN_CHUNK_BYTES;

		if (stack_chunk_read(c->w, addr, c->base, &c->read_ok) < 0) {
			if (!c->read_ok)
				c->status = SCAN_UNREADABLE;
			return 1;
		}
	}
	v = c->w[w & (SCAN_CHUNK_WORDS - 1)];
	if (v < user_floor || v >= USER_TOP)
		return 0;
	for (i = 0; i < SCAN_NEG; i++)
		if (v >= c->neg_lo[i] && v < c->neg_hi[i])
			return 0;
	/* A lazily filled mirror may lack a range the stack points into:
	 * ask the kernel, so that the scan sees what a full mirror would. */
	if (!mirror_find(ctx->m, v, r)) {
		kind = mirror_resolve_known(ctx->m, v, r);
		if (kind == MIRROR_NEW_OBJECT) {
			c->new_pc = v;
			c->status = SCAN_NEW_OBJECT;
			return 1;
		}
		if (kind == MIRROR_NOEXEC) {
			i = c->neg_next++ % SCAN_NEG;
			c->neg_lo[i & (SCAN_NEG - 1)] = r->start;
			c->neg_hi[i & (SCAN_NEG - 1)] = r->end;
		}
		if (kind != MIRROR_EXEC)
			return 0;
	}
	if (range_skipped(r->obj_id, r->flags, &table))
		return 0;
	if (!follows_call(v))
		return 0;
	c->obj_id = r->obj_id;
	c->status = SCAN_FOUND;
	site_set(v - r->bias);
	return 1;
}

/* Global: called from several places, verified once. */
__noinline __u32 walk_scan(struct mirror *m, __u64 sp, __u32 skipped_obj)
{
	struct scan_ctx ctx = { .m = m };
	struct scan_buf *c;
	__u32 zero = 0;

	/* every return counts one outcome: the walk_* stats add up */
	c = bpf_map_lookup_elem(&scan_bufs, &zero);
	if (!c) {
		stat_inc(STAT_WALK_NO_FRAME);
		return skipped_obj;
	}
	ctx.buf = c;
	c->base = sp & ~(__u64)(SCAN_CHUNK_BYTES - 1);
	c->first = (sp - c->base) / 8;
	scan_buf_reset(c);
	bpf_loop(SCAN_MAX_BYTES / 8, scan_word, &ctx, 0);

	switch (c->status) {
	case SCAN_FOUND:
		stat_inc(STAT_WALK_SCAN);
		return c->obj_id;
	case SCAN_UNREADABLE:
		stat_inc(STAT_WALK_STACK_UNREADABLE);
		return skipped_obj;
	case SCAN_NEW_OBJECT:
		return SCAN_AGAIN;
	default:
		stat_inc(STAT_WALK_NO_FRAME);
		return skipped_obj;
	}
}

/*
 * Reads of the user stack go through a window: one bpf_probe_read_user of
 * STACK_WINDOW_BYTES serves the return addresses and saved registers of
 * several frames. Each probe read costs ~80 ns here whatever its size up
 * to a few hundred bytes, so this is most of the walk's cost saved.
 */
#define STACK_WINDOW_BYTES	512

struct stack_window {
	__u8 b[STACK_WINDOW_BYTES];
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct stack_window);
} stack_windows SEC(".maps");

/* *out = the user word at addr, from the window buf (user address *base,
 * *len valid bytes: the walk state's fields, not a copy on the BPF stack,
 * which Linux 6.1 limits to 512 bytes per call chain) or by moving the
 * window to start at addr. The window never straddles into the next page
 * unless that page is readable: a failed read is retried up to the page's
 * end. */
static __always_inline int window_read_word(struct stack_window *buf, __u64 *base, __u32 *len,
					    __u64 addr, __u64 *out, __u32 word)
{
	__u64 off = addr - *base;
	__u32 n;

	if (off <= STACK_WINDOW_BYTES - word && off + word <= *len) {
		*out = word == 8 ? *(__u64 *)&buf->b[off] : *(__u32 *)&buf->b[off];
		return 0;
	}
	*base = addr;
	*len = 0;
	n = STACK_WINDOW_BYTES;
	if (bpf_probe_read_user(buf->b, n, (void *)addr)) {
		n = 4096 - (addr & 4095);
		if (n < word || n > STACK_WINDOW_BYTES ||
		    bpf_probe_read_user(buf->b, n, (void *)addr))
			return -1;
	}
	*len = n;
	*out = word == 8 ? *(__u64 *)&buf->b[0] : *(__u32 *)&buf->b[0];
	return 0;
}

/* The 64-bit word at addr (word: a constant, 4 for walk32.bpf.h). */
static __always_inline int window_read(struct stack_window *buf, __u64 *base, __u32 *len,
				       __u64 addr, __u64 *out)
{
	return window_read_word(buf, base, len, addr, out, 8);
}

#define CFI_ROW_KIND(p)		((__u32)((p) >> 56))
#define CFI_ROW_SLOT(p)		((__u32)((p) >> 48) & 0xff)
#define CFI_ROW_CFA_OFF(p)	((__u32)((p) >> 32) & 0xffff)

/*
 * The row of table `table` in effect at file offset off, packed as
 * start | cfa_off << 32 | rbp_slot << 48 | kind << 56 (0 = no row).
 * Global: verified once; its 8-step search would otherwise multiply the
 * paths of every caller.
 */
__noinline __u64 cfi_lookup(__u32 table, __u32 off)
{
	__u32 lo, hi, n, b, bi, bj, base = 0, step, idx;
	struct cfi_table *t;
	struct cfi_row *row;
	__u32 *lo_p, *hi_p;

	t = bpf_map_lookup_elem(&cfi_tables, &table);
	if (!t || off < t->base)
		return 0;
	b = (off - t->base) >> (t->shift & 31);
	if (b >= t->nr_buckets)
		return 0;
	bi = t->first_bucket + b;
	bj = bi + 1;
	lo_p = bpf_map_lookup_elem(&cfi_buckets, &bi);
	hi_p = bpf_map_lookup_elem(&cfi_buckets, &bj);
	if (!lo_p || !hi_p)
		return 0;
	lo = *lo_p;
	hi = *hi_p;
	if (hi < lo || hi - lo >= CFI_BUCKET_MAX_ROWS)
		return 0;
	n = hi - lo;
	/* count the rows lo+1..hi that start at or below off */
	_Pragma("unroll")
	for (step = CFI_BUCKET_MAX_ROWS / 2; step; step >>= 1) {
		__u32 probe = base + step;

		if (probe <= n) {
			idx = lo + probe;
			row = bpf_map_lookup_elem(&cfi_rows, &idx);
			if (row && row->start <= off)
				base = probe;
		}
	}
	idx = lo + base;
	row = bpf_map_lookup_elem(&cfi_rows, &idx);
	if (!row || row->start > off)
		return 0;
	return (__u64)row->start | (__u64)row->cfa_off << 32 |
	       (__u64)row->rbp_slot << 48 | (__u64)row->kind << 56;
}

enum unwind_step {
	STEP_NEXT = 0,		/* stepped to a caller still in a skipped object */
	STEP_DONE = 1,		/* result is set */
	STEP_SCAN = 2,		/* no usable row: scan the stack from sp */
	STEP_NEW_OBJECT = 3,	/* pc is in an object to intern first (st->pc) */
};

/* How many objects new to the tool one walk may intern on its way; more
 * (a first syscall through that many never-seen objects) is counted in
 * walk_new_objects_limit. */
#define WALK_NEW_OBJECTS	8

/* The note header and "GNU\0" before a build-id (shared/cfi.h). */
struct build_id_note {
	__u32 namesz, descsz, type;
	__u32 name;
	__u32 id[CFI_BUILD_ID_BYTES / 4];
};

#define NT_GNU_BUILD_ID_TYPE	3
#define NOTE_NAME_GNU		0x00554e47	/* "GNU\0", little-endian */

static __always_inline bool build_id_equal(const struct build_id_note *n,
					   const struct cfi_build_id *k)
{
	__u32 w[CFI_BUILD_ID_BYTES / 4], j;
	bool eq = true;

	__builtin_memcpy(w, k->id, sizeof(w));
	_Pragma("unroll")
	for (j = 0; j < CFI_BUILD_ID_BYTES / 4; j++)
		eq &= n->id[j] == w[j];
	return eq;
}

/*
 * A skipped object without a table: is it a copy of a file whose table
 * is loaded (same build-id, at the same file offset, read from the
 * process's mapping of it)? Then give its object that table, and make
 * every mirror pick it up, as userspace does after loading one.
 * Global: verified once.
 */
__noinline __u32 cfi_by_build_id(__u64 bias, __u32 obj_id)
{
	struct build_id_note note;
	struct cfi_build_id *k;
	struct obj_info *info;
	struct obj_ref *ref;
	struct obj_key key;
	__u32 i;

	for (i = 0; i < CFI_KNOWN_BUILD_IDS; i++) {
		__u32 idx = i;

		k = bpf_map_lookup_elem(&cfi_build_ids, &idx);
		if (!k || !k->table)
			return 0;
		if (bpf_probe_read_user(&note, sizeof(note), (void *)(bias + k->note_off)))
			continue;
		if (note.namesz == 4 && note.descsz == CFI_BUILD_ID_BYTES &&
		    note.type == NT_GNU_BUILD_ID_TYPE && note.name == NOTE_NAME_GNU &&
		    build_id_equal(&note, k))
			break;
	}
	if (i == CFI_KNOWN_BUILD_IDS || !k)
		return 0;
	info = bpf_map_lookup_elem(&obj_infos, &obj_id);
	if (!info)
		return 0;
	key.dev = info->dev;
	key.ino = info->ino;
	ref = bpf_map_lookup_elem(&obj_ids, &key);
	if (!ref)
		return 0;
	if (!ref->cfi_table) {
		ref->cfi_table = k->table;
		stat_inc(STAT_CFI_BY_BUILD_ID);
		__sync_fetch_and_add(&cfi_generation, 1);
	}
	return k->table;
}

enum cfi_frame_result {
	FRAME_OK = 0,		/* st is at the caller's frame */
	FRAME_OUTERMOST,	/* the thread's first frame: no caller */
	FRAME_NO_ROW,		/* no usable row at pc */
	FRAME_UNREADABLE,	/* the user stack could not be read */
};

/*
 * From pc's row of st->table, find the CFA, read the return address (and
 * saved rbp) through the stack window, and move st to the caller's frame.
 * The step's arithmetic only: what the caller makes of the caller's pc is
 * its own (cfi_step, and --depth's chain_step in chain.bpf.h).
 */
static __always_inline int cfi_frame(struct walk_state *st)
{
	struct stack_window *wb;
	__u64 row;
	__u32 kind, slot, off, zero = 0;

	row = cfi_lookup(st->table, (__u32)(st->pc - st->adjust - st->bias));
	st->adjust = 1;
	kind = CFI_ROW_KIND(row);
	if (kind == CFI_OUTERMOST)
		return FRAME_OUTERMOST;
	if (kind < CFI_CFA_RSP || kind > CFI_RA_RDI || kind == CFI_UNSUPPORTED ||
	    (kind == CFI_RA_RDI && !st->di_valid))
		return FRAME_NO_ROW;
	wb = bpf_map_lookup_elem(&stack_windows, &zero);
	if (!wb)
		return FRAME_UNREADABLE;
	slot = CFI_ROW_SLOT(row);
	off = CFI_ROW_CFA_OFF(row);
	if (kind == CFI_SIGNAL) {
		/* the interrupted code's registers, saved by the kernel in the
		 * signal frame at sp (lowest first: one window serves all) */
		if ((slot && window_read(wb, &st->win_base, &st->win_len, st->sp + 8 * slot, &st->bp)) ||
		    window_read(wb, &st->win_base, &st->win_len, st->sp + off, &st->cfa) ||
		    window_read(wb, &st->win_base, &st->win_len, st->sp + off + 8, &st->ra))
			return FRAME_UNREADABLE;
		/* an interrupted pc, not a return address */
		st->adjust = 0;
	} else if (kind == CFI_RA_RDI) {
		st->cfa = st->sp + off;
		st->ra = st->di;
	} else {
		if (kind == CFI_PLT)
			st->cfa = st->sp + off + ((st->pc & 15) >= slot ? 8 : 0);
		else
			st->cfa = (kind == CFI_CFA_RBP ? st->bp : st->sp) + off;
		/* the saved rbp sits below the return address: read it first,
		 * so that the window starts low enough for both */
		if ((kind != CFI_PLT && slot && window_read(wb, &st->win_base, &st->win_len, st->cfa - 8 * slot, &st->bp)) ||
		    window_read(wb, &st->win_base, &st->win_len, st->cfa - 8, &st->ra))
			return FRAME_UNREADABLE;
	}
	st->di_valid = 0;
	st->sp = st->cfa;
	st->pc = st->ra;
	st->frames++;
	return FRAME_OK;
}

/* The step's end: st->pc is in next's range (found) or in no code. */
static __always_inline int step_to_with(struct walk_state *st, const struct exec_range *next,
					bool found, __u32 vdso_table)
{
	__u32 flags;

	if (!found) {
		/* not code: the end of the stack, or a corrupt one */
		stat_inc(STAT_WALK_NO_FRAME);
		return STEP_DONE;
	}
	flags = next->flags;
	st->table = next->cfi_table;
	st->bias = next->bias;
	if (!range_skipped_with(next->obj_id, flags, &st->table, vdso_table)) {
		stat_inc(STAT_WALK_CFI);
		st->result = next->obj_id;
		st->caller_found = 1;
		if (per_site)
			st->site = st->pc - st->bias;
		return STEP_DONE;
	}
	st->obj = next->obj_id;
	return STEP_NEXT;
}

/* A step's end for both ABIs: where st->pc is, looked up (a step never
 * interns: STEP_NEW_OBJECT sends that to the walk's top, walk_steps). */
static __always_inline int step_resolve_with(struct mirror *m, struct walk_state *st,
					     struct exec_range *next, __u32 vdso_table)
{
	int found = mirror_find(m, st->pc, next) ? MIRROR_EXEC : mirror_resolve_known(m, st->pc, next);

	if (found == MIRROR_NEW_OBJECT)
		return STEP_NEW_OBJECT;
	return step_to_with(st, next, found == MIRROR_EXEC, vdso_table);
}

/* A step's start, for both ABIs: STEP_NEXT to go on, else how the step
 * ends (no state: no frame; no table for pc's object, not even by
 * build-id: the scan, or with defer_walks a copy of the stack for
 * userspace, kern/defer.bpf.h). */
static __always_inline int step_begin(struct walk_state *st, struct mirror_cpu *cpu)
{
	if (!st || !cpu) {
		stat_inc(STAT_WALK_NO_FRAME);
		return STEP_DONE;
	}
	st->result = st->obj;
	if (!st->table)
		st->table = cfi_by_build_id(st->bias, st->obj);
	if (!st->table) {
		st->no_table = 1;	/* the walk's top counts it */
		return STEP_SCAN;
	}
	return STEP_NEXT;
}

/*
 * One frame: step to the caller's frame (cfi_frame), and classify the
 * caller. Global:
 * the verifier checks it once, not once per unrolled frame of the caller.
 */
__noinline int cfi_step(struct mirror *m, struct walk_state *st)
{
	struct mirror_cpu *cpu = mirror_cpu_scratch();
	int start = step_begin(st, cpu);

	if (start != STEP_NEXT)
		return start;
	switch (cfi_frame(st)) {
	case FRAME_OUTERMOST:
		st->outermost = 1;	/* the caller counts the outcome */
		return STEP_DONE;
	case FRAME_NO_ROW:
		stat_inc(STAT_WALK_CFI_NO_ROW);
		return STEP_SCAN;
	case FRAME_UNREADABLE:
		stat_inc(STAT_WALK_STACK_UNREADABLE);
		return STEP_DONE;
	}
	return step_resolve_with(m, st, &cpu->range, vdso_cfi_table);
}

/* The deep part of a walk, one frame per bpf_loop iteration. */
struct walk_loop {
	struct mirror *m;
	struct walk_state *st;
	int step;
};

/* NAME: the bpf_loop callback stepping with STEP_FN (cfi_step, or
 * walk32.bpf.h's cfi_step32): one frame per iteration, up to the depth
 * limit. A macro because a callback cannot take the step as an argument. */
#define DEFINE_WALK_LOOP_STEP(NAME, STEP_FN)					\
static long NAME(__u32 i, void *arg)						\
{										\
	struct walk_loop *l = arg;						\
										\
	if (!l->st || l->st->frames >= CFI_MAX_DEPTH)				\
		return 1;	/* l->step stays STEP_NEXT: the depth limit */	\
	l->step = STEP_FN(l->m, l->st);						\
	return l->step != STEP_NEXT;						\
}

DEFINE_WALK_LOOP_STEP(walk_loop_step, cfi_step)

/*
 * Unwind from the syscall's registers through skipped objects until a pc
 * outside them: that object made the call. Return addresses are looked up
 * at pc - 1 (one may be the first byte after its function), the syscall's
 * own pc too (1 after the syscall instruction), an interrupted pc (from a
 * signal frame) at pc.
 */
/*
 * The walk's steps, l->step the first one's outcome, until one ends it (the
 * last step returned). A step that met an object new to the tool stops:
 * interning it here, at the top of the call chain, keeps the steps' chain
 * short (mirror_resolve_known); then the walk goes on where it stopped, at
 * most WALK_NEW_OBJECTS times. loop_cb: the ABI's bpf_loop step,
 * vdso_table its vDSO's table (walk32.bpf.h passes the 32-bit ones).
 */
static __always_inline int walk_steps(struct walk_loop *l, struct mirror_cpu *cpu, void *loop_cb,
				      __u32 vdso_table)
{
	int n;

#pragma clang loop unroll(disable)
	for (n = 0; n <= WALK_NEW_OBJECTS; n++) {
		if (l->step == STEP_NEXT)
			bpf_loop(CFI_MAX_DEPTH, loop_cb, l, 0);
		if (l->step != STEP_NEW_OBJECT || n == WALK_NEW_OBJECTS)
			break;
		l->step = step_to_with(l->st, &cpu->range,
				       mirror_resolve(l->m, l->st->pc, &cpu->range) == MIRROR_EXEC,
				       vdso_table);
	}
	return l->step;
}

/* A walk that ran out of room (more new objects than it may intern, or
 * frames beyond the limit): counted, charged to the skipped object it
 * stopped in. */
static __always_inline __u32 walk_cut(const struct walk_state *st, int step)
{
	stat_inc(step == STEP_NEW_OBJECT ? STAT_WALK_NEW_OBJECTS_LIMIT : STAT_WALK_DEPTH_LIMIT);
	return st->obj;
}

/* walk_scan, interning on its way the objects it meets that are new. */
static __always_inline __u32 walk_scan_interning(struct mirror *m, __u64 sp, __u32 obj,
						 struct exec_range *next)
{
	struct scan_buf *c;
	__u32 zero = 0, id, n;

#pragma clang loop unroll(disable)
	for (n = 0; n < WALK_NEW_OBJECTS; n++) {
		id = walk_scan(m, sp, obj);
		if (id != SCAN_AGAIN)
			return id;
		c = bpf_map_lookup_elem(&scan_bufs, &zero);
		if (!c)
			break;
		mirror_resolve(m, c->new_pc, next);
	}
	stat_inc(STAT_WALK_NEW_OBJECTS_LIMIT);
	return obj;
}

/* A walk stopped at a skipped object without a table: the stack scan from
 * its frame (walk_states). */
static __always_inline __u32 walk_scan_tableless(struct mirror *m)
{
	struct mirror_cpu *cpu = mirror_cpu_scratch();
	__u32 zero = 0;
	struct walk_state *st = bpf_map_lookup_elem(&walk_states, &zero);

	if (!st || !cpu) {
		stat_inc(STAT_WALK_NO_FRAME);
		return OBJ_UNATTRIBUTED;
	}
	stat_inc(STAT_WALK_CFI_NO_TABLE);
	return walk_scan_interning(m, st->sp, st->obj, &cpu->range);
}

/* What walk_cfi returns for a walk stopped at a skipped object without a
 * table when defer_walks is set: walk_find_caller copies the frame for
 * userspace (kern/defer.bpf.h) or scans (walk_scan_tableless). */
#define WALK_TABLELESS		OBJ_DEFERRED

static __always_inline __u32 walk_cfi(struct mirror *m, __u64 pc, __u64 sp, __u64 bp,
				      __u64 di, const struct exec_range *r, __u32 table,
				      bool *outermost)
{
	struct mirror_cpu *cpu = mirror_cpu_scratch();
	__u32 zero = 0;
	struct walk_state *st = bpf_map_lookup_elem(&walk_states, &zero);
	struct walk_loop l = { .m = m, .st = st, .step = STEP_NEXT };
	int depth, step;

	if (!st || !cpu) {
		stat_inc(STAT_WALK_NO_FRAME);
		return r->obj_id;
	}
	/* the site so far (the syscall's own, find_caller's) stays */
	*st = (struct walk_state){
		.pc = pc, .sp = sp, .bp = bp, .di = di, .di_valid = 1,
		.bias = r->bias, .adjust = 1, .table = table, .obj = r->obj_id,
		.site = st->site,
	};
	for (depth = 0; depth < CFI_INLINE_DEPTH; depth++) {
		l.step = cfi_step(m, st);
		if (l.step != STEP_NEXT)
			break;
	}
	step = walk_steps(&l, cpu, walk_loop_step, vdso_cfi_table);
	switch (step) {
	case STEP_DONE:
		*outermost = st->outermost;
		return st->result;
	case STEP_SCAN:
		if (st->no_table && defer_walks)
			return WALK_TABLELESS;
		if (st->no_table)
			stat_inc(STAT_WALK_CFI_NO_TABLE);
		return walk_scan_interning(m, st->sp, st->obj, &cpu->range);
	default:
		return walk_cut(st, step);
	}
}

enum vfork_start {
	VFORK_NONE,		/* no parent to walk: counted (walk_no_frame) */
	VFORK_DIRECT,		/* the parent's pc is outside the skipped
				 * objects: r->obj_id made the call (counted) */
	VFORK_WALK,		/* walk from *pr, pc in r, with *table */
};

/* Where a vfork child's walk goes on: its parent's pending syscall's
 * registers (*pr), its pc and range (r) in the shared address space.
 * vdso_table: the ABI's (as range_skipped_with). */
static __always_inline int vfork_parent_start(struct task_struct *task, struct mirror *m,
					      struct exec_range *r, struct pt_regs **pr,
					      __u32 *table, __u32 vdso_table)
{
	/* direct reads: the verifier keeps the pointers typed (RCU) */
	struct task_struct *parent = task->real_parent;
	__u64 pc;

	if (!parent) {
		stat_inc(STAT_WALK_NO_FRAME);
		return VFORK_NONE;
	}
	*pr = (struct pt_regs *)bpf_task_pt_regs(parent);
	pc = BPF_CORE_READ(*pr, ip);
	/* the same address space: the child's exact lookups answer for it */
	if (BPF_CORE_READ(parent, mm) != BPF_CORE_READ(task, mm) ||
	    (!mirror_find(m, pc, r) && mirror_resolve(m, pc, r) != MIRROR_EXEC)) {
		stat_inc(STAT_WALK_NO_FRAME);
		return VFORK_NONE;
	}
	stat_inc(STAT_WALK_VFORK_PARENT);
	*table = r->cfi_table;
	if (!range_skipped_with(r->obj_id, r->flags, table, vdso_table)) {
		stat_inc(STAT_WALK_CFI);
		site_set(pc - r->bias);
		return VFORK_DIRECT;
	}
	return VFORK_WALK;
}

#endif
