/* SPDX-License-Identifier: MIT */
/*
 * --per-process: a process's cgroup v2 path (a service's unit, a
 * container's id) from the id the kernel recorded: the cgroup is opened by
 * its kernfs file handle on the cgroup2 mount and its path read back, so no
 * tree walk and no name the target chose is trusted. Cached.
 */
#ifndef SYSO_KAGG_CGROUPS_H
#define SYSO_KAGG_CGROUPS_H

#include <linux/types.h>

/* "/system.slice/x.service" (relative to the cgroup2 root), or
 * "[cgroup ID]" once it is gone. Valid until cgroups__free(). */
const char *cgroups__path(__u64 id);
void cgroups__free(void);

#endif
