// SPDX-License-Identifier: MIT
/* Read counts, objects and stats from the BPF maps at exit. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "shared/counts.h"
#include "shared/objects.h"
#include "shared/tasks.h"
#include "objects.h"
#include "object_files.h"
#include "results.h"
#include "options.h"
#include "syscalls.h"
#include "tracer.h"
#include "cgroups.h"
#include "reclaim.h"
#include "fold.h"

static const char *const stat_names[] = {
#define X(name, json, desc) json,
	SYSO_STATS(X)
#undef X
};
static const char *const stat_descs[] = {
#define X(name, json, desc) desc,
	SYSO_STATS(X)
#undef X
};

const char *results__stat_name(int i)
{
	return stat_names[i];
}

const char *results__stat_desc(int i)
{
	return stat_descs[i];
}

/* The object's name and, for a file, its (dev, ino); the name says
 * " (deleted)" from the file held now when there is one. */
static char *object_name(int infos_fd, const struct object_files *files,
			 struct object_result *o)
{
	struct obj_info info;

	switch (o->id) {
	case OBJ_UNATTRIBUTED: return strdup("[unattributed]");
	case OBJ_VDSO: return strdup("[vdso]");
	case OBJ_ANON: return strdup("[anon]");
	case OBJ_MAP_FULL: return strdup("[unattributed: map full]");
	}
	if (bpf_map_lookup_elem(infos_fd, &o->id, &info) || !(info.flags & OBJ_F_VALID)) {
		char buf[32];

		snprintf(buf, sizeof(buf), "[object %u]", o->id);
		return strdup(buf);
	}
	o->file = true;
	o->dev = info.dev;
	o->ino = info.ino;
	o->available = object_files__fd(files, o->id) >= 0;
	return objects__path(&info, object_files__deleted(files, o->id));
}

static int add_hist(struct syscall_count *sc, int fd, const struct count_key *key,
		    int ncpu, __u32 scale);

static int cmp_site(const void *a, const void *b)
{
	const struct site_result *x = a, *y = b;

	if (x->calls != y->calls)
		return x->calls < y->calls ? 1 : -1;
	if (x->site != y->site)
		return x->site < y->site ? -1 : 1;
	return (x->pid > y->pid) - (x->pid < y->pid);
}

static int sort_by;	/* for cmp_sys_by: enum sort_key */

static int cmp_sys_by(const void *a, const void *b)
{
	const struct syscall_count *x = a, *y = b;
	__u64 vx = sort_by == SORT_ERRORS ? x->errors : x->ns;
	__u64 vy = sort_by == SORT_ERRORS ? y->errors : y->ns;

	if (vx != vy)
		return vx < vy ? 1 : -1;
	return x->calls != y->calls ? (x->calls < y->calls ? 1 : -1) : (x->nr > y->nr) - (x->nr < y->nr);
}

static int cmp_sys_name(const void *a, const void *b)
{
	const struct syscall_count *x = a, *y = b;
	char bx[48], by[48];
	int c = strcmp(syscalls__name(x->nr, bx, sizeof(bx)), syscalls__name(y->nr, by, sizeof(by)));

	return c ? c : (x->nr < y->nr ? -1 : x->nr > y->nr);
}

static int cmp_sys(const void *a, const void *b)
{
	const struct syscall_count *x = a, *y = b;

	if (x->calls != y->calls)
		return x->calls < y->calls ? 1 : -1;
	return x->nr < y->nr ? -1 : x->nr > y->nr;
}

static int cmp_obj(const void *a, const void *b)
{
	const struct object_result *x = a, *y = b;

	if (x->pid != y->pid)
		return x->pid < y->pid ? -1 : 1;
	if (x->calls != y->calls)
		return x->calls < y->calls ? 1 : -1;
	return strcmp(x->name, y->name);
}

/*
 * (object id, pid) -> index in r->objs, open addressing: a -a or --cgroup
 * run with --per-process has thousands of (process, object) pairs, read at
 * every interval; a linear search made each read quadratic. Rebuilt at
 * each collect (one collect at a time: the main loop's).
 */
static size_t *obj_index;	/* slot -> index + 1, 0 = empty */
static size_t obj_index_cap;	/* a power of two */
static size_t objs_cap;		/* r->objs allocated */

static size_t obj_slot(__u32 id, __u32 pid)
{
	return ((size_t)id * 0x9e3779b1u ^ (size_t)pid * 0x85ebca77u) & (obj_index_cap - 1);
}

static int obj_index_grow(const struct results *r)
{
	size_t cap = obj_index_cap ? obj_index_cap * 2 : 1024, *t = calloc(cap, sizeof(*t));

	if (!t)
		return -ENOMEM;
	free(obj_index);
	obj_index = t;
	obj_index_cap = cap;
	for (size_t i = 0; i < r->nr_objs; i++) {
		size_t sl = obj_slot(r->objs[i].id, r->objs[i].pid);

		while (obj_index[sl])
			sl = (sl + 1) & (cap - 1);
		obj_index[sl] = i + 1;
	}
	return 0;
}

static struct object_result *find_or_add(struct results *r, __u32 id, __u32 pid)
{
	struct object_result *o;
	size_t sl;

	if ((r->nr_objs + 1) * 2 > obj_index_cap && obj_index_grow(r))
		return NULL;
	for (sl = obj_slot(id, pid); obj_index[sl]; sl = (sl + 1) & (obj_index_cap - 1)) {
		o = &r->objs[obj_index[sl] - 1];
		if (o->id == id && o->pid == pid)
			return o;
	}
	if (r->nr_objs == objs_cap) {	/* geometric: realloc copies */
		size_t cap = objs_cap ? objs_cap * 2 : 64;

		o = realloc(r->objs, cap * sizeof(*o));
		if (!o)
			return NULL;
		r->objs = o;
		objs_cap = cap;
	}
	obj_index[sl] = r->nr_objs + 1;
	o = &r->objs[r->nr_objs++];
	memset(o, 0, sizeof(*o));
	o->id = id;
	o->pid = pid;
	return o;
}

static void obj_index_free(void)
{
	free(obj_index);
	obj_index = NULL;
	obj_index_cap = 0;
	objs_cap = 0;
}

/*
 * Distinct files can print the same name: two memfds of one name, old
 * copies of a file replaced twice, the same path in two mount namespaces.
 * Never merged (they are different code): each such name gets its file's
 * identity appended, " [dev MAJ:MIN inode INO]", so that names stay keys.
 */
static int disambiguate_names(struct results *r)
{
	size_t i, j;

	for (i = 0; i < r->nr_objs; i++) {
		struct object_result *a = &r->objs[i];
		bool clash = false;

		if (!a->file)
			continue;
		for (j = 0; j < r->nr_objs && !clash; j++)
			clash = r->objs[j].file && r->objs[j].id != a->id &&
				!strcmp(r->objs[j].name, a->name);
		a->renamed = clash;	/* names change only once all are marked */
	}
	for (i = 0; i < r->nr_objs; i++) {
		struct object_result *a = &r->objs[i];
		size_t len;
		char *n;

		if (!a->renamed)
			continue;
		len = strlen(a->name) + 64;
		n = malloc(len);
		if (!n)
			return -ENOMEM;
		snprintf(n, len, "%s [dev %u:%u inode %llu]", a->name, (unsigned)(a->dev >> 20),
			 (unsigned)(a->dev & 0xfffff), (unsigned long long)a->ino);
		free(a->name);
		a->name = n;
	}
	return 0;
}

/* Point each site at its object's final name (after disambiguate_names). */
static void link_sites(struct results *r)
{
	for (size_t i = 0; i < r->nr_sites; i++) {
		struct site_result *sv = &r->sites_v[i];

		for (size_t j = 0; j < r->nr_objs; j++)
			if (r->objs[j].id == sv->obj_id && r->objs[j].pid == sv->pid)
				sv->object = r->objs[j].name;
	}
}

static int read_stats(struct results *r, int fd, int ncpu)
{
	__u64 *vals = calloc(ncpu, sizeof(__u64));
	__u32 i;
	int c;

	if (!vals)
		return -ENOMEM;
	for (i = 0; i < STAT_NR; i++) {
		if (bpf_map_lookup_elem(fd, &i, vals)) {
			free(vals);
			return -errno;
		}
		for (c = 0; c < ncpu; c++)
			r->stats[i] += vals[c];
	}
	free(vals);
	return 0;
}

__u64 results__count_keys(int fd, size_t key_size)
{
	char key[64], next[64];
	void *prev = NULL;
	__u64 n = 0;

	if (key_size > sizeof(key))
		return 0;
	while (bpf_map_get_next_key(fd, prev, next) == 0) {
		memcpy(key, next, key_size);
		prev = key;
		n++;
	}
	return n;
}

/* Task words read per batch lookup, on the stack (12 KiB). */
#define TASK_WORDS_PER_BATCH	1024

/* Tasks still marked traced. The array has a word per 32 pids (131072 by
 * default): read in batches (Linux 5.6+, below the minimum kernel), not a
 * syscall per word (~50 ms of every run's exit). */
static __u64 count_task_bits(int fd)
{
	__u32 keys[TASK_WORDS_PER_BATCH], next = 0, count;
	__u64 words[TASK_WORDS_PER_BATCH], n = 0;
	bool first = true;
	int err;

	do {
		count = TASK_WORDS_PER_BATCH;
		err = bpf_map_lookup_batch(fd, first ? NULL : &next, &next, keys, words, &count, NULL);
		first = false;
		if (err && err != -ENOENT)	/* -ENOENT: the last batch */
			break;
		for (__u32 i = 0; i < count; i++)
			n += __builtin_popcountll(words[i] & TASK_WORD_TRACED_MASK);
	} while (!err);
	return n;
}

/* One key of the counts map (vals: its per-CPU values) into the objects,
 * their syscalls and, with --sites, the sites. 0 or -errno. */
static int add_key(struct results *r, int hist_fd, const struct count_key *key,
		   const struct count_val *vals, int ncpu)
{
	__u64 sum = 0, errs = 0, ns = 0, min = 0, max = 0;
	struct object_result *o;
	struct syscall_count *s;
	int err;

	for (int c = 0; c < ncpu; c++) {
		sum += vals[c].calls;
		errs += vals[c].errors;
		ns += vals[c].ns;
		/* the exit's CPU holds min/max, maybe with no calls */
		results__merge_min_max(&min, &max, vals[c].min_ns, vals[c].max_ns);
	}
	if (!sum)
		return 0;
	sum *= r->sample_every;
	o = find_or_add(r, key->obj_id, key->pid);
	/* with --sites one syscall of an object comes in several keys */
	s = o ? results__sys_slot(&o->sys, &o->nr_sys, key->nr) : NULL;
	if (!s)
		return -ENOMEM;
	s->calls += sum;
	s->errors += errs * r->sample_every;
	s->ns += ns * r->sample_every;
	results__merge_min_max(&s->min_ns, &s->max_ns, min, max);
	if (r->hist && (err = add_hist(s, hist_fd, key, ncpu, r->sample_every)))
		return err;
	o->calls += sum;
	r->calls += sum;
	if (r->sites || r->depth > 1) {
		struct site_result *sv = realloc(r->sites_v, (r->nr_sites + 1) * sizeof(*sv));

		if (!sv)
			return -ENOMEM;
		r->sites_v = sv;
		sv[r->nr_sites++] = (struct site_result){ .obj_id = key->obj_id,
			.pid = key->pid, .nr = key->nr, .site = key->site, .calls = sum };
	}
	return 0;
}

static int read_counts(struct results *r, const struct tracer_maps *m, int ncpu)
{
	struct count_key key, next, *prev = NULL;
	struct count_val *vals = calloc(ncpu, sizeof(*vals));
	int err = 0;

	if (!vals)
		return -ENOMEM;
	while (!err && bpf_map_get_next_key(m->counts, prev, &next) == 0) {
		key = next;
		prev = &key;
		/* a failed lookup cannot be a vanished key: nothing deletes counts */
		if (bpf_map_lookup_elem(m->counts, &key, vals) == 0)
			err = add_key(r, m->hist, &key, vals, ncpu);
	}
	free(vals);
	return err;
}

/* With --per-process, an object row's process name. 0 or -ENOMEM. */
static int describe_process(struct results *r, const struct tracer_maps *m,
			    struct object_result *o)
{
	struct proc_info info;

	if (!r->per_process)
		return 0;
	if (!o->pid) {	/* folded: processes that exited (user/fold.c) */
		strcpy(o->comm, "[exited]");
	} else if (bpf_map_lookup_elem(m->procs, &o->pid, &info) == 0) {
		memcpy(o->comm, info.comm, sizeof(o->comm) - 1);
		o->ns_pid = info.ns_pid;
		o->cgroup = strdup(cgroups__path(info.cgroup_id));
	} else {
		strcpy(o->comm, "?");
	}
	if (!o->cgroup && !(o->cgroup = strdup(o->pid ? "?" : "")))
		return -ENOMEM;
	return 0;
}

/* An object's name and, with --per-process, its process's. 0 or -ENOMEM. */
static int describe_object(struct results *r, const struct tracer_maps *m,
			   struct object_result *o)
{
	o->name = object_name(m->obj_infos, r->files, o);
	if (!o->name)
		return -ENOMEM;
	return describe_process(r, m, o);
}

/* Result ids of reclaimed objects that no live one shares a name with:
 * above every kernel id. */
#define RECLAIMED_ID_BASE	0x80000000u

struct name_ix {
	const char *name;
	size_t i;
};

static int cmp_name_ix(const void *a, const void *b)
{
	return strcmp(((const struct name_ix *)a)->name, ((const struct name_ix *)b)->name);
}

/* The live row of a's file (its name, dev and inode), or NULL. */
static const struct object_result *live_row(const struct results *r, const struct name_ix *ix,
					    size_t nix, const struct reclaimed_obj *a)
{
	struct name_ix k = { .name = a->name };
	const struct name_ix *at = nix && !a->files ?
		bsearch(&k, ix, nix, sizeof(*ix), cmp_name_ix) : NULL;

	if (!at)
		return NULL;
	while (at > ix && !strcmp(at[-1].name, a->name))
		at--;
	for (; at < ix + nix && !strcmp(at->name, a->name); at++)
		if (r->objs[at->i].dev == a->dev && r->objs[at->i].ino == a->ino)
			return &r->objs[at->i];
	return NULL;
}

/* One reclaimed count into the row of (the id of its file, its pid; pid 0
 * for a process gone where user/fold.c folds those: fold_dead). */
static int add_reclaimed(struct results *r, const struct tracer_maps *m, const struct name_ix *ix,
			 size_t nix, const struct reclaimed_obj *a, __u32 base_id,
			 const struct reclaimed_count *c, bool fold_dead)
{
	struct count_key k = { .pid = c->pid, .pid_start = c->pid_start };
	const struct object_result *live = live_row(r, ix, nix, a);
	__u64 calls = c->calls * r->sample_every;
	struct object_result *o, from = { .id = base_id, .name = a->name, .file = true,
		.dev = a->dev, .ino = a->ino, .available = a->available, .build_id = a->build_id };
	struct syscall_count *s;

	if (live)
		from = *live;	/* one file: one id, one name */
	if (!calls)
		return 0;
	if (fold_dead && k.pid && fold__key_dead(m->procs, &k))
		k.pid = 0;
	o = find_or_add(r, from.id, k.pid);
	if (!o)
		return -ENOMEM;
	if (!o->name) {
		size_t len = strlen(from.name) + 32;

		o->file = from.file;
		o->dev = from.dev;
		o->ino = from.ino;
		o->available = from.available;
		o->build_id = from.build_id;
		if (!(o->name = malloc(len)) || describe_process(r, m, o))
			return -ENOMEM;
		/* several files of one name, merged (user/reclaim.h) */
		if (a->files && !live)
			snprintf(o->name, len, "%s [%llu files]", from.name,
				 (unsigned long long)a->files);
		else
			snprintf(o->name, len, "%s", from.name);
	}
	/* its file held at one mapping: its build-id */
	if (!o->available && a->available && a->build_id) {
		o->available = true;
		o->build_id = a->build_id;
	}
	if (!(s = results__sys_slot(&o->sys, &o->nr_sys, c->nr)))
		return -ENOMEM;
	s->calls += calls;
	o->calls += calls;
	r->calls += calls;
	return 0;
}

/* The counts of reclaimed objects (user/reclaim.h), each under the live
 * object of the same name if there is one: as if nothing was reclaimed. */
static int merge_reclaimed(struct results *r, const struct tracer_maps *m,
			   const struct reclaim *rc, bool fold_dead)
{
	size_t nrc = reclaim__nr(rc), nix = 0, live = r->nr_objs;
	struct name_ix *ix;
	int err = 0;

	if (!nrc)
		return 0;
	ix = malloc((live ? live : 1) * sizeof(*ix));
	if (!ix)
		return -ENOMEM;
	for (size_t i = 0; i < live; i++)
		if (r->objs[i].file)
			ix[nix++] = (struct name_ix){ r->objs[i].name, i };
	if (nix)
		qsort(ix, nix, sizeof(*ix), cmp_name_ix);
	for (size_t k = 0; k < nrc && !err; k++) {
		const struct reclaimed_obj *a = reclaim__obj(rc, k);

		for (size_t j = 0; j < a->nr_c && !err; j++)
			err = add_reclaimed(r, m, ix, nix, a, RECLAIMED_ID_BASE + (__u32)k, &a->c[j],
					    fold_dead);
	}
	free(ix);
	return err;
}

/* File objects whose file was never held, each id once. */
static __u32 count_unavailable(const struct results *r)
{
	__u32 n = 0;

	for (size_t i = 0; i < r->nr_objs; i++) {
		size_t j;

		for (j = 0; j < i && r->objs[j].id != r->objs[i].id; j++)
			;
		if (j == i && r->objs[i].file && !r->objs[i].available)
			n++;
	}
	return n;
}

int results__collect(struct results *r, const struct tracer *t, const struct options *opts)
{
	const struct tracer_maps *m = tracer__maps(t);
	int ncpu = libbpf_num_possible_cpus(), err;
	size_t i;

	memset(r, 0, sizeof(*r));
	obj_index_free();
	r->sort = opts->sort;
	r->files = tracer__object_files(t);
	r->sample_every = opts->sample_every;
	r->per_process = opts->per_process;
	r->errors = opts->errors;
	r->time = opts->time;
	r->sites = opts->sites;
	r->hist = opts->hist;
	r->depth = opts->depth;
	if (ncpu <= 0)
		return ncpu ? ncpu : -EINVAL;
	if ((err = read_counts(r, m, ncpu)))
		goto out;
	for (i = 0; i < r->nr_objs; i++)
		if ((err = describe_object(r, m, &r->objs[i])))
			goto out;
	if ((err = merge_reclaimed(r, m, tracer__reclaim(t),
				   opts->per_process && options__attaches(opts))))
		goto out;
	for (i = 0; i < r->nr_objs; i++)
		results__sort_sys(r->objs[i].sys, r->objs[i].nr_sys, r->sort);
	if (r->nr_sites)	/* qsort's array must not be NULL, even empty */
		qsort(r->sites_v, r->nr_sites, sizeof(*r->sites_v), cmp_site);
	if ((err = disambiguate_names(r)))
		goto out;
	link_sites(r);
	/* after the names are final: chains name objects too */
	if (r->depth > 1 && (err = chains__collect(r, m->chains, m->obj_infos)))
		goto out;
	tracer__chain_tables(t, &r->chain_tables, &r->chain_tables_refused);
	r->objects_unavailable = count_unavailable(r);
	if (r->nr_objs)
		qsort(r->objs, r->nr_objs, sizeof(*r->objs), cmp_obj);
	err = read_stats(r, m->stats, ncpu);
	r->left_mirrors = results__count_keys(m->mirrors, sizeof(__u64));
	r->left_tasks = count_task_bits(m->task_bits);
	r->left_pending = results__count_keys(m->pending, sizeof(__u32));
	r->objects_interned = tracer__objects_interned(t);
	r->objects_reclaimed = reclaim__freed(tracer__reclaim(t));
	tracer__tables_live(t, &r->tables_live, &r->tables_failed);
	health__collect(r, t);
out:
	obj_index_free();
	return err;
}

struct syscall_count *results__sys_slot(struct syscall_count **v, size_t *n, __u32 nr)
{
	struct syscall_count *nv;
	size_t k;

	for (k = 0; k < *n; k++)
		if ((*v)[k].nr == nr)
			return &(*v)[k];
	nv = realloc(*v, (*n + 1) * sizeof(*nv));
	if (!nv)
		return NULL;
	*v = nv;
	memset(&nv[k], 0, sizeof(*nv));
	nv[k].nr = nr;
	(*n)++;
	return &nv[k];
}

void results__merge_min_max(__u64 *min, __u64 *max, __u64 from_min, __u64 from_max)
{
	/* -T: a min of 0 means no call timed yet */
	if (from_min && (!*min || from_min < *min))
		*min = from_min;
	if (from_max > *max)
		*max = from_max;
}

void results__add_count(struct syscall_count *to, const struct syscall_count *from)
{
	int i;

	to->calls += from->calls;
	to->errors += from->errors;
	to->ns += from->ns;
	results__merge_min_max(&to->min_ns, &to->max_ns, from->min_ns, from->max_ns);
	for (i = 0; i < HIST_SLOTS; i++)
		to->hist[i] += from->hist[i];
}

/* --hist: add key's histogram (summed over CPUs, scaled) to sc. */
static int add_hist(struct syscall_count *sc, int fd, const struct count_key *key,
		    int ncpu, __u32 scale)
{
	struct hist_val *h = calloc(ncpu, sizeof(*h));
	int c, i;

	if (!h)
		return -ENOMEM;
	if (bpf_map_lookup_elem(fd, key, h) == 0)
		for (c = 0; c < ncpu; c++)
			for (i = 0; i < HIST_SLOTS; i++)
				sc->hist[i] += h[c].slots[i] * scale;
	free(h);
	return 0;
}

void results__sort_sys(struct syscall_count *v, size_t n, int sort)
{
	sort_by = sort;
	qsort(v, n, sizeof(*v), sort == SORT_NAME ? cmp_sys_name :
	      sort == SORT_ERRORS || sort == SORT_TIME ? cmp_sys_by : cmp_sys);
}

void results__free(struct results *r)
{
	size_t i;

	for (i = 0; i < r->nr_objs; i++) {
		free(r->objs[i].name);
		free(r->objs[i].sys);
		free(r->objs[i].cgroup);
	}
	free(r->objs);
	free(r->sites_v);
	chains__free(r);
	memset(r, 0, sizeof(*r));
}
