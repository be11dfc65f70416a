/* SPDX-License-Identifier: MIT */
/*
 * -a and --cgroup: targets chosen by the kernel, not by userspace. A task
 * that is not traced yet is adopted at its next syscall when it belongs to
 * the target (any task but syso-kagg's own with -a; a task whose cgroup v2
 * is the target cgroup or below it with --cgroup), and followed from then
 * on like any traced task (its forks at sched_process_fork, its exit).
 * Without a target the checks are constants the verifier removes, so the
 * launched and -p runs pay nothing for them.
 */
#ifndef SYSO_KAGG_TARGETS_BPF_H
#define SYSO_KAGG_TARGETS_BPF_H

#include "maps.bpf.h"

const volatile bool target_all = false;
const volatile bool target_cgroup = false;	/* --cgroup: target_cgroups[0] */
const volatile __u32 target_self_tgid = 0;	/* syso-kagg: never adopted */

/* --cgroup: the target cgroup, by an fd userspace stores after load. The
 * kernel's own descendant test (bpf_current_task_under_cgroup) needs no
 * depth or id from us, which a cgroup namespace would make relative. */
struct {
	__uint(type, BPF_MAP_TYPE_CGROUP_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u32);
} target_cgroups SEC(".maps");

static __always_inline void proc_note(struct task_struct *p);

/* Called for an untraced task at sys_enter; true once it is traced. The
 * bit is only ever set for a pid by its own syscall, its parent's fork or
 * -p, so the fetch-or decides whether live_tasks counts it. */
static __always_inline bool target_adopt(__u64 pid_tgid, __u64 *w, __u32 shift)
{
	__u64 bit = TASK_BIT_TRACED << shift;

	if (!target_all && !target_cgroup)
		return false;
	if ((__u32)(pid_tgid >> 32) == target_self_tgid)
		return false;
	if (target_cgroup && bpf_current_task_under_cgroup(&target_cgroups, 0) != 1)
		return false;
	if (__sync_fetch_and_or(w, bit) & bit)
		return true;
	__sync_fetch_and_add(&live_tasks, 1);
	stat_inc(STAT_TASKS_FOLLOWED);
	if (per_process)
		proc_note(bpf_get_current_task_btf());
	return true;
}

#endif
