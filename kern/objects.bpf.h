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
	struct dentry *d;
	struct vfsmount *vmnt;
	struct mount *mnt;
	__u32 off;		/* bytes written to info->path */
	__u32 flags;		/* OBJ_F_* learned */
	bool done;
};

/* bpf_loop's context must be on the stack; what it points at is per CPU
 * (intern_scratch), off the 512-byte call-chain stack of Linux 6.1. */
struct path_arg {
	struct path_walk *w;
	struct obj_info *info;
};

/* One step up: a path component, or a mount crossed. A bpf_loop callback
 * so that the verifier checks it once (as an unrolled loop of 32 it was
 * most of the programs' verification, hence of start-up). */
static long path_step(__u32 i, void *arg)
{
	struct path_arg *a = arg;
	struct path_walk *w = a->w;
	struct obj_info *info = a->info;
	/* locals: BPF_CORE_READ relocates field accesses of its argument */
	struct dentry *d, *parent, *mnt_root;
	struct vfsmount *vmnt;
	struct mount *mnt;
	const unsigned char *name;
	__u32 off;
	long n;

	if (!w || !info)
		return 1;
	d = w->d;
	parent = BPF_CORE_READ(d, d_parent);
	vmnt = w->vmnt;
	mnt = w->mnt;
	mnt_root = BPF_CORE_READ(vmnt, mnt_root);
	off = w->off;
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
			n = bpf_probe_read_kernel_str(info->path, OBJ_NAME_BYTES, name);
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
	n = bpf_probe_read_kernel_str(&info->path[off], OBJ_NAME_BYTES, name);
	if (n <= 0) {
		w->flags |= OBJ_F_PATH_TRUNCATED;
		return 1;
	}
	w->off = off + n;
	w->d = parent;
	return 0;
}

/*
 * Everything interning an object works on, per CPU and not on the BPF
 * stack: interning runs at the deep end of the longest call chain
 * (sys_enter -> walk step -> cfi_step -> mirror_resolve -> its bpf_find_vma
 * callback -> obj_intern_new -> path_step), which Linux 6.1 limits to 512
 * bytes in all (test/cases/bpf_stack_fits.sh checks the sum). Programs do
 * not nest on a CPU, and an intern does not nest in another.
 */
struct intern_scratch {
	struct obj_event ev;		/* the event being made */
	struct obj_key key;
	struct obj_ref ref;		/* the ref being made */
	struct skip_name skip;		/* the file's name, as a skip_names key */
	struct path_walk walk;
	__u32 id;			/* the id being given (a map value: */
	__u32 reused;			/* free_obj_ids pops into it) */
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct intern_scratch);
} intern_scratch SEC(".maps");

/* Walk dentries from the file up to the global root, crossing mounts,
 * writing components leaf-first. Returns the OBJ_F_* flags it learned. */
static __always_inline __u32 obj_path_fill(struct path_walk *w, struct obj_info *info,
					   struct file *file)
{
	struct path_arg a = { .w = w, .info = info };

	*w = (struct path_walk){};
	obj_user_path(file, &w->d, &w->vmnt);
	w->mnt = (void *)w->vmnt - bpf_core_field_offset(struct mount, mnt);
	bpf_loop(OBJ_PATH_DEPTH, path_step, &a, 0);
	if (!w->done)
		w->flags |= OBJ_F_PATH_TRUNCATED;
	info->path_len = w->off;
	return w->flags;
}

/* Is this file's name one we treat as transparent (libc, --skip-lib)? */
static __always_inline bool obj_is_skipped(struct skip_name *key, struct file *file)
{
	const unsigned char *name;
	struct vfsmount *mnt;
	struct dentry *d;

	obj_user_path(file, &d, &mnt);
	name = BPF_CORE_READ(d, d_name.name);
	__builtin_memset(key, 0, sizeof(*key));
	if (bpf_probe_read_kernel_str(key->name, sizeof(key->name), name) <= 0)
		return false;
	return bpf_map_lookup_elem(&skip_names, key) != NULL;
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
__noinline int obj_intern_new(__u64 file_addr, struct obj_ref *out)
{
	struct file *file = (struct file *)file_addr;
	struct obj_ref *ref, *old;
	struct obj_event *ev;
	struct obj_key *key;
	struct obj_info *info;
	struct inode *inode;
	struct intern_scratch *sc;
	__u32 id, *table, zero = 0;
	__u8 one = 1;
	long err = -E2BIG;	/* no slot left in obj_infos */

	/* looked up here, not passed: a global function's pointer argument
	 * is plain memory to the verifier, which 6.1 refuses as a map key */
	sc = bpf_map_lookup_elem(&intern_scratch, &zero);
	if (!sc || !out)
		return -1;
	ev = &sc->ev;
	key = &sc->key;
	ref = &sc->ref;
	*ref = (struct obj_ref){ .flags = OBJ_F_WANT_FILE | OBJ_F_ASKED };
	key->dev = ev->dev;
	key->ino = ev->ino;
	/* What the walker needs comes first: a skipped object that does not
	 * fit in the table is still walked through with its unwind table. */
	if (obj_is_skipped(&sc->skip, file))
		ref->flags |= OBJ_F_SKIPPED;
	/* --depth > 1 gives other objects tables too (kern/chain.bpf.h) */
	table = bpf_map_lookup_elem(&cfi_ids, key);
	if (table)
		ref->cfi_table = *table;
	/* a reclaimed id first: its old object's counts are folded, and no
	 * mirror or obj_ids entry names it any more (user/reclaim.c) */
	sc->reused = bpf_map_pop_elem(&free_obj_ids, &sc->id) == 0;
	if (sc->reused) {
		__sync_fetch_and_add(&obj_ids_reused, 1);
	} else {
		/* past the table: refused without moving next_obj_id, which
		 * a refused object, asked for at each of its calls (it is not
		 * mirrored), would otherwise wrap around */
		sc->id = next_obj_id;
		if (!bpf_map_lookup_elem(&obj_infos, &sc->id))
			goto full;
		sc->id = __sync_fetch_and_add(&next_obj_id, 1);
	}
	id = sc->id;
	info = bpf_map_lookup_elem(&obj_infos, &id);
	if (!info)
		goto full;
	ref->flags |= obj_path_fill(&sc->walk, info, file);
	if (ref->flags & OBJ_F_PATH_TRUNCATED)
		stat_inc(STAT_PATH_TRUNCATED);
	{
		struct vfsmount *mnt;
		struct dentry *d;

		obj_user_path(file, &d, &mnt);
		inode = BPF_CORE_READ(d, d_inode);
	}
	if (BPF_CORE_READ(inode, __i_nlink) == 0)
		ref->flags |= OBJ_F_DELETED;
	info->dev = key->dev;
	info->ino = key->ino;
	info->flags = ref->flags | OBJ_F_VALID;
	ref->id = id;
	err = bpf_map_update_elem(&obj_ids, key, ref, BPF_NOEXIST);
	if (!err) {
		ev->obj_id = id;
		ev->flags = ref->flags;
		ev->cfi_table = ref->cfi_table;
		if (obj_event_send(ev))
			obj_unask(key);
		*out = *ref;
		return 0;
	}
	/* Another CPU interned it first (its id wins; ours has no counts and
	 * no obj_ids entry: userspace reclaims it like any unmapped one), or
	 * the table is full. */
	old = bpf_map_lookup_elem(&obj_ids, key);
	if (old) {
		*out = *old;
		return 0;
	}
full:
	/* Counted once per object, not at every mirror build that meets it. */
	if (bpf_map_update_elem(&objects_refused, key, &one, BPF_NOEXIST) == 0)
		stat_inc(insert_loss(err, STAT_OBJECTS_FULL));
	ref->id = OBJ_UNATTRIBUTED;
	*out = *ref;
	return -1;
}

/* The object of file, mapped by process tgid at [start, end): its ref,
 * interned now if new. Userspace hears of it while it still has no
 * descriptor of the file (OBJ_F_WANT_FILE) and no event is in flight. */
/* (dev, ino) of the inode userspace sees for file (map_files, fstat,
 * maps): the object's key. */
static __always_inline void obj_key_read(struct file *file, __u64 *dev, __u64 *ino)
{
	struct vfsmount *mnt;
	struct dentry *d;
	struct inode *inode;

	obj_user_path(file, &d, &mnt);
	inode = BPF_CORE_READ(d, d_inode);
	*dev = BPF_CORE_READ(inode, i_sb, s_dev);
	*ino = BPF_CORE_READ(inode, i_ino);
}

/* obj_key_read into an event. Global: the backing-file test is verified
 * once. */
__noinline int obj_key_of(__u64 file_addr, struct obj_event *ev)
{
	if (!ev)
		return -1;
	obj_key_read((struct file *)file_addr, &ev->dev, &ev->ino);
	return 0;
}

/* The object of file, mapped by process tgid at [start, end): its ref,
 * interned now if new. Userspace hears of it while it still has no
 * descriptor of the file (OBJ_F_WANT_FILE) and no event is in flight. */
/* The ref of file's object if it is interned and nothing is to be sent
 * about it (obj_intern then has nothing to do); false otherwise. No
 * global calls: this runs at the deep end of a walk step's chain. */
static __always_inline bool obj_known(struct file *file, struct obj_ref *out)
{
	struct intern_scratch *sc;
	struct obj_ref *ref;
	__u32 zero = 0;

	sc = bpf_map_lookup_elem(&intern_scratch, &zero);
	if (!sc)
		return false;
	obj_key_read(file, &sc->key.dev, &sc->key.ino);
	ref = bpf_map_lookup_elem(&obj_ids, &sc->key);
	if (!ref || (ref->flags & (OBJ_F_WANT_FILE | OBJ_F_ASKED)) == OBJ_F_WANT_FILE)
		return false;
	*out = *ref;
	return true;
}

static __always_inline void obj_intern(struct file *file, __u32 tgid, __u64 start, __u64 end,
				       struct obj_ref *out)
{
	struct intern_scratch *sc;
	struct obj_event *ev;
	struct obj_ref *ref;
	__u32 zero = 0;

	sc = bpf_map_lookup_elem(&intern_scratch, &zero);
	if (!sc) {
		out->id = OBJ_UNATTRIBUTED;
		out->flags = out->cfi_table = 0;
		return;
	}
	ev = &sc->ev;
	*ev = (struct obj_event){ .tgid = tgid, .vm_start = start, .vm_end = end };
	obj_key_of((__u64)file, ev);
	sc->key.dev = ev->dev;
	sc->key.ino = ev->ino;
	ref = bpf_map_lookup_elem(&obj_ids, &sc->key);
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
	obj_intern_new((__u64)file, out);	/* sc->ev filled, for it */
}

#endif
