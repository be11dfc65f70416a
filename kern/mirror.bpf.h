/* SPDX-License-Identifier: MIT */
/*
 * The per-address-space mirror of executable ranges (shared/mirror.h):
 * filled lazily from exact bpf_find_vma answers, trimmed by mapping calls,
 * looked up per syscall with a bounded binary search. The interface the
 * walker uses:
 *
 *	int mirror_find(const struct mirror *m, __u64 addr, struct exec_range *out)
 *		1 and a copy of the range holding addr, or 0: not mirrored
 *		(or being changed by another CPU right now);
 *	int mirror_resolve(struct mirror *m, __u64 addr, struct exec_range *out)
 *		the kernel's exact answer for addr (MIRROR_EXEC: executable,
 *		*out filled and inserted into m; MIRROR_NOEXEC: mapped but
 *		not executable, out->start/end bound the mapping; 0: unmapped).
 *
 * Concurrency. Writers (inserts, trims) change the array in place, so they
 * are serialised by m->lock (a compare-and-swap try-lock, bounded spin:
 * bpf_spin_lock is refused in tracing programs) and make m->seq odd while
 * they write. A reader copies the range it found and checks that seq was
 * even and unchanged around the search and the copy; otherwise the lookup
 * is a miss and the caller asks the kernel exactly. x86 keeps loads in
 * order with loads and stores with stores, and the atomics are full
 * barriers, so compiler barriers suffice between the reads.
 * An exact answer can be stale by the time it is inserted (another thread
 * unmapped it meanwhile): every trim bumps m->gen, and an insert whose
 * bpf_find_vma started before the latest trim is dropped.
 */
#ifndef SYSO_KAGG_MIRROR_BPF_H
#define SYSO_KAGG_MIRROR_BPF_H

/* errno values: kern/errno.bpf.h, through maps.bpf.h */
#include "maps.bpf.h"
#include "objects.bpf.h"
#include "syscall_nrs.h"

#define VM_EXEC_FLAG		0x00000004UL
#define VM_DONTCOPY_FLAG	0x00020000UL
#define PAGE_SHIFT_X86		12
#define PAGE_MASK_X86		(~4095ULL)
#define USER_TOP		(1ULL << 47)	/* x86_64 4-level user space */
#define MIRROR_IDX(i)		((i) & (MIRROR_MAX_RANGES - 1))
#define MIRROR_LOCK_SPINS	256

enum mirror_resolved {
	MIRROR_UNMAPPED = 0,
	MIRROR_EXEC = 1,
	MIRROR_NOEXEC = 2,
	/* mirror_resolve_known only: executable, but its file is an object
	 * not interned yet (or one to ask userspace about again): the caller
	 * interns it with mirror_resolve where its stack allows */
	MIRROR_NEW_OBJECT = 3,
};

#define mirror_barrier()	asm volatile("" ::: "memory")

/* mm_lock_seq grows with every write lock of the VMA tree (Linux 6.4+; 0
 * where the field does not exist: other threads then wait for the caller
 * of a mapping call to apply it). */
/* The field before 6.13 or so was an int. */
struct mm_struct___intseq {
	int mm_lock_seq;
} __attribute__((preserve_access_index));

static __always_inline __u64 mirror_mm_seq(struct mm_struct *mm)
{
	struct mm_struct___intseq *old = (void *)mm;

	if (bpf_core_field_exists(mm->mm_lock_seq.sequence))
		return BPF_CORE_READ(mm, mm_lock_seq.sequence);
	if (bpf_core_field_exists(old->mm_lock_seq))
		return (__u32)BPF_CORE_READ(old, mm_lock_seq);
	return 0;
}

/*
 * Number of ranges among the first n whose field (start or end, both
 * ascending: the ranges are sorted and disjoint) is <= addr: a
 * branch-light binary search with fixed steps, so that the verifier sees
 * straight-line code rather than a loop.
 */
#define MIRROR_COUNT_LE(m, n, field, addr) ({					\
	__u32 __base = 0, __step;						\
	_Pragma("unroll")							\
	for (__step = MIRROR_MAX_RANGES; __step; __step >>= 1) {		\
		__u32 __probe = __base + __step;				\
		if (__probe <= (n) &&						\
		    (m)->r[MIRROR_IDX(__probe - 1)].field <= (addr))		\
			__base = __probe;					\
	}									\
	__base;									\
})

/* MIRROR_COUNT_LE for the writers, as a global function: its result is an
 * unknown number to the verifier, so that two searches in a row do not
 * multiply into one path per possible pair of answers. */
__noinline __u32 mirror_count_le(const struct mirror *m, __u32 n, __u64 addr, int by_end)
{
	if (!m || n > MIRROR_MAX_RANGES)
		return 0;
	if (by_end)
		return MIRROR_COUNT_LE(m, n, end, addr);
	return MIRROR_COUNT_LE(m, n, start, addr);
}

/* Global (non-static): the verifier checks it once, not once per path of
 * every caller. */
__noinline int mirror_find(const struct mirror *m, __u64 addr, struct exec_range *out)
{
	__u32 s, n, k;

	if (!m || !out)
		return 0;
	s = *(volatile __u32 *)&m->seq;
	if (s & 1)
		goto race;
	mirror_barrier();
	n = m->nr;
	if (n > MIRROR_MAX_RANGES)
		goto race;
	k = MIRROR_COUNT_LE(m, n, start, addr);
	if (k == 0)
		return 0;
	*out = m->r[MIRROR_IDX(k - 1)];
	mirror_barrier();
	if (*(volatile __u32 *)&m->seq != s)
		goto race;
	return addr < out->end;
race:
	stat_inc(STAT_MIRROR_RACES);
	return 0;
}

static __always_inline bool mirror_lock(struct mirror *m)
{
	int i;

	for (i = 0; i < MIRROR_LOCK_SPINS; i++)
		if (__sync_val_compare_and_swap(&m->lock, 0, 1) == 0)
			return true;
	stat_inc(STAT_MIRROR_BUSY);
	return false;
}

/* Take the lock and make seq odd; mirror_write_end undoes both. */
static __always_inline bool mirror_write_begin(struct mirror *m)
{
	if (!mirror_lock(m))
		return false;
	__sync_fetch_and_add(&m->seq, 1);
	return true;
}

static __always_inline void mirror_write_end(struct mirror *m)
{
	__sync_fetch_and_add(&m->seq, 1);
	__sync_fetch_and_and(&m->lock, 0);
}

struct shift_ctx {
	struct mirror *m;
	__u32 to, from;		/* first destination and source index */
	bool up;		/* up: copy from the top down (insert) */
};

static long shift_one(__u32 i, void *arg)
{
	struct shift_ctx *c = arg;
	struct mirror *m = c->m;
	__u32 to = c->up ? c->to - i : c->to + i;
	__u32 from = c->up ? c->from - i : c->from + i;

	m->r[MIRROR_IDX(to)] = m->r[MIRROR_IDX(from)];
	return 0;
}

/* Remove the ranges overlapping [lo, hi) (writer held). Returns how many.
 * O(log ranges) to find them, then one move of the ranges above. */
static __always_inline __u32 mirror_remove_locked(struct mirror *m, __u64 lo, __u64 hi)
{
	struct shift_ctx c = { .m = m };
	__u32 n = m->nr, i, j, d;

	if (hi <= lo || n > MIRROR_MAX_RANGES)
		return 0;
	i = mirror_count_le(m, n, lo, 1);	/* wholly below lo */
	j = mirror_count_le(m, n, hi - 1, 0);	/* starting below hi */
	if (j <= i || j > n)
		return 0;
	d = j - i;
	c.to = i;
	c.from = j;
	bpf_loop(n - j, shift_one, &c, 0);
	m->nr = n - d;
	return d;
}

/* Global: the writer side, verified once. Removes what overlaps the two
 * intervals (the second may be empty) and bumps gen. */
__noinline int mirror_trim(struct mirror *m, __u64 lo, __u64 hi, __u64 lo2, __u64 hi2)
{
	__u32 removed;

	if (!m)
		return -1;
	if (!mirror_write_begin(m))
		return -1;
	m->gen++;
	removed = mirror_remove_locked(m, lo, hi);
	removed += mirror_remove_locked(m, lo2, hi2);
	mirror_write_end(m);
	stat_inc(STAT_MIRROR_CHANGES);
	if (removed)
		stat_add(STAT_MIRROR_TRIMS, removed);
	return 0;
}

struct resolve_ctx {
	struct exec_range r;
	__u64 vdso;
	struct obj_ref ref;	/* the mapped file's object */
	__u32 kind;		/* enum mirror_resolved */
	__u32 refused;		/* a file the object table had no room for */
};

/* A syscall's first five arguments. */
struct call_args {
	__u64 a[5];
};

/* mmap_lock_wait's loop state */
struct mmap_lock_wait {
	struct mm_struct *mm;
	__u64 deadline;			/* bpf_ktime_get_ns() */
};

/*
 * Per-CPU scratch for what would otherwise sit on the BPF stack: Linux 6.1
 * limits the stack of a whole call chain (sys_enter -> cfi_step ->
 * mirror_resolve -> obj_intern_new) to 512 bytes. Programs do not nest on
 * one CPU, and each user is done with its part before the next one starts.
 */
struct mirror_cpu {
	struct resolve_ctx resolve;	/* mirror_resolve */
	struct mmap_lock_wait wait;	/* mirror_resolve, after a busy lookup */
	struct exec_range range;	/* the walker's current range */
	struct call_args args;		/* a mapping call's arguments */
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct mirror_cpu);
} mirror_cpu SEC(".maps");

static __always_inline struct mirror_cpu *mirror_cpu_scratch(void)
{
	__u32 zero = 0;

	return bpf_map_lookup_elem(&mirror_cpu, &zero);
}

/* bpf_find_vma's context must be on the stack: it only points at the
 * per-CPU answer. */
struct resolve_arg {
	struct resolve_ctx *c;
};

/*
 * The vma at the address into the per-CPU resolve_ctx: its range, and for
 * an executable one its object -- interned if new (intern: obj_intern, a
 * deep call chain), or only looked up (obj_known: MIRROR_NEW_OBJECT if it
 * is not interned yet). intern is a constant: each callback below gets the
 * one branch.
 */
static __always_inline long resolve_fill(struct task_struct *task, struct vm_area_struct *vma,
					 struct resolve_ctx *c, bool intern)
{
	struct file *file = BPF_CORE_READ(vma, vm_file);	/* a scalar, see obj_intern_new */
	__u64 flags = vma->vm_flags;

	if (!c)
		return 1;
	c->r.start = vma->vm_start;
	c->r.end = vma->vm_end;
	if (!(flags & VM_EXEC_FLAG)) {
		c->kind = MIRROR_NOEXEC;
		return 0;
	}
	c->kind = MIRROR_EXEC;
	c->refused = 0;
	c->r.bias = vma->vm_start - (vma->vm_pgoff << PAGE_SHIFT_X86);
	c->r.flags = (flags & VM_DONTCOPY_FLAG) ? RANGE_F_DONTCOPY : 0;
	if (!file) {
		c->r.obj_id = vma->vm_start == c->vdso ? OBJ_VDSO : OBJ_ANON;
		return 0;
	}
	if (intern)
		obj_intern(file, task->tgid, vma->vm_start, vma->vm_end, &c->ref);
	else if (!obj_known(file, &c->ref)) {
		c->kind = MIRROR_NEW_OBJECT;
		return 0;
	}
	c->r.obj_id = c->ref.id;
	c->refused = c->ref.id == OBJ_UNATTRIBUTED;
	c->r.cfi_table = c->ref.cfi_table;
	if (c->ref.flags & OBJ_F_SKIPPED)
		c->r.flags |= RANGE_F_SKIPPED;
	return 0;
}

static long resolve_cb(struct task_struct *task, struct vm_area_struct *vma, void *data)
{
	return resolve_fill(task, vma, ((struct resolve_arg *)data)->c, true);
}

/* The walker's steps use this one: interning there would put the deepest
 * frames (the path walk) at the end of the longest call chain, over Linux
 * 6.1's 512 bytes. */
static long resolve_known_cb(struct task_struct *task, struct vm_area_struct *vma, void *data)
{
	return resolve_fill(task, vma, ((struct resolve_arg *)data)->c, false);
}

/* Insert r (writer held): whatever overlaps it is older, so it goes. */
static __always_inline int mirror_insert_locked(struct mirror *m, const struct exec_range *r)
{
	struct shift_ctx c = { .m = m, .up = true };
	__u32 n, p;

	mirror_remove_locked(m, r->start, r->end);
	n = m->nr;
	if (n >= MIRROR_MAX_RANGES)
		return -1;
	p = mirror_count_le(m, n, r->start, 0);
	if (p > n)
		return -1;
	c.to = n;
	c.from = n - 1;
	bpf_loop(n - p, shift_one, &c, 0);
	m->r[MIRROR_IDX(p)] = *r;
	m->nr = n + 1;
	return 0;
}

/* Insert an exact answer read while m->gen was gen. Global: its own
 * frame, outside the stack of the lookup chain. */
__noinline int mirror_insert(struct mirror *m, const struct exec_range *r, __u32 gen)
{
	if (!m || !r)
		return -1;
	if (!mirror_write_begin(m)) {
		stat_inc(STAT_MIRROR_MISS);
		return -1;
	}
	if (m->gen != gen) {
		stat_inc(STAT_MIRROR_MISS);	/* a trim since: the answer may be stale */
	} else if (mirror_insert_locked(m, r)) {
		stat_inc(STAT_MIRROR_RANGES_FULL);
	} else {
		stat_inc(STAT_MIRROR_INSERTS);
	}
	mirror_write_end(m);
	return 0;
}


/* rw_semaphore count bits that make a read trylock fail (the same layout
 * since Linux 5.3): writer owned, waiters queued, handoff, reader overflow. */
#define RWSEM_READ_FAILED_BITS	(0x1ULL | 0x2ULL | 0x4ULL | (1ULL << 63))
#define MMAP_LOCK_WAIT_NS	20000ULL	/* a mapping call holds it for a few us */
#define MMAP_LOCK_WAIT_STEPS	(1U << 16)

/* bpf_loop's context can only be on the stack, which the chain cannot
 * spare: the state is in the per-CPU scratch. */
static long mmap_lock_wait_step(__u32 i, void *unused)
{
	struct mirror_cpu *cpu = mirror_cpu_scratch();
	struct mmap_lock_wait *w;
	struct mm_struct *mm;
	__u64 count;

	if (!cpu)
		return 1;
	w = &cpu->wait;
	mm = w->mm;	/* a plain load: the struct is ours, not the kernel's */
	count = (__u64)BPF_CORE_READ(mm, mmap_lock.count.counter);
	if (!(count & RWSEM_READ_FAILED_BITS))
		return 1;
	return bpf_ktime_get_ns() > w->deadline;
}

/*
 * Wait at most MMAP_LOCK_WAIT_NS for mm's mmap lock to be free of writers;
 * false where this kernel's lock cannot be waited for (see below). Bounded
 * by time, not only by steps: the writer may be waiting for this CPU
 * (preempted here, or for a grace period this program holds up), and then
 * only the deadline ends the wait.
 * Measured (bench workload thread_maps, 4 threads mapping code at once, 2
 * CPUs): about 40 % of the waits end with the lock free; the rest time out
 * at 20 us as at 100 us, and more retries after a wait gained nothing.
 * Where the lock is not a plain rw_semaphore (PREEMPT_RT) it never waits.
 * The loop's callback is a leaf beside bpf_find_vma's, not above it: the
 * deepest chain of sys_enter does not grow.
 */
static __always_inline bool mmap_lock_wait(struct mm_struct *mm, struct mirror_cpu *cpu)
{
	struct mmap_lock_wait *w = &cpu->wait;

	if (!bpf_core_field_exists(mm->mmap_lock.count))
		return false;
	w->mm = mm;
	w->deadline = bpf_ktime_get_ns() + MMAP_LOCK_WAIT_NS;
	bpf_loop(MMAP_LOCK_WAIT_STEPS, mmap_lock_wait_step, NULL, 0);
	return true;
}

/* bpf_find_vma with cb on the current task, the answer in the per-CPU
 * resolve_ctx; inserted into m when executable. */
static __always_inline int mirror_resolve_with(struct mirror *m, __u64 addr,
					       struct exec_range *out, void *cb)
{
	struct task_struct *task = bpf_get_current_task_btf();
	struct mirror_cpu *cpu = mirror_cpu_scratch();
	struct resolve_arg arg;
	struct resolve_ctx *c;
	long err;
	__u32 gen = 0;

	if (!out || !cpu)
		return MIRROR_UNMAPPED;
	c = &cpu->resolve;
	arg.c = c;
	c->kind = MIRROR_UNMAPPED;
	c->r.obj_id = c->r.flags = c->r.cfi_table = 0;
	c->r.bias = 0;
	if (m)
		gen = *(volatile __u32 *)&m->gen;
	mirror_barrier();
	c->vdso = (__u64)BPF_CORE_READ(task, mm, context.vdso);
	/* bpf_find_vma only try-locks the mmap lock: while another thread
	 * maps or unmaps, wait (bounded) for the writer, then ask once more;
	 * an answer still refused is lost (and counted). */
	err = bpf_find_vma(task, addr, cb, &arg, 0);
	if (err == -EBUSY && mmap_lock_wait(task->mm, cpu)) {
		stat_inc(STAT_MIRROR_LOOKUP_WAITS);
		err = bpf_find_vma(task, addr, cb, &arg, 0);
	}
	if (err == -EBUSY)
		stat_inc(STAT_MIRROR_LOOKUP_BUSY);
	if (err || c->kind == MIRROR_UNMAPPED)
		return MIRROR_UNMAPPED;
	if (c->kind == MIRROR_NEW_OBJECT)
		return MIRROR_NEW_OBJECT;
	*out = c->r;
	/* a refused object is not mirrored: its next call asks again, and
	 * gets an id once one is given back (user/reclaim.c) */
	if (c->kind == MIRROR_EXEC && m && !c->refused)
		mirror_insert(m, out, gen);
	return c->kind;
}

/*
 * The exact answer from the current task's VMA tree (bpf_find_vma takes
 * the mmap lock for reading), its object interned if new. Global: verified
 * once. Its chain is deep (interning walks the file's path): call it only
 * where the stack above is shallow (not from a walk step, see
 * mirror_resolve_known).
 */
__noinline int mirror_resolve(struct mirror *m, __u64 addr, struct exec_range *out)
{
	return mirror_resolve_with(m, addr, out, resolve_cb);
}

/* The same without interning: MIRROR_NEW_OBJECT for an object the tool
 * has not interned yet, which the caller's caller then interns. */
__noinline int mirror_resolve_known(struct mirror *m, __u64 addr, struct exec_range *out)
{
	return mirror_resolve_with(m, addr, out, resolve_known_cb);
}

struct drop_ctx {
	struct mirror *m;
	__u32 kept;
};

static long drop_tableless(__u32 i, void *arg)
{
	struct drop_ctx *c = arg;
	struct mirror *m = c->m;
	const struct exec_range *r = &m->r[MIRROR_IDX(i)];

	/* with --depth > 1 any object may get a table (kern/chain.bpf.h) */
	if (!r->cfi_table && ((r->flags & RANGE_F_SKIPPED) || chain_depth > 1))
		return 0;
	if (c->kept != i)
		m->r[MIRROR_IDX(c->kept)] = *r;
	c->kept++;
	return 0;
}

/* Userspace loaded an unwind table: drop the ranges of skipped objects
 * without one, so that the lazy fill brings them back with theirs. */
static __noinline int mirror_cfi_refresh(struct mirror *m)
{
	struct drop_ctx c = { .m = m };
	__u32 n, gen = cfi_generation;

	if (!m || !mirror_write_begin(m))
		return -1;
	n = m->nr;
	if (n <= MIRROR_MAX_RANGES) {
		bpf_loop(n, drop_tableless, &c, 0);
		if (n != c.kept)
			stat_add(STAT_MIRROR_TRIMS, n - c.kept);
		m->nr = c.kept;
	}
	m->cfi_gen = gen;
	mirror_write_end(m);
	return 0;
}

/* mirrors_refused's values: why an address space has no mirror. */
#define MIRROR_REFUSED_FULL	1
#define MIRROR_REFUSED_RETRY	2

/* A new, empty mirror for mm (exec, fork, first sight with -p, or a retry
 * after a passing refusal). */
static __always_inline struct mirror *mirror_create(__u64 key)
{
	struct mirror *m;
	__u32 zero = 0;
	__u8 why;
	long err;

	m = bpf_map_lookup_elem(&mirror_scratch, &zero);
	if (!m)
		return NULL;
	m->seq = m->lock = m->gen = m->pending = m->nr = 0;
	m->pending_seq = m->pending_lo = m->pending_hi = 0;
	m->cfi_gen = cfi_generation;
	err = bpf_map_update_elem(&mirrors, &key, m, BPF_NOEXIST);
	if (err)
		err = bpf_map_update_elem(&mirrors, &key, m, BPF_ANY);
	if (err) {
		/* a full map stays full for this address space; no memory at
		 * hand or a busy lock may pass by its next syscall */
		why = map_errno(err) == -E2BIG ? MIRROR_REFUSED_FULL : MIRROR_REFUSED_RETRY;
		if (bpf_map_update_elem(&mirrors_refused, &key, &why, BPF_NOEXIST) == 0)
			stat_inc(insert_loss(err, STAT_MIRRORS_FULL));
		return NULL;
	}
	stat_inc(STAT_MIRROR_BUILDS);
	return bpf_map_lookup_elem(&mirrors, &key);
}

/* Mapping-call flags (x86_64 UAPI values). */
#define PROT_EXEC_FLAG		0x4
#define MAP_FIXED_FLAG		0x10
#define MREMAP_FIXED_FLAG	0x2
#define SHM_REMAP_FLAG		040000
#define MADV_DONTFORK_ADV	10
#define MADV_DOFORK_ADV		11

/* Is a syscall number one that can change mappings? (--sample's skip path
 * marks these without looking at the arguments.) */
static __always_inline bool is_mapping_call(long nr)
{
	switch (nr) {
	case SYS_mmap: case SYS_mprotect: case SYS_pkey_mprotect: case SYS_munmap:
	case SYS_mremap: case SYS_shmat: case SYS_shmdt: case SYS_remap_file_pages:
	case SYS_madvise:
		return true;
	}
	return false;
}

/* [addr, addr + len) rounded out to pages and clamped to user space. */
static __always_inline void page_span(__u64 addr, __u64 len, __u64 *lo, __u64 *hi)
{
	__u64 end = addr + len;

	if (end < addr || end > USER_TOP)
		end = USER_TOP;
	*lo = addr & PAGE_MASK_X86;
	*hi = (end + 4095) & PAGE_MASK_X86;
	if (*lo >= USER_TOP)
		*lo = *hi = 0;
}

/* Does [lo, hi) touch a mirrored range? A linear scan of the executable
 * ranges (few), not of the VMAs; global: verified once. */
__noinline int mirror_overlaps(const struct mirror *m, __u64 lo, __u64 hi)
{
	__u32 n, i;

	if (!m || hi <= lo)
		return 0;
	n = m->nr;
	if (n > MIRROR_MAX_RANGES)
		return 1;
	for (i = 0; i < MIRROR_MAX_RANGES; i++) {
		if (i >= n)
			break;
		if (m->r[i].end > lo && m->r[i].start < hi)
			return 1;
	}
	return 0;
}

/*
 * At sys_enter of a mapping call: which mirrored ranges could it change?
 * Only fentry/fexit would let us look after the call, and this kernel
 * refuses them, so the intervals come from the arguments and are removed
 * at the task's next syscall (the call has completed by then). A call that
 * only adds memory where nothing was mapped (mmap without MAP_FIXED, shmat)
 * changes nothing mirrored: the lazy fill finds new code when it runs.
 * Returns whether *ch holds a change to apply. Global: verified once.
 */
__noinline int mirror_note(const struct mirror *m, long nr, const struct call_args *args,
			   struct mirror_change *ch)
{
	__u64 a, len, arg3, arg4;

	if (!args || !ch)
		return 0;
	a = args->a[0];
	len = args->a[1];
	arg3 = args->a[2];
	arg4 = args->a[3];
	ch->lo = ch->hi = ch->lo2 = ch->hi2 = 0;
	switch (nr) {
	case SYS_mmap:
		/* MAP_FIXED_NOREPLACE fails rather than replace: nothing to trim */
		if (!(arg4 & MAP_FIXED_FLAG))
			return 0;
		page_span(a, len, &ch->lo, &ch->hi);
		break;
	case SYS_mprotect:
	case SYS_pkey_mprotect:
	case SYS_munmap:
	case SYS_remap_file_pages:
		page_span(a, len, &ch->lo, &ch->hi);
		break;
	case SYS_madvise:
		if (arg3 != MADV_DONTFORK_ADV && arg3 != MADV_DOFORK_ADV)
			return 0;	/* VM_DONTCOPY, read by the next insert */
		page_span(a, len, &ch->lo, &ch->hi);
		break;
	case SYS_mremap:
		/* the old range moves, shrinks or goes; growing in place keeps
		 * the mirrored part exact */
		page_span(a, len, &ch->lo, &ch->hi);
		if (arg4 & MREMAP_FIXED_FLAG)
			page_span(args->a[4], arg3, &ch->lo2, &ch->hi2);
		break;
	case SYS_shmat:
		if (!(arg3 & SHM_REMAP_FLAG))
			return 0;
		ch->lo = 0;	/* replaces an unknown size at a */
		ch->hi = USER_TOP;
		break;
	case SYS_shmdt:
		page_span(a, USER_TOP, &ch->lo, &ch->hi);	/* the size is not an argument */
		break;
	default:
		return 0;
	}
	return mirror_overlaps(m, ch->lo, ch->hi) || mirror_overlaps(m, ch->lo2, ch->hi2);
}

/* Other threads learn of a noted change through the union of the pending
 * intervals, applied once the VMA tree's sequence has moved. */
static __always_inline int mirror_pending_add(struct mirror *m, const struct mirror_change *ch,
					      __u64 seq)
{
	__u64 lo = ch->lo, hi = ch->hi;

	if (ch->hi2 > ch->lo2) {
		if (ch->lo2 < lo)
			lo = ch->lo2;
		if (ch->hi2 > hi)
			hi = ch->hi2;
	}
	if (!mirror_lock(m))
		return 0;
	if (!m->pending || lo < m->pending_lo)
		m->pending_lo = lo;
	if (!m->pending || hi > m->pending_hi)
		m->pending_hi = hi;
	m->pending_seq = seq;
	m->pending++;
	__sync_fetch_and_and(&m->lock, 0);
	return 1;
}

static __always_inline void mirror_pending_done(struct mirror *m)
{
	if (!mirror_lock(m))
		return;
	if (m->pending)
		m->pending--;
	__sync_fetch_and_and(&m->lock, 0);
}

#endif
