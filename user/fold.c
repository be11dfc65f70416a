// SPDX-License-Identifier: MIT
/*
 * Folding the counts of exited processes (fold.h). Done in userspace: the
 * kernel marks a process exited (sched_process_exit of its last thread) but
 * cannot list its count keys cheaply; here one pass over the keys does it.
 * A key is dead when its process is marked exited, or its pid now belongs
 * to a process with another start time (pid reused), or the pid has no
 * entry and no process. A dead process makes no more syscalls, so reading
 * then deleting its key loses nothing; only this code writes the folded
 * pid-0 keys (pid_start COUNT_PID_START_FOLDED).
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "shared/counts.h"
#include "fold.h"
#include "results.h"
#include "tracer.h"

struct fold_sum {
	struct count_key key;	/* pid 0 */
	struct count_val val;
	struct hist_val hist;	/* --hist */
};

static void val_add(struct count_val *to, const struct count_val *from)
{
	to->calls += from->calls;
	to->errors += from->errors;
	to->ns += from->ns;
	results__merge_min_max(&to->min_ns, &to->max_ns, from->min_ns, from->max_ns);
}

bool fold__key_dead(int procs_fd, const struct count_key *k)
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
	z.pid_start = COUNT_PID_START_FOLDED;
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

/* --hist: move a dead key's histogram into its sum. */
static void hist_take(int hist_fd, const struct count_key *k, struct fold_sum *s,
		      struct hist_val *h, int ncpu)
{
	if (hist_fd < 0 || bpf_map_lookup_elem(hist_fd, k, h))
		return;
	for (int c = 0; c < ncpu; c++)
		for (int i = 0; i < HIST_SLOTS; i++)
			s->hist.slots[i] += h[c].slots[i];
	bpf_map_delete_elem(hist_fd, k);
}

static void hist_give(int hist_fd, const struct fold_sum *s, struct hist_val *h, int ncpu)
{
	if (hist_fd < 0)
		return;
	if (bpf_map_lookup_elem(hist_fd, &s->key, h))
		memset(h, 0, ncpu * sizeof(*h));
	for (int i = 0; i < HIST_SLOTS; i++)
		h[0].slots[i] += s->hist.slots[i];
	bpf_map_update_elem(hist_fd, &s->key, h, BPF_ANY);
}

/* Add the folded sums to the pid-0 keys (per-CPU values: into CPU 0). */
static int add_sums(int fd, int hist_fd, const struct fold_sum *sums, size_t n, int ncpu,
		    struct hist_val *h)
{
	struct count_val *v = calloc(ncpu, sizeof(*v));

	if (!v)
		return -ENOMEM;
	for (size_t i = 0; i < n; i++) {
		if (bpf_map_lookup_elem(fd, &sums[i].key, v))
			memset(v, 0, ncpu * sizeof(*v));
		val_add(&v[0], &sums[i].val);
		hist_give(hist_fd, &sums[i], h, ncpu);
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
	const struct tracer_maps *m = tracer__maps(t);
	int fd = m->counts, procs_fd = m->procs, hist_fd = m->hist;
	int ncpu = libbpf_num_possible_cpus(), err;
	struct fold_sum *sums = NULL, *s;
	struct count_key *keys = NULL;
	struct dead_proc *dead;
	struct hist_val *h = NULL;
	struct count_val *v;
	size_t n, nsums = 0, ndead;

	if (ncpu <= 0)
		return -EINVAL;
	/* exited before the keys are listed: every key of theirs is listed */
	if ((err = list_exited(procs_fd, &dead, &ndead)) || (err = list_keys(fd, &keys, &n)))
		goto out_keys;
	v = calloc(ncpu, sizeof(*v));
	if (hist_fd >= 0)
		h = calloc(ncpu, sizeof(*h));
	if (!v || (hist_fd >= 0 && !h)) {
		free(v);
		free(h);
		err = -ENOMEM;
		goto out_keys;
	}
	for (size_t i = 0; i < n; i++) {
		if (!keys[i].pid || !fold__key_dead(procs_fd, &keys[i]))
			continue;
		if (bpf_map_lookup_elem(fd, &keys[i], v))
			continue;
		if (!(s = sum_for(&sums, &nsums, &keys[i]))) {
			err = -ENOMEM;
			break;
		}
		for (int c = 0; c < ncpu; c++)
			val_add(&s->val, &v[c]);
		if (h)
			hist_take(hist_fd, &keys[i], s, h, ncpu);
		/* deleted before its sum is added: a failure below loses
		 * counts, never counts them twice */
		bpf_map_delete_elem(fd, &keys[i]);
		st->keys++;
	}
	if (!err)
		err = add_sums(fd, h ? hist_fd : -1, sums, nsums, ncpu, h);
	if (!err)
		forget_exited(procs_fd, dead, ndead, st);
	free(v);
	free(h);
	free(sums);
out_keys:
	free(dead);
	free(keys);
	return err;
}
