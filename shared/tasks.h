/* SPDX-License-Identifier: MIT */
/*
 * Membership of the traced process tree. The hot path asks "is this task
 * traced?" on every syscall of the whole machine, so the answer is a bit in
 * an array indexed by pid (thread id, init namespace): one inlined array
 * access, no helper call. Two bits per pid:
 *	bit 2*(pid % 32)	traced and active (the target has exec'd)
 *	bit 2*(pid % 32) + 1	its last syscall may have changed its mappings
 * The launched child is registered by userspace in pending_pids and becomes
 * active at its exec, so the launcher's own syscalls are never counted.
 */
#ifndef SYSO_KAGG_TASKS_H
#define SYSO_KAGG_TASKS_H

/* Fixed-width types: vmlinux.h on the BPF side, UAPI in userspace. */
#ifndef __VMLINUX_H__
#include <linux/types.h>
#endif

#define TASK_PIDS_PER_WORD	32
#define TASK_BIT_TRACED		1ull
#define TASK_BIT_RESYNC		2ull
#define TASK_BITS_PER_PID	2
/* The TRACED bit of every pid in a word: TASK_BIT_TRACED repeated every
 * TASK_BITS_PER_PID bits (0x5555...). */
#define TASK_WORD_TRACED_MASK	(~0ull / ((1ull << TASK_BITS_PER_PID) - 1) * TASK_BIT_TRACED)
_Static_assert(TASK_PIDS_PER_WORD * TASK_BITS_PER_PID == 64, "one __u64 word of task bits");
/* Words for the largest pid_max Linux allows (PID_MAX_LIMIT, 2^22): 1 MiB,
 * always, so that raising pid_max during a run cannot lose a task. */
#define TASK_DEFAULT_WORDS	((1u << 22) / TASK_PIDS_PER_WORD)
#define TASK_MAX_PENDING	64

/* -p: userspace marks a running thread with the attach_task task-iterator
 * program (kern/syso_kagg.bpf.c), so that the bit is set atomically and
 * only while the thread is alive; attach_tid/attach_ret are its globals. */

#endif
