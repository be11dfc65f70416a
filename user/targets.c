// SPDX-License-Identifier: MIT
/* -a, --cgroup and --descendants: choosing what is traced (targets.h). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/vfs.h>
#include <unistd.h>
#include <linux/magic.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "syso_kagg.skel.h"
#include "targets.h"
#include "run.h"
#include "exit_codes.h"

int targets__configure(struct syso_kagg_bpf *skel, const struct options *opts, int *cgroup_fd)
{
	struct statfs sfs;
	int fd;

	*cgroup_fd = -1;
	skel->rodata->target_all = opts->all;
	skel->rodata->target_self_tgid = getpid();
	if (!opts->cgroup)
		return 0;
	fd = open(opts->cgroup, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "syso-kagg: --cgroup %s: %s\n", opts->cgroup, strerror(errno));
		return EXIT_NOPROC;
	}
	/* a v1 hierarchy (hybrid layouts mount both) is not what the kernel's
	 * descendant test reads: say where v2 is to be found */
	if (fstatfs(fd, &sfs) || sfs.f_type != CGROUP2_SUPER_MAGIC) {
		fprintf(stderr, "syso-kagg: --cgroup %s: not a cgroup v2 directory "
			"(findmnt -t cgroup2 shows where v2 is mounted)\n", opts->cgroup);
		close(fd);
		return EXIT_NOPROC;
	}
	skel->rodata->target_cgroup = true;
	*cgroup_fd = fd;
	return 0;
}

int targets__install(struct syso_kagg_bpf *skel, int cgroup_fd)
{
	__u32 zero = 0, fd = cgroup_fd;

	if (cgroup_fd < 0)
		return 0;
	if (bpf_map_update_elem(bpf_map__fd(skel->maps.target_cgroups), &zero, &fd, BPF_ANY))
		return -errno;
	return 0;
}

/* PF_KTHREAD of the kernel's task flags (include/linux/sched.h, not in
 * UAPI), as /proc/PID/stat's ninth field shows them. */
#define PF_KTHREAD_FLAG 0x00200000u

/* pid's parent and task flags from /proc/PID/stat; false when it is gone
 * or unreadable. */
static bool proc_stat(int pid, int *ppid, unsigned int *flags)
{
	char path[64], buf[512], *p;
	ssize_t len;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	len = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (len <= 0)
		return false;
	buf[len] = 0;
	/* "pid (comm) state ppid pgrp session tty tpgid flags ...": comm may
	 * hold ')' and spaces */
	p = strrchr(buf, ')');
	return p && sscanf(p + 1, " %*c %d %*d %*d %*d %*d %u", ppid, flags) == 2;
}

int targets__check_pids(const struct options *opts)
{
	unsigned int flags;
	int i, ppid;

	for (i = 0; i < opts->nr_pids; i++)
		if (proc_stat(opts->pids[i], &ppid, &flags) && (flags & PF_KTHREAD_FLAG)) {
			fprintf(stderr, "syso-kagg: -p %u: a kernel thread (no user space, "
				"no syscalls to count)\n", opts->pids[i]);
			return EXIT_USAGE;
		}
	return 0;
}

#define TREE_MAX_PROCS 65536

struct proc_edge {
	int pid, ppid;
};

/* The parent of every process now; -errno if /proc is unreadable. */
static int read_edges(struct proc_edge *e, int max)
{
	DIR *d = opendir("/proc");
	struct dirent *de;
	int n = 0;

	if (!d)
		return -errno;
	while ((de = readdir(d)) && n < max) {
		int pid = atoi(de->d_name);
		unsigned int flags;

		if (pid <= 0 || !proc_stat(pid, &e[n].ppid, &flags))
			continue;
		e[n++].pid = pid;
	}
	closedir(d);
	return n;
}

static bool in_set(const int *set, int n, int pid)
{
	for (int i = 0; i < n; i++)
		if (set[i] == pid)
			return true;
	return false;
}

/*
 * Children forked by a marked process after its marking are the kernel's
 * to follow; those forked before are in /proc by the time we read it. A
 * child of an unmarked descendant forked while we mark is caught by the
 * next pass: stop when a pass marks nothing.
 */
int targets__trace_descendants(struct tracer *t, const int *roots, int nr_roots)
{
	struct proc_edge *e = calloc(TREE_MAX_PROCS, sizeof(*e));
	int *set = calloc(TREE_MAX_PROCS, sizeof(int)), n = 0, marked = 0, nr, i, more;

	if (!e || !set) {
		free(e);
		free(set);
		return -ENOMEM;
	}
	for (i = 0; i < nr_roots; i++)
		set[n++] = roots[i];
	do {
		more = 0;
		if ((nr = read_edges(e, TREE_MAX_PROCS)) < 0) {
			marked = nr;
			break;
		}
		for (bool grew = true; grew; ) {
			grew = false;
			for (i = 0; i < nr && n < TREE_MAX_PROCS; i++) {
				if (!in_set(set, n, e[i].ppid) || in_set(set, n, e[i].pid))
					continue;
				set[n++] = e[i].pid;
				grew = true;
				/* one that exited meanwhile is simply not there */
				if (run__trace_threads(t, e[i].pid) > 0) {
					marked++;
					more = 1;
				}
			}
		}
	} while (more);
	free(e);
	free(set);
	return marked;
}
