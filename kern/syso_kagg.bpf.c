// SPDX-License-Identifier: MIT
/*
 * syso-kagg's BPF programs. The concerns live in headers (maps, objects,
 * mirror, walk); this file holds only the attach points:
 *   - sys_enter: the hot path, attribute and count one syscall;
 *   - sched_process_fork/exec/exit: follow the traced process tree;
 *   - exit_mmap: free the mirror of an address space that is gone.
 * The mirror follows mapping syscalls from sys_enter (see mirror.bpf.h:
 * fentry/fexit are refused on the kernel we target).
 * One .bpf.c rather than one per concern: all programs share every map, and
 * a single compilation unit avoids extern map declarations in each file.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>

#include "maps.bpf.h"
#include "objects.bpf.h"
#include "mirror.bpf.h"
#include "walk.bpf.h"

char LICENSE[] SEC("license") = "Dual MIT/GPL";

#define TS_COMPAT_FLAG	0x0002

static __always_inline void count_add(__u32 obj_id, __u32 nr)
{
	struct count_key key = { .obj_id = obj_id, .nr = nr };
	struct count_val *val, one = { .calls = 1 };

	val = bpf_map_lookup_elem(&counts, &key);
	if (val) {
		val->calls++;
		return;
	}
	if (bpf_map_update_elem(&counts, &key, &one, BPF_NOEXIST) == 0)
		return;
	/* Lost a race with another CPU's insert, or the map is full. */
	val = bpf_map_lookup_elem(&counts, &key);
	if (val) {
		val->calls++;
		return;
	}
	stat_inc(STAT_COUNTS_FULL);
}

static __always_inline struct traced_task *traced(struct task_struct *task)
{
	return bpf_task_storage_get(&traced_tasks, task, NULL, 0);
}

/* --sample: is this the one syscall in sample_every to count on this CPU?
 * A skipped mapping call still marks the task for a mirror rebuild (without
 * the overlap test, to keep the skipped path short). */
static __always_inline bool sampled(struct traced_task *tt, long id)
{
	__u32 zero = 0, *left = bpf_map_lookup_elem(&sample_countdown, &zero);

	if (left && *left > 0) {
		(*left)--;
		switch (id) {
		case NR_mmap: case NR_mprotect: case NR_pkey_mprotect: case NR_munmap:
		case NR_mremap: case NR_shmat: case NR_shmdt: case NR_remap_file_pages:
			tt->resync = 1;
		}
		return false;
	}
	if (left)
		*left = sample_every - 1;
	return true;
}

SEC("tp_btf/sys_enter")
int BPF_PROG(sys_enter, struct pt_regs *regs, long id)
{
	struct task_struct *task = bpf_get_current_task_btf();
	struct traced_task *tt = traced(task);
	struct mm_struct *mm;
	struct mirror *m;
	__u32 nr = id;
	__u64 mm_key;

	if (!tt || tt->state != TASK_ACTIVE)
		return 0;
	if (sample_every > 1 && !sampled(tt, id))
		return 0;
	stat_inc(STAT_SYSCALLS);
	mm = task->mm;
	mm_key = (__u64)mm;
	if (tt->resync) {
		/* our previous syscall may have changed the mappings */
		tt->resync = 0;
		stat_inc(STAT_MIRROR_RESYNCS);
		mirror_build(task);
	}
	m = bpf_map_lookup_elem(&mirrors, &mm_key);
	if (m && ((m->pending && m->pending_seq != mirror_mm_seq(mm)) ||
		  m->cfi_gen != cfi_generation)) {
		/* another thread's mapping call has changed the VMA tree, or
		 * userspace has loaded an unwind table since it was built */
		stat_inc(STAT_MIRROR_RESYNCS);
		mirror_build(task);
		m = bpf_map_lookup_elem(&mirrors, &mm_key);
	}

	if (task->thread_info.status & TS_COMPAT_FLAG) {
		nr |= COUNT_NR_COMPAT;
		stat_inc(STAT_COMPAT_SYSCALLS);
	} else if (mirror_call_may_change(m, id, regs)) {
		tt->resync = 1;
		if (m) {
			m->pending_seq = mirror_mm_seq(mm);
			m->pending = 1;
		}
	}
	count_add(walk_find_caller(task, m, regs), nr);
	return 0;
}

SEC("tp_btf/sched_process_fork")
int BPF_PROG(sched_process_fork, struct task_struct *parent, struct task_struct *child)
{
	struct traced_task *pt = traced(parent), *ct;

	if (!pt)
		return 0;
	ct = bpf_task_storage_get(&traced_tasks, child, NULL, BPF_LOCAL_STORAGE_GET_F_CREATE);
	if (!ct) {
		stat_inc(STAT_TASKS_LOST);
		return 0;
	}
	ct->state = pt->state;
	__sync_fetch_and_add(&live_tasks, 1);
	stat_inc(STAT_TASKS_FOLLOWED);
	/* A new address space (fork, not a thread or vfork) starts as a copy
	 * of the parent's; read it from the child's own VMA tree. */
	if (child->mm != parent->mm)
		mirror_build(child);
	return 0;
}

SEC("tp_btf/sched_process_exec")
int BPF_PROG(sched_process_exec, struct task_struct *p, pid_t old_pid, struct linux_binprm *bprm)
{
	struct traced_task *tt = traced(p);

	if (!tt)
		return 0;
	/* The launcher's child becomes ACTIVE only once it is the target. */
	tt->state = TASK_ACTIVE;
	/* The kernel mapped the image, its interpreter and the vdso itself,
	 * without mmap syscalls: seed the mirror from the VMA tree. */
	mirror_build(p);
	return 0;
}

SEC("tp_btf/sched_process_exit")
int BPF_PROG(sched_process_exit, struct task_struct *p)
{
	if (!traced(p))
		return 0;
	bpf_task_storage_delete(&traced_tasks, p);
	stat_inc(STAT_TASKS_EXITED);
	__sync_fetch_and_add(&live_tasks, -1);
	return 0;
}

/* Every address space's teardown (exit, exec, last user gone): exact
 * freeing of its mirror, whichever task let go of it last. */
SEC("tp_btf/exit_mmap")
int BPF_PROG(exit_mmap, struct mm_struct *mm)
{
	__u64 key = (__u64)mm;

	if (bpf_map_delete_elem(&mirrors, &key) == 0)
		stat_inc(STAT_MIRROR_FREES);
	return 0;
}
