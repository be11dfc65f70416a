/* SPDX-License-Identifier: MIT */
/*
 * Membership of the traced process tree, kept in BPF task storage. Userspace
 * registers the launched child (by pidfd) as PENDING; its exec makes it
 * ACTIVE, so the launcher's own syscalls before exec are never counted.
 * Fork of a traced task marks the child with the parent's state.
 */
#ifndef SYSO_KAGG_TASKS_H
#define SYSO_KAGG_TASKS_H

/* Fixed-width types: vmlinux.h on the BPF side, UAPI in userspace. */
#ifndef __VMLINUX_H__
#include <linux/types.h>
#endif

enum task_state {
	TASK_PENDING = 1,
	TASK_ACTIVE = 2,
};

struct traced_task {
	__u32 state;
	__u32 resync;	/* this task's last syscall may have changed its mirror */
};

#endif
