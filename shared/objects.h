/* SPDX-License-Identifier: MIT */
/*
 * Object ids: every mapped file the kernel sees executing code is interned
 * once, keyed by (device, inode), and given a small id. Counts are kept per
 * (object id, syscall). Ids below OBJ_FIRST_FILE name pseudo-objects.
 */
#ifndef SYSO_KAGG_OBJECTS_H
#define SYSO_KAGG_OBJECTS_H

/* Fixed-width types: vmlinux.h on the BPF side, UAPI in userspace. */
#ifndef __VMLINUX_H__
#include <linux/types.h>
#endif

#include "limits.h"

enum obj_special {
	OBJ_UNATTRIBUTED = 0,	/* no call site could be resolved */
	OBJ_VDSO = 1,		/* [vdso] */
	OBJ_ANON = 2,		/* anonymous executable memory (JIT) */
	OBJ_MAP_FULL = 3,	/* [unattributed: map full]: made in a skipped
				 * object of an address space the tool could not
				 * mirror (mirror map or range array full), so
				 * its caller could not be looked for */
	OBJ_FIRST_FILE = 4,
};
_Static_assert(DEFAULT_MAX_OBJECTS > OBJ_FIRST_FILE, "ids below OBJ_FIRST_FILE are not files");

enum obj_flags {
	OBJ_F_VALID = 1u << 0,		/* path filled in */
	OBJ_F_SKIPPED = 1u << 1,	/* transparent: libc or --skip-lib */
	OBJ_F_PATH_TRUNCATED = 1u << 2,	/* deeper or longer than we store */
	OBJ_F_DELETED = 1u << 3,	/* file was unlinked when first seen */
	OBJ_F_WANT_FILE = 1u << 4,	/* userspace holds no descriptor of it yet */
	OBJ_F_ASKED = 1u << 5,		/* an obj_event for it is in flight */
	OBJ_F_PSEUDO = 1u << 6,		/* a pseudo file (memfd): path[] is its own
					 * name, /proc shows "/NAME (deleted)" */
	OBJ_F_WANT_TABLE = 1u << 7,	/* --depth: a chain met it without an unwind
					 * table; asked of userspace once */
	OBJ_F_NO_TABLE = 1u << 8,	/* (obj_info) userspace could not build its
					 * table: its walks are scanned, not deferred */
	OBJ_F_RECLAIMED = 1u << 9,	/* (obj_info) its id is free again, its record
					 * kept until reused (user/reclaim.c) */
};

/* Key of the intern table. */
struct obj_key {
	__u64 dev;
	__u64 ino;
};
_Static_assert(sizeof(struct obj_key) == 16, "struct obj_key: kernel and userspace share this layout: change both sides, then this size");

/* Value of the intern table: the id and the flags the hot path needs. */
struct obj_ref {
	__u32 id;
	__u32 flags;
	__u32 cfi_table;	/* unwind table index (shared/cfi.h), 0 = none */
	__u32 pad;
};
_Static_assert(sizeof(struct obj_ref) == 16, "struct obj_ref: kernel and userspace share this layout: change both sides, then this size");

/* Per-id record read by userspace at exit. */
struct obj_info {
	__u32 flags;
	__u32 path_len;			/* bytes used in path[] */
	__u64 dev;
	__u64 ino;
	char path[OBJ_PATH_BYTES];	/* leaf-first, NUL-separated components */
};
_Static_assert(sizeof(struct obj_info) == 24 + OBJ_PATH_BYTES, "struct obj_info: kernel and userspace share this layout: change both sides, then this size");

/*
 * Kernel -> userspace (ring buffer obj_events): a live process maps the
 * object, at [vm_start, vm_end). Sent when the object is interned, and
 * again at a later sighting while OBJ_F_WANT_FILE is set and no event is
 * in flight (OBJ_F_ASKED), so that an object whose first process was gone
 * before userspace could open it is opened through the next one.
 * Userspace opens /proc/TGID/map_files/START-END and checks (dev, ino):
 * it never opens an object by its path. A skipped object without an
 * unwind table (cfi_table 0: a libc the tool did not expect, another
 * version, a chroot, a container) gets its table built from that file.
 */
struct obj_event {
	__u32 obj_id;
	__u32 flags;		/* OBJ_F_* of the obj_ref when sent */
	__u32 tgid;
	__u32 cfi_table;	/* unwind table index, 0 = none */
	__u64 vm_start;
	__u64 vm_end;
	__u64 dev;		/* the object's obj_key: s_dev, the kernel's */
	__u64 ino;		/* encoding (major << 20 | minor) */
};
_Static_assert(sizeof(struct obj_event) == 48, "struct obj_event: kernel and userspace share this layout: change both sides, then this size");
_Static_assert(sizeof(struct obj_event) + 8 <= OBJ_EVENT_RING_BYTES,
	       "an event with the ring buffer's 8-byte header fits its slot");

/* Name of an object to treat as transparent (key of the skip-name set). */
struct skip_name {
	char name[SKIP_NAME_BYTES];
};
_Static_assert(sizeof(struct skip_name) == SKIP_NAME_BYTES, "struct skip_name: kernel and userspace share this layout: change both sides, then this size");

#endif
