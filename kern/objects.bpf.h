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

#define FMODE_BACKING_FLAG	(1u << 24)
#define OVERLAYFS_MAGIC		0x794c7630
#define FUSE_MAGIC		0x65735546

/*
 * The path userspace sees for a mapped file. On overlayfs (and FUSE
 * passthrough) the VMA's file is a backing file: the layer's real file,
 * embedded in a struct backing_file that also holds the path the program
 * opened (what /proc/PID/maps and map_files show). Checked three ways
 * (the type exists, the f_mode bit, the user path's file system) so that
 * a kernel with another bit layout falls back to the real file's path.
 */
static __always_inline void obj_user_path(struct file *file, struct dentry **d,
					  struct vfsmount **mnt)
{
	*d = BPF_CORE_READ(file, f_path.dentry);
	*mnt = BPF_CORE_READ(file, f_path.mnt);
	if (bpf_core_type_exists(struct backing_file) &&
	    (BPF_CORE_READ(file, f_mode) & FMODE_BACKING_FLAG)) {
		struct backing_file *bf = (void *)file -
			bpf_core_field_offset(struct backing_file, file);
		struct dentry *ud = BPF_CORE_READ(bf, user_path.dentry);
		unsigned long magic = BPF_CORE_READ(ud, d_sb, s_magic);

		if (ud && (magic == OVERLAYFS_MAGIC || magic == FUSE_MAGIC)) {
			*d = ud;
			*mnt = BPF_CORE_READ(bf, user_path.mnt);
		}
	}
}

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
		/* A pseudo file (memfd, anonymous inode) is its own parent and
		 * below no mount root: its name is all there is. */
		if (off == 0) {
			name = BPF_CORE_READ(d, d_name.name);
			n = bpf_probe_read_kernel_str(w->info->path, OBJ_NAME_BYTES, name);
			if (n > 0) {
				w->off = n;
				w->flags |= OBJ_F_PSEUDO;
			}
		}
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
	struct path_walk w = { .info = info };

	obj_user_path(file, &w.d, &w.vmnt);

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
	const unsigned char *name;
	struct vfsmount *mnt;
	struct dentry *d;

	obj_user_path(file, &d, &mnt);
	name = BPF_CORE_READ(d, d_name.name);

	if (bpf_probe_read_kernel_str(key.name, sizeof(key.name), name) <= 0)
		return false;
	return bpf_map_lookup_elem(&skip_names, &key) != NULL;
}

/* Tell userspace where a live process maps the object (shared/objects.h).
 * Global: verified once, not at every caller's call site. */
__noinline int obj_event_send(struct obj_event *ev)
{
	if (!ev)
		return -1;
	if (bpf_ringbuf_output(&obj_events, ev, sizeof(*ev), 0)) {
		stat_inc(STAT_OBJ_EVENTS_LOST);
		return -1;
	}
	return 0;
}

/* The event about key was lost: ask again at the next sighting. */
static __always_inline void obj_unask(struct obj_key *key)
{
	struct obj_ref *ref = bpf_map_lookup_elem(&obj_ids, key);

	if (ref)
		__sync_fetch_and_and(&ref->flags, ~OBJ_F_ASKED);
}

/*
 * Global (verified once, on its own): the path walk's loop would otherwise
 * be re-verified at every call site and on every path into it, which made
 * loading take seconds. The file comes in as a plain address because a
 * global function cannot take the untrusted pointer vma->vm_file is; all
 * reads through it are CO-RE probe reads anyway.
 */
__noinline int obj_intern_new(__u64 file_addr, struct obj_event *ev, struct obj_ref *out)
{
	struct file *file = (struct file *)file_addr;
	struct obj_ref ref = { .flags = OBJ_F_WANT_FILE | OBJ_F_ASKED }, *old;
	struct obj_key key;
	struct obj_info *info;
	struct inode *inode;
	__u32 id, *table;
	__u8 one = 1;

	if (!ev || !out)
		return -1;
	key.dev = ev->dev;
	key.ino = ev->ino;
	/* What the walker needs comes first: a skipped object that does not
	 * fit in the table is still walked through with its unwind table. */
	if (obj_is_skipped(file)) {
		ref.flags |= OBJ_F_SKIPPED;
		table = bpf_map_lookup_elem(&cfi_ids, &key);
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
	{
		struct vfsmount *mnt;
		struct dentry *d;

		obj_user_path(file, &d, &mnt);
		inode = BPF_CORE_READ(d, d_inode);
	}
	if (BPF_CORE_READ(inode, __i_nlink) == 0)
		ref.flags |= OBJ_F_DELETED;
	info->dev = key.dev;
	info->ino = key.ino;
	info->flags = ref.flags | OBJ_F_VALID;
	ref.id = id;
	if (bpf_map_update_elem(&obj_ids, &key, &ref, BPF_NOEXIST) == 0) {
		ev->obj_id = id;
		ev->flags = ref.flags;
		ev->cfi_table = ref.cfi_table;
		if (obj_event_send(ev))
			obj_unask(&key);
		*out = ref;
		return 0;
	}
	/* Another CPU interned it first (its id wins; ours stays unused and
	 * has no counts), or the table is full. */
	old = bpf_map_lookup_elem(&obj_ids, &key);
	if (old) {
		*out = *old;
		return 0;
	}
full:
	/* Counted once per object, not at every mirror build that meets it. */
	if (bpf_map_update_elem(&objects_refused, &key, &one, BPF_NOEXIST) == 0)
		stat_inc(STAT_OBJECTS_FULL);
	ref.id = OBJ_UNATTRIBUTED;
	*out = ref;
	return -1;
}

/* The object of file, mapped by process tgid at [start, end): its ref,
 * interned now if new. Userspace hears of it while it still has no
 * descriptor of the file (OBJ_F_WANT_FILE) and no event is in flight. */
/* (dev, ino) of the inode userspace sees for file (map_files, fstat,
 * maps). Global: the backing-file test is verified once. */
__noinline int obj_key_of(__u64 file_addr, struct obj_event *ev)
{
	struct file *file = (struct file *)file_addr;
	struct vfsmount *mnt;
	struct dentry *d;
	struct inode *inode;

	if (!ev)
		return -1;
	obj_user_path(file, &d, &mnt);
	inode = BPF_CORE_READ(d, d_inode);
	ev->dev = BPF_CORE_READ(inode, i_sb, s_dev);
	ev->ino = BPF_CORE_READ(inode, i_ino);
	return 0;
}

/* The object of file, mapped by process tgid at [start, end): its ref,
 * interned now if new. Userspace hears of it while it still has no
 * descriptor of the file (OBJ_F_WANT_FILE) and no event is in flight. */
/* The event being made, per CPU: not on the BPF stack, which Linux 6.1
 * limits to 512 bytes per call chain (sys_enter -> cfi_step ->
 * mirror_resolve -> its bpf_find_vma callback -> obj_intern_new). */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct obj_event);
} obj_event_scratch SEC(".maps");

static __always_inline void obj_intern(struct file *file, __u32 tgid, __u64 start, __u64 end,
				       struct obj_ref *out)
{
	struct obj_event *ev;
	struct obj_key key;
	struct obj_ref *ref;
	__u32 zero = 0;

	ev = bpf_map_lookup_elem(&obj_event_scratch, &zero);
	if (!ev) {
		out->id = OBJ_UNATTRIBUTED;
		out->flags = out->cfi_table = 0;
		return;
	}
	*ev = (struct obj_event){ .tgid = tgid, .vm_start = start, .vm_end = end };
	obj_key_of((__u64)file, ev);
	key.dev = ev->dev;
	key.ino = ev->ino;
	ref = bpf_map_lookup_elem(&obj_ids, &key);
	if (ref) {
		if ((ref->flags & (OBJ_F_WANT_FILE | OBJ_F_ASKED)) == OBJ_F_WANT_FILE) {
			__sync_fetch_and_or(&ref->flags, OBJ_F_ASKED);
			ev->obj_id = ref->id;
			ev->flags = ref->flags;
			ev->cfi_table = ref->cfi_table;
			if (obj_event_send(ev))
				__sync_fetch_and_and(&ref->flags, ~OBJ_F_ASKED);
		}
		*out = *ref;
		return;
	}
	obj_intern_new((__u64)file, ev, out);
}

#endif
