// SPDX-License-Identifier: MIT
/* --depth: the kernel's interned call chains, read back and named. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/bpf.h>

#include "shared/objects.h"
#include "objects.h"
#include "chains.h"
#include "object_files.h"
#include "results.h"
#include "symbols.h"

static int cmp_id(const void *a, const void *b)
{
	const struct chain_entry *x = a, *y = b;

	return x->id < y->id ? -1 : x->id > y->id;
}

int chains__read(int fd, struct chain_entry **out, size_t *n)
{
	struct chain_key key, next, *prev = NULL;
	struct chain_entry *v = NULL;
	size_t nr = 0, cap = 0;
	__u64 id;

	while (bpf_map_get_next_key(fd, prev, &next) == 0) {
		key = next;
		prev = &key;
		if (bpf_map_lookup_elem(fd, &key, &id))
			continue;	/* nothing deletes chains */
		if (nr == cap) {
			struct chain_entry *w;

			cap = cap ? 2 * cap : 64;
			w = realloc(v, cap * sizeof(*v));
			if (!w) {
				free(v);
				return -ENOMEM;
			}
			v = w;
		}
		v[nr].id = id;
		v[nr].key = key;
		nr++;
	}
	if (nr)
		qsort(v, nr, sizeof(*v), cmp_id);
	*out = v;
	*n = nr;
	return 0;
}

const struct chain_key *chains__find(const struct chain_entry *v, size_t n, __u64 id)
{
	struct chain_entry k = { .id = id };
	const struct chain_entry *e = n ? bsearch(&k, v, n, sizeof(*v), cmp_id) : NULL;

	return e ? &e->key : NULL;
}

unsigned int chains__frames(const struct chain_key *k, __u32 *end)
{
	unsigned int i;

	*end = 0;
	for (i = 0; i < CHAIN_MAX_DEPTH && k->f[i].obj_id; i++) {
		if (k->f[i].obj_id == CHAIN_MARK) {
			*end = k->f[i].off;
			break;
		}
	}
	return i;
}

const char *chains__end_name(__u32 end)
{
	switch (end) {
	case 0:
		return NULL;
	case CHAIN_END_NO_TABLE:
		return "no_table";
	case CHAIN_END_NO_ROW:
		return "no_row";
	case CHAIN_END_UNREADABLE:
		return "unreadable";
	case CHAIN_END_NOT_FOLLOWED:
		return "not_followed";
	case CHAIN_END_NEW_OBJECTS:
		return "new_objects_limit";
	default:
		return "unknown";
	}
}

static const char *leaf_of(const char *name)
{
	const char *slash = strrchr(name, '/');

	return slash && slash[1] ? slash + 1 : name;
}

static int add_object(struct results *r, int infos_fd, __u32 id)
{
	struct chain_object *v;
	struct obj_info info;
	char buf[32], *name;
	size_t i;

	for (i = 0; i < r->nr_chain_objs; i++)
		if (r->chain_objs[i].id == id)
			return 0;
	if (id == OBJ_VDSO)
		name = strdup("[vdso]");
	else if (id == OBJ_ANON)
		name = strdup("[anon]");
	else if (bpf_map_lookup_elem(infos_fd, &id, &info) || !(info.flags & OBJ_F_VALID))
		name = (snprintf(buf, sizeof(buf), "[object %u]", id), strdup(buf));
	else
		name = objects__path(&info, object_files__deleted(r->files, id));
	v = name ? realloc(r->chain_objs, (r->nr_chain_objs + 1) * sizeof(*v)) : NULL;
	if (!v) {
		free(name);
		return -ENOMEM;
	}
	r->chain_objs = v;
	v[r->nr_chain_objs++] = (struct chain_object){ .id = id, .name = name };
	return 0;
}

int chains__collect(struct results *r, int chains_fd, int infos_fd)
{
	int e = chains__read(chains_fd, &r->chains, &r->nr_chains);

	for (size_t i = 0; !e && i < r->nr_chains; i++) {
		__u32 end;
		unsigned int n = chains__frames(&r->chains[i].key, &end);

		for (unsigned int j = 0; !e && j < n; j++)
			e = add_object(r, infos_fd, r->chains[i].key.f[j].obj_id);
	}
	for (size_t i = 0; !e && i < r->nr_sites; i++) {
		struct site_result *sv = &r->sites_v[i];

		/* COUNT_SITE_CHAIN clear: the chain table was full, the first
		 * frame alone */
		if (sv->site & COUNT_SITE_CHAIN)
			sv->chain = chains__find(r->chains, r->nr_chains,
						 sv->site & ~COUNT_SITE_CHAIN);
		e = add_object(r, infos_fd, sv->obj_id);
	}
	return e;
}

void chains__free(struct results *r)
{
	for (size_t i = 0; i < r->nr_chain_objs; i++)
		free(r->chain_objs[i].name);
	free(r->chain_objs);
	free(r->chains);
}

static const char *object_leaf(const struct results *r, __u32 id)
{
	for (size_t i = 0; i < r->nr_chain_objs; i++)
		if (r->chain_objs[i].id == id)
			return leaf_of(r->chain_objs[i].name);
	for (size_t i = 0; i < r->nr_objs; i++)	/* --sites alone */
		if (r->objs[i].id == id)
			return leaf_of(r->objs[i].name);
	return "?";
}

void chains__frame_name(const struct results *r, const struct chain_frame *f, int with_offset,
			char *buf, size_t len)
{
	struct symbols *syms = object_files__symbols(r->files, f->obj_id);
	const char *obj = object_leaf(r, f->obj_id), *sym;
	__u64 delta;

	/* a return address (or the syscall's own pc, looked up the same) */
	sym = symbols__lookup_return(syms, f->off, &delta);
	if (sym && with_offset)
		snprintf(buf, len, "%s`%s+0x%llx", obj, sym, (unsigned long long)delta);
	else if (sym)
		snprintf(buf, len, "%s`%s", obj, sym);
	else
		snprintf(buf, len, "%s`+0x%x", obj, f->off);
}

const struct chain_key *chains__of(const struct site_result *sv, struct chain_key *one)
{
	if (sv->chain)
		return sv->chain;
	/* the first frame alone (chain table full, or --sites without --depth) */
	memset(one, 0, sizeof(*one));
	one->f[0].obj_id = sv->obj_id;
	one->f[0].off = sv->site & ~COUNT_SITE_CHAIN;
	return one;
}
