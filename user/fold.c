// SPDX-License-Identifier: MIT
/*
 * Folding the counts of exited processes (fold.h). Done in userspace: the
 * kernel marks a process exited (sched_process_exit of its last thread) but
 * cannot list its count keys cheaply; here one pass over the keys does it.
 * A key is dead when its process is marked exited, or its pid now belongs
 * to a process with another start time (pid reused), or the pid has no
 * entry and no process. A dead process makes no more syscalls, so reading
 * then deleting its key loses nothing; only this code writes pid-0 keys.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "shared/counts.h"
#include "fold.h"
#include "tracer.h"

struct fold_sum {
	struct count_key key;	/* pid 0 */
	struct count_val val;
};

static bool key_dead(int procs_fd, const struct count_key *k)
{
	struct proc_info info;

	if (bpf_map_lookup_elem(procs_fd, &k->pid, &info) == 0)
		return info.exited || info.start != k->pid_start;
	return kill(k->pid, 0) && errno == ESRCH;
}

static struct fold_sum *sum_for(struct fold_sum **sums, size_t *n, const struct count_key *k)
{
	struct count_key z = *k;
	struct fold_sum *s;

	z.pid = 0;
	z.pid_start = 0;
	for (size_t i = 0; i < *n; i++)
		if (!memcmp(&(*sums)[i].key, &z, sizeof(z)))
			return &(*sums)[i];
	s = realloc(*sums, (*n + 1) * sizeof(*s));
	if (!s)
		return NULL;
	*sums = s;
	s = &s[(*n)++];
	memset(s, 0, sizeof(*s));
	s->key = z;
	return s;
}

/* Add the folded sums to the pid-0 keys (per-CPU values: into CPU 0). */
static int add_sums(int fd, const struct fold_sum *sums, size_t n, int ncpu)
{
	struct count_val *v = calloc(ncpu, sizeof(*v));

	if (!v)
		return -ENOMEM;
	for (size_t i = 0; i < n; i++) {
		if (bpf_map_lookup_elem(fd, &sums[i].key, v))
			memset(v, 0, ncpu * sizeof(*v));
		v[0].calls += sums[i].val.calls;
		v[0].errors += sums[i].val.errors;
		v[0].ns += sums[i].val.ns;
		if (bpf_map_update_elem(fd, &sums[i].key, v, BPF_ANY)) {
			int err = -errno;

			free(v);
			return err;
		}
	}
	free(v);
	return 0;
}

static int list_keys(int fd, struct count_key **keys, size_t *n)
{
	struct count_key next, *prev = NULL, *k;
	size_t cap = 0;

	*keys = NULL;
	*n = 0;
	while (bpf_map_get_next_key(fd, prev, &next) == 0) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 1024;
			k = realloc(*keys, cap * sizeof(*k));
			if (!k)
				return -ENOMEM;
			*keys = k;
		}
		(*keys)[(*n)++] = next;
		prev = &(*keys)[*n - 1];
	}
	return 0;
}

struct dead_proc {
	__u32 pid, start;
};

/* The processes marked exited now: all their count keys exist already. */
static int list_exited(int procs_fd, struct dead_proc **dead, size_t *n)
{
	__u32 key, next, *prev = NULL;
	struct proc_info info;
	size_t cap = 0;

	*dead = NULL;
	*n = 0;
	while (bpf_map_get_next_key(procs_fd, prev, &next) == 0) {
		key = next;
		prev = &key;
		if (bpf_map_lookup_elem(procs_fd, &key, &info) || !info.exited)
			continue;
		if (*n == cap) {
			struct dead_proc *d = realloc(*dead, (cap = cap ? cap * 2 : 256) * sizeof(*d));

			if (!d)
				return -ENOMEM;
			*dead = d;
		}
		(*dead)[(*n)++] = (struct dead_proc){ key, info.start };
	}
	return 0;
}

/* Forget them once their keys are folded, unless the pid was reused
 * meanwhile (its new process's entry is not ours to delete). */
static void forget_exited(int procs_fd, const struct dead_proc *dead, size_t n,
			  struct fold_stats *st)
{
	struct proc_info info;

	for (size_t i = 0; i < n; i++)
		if (bpf_map_lookup_elem(procs_fd, &dead[i].pid, &info) == 0 && info.exited &&
		    info.start == dead[i].start && bpf_map_delete_elem(procs_fd, &dead[i].pid) == 0)
			st->procs++;
}

int fold__exited(struct tracer *t, struct fold_stats *st)
{
	int fd = tracer__counts_fd(t), procs_fd = tracer__procs_fd(t);
	int ncpu = libbpf_num_possible_cpus(), err;
	struct fold_sum *sums = NULL, *s;
	struct count_key *keys = NULL;
	struct dead_proc *dead;
	struct count_val *v;
	size_t n, nsums = 0, ndead;

	if (ncpu <= 0)
		return -EINVAL;
	/* exited before the keys are listed: every key of theirs is listed */
	if ((err = list_exited(procs_fd, &dead, &ndead)) || (err = list_keys(fd, &keys, &n)))
		goto out_keys;
	v = calloc(ncpu, sizeof(*v));
	if (!v) {
		err = -ENOMEM;
		goto out_keys;
	}
	for (size_t i = 0; i < n; i++) {
		if (!keys[i].pid || !key_dead(procs_fd, &keys[i]))
			continue;
		if (bpf_map_lookup_elem(fd, &keys[i], v))
			continue;
		if (!(s = sum_for(&sums, &nsums, &keys[i]))) {
			err = -ENOMEM;
			break;
		}
		for (int c = 0; c < ncpu; c++) {
			s->val.calls += v[c].calls;
			s->val.errors += v[c].errors;
			s->val.ns += v[c].ns;
		}
		/* deleted before its sum is added: a failure below loses
		 * counts, never counts them twice */
		bpf_map_delete_elem(fd, &keys[i]);
		st->keys++;
	}
	if (!err)
		err = add_sums(fd, sums, nsums, ncpu);
	if (!err)
		forget_exited(procs_fd, dead, ndead, st);
	free(v);
	free(sums);
out_keys:
	free(dead);
	free(keys);
	return err;
}
