/* SPDX-License-Identifier: MIT */
/*
 * The attribution's entry: the object that made the current syscall, from
 * the user registers at its entry, walked with the walker of the code's
 * ABI (walk.bpf.h: 8-byte slots and the stack scan as the last resort;
 * walk32.bpf.h: 4-byte slots, the 32-bit vDSO), sharing the mirror, the
 * tables and the outcome counters.
 */
#ifndef SYSO_KAGG_CALLER_BPF_H
#define SYSO_KAGG_CALLER_BPF_H

#include "walk.bpf.h"
#include "walk32.bpf.h"
#include "defer.bpf.h"

/*
 * A vfork child (posix_spawn's, or vfork()'s) before it execs runs libc
 * code on behalf of its parent, which waits in clone/vfork: with no caller
 * of its own outside libc, its calls (the signal resets, the execve) are
 * counted for the code that called posix_spawn or vfork, found by walking
 * the parent's stack from the registers of its pending syscall (the child
 * shares its address space, so the same mirror and the same user memory).
 */
static __always_inline __u32 walk_vfork_parent(struct task_struct *task, struct mirror *m,
					       struct exec_range *r, __u32 child_result, bool code32)
{
	__u32 vdso_table = code32 ? vdso32_cfi_table : vdso_cfi_table, table, result;
	struct pt_regs *pr = NULL;
	bool outermost = false;

	switch (vfork_parent_start(task, m, r, &pr, &table, vdso_table)) {
	case VFORK_NONE:
		return child_result;
	case VFORK_DIRECT:
		return r->obj_id;
	}
	result = code32 ? walk32_cfi(m, BPF_CORE_READ(pr, ip), BPF_CORE_READ(pr, sp),
				     BPF_CORE_READ(pr, bp), r, table, &outermost) :
			  walk_cfi(m, BPF_CORE_READ(pr, ip), BPF_CORE_READ(pr, sp),
				   BPF_CORE_READ(pr, bp), BPF_CORE_READ(pr, di), r, table, &outermost);
	if (outermost) {
		stat_inc(STAT_WALK_NO_FRAME);
		return child_result;
	}
	return result;
}

/* What find_caller returns for a pc in no executable mapping: id 0 from a
 * range means instead that its object did not fit in the object table. */
#define FIND_NO_MAPPING		0xffffffffu

/*
 * m may be NULL: every pc is then resolved exactly (and nothing inserted).
 * mirrored is false when the address space has no mirror at all (the
 * mirror map was full: counted); a NULL m of a mirrored one is a mirror
 * another CPU held too long to bring up to date for this syscall.
 */
static __always_inline __u32 find_caller(struct task_struct *task, struct mirror *m,
					 bool mirrored, struct pt_regs *regs, bool code32)
{
	struct mirror_cpu *cpu = mirror_cpu_scratch();
	struct exec_range *r;
	__u64 ip = regs->ip;
	__u32 obj_id, table;
	bool outermost = false;

	if (!cpu) {
		stat_inc(STAT_UNATTRIBUTED);
		return FIND_NO_MAPPING;
	}
	r = &cpu->range;
	if (!mirrored)
		stat_inc(STAT_MIRROR_MISSING);
	if (!mirror_find(m, ip, r) && mirror_resolve(m, ip, r) != MIRROR_EXEC) {
		site_set(0);
		stat_inc(STAT_UNATTRIBUTED);
		return FIND_NO_MAPPING;
	}
	/* the syscall's own site, until a caller is found */
	site_set(ip - r->bias);
	table = r->cfi_table;
	if (!range_skipped_with(r->obj_id, r->flags, &table,
				code32 ? vdso32_cfi_table : vdso_cfi_table)) {
		stat_inc(STAT_WALK_DIRECT);
		return r->obj_id;
	}
	/* In libc, and the tool could not mirror this address space: the
	 * walk would resolve every frame exactly, unbounded in cost for a
	 * process the tool has no room for. A visible bucket, never libc,
	 * which would look like an answer. */
	if (!mirrored) {
		stat_inc(STAT_WALK_MAP_FULL);
		return OBJ_MAP_FULL;
	}
	obj_id = code32 ? walk32_cfi(m, ip, regs->sp, regs->bp, r, table, &outermost) :
		 walk_cfi(m, ip, regs->sp, regs->bp, regs->di, r, table, &outermost);
	if (!outermost)
		return obj_id;
	if (task->vfork_done)
		return walk_vfork_parent(task, m, r, obj_id, code32);
	stat_inc(STAT_WALK_NO_FRAME);
	return obj_id;
}

/* code32: the syscall was made by 32-bit code (user cs __USER32_CS); a
 * constant at each call site, so that each inlined copy has one walker. */
static __always_inline __u32 walk_find_caller(struct task_struct *task, struct mirror *m,
					      bool mirrored, struct pt_regs *regs, bool code32)
{
	__u32 id = find_caller(task, m, mirrored, regs, code32);

	if (id == FIND_NO_MAPPING)
		return OBJ_UNATTRIBUTED;
	/* a skipped object without a table yet: copied for userspace
	 * (sys_enter sends it: OBJ_DEFERRED), or scanned now */
	if (id == WALK_TABLELESS)
		return walk_defer(m) ? OBJ_DEFERRED : walk_scan_tableless(m);
	/* the caller's object is known to exist, but the object table was
	 * full (objects_full): the visible bucket, not [unattributed] */
	return id == OBJ_UNATTRIBUTED ? OBJ_MAP_FULL : id;
}

#endif
