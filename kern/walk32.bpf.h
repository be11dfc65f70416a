/* SPDX-License-Identifier: MIT */
/*
 * The walker for compat (i386, gcc -m32) code, chosen by walk_find_caller
 * (caller.bpf.h) for a syscall made by 32-bit code.
 *
 * A compat task's syscalls enter the kernel through __kernel_vsyscall in
 * the 32-bit vDSO (libc calls it through %gs:0x10), so its pc at
 * sys_enter is the vDSO's int80 landing pad, with esp below the three
 * words the vDSO pushed (the kernel restored ebp from the stack). The walk
 * is walk.bpf.h's, with 4-byte slots: rows from i386 tables (shared/cfi.h,
 * table word 4) give CFA = esp/ebp + K, the return address at CFA - 4 and
 * ebp at CFA - 4*slot; the vDSO is stepped through with the 32-bit vDSO's
 * table (vdso32_cfi_table, user/vdso32.c). It shares the mirror lookups,
 * tables, per-CPU walk state and stack window with the 64-bit walker.
 * Signal frames (the vDSO's sigreturn trampolines, CFI_SIGNAL rows of an
 * i386 table) continue from the interrupted code's esp, eip and ebp in the
 * kernel's sigcontext_32. No stack scan: a frame without a usable row
 * ends the walk at its object (walk_no_frame, with walk_cfi_no_table or
 * walk_cfi_no_row saying why), as PLT entries do, whose i386 form the
 * tables do not carry. A vfork child before exec (posix_spawn) with no
 * caller of its own is walked from its waiting parent's registers
 * (walk_vfork_parent, caller.bpf.h).
 */
#ifndef SYSO_KAGG_WALK32_BPF_H
#define SYSO_KAGG_WALK32_BPF_H

#include "walk.bpf.h"

/* The 32-bit vDSO's unwind table, set by userspace before the target runs
 * (user/vdso32.c; 0 = none: compat calls made there count for [vdso]). */
__u32 vdso32_cfi_table = 0;

#define WORD32		4
/* In an i386 CFI_SIGNAL row: eip is 28 bytes above esp in the kernel's
 * struct sigcontext_32 (user/cfi.c, compact_signal). */
#define SIGCONTEXT32_SP_TO_IP	28

/* *out = the 32-bit user word at addr, through the stack window. */
static __always_inline int window_read32(struct stack_window *buf, __u64 *base, __u32 *len,
					 __u64 addr, __u64 *out)
{
	return window_read_word(buf, base, len, addr, out, WORD32);
}

/* The row of an i386 table at pc (0 = none: no table, or not i386). */
static __always_inline __u64 row32_at(struct walk_state *st)
{
	/* a map key on the stack: Linux 6.1 takes no other memory for it */
	__u32 table = st->table;
	struct cfi_table *t = bpf_map_lookup_elem(&cfi_tables, &table);

	if (!t || t->word != WORD32)
		return 0;
	return cfi_lookup(table, (__u32)(st->pc - st->adjust - st->bias));
}

/*
 * One i386 frame: cfi_step with 4-byte slots and only the CFA = esp/ebp
 * + K rows. STEP_SCAN means "no usable row" here (counted by the caller
 * as walk_no_frame). Global: verified once.
 */
__noinline int cfi_step32(struct mirror *m, struct walk_state *st)
{
	struct mirror_cpu *cpu = mirror_cpu_scratch();
	struct stack_window *wb;
	__u32 kind, slot, off, zero = 0;
	__u64 row;
	int start = step_begin(st, cpu);

	if (start != STEP_NEXT)
		return start;
	row = row32_at(st);
	st->adjust = 1;
	kind = CFI_ROW_KIND(row);
	if (kind == CFI_OUTERMOST) {
		st->outermost = 1;
		return STEP_DONE;
	}
	if (kind != CFI_CFA_RSP && kind != CFI_CFA_RBP && kind != CFI_SIGNAL) {
		stat_inc(STAT_WALK_CFI_NO_ROW);
		return STEP_SCAN;
	}
	wb = bpf_map_lookup_elem(&stack_windows, &zero);
	if (!wb) {
		stat_inc(STAT_WALK_STACK_UNREADABLE);
		return STEP_DONE;
	}
	slot = CFI_ROW_SLOT(row);
	off = CFI_ROW_CFA_OFF(row);
	if (kind == CFI_SIGNAL) {
		/* the interrupted code's esp, eip, ebp in the kernel's
		 * sigcontext_32 at esp (lowest first: one window serves all) */
		if ((slot && window_read32(wb, &st->win_base, &st->win_len, st->sp + WORD32 * slot, &st->bp)) ||
		    window_read32(wb, &st->win_base, &st->win_len, st->sp + off, &st->cfa) ||
		    window_read32(wb, &st->win_base, &st->win_len, st->sp + off + SIGCONTEXT32_SP_TO_IP, &st->ra))
			goto unreadable;
		st->adjust = 0;	/* an interrupted pc, not a return address */
	} else {
		st->cfa = (__u32)((kind == CFI_CFA_RBP ? st->bp : st->sp) + off);
		/* the saved ebp sits below the return address: read it first */
		if ((slot && window_read32(wb, &st->win_base, &st->win_len, st->cfa - WORD32 * slot, &st->bp)) ||
		    window_read32(wb, &st->win_base, &st->win_len, st->cfa - WORD32, &st->ra))
			goto unreadable;
	}
	st->sp = st->cfa;
	st->pc = st->ra;
	st->frames++;
	return step_resolve_with(m, st, &cpu->range, vdso32_cfi_table);
unreadable:
	stat_inc(STAT_WALK_STACK_UNREADABLE);
	return STEP_DONE;
}

DEFINE_WALK_LOOP_STEP(walk32_loop_step, cfi_step32)

/* The walk from a syscall's registers (r: pc's range, in a skipped object
 * or the vDSO); every return counts one outcome, except at a thread's
 * outermost frame (*outermost set: the caller counts it). */
static __always_inline __u32 walk32_cfi(struct mirror *m, __u64 pc, __u64 sp, __u64 bp,
					const struct exec_range *r, __u32 table, bool *outermost)
{
	struct mirror_cpu *cpu = mirror_cpu_scratch();
	__u32 zero = 0;
	struct walk_state *st = bpf_map_lookup_elem(&walk_states, &zero);
	struct walk_loop l = { .m = m, .st = st, .step = STEP_NEXT };
	int step;

	if (!st || !cpu) {
		stat_inc(STAT_WALK_NO_FRAME);
		return r->obj_id;
	}
	*st = (struct walk_state){
		.pc = pc, .sp = (__u32)sp, .bp = (__u32)bp,
		.bias = r->bias, .adjust = 1, .table = table, .obj = r->obj_id,
		.site = st->site,	/* as walk_cfi */
	};
	/* as walk_cfi, from the first step */
	step = walk_steps(&l, cpu, walk32_loop_step, vdso32_cfi_table);
	switch (step) {
	case STEP_DONE:
		*outermost = st->outermost;
		return st->result;
	case STEP_SCAN:
		if (st->no_table)
			stat_inc(STAT_WALK_CFI_NO_TABLE);
		stat_inc(STAT_WALK_NO_FRAME);
		return st->obj;
	default:
		return walk_cut(st, step);
	}
}

#endif
