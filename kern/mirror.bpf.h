/* SPDX-License-Identifier: MIT */
/*
 * The per-address-space mirror of executable ranges: built from the
 * kernel's own VMA tree with the open-coded task-VMA iterator (so it is
 * exact at the moment it is built), published whole, looked up per syscall
 * with a bounded binary search.
 */
#ifndef SYSO_KAGG_MIRROR_BPF_H
#define SYSO_KAGG_MIRROR_BPF_H

#include "maps.bpf.h"
#include "objects.bpf.h"

#define VM_EXEC_FLAG	0x00000004UL
#define PAGE_SHIFT_X86	12

extern int bpf_iter_task_vma_new(struct bpf_iter_task_vma *it,
				  struct task_struct *task, __u64 addr) __ksym;
extern struct vm_area_struct *bpf_iter_task_vma_next(struct bpf_iter_task_vma *it) __ksym;
extern void bpf_iter_task_vma_destroy(struct bpf_iter_task_vma *it) __ksym;

/* mm_lock_seq is even and stable while the VMA tree is read-locked, and
 * grows with every write: a mirror built later from a newer tree has a
 * larger value, which lets a slow builder see that it lost the race. */
static __always_inline __u64 mirror_mm_seq(struct mm_struct *mm)
{
	if (bpf_core_field_exists(mm->mm_lock_seq))
		return BPF_CORE_READ(mm, mm_lock_seq.sequence);
	return 0;
}

/*
 * Number of ranges among the first n whose field (start or end, both
 * ascending) is <= addr: a branch-light binary search with fixed steps
 * (log2(MIRROR_MAX_RANGES) + 1 of them), so that the verifier
 * sees straight-line code rather than a loop whose every path it must
 * follow to the end of the program.
 */
#define MIRROR_COUNT_LE(m, n, field, addr) ({					\
	__u32 __base = 0, __step;						\
	_Pragma("unroll")							\
	for (__step = MIRROR_MAX_RANGES; __step; __step >>= 1) {		\
		__u32 __probe = __base + __step;				\
		if (__probe <= (n) &&						\
		    (m)->r[(__probe - 1) & (MIRROR_MAX_RANGES - 1)].field <= (addr)) \
			__base = __probe;					\
	}									\
	__base;									\
})

/* Index of the range containing addr, or -1. Global (non-static): the
 * verifier checks it once, not once per path of every caller. */
__noinline int mirror_find(const struct mirror *m, __u64 addr)
{
	__u32 n, k;

	if (!m)
		return -1;
	n = m->nr;
	if (n > MIRROR_MAX_RANGES)
		return -1;
	k = MIRROR_COUNT_LE(m, n, start, addr);
	if (k == 0)
		return -1;
	k = (k - 1) & (MIRROR_MAX_RANGES - 1);
	return addr < m->r[k].end ? (int)k : -1;
}

/* Does [addr, addr+len) touch any mirrored range? Only for mapping
 * syscalls, so a linear scan: cheap to verify (a binary search here cost
 * the verifier tens of thousands of instructions at every start-up). */
__noinline bool mirror_overlaps(const struct mirror *m, __u64 addr, __u64 len)
{
	__u32 n, i;

	if (!m)
		return false;
	n = m->nr;
	if (n > MIRROR_MAX_RANGES)
		return true;
	for (i = 0; i < MIRROR_MAX_RANGES; i++) {
		if (i >= n)
			break;
		if (m->r[i].end > addr && m->r[i].start < addr + len)
			return true;
	}
	return false;
}

/* Rebuild the mirror of task's address space from its VMA tree. */
static __noinline int mirror_build(struct task_struct *task)
{
	struct bpf_iter_task_vma it;
	struct vm_area_struct *vma;
	struct mirror *m, *old;
	struct mm_struct *mm;
	__u32 zero = 0;
	__u64 key, vdso;
	int err;

	mm = task->mm;
	if (!mm)
		return -1;
	m = bpf_map_lookup_elem(&mirror_scratch, &zero);
	if (!m)
		return -1;
	key = (__u64)mm;
	vdso = (__u64)BPF_CORE_READ(mm, context.vdso);
	m->kseq = mirror_mm_seq(mm);
	m->pending = 0;
	m->pending_seq = 0;
	m->cfi_gen = cfi_generation;
	m->nr = 0;
	m->overflow = 0;

	err = bpf_iter_task_vma_new(&it, task, 0);
	while ((vma = bpf_iter_task_vma_next(&it))) {
		struct exec_range *r;
		struct file *file;
		__u32 n = m->nr;

		if (!(vma->vm_flags & VM_EXEC_FLAG))
			continue;
		if (n >= MIRROR_MAX_RANGES) {
			m->overflow++;
			continue;
		}
		r = &m->r[n];
		r->start = vma->vm_start;
		r->end = vma->vm_end;
		r->bias = vma->vm_start - (vma->vm_pgoff << PAGE_SHIFT_X86);
		r->flags = 0;
		r->cfi_table = 0;
		file = BPF_CORE_READ(vma, vm_file);	/* a scalar, see obj_intern_new */
		if (file) {
			struct obj_ref ref;

			obj_intern(file, task->tgid, vma->vm_start, vma->vm_end, &ref);
			r->obj_id = ref.id;
			r->cfi_table = ref.cfi_table;
			if (ref.flags & OBJ_F_SKIPPED)
				r->flags = RANGE_F_SKIPPED;
		} else if (vma->vm_start == vdso) {
			r->obj_id = OBJ_VDSO;
		} else {
			r->obj_id = OBJ_ANON;
		}
		m->nr = n + 1;
	}
	bpf_iter_task_vma_destroy(&it);
	if (err) {
		/* VMA tree write-locked by another thread: keep the old mirror;
		 * syscalls it misses are counted as mirror_miss. */
		stat_inc(STAT_MIRROR_BUSY);
		return -1;
	}
	if (m->overflow)
		stat_add(STAT_MIRROR_RANGES_FULL, m->overflow);

	old = bpf_map_lookup_elem(&mirrors, &key);
	if (old && old->kseq > m->kseq)
		return 0;	/* a builder that read a newer tree already published */
	if (bpf_map_update_elem(&mirrors, &key, m, BPF_ANY)) {
		__u8 one = 1;

		if (bpf_map_update_elem(&mirrors_refused, &key, &one, BPF_NOEXIST) == 0)
			stat_inc(STAT_MIRRORS_FULL);
		return -1;
	}
	stat_inc(STAT_MIRROR_BUILDS);
	return 0;
}

/* Syscall numbers (x86_64) and flags of the calls that change mappings. */
#define NR_mmap			9
#define NR_mprotect		10
#define NR_munmap		11
#define NR_mremap		25
#define NR_shmat		30
#define NR_shmdt		67
#define NR_remap_file_pages	216
#define NR_pkey_mprotect	329
#define PROT_EXEC_FLAG		0x4
#define MAP_FIXED_FLAG		0x10
#define MAP_FIXED_NOREPLACE_FLAG 0x100000
#define MREMAP_FIXED_FLAG	0x2
#define SHM_EXEC_FLAG		0100000

/* Is a syscall number one that can change mappings? (--sample's skip path
 * marks these without the argument tests of mirror_call_may_change) */
static __always_inline bool is_mapping_call(long nr)
{
	switch (nr) {
	case NR_mmap: case NR_mprotect: case NR_pkey_mprotect: case NR_munmap:
	case NR_mremap: case NR_shmat: case NR_shmdt: case NR_remap_file_pages:
		return true;
	}
	return false;
}

/*
 * At sys_enter of a mapping call: could it change the executable ranges?
 * Only fentry/fexit would let us look after the call, and this kernel
 * refuses them, so we decide from the arguments and rebuild at the task's
 * next syscall (TASK_BIT_RESYNC), or at another thread's once the VMA tree's
 * sequence has moved (m->pending).
 */
static __always_inline bool mirror_call_may_change(const struct mirror *m, long nr,
						   struct pt_regs *regs)
{
	__u64 a = regs->di, len = regs->si, arg3 = regs->dx, arg4 = regs->r10;

	switch (nr) {
	case NR_mmap:
		if (arg3 & PROT_EXEC_FLAG)
			return true;
		return (arg4 & (MAP_FIXED_FLAG | MAP_FIXED_NOREPLACE_FLAG)) &&
		       (!m || mirror_overlaps(m, a, len));
	case NR_mprotect:
	case NR_pkey_mprotect:
		return (arg3 & PROT_EXEC_FLAG) || !m || mirror_overlaps(m, a, len);
	case NR_munmap:
	case NR_remap_file_pages:
		return !m || mirror_overlaps(m, a, len);
	case NR_mremap:
		if (!m || mirror_overlaps(m, a, len))
			return true;
		return (arg4 & MREMAP_FIXED_FLAG) && mirror_overlaps(m, regs->r8, arg3);
	case NR_shmat:
		return arg3 & SHM_EXEC_FLAG;
	case NR_shmdt:
		return true;	/* the size detached is not in the arguments */
	}
	return false;
}

struct find_vma_ctx {
	__u64 vdso;
	__u32 obj_id;
	__u32 flags;		/* RANGE_F_* */
	bool found;
};

static long find_vma_cb(struct task_struct *task, struct vm_area_struct *vma, void *data)
{
	struct find_vma_ctx *c = data;
	struct file *file = BPF_CORE_READ(vma, vm_file);	/* a scalar, see obj_intern_new */

	if (!(vma->vm_flags & VM_EXEC_FLAG))
		return 0;
	c->found = true;
	if (file) {
		struct obj_ref ref;

		obj_intern(file, task->tgid, vma->vm_start, vma->vm_end, &ref);
		c->obj_id = ref.id;
		c->flags = (ref.flags & OBJ_F_SKIPPED) ? RANGE_F_SKIPPED : 0;
	} else {
		c->obj_id = vma->vm_start == c->vdso ? OBJ_VDSO : OBJ_ANON;
	}
	return 0;
}

/* The exact answer from the kernel's VMA tree, for a pc the mirror does
 * not know. Slower than the mirror (it takes the mmap lock), so only for
 * misses; the stats count how often it is needed. */
static __always_inline bool mirror_lookup_exact(struct task_struct *task, __u64 addr,
						__u32 *obj_id, __u32 *flags)
{
	struct find_vma_ctx c = {};

	c.vdso = (__u64)BPF_CORE_READ(task, mm, context.vdso);
	if (bpf_find_vma(task, addr, find_vma_cb, &c, 0) || !c.found)
		return false;
	*obj_id = c.obj_id;
	*flags = c.flags;
	return true;
}

#endif
