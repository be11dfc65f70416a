/* SPDX-License-Identifier: MIT */
/*
 * Interning of mapped files: (dev, ino) -> small object id, with the path
 * captured in the kernel when the object is first seen, so that objects of
 * processes long gone can still be named at exit. Runs only when a mirror
 * is built (exec, fork, executable mapping changes), never per syscall.
 */
#ifndef SYSO_KAGG_OBJECTS_BPF_H
#define SYSO_KAGG_OBJECTS_BPF_H

#include "maps.bpf.h"

struct path_walk {
	struct obj_info *info;
	struct dentry *d;
	struct vfsmount *vmnt;
	struct mount *mnt;
	__u32 off;		/* bytes written to info->path */
	__u32 flags;		/* OBJ_F_* learned */
	bool done;
};

/* One step up: a path component, or a mount crossed. A bpf_loop callback
 * so that the verifier checks it once (as an unrolled loop of 32 it was
 * most of the programs' verification, hence of start-up). */
static long path_step(__u32 i, void *arg)
{
	struct path_walk *w = arg;
	/* locals: BPF_CORE_READ relocates field accesses of its argument */
	struct dentry *d = w->d, *parent = BPF_CORE_READ(d, d_parent);
	struct vfsmount *vmnt = w->vmnt;
	struct mount *mnt = w->mnt;
	struct dentry *mnt_root = BPF_CORE_READ(vmnt, mnt_root);
	const unsigned char *name;
	__u32 off = w->off;
	long n;

	if (d == mnt_root) {
		struct mount *up = BPF_CORE_READ(mnt, mnt_parent);

		if (up == mnt) {
			w->done = true;		/* the root of the mount tree */
			return 1;
		}
		w->d = BPF_CORE_READ(mnt, mnt_mountpoint);
		w->mnt = up;
		w->vmnt = (void *)up + bpf_core_field_offset(struct mount, mnt);
		return 0;
	}
	if (d == parent) {
		w->done = true;
		return 1;
	}
	if (off > OBJ_PATH_BYTES - OBJ_NAME_BYTES) {
		w->flags |= OBJ_F_PATH_TRUNCATED;
		return 1;
	}
	name = BPF_CORE_READ(d, d_name.name);
	n = bpf_probe_read_kernel_str(&w->info->path[off], OBJ_NAME_BYTES, name);
	if (n <= 0) {
		w->flags |= OBJ_F_PATH_TRUNCATED;
		return 1;
	}
	w->off = off + n;
	w->d = parent;
	return 0;
}

/* Walk dentries from the file up to the global root, crossing mounts,
 * writing components leaf-first. Returns the OBJ_F_* flags it learned. */
static __always_inline __u32 obj_path_fill(struct obj_info *info, struct file *file)
{
	struct path_walk w = {
		.info = info,
		.d = BPF_CORE_READ(file, f_path.dentry),
		.vmnt = BPF_CORE_READ(file, f_path.mnt),
	};

	w.mnt = (void *)w.vmnt - bpf_core_field_offset(struct mount, mnt);
	bpf_loop(OBJ_PATH_DEPTH, path_step, &w, 0);
	if (!w.done)
		w.flags |= OBJ_F_PATH_TRUNCATED;
	info->path_len = w.off;
	return w.flags;
}

/* Is this file's name one we treat as transparent (libc, --skip-lib)? */
static __always_inline bool obj_is_skipped(struct file *file)
{
	struct skip_name key = {};
	const unsigned char *name = BPF_CORE_READ(file, f_path.dentry, d_name.name);

	if (bpf_probe_read_kernel_str(key.name, sizeof(key.name), name) <= 0)
		return false;
	return bpf_map_lookup_elem(&skip_names, &key) != NULL;
}

/*
 * Global (verified once, on its own): the path walk's loop would otherwise
 * be re-verified at every call site and on every path into it, which made
 * loading take seconds. The file comes in as a plain address because a
 * global function cannot take the untrusted pointer vma->vm_file is; all
 * reads through it are CO-RE probe reads anyway.
 */
__noinline int obj_intern_new(__u64 file_addr, struct obj_key *key_arg, struct obj_ref *out)
{
	struct file *file = (struct file *)file_addr;
	struct obj_key key_copy, *key = &key_copy;	/* on the stack: 6.1 takes map keys only from there */
	struct obj_ref ref = {}, *old;
	struct obj_info *info;
	struct inode *inode;
	__u32 id, *table;
	__u8 one = 1;

	if (!key_arg || !out)
		return -1;
	key_copy = *key_arg;
	/* What the walker needs comes first: a skipped object that does not
	 * fit in the table is still walked through with its unwind table. */
	if (obj_is_skipped(file)) {
		ref.flags |= OBJ_F_SKIPPED;
		table = bpf_map_lookup_elem(&cfi_ids, key);
		if (table)
			ref.cfi_table = *table;
	}
	id = __sync_fetch_and_add(&next_obj_id, 1);
	info = bpf_map_lookup_elem(&obj_infos, &id);
	if (!info)
		goto full;
	ref.flags |= obj_path_fill(info, file);
	if (ref.flags & OBJ_F_PATH_TRUNCATED)
		stat_inc(STAT_PATH_TRUNCATED);
	inode = BPF_CORE_READ(file, f_inode);
	if (BPF_CORE_READ(inode, __i_nlink) == 0)
		ref.flags |= OBJ_F_DELETED;
	info->dev = key->dev;
	info->ino = key->ino;
	info->flags = ref.flags | OBJ_F_VALID;
	ref.id = id;
	if (bpf_map_update_elem(&obj_ids, key, &ref, BPF_NOEXIST) == 0) {
		if ((ref.flags & OBJ_F_SKIPPED) && !ref.cfi_table) {
			struct table_request req = { .obj_id = id, .dev = key->dev, .ino = key->ino };

			if (bpf_ringbuf_output(&table_requests, &req, sizeof(req), 0))
				stat_inc(STAT_TABLE_REQUESTS_LOST);
		}
		*out = ref;
		return 0;
	}
	/* Another CPU interned it first (its id wins; ours stays unused and
	 * has no counts), or the table is full. */
	old = bpf_map_lookup_elem(&obj_ids, key);
	if (old) {
		*out = *old;
		return 0;
	}
full:
	/* Counted once per object, not at every mirror build that meets it. */
	if (bpf_map_update_elem(&objects_refused, key, &one, BPF_NOEXIST) == 0)
		stat_inc(STAT_OBJECTS_FULL);
	ref.id = OBJ_UNATTRIBUTED;
	*out = ref;
	return -1;
}

static __always_inline void obj_intern(struct file *file, struct obj_ref *out)
{
	struct inode *inode = BPF_CORE_READ(file, f_inode);
	struct obj_key key = {
		.dev = BPF_CORE_READ(inode, i_sb, s_dev),
		.ino = BPF_CORE_READ(inode, i_ino),
	};
	struct obj_ref *ref = bpf_map_lookup_elem(&obj_ids, &key);

	if (ref) {
		*out = *ref;
		return;
	}
	obj_intern_new((__u64)file, &key, out);
}

#endif
